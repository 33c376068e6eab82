"""The app's side of bookmarks: the store, b / a / y / e in the reader, B, and export.

A mixin of NewsreaderApp, kept apart from main.py. The store is opened in a worker thread
while the corpus loads (SQLite's integrity check and a migration can take a moment); the
reading state lives in it too. A store that cannot be written (read-only data dir) is
opened read-only: reading goes on, and each write says why it cannot be done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.app.strings import Strings

if TYPE_CHECKING:
    from newsreader.app.reader import ReaderView
    from newsreader.core.model import Article, Corpus
    from newsreader.core.store.bookmarks import Bookmark, BookmarkStore
    from newsreader.core.store.reading_state import ReadingState

STORE_WORKER = "open-store"


@dataclass(slots=True)
class OpenedStore:
    """What the store worker hands to the UI thread."""

    store: BookmarkStore
    state: ReadingState
    messages: list[tuple[str, str]] = field(default_factory=list)  # (severity, text)


def open_store(strings: Strings, state_path: Path | None, store_path: Path | None) -> OpenedStore:
    """Open the store (in a worker thread): writable, else read-only, else in memory."""
    from newsreader.core.store.bookmarks import BookmarkStore, StoreError, StoreReadOnly

    messages: list[tuple[str, str]] = []
    try:
        store = BookmarkStore.open(store_path)
    except StoreReadOnly as error:
        messages.append(("warning", strings("store_read_only", error=str(error))))
        try:
            store = BookmarkStore.open(store_path, read_only=True)
        except StoreError as again:
            messages.append(("error", strings("store_failed", error=str(again))))
            store = BookmarkStore.open(":memory:")
    except StoreError as error:
        messages.append(("error", strings("store_failed", error=str(error))))
        store = BookmarkStore.open(":memory:")
    if store.notice:
        messages.append(("warning", store.notice))
    if not store.read_only and store.path is not None:
        try:
            store.import_state_file(state_path)
        except (StoreError, OSError):
            pass  # the old file stays; the reading state starts afresh
    return OpenedStore(store, store.reading_state(), messages)


def memory_store() -> OpenedStore:
    from newsreader.core.store.bookmarks import BookmarkStore

    store = BookmarkStore.open(":memory:")
    return OpenedStore(store, store.reading_state())


class BookmarksMixin:
    """Bookmark actions for NewsreaderApp (which provides strings, reader, corpus, notify…)."""

    store: BookmarkStore | None = None
    strings: Strings
    corpus: Corpus | None
    state: ReadingState
    export_folder: Path | None = None  # where exports are proposed (None: documents dir)

    if TYPE_CHECKING:
        reader: ReaderView

    # -- the store -------------------------------------------------------------------------

    def _start_store(self, state_path: Path | None, store_path: Path | None) -> None:
        strings = self.strings
        self.run_worker(  # type: ignore[attr-defined]
            lambda: open_store(strings, state_path, store_path),
            thread=True,
            name=STORE_WORKER,
        )

    def _store_opened(self, opened: OpenedStore | None, error: BaseException | None = None) -> None:
        """On the UI thread, once: take the store and the reading state it holds."""
        if opened is None:
            opened = memory_store()
            opened.messages.append(("error", self.strings("store_failed", error=str(error))))
        self.store = opened.store
        self.state = opened.state
        theme = opened.state.theme
        if theme and theme in self.available_themes:  # type: ignore[attr-defined]
            self.theme = theme  # type: ignore[attr-defined]
        for severity, message in opened.messages:
            self.notify(message, markup=False, severity=severity, timeout=12)  # type: ignore[attr-defined]

    def _say(self, key: str, severity: str = "information", timeout: float = 4, **values) -> None:
        self.notify(self.strings(key, **values), markup=False, severity=severity, timeout=timeout)  # type: ignore[attr-defined]

    def _store_error(self, error: Exception) -> None:
        self.notify(str(error), markup=False, severity="error", timeout=8)  # type: ignore[attr-defined]

    def _writable_store(self) -> BookmarkStore | None:
        store = self.store
        if store is None:
            self._say("store_not_ready", severity="warning")
            return None
        if store.read_only:
            self._say("store_read_only_short", severity="warning", timeout=8)
            return None
        return store

    # -- marks in the gutter -------------------------------------------------------------

    def _marks_for(self, article: Article) -> set[int]:
        """Re-anchor the article's bookmarks; the paragraphs they cover now."""
        store = self.store
        if store is None or not article.paragraphs:
            return set()
        from newsreader.core.anchor import reanchor_article
        from newsreader.core.store.bookmarks import StoreError

        try:
            bookmarks = reanchor_article(store, article)
        except StoreError:
            bookmarks = store.for_article(article.id)
        marked: set[int] = set()
        for bookmark in bookmarks:
            if not bookmark.orphaned:
                marked.update(range(bookmark.first, bookmark.last + 1))
        return marked

    def refresh_marks(self) -> None:
        reader = self.reader
        if reader.article is not None and self.store is not None:
            reader.set_marked(set(self.store.marked_paragraphs(reader.article.id)))

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
        store = self.store
        if store is None:
            return None
        bookmarks = [b for b in store.for_article(article.id) if not b.orphaned]
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
        store = self._writable_store()
        if found is None or store is None:
            return
        from newsreader.core.store.bookmarks import StoreError, range_label

        article, first, last = found
        ranged = self.reader.anchor is not None
        try:
            existing = self._bookmark_at(article, first, last, ranged)
            if existing is not None and existing.id is not None:
                store.remove(existing.id)
                self._say("bookmark_removed", label=existing.label)
            else:
                store.add(article, first, last)
                self._say("bookmark_added", label=range_label(first, last))
        except StoreError as error:
            self._store_error(error)
            return
        self.reader.action_clear_range()
        self.refresh_marks()

    def action_edit_note(self) -> None:
        found = self._passage()
        store = self._writable_store()
        if found is None or store is None:
            return
        from newsreader.app.dialogs import NoteDialog
        from newsreader.core.store.bookmarks import StoreError, range_label

        article, first, last = found
        existing = self._bookmark_at(article, first, last, self.reader.anchor is not None)
        if existing is not None:
            first, last = existing.first, existing.last
        label = range_label(first, last)

        def save(note: str | None) -> None:
            if note is None:
                return
            try:
                if existing is not None and existing.id is not None:
                    saved = store.set_note(existing.id, note)
                else:
                    saved = store.add(article, first, last, note=note or None)
            except StoreError as error:
                self._store_error(error)
                return
            self._say("note_saved" if saved.note else "note_cleared", label=label)
            self.reader.action_clear_range()
            self.refresh_marks()

        dialog = NoteDialog(self.strings, label, article.title, existing.note if existing else None)
        self.push_screen(dialog, save)  # type: ignore[attr-defined]

    def action_copy_passage(self) -> None:
        found = self._passage()
        if found is None:
            return
        from newsreader.core.export import passage_with_citation
        from newsreader.core.store.bookmarks import BookmarkStore, range_label

        article, first, last = found
        maker = self.store if self.store is not None else BookmarkStore.open(":memory:")
        text = passage_with_citation(maker.new_bookmark(article, first, last))
        self.copy_to_clipboard(text)  # type: ignore[attr-defined]
        self._say("copied", label=range_label(first, last))

    def action_export_article(self) -> None:
        article = self.reader.article
        if article is None or self.store is None:
            self._say("export_nothing", timeout=3)
            return
        bookmarks = self.store.for_article(article.id)
        if not bookmarks:
            self._say("export_none_here", timeout=4)
            return
        self.export_bookmarks(bookmarks)

    # -- B and export ------------------------------------------------------------------------

    def action_bookmarks(self) -> None:
        if self.store is None:
            self._say("store_not_ready", severity="warning")
            return
        from newsreader.app.bookmarks_screen import BookmarksScreen

        known = {a.id for a in self.corpus.articles} if self.corpus is not None else None
        screen = BookmarksScreen(self.strings, self.store, known)

        def closed(target: tuple[str, int, int] | None) -> None:
            if target is not None:
                self.jump_to(*target)
            else:
                self.refresh_marks()

        self.push_screen(screen, closed)  # type: ignore[attr-defined]

    def jump_to(self, article_id: str, first: int, last: int) -> None:
        """Open the article with the cursor (and the range) on the passage."""
        corpus = self.corpus
        if corpus is None or corpus.get(article_id) is None:
            self._say("bookmark_article_gone", severity="warning", timeout=6)
            return
        self.open_article(article_id, paragraph=first, focus_reader=True)  # type: ignore[attr-defined]
        reader = self.reader
        if reader.article is None or reader.article.id != article_id:
            return
        count = len(reader.article.paragraphs)
        if first >= count:
            self._say("bookmark_not_found", severity="warning", timeout=6)
            return
        if last > first:
            reader.anchor = min(last, count - 1)  # the range, with the cursor on its start
            reader.refresh()
            reader.post_message(reader.Changed(reader))

    def export_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        """The export dialog for these bookmarks; says where the file went."""
        from newsreader.app.dialogs import ExportDialog
        from newsreader.core.export import default_export_path, render

        s = self.strings
        articles = len({b.article_id for b in bookmarks})
        passages = len(bookmarks)
        what = s("export_what", passages=passages, articles=articles)
        folder = self.export_folder

        def done(path: Path | None) -> None:
            if path is not None:
                self._say("exported", timeout=10, n=passages, path=str(path))

        dialog = ExportDialog(
            s,
            what,
            lambda fmt: render(fmt, bookmarks),  # type: ignore[arg-type]
            lambda fmt: default_export_path(fmt, folder=folder),  # type: ignore[arg-type]
        )
        self.push_screen(dialog, done)  # type: ignore[attr-defined]
