#!/usr/bin/env python3
"""Bookmark-scale benchmark: import N bookmarks, then list them twice, each a fresh
`newsreader` process, with wall time and peak memory (from wait4's rusage).

    .venv/bin/python benchmarks/bookmarks.py [--count 100000] [--work DIR]

The bookmarks are passages of the bundled corpus, each quote a little edited so that all N
are distinct (and imported) and the first listing has fuzzy re-anchoring to do for every one:
the worst case. The second listing shows what a listing costs once they are anchored.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsreader import locations
from newsreader.core.corpus.load import load_corpus


def make_export(count: int, path: Path) -> None:
    articles = load_corpus(locations.bundled_corpus()).articles
    rng = random.Random(1)
    items = []
    for n in range(count):
        article = articles[n % len(articles)]
        first = rng.randrange(len(article.paragraphs))
        last = min(len(article.paragraphs) - 1, first + rng.randrange(3))
        quote = "\n\n".join(article.paragraphs[first : last + 1])
        items.append(
            {
                "article_id": article.id,
                "first": first,
                "last": last,
                "quote": f"{quote} (sửa {n})" if n % 3 == 0 else f"{quote} {n}",
                "note": f"ghi chú {n}",
                "created": "2024-01-01T00:00:00Z",
                "updated": "2024-01-01T00:00:00Z",
                "title": article.title,
                "path": article.path,
            }
        )
    data = {"format": "newsreader.bookmarks", "version": 1, "bookmarks": items}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak MB of one run. The peak comes from /usr/bin/time: a child's
    ru_maxrss would start at this process's own peak (Linux keeps it across exec)."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak_kb = float(result.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="nr-bookmarks-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / f"bookmarks-{args.count}.json"
    if not export.exists():
        make_export(args.count, export)
    env = {
        **os.environ,
        "NEWSREADER_DATA_DIR": str(work / "data"),
        "NEWSREADER_CACHE_DIR": str(work / "cache"),
    }
    for leftover in (work / "data").glob("*"):
        leftover.unlink()
    cli = [sys.executable, "-m", "newsreader"]
    print(f"{'step':<22}{'seconds':>9}{'peak MB':>9}")
    for name, argv in (
        ("import", [*cli, "import", str(export)]),
        ("bookmarks (first)", [*cli, "bookmarks"]),
        ("bookmarks (again)", [*cli, "bookmarks"]),
        ("bookmarks --json", [*cli, "bookmarks", "--json"]),
    ):
        seconds, peak = timed(argv, env)
        print(f"{name:<22}{seconds:>9.2f}{peak:>9.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
