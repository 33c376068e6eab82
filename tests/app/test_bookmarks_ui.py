"""Pilot tests for bookmarks in the reader: b, a, y, B (filter, d/u, Enter), e and export."""

from __future__ import annotations

import json

from textual.widgets import Input

from newsreader.app.bookmarks_screen import BookmarkList, BookmarksScreen
from newsreader.app.dialogs import ConfirmDialog, ExportDialog, NoteDialog
from newsreader.core.store.bookmarks import BookmarkStore, StoreReadOnly

from .conftest import loaded, make_app, sample_articles, wait_for

SIZE = (100, 30)


def stored() -> list:
    with BookmarkStore.open() as store:
        return store.bookmarks()


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


def gutter(app, paragraph: int) -> str:
    """The gutter cells of a paragraph's first line, as drawn."""
    reader = app.main_screen.reader
    for line in reader._lines:
        if line.kind == "para" and line.paragraph == paragraph and line.first:
            return reader._gutter(line)[0].plain
    raise AssertionError(f"no line for paragraph {paragraph}")


async def test_b_toggles_a_bookmark_and_marks_the_gutter():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("j", "b")
        await wait_for(pilot, lambda: len(stored()) == 1, "the bookmark")
        (bookmark,) = stored()
        assert (bookmark.article_id, bookmark.first, bookmark.last) == ("a2024", 1, 1)
        assert bookmark.quote == app.main_screen.reader.article.paragraphs[1]
        assert "★" in gutter(app, 1) and "★" not in gutter(app, 0)
        assert "▶" in gutter(app, 1)  # the cursor mark is still there, beside the star
        assert any("Bookmarked ¶2" in m for m in notifications(app))
        await pilot.press("b")  # again: removed
        await wait_for(pilot, lambda: not stored(), "the bookmark to go")
        assert "★" not in gutter(app, 1)
        assert any("removed" in m for m in notifications(app))


async def test_b_on_a_v_range_marks_the_range_and_b_inside_it_removes_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("j", "v", "j", "j", "b")
        await wait_for(pilot, lambda: len(stored()) == 1, "the bookmark")
        (bookmark,) = stored()
        assert (bookmark.first, bookmark.last) == (1, 3)
        assert app.main_screen.reader.range_anchor is None  # the range is dropped once marked
        assert all("★" in gutter(app, p) for p in (1, 2, 3))
        await pilot.press("k", "b")  # on ¶3, inside the bookmark: removes it
        await wait_for(pilot, lambda: not stored(), "the bookmark to go")


async def test_marks_come_back_when_the_article_is_opened_again():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("j", "j", "b", "right_square_bracket")
        await wait_for(
            pilot, lambda: app.main_screen.reader.article.id != "a2024", "the next article"
        )
        assert app.main_screen.reader.marked == set()
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: app.main_screen.reader.article.id == "a2024", "a2024 again")
        assert app.main_screen.reader.marked == {2}


async def test_a_saves_a_note_in_a_dialog_and_esc_cancels():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("j", "a")  # no bookmark yet: the note creates one
        await wait_for(pilot, lambda: isinstance(app.screen, NoteDialog), "the note dialog")
        await pilot.press(*"[bold]x[/]", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteDialog), "the dialog to close")
        (bookmark,) = stored()
        assert bookmark.note == "[bold]x[/]" and (bookmark.first, bookmark.last) == (1, 1)
        assert 1 in app.main_screen.reader.marked
        await pilot.press("a")  # edits the same bookmark's note
        await wait_for(pilot, lambda: isinstance(app.screen, NoteDialog), "the note dialog")
        assert app.screen.query_one(Input).value == "[bold]x[/]"
        await pilot.press("z", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteDialog), "the dialog to close")
        assert stored()[0].note == "[bold]x[/]"  # Esc: unchanged


async def test_y_copies_the_passage_with_its_citation(monkeypatch):
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("j", "v", "j", "y")
        await wait_for(pilot, lambda: copied, "the copy")
        paragraphs = app.main_screen.reader.article.paragraphs
        assert copied[0] == (
            f"{paragraphs[1]}\n\n{paragraphs[2]}\n\n— Tổng kết 10 năm Chỉ thị 39-CT/TW, "
            "Published 23/05/2024, ¶2–3, a2024.txt"
        )
        assert any("Copied ¶2–3" in m for m in notifications(app))
        assert not stored()  # copying does not bookmark


async def _bookmarks(app, pilot) -> BookmarksScreen:
    await pilot.press("B")
    await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen), "the bookmarks screen")
    await pilot.pause()
    return app.screen


async def _mark_some(app, pilot) -> None:
    """¶2 of a2024 with a note, ¶1 and ¶2–3 of a2019."""
    await pilot.press("j", "b", "a", *"ghi chú quan trọng", "enter")
    await pilot.press("right_square_bracket")
    await wait_for(pilot, lambda: app.main_screen.reader.article.id == "a2019", "a2019")
    await pilot.press("b", "j", "v", "j", "b")
    await wait_for(pilot, lambda: len(stored()) == 3, "three bookmarks")


