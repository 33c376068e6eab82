"""The main screen: header, article tree, reading pane, status line and footer.

It owns the layout and the reading state (which article, which passage), and applies the
loading flow's messages (see loading.py) in the order they come. Bookmark and search actions
live in their own modules as mixins of this screen.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, Tree

from newsreader.app import keys
from newsreader.app.add_page import AddPageActions
from newsreader.app.bookmarking import BookmarkActions
from newsreader.app.contrast import legible_style
from newsreader.app.footer import FittingFooter
from newsreader.app.loading import (
    BuildProgress,
    CorpusCached,
    CorpusPartial,
    CorpusReady,
    LoadFailed,
    LoadFlow,
    LoadState,
    StoreOpened,
    load_corpus,
)
from newsreader.app.reader import ENTITY_KINDS, ReaderView
from newsreader.app.screens import EmptyScreen, SkippedScreen
from newsreader.app.search import SearchActions
from newsreader.app.sidebar import ArticleTree
from newsreader.app.strings import Strings
from newsreader.core.library import Library, ReadingState, Summary

if TYPE_CHECKING:
    from newsreader.app.main import NewsreaderApp
    from newsreader.core.library import Notice
    from newsreader.core.model import Article, Skipped

SAVE_DELAY = 0.5  # seconds of stillness before the cursor position is written
MEASURE_SHOWN = 2.0  # seconds the new reading width stays in the status line


class AppHeader(Static):
    """App name, corpus name and article count (plain text, never markup)."""


class StatusLine(Horizontal):
    """The legend and the position; says when its width changes, since the role shown in
    it fits the room the legend leaves."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


NARROW = 70  # columns below which the tree is hidden to leave the text room
HISTORY_DEPTH = 100  # articles remembered for back/forward


