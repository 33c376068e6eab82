"""End to end: the installed `newsreader` command in a real terminal (tmux, 80x24).

Waits by polling `tmux capture-pane` (bounded), never by fixed sleeps.
"""

from __future__ import annotations

import os
import re
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
        result = subprocess.run(
            ["tmux", "-u", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=10,
        )
        if result.returncode != 0:
            raise subprocess.CalledProcessError(
                result.returncode, result.args, result.stdout, result.stderr
            )
        return result.stdout

    def start(self, command: str, width: int = 80, height: int = 24) -> None:
        self.run(
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), command
        )

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
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"],
            capture_output=True,
            env=self.env,
            timeout=10,
        )


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
    command = (
        f"env -u NEWSREADER_CORPUS {assignments} {shlex.quote(_newsreader())}; "
        f"echo EXIT:$? > {shlex.quote(str(exit_file))}"
    )
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


RELAUNCHES = 10


def _generated_corpus(root: Path, count: int) -> Path:
    """`count` small articles over several directives and years."""
    root.mkdir(parents=True)
    codes = ["39-CT/TW", "35-NQ/TW", "21-KL/TW", "05-CT/TU"]
    for n in range(count):
        code = codes[n % len(codes)]
        year = 2014 + n % 11
        (root / f"bai-{n:04d}.txt").write_text(
            f"Hội nghị quán triệt {code} số {n}\n\n"
            f"{n % 28 + 1:02d}/{n % 12 + 1:02d}/{year} 08:00\n\n"
            f"Sáng {n % 28 + 1}/{n % 12 + 1}, Tỉnh ủy tổ chức hội nghị quán triệt {code}. "
            f"Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy chủ trì hội nghị.\n",
            encoding="utf-8",
        )
    return root


# A directive node of the tree with its count of articles: "Chỉ thị 39-CT/TW (2)".
TREE_GROUP = re.compile(r"(Chỉ thị|Nghị quyết|Kết luận) \S+ \(\d+\)")


def _launch_and_quit(tmux: Tmux, command: str) -> None:
    """One launch: the tree with articles must show (within TIMEOUT), then q quits."""
    tmux.socket = f"newsreader-e2e-{uuid.uuid4().hex[:8]}"  # a fresh server each time
    tmux.start(command, width=100, height=30)
    try:
        screen = tmux.wait_for(
            lambda s: TREE_GROUP.search(s) or "No articles" in s, "the tree (or an empty screen)"
        )
        assert "No articles" not in screen, screen
        tmux.keys("q")
        tmux.wait_for(lambda s: "QUIT" in s, "the reader to quit")
    finally:
        tmux.kill()


@pytest.mark.parametrize("corpus", ["bundled", "generated-300"])
@pytest.mark.parametrize("warmed_by", ["the reader", "newsreader list"])
def test_relaunch_on_a_warm_cache_always_shows_the_tree(tmux, tmp_path, corpus, warmed_by):
    """The reader launched again and again on a warm cache (warmed by itself, or by
    `newsreader list`) shows the tree with articles every time, never an empty screen."""
    env = {
        "NEWSREADER_DATA_DIR": str(tmp_path / "data"),
        "NEWSREADER_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    corpus_args = ""
    if corpus != "bundled":
        folder = _generated_corpus(tmp_path / "corpus", 300)
        corpus_args = f"--corpus {shlex.quote(str(folder))}"
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    reader = f"env -u NEWSREADER_CORPUS {assignments} {shlex.quote(_newsreader())} {corpus_args}"
    if warmed_by == "newsreader list":
        subprocess.run(
            f"{reader} list > /dev/null",
            shell=True,
            check=True,
            timeout=120,
            env={**os.environ, "LANG": "C.UTF-8"},
        )
    else:
        _launch_and_quit(tmux, f"sh -c {shlex.quote(reader + '; echo QUIT; sleep 60')}")
    for _ in range(RELAUNCHES):
        _launch_and_quit(tmux, f"sh -c {shlex.quote(reader + '; echo QUIT; sleep 60')}")
