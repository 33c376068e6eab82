"""Walk a corpus folder and read every article file; never raise for a bad file."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsreader.core.corpus.formats import (
    FormatError,
    read_html,
    read_json,
    read_jsonl,
    read_markdown,
    read_txt,
)
from newsreader.core.model import Document, SkipKind, Skipped
from newsreader.core.text.clean import DecodeError, decode_bytes

ARTICLE_SUFFIXES = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
}
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
K = SkipKind


def max_file_bytes() -> int:
    """The size over which a file is skipped; NEWSREADER_MAX_FILE_MB changes it."""
    raw = os.environ.get("NEWSREADER_MAX_FILE_MB")
    try:
        return int(float(raw) * 1024 * 1024) if raw else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def display_path(path: str) -> str:
    """A path (or any text) as text that is safe to print: undecodable bytes, controls,
    bidi and other format characters escaped."""
    if path.isprintable() and path.isascii():  # the common case, checked at C speed
        return path
    try:
        raw = os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file name decodes to
        raw = path.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")
    return "".join(
        ch
        if ch.isprintable() or ch == " "
        else f"\\x{ord(ch):02x}"
        if ord(ch) < 256
        else f"\\u{ord(ch):04x}"
        for ch in raw
    )


@dataclass(slots=True)
class FoundFile:
    path: str
    relative: str  # display-safe, POSIX separators
    size: int
    mtime_ns: int


@dataclass(slots=True)
class LoadedDocument:
    id: str
    relative: str
    document: Document


def walk_corpus(root: Path, skipped: list[Skipped]) -> Iterator[FoundFile]:
    """Article files under root in a stable order; hidden entries ignored, symlinks followed
    once (a folder already visited through another link is not entered again)."""
    seen_dirs: set[tuple[int, int]] = set()
    limit = max_file_bytes()

    def visit(folder: Path, prefix: str) -> Iterator[FoundFile]:
        try:
            info = folder.stat()
        except OSError as exc:
            skipped.append(
                Skipped(
                    prefix or ".", K.UNREADABLE, f"folder cannot be read: {exc.strerror or exc}"
                )
            )
            return
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            if prefix:
                skipped.append(
                    Skipped(prefix, K.LOOP, "folder already visited (symbolic link loop)")
                )
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(
                Skipped(
                    prefix or ".", K.UNREADABLE, f"folder cannot be read: {exc.strerror or exc}"
                )
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = display_path(f"{prefix}{entry.name}")
            try:
                entry_stat = os.stat(entry.path)
            except OSError as exc:
                if entry.is_symlink():
                    skipped.append(Skipped(relative, K.BROKEN_LINK, "broken symbolic link"))
                else:
                    skipped.append(
                        Skipped(relative, K.UNREADABLE, f"cannot be read: {exc.strerror or exc}")
                    )
                continue
            if stat.S_ISDIR(entry_stat.st_mode):
                yield from visit(Path(entry.path), f"{prefix}{entry.name}/")
                continue
            if not stat.S_ISREG(entry_stat.st_mode):
                skipped.append(Skipped(relative, K.SPECIAL, "not a regular file"))
                continue
            suffix = os.path.splitext(entry.name)[1].lower()
            if suffix not in ARTICLE_SUFFIXES:
                skipped.append(
                    Skipped(
                        relative,
                        K.NOT_ARTICLE,
                        f"not an article format ({display_path(suffix) or 'no extension'}); "
                        "newsreader reads .txt, .md, .json and .jsonl",
                    )
                )
                continue
            if entry_stat.st_size > limit:
                skipped.append(
                    Skipped(
                        relative,
                        K.TOO_LARGE,
                        f"file too large ({entry_stat.st_size / 1048576:.1f} MB, "
                        f"limit {limit / 1048576:.0f} MB; set NEWSREADER_MAX_FILE_MB)",
                    )
                )
                continue
            yield FoundFile(entry.path, relative, entry_stat.st_size, entry_stat.st_mtime_ns)

    yield from visit(root, "")


def read_file(
    found: FoundFile, data: bytes | None = None
) -> tuple[list[LoadedDocument], list[Skipped]]:
    """Parse one file into its documents and the parts of it that had to be skipped."""
    kind = ARTICLE_SUFFIXES[os.path.splitext(found.path)[1].lower()]
    try:
        if data is None:
            data = Path(found.path).read_bytes()
        text = decode_bytes(data)
        if kind == "txt":
            return [LoadedDocument(found.relative, found.relative, read_txt(text))], []
        if kind == "md":
            return [LoadedDocument(found.relative, found.relative, read_markdown(text))], []
        if kind == "html":
            return [LoadedDocument(found.relative, found.relative, read_html(text))], []
        reader = read_json if kind == "json" else read_jsonl
        loaded: list[LoadedDocument] = []
        skipped: list[Skipped] = []
        for index, result in reader(text):
            article_id = found.relative if index is None else f"{found.relative}#{index}"
            if isinstance(result, FormatError):
                skipped.append(Skipped(article_id, result.kind, str(result)))
            else:
                loaded.append(LoadedDocument(article_id, found.relative, result))
        return loaded, skipped
    except DecodeError as exc:
        return [], [Skipped(found.relative, SkipKind(exc.kind), str(exc))]
    except FormatError as exc:
        return [], [Skipped(found.relative, exc.kind, str(exc))]
    except PermissionError:
        return [], [Skipped(found.relative, K.UNREADABLE, "permission denied")]
    except OSError as exc:
        return [], [Skipped(found.relative, K.UNREADABLE, f"cannot be read: {exc.strerror or exc}")]
    except RecursionError:
        return [], [Skipped(found.relative, K.TOO_DEEP, "nested too deeply to read")]
    except Exception as exc:  # a bug of ours must not lose the rest of the corpus
        detail = f"could not be read ({type(exc).__name__}: {exc})"
        return [], [Skipped(found.relative, K.OTHER, detail)]


Progress = Callable[[int, int], None]


def read_corpus(
    root: Path, progress: Progress | None = None
) -> tuple[list[LoadedDocument], list[Skipped]]:
    skipped: list[Skipped] = []
    files = list(walk_corpus(root, skipped))
    documents: list[LoadedDocument] = []
    for done, found in enumerate(files, 1):
        loaded, bad = read_file(found)
        documents.extend(loaded)
        skipped.extend(bad)
        if progress:
            progress(done, len(files))
    return documents, skipped
