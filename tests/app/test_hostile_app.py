"""The reader on a corpus of hostile files: it opens, explains the skips, and shows every
title, file name and paragraph literally, with nothing reaching the terminal as a command."""

from __future__ import annotations

from hostile import (
    ESCAPES,
    ESCAPES_TITLE,
    MARKUP_JSON,
    MARKUP_JSON_TITLE,
    skipped_reasons,
    unsafe,
)
from newsreader.app.screens import SkippedScreen

from .conftest import app_on, loaded, wait_for

SIZE = (100, 30)


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_reader_opens_on_a_hostile_corpus_and_lists_every_skip(hostile):
    root, expected = hostile
    app = app_on(root, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.library.articles() and app.main_screen.reader.article is not None
        assert {s.path for s in app.library.skipped()} >= set(skipped_reasons(expected))
        await pilot.press("!")
        await wait_for(pilot, lambda: isinstance(app.screen, SkippedScreen), "the skipped screen")
        assert not unsafe(screen_text(app), allowed="\n")


async def test_markup_and_escapes_in_titles_show_literally(hostile):
    root, _ = hostile
    app = app_on(root, "en")
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        for article_id, title in ((ESCAPES, ESCAPES_TITLE), (MARKUP_JSON, MARKUP_JSON_TITLE)):
            app.main_screen.open_article(article_id)
            await pilot.pause()
            assert app.main_screen.reader.article.title == title
            text = screen_text(app)
            assert title in text, f"{title!r} not shown literally"
            assert not unsafe(text, allowed="\n")


def test_hostile_article_snapshot(snap_compare, hostile):
    root, _ = hostile

    async def open_escapes(pilot) -> None:
        await loaded(pilot)
        pilot.app.main_screen.open_article(ESCAPES)
        await pilot.pause()

    assert snap_compare(app_on(root, "en"), terminal_size=SIZE, run_before=open_escapes)
