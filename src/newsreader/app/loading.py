"""Opening a corpus in the reader, as one flow with named states.

A loading thread does the work in a fixed order and tells the main screen with messages, so
the order the screen sees is the order they were posted:

  StoreOpened          the reading state (last article, theme) and any notices
  CorpusCached         a warm start: the summary of the index as it is on disk
  BuildProgress*       files done / files in the folder
  CorpusPartial*       a first build: the summary of what is indexed so far
  CorpusReady          the refresh is done: the summary of the folder as it is
  LoadFailed           instead of CorpusReady, when loading broke

`LoadFlow` decides what each message does to the screen; it never lets a tree that shows
articles be replaced by an empty one, except by CorpusReady for a folder that really is
empty. Its states: opening → warm-cached (refreshing) → ready, opening → cold-building →
partial → ready, and failed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from textual.message import Message

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsreader.core.library import Library, Notice, ReadingState, Summary

PROGRESS_EVERY = 0.1  # seconds between progress messages
FIRST_PARTIAL_AFTER = 1.0  # seconds into a first build before its first readable snapshot
PARTIAL_EVERY = 10.0
PAINT_WAIT = 3.0  # seconds a refresh waits for the cached tree to be painted, at most


class LoadState(StrEnum):
    OPENING = "opening"
    WARM_CACHED = "warm-cached"  # the cached tree is shown while the refresh runs
    COLD_BUILDING = "cold-building"
    PARTIAL = "partial"  # a first build, with the articles indexed so far shown
    READY = "ready"
    EMPTY = "empty"  # ready, and the folder has no articles
    FAILED = "failed"


class LoadMessage(Message):
    """Base of the loading thread's messages."""


class StoreOpened(LoadMessage):
    def __init__(self, state: ReadingState, notices: list[Notice]) -> None:
        super().__init__()
        self.state = state
        self.notices = notices


class CorpusCached(LoadMessage):
    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary


class BuildProgress(LoadMessage):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class CorpusPartial(LoadMessage):
    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary


class CorpusReady(LoadMessage):
    def __init__(self, summary: Summary, notices: list[Notice]) -> None:
        super().__init__()
        self.summary = summary
        self.notices = notices


class LoadFailed(LoadMessage):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


Decision = Literal["show", "keep", "empty", "error"]


@dataclass(slots=True)
class LoadFlow:
    """What the screen does with each message (no Textual here beyond the types)."""

    state: LoadState = LoadState.OPENING
    shown: Summary | None = None  # what the tree shows now
    history: list[LoadState] = field(default_factory=list)

    def _to(self, state: LoadState) -> None:
        self.state = state
        self.history.append(state)

    @property
    def done(self) -> bool:
        return self.state in (LoadState.READY, LoadState.EMPTY, LoadState.FAILED)

    @property
    def showing_articles(self) -> bool:
        return self.shown is not None and self.shown.articles > 0

    def cached(self, summary: Summary) -> Decision:
        if self.done or self.showing_articles or not summary.articles:
            return "keep"
        self._to(LoadState.WARM_CACHED)
        self.shown = summary
        return "show"

    def building(self) -> None:
        if self.state == LoadState.OPENING:
            self._to(LoadState.COLD_BUILDING)

    def partial(self, summary: Summary) -> Decision:
        if self.done or self.state == LoadState.WARM_CACHED or not summary.articles:
            return "keep"
        if self.shown is not None and summary.articles < self.shown.articles:
            return "keep"
        self._to(LoadState.PARTIAL)
        self.shown = summary
        return "show"

    def ready(self, summary: Summary) -> Decision:
        if self.done:
            return "keep"
        if not summary.articles:
            self._to(LoadState.EMPTY)
            self.shown = summary
            return "empty"
        self._to(LoadState.READY)
        same = self.shown == summary
        self.shown = summary
        return "keep" if same else "show"

    def failed(self) -> Decision:
        if self.done:
            return "keep"
        self._to(LoadState.FAILED)
        return "keep" if self.showing_articles else "error"


def load_corpus(
    library: Library,
    post: Callable[[LoadMessage], object],
    cancel: threading.Event | None = None,
    painted: threading.Event | None = None,
) -> None:
    """The loading thread: open the store, show the cache, refresh, in that order. After a
    warm start's cached tree is posted, the refresh waits for `painted` (the screen shows
    it), so the folder walk and the text engine's import never delay the first paint."""
    try:
        library.open_store(keep_going=True)
        post(StoreOpened(library.reading_state(), library.notices()))
        if library.root_problem():
            post(CorpusReady(library.summary(), library.notices()))
            return
        cached = library.cached()
        if cached is not None and cached.articles:
            post(CorpusCached(cached))
            if painted is not None:
                painted.wait(PAINT_WAIT)
        last_progress = 0.0
        next_partial = time.monotonic() + FIRST_PARTIAL_AFTER

        def progress(done: int, total: int) -> None:
            nonlocal last_progress
            now = time.monotonic()
            if now - last_progress >= PROGRESS_EVERY or done == total:
                last_progress = now
                post(BuildProgress(done, total))

        def on_batch() -> None:
            nonlocal next_partial
            if cached is None and time.monotonic() >= next_partial:
                post(CorpusPartial(library.summary()))
                next_partial = time.monotonic() + PARTIAL_EVERY

        library.refresh(progress, on_batch, cancel=cancel)
        post(CorpusReady(library.summary(), library.notices()))
    except Exception as error:  # a bug or an unusable disk: say so instead of hanging
        if cancel is not None and cancel.is_set():
            return
        post(LoadFailed(f"{type(error).__name__}: {error}"))
