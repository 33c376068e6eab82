#!/usr/bin/env python3
"""Corpus-scale benchmark: build, load, search latency, start-up and memory, each beside a
floor measured in the same run.

    .venv/bin/python benchmarks/run.py [--sizes 1k,10k,100k] [--runs 5] [--work DIR]
                                       [--warm-only 100k]

Corpora come from benchmarks/gen_corpus.py (deterministic) and are kept in --work between
runs, with their indexes: a size in --warm-only (100k by default) is built cold only when
--work has no index of it yet, so `--sizes 100k --work /work/bench-cache` measures the warm
figures against the kept index. Prints one table; every figure is a median of --runs runs
unless it says otherwise.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402
import startup  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from newsreader.core.library import Library  # noqa: E402
from newsreader.core.text.fold import fold  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
SCAN_SAMPLE = 10_000

# Typed letter by letter: phrases, names, codes, unaccented, typos, filters.
QUERIES = [
    "bao ve chinh tri noi bo",
    "bảo vệ chính trị",
    "tổng kêt chỉ thi 39",
    "so ket 5 nam",
    "le van chau",
    "nguyen duc thanh",
    "39-ct/tw",
    "ct 39",
    "nghi quyet 35",
    "35-nq/tw",
    "quan triet nghi quyet",
    "cong tac can bo",
    "kiem tra giam sat",
    "ban thuong vu tinh uy",
    "pho bi thu thuong truc",
    "dang uy khoi doanh nghiep",
    "tu dien bien tu chuyen hoa",
    "tham tra xac minh",
    "tieu chuan chinh tri",
    "y:2024 chinh tri",
    "d:39 hoi nghi",
    "hoi nghi truc tuyen",
    "chinh don dang",
    "dau tranh phan bac",
    "quan diem sai trai",
    "bí thư tỉnh ủy",
    "thường vụ",
    "xay dung dang",
    "hệ thống chính trị",
    "giam sat chuyen de",
    "chinh tri noi bo trong tinh hinh moi",
    "kiem tra dang vien",
]


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def ensure_corpus(work: Path, size: str) -> Path:
    root = work / f"corpus-{size}"
    marker = root / ".gen_corpus.json"
    if not marker.exists():
        print(f"generating {size} corpus in {root} …", file=sys.stderr)
        gen_corpus.generate(root, SIZES[size], seed=0)
    return root


def read_raw(root: Path) -> int:
    total = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                total += len(Path(dirpath, name).read_bytes())
    return total


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


COLD_BUILD = (
    "import sys; from pathlib import Path; from newsreader.core.library import Library;"
    "i=Library(Path(sys.argv[1]), cache_dir=Path(sys.argv[2])); i.refresh(); i.close()"
)


def cold_build(root: Path, cache: Path, env: dict) -> tuple[float, float]:
    """Seconds and peak RSS (MB, the index process and its workers) of a first build."""
    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    rss = child_peak_rss_mb([sys.executable, "-c", COLD_BUILD, str(root), str(cache)], env)
    return time.perf_counter() - start, rss


def warm_load(root: Path, cache: Path) -> None:
    """What a warm start of the reader does before and around its first paint: the
    refresh that checks every file, and the summary the sidebar is painted from."""
    library = Library(root, cache_dir=cache)
    library.refresh()
    library.summary()
    library.close()


def keystrokes(query: str) -> list[str]:
    return [query[:n] for n in range(2, len(query) + 1)]


# Run a command from a small launcher and report the peak RSS of it and its children. The
# launcher matters: Linux carries a forking process's peak into the child, so forking the
# app straight from this (large) benchmark process would report the benchmark's own peak.
RSS_LAUNCHER = """
import os, resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def child_peak_rss_mb(command: list[str], env: dict) -> float:
    """Peak RSS (MB) of `command` and its waited-for children, run in a pty like a user's."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        startup.timed_run(
            [sys.executable, "-c", RSS_LAUNCHER, report.name, *command], env, timeout=3600
        )
        return int(Path(report.name).read_text() or 0) / 1024


class Rows(list):
    """The table's rows; each is also printed to stderr as soon as it is measured."""

    def append(self, row) -> None:
        print(" | ".join(row), file=sys.stderr, flush=True)
        super().append(row)


