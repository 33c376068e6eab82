"""Search for the reader: queries off the UI thread, n/N through the matches, query history.

Nothing here imports Textual or, at import time, the core's text engine (core.search pulls in
rapidfuzz and the extraction rules): the engine imports it on the first search, in a worker
thread, so start-up stays as light as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from newsreader.app.strings import Strings
from newsreader.core.formatting import date_text
from newsreader.core.library import Library

if TYPE_CHECKING:
    from newsreader.app.reader import ReaderView
    from newsreader.core.search import Hit

FULL_LIMIT = 500  # hits kept per query: the panel shows the best, n/N walks them all
PER_ARTICLE_SHOWN = 3  # the panel shows an article's best hits and collapses the rest
SHOWN_LIMIT = 60


class SearchEngine:
    """Searches one Library from the panel's worker threads (each thread has its own read
    connection in the Library); a search no longer wanted when it starts is skipped."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def warm(self) -> None:
        """Import the engine, open the index and read its vocabulary before the first key."""
        self.library.warm_search()

    def search(self, raw: str, wanted: Callable[[], bool] = lambda: True) -> list[Hit] | None:
        """Every hit of `raw` (best first, FULL_LIMIT at most); None when no longer wanted."""
        if not wanted():
            return None
        return self.library.search(raw, limit=FULL_LIMIT, per_article=FULL_LIMIT)


def collapse(
    hits: list[Hit], per_article: int = PER_ARTICLE_SHOWN, limit: int = SHOWN_LIMIT
) -> list[Hit]:
    """What the panel lists: the engine's order (exact hits, then fuzzy; an article's hits
    together), each article's run cut to its best `per_article`, the rest counted in the
    `more` of the last one listed."""
    runs: list[list[Hit]] = []
    for hit in hits:
        if runs and (runs[-1][0].article_id, runs[-1][0].exact) == (hit.article_id, hit.exact):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    shown: list[Hit] = []
    for run in runs:
        kept = run[:per_article]
        hidden = sum(h.more for h in run) + len(run) - len(kept)
        for position, hit in enumerate(kept):
            last = position == len(kept) - 1
            shown.append(replace(hit, more=hidden if last else 0))
            if len(shown) >= limit:
                return shown
    return shown


def _paragraph_key(paragraph: int | None) -> int:
    return -1 if paragraph is None else paragraph  # the title comes before paragraph 0


@dataclass(slots=True)
class LastSearch:
    """The last query opened from the panel and every hit of it, in n/N order: articles in
    result order, each article's hits in reading order."""

    query: str
    matches: list[Hit] = field(default_factory=list)

    @classmethod
    def of(cls, query: str, hits: list[Hit]) -> LastSearch:
        order: dict[str, int] = {}
        for hit in hits:
            order.setdefault(hit.article_id, len(order))
        matches = sorted(
            hits, key=lambda h: (order[h.article_id], _paragraph_key(h.paragraph), h.start)
        )
        return cls(query, matches)

    def step(
        self,
        article_id: str | None,
        here: tuple[int | None, int] | None,
        cursor: int,
        forward: bool,
    ) -> tuple[int, bool] | None:
        """The match after (or before) the reader's position, and whether that wrapped.

        `here` is the highlighted match (paragraph, start) when there is one; without it the
        position is the cursor's paragraph, so `n` finds a match in that paragraph too.
        """
        if not self.matches:
            return None
        articles: dict[str, int] = {}
        for match in self.matches:
            articles.setdefault(match.article_id, len(articles))
        if article_id not in articles:
            return (0 if forward else len(self.matches) - 1), False
        position = (
            (articles[article_id], _paragraph_key(here[0]), here[1])
            if here is not None
            else (articles[article_id], cursor, -1)
        )
        keys = [
            (articles[m.article_id], _paragraph_key(m.paragraph), m.start) for m in self.matches
        ]
        if forward:
            for index, key in enumerate(keys):
                if key > position:
                    return index, False
            return 0, True
        for index in range(len(keys) - 1, -1, -1):
            if keys[index] < position:
                return index, False
        return len(keys) - 1, True


