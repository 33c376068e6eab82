"""The Directives screen (D) and the sidebar's `i`: a list of directives with counts, the
dossier of the one under the cursor, Tab between panes, Enter opens an article."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList

from newsreader.app.directives_screen import (
    DirectiveList,
    DirectivesScreen,
    DossierArticleList,
    YearChart,
    bar,
)
from newsreader.app.sidebar import ArticleTree
from test_dossier import corpus

from .conftest import loaded, make_app, wait_for
from .test_app import screen_text

SIZE = (120, 40)


async def open_directives(pilot, key: str = "D") -> DirectivesScreen:
    app = pilot.app
    await pilot.press(key)
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, DirectivesScreen) and app.screen.dossiers is not None,
        "the directives screen",
    )
    await pilot.pause()
    return app.screen


def test_bar_lengths_follow_the_counts():
    assert bar(4, 4, 10) == "█" * 10
    assert bar(2, 4, 10) == "█" * 5
    assert bar(1, 3, 4) == "█▍"  # 4/3 cells: one full and 3/8 (11 eighths, rounded)
    assert bar(1, 1000, 10) == "▏"  # never invisible when there is one
    assert bar(0, 4, 10) == ""


async def test_d_lists_directives_with_counts_and_the_dossier_of_the_first():
    app = make_app(corpus())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await open_directives(pilot)
        assert [d.code for d in screen.dossiers] == ["05-CT/TW", "35-NQ/TW", "01-KL/TW", "11-CT/HU"]
        text = screen_text(app)
        assert "Chỉ thị 05-CT/TW (5)" in text
        assert "Issued by: Bộ Chính trị" in text
        assert "Issued: 15/05/2016" in text
        assert "2016 ◆ issued 15/05/2016" in text
        assert "2021 ● sơ kết 5 năm" in text and "2026 ● tổng kết 10 năm" in text
        chart = screen.query_one(YearChart)
        assert chart.rows() == [(2021, 2), (2022, 2), (2023, 0), (2024, 0), (2025, 0), (2026, 1)]
        assert app.focused is screen.query_one(DirectiveList)


async def test_the_dossier_follows_the_cursor():
    app = make_app(corpus())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await open_directives(pilot)
        await pilot.press("j", "j", "j")
        await wait_for(pilot, lambda: screen.current.code == "11-CT/HU", "the fourth dossier")
        text = screen_text(app)
        assert "Issued by: Ban Thường vụ Huyện ủy" in text
        assert "Issued: not said in the corpus" in text
        assert screen.query_one(YearChart).rows() == [(2023, 1)]
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.current.code == "01-KL/TW", "back up")
        assert "Cited with: 05-CT/TW (2)" in screen_text(app)


async def test_tab_between_panes_and_enter_opens_the_article():
    app = make_app(corpus())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await open_directives(pilot)
        focused = []
        for _ in range(3):
            focused.append(app.focused.id)
            await pilot.press("tab")
        assert focused == ["directives-list", "dossier", "dossier-articles"]
        assert app.focused.id == "directives-list"  # round again
        await pilot.press("enter")  # on a directive: to its articles
        assert app.focused is screen.query_one(DossierArticleList)
        await pilot.press("j", "enter")  # the second newest of 05-CT/TW
        await wait_for(pilot, lambda: app.screen is app.main_screen, "the reader")
        assert app.main_screen.reader.article.id == "ket-luan.txt"
        assert app.focused is app.main_screen.reader


async def test_escape_closes_without_opening_anything():
    app = make_app(corpus())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = app.main_screen.reader.article.id
        await open_directives(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main_screen, "the main screen")
        assert app.main_screen.reader.article.id == before


async def test_i_on_a_sidebar_node_opens_that_directives_dossier():
    app = make_app(corpus())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        tree.focus()
        await pilot.pause()
        node = next(
            line.node
            for line in tree._tree_lines
            if line.node.data is not None and line.node.data.directive == "35-NQ/TW"
        )
        tree.move_cursor(node.children[0], animate=False)  # a year node: its directive
        await pilot.pause()
        screen = await open_directives(pilot, "i")
        assert screen.current.code == "35-NQ/TW"
        options = screen.query_one(DirectiveList)
        assert options.get_option_at_index(options.highlighted).id == "35-NQ/TW"


async def test_the_palette_opens_the_directives_screen():
    app = make_app(corpus())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"directives dossier")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DirectivesScreen), "the screen")


async def test_a_corpus_without_directives_says_so():
    from .conftest import article

    app = make_app([article("x", "Tin ngắn", published="2020-01-01", directive=None)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await open_directives(pilot)
        assert screen.dossiers == []
        assert "No directive is cited in this corpus." in screen_text(app)
        await pilot.press("enter", "j", "tab", "enter")  # nothing to open: nothing breaks
        assert isinstance(app.screen, DirectivesScreen)
        assert screen.query_one("#directives-list", OptionList).option_count == 0
