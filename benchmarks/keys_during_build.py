#!/usr/bin/env python3
"""How fast the reader answers a key while a first build runs in the background, and idle
after it: the tree cursor moved by a key event, from the event's arrival at the app to the
cursor's move, in a headless reader (Textual's test harness; the terminal's own drawing is
not included).

    .venv/bin/python benchmarks/keys_during_build.py [--articles 5000]

The corpus is generated (benchmarks/gen_corpus.py) into a temporary folder with its own
data, cache and config dirs; nothing of the user's is read or written.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_corpus  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def measure(root: Path) -> tuple[list[float], list[float]]:
    from textual import events

    from newsreader.app.main import NewsreaderApp
    from newsreader.core.library import Library

    app = NewsreaderApp(Library(root), "en")
    during: list[float] = []
    idle: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        tree = screen.sidebar
        for _ in range(100_000):  # the first batch's articles on screen
            if screen.flow.state != "opening" and tree.root.children:
                break
            await pilot.pause()
        tree.focus()
        await pilot.pause()
        keys = ["down", "up"]

        async def one() -> float:
            before = tree.cursor_line
            keys.reverse()
            start = time.perf_counter()
            app.post_message(events.Key(keys[0], None))
            while tree.cursor_line == before and time.perf_counter() - start < 10:
                await asyncio.sleep(0)
            return time.perf_counter() - start

        while not screen.flow.done:
            answered = await one()
            if not screen.flow.done:
                during.append(answered)
            await asyncio.sleep(0.05)
        for thread in [t for t in threading.enumerate() if t.name == "load-corpus"]:
            await asyncio.to_thread(thread.join, 600)
        for _ in range(30):
            idle.append(await one())
            await asyncio.sleep(0.02)
    return during, idle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsreader-keys-") as folder:
        base = Path(folder)
        for name in ("data", "cache", "config"):
            os.environ[f"NEWSREADER_{name.upper()}_DIR"] = str(base / name)
        root = base / "corpus"
        gen_corpus.generate(root, args.articles, seed=3)
        during, idle = asyncio.run(measure(root))
    if not during:
        print("the build ended before a key could be pressed", file=sys.stderr)
        return 1
    print(f"| keys | while a {args.articles}-article first build runs | idle after it |")
    print("|---|---|---|")
    for label, pick in (
        ("median", statistics.median),
        ("p95", lambda v: percentile(v, 0.95)),
        ("max", max),
    ):
        print(f"| {label} | {pick(during) * 1000:.1f} ms | {pick(idle) * 1000:.1f} ms |")
    print(f"| count | {len(during)} | {len(idle)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
