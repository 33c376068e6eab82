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
from newsreader.core.library import Bookmark, Library, StoreError

if TYPE_CHECKING:
    from newsreader.app.main import NewsreaderApp

FIRST_LINE = 200  # characters of the quote shown (the list crops to its width)


def first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= FIRST_LINE else line[: FIRST_LINE - 1] + "…"


class BookmarkList(OptionList, inherit_bindings=False):
    """The bookmarks, one option per passage under a disabled header per article. Without
    OptionList's own Enter, the screen's (go to the passage) answers and shows in the footer."""

    BINDINGS = [b for b in OptionList.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]


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
        self.bookmarks: list[Bookmark] = []
        self.shown: list[Bookmark] = []
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

    def reload(self, keep: int | None = None) -> None:
        self.bookmarks = self.library.bookmarks(all_corpora=self.all_corpora)
        self._refilter(keep)

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
        from newsreader.core.export import group_by_article
        from newsreader.core.text.fold import fold

        words = fold(self.filter_text).split()
        shown = []
        for bookmark in self.bookmarks:
            haystack = fold(f"{bookmark.title}\n{bookmark.quote}\n{bookmark.note or ''}")
            if all(word in haystack for word in words):
                shown.append(bookmark)
        groups = group_by_article(shown)
        self.shown = [b for group in groups for b in group]
        option_list = self.query_one(BookmarkList)
        previous = self._highlighted()
        option_list.clear_options()
        options: list[Option | None] = []
        for group in groups:
            options.append(Option(self._header(group), disabled=True))
            for bookmark in group:
                options.append(Option(self._entry(bookmark), id=f"b{bookmark.id}"))
        option_list.add_options(options)
        target = keep if keep is not None else (previous.id if previous else None)
        self._highlight(target)
        self._update_status()

    def _highlight(self, bookmark_id: int | None) -> None:
        option_list = self.query_one(BookmarkList)
        if not self.shown:
            return
        index = None
        if bookmark_id is not None:
            try:
                index = option_list.get_option_index(f"b{bookmark_id}")
            except Exception:  # OptionDoesNotExist: it was filtered out or deleted
                index = None
        if index is None:
            index = option_list.get_option_index(f"b{self.shown[0].id}")
        option_list.highlighted = index

    def _header(self, group: list[Bookmark]) -> Text:
        s = self.strings
        bookmark = group[0]
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
        total = len(self.bookmarks)
        if not total:
            message = s("bookmarks_none")
        elif len(self.shown) == total:
            message = s.count("bookmarks_count", total)
        else:
            message = s("bookmarks_count_filtered", n=len(self.shown), total=total)
        if self.removed:
            message += "  " + s("bookmarks_undo_hint", n=len(self.removed))
        self.query_one("#bookmarks-status", Static).update(Content(message))

    def _highlighted(self) -> Bookmark | None:
        option_list = self.query_one(BookmarkList)
        index = option_list.highlighted
        if index is None:
            return None
        option = option_list.get_option_at_index(index)
        if not option.id:
            return None
        wanted = int(option.id[1:])
        return next((b for b in self.shown if b.id == wanted), None)

    @property
    def current(self) -> Bookmark | None:
        return self._highlighted()

    # -- events and actions ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(BookmarkList).focus()

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
        index = self.shown.index(bookmark)
        try:
            removed = self.library.remove_bookmark(bookmark.id)
        except StoreError as error:
            self.notify(str(error), markup=False, severity="error")
            return
        self.removed.append(removed)
        self.changed = True
        after = self.shown[index + 1] if index + 1 < len(self.shown) else None
        if after is None and index > 0:
            after = self.shown[index - 1]
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
        if not self.shown:
            self.notify(self.strings("export_nothing"), markup=False, timeout=3)
            return
        self.reader_app.main_screen.export_bookmarks(list(self.shown))

    def action_cursor_down(self) -> None:
        option_list = self.query_one(BookmarkList)
        option_list.focus()
        option_list.action_cursor_down()

    def action_cursor_up(self) -> None:
        option_list = self.query_one(BookmarkList)
        option_list.focus()
        option_list.action_cursor_up()

    def action_filter(self) -> None:
        self.query_one("#bookmarks-filter", Input).focus()

    def action_close(self) -> None:
        """Esc: from the filter back to the list; from the list, close the screen."""
        if self.focused is self.query_one("#bookmarks-filter", Input):
            self.query_one(BookmarkList).focus()
            return
        self.dismiss(None)
