#!/usr/bin/env python3
"""Start-up time: `newsreader` on the bundled corpus vs a bare Textual app with one label.

    .venv/bin/python benchmarks/startup.py [--runs 7]

Both run in a pseudo-terminal (100x30) and exit right after their first painted screen, by
the same mechanism (call_after_refresh(exit) once there is something to see; for newsreader
that is the loaded corpus with an article open, not the loading screen). The time is from
process start to process exit, median of the runs, after one unmeasured warm-up each;
the runs alternate between the two apps so both see the same machine state.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("newsreader")

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run()
"""


def newsreader_command() -> list[str]:
    beside = Path(sys.executable).with_name("newsreader")
    if beside.exists():
        return [str(beside)]
    return [sys.executable, "-m", "newsreader"]


def timed_run(command: list[str], env: dict[str, str], size=(100, 30), timeout=60.0) -> float:
    """Seconds from spawning `command` on a fresh pty until it exits (status must be 0)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    deadline = start + timeout
    try:
        while process.poll() is None:
            if time.perf_counter() > deadline:
                process.kill()
                raise RuntimeError(f"{command[0]} did not exit within {timeout}s")
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    os.read(master, 65536)  # drain the screen output so the app never blocks
                except OSError:
                    pass
        elapsed = time.perf_counter() - start
    finally:
        os.close(master)
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} exited with {process.returncode}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per app (>= 5)")
    args = parser.parse_args()
    runs = max(5, args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "NEWSREADER_EXIT_AFTER_PAINT": "1",
            "NEWSREADER_DATA_DIR": str(Path(tmp) / "data"),
            "NEWSREADER_CACHE_DIR": str(Path(tmp) / "cache"),
        }
        env.pop("NEWSREADER_CORPUS", None)
        env.pop("TEXTUAL", None)
        # The warm-up run writes newsreader's .pyc files, as an install has them (Textual's
        # come with its wheel): with this set, every run compiled newsreader (~100 ms).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        apps = {
            "newsreader (bundled corpus)": newsreader_command(),
            "bare Textual app (one label)": [sys.executable, "-c", BARE_APP],
        }
        times: dict[str, list[float]] = {name: [] for name in apps}
        for command in apps.values():
            timed_run(command, env)  # warm-up: disk cache, .pyc files
        for _ in range(runs):
            for name, command in apps.items():
                times[name].append(timed_run(command, env))

    medians = {name: statistics.median(values) for name, values in times.items()}
    width = max(len(name) for name in apps)
    print(f"start-up to first painted screen, median of {runs} runs (pty 100x30):")
    for name, values in times.items():
        spread = f"min {min(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"
        print(f"  {name:<{width}}  {medians[name] * 1000:7.0f} ms   ({spread})")
    names = list(apps)
    ratio = medians[names[0]] / medians[names[1]]
    print(f"  ratio newsreader / bare: {ratio:.2f} (goal <= 1.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
