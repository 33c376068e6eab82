"""Write a file so that readers see the old content or the new, never half of either."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class NotRegularFile(OSError):
    """The target is a device, FIFO, socket or folder: nothing is written to or over it."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file", str(path))
        self.kind = kind


def special_kind(path: Path) -> str | None:
    """What path is when it exists and is not a regular file ("a device", ...); else None.
    Links are followed: a link to /dev/null is a device."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def check_regular(path: Path) -> None:
    """Raise NotRegularFile unless path is missing or a regular file."""
    kind = special_kind(path)
    if kind is not None:
        raise NotRegularFile(path, kind)


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write via a temp file in the same folder, fsync, then rename into place.

    Only regular files are written: a device, FIFO, socket or folder in the way raises
    NotRegularFile and is left as it is. With overwrite=False an existing file raises
    FileExistsError instead of being replaced.
    """
    write_atomic_chunks(path, (data,), overwrite=overwrite)


def write_atomic_chunks(path: Path, chunks: Iterable[bytes], *, overwrite: bool = True) -> None:
    """write_atomic of the chunks' concatenation, written as they come (a large export is
    never whole in memory). An existing file with overwrite=False is refused before the
    first chunk is asked for, and again when the file is put in place."""
    check_regular(path)
    if not overwrite and os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if path exists, unlike rename
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
