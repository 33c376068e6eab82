"""The bookmarks screen lists the open corpus's bookmarks; A adds every corpus's."""

from __future__ import annotations

from newsreader.app.bookmarks_screen import BookmarksScreen
from newsreader.core.model import Article

from .conftest import library_for, loaded, make_app, sample_articles, wait_for


async def test_B_lists_this_corpus_and_A_every_corpus():
    elsewhere = library_for(sample_articles(), root="/elsewhere")
    article = elsewhere.article("a2019")
    assert isinstance(article, Article)
    elsewhere.add_bookmark(article, 0, 0, note="ở kho khác")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen), "the list")
        await pilot.pause()
        screen = app.screen
        assert screen.shown == []
        await pilot.press("A")
        await wait_for(pilot, lambda: len(screen.shown) == 1, "every corpus")
        assert not screen.is_orphaned(screen.shown[0])
        await pilot.press("enter")  # another corpus's passage: said, not opened
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert any("/elsewhere" in n.message for n in app._notifications)
        await pilot.press("A")
        await wait_for(pilot, lambda: screen.shown == [], "this corpus again")
