"""Walk a corpus folder and read every article file; never raise for a bad file."""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsreader.core.cancel import checkpoint
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
    """The size over which a file is skipped; NEWSREADER_MAX_FILE_MB changes it. A value
    that is not a positive, finite number of megabytes is ignored (doctor says so)."""
    raw = os.environ.get("NEWSREADER_MAX_FILE_MB")
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        megabytes = float(raw)
    except ValueError:
        return DEFAULT_MAX_BYTES
    if not math.isfinite(megabytes) or megabytes <= 0:
        return DEFAULT_MAX_BYTES
    return max(1, int(megabytes * 1024 * 1024))


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


def shown_name(relative: str) -> str:
    """A file's path under the corpus as ids and messages show it: display_path, with the
    name's own backslashes escaped too (\\x5c), so every escape in it is one and two names
    never show the same (`a<newline>b.txt` is a\\x0ab.txt, a file named a\\x0ab.txt is
    a\\x5cx0ab.txt). An article's id is this: unique by construction, and stable, whatever
    other files there are. display_path leaves the result as it is."""
    return display_path(relative.replace("\\", "\\x5c"))


@dataclass(slots=True)
class FoundFile:
    path: str
    relative: str  # display-safe, POSIX separators
    size: int
    mtime_ns: int
    ctime_ns: int = 0  # changes with every write, even when mtime is set back


@dataclass(slots=True)
class LoadedDocument:
    id: str
    relative: str
    document: Document


