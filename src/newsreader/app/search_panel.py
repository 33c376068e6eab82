"""The search panel (`/`): a box, and results as you type.

Each keystroke starts a search in a thread worker (exclusive in the "search" group) tagged
with a sequence number; a result whose number is not the latest is dropped, so a slow,
stale search never overwrites a newer one. Everything shown is rich Text built from plain
strings: titles and snippets are data, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from newsreader.app import keys
from newsreader.app.footer import FittingFooter
from newsreader.app.search import (
    FULL_LIMIT,
    SHOWN_LIMIT,
    SearchChoice,
    SearchEngine,
    collapse,
)
from newsreader.app.strings import Strings

if TYPE_CHECKING:
    from newsreader.core.search import Hit

SEARCH_WORKER = "search"


class SearchBox(Input, inherit_bindings=False):
    """The query box: Input's editing keys only. Without the scroll keys it inherits and its
    Enter, the panel's ↑/↓/PgUp/PgDn/Enter (from the registry) work and show in the footer."""

    BINDINGS = [b for b in Input.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")]


class SearchResults(OptionList, can_focus=False):
    """The results (or, with an empty box, the earlier queries). Focus stays in the box."""


class SearchScreen(ModalScreen[SearchChoice | None], inherit_bindings=False):
    """A search box over the reader, with results as you type."""

    COMPONENT_CLASSES = {"search--match", "search--title", "search--meta", "search--more"}
    BINDINGS = keys.bindings("search")

    def __init__(
        self,
        strings: Strings,
        engine: SearchEngine,
        history: list[str],
        when: Callable[[Hit], str] | None = None,
    ) -> None:
        """`when(hit)` dates a result (articles often share a title)."""
        super().__init__()
        self.strings = strings
        self.when = when or (lambda hit: "")
        self.engine = engine
        self.history = history
        self.seq = 0  # of the latest search started
        self.shown_seq = 0  # of the results on show
        self.shown_query = ""
        self.hits: list[Hit] = []  # every hit of the shown query
        self.shown: list[Hit] = []  # what the list shows (collapsed)
        self.showing_history = True
        self._history_pos: int | None = None  # the earlier query recalled with ↑
        self._open_when_ready = False  # Enter came before the results
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="search-panel") as panel:
            panel.border_title = Text(s("search_title"))  # Text: a str would be markup
            yield SearchBox(placeholder=s("search_placeholder"), id="search-input", compact=True)
            yield Static(id="search-status")
            yield SearchResults(id="search-results")
        yield FittingFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.input.focus()
        self._show_history()
        self.run_worker(self.engine.warm, thread=True, name="search-warm", exit_on_error=False)

    @property
    def input(self) -> SearchBox:
        return self.query_one("#search-input", SearchBox)

    @property
    def results(self) -> SearchResults:
        return self.query_one("#search-results", SearchResults)

    # -- searching ---------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value
        if self._history_pos is not None and value != self.history[self._history_pos]:
            self._history_pos = None
        self.seq += 1
        if not value.strip():
            self.shown_seq = self.seq
            self._show_history()
            return
        seq = self.seq
        self.run_worker(
            partial(self._search, seq, value),
            thread=True,
            exclusive=True,
            group="search",
            name=SEARCH_WORKER,
            exit_on_error=False,
        )

    def _search(self, seq: int, query: str) -> tuple[int, str, list[Hit] | None]:
        """In a worker thread: skipped if a newer search started meanwhile."""
        return seq, query, self.engine.search(query, wanted=lambda: seq == self.seq)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name not in (SEARCH_WORKER, "search-warm"):
            return
        event.stop()
        if event.worker.name != SEARCH_WORKER:
            return
        if event.state == WorkerState.SUCCESS:
            result: tuple[int, str, list[Hit] | None] | None = event.worker.result
            assert result is not None  # a finished _search returned its tuple
            seq, query, hits = result
            if hits is not None:
                self.show_results(seq, query, hits)
        elif event.state == WorkerState.ERROR:
            self.error = str(event.worker.error)
            self._set_status(Text(self.strings("search_failed", error=self.error)))

    def show_results(self, seq: int, query: str, hits: list[Hit]) -> bool:
        """Show the hits of search `seq`, unless a newer search has started since."""
        if seq != self.seq:
            return False
        self.shown_seq, self.shown_query, self.hits = seq, query, hits
        self.shown = collapse(hits)
        self.showing_history = False
        results = self.results
        s = self.strings
        options: list[Option] = []
        for i, hit in enumerate(self.shown):
            if i and not hit.exact and self.shown[i - 1].exact:
                divider = Text(s("search_fuzzy_divider"), style=self._style("search--more"))
                options.append(Option(divider, id="fuzzy", disabled=True))
            options.append(Option(self._entry(hit), id=str(i)))
        results.set_options(options)
        results.highlighted = 0 if self.shown else None
        # The count is what the list shows; the rest of an article is counted under it.
        n = len(self.shown)
        articles = len({h.article_id for h in self.shown})
        if not hits:
            status = s("search_none", query=query.strip())
        elif len(hits) >= FULL_LIMIT or len(collapse(hits, limit=SHOWN_LIMIT + 1)) > SHOWN_LIMIT:
            status = s("search_count_capped", n=n, articles=articles)
        elif n == 1:
            status = s("search_count_one")
        elif articles == 1:
            status = s("search_count_one_article", n=n)
        else:
            status = s("search_count", n=n, articles=articles)
        if hits and not hits[0].exact:
            status = s("search_no_exact", query=query.strip()) + " " + status
        self._set_status(Text(status))
        if self._open_when_ready:
            self._open_when_ready = False
            self.action_open()
        return True

    def _set_status(self, text: Text) -> None:
        self.query_one("#search-status", Static).update(text)

    def _show_history(self) -> None:
        self.showing_history = True
        self.shown, self.hits, self.shown_query = [], [], ""
        results = self.results
        results.set_options(
            Option(Text(query, no_wrap=True, overflow="ellipsis"), id=f"h{i}")
            for i, query in enumerate(self.history)
        )
        results.highlighted = None
        s = self.strings
        self._set_status(Text(s("search_history") if self.history else s("search_no_history")))

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def _entry(self, hit: Hit) -> Group:
        """Title, date, where (¶ or title); the snippet with the match highlighted
        (a title hit highlights the title itself, which is then shown whole)."""
        s = self.strings
        style = self.get_component_rich_style
        match = style("search--match", partial=True)
        in_title = hit.paragraph is None
        head = Table.grid(expand=True, padding=(0, 1))
        head.add_column(ratio=1, no_wrap=not in_title, overflow="ellipsis")
        head.add_column(no_wrap=True, justify="right")
        where = (
            s("search_in_title") if hit.paragraph is None else s("search_para", n=hit.paragraph + 1)
        )
        meta = " · ".join(part for part in (self.when(hit), where) if part)
        title = Text(hit.title, style=style("search--title", partial=True))
        if in_title and 0 <= hit.start < hit.end <= len(hit.title):
            title.stylize(match, hit.start, hit.end)
        head.add_row(title, Text(meta, style=style("search--meta", partial=True)))
        parts: list = [head]
        if not in_title:
            snippet = Text(hit.snippet)
            start, end = hit.start - hit.snippet_start, hit.end - hit.snippet_start
            if 0 <= start < end <= len(hit.snippet):
                snippet.stylize(match, start, end)
            parts.append(Padding(snippet, (0, 0, 0, 2)))
        if hit.more:
            more = s("search_more_one") if hit.more == 1 else s("search_more", n=hit.more)
            parts.append(
                Padding(Text(more, style=style("search--more", partial=True)), (0, 0, 0, 2))
            )
        return Group(*parts)

    # -- keys (bound in keys.REGISTRY) ---------------------------------------------------

    def action_cursor_down(self) -> None:
        self.results.action_cursor_down()

    def action_cursor_up(self) -> None:
        value = self.input.value
        recalled = self._history_pos is not None and value == self.history[self._history_pos]
        if self.history and (not value.strip() or recalled):
            position = 0 if self._history_pos is None else self._history_pos + 1
            if position < len(self.history):
                self._recall(position)
            return
        self.results.action_cursor_up()

    def action_page_down(self) -> None:
        self.results.action_page_down()

    def action_page_up(self) -> None:
        self.results.action_page_up()

    def _recall(self, position: int) -> None:
        query = self.history[position]
        self._history_pos = position
        box = self.input
        box.value = query
        box.cursor_position = len(query)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.results.highlighted = event.option_index
        self.action_open()

    def action_open(self) -> None:
        results = self.results
        if self.showing_history:
            if results.highlighted is not None and results.highlighted < len(self.history):
                self._recall(results.highlighted)
            return
        if self.shown_seq != self.seq:  # typed faster than the search: open when it lands
            self._open_when_ready = True
            return
        if results.highlighted is None or results.highlighted >= results.option_count:
            return
        option_id = results.get_option_at_index(results.highlighted).id
        if option_id is None or not option_id.isdigit():
            return
        hit = self.shown[int(option_id)]
        self.dismiss(SearchChoice(self.shown_query, self.hits, hit))

    def action_close(self) -> None:
        self.dismiss(None)