async def test_bookmarks_screen_lists_by_article_and_filters_folded():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _mark_some(app, pilot)
        screen = await _bookmarks(app, pilot)
        assert [(b.article_id, b.first, b.last) for b in screen.shown] == [
            ("a2019", 0, 0),
            ("a2019", 1, 2),
            ("a2024", 1, 1),
        ]
        option_list = screen.query_one(BookmarkList)
        assert option_list.option_count == 5  # two article headers, three passages
        header = option_list.get_option_at_index(0)
        assert header.disabled and "Sơ kết 5 năm" in str(header.prompt)
        await pilot.press("slash", *"quan trong")  # no diacritics: matches the note
        await wait_for(pilot, lambda: len(screen.shown) == 1, "the filter")
        assert screen.shown[0].note == "ghi chú quan trọng"
        await pilot.press("escape")  # filter -> list
        assert isinstance(screen.focused, BookmarkList)
        await pilot.press("slash", *["backspace"] * 10, *"SO KET 5 NAM")  # a title
        await wait_for(pilot, lambda: len(screen.shown) == 2, "the filter")
        assert {b.article_id for b in screen.shown} == {"a2019"}
        assert "2 of 3 bookmarks" in str(screen.query_one("#bookmarks-status").content)
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarksScreen), "closed")


async def test_enter_on_a_bookmark_jumps_to_its_passage():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _mark_some(app, pilot)
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: app.main_screen.reader.article.id == "a2024", "a2024")
        screen = await _bookmarks(app, pilot)
        await pilot.press("j")  # from the first passage (a2019 ¶1) to a2019 ¶2–3
        assert (screen.current.first, screen.current.last) == (1, 2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarksScreen), "closed")
        assert app.main_screen.reader.article.id == "a2019"
        passage = app.main_screen.reader.passage
        assert (passage.first, passage.last) == (1, 2) and app.main_screen.reader.cursor == 1
        assert app.focused is app.main_screen.reader


async def test_d_deletes_and_u_undoes_while_the_screen_is_open():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _mark_some(app, pilot)
        screen = await _bookmarks(app, pilot)
        first = screen.current
        await pilot.press("d")
        await wait_for(pilot, lambda: len(stored()) == 2, "the delete")
        assert first.id not in [b.id for b in screen.shown]
        await pilot.press("d")
        await wait_for(pilot, lambda: len(stored()) == 1, "the second delete")
        await pilot.press("u", "u")
        await wait_for(pilot, lambda: len(stored()) == 3, "the undo")
        assert first.id in [b.id for b in stored()]  # back under its old id
        await pilot.press("u")
        assert any("Nothing to undo" in m for m in notifications(app))
        await pilot.press("d", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarksScreen), "closed")
        assert len(stored()) == 2


async def test_e_exports_the_articles_bookmarks_and_never_overwrites_without_yes(tmp_path):
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _mark_some(app, pilot)  # a2019 is open: two of the three are its
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        dialog = app.screen
        path_input = dialog.query_one("#export-path", Input)
        proposed = path_input.value
        assert proposed.startswith(str(tmp_path)) and proposed.endswith(".md")
        assert f"Will write Markdown (.md) to: {proposed}" in str(
            dialog.query_one("#export-full").content
        )
        target = tmp_path / "mine.md"
        path_input.value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: target.exists(), "the file")
        text = target.read_text(encoding="utf-8")
        assert "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW" in text and "¶2–3" in text
        assert "Tổng kết 10 năm" not in text  # only this article's bookmarks
        assert any(str(target) in m for m in notifications(app))

        # Again to the same file: asks, and "n" keeps the file.
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), "back to the dialog")
        assert target.read_text(encoding="utf-8") == "keep me"
        assert "Not replaced" in str(app.screen.query_one("#export-error").content)
        await pilot.press("enter")  # asks again; "y" replaces
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: target.read_text(encoding="utf-8") != "keep me", "the write")


async def test_export_from_the_bookmarks_screen_as_json_and_errors_are_shown(tmp_path):
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _mark_some(app, pilot)
        await _bookmarks(app, pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        dialog = app.screen
        await pilot.click("#fmt-json")
        await pilot.pause()
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value.endswith(".json")  # the proposed name follows the format
        blocked = tmp_path / "not-a-folder"
        blocked.write_text("x", encoding="utf-8")
        path_input.value = str(blocked / "out.json")  # a file where a folder should be
        path_input.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Cannot write" in str(dialog.query_one("#export-error").content)
        assert isinstance(app.screen, ExportDialog)
        path_input.value = str(tmp_path / "all.json")
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "all.json").exists(), "the file")
        data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
        assert data["format"] == "newsreader.bookmarks" and len(data["bookmarks"]) == 3
        assert isinstance(app.screen, BookmarksScreen)