DEFAULT_MAX_ENTRIES = 500_000
# Kernel views, not folders of files: walking them never ends (/proc/1/cwd leads back to /).
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def max_walked_entries() -> int:
    """How many entries (files and folders) a walk looks at before it stops;
    NEWSREADER_MAX_FILES changes it."""
    raw = os.environ.get("NEWSREADER_MAX_FILES", "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_MAX_ENTRIES
    return value if value > 0 else DEFAULT_MAX_ENTRIES


def crosses_filesystems() -> bool:
    """NEWSREADER_ONE_FILESYSTEM=0 lets a walk follow links and mounts onto other disks."""
    return os.environ.get("NEWSREADER_ONE_FILESYSTEM", "1").strip().lower() in ("0", "no", "false")


def _system_devices() -> dict[int, str]:
    """The device of each system folder: a folder on one of them (through a link or a
    mount) is one of them."""
    devices: dict[int, str] = {}
    try:
        top = os.stat("/").st_dev
    except OSError:
        return devices
    for system in SYSTEM_FOLDERS:
        try:
            device = os.stat(system).st_dev
        except OSError:
            continue
        if device != top:  # a plain folder of the root filesystem tells nothing apart
            devices[device] = system
    return devices


def _system_folder(folder: Path) -> str | None:
    try:
        real = os.path.realpath(folder)
    except (OSError, ValueError):
        return None
    for system in SYSTEM_FOLDERS:
        if real == system or real.startswith(system + "/"):
            return system
    return None


def walk_corpus(root: Path, skipped: list[Skipped]) -> Iterator[FoundFile]:
    """Article files under root in a stable order; hidden entries ignored, symlinks followed
    once (a folder already visited through another link is not entered again). The walk
    stays on root's filesystem, never enters /proc, /sys or /dev, and stops after
    max_walked_entries() entries, saying so. It keeps its own stack: any depth is fine."""
    seen_dirs: set[tuple[int, int]] = set()
    limit = max_file_bytes()
    budget = max_walked_entries()
    one_filesystem = not crosses_filesystems()
    root_device: int | None = None
    system_devices = _system_devices()

    def enter(folder: Path, prefix: str) -> list[os.DirEntry[str]] | None:
        nonlocal root_device
        shown = shown_name(prefix) if prefix else "."
        try:
            info = folder.stat()
        except OSError as exc:
            skipped.append(
                Skipped(shown, K.UNREADABLE, f"folder cannot be read: {exc.strerror or exc}")
            )
            return None
        system = system_devices.get(info.st_dev) or (None if prefix else _system_folder(folder))
        if system is not None:
            skipped.append(Skipped(shown, K.SPECIAL, f"a system folder ({system}), not entered"))
            return None
        if root_device is None:
            root_device = info.st_dev
        elif one_filesystem and info.st_dev != root_device:
            skipped.append(
                Skipped(
                    shown,
                    K.SPECIAL,
                    "on another filesystem, not entered (set NEWSREADER_ONE_FILESYSTEM=0 "
                    "to enter it)",
                )
            )
            return None
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            if prefix:
                skipped.append(
                    Skipped(shown, K.LOOP, "folder already visited (symbolic link loop)")
                )
            return None
        seen_dirs.add(key)
        try:
            with os.scandir(folder) as listing:
                return sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(
                Skipped(shown, K.UNREADABLE, f"folder cannot be read: {exc.strerror or exc}")
            )
            return None

    first = enter(root, "")
    if first is None:
        return
    stack: list[tuple[Iterator[os.DirEntry[str]], str]] = [(iter(first), "")]
    walked = 0
    while stack:
        entries, prefix = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        checkpoint()  # a refresh cancelled (the reader quit) stops inside the walk too
        if entry.name.startswith("."):
            continue
        walked += 1
        if walked > budget:
            skipped.append(
                Skipped(
                    shown_name(prefix) if prefix else ".",
                    K.OTHER,
                    f"stopped after {budget} files and folders: the rest of the corpus was "
                    "not read (set NEWSREADER_MAX_FILES to a larger number)",
                )
            )
            return
        relative = shown_name(f"{prefix}{entry.name}")
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
            inner = f"{prefix}{entry.name}/"
            found = enter(Path(entry.path), inner)
            if found is not None:
                stack.append((iter(found), inner))
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
            skipped.append(Skipped(relative, K.TOO_LARGE, _too_large(entry_stat.st_size, limit)))
            continue
        yield FoundFile(
            entry.path,
            relative,
            entry_stat.st_size,
            entry_stat.st_mtime_ns,
            entry_stat.st_ctime_ns,
        )


def _too_large(size: int, limit: int) -> str:
    return (
        f"file too large ({size / 1048576:.1f} MB, "
        f"limit {limit / 1048576:.0f} MB; set NEWSREADER_MAX_FILE_MB)"
    )


class NotRegularFile(OSError):
    """What was a file when the folder was walked is now a pipe, socket, device or folder."""


class GrewTooLarge(OSError):
    """The file grew over the size limit after the walk."""


def read_regular(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file. Opened without blocking (a FIFO put in its place has no
    writer to wait for) and checked on the open descriptor, so a file swapped for something
    else after the walk is refused rather than read."""
    limit = max_file_bytes() if limit is None else limit
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(21, "not a regular file", path)
        if info.st_size > limit:
            raise GrewTooLarge(27, _too_large(info.st_size, limit), path)
        os.set_blocking(fd, True)
        chunks = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:
                raise GrewTooLarge(27, _too_large(total, limit), path)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_file(
    found: FoundFile, data: bytes | None = None
) -> tuple[list[LoadedDocument], list[Skipped]]:
    """Parse one file into its documents and the parts of it that had to be skipped."""
    # Here, not at the top: a warm refresh walks the folder and parses no file.
    from newsreader.core.corpus.formats import (
        FormatError,
        read_html,
        read_json,
        read_jsonl,
        read_markdown,
        read_txt,
    )

    kind = ARTICLE_SUFFIXES[os.path.splitext(found.path)[1].lower()]
    try:
        if data is None:
            data = read_regular(found.path)
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
    except NotRegularFile:
        return [], [Skipped(found.relative, K.SPECIAL, "not a regular file")]
    except GrewTooLarge as exc:
        return [], [Skipped(found.relative, K.TOO_LARGE, exc.strerror or "file too large")]
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
