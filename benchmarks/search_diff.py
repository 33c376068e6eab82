#!/usr/bin/env python3
"""200 search queries over a corpus's index, written one JSON line per query (every hit's
article, paragraph, score, snippet and match), and the count of queries whose answer differs
between two such files: the before/after check that an index change keeps search as it was.

    .venv/bin/python benchmarks/search_diff.py run CORPUS OUT.jsonl [--cache DIR]
    .venv/bin/python benchmarks/search_diff.py diff BEFORE.jsonl AFTER.jsonl

The queries are the keystrokes of benchmarks/run.py's typed queries (each whole, then every
third prefix, then the next ones, up to 200), so they cover two-letter stubs, unaccented
words, codes and filters. The search bounds its stages by counts; an older one that stopped
them after some milliseconds has that budget lifted (see run()), so the answers do not depend
on how busy the machine is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsreader.core import search
from newsreader.core.library import Library


def queries() -> list[str]:
    from run import QUERIES, keystrokes

    typed = [k for q in QUERIES for k in keystrokes(q)]
    chosen = list(dict.fromkeys([*QUERIES, *typed[::3], *typed[1::3]]))
    return chosen[:200]


def run(corpus: Path, out: Path, cache: Path | None) -> None:
    # Before 13c each FTS stage stopped after STAGE_SECONDS, which on a busy machine cut
    # different stages short from run to run. Lifted for such a search: the answers compared
    # are the ones an unhurried search gives.
    if hasattr(search, "STAGE_SECONDS"):
        search.STAGE_SECONDS = 60.0
    with Library(corpus, cache_dir=cache) as library:
        library.refresh()
        with out.open("w", encoding="utf-8") as handle:
            for query in queries():
                hits = [hit.to_json() for hit in library.search(query)]
                handle.write(json.dumps({"query": query, "hits": hits}, ensure_ascii=False))
                handle.write("\n")


def diff(before: Path, after: Path) -> int:
    old = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    new = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines()]
    if [r["query"] for r in old] != [r["query"] for r in new]:
        print("the two files hold different queries", file=sys.stderr)
        return -1
    differing = 0
    for a, b in zip(old, new, strict=True):
        if a["hits"] != b["hits"]:
            differing += 1
            print(f"differs: {a['query']!r}")
            for x, y in zip(a["hits"], b["hits"], strict=False):
                if x != y:
                    print(f"  before {x}\n  after  {y}")
                    break
            if len(a["hits"]) != len(b["hits"]):
                print(f"  {len(a['hits'])} hits before, {len(b['hits'])} after")
    print(f"{len(old)} queries, {differing} differ")
    return differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run")
    run_parser.add_argument("corpus", type=Path)
    run_parser.add_argument("out", type=Path)
    run_parser.add_argument("--cache", type=Path)
    diff_parser = sub.add_parser("diff")
    diff_parser.add_argument("before", type=Path)
    diff_parser.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        run(args.corpus, args.out, args.cache)
        return 0
    return 1 if diff(args.before, args.after) else 0


if __name__ == "__main__":
    sys.exit(main())