async def test_reading_state_is_restored_from_the_store_with_the_marks():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("right_square_bracket", "j", "b", "j", "q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert (
            again.main_screen.reader.article.id == "a2019" and again.main_screen.reader.cursor == 2
        )
        assert again.main_screen.reader.marked == {1}


async def test_a_read_only_store_still_reads_and_says_why(tmp_path, monkeypatch):
    with BookmarkStore.open() as store:  # one bookmark made earlier
        store.add(next(a for a in sample_articles() if a.id == "a2024"), 0, 0)
    real_open = BookmarkStore.open.__func__

    def read_only_dir(cls, path=None, *, read_only=False, **kwargs):
        if not read_only:  # as a read-only data dir answers (chmod does not stop root)
            raise StoreReadOnly("cannot write bookmarks: the data folder /x is read-only")
        return real_open(cls, path, read_only=True, **kwargs)

    monkeypatch.setattr(BookmarkStore, "open", classmethod(read_only_dir))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.library.store_writable is False
        assert any("read-only" in m for m in notifications(app))
        assert app.main_screen.reader.marked == {0}  # what is there is still shown
        await pilot.press("j", "b")
        await pilot.pause()
        assert any("Cannot change bookmarks" in m for m in notifications(app))
        assert app.main_screen.reader.cursor == 1  # reading goes on
        await pilot.press("q")


async def test_a_corrupt_store_is_moved_aside_and_the_user_is_told_where(tmp_path, monkeypatch):
    data = tmp_path / "bad"
    data.mkdir()
    (data / "newsreader.sqlite3").write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(data))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        moved = app.library._store.moved_to
        assert moved is not None and moved.exists()
        assert any(str(moved) in m for m in notifications(app))
        await pilot.press("b")
        await wait_for(pilot, lambda: len(stored()) == 1, "a bookmark in the fresh store")


async def test_the_bookmarks_screen_draws_a_window_and_its_keys_reach_both_ends(monkeypatch):
    """300 bookmarks, a window of 40: the list never holds them all, the first screenful
    is the first bookmarks, End reaches the last one, Home the first, j walks across the
    window's edge, and the filter searches all of them, not only the window."""
    from newsreader.app import bookmarks_screen
    from newsreader.core.export import to_json
    from newsreader.core.store.bookmarks import make_bookmark

    from .conftest import article

    monkeypatch.setattr(bookmarks_screen, "WINDOW", 40)
    articles = [
        article(
            f"art-{n:03d}",
            f"Bài số {n}",
            [f"Bài {n}, đoạn {p}: số {n * 10 + p}." for p in range(10)],
        )
        for n in range(30)
    ]
    app = make_app(articles)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        key = app.library.corpus_key
        marked = [make_bookmark(a, p, p, corpus=key) for a in articles for p in range(10)]
        app.library.import_bookmarks(to_json(marked).encode())
        screen = await _bookmarks(app, pilot)
        option_list = screen.query_one(BookmarkList)

        def at() -> tuple[str, int]:
            assert screen.current is not None
            highlighted = option_list.get_option_at_index(option_list.highlighted)
            assert highlighted.id == f"b{screen.current.id}"  # what is drawn highlighted
            return screen.current.article_id, screen.current.first

        assert len(screen.rows) == 300 and len(screen.window) == 40
        assert option_list.option_count == 40 + 4  # the window's passages and 4 headers
        assert at() == ("art-000", 0)
        assert "Bài số 0" in str(option_list.get_option_at_index(0).prompt)
        await pilot.press("end")
        await wait_for(pilot, lambda: screen.position == 299, "the last bookmark")
        assert at() == ("art-029", 9) and len(screen.window) == 40
        assert "¶10" in str(option_list.get_option_at_index(option_list.highlighted).prompt)
        await pilot.press("home")
        await wait_for(pilot, lambda: screen.position == 0, "the first bookmark")
        assert at() == ("art-000", 0)
        await pilot.press(*["j"] * 45)  # past the first window's last row (39)
        await wait_for(pilot, lambda: screen.position == 45, "row 45")
        assert at() == ("art-004", 5) and screen.window_start > 0
        await pilot.press(*["k"] * 45)
        await wait_for(pilot, lambda: screen.position == 0, "row 0 again")
        assert at() == ("art-000", 0)
        await pilot.press("pagedown", "pagedown")
        await wait_for(pilot, lambda: screen.position > 0, "a page down")
        assert at() == ("art-000", screen.position) or screen.position >= 10
        await pilot.press("slash", *"so 257")  # in art-025, far past the first window
        await wait_for(pilot, lambda: len(screen.rows) == 1, "the filter")
        assert at() == ("art-025", 7)
        assert "1 of 300 bookmarks" in str(screen.query_one("#bookmarks-status").content)
