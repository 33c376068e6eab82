"""The newsreader Textual app: header, article tree, reading pane, footer."""

from __future__ import annotations

import inspect
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import BindingsMap
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from newsreader import locations
from newsreader.app import keys
from newsreader.app.bookmarking import STORE_WORKER, BookmarksMixin
from newsreader.app.commands import NewsreaderCommands
from newsreader.app.loading import LoadedCorpus, load, prepare
from newsreader.app.reader import ReaderView
from newsreader.app.screens import EmptyScreen, HelpScreen, SkippedScreen
from newsreader.app.search import SearchMixin
from newsreader.app.sidebar import ArticleTree
from newsreader.app.strings import Strings
from newsreader.core.model import Article, Corpus, Skipped
from newsreader.core.store.reading_state import ReadingState

SAVE_DELAY = 0.5  # seconds of stillness before the cursor position is written
# Actions that act on the main screen; a dialog on top disables them.
_MAIN_ONLY = {
    "previous_article",
    "next_article",
    "toggle_sidebar",
    "toggle_highlights",
    "help",
    "show_skipped",
    "command_palette",
    "bookmarks",
    "search",
}


class AppHeader(Static):
    """App name, corpus name and article count (plain text, never markup)."""


class NewsreaderApp(SearchMixin, BookmarksMixin, App[int], inherit_bindings=False):
    CSS_PATH = "newsreader.tcss"
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {NewsreaderCommands}
    BINDINGS = keys.bindings("global")

    def __init__(
        self,
        corpus_root: Path,
        lang: str = "en",
        *,
        state_path: Path | None = None,
        store_path: Path | None = None,
        loader: Callable[[Path, Callable[[int, int], None]], Corpus | LoadedCorpus] | None = None,
    ):
        """`loader` replaces the loading (the preload child's result; tests hand in articles).

        The reading state lives in the bookmark store (`store_path`, default the data dir's);
        an old `state_path` JSON file is imported into it once.
        """
        super().__init__()
        self._loader = loader
        self.strings = Strings(lang)
        self._bindings = BindingsMap(keys.bindings("global", self.strings.lang))
        self.corpus_root = Path(corpus_root)
        self.corpus: Corpus | None = None
        self.loaded_corpus: LoadedCorpus | None = None
        self.state_path = state_path or locations.state_file()
        self.store_path = store_path
        self.state: ReadingState = ReadingState()  # from the store, once it is open
        self._store_ready = False
        self._corpus_result: LoadedCorpus | None = None  # waits for the store, then shown
        self.order: list[Article] = []
        self._by_id: dict[str, Article] = {}
        self._progress: tuple[int, int] = (0, 0)
        self._save_timer = None
        self._save_failed = False
        self.loaded = False
        self._partial_shown = False
        self._pending_partial: LoadedCorpus | None = None
        self._exit_after_paint = os.environ.get("NEWSREADER_EXIT_AFTER_PAINT") == "1"

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        s = self.strings
        # Kept as attributes: queries go to the active screen, which may be a dialog.
        self._tree = ArticleTree(s, id="sidebar")
        self._reader = ReaderView(s, id="reader")
        yield AppHeader(self._header_text(), id="header")
        with Horizontal(id="main"):
            yield self._tree
            with Vertical(id="reader-pane"):
                yield self._reader
                with Horizontal(id="status"):
                    yield Static(id="legend")
                    yield Static(id="position")
        yield Footer(compact=True)

    def _header_text(self) -> Text:
        s = self.strings
        text = Text(s("app_name"), style="bold")
        text.append("  ")
        text.append(self.corpus_root.name or str(self.corpus_root))
        if self.corpus is not None:
            count = len(self.corpus.articles)
            text.append("  ·  ")
            text.append(s("article_count_one") if count == 1 else s("articles_count", n=count))
        return text

    def _q(self, selector: str, expect_type=None):
        """Query the main screen, whatever dialog is on top."""
        screen = self.screen_stack[0] if self.screen_stack else self.screen
        return (
            screen.query_one(selector, expect_type) if expect_type else screen.query_one(selector)
        )

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._q("#status").display = False
        self.reader.show_message(Text(self.strings("loading")))
        self.reader.focus()  # now, so the footer is composed once with the reader's keys
        self.set_interval(0.1, self._show_progress, name="progress")
        self.run_worker(self._load, thread=True, name="load-corpus", exclusive=True)
        self._start_store(self.state_path, self.store_path)

    # -- loading ---------------------------------------------------------------------------

    def _load(self) -> LoadedCorpus:
        def progress(done: int, total: int) -> None:
            self._progress = (done, total)  # read by a timer on the UI thread

        def partial(loaded: LoadedCorpus) -> None:
            self.call_from_thread(self._partial_loaded, loaded)

        if self._loader is None:
            return load(self.corpus_root, progress, partial)
        if len(inspect.signature(self._loader).parameters) >= 3:
            result = self._loader(self.corpus_root, progress, partial)
        else:  # a test's loader: the whole corpus at once
            result = self._loader(self.corpus_root, progress)
        return result if isinstance(result, LoadedCorpus) else prepare(result)

    def _show_progress(self) -> None:
        done, total = self._progress
        if not total or self.loaded:
            return
        if self._partial_shown:  # reading already: the progress goes in the header
            header = self._header_text()
            header.append("  ·  ")
            header.append(self.strings("loading_progress", done=done, total=total), "dim")
            self._q("#header", AppHeader).update(header)
        else:
            self.reader.show_message(self._progress_text(done, total))

    def _partial_loaded(self, loaded: LoadedCorpus) -> None:
        """Articles indexed so far, during a first build: readable before the build ends."""
        if self.loaded or not loaded.corpus.articles:
            return
        if not self._store_ready:  # shown as soon as the reading state is there
            self._pending_partial = loaded
            return
        self._pending_partial = None
        self._show_corpus(loaded)
        self._partial_shown = True
        self._after_first_paint()

    def _progress_text(self, done: int, total: int) -> Text:
        """A text progress bar: cheaper to start than Textual's ProgressBar widgets."""
        width = 30
        filled = width * done // total if total else 0
        text = Text(self.strings("loading_progress", done=done, total=total))
        text.append("\n\n")
        text.append("━" * filled, "bold")
        text.append("━" * (width - filled), "dim")
        return text

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == STORE_WORKER:
            if event.state == WorkerState.SUCCESS:
                self._store_opened(event.worker.result)
            elif event.state == WorkerState.ERROR:
                self._store_opened(None, event.worker.error)
            else:
                return
            self._store_ready = True
        elif event.worker.name == "load-corpus":
            if event.state == WorkerState.SUCCESS:
                self._corpus_result = event.worker.result
            elif event.state == WorkerState.ERROR:
                error = event.worker.error
                skipped = [Skipped(str(self.corpus_root), str(error))]
                self._corpus_result = LoadedCorpus(Corpus(str(self.corpus_root), [], skipped))
        else:
            return
        # The first article opens once both are there: the corpus and the reading state.
        if self._store_ready and self._corpus_result is not None and not self.loaded:
            self._loaded(self._corpus_result)
        elif self._store_ready and self._pending_partial is not None:
            self._partial_loaded(self._pending_partial)

    def _loaded(self, loaded: LoadedCorpus) -> None:
        shown_already = loaded.same_as_partial and self.loaded_corpus is not None
        if shown_already:
            loaded = self.loaded_corpus
        corpus = loaded.corpus
        self.loaded = True
        if not corpus.articles:
            self.corpus = corpus
            self._q("#header", AppHeader).update(self._header_text())
            self.push_screen(EmptyScreen(self.strings, corpus))
            self._after_first_paint()
            return
        if shown_already:
            self._q("#header", AppHeader).update(self._header_text())  # drop the progress
        else:
            self._show_corpus(loaded)
        if corpus.skipped:
            n = len(corpus.skipped)
            message = (
                self.strings("skipped_notice_one")
                if n == 1
                else self.strings("skipped_notice", n=n)
            )
            self.notify(message, markup=False, timeout=8)
        self._after_first_paint()

    def _show_corpus(self, loaded: LoadedCorpus) -> None:
        """Fill the tree and open an article: the one being read (after a partial
        corpus), else the last one read, else the newest."""
        corpus = loaded.corpus
        self.loaded_corpus = loaded
        self.corpus = corpus
        self.order = loaded.order
        self._by_id = {a.id: a for a in corpus.articles}
        self._q("#header", AppHeader).update(self._header_text())
        reader = self.reader
        reader.show_message(None)
        self._q("#status").display = True
        reading = reader.article.id if reader.article is not None else None
        if reading in self._by_id:
            start, paragraph, focus = self._by_id[reading], reader.cursor, False
        else:
            start = self._by_id.get(self.state.article_id or "")
            paragraph = self.state.paragraph if start is not None else 0
            focus = True
            if start is None:
                start = corpus.articles[0]  # newest first
        reader.labels = loaded.labels
        self._tree.populate(loaded, current=start.id)
        if start.id != reading:
            self.open_article(start.id, paragraph=paragraph, focus_reader=focus)
        else:
            self._tree.mark_open(start.id)

    def _after_first_paint(self) -> None:
        if self._exit_after_paint:
            self.call_after_refresh(self.exit, 0)

    # -- articles ------------------------------------------------------------------------

    @property
    def reader(self) -> ReaderView:
        return self._reader

    @property
    def tree(self) -> ArticleTree:
        return self._tree

    @property
    def current_article(self) -> Article | None:
        return self.reader.article

    def open_article(
        self, article_id: str, paragraph: int | None = None, focus_reader: bool = False
    ) -> None:
        if article_id not in self._by_id or self.corpus is None:
            return
        article = self.corpus.load(article_id)  # the header has no text; read it now
        if article is None:
            return
        reader = self.reader
        if reader.article is not None:
            self.state.positions[reader.article.id] = reader.cursor
        if paragraph is None:
            paragraph = self.state.positions.get(article_id, 0)
        reader.set_marked(self._marks_for(article))
        reader.show(article, paragraph)
        self._tree.mark_open(article_id)
        if focus_reader:
            reader.focus()
        self._save_state()

    def on_article_tree_open_article(self, message: ArticleTree.OpenArticle) -> None:
        self.open_article(message.article_id, focus_reader=message.read)

    def on_reader_view_changed(self, message: ReaderView.Changed) -> None:
        self._update_status()
        self._schedule_save()

    def _update_status(self) -> None:
        reader = self.reader
        s = self.strings
        legend = Text(no_wrap=True, overflow="ellipsis")
        if reader.highlights:
            legend.append(s("legend") + " ")
            for kind in ("person", "date", "directive"):
                style = reader.get_component_rich_style(f"reader--{kind}", partial=True)
                legend.append(s(f"legend_{kind}"), style)
                legend.append(" ")
        else:
            legend.append(s("legend_off"), "dim")
        self._q("#legend", Static).update(legend)
        position = Text(no_wrap=True)
        match = self.search_status()  # "match 3/17" after n/N or a search
        if match:
            position.append(match + "  ", "bold")
        passage = reader.passage
        if passage is not None and reader.article is not None:
            if passage.first != passage.last:
                position.append(
                    s(
                        "range_status",
                        first=passage.first + 1,
                        last=passage.last + 1,
                        total=len(reader.article.paragraphs),
                    )
                )
            else:
                position.append(
                    s("para_status", n=reader.cursor + 1, total=len(reader.article.paragraphs))
                )
        self._q("#position", Static).update(position)

    def _step_article(self, step: int) -> None:
        if not self.order:
            return
        current = self.current_article
        ids = [a.id for a in self.order]
        if current is None or current.id not in ids:
            self.open_article(ids[0])
            return
        index = ids.index(current.id) + step
        if 0 <= index < len(ids):
            self.open_article(ids[index])
        else:
            key = "first_article" if step < 0 else "last_article"
            self.notify(self.strings(key), markup=False, timeout=2)

    # -- actions (bound in keys.REGISTRY) --------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _MAIN_ONLY and len(self.screen_stack) > 1:
            return False
        return True

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_next_article(self) -> None:
        self._step_article(+1)

    def action_toggle_sidebar(self) -> None:
        tree = self._tree
        tree.display = not tree.display
        if not tree.display and self.focused is tree:
            self.reader.focus()

    def action_toggle_highlights(self) -> None:
        reader = self.reader
        reader.highlights = not reader.highlights

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.strings))

    def action_show_skipped(self) -> None:
        if self.corpus is not None:
            self.push_screen(SkippedScreen(self.strings, self.corpus))

    async def action_quit(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_state()
        self.exit(0)

    async def run_registry_action(self, action_id: str) -> None:
        """Run a registry action as its key would (the palette's way in)."""
        entry = keys.get(action_id)
        if entry.pane == "global":
            await self.run_action(entry.action)
        elif entry.pane == "tree":
            await self.run_action(entry.action, self._tree)
        elif entry.pane == "reader":
            await self.run_action(entry.action, self.reader)

    # -- state -----------------------------------------------------------------------------

    def _theme_changed(self, theme) -> None:
        self.state.theme = theme.name
        self._save_state()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_state)

    def _save_state(self) -> None:
        reader = getattr(self, "_reader", None)
        if reader is not None and reader.article is not None:
            self.state.article_id = reader.article.id
            self.state.paragraph = reader.cursor
            self.state.positions[reader.article.id] = reader.cursor
        self.state.theme = self.theme
        store = self.store
        if store is None or store.read_only:
            return  # not open yet, or read-only (said once when it was opened)
        from newsreader.core.store.bookmarks import StoreError

        try:
            store.save_reading_state(self.state)
        except (StoreError, sqlite3.Error) as error:
            if not self._save_failed:
                self._save_failed = True
                self.notify(
                    self.strings("state_not_saved", error=str(error)),
                    markup=False,
                    severity="warning",
                )
