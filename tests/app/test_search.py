"""Pilot tests for search in the reader: the panel (/), Enter, Esc, n/N, history, and a
snapshot of the results. The app loads a small corpus through the real index (the cache dir
is a temp dir, see tests/conftest.py); waits poll app state, never sleep."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.command import CommandPalette

from newsreader.app.search import LastSearch, SearchEngine, collapse
from newsreader.app.search_panel import SearchBox, SearchResults, SearchScreen
from newsreader.app.sidebar import ArticleTree
from newsreader.core.search import Hit
from newsreader.core.store.history import load_history
from newsreader.locations import search_history_file

from .conftest import app_on, loaded, wait_for

SIZE = (100, 30)
QUERY = "bao ve chinh tri"


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Three articles: alpha (title + ¶2 + ¶4 match QUERY), beta (¶2 matches), gamma (markup)."""
    root = tmp_path / "corpus"
    root.mkdir()
    files = {
        "alpha.txt": [
            "Bảo vệ chính trị nội bộ trong tình hình mới",
            "Mở đầu không liên quan.",
            "Công tác bảo vệ chính trị nội bộ được tăng cường.",
            "Đoạn khác.",
            "Lại nói về bảo vệ chính trị nội bộ ở cuối bài.",
        ],
        "beta.txt": [
            "Hội nghị tổng kết",
            "Không có gì.",
            "Các cấp ủy bàn về bảo vệ chính trị nội bộ.",
        ],
        "gamma.txt": ["Bài có ký hiệu lạ", "Chuỗi [bold]đặc biệt[/] xuất hiện ở đây."],
    }
    for name, parts in files.items():
        (root / name).write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return root


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_panel(pilot) -> SearchScreen:
    app = pilot.app
    await pilot.press("slash")
    await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), "the search panel")
    return app.screen


async def panel_closed(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen), "the panel to close")


async def search(pilot, query: str) -> SearchScreen:
    """Type `query` letter by letter into an open panel and wait for the box's results."""
    panel = pilot.app.screen
    await pilot.press(*query)
    await wait_for(
        pilot,
        lambda: panel.shown_query == panel.input.value and panel.shown_seq == panel.seq,
        f"results for {panel.input.value!r}",
    )
    return panel


