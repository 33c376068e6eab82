"""The interface speaks Vietnamese all the way: the palette (placeholder, Textual's own
commands, folded search), the inferred-year note, counted phrases; and a screenshot lands in a
folder that exists."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.command import CommandInput, CommandPalette
from textual.widgets import OptionList

from newsreader.app.strings import Strings

from .conftest import loaded, make_app, sample_articles, wait_for
from .test_app import screen_text

SIZE = (100, 30)
ENGLISH_SYSTEM = {"Keys", "Maximize", "Minimize", "Screenshot", "Theme", "Quit"}


async def _palette(pilot) -> CommandPalette:
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
    return app.screen


def _prompts(palette: CommandPalette) -> list[str]:
    options = palette.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_palette_speaks_vietnamese_and_folds_diacritics():
    app = make_app(lang="vi")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        palette = await _palette(pilot)
        assert palette.query_one(CommandInput).placeholder == "Tìm lệnh…"
        options = palette.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count > 0, "the commands")
        shown = " ".join(_prompts(palette))
        assert "Giao diện" in shown and "Thoát" in shown
        assert not any(word in shown.split() for word in ENGLISH_SYSTEM)
        await pilot.press(*"giao dien")  # no diacritics typed
        await wait_for(
            pilot, lambda: any("Giao diện" in p for p in _prompts(palette)), "the theme command"
        )
        await wait_for(pilot, lambda: options.highlighted is not None, "a highlighted command")
        while "Giao diện" not in _prompts(palette)[options.highlighted]:
            await pilot.press("down")
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CommandPalette) and app.screen is not palette,
            "the theme list",
        )
        assert app.screen.query_one(CommandInput).placeholder == "Tìm giao diện…"


async def test_the_inferred_year_note_is_vietnamese():
    first = sample_articles()[0]
    inferred = dataclasses.replace(
        first,
        published=None,
        year_source="inferred",
        year_note="10 years after 39-CT/TW of 18/08/2014",
    )
    app = make_app([inferred, *sample_articles()[1:]], lang="vi")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        text = screen_text(app)
        assert "10 năm sau 39-CT/TW ngày 18/08/2014" in text
        assert "years after" not in text


def test_counted_phrases_agree_with_their_number():
    en, vi = Strings("en"), Strings("vi")
    assert en.count("bookmarks_count", 1) == "1 bookmark"
    assert en.count("bookmarks_count", 2) == "2 bookmarks"
    assert en.count("passages_count", 1) == "1 passage"
    assert en.count("articles_count", 3) == "3 articles"
    assert vi.count("passages_count", 1) == "1 đoạn"
    what = en(
        "export_what",
        passages=en.count("passages_count", 2),
        articles=en.count("articles_count", 1),
    )
    assert what == "2 passages from 1 article"


async def test_a_screenshot_lands_in_a_folder_that_exists(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        saved = app.save_screenshot_here()
        assert saved is not None and saved.exists()
        assert saved.parent == Path(home) / "Downloads"
        await wait_for(
            pilot,
            lambda: any(str(saved) in n.message for n in app._notifications),
            "where it went, said",
        )
