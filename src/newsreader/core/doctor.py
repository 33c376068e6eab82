"""`newsreader doctor`: what is wrong with the corpus, the data and cache dirs and the
terminal, and what to do about each. Plain functions returning dataclasses; the CLI prints.

Statuses: "ok"; "warning" (newsreader works, but something is not read or not ideal: a
skipped file, a small terminal); "problem" (something does not work: the corpus folder is
missing, the data dir cannot be written, the bookmark store or the index is damaged). Only
problems make the report unhealthy. The checks only read: nothing is created, moved or
rebuilt, except that the index of a healthy cache is refreshed as any command would.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsreader.core.corpus.loader import (
    DEFAULT_MAX_BYTES,
    display_path,
    walk_corpus,
)
from newsreader.core.formatting import count_text
from newsreader.core.model import Corpus, SkipKind, Skipped

if TYPE_CHECKING:
    from newsreader.core.library import Library

Status = Literal["ok", "warning", "problem"]
MIN_COLUMNS, MIN_LINES = 80, 24


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: Status
    detail: str
    advice: str = ""
    items: tuple[Skipped, ...] = ()  # the files a check is about, for the readable report

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "status": self.status,
            "detail": self.detail,
            "advice": self.advice,
        }


@dataclass(slots=True)
class Report:
    checks: list[Check] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not any(c.status == "problem" for c in self.checks)

    def count(self, status: Status) -> int:
        return sum(1 for c in self.checks if c.status == status)

    def to_json(self) -> dict[str, object]:
        return {
            "healthy": self.healthy,
            "checks": [c.to_json() for c in self.checks],
            "skipped": [s.to_json() for s in self.skipped],
        }


def _shown(path: Path | str) -> str:
    return display_path(str(path))


# --- skipped files: what each reason means and what to do --------------------------------
def _size_advice(items: list[Skipped]) -> str:
    sizes = [float(m.group(1)) for s in items if (m := re.search(r"\(([\d.]+) MB", s.reason))]
    needed = max(10, math.ceil(max(sizes, default=0) / 10 + 0.01) * 10)
    return f"set NEWSREADER_MAX_FILE_MB={needed} to read {'it' if len(items) == 1 else 'them'}"


K = SkipKind
# Per kind of skip: (check name, what it means, what to do), in the report's order.
_KINDS: list[tuple[SkipKind, str, str, str | Callable[[list[Skipped]], str]]] = [
    (K.TOO_LARGE, "too large", "over the size limit", _size_advice),
    (
        K.BINARY,
        "binary",
        "binary, not text",
        "remove them from the corpus folder; an article must be text",
    ),
    (
        K.ENCODING,
        "encoding",
        "not in a text encoding newsreader reads",
        "convert to UTF-8, e.g. iconv -f WINDOWS-1258 -t UTF-8 FILE > FILE.new",
    ),
    (K.EMPTY, "empty", "empty", "add the article's text, or remove the file"),
    (
        K.JSON,
        "invalid JSON",
        "not valid JSON",
        "fix the JSON; python3 -m json.tool FILE shows where it breaks",
    ),
    (
        K.JSON_SHAPE,
        "JSON shape",
        "JSON that is not an article",
        "give each article an object with a string 'title' and a string 'text' "
        "(or 'body' / 'content')",
    ),
    (K.TOO_DEEP, "too deep", "nested too deeply", "flatten the file: an article is one object"),
    (
        K.NOT_ARTICLE,
        "not an article",
        "not an article file type",
        "rename articles to .txt, .md, .json, .jsonl or .html; other files can stay, or move"
        " elsewhere",
    ),
    (
        K.NO_ARTICLE,
        "no article",
        "web pages with no article in them",
        "nothing to do: a section index or an error page is not an article; remove it to"
        " silence this",
    ),
    (
        K.LOOP,
        "link loop",
        "symbolic links back into folders already read",
        "nothing to do (each folder is read once); remove the link to silence this",
    ),
    (
        K.BROKEN_LINK,
        "broken link",
        "symbolic links that lead nowhere",
        "fix or remove the link (ls -l shows its target)",
    ),
    (
        K.UNREADABLE,
        "unreadable",
        "not readable by you",
        "chmod u+r FILE (or chmod u+rx DIR for a folder)",
    ),
    (K.SPECIAL, "special", "not regular files", "remove it (a socket, pipe or device)"),
    (
        K.OTHER,
        "other",
        "not read",
        "see the reason given for each; report it if it looks like a bug",
    ),
]
_GROUPED = {kind for kind, *_ in _KINDS}


def explain_skipped(skipped: list[Skipped]) -> list[Check]:
    """One warning per kind of skip, naming its files, with what to do."""
    groups: dict[SkipKind, list[Skipped]] = {}
    for item in skipped:
        groups.setdefault(item.kind if item.kind in _GROUPED else K.OTHER, []).append(item)
    checks = []
    for kind, name, meaning, advice in _KINDS:
        items = groups.get(kind)
        if not items:
            continue
        checks.append(
            Check(
                f"skipped: {name}",
                "warning",
                f"{len(items)} skipped ({meaning}): "
                + ", ".join(_shown(s.path) for s in items[:5])
                + (f" and {len(items) - 5} more" if len(items) > 5 else ""),
                advice(items) if callable(advice) else advice,
                tuple(items),
            )
        )
    return checks


# --- the corpus --------------------------------------------------------------------------
def check_limit() -> Check | None:
    """A NEWSREADER_MAX_FILE_MB that is not a positive number is ignored by the loader."""
    raw = os.environ.get("NEWSREADER_MAX_FILE_MB")
    if not raw:
        return None
    try:
        megabytes = float(raw)
    except ValueError:
        problem = "is not a number"
    else:
        if math.isfinite(megabytes) and megabytes > 0:
            return None
        problem = "is not a positive number of megabytes"
    return Check(
        "size limit",
        "warning",
        f"NEWSREADER_MAX_FILE_MB={raw!r} {problem}; the limit is {DEFAULT_MAX_BYTES // 1048576} MB",
        "set it to a number of megabytes, e.g. NEWSREADER_MAX_FILE_MB=60",
    )


def check_corpus(root: Path, corpus: Corpus | None, files: int) -> Check:
    shown = _shown(root)
    if not root.exists():
        return Check(
            "corpus",
            "problem",
            f"no corpus folder at {shown}",
            "create it and add articles, or point --corpus (or NEWSREADER_CORPUS) at your folder",
        )
    if not root.is_dir():
        return Check(
            "corpus",
            "problem",
            f"{shown} is not a folder",
            "point --corpus (or NEWSREADER_CORPUS) at the folder that holds the articles",
        )
    assert corpus is not None
    articles = len(corpus.articles)
    counts = (
        f"{count_text(articles, 'article')} from {count_text(files, 'file')}, "
        f"{len(corpus.skipped)} skipped"
    )
    if not articles:
        return Check(
            "corpus",
            "warning",
            f"{shown}: no articles ({counts})",
            "add .txt, .md, .json, .jsonl or .html files to the folder",
        )
    return Check("corpus", "ok", f"{shown}: {counts}")


def check_load_warnings(corpus: Corpus) -> Check | None:
    if not corpus.warnings:
        return None
    return Check(
        "loaded with warnings",
        "warning",
        f"{count_text(len(corpus.warnings), 'article')} loaded "
        "with part of the file ignored: "
        + ", ".join(_shown(w.path) for w in corpus.warnings[:5])
        + (f" and {len(corpus.warnings) - 5} more" if len(corpus.warnings) > 5 else ""),
        "fix the front matter or the field named in each warning",
        tuple(corpus.warnings),
    )


# --- folders -----------------------------------------------------------------------------
def _writable(folder: Path) -> tuple[bool, str]:
    """Whether files can be created in folder (or, when it does not exist yet, whether it
    can be created): really tried with a temp file, since os.access says yes to root even
    on a read-only file system."""
    target = folder
    while not target.exists():
        if target.parent == target:
            return False, "no existing parent folder"
        target = target.parent
    if not target.is_dir():
        return False, f"{_shown(target)} is a file, not a folder"
    try:
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as exc:
        return False, exc.strerror or str(exc)
    return True, ""


def check_folder(name: str, folder: Path, env: str, purpose: str) -> Check:
    shown = _shown(folder)
    ok, why = _writable(folder)
    if not ok:
        return Check(
            name,
            "problem",
            f"{shown} cannot be written ({why}); {purpose} cannot be saved",
            f"chmod u+w {shown}, or set {env} to a writable folder",
        )
    state = "writable" if folder.is_dir() else "will be created on first use"
    return Check(name, "ok", f"{shown} ({state})")


def check_store(path: Path) -> Check:
    from newsreader.core.store.bookmarks import SCHEMA_VERSION
    from newsreader.core.store.inspect import look_at_store

    shown = _shown(path)
    look = look_at_store(path, SCHEMA_VERSION)
    if not look.exists:
        return Check("bookmark store", "ok", f"{shown}: none yet (created with the first bookmark)")
    moved = f"move it aside (mv {shown} {shown}.bak); a new, empty store is started"
    if look.error is not None:
        return Check(
            "bookmark store",
            "problem",
            f"{shown} cannot be read as a bookmark store ({look.error})",
            f"newsreader moves it aside when it next writes a bookmark; or {moved}",
        )
    damage, version, count = look.damage, look.version, look.bookmarks
    if damage is not None:
        return Check(
            "bookmark store",
            "problem",
            f"{shown} failed its integrity check: {damage}",
            f"newsreader moves it aside when it next writes a bookmark; or {moved}",
        )
    if version > SCHEMA_VERSION:
        return Check(
            "bookmark store",
            "problem",
            f"{shown} has schema version {version}; this newsreader knows up to {SCHEMA_VERSION}",
            "update newsreader (the store was written by a newer version); until then "
            "bookmarks are listed and exported, never added or changed",
        )
    if look.schema is not None:
        return Check(
            "bookmark store",
            "problem",
            f"{shown} is not a bookmark store of its version: {look.schema}",
            f"newsreader moves it aside when it next opens it; or {moved}",
        )
    marks = count_text(count, "bookmark") if count is not None else "empty"
    upgrade = "" if version == SCHEMA_VERSION else f", upgraded to {SCHEMA_VERSION} on next write"
    return Check(
        "bookmark store",
        "ok",
        f"{shown}: integrity ok, schema version {version}{upgrade}, {marks}",
    )


def check_moved_aside(moved: list[Path]) -> Check | None:
    """Stores moved aside as damaged: their bookmarks are out of use until the user acts."""
    if not moved:
        return None
    shown = ", ".join(_shown(p) for p in moved)
    return Check(
        "moved-aside stores",
        "warning",
        f"{count_text(len(moved), 'damaged bookmark store')} moved aside: {shown}",
        "its bookmarks are not in use; open it with sqlite3 to recover what you need "
        "(`.recover`), then delete it; newsreader reminds you on every run until then",
    )


def check_index(path: Path) -> Check:
    from newsreader.core.store.index import RULES, SCHEMA
    from newsreader.core.store.inspect import look_at_index

    shown = _shown(path)
    look = look_at_index(path)
    if not look.exists:
        return Check("index", "ok", f"{shown}: not built yet (built on first use)")
    damage, meta = look.damage, look.meta or {}
    if damage is not None:
        return Check(
            "index",
            "problem",
            f"{shown} is damaged ({damage})",
            "newsreader throws it away and rebuilds it when a command reads the damaged "
            f"part (the command still answers); to rebuild it now: rm {shown}",
        )
    if meta.get("schema") != str(SCHEMA) or meta.get("rules") != RULES:
        return Check("index", "ok", f"{shown}: made by another version (rebuilt on next use)")
    return Check("index", "ok", f"{shown}: integrity ok")


# --- the terminal ------------------------------------------------------------------------
def colour_count(env: dict[str, str]) -> int:
    """How many colours the terminal says it has, from COLORTERM and TERM."""
    term = env.get("TERM", "")
    if env.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return 1 << 24
    if not term or term in ("dumb", "vt100", "vt220"):
        return 0
    if "256color" in term:
        return 256
    return 16 if term.startswith(("xterm", "screen", "tmux", "rxvt", "linux", "ansi")) else 8


def check_terminal(
    env: dict[str, str] | None = None,
    size: os.terminal_size | None = None,
    is_tty: bool | None = None,
) -> list[Check]:
    env = dict(os.environ) if env is None else env
    size = size or shutil.get_terminal_size()
    is_tty = sys.stdout.isatty() if is_tty is None else is_tty
    checks = []
    term, colorterm = env.get("TERM", ""), env.get("COLORTERM", "")
    colours = colour_count(env)
    described = f"TERM={term or '(unset)'}" + (f", COLORTERM={colorterm}" if colorterm else "")
    colours_text = "millions of" if colours == 1 << 24 else str(colours)
    if colours == 0:
        checks.append(
            Check(
                "terminal colours",
                "warning",
                f"{described}: no colours",
                "set TERM to your terminal's type, e.g. export TERM=xterm-256color",
            )
        )
    elif colours < 256:
        checks.append(
            Check(
                "terminal colours",
                "ok",
                f"{described}: {colours_text} colours",
                "for the reader's full themes use a 256-colour terminal (TERM=xterm-256color)",
            )
        )
    else:
        checks.append(Check("terminal colours", "ok", f"{described}: {colours_text} colours"))
    if env.get("NO_COLOR"):
        checks.append(Check("NO_COLOR", "ok", "NO_COLOR is set: the reader shows no colours"))
    dims = f"{size.columns}×{size.lines}"
    if size.columns < MIN_COLUMNS or size.lines < MIN_LINES:
        checks.append(
            Check(
                "terminal size",
                "warning",
                f"{dims}, smaller than the {MIN_COLUMNS}×{MIN_LINES} the reader is laid out for",
                "enlarge the window, or use a smaller font",
            )
        )
    else:
        checks.append(Check("terminal size", "ok", dims))
    checks.append(
        Check(
            "terminal",
            "ok",
            "stdout is a terminal"
            if is_tty
            else "stdout is not a terminal (piped or redirected): the reader needs one",
        )
    )
    return checks


# --- everything --------------------------------------------------------------------------
def diagnose(library: Library, *, terminal: bool = True) -> Report:
    """Run every check. Reads the corpus through the index when it is sound (refreshing it
    as any command would), else into memory, leaving a damaged index for the user to see."""
    from newsreader.core.library import Library

    root, data_dir, cache_dir = library.root, library.data_dir, library.cache_dir
    report = Report()
    add = report.checks.append

    cache = check_folder("cache dir", cache_dir, "NEWSREADER_CACHE_DIR", "the index")
    index = check_index(library.index_path) if root.is_dir() and cache.status == "ok" else None

    corpus = None
    files = 0
    if root.is_dir():
        walk_skipped: list[Skipped] = []
        files = sum(1 for _ in walk_corpus(root, walk_skipped))
        reading = library
        if index is None or index.status != "ok":
            reading = Library(root, cache_dir=cache_dir, data_dir=data_dir, use_cache=False)
        reading.refresh()
        reading.notices()  # a fallback is what doctor expects here, not news
        corpus = reading.corpus()
        report.skipped = list(corpus.skipped)
    add(check_corpus(root, corpus, files))
    if limit := check_limit():
        add(limit)
    if corpus is not None:
        report.checks.extend(explain_skipped(corpus.skipped))
        if warned := check_load_warnings(corpus):
            add(warned)

    data = check_folder("data dir", data_dir, "NEWSREADER_DATA_DIR", "bookmarks")
    add(data)
    add(check_store(library.store_path))
    if moved := check_moved_aside(library.moved_aside()):
        add(moved)
    add(cache)
    if index is not None:
        add(index)
    if terminal:
        report.checks.extend(check_terminal())
    return report
