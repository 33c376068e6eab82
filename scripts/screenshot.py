#!/usr/bin/env python3
"""Refresh the README's pictures of the reader: docs/screenshot.svg and the key table.

    .venv/bin/python scripts/screenshot.py [--size 100x30] [--lang en|vi]

The SVG is Textual's own screenshot export of the app on the bundled corpus (first run, so
the newest article is open). The key table comes from newsreader.app.keys.markdown_table()
and is written to docs/keys.md and, when README.md has the markers
`<!-- keys:start -->` and `<!-- keys:end -->`, between them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- keys:start -->", "<!-- keys:end -->"


async def _shoot(corpus: Path, out: Path, size: tuple[int, int], lang: str) -> None:
    from newsreader.app.main import NewsreaderApp
    from newsreader.core.library import Library

    app = NewsreaderApp(Library(corpus), lang)
    async with app.run_test(size=size) as pilot:
        for _ in range(200):
            if app.main_screen.flow.done:
                break
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("j")  # show the passage cursor off the first paragraph
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))


def update_readme(table: str, readme: Path) -> bool:
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return False
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{table}{END}{tail}", encoding="utf-8")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100x30", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--lang", default="en", choices=["en", "vi"])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.svg")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))

    from newsreader.app.keys import markdown_table
    from newsreader.locations import bundled_corpus

    with tempfile.TemporaryDirectory() as tmp:
        # A fresh data dir (first run: newest article) and a corpus folder named "corpus".
        os.environ["NEWSREADER_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["NEWSREADER_CACHE_DIR"] = str(Path(tmp) / "cache")
        corpus = Path(tmp) / "corpus"
        shutil.copytree(bundled_corpus(), corpus)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        asyncio.run(_shoot(corpus, args.out, (width, height), args.lang))
    print(f"wrote {args.out}")

    table = markdown_table(args.lang)
    keys_md = ROOT / "docs" / "keys.md"
    keys_md.write_text(table, encoding="utf-8")
    print(f"wrote {keys_md}")
    if update_readme(table, ROOT / "README.md"):
        print("updated the key table in README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
