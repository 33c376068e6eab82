"""Bookmarks in the reader: b / a / y / e on the passage, B for every bookmark, and export.

A mixin of MainScreen. Every read and write goes through the Library; a store that cannot
be written (read-only data dir) still lists, and each write says why it cannot be done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsreader.core.formatting import range_label
from newsreader.core.library import Bookmark, Library, StoreError, StoreReadOnly

if TYPE_CHECKING:
    from newsreader.app import keys
    from newsreader.app.reader import ReaderView
    from newsreader.app.strings import Strings
    from newsreader.core.model import Article


class BookmarkActions:
    """Bookmark actions for MainScreen (which provides library, strings, reader, notify…)."""

    library: Library
    strings: Strings
    registry: keys.Keys
    store_ready: bool

    if TYPE_CHECKING:
        reader: ReaderView
        app: Any

        def notify(self, *args: Any, **kwargs: Any) -> None: ...
        def open_article(self, *args: Any, **kwargs: Any) -> None: ...

    def _say(
        self, key: str, severity: str = "information", timeout: float = 4, **values: object
    ) -> None:
        self.notify(self.strings(key, **values), markup=False, severity=severity, timeout=timeout)

    def _store_error(self, error: Exception) -> None:
        if isinstance(error, StoreReadOnly):
            self._say("store_read_only_short", severity="warning", timeout=8)
        else:
            self.notify(str(error), markup=False, severity="error", timeout=8)

    def _store_usable(self, *, write: bool) -> bool:
        if not self.store_ready:
            self._say("store_not_ready", severity="warning")
            return False
        if write and not self.library.store_writable:
            self._say("store_read_only_short", severity="warning", timeout=8)
            return False
        return True

    # -- marks in the gutter -------------------------------------------------------------

    def marks_for(self, article: Article) -> set[int]:
        """The paragraphs the article's bookmarks cover now (re-anchored)."""
        if not self.store_ready:
            return set()
        try:
            return self.library.marked_paragraphs(article)
        except StoreError:
            return set()

    def notes_for(self, article: Article) -> dict[int, list[str]]:
        """The notes of the article's found bookmarks, by the passage's last paragraph."""
        if not self.store_ready or not article.paragraphs:
            return {}
        notes: dict[int, list[str]] = {}
        try:
            for bookmark in self.library.article_bookmarks(article):
                if bookmark.note and not bookmark.orphaned:
                    notes.setdefault(bookmark.last, []).append(bookmark.note)
        except StoreError:
            return {}
        return notes

    def refresh_marks(self) -> None:
        reader = self.reader
        if reader.article is not None:
            reader.set_marked(self.marks_for(reader.article), self.notes_for(reader.article))

    # -- b, a, y, e in the reader ---------------------------------------------------------

    def _passage(self) -> tuple[Article, int, int] | None:
        reader = self.reader
        passage = reader.passage
        if passage is None or reader.article is None:
            self._say("no_passage", timeout=3)
            return None
        return reader.article, passage.first, passage.last

    def _bookmark_at(
        self, article: Article, first: int, last: int, ranged: bool
    ) -> Bookmark | None:
        """The bookmark the passage means: this exact range, else (no `v` range) the
        smallest bookmark covering the cursor's paragraph."""
        bookmarks = [b for b in self.library.article_bookmarks(article) if not b.orphaned]
        exact = [b for b in bookmarks if (b.first, b.last) == (first, last)]
        if exact:
            return exact[0]
        if ranged:
            return None
        covering = [b for b in bookmarks if b.covers(first)]
        covering.sort(key=lambda b: (b.last - b.first, b.first))
        return covering[0] if covering else None

    def action_toggle_bookmark(self) -> None:
        found = self._passage()
        if found is None or not self._store_usable(write=True):
            return
        article, first, last = found
        ranged = self.reader.range_anchor is not None
        try:
            existing = self._bookmark_at(article, first, last, ranged)
            if existing is not None and existing.id is not None:
                self.library.remove_bookmark(existing.id)
                self._say("bookmark_removed", label=existing.label)
            else:
                self.library.add_bookmark(article, first, last)
                self._say("bookmark_added", label=range_label(first, last))
        except StoreError as error:
            self._store_error(error)
            return
        self.reader.action_clear_range()
        self.refresh_marks()

    def action_edit_note(self) -> None:
        found = self._passage()
        if found is None or not self._store_usable(write=True):
            return
        from newsreader.app.dialogs import NoteDialog

        article, first, last = found
        existing = self._bookmark_at(article, first, last, self.reader.range_anchor is not None)
        if existing is not None:
            first, last = existing.first, existing.last
        label = range_label(first, last)

        def save(note: str | None) -> None:
            if note is None:
                return
            try:
                if existing is not None and existing.id is not None:
                    saved = self.library.set_note(existing.id, note)
                else:
                    saved, _ = self.library.add_bookmark(article, first, last, note=note or None)
            except StoreError as error:
                self._store_error(error)
                return
            self._say("note_saved" if saved.note else "note_cleared", label=label)
            self.reader.action_clear_range()
            self.refresh_marks()

        dialog = self.registry.bound(NoteDialog, "form")(
            self.strings, label, article.title, existing.note if existing else None
        )
        self.app.push_screen(dialog, save)

    def action_copy_passage(self) -> None:
        found = self._passage()
        if found is None:
            return
        article, first, last = found
        self.app.copy_to_clipboard(self.library.citation_of(article, first, last))
        self._say("copied", label=range_label(first, last))

    def action_export_article(self) -> None:
        article = self.reader.article
        if article is None or not self._store_usable(write=False):
            self._say("export_nothing", timeout=3)
            return
        bookmarks = self.library.article_bookmarks(article)
        if not bookmarks:
            self._say("export_none_here", timeout=4)
            return
        self.export_bookmarks(bookmarks)

    # -- B and export ------------------------------------------------------------------------

    def action_bookmarks(self) -> None:
        if not self._store_usable(write=False):
            return
        from newsreader.app.bookmarks_screen import BookmarksScreen

        screen = self.registry.bound(BookmarksScreen, "bookmarks")(
            self.strings, self.library, self.registry
        )

        def closed(target: tuple[str, int, int] | None) -> None:
            if target is not None:
                self.jump_to(*target)
            else:
                self.refresh_marks()

        self.app.push_screen(screen, closed)

    def jump_to(self, article_id: str, first: int, last: int) -> None:
        """Open the article with the cursor (and the range) on the passage."""
        if not self.library.has_article(article_id):
            self._say("bookmark_article_gone", severity="warning", timeout=6)
            return
        self.open_article(article_id, paragraph=first, focus_reader=True)
        reader = self.reader
        if reader.article is None or reader.article.id != article_id:
            return
        count = len(reader.article.paragraphs)
        if first >= count:
            self._say("bookmark_not_found", severity="warning", timeout=6)
            return
        if last > first:
            reader.range_anchor = min(last, count - 1)  # the range, with the cursor on its start

    def export_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        """The export dialog for these bookmarks; says where the file went."""
        from pathlib import Path

        from newsreader.app.dialogs import ExportDialog

        s = self.strings
        articles = len({b.article_id for b in bookmarks})
        passages = len(bookmarks)
        counted = s.count("passages_count", passages)
        what = s("export_what", passages=counted, articles=s.count("articles_count", articles))
        folder = self.app.export_folder
        library = self.library

        def done(path: Path | None) -> None:
            if path is not None:
                self._say("exported", timeout=10, passages=counted, path=str(path))

        dialog = self.registry.bound(ExportDialog, "form")(
            s,
            what,
            lambda fmt, path, force: library.export(fmt, bookmarks, path, force=force),
            lambda fmt: library.default_export_path(fmt, folder=folder),
        )
        self.app.push_screen(dialog, done)