class MainScreen(
    SearchActions, BookmarkActions, AddPageActions, Screen[None], inherit_bindings=False
):
    BINDINGS = keys.bindings("global")

    load_state: var[LoadState] = var(LoadState.OPENING)
    progress: var[tuple[int, int]] = var((0, 0))

    def __init__(self, library: Library, strings: Strings, registry: keys.Keys) -> None:
        super().__init__()
        self.library = library
        self.strings = strings
        self.registry = registry
        self.flow = LoadFlow()
        self.reading_state = ReadingState()
        self.labels: dict[str, str] = {}
        self.cancel_loading = threading.Event()
        self.painted = threading.Event()  # the first articles are on screen
        self.store_ready = False
        self._auto_opened = False  # the open article was chosen by the loading, not the user
        self._save_timer: Timer | None = None
        self._save_failed = False
        # Articles opened before (back) and gone back from (forward): (id, paragraph).
        self.back: list[tuple[str, int]] = []
        self.forward: list[tuple[str, int]] = []
        self.sidebar_wanted = True  # the reader's choice (s); a narrow screen hides it anyway
        self._narrow = False
        # The open article's people -> their roles, for the status line.
        self._roles_of: object = None  # the Article they were read from
        self._roles: dict[str, list[str]] = {}
        self._measure_timer: Timer | None = None

    @property
    def reader_app(self) -> NewsreaderApp:
        return self.app

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        s = self.strings
        self.sidebar = self.registry.bound(ArticleTree, "tree")(
            s, self.library.rows_in, id="sidebar"
        )
        self.reader = self.registry.bound(ReaderView, "reader")(s, id="reader")
        self.reader.measure = getattr(self.app, "measure", self.reader.measure)
        self.header = AppHeader(self._header_text(), id="header")
        self.legend = Static(id="legend")
        self.position = Static(id="position")
        self.status = StatusLine(self.legend, self.position, id="status")
        yield self.header
        with Horizontal(id="main"):
            yield self.sidebar
            with Vertical(id="reader-pane"):
                yield self.reader
                yield self.status
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.status.display = False
        self.reader.show_message(Text(self.strings("loading")))
        self.reader.focus()  # now, so the footer is composed once with the reader's keys
        if self.reader_app.autoload:
            # A daemon thread of its own, not a Textual thread worker: those run on the
            # event loop's executor, whose threads the interpreter joins at exit, so `q`
            # would wait for the analysis of a huge file to end.
            threading.Thread(
                target=partial(
                    load_corpus, self.library, self.post_message, self.cancel_loading, self.painted
                ),
                name="load-corpus",
                daemon=True,
            ).start()

    def on_unmount(self) -> None:
        self.cancel_loading.set()
        self.painted.set()

    def _corpus_name(self) -> str:
        if self.library.is_bundled:
            return self.strings("sample_corpus")
        return self.library.root.name or str(self.library.root)

    def _header_text(self) -> Text:
        s = self.strings
        text = Text(s("app_name"), style="bold")
        text.append("  ")
        text.append(self._corpus_name())
        shown = self.flow.shown
        if shown is not None:
            text.append("  ·  ")
            count = shown.articles
            text.append(s("article_count_one") if count == 1 else s("articles_count", n=count))
        done, total = self.progress
        if total and not self.flow.done and self.flow.showing_articles:
            text.append("  ·  ")
            text.append(s("loading_progress", done=done, total=total), "dim")
        return text

    def watch_progress(self) -> None:
        if not self.is_mounted:
            return
        done, total = self.progress
        if self.flow.showing_articles or self.flow.done:
            self.header.update(self._header_text())
        elif total:
            self.reader.show_message(self._progress_text(done, total))

    def watch_load_state(self) -> None:
        if self.is_mounted:
            self.header.update(self._header_text())

    def _progress_text(self, done: int, total: int) -> Text:
        """A text progress bar: cheaper to start than Textual's ProgressBar widgets."""
        width = 30
        filled = width * done // total if total else 0
        text = Text(self.strings("loading_progress", done=done, total=total))
        text.append("\n\n")
        text.append("━" * filled, "bold")
        text.append("━" * (width - filled), "dim")
        return text

    # -- the loading flow (messages from loading.load_corpus, in the order posted) ----------

    def on_store_opened(self, message: StoreOpened) -> None:
        self.reading_state = message.state
        self.store_ready = True
        self.reader_app.apply_theme(message.state.theme)
        self._tell(message.notices)
        # Loading may have opened an article before the reading state came: go back to
        # where the reader was, unless the user has moved on since.
        wanted = message.state.article_id
        current = self.reader.article
        if self._auto_opened and current is not None and wanted and wanted != current.id:
            if self.library.has_article(wanted):
                self.open_article(wanted, paragraph=message.state.paragraph, focus_reader=True)
                self._auto_opened = True
        self.refresh_marks()

    def on_corpus_cached(self, message: CorpusCached) -> None:
        if self.flow.cached(message.summary) == "show":
            self._show(message.summary)
        self.load_state = self.flow.state

    def on_build_progress(self, message: BuildProgress) -> None:
        if not self.flow.showing_articles:
            self.flow.building()
            self.load_state = self.flow.state
        self.progress = (message.done, message.total)

    def on_corpus_partial(self, message: CorpusPartial) -> None:
        if self.flow.partial(message.summary) == "show":
            self._show(message.summary)
        self.load_state = self.flow.state

    def on_corpus_ready(self, message: CorpusReady) -> None:
        decision = self.flow.ready(message.summary)
        self.load_state = self.flow.state
        if decision == "show":
            self._show(message.summary)
        elif decision == "empty":
            self.header.update(self._header_text())
            empty = self.registry.bound(EmptyScreen, "global", only=("quit",))
            self.app.push_screen(empty(self.strings, str(self.library.root), self._skipped()))
        self.header.update(self._header_text())
        self._tell(message.notices)
        if decision != "empty" and message.summary.skipped:
            n = message.summary.skipped
            key = "skipped_notice_one" if n == 1 else "skipped_notice"
            self.notify(self.strings(key, n=n), markup=False, timeout=8)
        self.reader_app.after_first_paint()

    def on_load_failed(self, message: LoadFailed) -> None:
        decision = self.flow.failed()
        self.load_state = self.flow.state
        self.notify(
            self.strings("load_failed", error=message.error), markup=False, severity="error"
        )
        if decision == "error":
            self.reader.show_message(Text(self.strings("load_failed", error=message.error)))
        self.reader_app.after_first_paint()

    def _skipped(self) -> list[Skipped]:
        return self.library.skipped()

    def _tell(self, notices: list[Notice]) -> None:
        for notice in notices:
            self.notify(self.strings.notice(notice), markup=False, severity="warning", timeout=12)

    def show_summary(self, summary: Summary) -> None:
        """The tree as the index is now (after the reader added to the corpus)."""
        self.flow.shown = summary
        self._show(summary)

    def _show(self, summary: Summary) -> None:
        """Fill the tree and open an article: the one being read (after a partial corpus),
        else the last one read, else the first of the tree."""
        self.labels = self.library.labels()
        self.header.update(self._header_text())
        reader = self.reader
        reader.labels = self.labels
        reader.show_message(None)
        self.status.display = True
        current = reader.article
        if current is not None and self.library.has_article(current.id):
            self.sidebar.populate(summary, (current.directive, current.year), current.id)
            self.sidebar.mark_open(current)
            return
        wanted = self.reading_state.article_id
        saved = self.library.header(wanted) if wanted else None
        start: str | None
        if saved is not None:
            self.sidebar.populate(summary, (saved.directive, saved.year), saved.id)
            start, paragraph = saved.id, self.reading_state.paragraph
        else:
            first = summary.order()[0] if summary.groups else None
            self.sidebar.populate(summary, first)
            start, paragraph = self.sidebar.first_article_in(first), 0
        if start is None:
            return
        self.open_article(start, paragraph=paragraph, focus_reader=True)
        self._auto_opened = True
        self.call_after_refresh(self.painted.set)
        self.reader_app.after_first_paint()

    # -- articles ------------------------------------------------------------------------

    @property
    def current_article(self) -> Article | None:
        return self.reader.article

    def open_article(
        self,
        article_id: str,
        paragraph: int | None = None,
        focus_reader: bool = False,
        *,
        history: bool = True,
    ) -> None:
        """Open an article; `history=False` when going back or forward (the lists move)."""
        article = self.library.article(article_id)
        if article is None:
            return
        self._auto_opened = False
        reader = self.reader
        if reader.article is not None:
            self.reading_state.positions[reader.article.id] = reader.cursor
            if history and reader.article.id != article_id:
                self.back.append((reader.article.id, reader.cursor))
                del self.back[:-HISTORY_DEPTH]
                self.forward.clear()
        if paragraph is None:
            paragraph = self.reading_state.positions.get(article_id, 0)
        reader.set_marked(self.marks_for(article), self.notes_for(article))
        reader.show(article, paragraph)
        self.sidebar.mark_open(article)
        if focus_reader:
            reader.focus()
        self.save_state()

    def on_article_tree_open_article(self, message: ArticleTree.OpenArticle) -> None:
        self.open_article(message.article_id, focus_reader=message.read)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        """The tree cuts long titles: the highlighted article's whole title is shown in the
        status line while the tree has the focus."""
        data = event.node.data
        if self.focused is self.sidebar and data is not None and data.article_id:
            label = event.node.label
            title = label.plain if isinstance(label, Text) else str(label)
            self.legend.update(Text(title, no_wrap=True, overflow="ellipsis"))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.reader:
            self._update_status()

    def on_reader_view_changed(self, message: ReaderView.Changed) -> None:
        self._update_status()
        self._schedule_save()

    def on_reader_view_measure_changed(self, message: ReaderView.MeasureChanged) -> None:
        """The new width in the status line for a moment (a toast a press would pile up)."""
        self.legend.update(Text(self.strings("measure_now", measure=message.columns)))
        if self._measure_timer is not None:
            self._measure_timer.stop()
        self._measure_timer = self.set_timer(MEASURE_SHOWN, self._update_status)

    def _update_status(self) -> None:
        reader = self.reader
        s = self.strings
        legend = Text(no_wrap=True, overflow="ellipsis")
        status_background = self.status.background_colors[1]
        if reader.highlights:
            legend.append(s("legend") + " ")
            for kind in ENTITY_KINDS:
                style = reader.get_component_rich_style(f"reader--{kind}", partial=True)
                legend.append(s(f"legend_{kind}"), legible_style(style, status_background))
                legend.append(" ")
        else:
            legend.append(s("legend_off"), "dim")
        self.legend.update(legend)
        position = Text(no_wrap=True)
        match = self.search_status()  # "match 3/17" after n/N or a search
        if match:
            position.append(match + "  ", "bold")
        passage = reader.passage
        if passage is not None and reader.article is not None:
            total = len(reader.article.paragraphs)
            if passage.first != passage.last:
                position.append(
                    s("range_status", first=passage.first + 1, last=passage.last + 1, total=total)
                )
            else:
                position.append(s("para_status", n=reader.cursor + 1, total=total))
        self.position.update(self._with_role(legend, position))

    def on_status_line_resized(self, message: StatusLine.Resized) -> None:
        self._update_status()

    def _with_role(self, legend: Text, position: Text) -> Text:
        """The position, after the role of the cursor paragraph's person in the room the
        legend leaves; the whole "Name: role" is the position's tooltip (hover)."""
        found = self._role_at_cursor()
        self.position.tooltip = found[0] if found else None
        room = self.status.content_region.width - legend.cell_len - position.cell_len - 4
        if found is None or room < self.ROLE_MIN_WIDTH:
            return position
        role = found[1] if len(found[1]) <= room else found[1][: room - 1] + "…"
        shown = Text(role + "  ", style="italic", no_wrap=True)
        shown.append_text(position)
        return shown

    # Characters of a role worth showing in the status line; fewer, and only the tooltip has it.
    ROLE_MIN_WIDTH = 12

    def _role_at_cursor(self) -> tuple[str, str] | None:
        """("Name: role; role", first role) of the first person of the cursor paragraph with
        a role written next to their name somewhere in the article."""
        article = self.reader.article
        if article is None:
            return None
        if self._roles_of is not article:
            self._roles_of, self._roles = article, self.library.roles_in(article)
            self.reader.set_person_roles(
                {
                    name: self.strings("role_status", name=name, role="; ".join(roles))
                    for name, roles in self._roles.items()
                    if roles
                }
            )
        for entity in article.entities_in(self.reader.cursor):
            roles = self._roles.get(entity.value) if entity.kind == "person" else None
            if roles:
                whole = self.strings("role_status", name=entity.value, role="; ".join(roles))
                return whole, roles[0]
        return None

    def action_people(self) -> None:
        from newsreader.app.people_screen import PeopleScreen

        screen = self.registry.bound(PeopleScreen, "people")(self.strings, self.library)

        def closed(target: tuple[str, int] | None) -> None:
            if target is not None:
                self.jump_to(target[0], target[1], target[1])

        self.app.push_screen(screen, closed)

    def _step_article(self, step: int) -> None:
        current = self.current_article
        if current is None:
            first = self.library.first_article()
            if first is not None:
                self.open_article(first)
            return
        target = self.library.neighbour(current.id, step)
        if target is not None:
            self.open_article(target)
        else:
            key = "first_article" if step < 0 else "last_article"
            self.notify(self.strings(key), markup=False, timeout=2)

    # -- actions (bound in keys.REGISTRY) --------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys typed after q (the app is closing) must not open dialogs on a closing app.
        return self.app.return_code is None

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_next_article(self) -> None:
        self._step_article(+1)

    def action_history_back(self) -> None:
        self._through_history(self.back, self.forward)

    def action_history_forward(self) -> None:
        self._through_history(self.forward, self.back)

    def _through_history(
        self, source: list[tuple[str, int]], target: list[tuple[str, int]]
    ) -> None:
        reader = self.reader
        while source:
            article_id, paragraph = source.pop()
            if self.library.article(article_id) is None:
                continue  # gone from the corpus since
            if reader.article is not None:
                target.append((reader.article.id, reader.cursor))
            self.open_article(article_id, paragraph, history=False)
            return
        self.notify(self.strings("history_end"), timeout=2)

    def on_resize(self, event: events.Resize) -> None:
        """Below NARROW columns the tree is hidden, whatever `s` chose; wider, as chosen."""
        narrow = event.size.width < NARROW
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self._show_sidebar(self.sidebar_wanted and not narrow)

    def _show_sidebar(self, show: bool) -> None:
        tree = self.sidebar
        tree.display = show
        if not show and self.focused is tree:
            self.reader.focus()

    def action_toggle_sidebar(self) -> None:
        show = not self.sidebar.display
        if not self._narrow:
            self.sidebar_wanted = show
        self._show_sidebar(show)

    def action_extend_range(self) -> None:
        if self.reader.article is None or not self.reader.article.paragraphs:
            self.notify(self.strings("no_passage"), timeout=3)
            return
        self.reader.action_extend_range()

    def action_toggle_highlights(self) -> None:
        self.reader.highlights = not self.reader.highlights

    def action_show_skipped(self) -> None:
        if self.flow.shown is None:
            return
        self.app.push_screen(
            self.registry.bound(SkippedScreen, "dialog")(
                self.strings,
                str(self.library.root),
                self.library.skipped(),
                self.library.warnings(),
            )
        )

    # -- D and the sidebar's i: directive dossiers ----------------------------------------

    def action_directives(self, code: str | None = None) -> None:
        if self.flow.shown is None:
            return
        from newsreader.app.directives_screen import DirectivesScreen

        screen = self.registry.bound(DirectivesScreen, "directives")(
            self.strings, self.library, self.registry, code
        )

        def closed(article_id: str | None) -> None:
            if article_id is not None:
                self.open_article(article_id, focus_reader=True)

        self.app.push_screen(screen, closed)

    def on_article_tree_show_dossier(self, message: ArticleTree.ShowDossier) -> None:
        if message.code is None:
            self._say("dossier_no_directive", timeout=4)
        else:
            self.action_directives(message.code)

    # -- the reading state -----------------------------------------------------------------

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_state)

    def save_state(self) -> None:
        """Write the open article, its passage and the theme to the store (when it is open
        and writable); a failure is said once."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        reader = self.reader
        state = self.reading_state
        if reader.article is not None:
            state.article_id = reader.article.id
            state.paragraph = reader.cursor
            state.positions[reader.article.id] = reader.cursor
        state.theme = self.app.theme
        if not self.store_ready:
            return
        from newsreader.core.library import StoreError

        try:
            self.library.save_reading_state(state)
        except (StoreError, OSError) as error:
            if not self._save_failed:
                self._save_failed = True
                self.notify(
                    self.strings("state_not_saved", error=str(error)),
                    markup=False,
                    severity="warning",
                )
