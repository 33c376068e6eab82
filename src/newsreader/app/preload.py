"""Load the corpus in a forked child process while the reader's process imports Textual.

Both are CPU work; in one process they would take turns on the GIL, in two they run side by
side. The child sends progress and then the pickled Corpus through a pipe. Where fork is
missing (Windows) or fails, `start` returns None and the app loads in a thread as usual.
This module must not import Textual: it runs before it.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import time
from collections.abc import Callable
from pathlib import Path

from newsreader.app.loading import LoadedCorpus
from newsreader.core.model import Corpus, Skipped

_HEADER = struct.Struct("!cQ")  # kind, length
_PROGRESS = struct.Struct("!QQ")
PROGRESS_EVERY = 0.05  # seconds between progress messages


class Preload:
    def __init__(self, pid: int, fd: int, root: Path) -> None:
        self.pid = pid
        self.fd = fd
        self.root = root

    def result(
        self,
        progress: Callable[[int, int], None] | None = None,
        partial: Callable[[LoadedCorpus], None] | None = None,
    ) -> LoadedCorpus:
        """Block until the child is done (call from a worker thread)."""
        try:
            with os.fdopen(self.fd, "rb") as pipe:
                while True:
                    header = pipe.read(_HEADER.size)
                    if len(header) < _HEADER.size:
                        raise EOFError("the loading process ended without a result")
                    kind, length = _HEADER.unpack(header)
                    body = pipe.read(length)
                    if kind == b"P" and progress is not None:
                        progress(*_PROGRESS.unpack(body))
                    elif kind == b"S" and partial is not None:
                        partial(pickle.loads(body))
                    elif kind == b"R":
                        status, value = pickle.loads(body)
                        if status == "ok":
                            return value
                        return LoadedCorpus(
                            Corpus(str(self.root), [], [Skipped(str(self.root), value)])
                        )
        except (OSError, EOFError, pickle.UnpicklingError) as error:
            # The child died: load here instead, so the reader still opens.
            from newsreader.app.loading import load

            del error
            return load(self.root, progress, partial)
        finally:
            self.reap()

    def reap(self) -> None:
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass

    def cancel(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        self.reap()


def _child(root: Path, fd: int) -> None:
    last = 0.0

    def send(kind: bytes, body: bytes) -> None:
        os.write(fd, _HEADER.pack(kind, len(body)))
        view = memoryview(body)
        while view:
            written = os.write(fd, view)
            view = view[written:]

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY or done == total:
            last = now
            send(b"P", _PROGRESS.pack(done, total))

    def snapshot(loaded: LoadedCorpus) -> None:
        send(b"S", pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))

    try:
        from newsreader.app.loading import load

        payload = ("ok", load(root, progress, snapshot))
    except Exception as error:  # the loader never raises for bad files; this is a bug
        payload = ("error", f"{type(error).__name__}: {error}")
    send(b"R", pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))


def start(root: Path) -> Preload | None:
    """Fork a loader for `root`; None when that is not possible here."""
    if not hasattr(os, "fork") or os.environ.get("NEWSREADER_NO_PRELOAD") == "1":
        return None
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: load, send, leave without running the parent's exit handlers
        status = 0
        try:
            os.close(read_fd)
            devnull = os.open(os.devnull, os.O_RDWR)
            for std in (0, 1, 2):
                os.dup2(devnull, std)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            _child(Path(root), write_fd)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    return Preload(pid, read_fd, Path(root))
