"""Every screen works from the keyboard, and says so: Tab moves through each dialog's fields,
the export format follows the typed extension, and each screen's footer lists exactly the keys
of its registry pane."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, RadioButton, RadioSet
from textual.widgets._footer import FooterKey

from newsreader.app import keys
from newsreader.app.bookmarks_screen import BookmarksScreen
from newsreader.app.dialogs import ConfirmDialog, ExportDialog, NoteDialog
from newsreader.app.people_screen import PeopleScreen
from newsreader.app.screens import HelpScreen, SkippedScreen
from newsreader.app.search_panel import SearchScreen
from newsreader.core.model import SkipKind, Skipped

from .conftest import loaded, make_app, wait_for

SIZE = (100, 30)


def footer_keys(screen) -> list[tuple[str, str]]:
    return [(key.key_display, key.description) for key in screen.query(FooterKey)]


def registry_footer(pane: keys.Pane, lang: str = "en") -> list[tuple[str, str]]:
    registry = keys.Keys(lang)
    return [
        (entry.footer_key or keys.key_name(entry.keys[0]), entry.footer_description(lang))
        for entry in registry.actions(pane)
        if entry.footer
    ]


async def _open(pilot, key: str, screen_type: type) -> None:
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type), screen_type.__name__)
    await pilot.pause()


async def test_tab_moves_through_the_export_dialogs_fields_and_back(tmp_path):
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await _open(pilot, "e", ExportDialog)
        dialog = app.screen
        path_input = dialog.query_one("#export-path", Input)
        formats = dialog.query_one("#export-format", RadioSet)
        assert app.focused is path_input
        await pilot.press("tab")
        assert app.focused is formats
        await pilot.press("tab")
        assert app.focused is path_input  # round the dialog
        await pilot.press("shift+tab")
        assert app.focused is formats
        await pilot.press("shift+tab")
        assert app.focused is path_input


async def test_tab_stays_in_the_note_dialogs_one_field():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await _open(pilot, "a", NoteDialog)
        note = app.screen.query_one("#note-input", Input)
        for key in ("tab", "shift+tab"):
            await pilot.press(key)
            assert app.focused is note


async def test_typing_a_json_name_writes_json_and_says_so(tmp_path):
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await _open(pilot, "e", ExportDialog)
        dialog = app.screen
        path_input = dialog.query_one("#export-path", Input)
        path_input.value = ""
        target = tmp_path / "x.json"
        await pilot.press(*str(target))
        await pilot.pause()
        assert dialog.query_one("#fmt-json", RadioButton).value
        assert f"Will write JSON (.json) to: {target}" in str(
            dialog.query_one("#export-full").content
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: target.exists(), "the file")
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data  # JSON, not Markdown


async def test_picking_a_format_with_the_keyboard_changes_the_extension(tmp_path):
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await _open(pilot, "e", ExportDialog)
        dialog = app.screen
        await pilot.press("tab", "down", "space")  # Markdown -> JSON
        await pilot.pause()
        assert dialog.fmt == "json"
        assert dialog.query_one("#export-path", Input).value.endswith(".json")


async def test_enter_on_a_highlighted_format_picks_it_and_the_next_enter_writes_it(tmp_path):
    """Found in the tmux walk: Tab, → (JSON highlighted), Enter wrote Markdown."""
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await _open(pilot, "e", ExportDialog)
        dialog = app.screen
        await pilot.press("tab", "right", "enter")
        await pilot.pause()
        assert app.screen is dialog and dialog.fmt == "json" and not list(tmp_path.iterdir())
        path_input = dialog.query_one("#export-path", Input)
        assert app.focused is path_input and path_input.value.endswith(".json")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is not dialog, "the export written")
        (written,) = tmp_path.iterdir()
        assert written.suffix == ".json"
        assert json.loads(written.read_text(encoding="utf-8"))["version"] == 2


@pytest.mark.parametrize(
    ("pane", "how"),
    [
        ("dialog", "help"),
        ("dialog", "skipped"),
        ("form", "note"),
        ("form", "export"),
        ("confirm", "confirm"),
        ("bookmarks", "bookmarks"),
        ("search", "search"),
        ("people", "people"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "vi"])
async def test_each_screens_footer_is_its_registry_pane(tmp_path, pane, how, lang):
    skipped = [Skipped("broken.txt", SkipKind.ENCODING, "")]
    app = make_app(skipped=skipped, lang=lang)
    app.export_folder = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        if how == "help":
            await _open(pilot, "question_mark", HelpScreen)
        elif how == "skipped":
            await _open(pilot, "exclamation_mark", SkippedScreen)
        elif how == "note":
            await _open(pilot, "a", NoteDialog)
        elif how == "export":
            await _open(pilot, "e", ExportDialog)
        elif how == "confirm":
            await _open(pilot, "e", ExportDialog)
            taken = tmp_path / "taken.md"
            taken.write_text("x", encoding="utf-8")
            app.screen.query_one("#export-path", Input).value = str(taken)
            await _open(pilot, "enter", ConfirmDialog)
        elif how == "bookmarks":
            await _open(pilot, "B", BookmarksScreen)
        elif how == "people":
            await _open(pilot, "P", PeopleScreen)
            await pilot.press("tab")  # from the filter (which takes Enter) to the list
            await pilot.pause()
        else:
            await _open(pilot, "slash", SearchScreen)
        shown = footer_keys(app.screen)
        assert shown == registry_footer(pane, lang)
        assert not any(description in ("quit", "thoát") for _, description in shown)


@pytest.mark.parametrize("lang", ["en", "vi"])
async def test_every_format_label_is_whole_at_80_columns(tmp_path, lang):
    """Found in the tmux walk: at 80x24 the formats row cut "Plain text (.tx…" and, in
    Vietnamese, "Markdown (.md…" and "Văn bản thường…"."""
    from newsreader.app.strings import Strings

    from .test_app import screen_text

    app = make_app(lang=lang)
    app.export_folder = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await _open(pilot, "e", ExportDialog)
        text = screen_text(app)
        strings = Strings(lang)
        for fmt in ("md", "json", "txt"):
            assert strings(f"export_format_{fmt}") in text, fmt


async def test_tab_moves_between_the_bookmarks_filter_and_list():
    """Found in the tmux walk: in B, Tab never left the filter (nor reached it)."""
    from newsreader.app.bookmarks_screen import BookmarkList

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await _open(pilot, "B", BookmarksScreen)
        screen = app.screen
        listing = screen.query_one(BookmarkList)
        filter_box = screen.query_one("#bookmarks-filter", Input)
        assert app.focused is listing
        await pilot.press("tab")
        assert app.focused is filter_box
        await pilot.press("tab")
        assert app.focused is listing
        await pilot.press("shift+tab")
        assert app.focused is filter_box
        await pilot.press("shift+tab")
        assert app.focused is listing
