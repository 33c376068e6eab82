#!/usr/bin/env python3
"""Bookmark-scale benchmark: N bookmarks (default 100k) over a generated corpus; wall time
(median of --repeat runs) and peak memory of each step, each a fresh `newsreader` process.

    .venv/bin/python benchmarks/bookmarks.py [--count 100000] [--articles 2000]
        [--edited 0.01] [--repeat 3] [--work DIR]

The corpus comes from benchmarks/gen_corpus.py. Each bookmark is a passage of 1-3
paragraphs of an article, as the reader marks them; a fraction (--edited) has its quote a
little edited, so the first listing after the import has fuzzy re-anchoring to do for
those. The steps:

  floor              `newsreader --version`: what any run of the command costs
  import             into an empty store (each repeat starts from an empty store)
  first listing      `bookmarks` right after the import: every article's passages are
                     anchored to its text once (then remembered per text digest)
  bookmarks          `bookmarks`, then `bookmarks --json`, `export` (Markdown and JSON to
                     a file): the listings a user runs again and again

Peak memory is the child's own ru_maxrss from wait4. This process imports nothing of
newsreader and stays small, so the peak it passes on to a child (Linux keeps the larger
of the two across exec) does not hide the child's; the floor row shows what is left.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """Wall seconds, peak MB, exit status and CPU seconds (user + system) of one child
    process (output discarded). CPU time shows the work when other processes share the
    cores and stretch the wall time."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        sys.stderr.write(errors.decode("utf-8", "replace"))
    return seconds, usage.ru_maxrss / 1024, child.returncode, usage.ru_utime + usage.ru_stime


def make_export(corpus: Path, count: int, edited: float, target: Path) -> None:
    """(In a child process.) Write an export of `count` bookmarks of the corpus's articles,
    one bookmark at a time."""
    import json
    import random

    from newsreader.core.library import Library

    rng = random.Random(1)
    with Library(corpus) as library:
        library.refresh()
        articles = [a for a in (library.article(h.id) for h in library.articles()) if a]
        articles = [a for a in articles if a.paragraphs]
        with target.open("w", encoding="utf-8") as out:
            out.write('{"format": "newsreader.bookmarks", "version": 1, "bookmarks": [\n')
            for n in range(count):
                article = articles[n % len(articles)]
                size = len(article.paragraphs)
                first = rng.randrange(size)
                last = min(size - 1, first + rng.randrange(3))
                quote = "\n\n".join(article.paragraphs[first : last + 1])
                if rng.random() < edited:
                    quote = quote[: len(quote) // 2] + " (đã sửa) " + quote[len(quote) // 2 :]
                item = {
                    "article_id": article.id,
                    "first": first,
                    "last": last,
                    "quote": quote,
                    "note": f"ghi chú {n}" if n % 4 == 0 else None,
                    "created": "2024-01-01T00:00:00Z",
                    "updated": "2024-01-01T00:00:00Z",
                    "title": article.title,
                    "published": article.published,
                    "year": article.year,
                    "directive": article.directive,
                    "path": article.path,
                    "paragraph_count": size,
                    "context_before": article.paragraphs[first - 1][-200:] if first else "",
                    "context_after": article.paragraphs[last + 1][:200] if last + 1 < size else "",
                    "corpus": str(corpus.absolute()),
                }
                out.write(("," if n else "") + json.dumps(item, ensure_ascii=False) + "\n")
            out.write("]}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--edited", type=float, default=0.01)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument(
        "--make-export", nargs=2, metavar=("CORPUS", "TARGET"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.make_export:
        make_export(Path(args.make_export[0]), args.count, args.edited, Path(args.make_export[1]))
        return 0

    work = args.work or Path(tempfile.mkdtemp(prefix="nr-bookmarks-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.articles}"
    data, cache, out = work / "data", work / "cache", work / "out"
    env = {**os.environ, "NEWSREADER_DATA_DIR": str(data), "NEWSREADER_CACHE_DIR": str(cache)}
    env.pop("NEWSREADER_CORPUS", None)
    python = sys.executable
    beside = Path(python).with_name("newsreader")
    cli = [str(beside)] if beside.exists() else [python, "-m", "newsreader"]
    if not corpus.exists():
        subprocess.run(
            [python, str(HERE / "gen_corpus.py"), str(corpus), "--articles", str(args.articles)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    export = work / f"bookmarks-{args.count}-{args.articles}-{args.edited}.json"
    if not export.exists():
        subprocess.run(
            [
                python,
                __file__,
                "--count",
                str(args.count),
                "--edited",
                str(args.edited),
                "--make-export",
                str(corpus),
                str(export),
            ],
            check=True,
            env=env,
        )
    with_corpus = [*cli, "--corpus", str(corpus)]
    run([*with_corpus, "list"], env)  # the index, built once before anything is timed
    out.mkdir(exist_ok=True)

    size_mb = export.stat().st_size / 1e6
    print(
        f"{args.count:,} bookmarks over {args.articles:,} articles ({args.edited:.0%} edited), "
        f"export file {size_mb:.0f} MB; median of {args.repeat}; peak = child's ru_maxrss"
    )
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'step':<24}{'seconds':>9}{'cpu s':>9}{'peak MB':>9}")

    def step(name: str, argv: list[str], before=None, times: int = args.repeat) -> None:
        results = []
        for _ in range(times):
            if before:
                before()
            seconds, peak, status, cpu = run(argv, env)
            if status != 0:
                print(f"{name}: exit {status}")
            results.append((seconds, peak, cpu))
        seconds = statistics.median(r[0] for r in results)
        peak = max(r[1] for r in results)
        cpu = statistics.median(r[2] for r in results)
        print(f"{name:<24}{seconds:>9.2f}{cpu:>9.2f}{peak:>9.0f}", flush=True)

    def empty_store() -> None:
        shutil.rmtree(data, ignore_errors=True)

    step("floor (--version)", [*cli, "--version"])
    step("import", [*with_corpus, "import", str(export)], before=empty_store)
    step("first listing", [*with_corpus, "bookmarks"], times=1)
    step("bookmarks", [*with_corpus, "bookmarks"])
    step("bookmarks --json", [*with_corpus, "bookmarks", "--json"])
    step("export (md)", [*with_corpus, "export", "-o", str(out / "all.md"), "--force"])
    step("export (json)", [*with_corpus, "export", "-o", str(out / "all.json"), "--force"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
