"""Stopping a long analysis from the thread that asked for it to stop.

The reader analyses files in its loading thread; one huge file can take seconds, and `q`
must not wait for it. The refresh runs its analysis inside `cancellable(event)`; the loops
of the analysis call `checkpoint()` between pieces of text, which raises `Cancelled` once
the event is set. Outside `cancellable` (the CLI, the build's worker processes)
`checkpoint()` costs one attribute look-up and never raises.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Cancelled(Exception):
    """The analysis was asked to stop (its event was set)."""


_current = threading.local()


@contextmanager
def cancellable(event: threading.Event | None) -> Iterator[None]:
    """Let `checkpoint()` in this thread raise Cancelled once `event` is set."""
    previous = getattr(_current, "event", None)
    _current.event = event
    try:
        yield
    finally:
        _current.event = previous


def checkpoint() -> None:
    """Raise Cancelled when this thread's analysis was asked to stop."""
    event: threading.Event | None = getattr(_current, "event", None)
    if event is not None and event.is_set():
        raise Cancelled()
