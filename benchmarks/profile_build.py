#!/usr/bin/env python3
"""Where a cold build's analysis time goes: cProfile over reading, laying out and analysing
every file of a generated corpus in one process, printed per 1k articles.
(Not profile.py: that name would shadow the standard library's profile module, which cProfile imports.)

    .venv/bin/python benchmarks/profile_build.py [--articles 1000] [--top 10] [--work DIR]

Own time grouped by module (the rules live one per module: dates, directives, people,
layout…), then the top functions by own time with their cumulative time; last, the one
writer's cost per 1k articles (storing what the workers made in an index in memory).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

from newsreader.core.corpus.loader import walk_corpus  # noqa: E402
from newsreader.core.store import build  # noqa: E402


def _short(filename: str) -> str:
    if "newsreader/" in filename:
        return filename.split("newsreader/", 1)[1].removesuffix(".py")
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    return "stdlib:" + Path(filename).stem


def analyse_all(root: Path, parsed: list | None = None) -> int:
    files = list(walk_corpus(root, []))
    articles = 0
    for found in files:
        done = build._analyse_file(found)
        articles += len(done.articles)
        if parsed is not None:
            parsed.append(done)
    return articles


def store_all(root: Path, parsed: list) -> float:
    """CPU seconds the writer takes to store, merge and summarise what the workers made."""
    index = build.CorpusIndex.create_memory(root)
    start = time.process_time()
    for n, item in enumerate(parsed, 1):
        index._store_file(item)
        if n % build.BATCH == 0:
            index.db.commit()
    index.db.commit()
    index._store_summary_facts()
    index._optimize()
    spent = time.process_time() - start
    index.close()
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "newsreader-bench"
    )
    args = parser.parse_args()
    root = args.work / f"corpus-profile-{args.articles}"
    if not (root / gen_corpus.MARKER).exists():
        gen_corpus.generate(root, args.articles, seed=0)

    start, cpu = time.perf_counter(), time.process_time()
    parsed: list = []
    plain = analyse_all(root, parsed)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    writer = store_all(root, parsed)
    profiler = cProfile.Profile()
    profiler.enable()
    count = analyse_all(root)
    profiler.disable()
    assert count == plain
    per_k = 1000 / count

    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = defaultdict(float)
    rows = []
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_module[_short(filename)] += own
        rows.append((own, cumulative, calls, f"{_short(filename)}:{line}({name})"))
    total = sum(by_module.values())
    print(
        f"{count} articles; analysis {cpu * per_k:.2f} s CPU per 1k articles unprofiled "
        f"(wall {wall * per_k:.2f} s; one process); the writer {writer * per_k:.2f} s CPU per 1k"
    )
    print(f"\nown time by module, per 1k articles (profiled total {total * per_k:.2f} s)")
    for module, own in sorted(by_module.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {own * per_k:7.3f} s  {100 * own / total:5.1f} %  {module}")
    print(f"\ntop {args.top} functions by own time, per 1k articles (own / cumulative, calls)")
    for own, cumulative, calls, where in sorted(rows, reverse=True)[: args.top]:
        print(
            f"  {own * per_k:7.3f} / {cumulative * per_k:7.3f} s  {calls * per_k:>10.0f}  {where}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
