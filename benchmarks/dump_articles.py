#!/usr/bin/env python3
"""Every article of a corpus as `newsreader show --json` gives it, one JSON line per article
sorted by id, built through a fresh index: the before/after check that a faster build
extracts exactly the same titles, years and entities.

    .venv/bin/python benchmarks/dump_articles.py CORPUS OUT.jsonl [--cache DIR]
    diff before.jsonl after.jsonl | grep -c '^>'      # articles that changed
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from newsreader.core.library import Library


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cache", type=Path, help="index dir (default: a new temporary one)")
    args = parser.parse_args()
    cache = args.cache or Path(tempfile.mkdtemp(prefix="newsreader-dump-"))
    start = time.perf_counter()
    with Library(args.corpus, cache_dir=cache) as library:
        library.refresh()
        built = time.perf_counter() - start
        ids = sorted(a.id for a in library.articles())
        with args.out.open("w", encoding="utf-8") as out:
            for article_id in ids:
                article = library.article(article_id)
                assert article is not None
                out.write(json.dumps(article.to_json(), ensure_ascii=False, sort_keys=True))
                out.write("\n")
    if args.cache is None:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"{len(ids)} articles (build {built:.1f} s) → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