@dataclass(slots=True)
class SearchChoice:
    """What the panel hands back when a result is opened."""

    query: str
    hits: list[Hit]  # every hit of the query, best first
    hit: Hit  # the one chosen


def hit_date(hit: Hit) -> str:
    """A result's date as the sidebar shows it (04/11/2019), else its year."""
    return date_text(hit.date)


class SearchActions:
    """Search for MainScreen (which provides library, strings, reader, open_article…)."""

    library: Library
    strings: Strings
    last_search: LastSearch | None = None
    _search_engine: SearchEngine | None = None
    _search_history: list[str] | None = None
    _history_failed = False

    if TYPE_CHECKING:
        reader: ReaderView
        app: Any
        flow: Any

        def notify(self, *args: Any, **kwargs: Any) -> None: ...
        def open_article(self, *args: Any, **kwargs: Any) -> None: ...

    @property
    def search_engine(self) -> SearchEngine | None:
        if not self.flow.showing_articles:
            return None
        if self._search_engine is None:
            self._search_engine = SearchEngine(self.library)
        return self._search_engine

    @property
    def search_history(self) -> list[str]:
        if self._search_history is None:
            self._search_history = self.library.search_history()
        return self._search_history

    def remember_query(self, query: str) -> None:
        try:
            self._search_history = self.library.remember_query(self.search_history, query)
        except OSError as error:
            if not self._history_failed:
                self._history_failed = True
                self.notify(
                    self.strings("search_history_not_saved", error=error.strerror or str(error)),
                    markup=False,
                    severity="warning",
                )

    def action_search(self) -> None:
        engine = self.search_engine
        if engine is None:
            key = "loading" if not self.flow.done else "search_no_articles"
            self.notify(self.strings(key), markup=False, timeout=3)
            return
        from newsreader.app.search_panel import SearchScreen

        screen = self.app.registry.bound(SearchScreen, "search")(
            self.strings, engine, self.search_history, hit_date
        )
        self.app.push_screen(screen, self._searched)

    def _searched(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return
        self.remember_query(choice.query)
        self.last_search = LastSearch.of(choice.query, choice.hits)
        self.show_match(choice.hit)

    def show_match(self, hit: Hit) -> None:
        """Open the hit's article with the cursor on its paragraph and the match lit."""
        reader = self.reader
        paragraph = 0 if hit.paragraph is None else hit.paragraph
        if reader.article is None or reader.article.id != hit.article_id:
            self.open_article(hit.article_id, paragraph=paragraph, focus_reader=True)
            if reader.article is None or reader.article.id != hit.article_id:
                return  # gone from the corpus since the search
        else:
            reader.focus()
        reader.set_match(hit.paragraph, hit.start, hit.end)

    def search_status(self) -> str:
        """Which match of the last search the reader shows ("match 3/17"), or ""."""
        reader, last = self.reader, self.last_search
        if last is None or reader.match is None or reader.article is None:
            return ""
        paragraph, start, _ = reader.match
        for number, hit in enumerate(last.matches, 1):
            if (hit.article_id, hit.paragraph, hit.start) == (reader.article.id, paragraph, start):
                return self.strings("search_status", n=number, total=len(last.matches))
        return ""

    def _step_match(self, forward: bool) -> None:
        last = self.last_search
        if last is None or not last.matches:
            self.notify(self.strings("search_nothing_yet"), markup=False, timeout=3)
            return
        reader = self.reader
        article = reader.article
        here = (reader.match[0], reader.match[1]) if reader.match is not None else None
        found = last.step(article.id if article else None, here, reader.cursor, forward)
        if found is None:
            return
        index, wrapped = found
        if wrapped:
            key = "search_wrapped_first" if forward else "search_wrapped_last"
            self.notify(self.strings(key, query=last.query), markup=False, timeout=2)
        self.show_match(last.matches[index])

    def action_search_next(self) -> None:
        self._step_match(True)

    def action_search_previous(self) -> None:
        self._step_match(False)
