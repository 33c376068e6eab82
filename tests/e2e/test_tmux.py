"""End to end: the installed `newsreader` command in a real terminal (tmux, 80x24).

Waits by polling `tmux capture-pane` (bounded), never by fixed sleeps.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TIMEOUT = 20.0


def _newsreader() -> str:
    beside = Path(sys.executable).with_name("newsreader")
    if beside.exists():
        return str(beside)
    found = shutil.which("newsreader")
    if not found:
        pytest.fail("the newsreader command is not installed (pip install -e .)")
    return found


class Tmux:
    def __init__(self, tmp: Path) -> None:
        self.socket = f"newsreader-e2e-{uuid.uuid4().hex[:8]}"
        self.session = "nr"
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        self.tmp = tmp

    def run(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-u", "-L", self.socket, *args], capture_output=True,
                                text=True, env=self.env, timeout=10, check=True)
        return result.stdout

    def start(self, command: str, width: int = 80, height: int = 24) -> None:
        self.run("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
                 command)

    def screen(self) -> str:
        try:
            return self.run("capture-pane", "-p", "-t", self.session)
        except subprocess.CalledProcessError:
            return ""

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.session, key)

    def wait_for(self, condition, what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)  # polling interval, not a wait for a guessed duration
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{screen}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       env=self.env, timeout=10)


@pytest.fixture
def tmux(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    session = Tmux(tmp_path)
    yield session
    session.kill()


def test_newsreader_in_a_real_terminal(tmux, tmp_path):
    exit_file = tmp_path / "exit"
    env = {
        "NEWSREADER_DATA_DIR": str(tmp_path / "data"),
        "NEWSREADER_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = (f"env -u NEWSREADER_CORPUS {assignments} {shlex.quote(_newsreader())}; "
               f"echo EXIT:$? > {shlex.quote(str(exit_file))}")
    tmux.start(f"sh -c {shlex.quote(command)}")

    screen = tmux.wait_for(
        lambda s: "Chỉ thị 39-CT/TW" in s and "2024" in s and "2019" in s and "¶" in s,
        "the tree with Chỉ thị 39-CT/TW, 2024 and 2019",
    )
    tree = "\n".join(line[:30] for line in screen.splitlines())
    assert "Chỉ thị 39-CT/TW" in tree and "2024" in tree and "2019" in tree

    # Tab to the tree, top, down to the 2019 article, Enter opens it.
    tmux.keys("Tab", "g", "j", "j", "j", "j", "Enter")
    screen = tmux.wait_for(lambda s: "Published 04/11/2019" in s, "the 2019 article")
    assert "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW" in screen
    assert "Lê Văn Châu" in screen

    tmux.keys("q")
    deadline = time.monotonic() + TIMEOUT
    while not exit_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert exit_file.read_text().strip() == "EXIT:0"