def bench_size(size: str, work: Path, runs: int, rows: Rows, cold_build_too: bool) -> None:
    root = ensure_corpus(work, size)
    cache = work / f"cache-{size}"
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "NEWSREADER_EXIT_AFTER_PAINT": "1",
        "NEWSREADER_CORPUS": str(root),
        "NEWSREADER_CACHE_DIR": str(cache),
        "NEWSREADER_DATA_DIR": str(work / "data"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # .pyc files as installed (see startup.py)
    raw_read = timed(lambda: read_raw(root), runs)
    if cold_build_too or not (cache.exists() and any(cache.glob("corpus-*.sqlite3"))):
        cold_runs = 1 if SIZES[size] >= 100_000 else max(1, runs // 2)
        builds = [cold_build(root, cache, env) for _ in range(cold_runs)]
        cold = [seconds for seconds, _ in builds]
        rows.append(
            (
                size,
                "cold build (parse, analyse, index)",
                f"{median(cold):.2f} s",
                f"read raw files {median(raw_read):.2f} s → ×{median(cold) / median(raw_read):.1f}"
                + (" (1 run)" if cold_runs == 1 else f" ({cold_runs} runs)"),
            )
        )
        rows.append(
            (
                size,
                "peak RSS, cold build (largest process)",
                f"{max(rss for _, rss in builds):.0f} MB",
                "",
            )
        )
    else:
        print(f"{size}: reusing the index in {cache} (no cold build)", file=sys.stderr)
    index_bytes = sum(f.stat().st_size for f in cache.glob("corpus-*.sqlite3*"))
    corpus_bytes = read_raw(root)
    rows.append(
        (
            size,
            "index size on disk",
            f"{index_bytes / 1e6:.0f} MB",
            f"corpus {corpus_bytes / 1e6:.0f} MB → ×{index_bytes / corpus_bytes:.2f}",
        )
    )
    warm = timed(lambda: warm_load(root, cache), runs)
    rows.append(
        (
            size,
            "warm refresh (stat every file) + summary",
            f"{median(warm):.2f} s",
            f"read raw files {median(raw_read):.2f} s → ×{median(warm) / median(raw_read):.1f}",
        )
    )

    library = Library(root, cache_dir=cache)
    library.warm_search()  # the vocabulary, read once per session as the reader does
    latencies: list[float] = []
    for _ in range(max(1, runs // 5)):
        for query in QUERIES:
            for typed in keystrokes(query):
                start = time.perf_counter()
                library.search(typed)
                latencies.append(time.perf_counter() - start)
    # The floors scan the text in memory; past 10k articles a 10k sample (said in the row).
    sample = library.articles()[:SCAN_SAMPLE]
    paragraphs = [p for a in sample for p in library.article(a.id).paragraphs]
    folded = [fold(t) for t in paragraphs]
    library.close()
    scan_queries = QUERIES[:3]
    scan = timed(
        lambda: [
            process.extract(fold(q), folded, scorer=fuzz.partial_ratio, limit=20)
            for q in scan_queries
        ],
        1,
    )[0] / len(scan_queries)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(folded))
        folded_file = handle.name
    grep = median(
        timed(
            lambda: subprocess.run(
                ["grep", "-c", "bao ve chinh tri", folded_file], capture_output=True
            ),
            runs,
        )
    )
    os.unlink(folded_file)
    rows.append(
        (
            size,
            f"search per keystroke ({len(latencies)} keystrokes, {len(QUERIES)} queries)",
            f"p50 {percentile(latencies, 0.5) * 1000:.1f} / p95 {percentile(latencies, 0.95) * 1000:.1f}"
            f" / max {max(latencies) * 1000:.1f} ms",
            f"rapidfuzz scan {scan * 1000:.0f} ms, grep -c {grep * 1000:.0f} ms"
            + (f" (over {len(sample)} articles)" if len(sample) < SIZES[size] else ""),
        )
    )

    bare = [sys.executable, "-c", startup.BARE_APP]
    app = startup.newsreader_command()
    startup.timed_run(app, env)
    startup.timed_run(bare, env)
    app_times, bare_times = [], []
    for _ in range(runs):
        app_times.append(startup.timed_run(app, env))
        bare_times.append(startup.timed_run(bare, env))
    rows.append(
        (
            size,
            "start to first paint, warm cache",
            f"{median(app_times) * 1000:.0f} ms",
            f"bare Textual app {median(bare_times) * 1000:.0f} ms → ×{median(app_times) / median(bare_times):.2f}",
        )
    )
    rss = child_peak_rss_mb([*app], env)
    bare_rss = child_peak_rss_mb(bare, env)
    rows.append(
        (size, "peak RSS, app (warm cache)", f"{rss:.0f} MB", f"bare Textual app {bare_rss:.0f} MB")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k", help="comma-separated: 1k, 10k, 100k")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--warm-only",
        default="100k",
        help="comma-separated sizes whose cold build is skipped when --work holds their index"
        " (default 100k: build it once, then reuse it; --warm-only '' rebuilds every size)",
    )
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "newsreader-bench"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = Rows()
    warm_only = {s.strip() for s in args.warm_only.split(",") if s.strip()}
    for size in args.sizes.split(","):
        size = size.strip()
        bench_size(size, args.work, max(5, args.runs), rows, size not in warm_only)
    headers = ("size", "measure", "newsreader", "floor (same run)")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(
        f"machine: {os.cpu_count()} cores, {memory:.0f} GiB, {os.uname().machine}, Python {sys.version.split()[0]}"
    )
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
