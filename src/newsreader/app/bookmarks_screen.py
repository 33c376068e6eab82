"""The bookmarks screen (B): every bookmark grouped by article, filtered as you type.

Each passage shows its ¶ range, the date it was marked, the first line of its quote and its
note; an article header shows the title (as it was when marked). Bookmarks whose passage was
not found again, or whose article is no longer in the corpus, are flagged. Titles, quotes and
notes are data: they are drawn as rich Text from plain strings, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.app import keys
from newsreader.app.footer import FittingFooter
from newsreader.app.strings import Strings
from newsreader.core.formatting import date_text
from newsreader.core.library import Bookmark, BookmarkKey, Library, StoreError

if TYPE_CHECKING:
    from newsreader.app.main import NewsreaderApp

FIRST_LINE = 200  # characters of the quote shown (the list crops to its width)
WINDOW = 100  # bookmarks drawn at a time


def first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= FIRST_LINE else line[: FIRST_LINE - 1] + "…"


class BookmarkList(OptionList, inherit_bindings=False):
    """A window of the bookmarks, one option per passage under a disabled header per
    article. Without OptionList's own Enter, the screen's (go to the passage) answers and
    shows in the footer. Its cursor keys move through every bookmark, not only the window:
    the screen draws the next window when the cursor leaves this one."""

    BINDINGS = [b for b in OptionList.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]

    @property
    def _owner(self) -> BookmarksScreen:
        return cast("BookmarksScreen", self.screen)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // 3)  # entries are 2-3 lines

    def action_cursor_down(self) -> None:
        self._owner.move_to(self._owner.position + 1)

    def action_cursor_up(self) -> None:
        self._owner.move_to(self._owner.position - 1)

    def action_first(self) -> None:
        self._owner.move_to(0)

    def action_last(self) -> None:
        self._owner.move_to(len(self._owner.rows) - 1)

    def action_page_down(self) -> None:
        self._owner.move_to(self._owner.position + self._page())

    def action_page_up(self) -> None:
        self._owner.move_to(self._owner.position - self._page())


class BookmarksScreen(Screen[tuple[str, int, int] | None], inherit_bindings=False):
    """Dismisses with (article id, first, last) to jump to, or None.

    Its keys are the registry's "bookmarks" pane, bound on the screen: while the filter has
    the focus it takes the printable keys, so d, u, e, j, k only act from the list.
    """

    BINDINGS = keys.bindings("bookmarks")

    def __init__(self, strings: Strings, library: Library, registry: keys.Keys) -> None:
        super().__init__()
        self.strings = strings
        self.library = library
        self.registry = registry
        self._known: dict[str, bool] = {}  # article id -> still in the corpus
        self.total = 0  # bookmarks in the list, unfiltered
        self.rows: list[BookmarkKey] = []  # what the filter keeps, in order (no text)
        self.position = 0  # the highlighted row
        self.window: list[Bookmark] = []  # the rows drawn now, re-anchored
        self.window_start = 0
        self._option_rows: dict[int, int] = {}  # option index -> row index
        self.removed: list[Bookmark] = []  # undo stack, while the screen is open
        self.changed = False  # something was deleted or restored (the reader's gutter)
        self.all_corpora = False  # A: other corpora's bookmarks too

    @property
    def reader_app(self) -> NewsreaderApp:
        # Textual types Screen.app as App[Any]; this screen only runs in NewsreaderApp.
        return cast("NewsreaderApp", self.app)

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="bookmarks"):
            yield Static(
                Content(s("bookmarks_title")), id="bookmarks-title", classes="dialog-title"
            )
            yield Input(placeholder=s("bookmarks_filter"), id="bookmarks-filter")
            yield BookmarkList(id="bookmarks-list")
            yield Static(id="bookmarks-status")
        yield FittingFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(BookmarkList).focus()

    # -- data ----------------------------------------------------------------------------
    # The screen holds the keys of what it lists (article id, bookmark id: no text) and
    # draws a window of WINDOW of them, read and re-anchored when drawn: opening it on
    # 100k bookmarks reads one window, and the cursor keys move through them all.

    def reload(self, keep: int | None = None) -> None:
        self.total = len(self.library.bookmark_keys(all_corpora=self.all_corpora))
        self._refilter(keep)

    @property
    def shown(self) -> list[Bookmark]:
        """Every bookmark the filter keeps, re-anchored, read from the store now (for an
        export of them; the list itself reads only its window)."""
        wanted = {key.id for key in self.rows}
        articles = dict.fromkeys(key.article_id for key in self.rows)
        found = {
            b.id: b
            for article_id in articles
            for group in self.library.bookmark_groups(article_id, all_corpora=self.all_corpora)
            for b in group
            if b.id in wanted
        }
        return [found[key.id] for key in self.rows if key.id in found]

    def elsewhere(self, bookmark: Bookmark) -> bool:
        """Made in another corpus (listed with A)."""
        return bookmark.corpus not in (None, self.library.corpus_key)

    def action_toggle_all(self) -> None:
        self.all_corpora = not self.all_corpora
        title = "bookmarks_title_all" if self.all_corpora else "bookmarks_title"
        self.query_one("#bookmarks-title", Static).update(Content(self.strings(title)))
        self.reload()

    def in_corpus(self, article_id: str) -> bool:
        if article_id not in self._known:
            self._known[article_id] = self.library.has_article(article_id)
        return self._known[article_id]

    def is_orphaned(self, bookmark: Bookmark) -> bool:
        if self.elsewhere(bookmark):
            return False  # as stored in its own corpus; not looked for here
        return bookmark.orphaned or not self.in_corpus(bookmark.article_id)

    @property
    def filter_text(self) -> str:
        return self.query_one("#bookmarks-filter", Input).value

    def _refilter(self, keep: int | None = None) -> None:
        previous = self.current
        self.rows = self.library.bookmark_keys(all_corpora=self.all_corpora, text=self.filter_text)
        target = keep if keep is not None else (previous.id if previous else None)
        index = next((i for i, key in enumerate(self.rows) if key.id == target), 0)
        self.window = []
        self.move_to(index)
        self._update_status()

    def move_to(self, index: int) -> None:
        """Highlight row `index` (clamped), drawing the window around it when it is not
        drawn yet."""
        option_list = self.query_one(BookmarkList)
        if not self.rows:
            self.position = 0
            self.window = []
            option_list.clear_options()
            return
        index = max(0, min(index, len(self.rows) - 1))
        if not self.window or not (
            self.window_start <= index < self.window_start + len(self.window)
        ):
            self._draw_window(max(0, min(index - WINDOW // 2, len(self.rows) - WINDOW)))
        self.position = index
        option = next(o for o, row in self._option_rows.items() if row == index)
        option_list.highlighted = option

    def _draw_window(self, start: int) -> None:
        keys = self.rows[start : start + WINDOW]
        wanted = {key.id for key in keys}
        found: dict[int, Bookmark] = {}
        for article_id in dict.fromkeys(key.article_id for key in keys):
            for group in self.library.bookmark_groups(article_id, all_corpora=self.all_corpora):
                found.update((b.id, b) for b in group if b.id in wanted and b.id is not None)
        self.window = [found[key.id] for key in keys if key.id in found]
        self.window_start = start
        options: list[Option | None] = []
        self._option_rows = {}
        head: str | None = None
        for offset, bookmark in enumerate(self.window):
            if bookmark.article_id != head:
                head = bookmark.article_id
                options.append(Option(self._header(bookmark), disabled=True))
            self._option_rows[len(options)] = start + offset
            options.append(Option(self._entry(bookmark), id=f"b{bookmark.id}"))
        option_list = self.query_one(BookmarkList)
        option_list.clear_options()
        option_list.add_options(options)

    def _header(self, bookmark: Bookmark) -> Text:
        s = self.strings
        text = Text(bookmark.title or bookmark.article_id, style="bold")
        if self.elsewhere(bookmark):
            text.append("  " + s("bookmarks_elsewhere", corpus=bookmark.corpus), style="italic")
        elif not self.in_corpus(bookmark.article_id):
            text.append("  " + s("bookmarks_article_gone"), style="italic")
        return text

    def _entry(self, bookmark: Bookmark) -> Text:
        s = self.strings
        text = Text(no_wrap=True, overflow="ellipsis")  # one line each: quote, note
        text.append(f"  {bookmark.label}", style="bold")
        text.append(f"  {s('bookmarks_marked', date=date_text(bookmark.created))}", style="dim")
        if self.is_orphaned(bookmark):
            text.append("  " + s("bookmarks_orphaned"), style="italic")
        text.append("\n    ")
        text.append(first_line(bookmark.quote))
        if bookmark.note:
            text.append("\n    ")
            text.append(s("bookmarks_note", note=" ".join(bookmark.note.split())), style="italic")
        return text

    def _update_status(self) -> None:
        s = self.strings
        total = self.total
        if not total:
            message = s("bookmarks_none")
        elif len(self.rows) == total:
            message = s.count("bookmarks_count", total)
        else:
            message = s("bookmarks_count_filtered", n=len(self.rows), total=total)
        if self.removed:
            message += "  " + s("bookmarks_undo_hint", n=len(self.removed))
        self.query_one("#bookmarks-status", Static).update(Content(message))

    @property
    def current(self) -> Bookmark | None:
        """The highlighted bookmark (None when the list is empty)."""
        if not self.rows or not self.window:
            return None
        offset = self.position - self.window_start
        return self.window[offset] if 0 <= offset < len(self.window) else None

    # -- events and actions ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(BookmarkList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # A click (or OptionList itself) moved the highlight inside the window.
        event.stop()
        row = self._option_rows.get(event.option_index)
        if row is not None:
            self.position = row

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        bookmark = self.current
        if bookmark is not None and self.elsewhere(bookmark):
            message = self.strings("bookmarks_jump_elsewhere", corpus=bookmark.corpus)
            self.notify(message, markup=False, timeout=6)
        elif bookmark is not None:
            self.dismiss((bookmark.article_id, bookmark.first, bookmark.last))

    def action_delete(self) -> None:
        bookmark = self.current
        if bookmark is None or bookmark.id is None:
            return
        index = self.position
        try:
            removed = self.library.remove_bookmark(bookmark.id)
        except StoreError as error:
            self.notify(str(error), markup=False, severity="error")
            return
        self.removed.append(removed)
        self.changed = True
        after = self.rows[index + 1] if index + 1 < len(self.rows) else None
        if after is None and index > 0:
            after = self.rows[index - 1]
        self.reload(keep=after.id if after else None)
        self.notify(self.strings("bookmark_deleted", label=removed.label), markup=False, timeout=3)

    def action_undo(self) -> None:
        if not self.removed:
            self.notify(self.strings("bookmarks_nothing_to_undo"), markup=False, timeout=2)
            return
        bookmark = self.removed.pop()
        try:
            restored = self.library.restore_bookmark(bookmark)
        except StoreError as error:
            self.removed.append(bookmark)
            self.notify(str(error), markup=False, severity="error")
            return
        self.changed = True
        self.reload(keep=restored.id)
        self.notify(
            self.strings("bookmark_restored", label=restored.label), markup=False, timeout=3
        )

    def action_export(self) -> None:
        if not self.rows:
            self.notify(self.strings("export_nothing"), markup=False, timeout=3)
            return
        self.reader_app.main_screen.export_bookmarks(self.shown)

    def action_cursor_down(self) -> None:
        self.query_one(BookmarkList).focus()
        self.move_to(self.position + 1)

    def action_cursor_up(self) -> None:
        self.query_one(BookmarkList).focus()
        self.move_to(self.position - 1)

    def action_filter(self) -> None:
        self.query_one("#bookmarks-filter", Input).focus()

    def action_close(self) -> None:
        """Esc: from the filter back to the list; from the list, close the screen."""
        if self.focused is self.query_one("#bookmarks-filter", Input):
            self.query_one(BookmarkList).focus()
            return
        self.dismiss(None)
