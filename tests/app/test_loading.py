"""The loading flow: its states, and the main screen under every order of its messages."""

from __future__ import annotations

import itertools

import pytest

from newsreader.app.loading import (
    CorpusCached,
    CorpusPartial,
    CorpusReady,
    LoadFailed,
    LoadFlow,
    LoadState,
    StoreOpened,
)
from newsreader.app.main import NewsreaderApp
from newsreader.core.library import ReadingState, Summary
from newsreader.core.store.index import GroupCount, YearCount

from .conftest import library_for, sample_articles, wait_for

SIZE = (100, 30)


def summary(n: int) -> Summary:
    return Summary("/c", (GroupCount("39-CT/TW", "Chỉ thị 39-CT/TW", (YearCount(2024, n),)),))


EMPTY = Summary("/c", ())


def test_warm_start_shows_the_cache_then_keeps_it_when_nothing_changed():
    flow = LoadFlow()
    assert flow.cached(summary(3)) == "show" and flow.state == LoadState.WARM_CACHED
    assert flow.ready(summary(3)) == "keep" and flow.state == LoadState.READY
    assert flow.history == [LoadState.WARM_CACHED, LoadState.READY]


def test_cold_build_shows_partials_that_only_grow():
    flow = LoadFlow()
    flow.building()
    assert flow.state == LoadState.COLD_BUILDING
    assert flow.partial(EMPTY) == "keep"  # nothing to show yet
    assert flow.partial(summary(2)) == "show" and flow.state == LoadState.PARTIAL
    assert flow.partial(summary(1)) == "keep"  # never fewer articles than on screen
    assert flow.ready(summary(5)) == "show" and flow.state == LoadState.READY


def test_only_the_final_word_empties_the_screen():
    flow = LoadFlow()
    assert flow.cached(summary(2)) == "show"
    assert flow.partial(EMPTY) == "keep"
    assert flow.ready(EMPTY) == "empty" and flow.state == LoadState.EMPTY  # really empty now


def test_late_messages_after_ready_change_nothing():
    flow = LoadFlow()
    assert flow.ready(summary(2)) == "show"
    assert flow.cached(summary(1)) == "keep" and flow.partial(summary(9)) == "keep"
    assert flow.ready(EMPTY) == "keep" and flow.state == LoadState.READY


def test_failure_keeps_what_is_shown():
    flow = LoadFlow()
    assert flow.failed() == "error" and flow.state == LoadState.FAILED
    shown = LoadFlow()
    shown.cached(summary(2))
    assert shown.failed() == "keep"


def _messages(library, saved: str):
    whole = library.summary()
    store = StoreOpened(ReadingState(article_id=saved, paragraph=1), [])
    return {
        "store": lambda: store,
        "cached": lambda: CorpusCached(whole),
        "partial": lambda: CorpusPartial(whole),
        "final": lambda: CorpusReady(whole, []),
    }


ORDERS = [
    order
    for first in ("cached", "partial")
    for order in itertools.permutations(["store", first, "final"])
]


@pytest.mark.parametrize("order", ORDERS, ids="-".join)
async def test_every_order_of_the_messages_ends_on_a_full_tree(order):
    """Store ready, a first snapshot (cached or partial) and the final corpus, in each order:
    once the tree shows articles it never shows none, and the reader ends on an article."""
    articles = sample_articles()
    library = library_for(articles)
    app = NewsreaderApp(library, "en", autoload=False)
    saved = "a2019"
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        messages = _messages(library, saved)
        had_articles = False
        for name in order:
            screen.post_message(messages[name]())
            await pilot.pause()
            await pilot.pause()
            shown = screen.flow.shown
            if had_articles:
                assert shown is not None and shown.articles == len(articles), (order, name)
                assert screen.sidebar.root.children, (order, name)
            had_articles = had_articles or bool(shown and shown.articles)
        await wait_for(pilot, lambda: screen.flow.done, "ready")
        assert screen.load_state == LoadState.READY
        assert screen.reader.article is not None
        assert len(screen.sidebar.root.children) == 3  # 39-CT/TW, 04-CT/TW, no directive
        # The reading state wins while the user has not moved; the tree shows the article.
        assert screen.reader.article.id == saved and screen.reader.cursor == 1
        assert screen.sidebar.open_article_id == saved


async def test_the_user_moving_first_is_not_undone_by_a_late_reading_state():
    library = library_for(sample_articles())
    app = NewsreaderApp(library, "en", autoload=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        messages = _messages(library, "a2019")
        screen.post_message(messages["cached"]())
        await wait_for(pilot, lambda: screen.reader.article is not None, "an article")
        screen.open_article("b2020")
        screen.post_message(messages["store"]())
        screen.post_message(messages["final"]())
        await wait_for(pilot, lambda: screen.flow.done, "ready")
        assert screen.reader.article.id == "b2020"


async def test_a_failed_load_says_so():
    app = NewsreaderApp(library_for([]), "en", autoload=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.post_message(LoadFailed("OSError: disk on fire"))
        await wait_for(pilot, lambda: screen.flow.done, "failed")
        assert screen.load_state == LoadState.FAILED
        assert any("disk on fire" in n.message for n in app._notifications)