def option_texts(panel: SearchScreen) -> list[str]:
    results = panel.query_one(SearchResults)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def test_slash_opens_the_panel_and_results_follow_typing(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        panel = await open_panel(pilot)
        assert isinstance(app.focused, SearchBox)
        await search(pilot, "bao ve")
        assert len(panel.hits) == 4
        await search(pilot, " chinh tri")  # the box now holds QUERY
        assert panel.input.value == QUERY
        shown = [(h.article_id, h.paragraph) for h in panel.shown]
        assert shown == [("alpha.txt", None), ("alpha.txt", 1), ("alpha.txt", 3), ("beta.txt", 1)]
        text = screen_text(app)
        assert "4 results in 2 articles" in text
        assert "title" in text and "¶2" in text  # ¶ numbers as the reader shows them
        assert "· 96" not in text  # no unexplained score column
        assert panel.query_one(SearchResults).highlighted == 0
        await pilot.press("backspace", *["backspace"] * 20)
        await wait_for(pilot, lambda: panel.showing_history, "the history view")
        await search(pilot, "xyzzy plugh")
        assert panel.shown == []
        assert "No results for “xyzzy plugh”" in screen_text(app)


async def test_a_stale_result_never_overwrites_a_newer_one(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        panel = await open_panel(pilot)
        await search(pilot, QUERY)
        before = option_texts(panel)
        old = Hit("gamma.txt", "Stale", 0, 50, "stale text", 0, 5, "stale text", 0)
        assert panel.show_results(panel.seq - 1, "bao", [old]) is False
        assert option_texts(panel) == before and panel.shown_query == QUERY


async def test_a_slow_search_that_finishes_last_is_dropped(corpus):
    """The first search blocks until the second has been shown; its answer must not win."""
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        panel = await open_panel(pilot)
        release = threading.Event()
        real = panel.engine.search
        first_started = threading.Event()

        def slow_first(raw, wanted=lambda: True):
            if raw == "bao":
                first_started.set()
                release.wait(10)
                return [Hit("gamma.txt", "Stale", 0, 50, "stale", 0, 5, "stale", 0)]
            return real(raw, wanted)

        panel.engine.search = slow_first  # type: ignore[method-assign]
        await pilot.press(*"bao")
        await wait_for(pilot, first_started.is_set, "the slow search to start")
        await pilot.press("space", "v", "e")
        await wait_for(pilot, lambda: panel.shown_query == "bao ve", "the newer results")
        release.set()
        for _ in range(20):
            await pilot.pause()
        assert panel.shown_query == "bao ve"
        assert all(h.title != "Stale" for h in panel.hits)


async def test_engine_skips_a_search_no_longer_wanted(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        engine = SearchEngine(app.library)
        assert engine.search(QUERY, wanted=lambda: False) is None
        assert len(engine.search(QUERY)) == 4


async def test_down_and_enter_open_the_article_at_the_match(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_panel(pilot)
        await search(pilot, QUERY)
        await pilot.press("down", "down", "down", "up")  # from the box: third result
        await pilot.press("enter")
        await panel_closed(pilot)
        reader = app.main_screen.reader
        assert reader.article.id == "alpha.txt"
        assert reader.cursor == 3
        assert reader.match == (3, 11, 27)
        assert app.focused is reader
        paragraph = reader.article.paragraphs[3]
        assert paragraph[11:27] == "bảo vệ chính trị"
        style = reader.get_component_rich_style("reader--match", partial=True)
        lit = [
            line.text.plain[span.start : span.end]
            for line in reader._lines
            for span in line.text.spans
            if span.style == style
        ]
        assert lit == ["bảo vệ chính trị"]
        assert "¶4/4" in str(app.query_one("#position").content)
        await pilot.press("escape")  # Esc in the reader drops the highlight
        assert reader.match is None


async def test_a_title_hit_opens_at_the_top(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("right_square_bracket")  # somewhere else first
        await open_panel(pilot)
        await search(pilot, QUERY)
        await pilot.press("enter")
        await panel_closed(pilot)
        assert app.main_screen.reader.article.id == "alpha.txt"
        assert app.main_screen.reader.cursor == 0 and app.main_screen.reader.scroll_y == 0
        assert app.main_screen.reader.match == (None, 0, 16)
        await pilot.pause()
        assert str(app.query_one("#position").content) == "match 1/4  ¶1/4"


async def test_escape_closes_the_panel_and_gives_focus_back(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        await pilot.press("tab")
        assert app.focused is tree
        opened = app.main_screen.reader.article.id
        await open_panel(pilot)
        await search(pilot, QUERY)
        await pilot.press("escape")
        await panel_closed(pilot)
        assert app.focused is tree
        assert app.main_screen.reader.article.id == opened
        assert app.main_screen.last_search is None  # nothing opened: n/N have nothing to walk


async def test_n_and_shift_n_walk_the_matches_into_the_next_article(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")  # before any search: says so
        assert any("press / to search" in n.message for n in app._notifications)
        await open_panel(pilot)
        await search(pilot, QUERY)
        await pilot.press("enter")  # alpha's title
        await panel_closed(pilot)
        reader = app.main_screen.reader

        def where():
            return reader.article.id, reader.match[0] if reader.match else "none"

        steps = []
        for key in ("n", "n", "n", "n", "N", "N"):
            await pilot.press(key)
            steps.append(where())
        assert steps == [
            ("alpha.txt", 1),
            ("alpha.txt", 3),
            ("beta.txt", 1),  # on into the next article's hits
            ("alpha.txt", None),  # wrapped to the first match
            ("beta.txt", 1),  # and back
            ("alpha.txt", 3),
        ]
        assert any("Back to the first match" in n.message for n in app._notifications)
        assert reader.cursor == 3
        await pilot.press("escape", "k", "k")  # no highlight, cursor on ¶2: n finds ¶2's match
        await pilot.press("n")
        assert where() == ("alpha.txt", 1)


async def test_history_up_in_an_empty_box_and_kept_between_runs(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        for query in ("bao ve", "lien quan", "dac biet"):  # q, n, s, b type into the box
            panel = await open_panel(pilot)
            await search(pilot, query)
            await pilot.press("enter")
            await panel_closed(pilot)
        panel = await open_panel(pilot)
        assert panel.input.value == ""
        assert option_texts(panel) == ["dac biet", "lien quan", "bao ve"]
        await pilot.press("up")
        assert panel.input.value == "dac biet"
        await pilot.press("up", "up")
        assert panel.input.value == "bao ve"
        await wait_for(
            pilot, lambda: panel.shown_query == "bao ve", "results of the recalled query"
        )
        await pilot.press("up")  # the oldest: stays
        assert panel.input.value == "bao ve"
        await pilot.press("escape")
    assert load_history(search_history_file()) == ["dac biet", "lien quan", "bao ve"]

    again = app_on(corpus, "en")
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        panel = await open_panel(pilot)
        await pilot.press("down", "enter")  # a history entry: into the box, searched
        assert panel.input.value == "dac biet"
        await wait_for(pilot, lambda: panel.shown_query == "dac biet", "its results")


async def test_a_markup_looking_snippet_shows_literally(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        panel = await open_panel(pilot)
        await search(pilot, "dac biet")
        assert panel.shown[0].snippet == "Chuỗi [bold]đặc biệt[/] xuất hiện ở đây."
        assert "Chuỗi [bold]đặc biệt[/] xuất hiện ở đây." in screen_text(app)
        await pilot.press("enter")
        await panel_closed(pilot)
        rendered = "".join(
            app.main_screen.reader.render_line(y).text
            for y in range(app.main_screen.reader.size.height)
        )
        assert "Chuỗi [bold]đặc biệt[/] xuất hiện ở đây." in rendered


async def test_the_palette_offers_search_text(corpus):
    app = app_on(corpus, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"search text")
        from textual.widgets import OptionList

        options = app.screen.query_one(OptionList)
        await wait_for(pilot, lambda: options.highlighted is not None, "a palette hit")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), "the search panel")


async def test_fuzzy_hits_come_under_a_divider_and_the_count_is_what_is_listed(tmp_path):
    root = tmp_path / "fz"
    root.mkdir()
    (root / "a.txt").write_text(
        "Tin một\n\nĐồng chí Trịnh Văn Châu phát biểu tại hội nghị.", encoding="utf-8"
    )
    (root / "b.txt").write_text("Tin hai\n\nLê Văn Châu dự họp cấp ủy.", encoding="utf-8")
    app = app_on(root, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        panel = await open_panel(pilot)
        await search(pilot, "le van chau")
        assert [h.exact for h in panel.shown] == [True, False]
        texts = option_texts(panel)
        assert len(texts) == 3 and "closest matches" in texts[1]
        assert "1 result" not in screen_text(app)
        assert "2 results in 2 articles" in screen_text(app)
        # The divider is not a result: Enter on the fuzzy hit opens its article.
        await pilot.press("down")
        assert panel.query_one(SearchResults).highlighted == 2
        panel.input.value = ""
        await search(pilot, "trinh van chuu")
        assert panel.shown and not any(h.exact for h in panel.shown)
        assert "No exact match for “trinh van chuu”; closest:" in screen_text(app)
        assert not any("closest matches" in t for t in option_texts(panel))


def test_collapse_keeps_each_articles_best_and_counts_the_rest():
    def hit(article: str, paragraph: int, score: int) -> Hit:
        return Hit(article, article, paragraph, score, "x", 0, 1, "x", 0)

    # The engine's order: an article's hits together; the count goes after its last listed.
    hits = [hit("a", 1, 90), hit("a", 2, 88), hit("a", 3, 87), hit("a", 4, 86), hit("b", 0, 89)]
    shown = collapse(hits, per_article=2)
    assert [(h.article_id, h.paragraph, h.more) for h in shown] == [
        ("a", 1, 0),
        ("a", 2, 2),
        ("b", 0, 0),
    ]
    last = LastSearch.of("q", hits)
    assert [(h.article_id, h.paragraph) for h in last.matches] == [
        ("a", 1),
        ("a", 2),
        ("a", 3),
        ("a", 4),
        ("b", 0),
    ]
    assert last.step("zzz", None, 0, True) == (0, False)  # an article without hits
    assert last.step("b", (0, 0), 0, True) == (0, True)
    assert last.step("a", (1, 0), 1, False) == (4, True)


def test_search_panel_snapshot_100x30(snap_compare, bundled_copy):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        panel = await open_panel(pilot)
        panel.input.cursor_blink = False
        await search(pilot, QUERY)
        await pilot.pause()

    assert snap_compare(app_on(bundled_copy, "en"), terminal_size=(100, 30), run_before=run_before)
