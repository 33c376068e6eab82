"""Pilot tests for the People screen (P, the palette), places in the reader (m, the legend)
and the role of the cursor paragraph's person in the status line."""

from __future__ import annotations

import dataclasses

from textual.widgets import Input

from newsreader.app.people_screen import PeopleScreen, PersonArticles, PersonList
from newsreader.app.reader import GUTTER, ReaderView
from newsreader.core.model import Entity

from .conftest import article, loaded, make_app, wait_for
from .test_app import screen_text

SIZE = (100, 30)


def _people_articles():
    """Two articles naming two people with roles, and a place."""
    first = article(
        "p1",
        "Hội nghị sơ kết Chỉ thị 39-CT/TW tại Nghệ An",
        [
            "Mở đầu bài viết.",
            "Đồng chí Trần Văn Bình, Bí thư Tỉnh ủy, chủ trì hội nghị.",
            "Ông Đỗ Văn Cường – Trưởng Ban Tổ chức Tỉnh ủy báo cáo.",
        ],
        published="2024-03-12T08:00",
        people=("Trần Văn Bình", "Đỗ Văn Cường"),
    )
    title = first.title
    place = Entity("place", "Nghệ An", "Nghệ An", None, title.index("Nghệ An"), len(title))
    first = dataclasses.replace(first, entities=[*first.entities, place], place="Nghệ An")
    second = article(
        "p2",
        "Tổng kết Chỉ thị 39-CT/TW",
        ["Tin ngắn.", "Bí thư Tỉnh ủy Trần Văn Bình dự hội nghị."],
        published="2024-05-01T08:00",
        people=("Trần Văn Bình",),
    )
    return [second, first]


async def _open_people(pilot) -> PeopleScreen:
    app = pilot.app
    await pilot.press("P")
    await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "the People screen")
    await wait_for(pilot, lambda: app.screen.people is not None, "the people")
    await pilot.pause()
    return app.screen


async def test_p_lists_people_filters_folded_and_jumps_to_the_mention():
    app = make_app(_people_articles())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await _open_people(pilot)
        names = [p.name for p in screen.shown]
        assert names[0] == "Trần Văn Bình"  # most mentioned first
        assert names == ["Trần Văn Bình", "Đỗ Văn Cường"]
        # Typed without diacritics, the filter still matches.
        assert screen.focused is screen.query_one("#people-filter", Input)
        await pilot.press(*"do van")
        await wait_for(pilot, lambda: len(screen.shown) == 1, "the filter")
        assert screen.shown[0].name == "Đỗ Văn Cường"
        text = screen_text(app)
        assert "Trưởng Ban Tổ chức Tỉnh ủy" in text and "1 of 2 people" in text
        await pilot.press("enter")  # from the filter to the list
        assert isinstance(screen.focused, PersonList)
        await pilot.press("enter")  # to the mention
        await wait_for(pilot, lambda: app.screen is app.main_screen, "the reader")
        reader = app.main_screen.reader
        assert reader.article.id == "p1" and reader.cursor == 2
        assert reader.has_focus


async def test_tab_moves_between_fields_and_enter_on_an_article_opens_it():
    app = make_app(_people_articles())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await _open_people(pilot)
        assert screen.current.name == "Trần Văn Bình"
        await pilot.press("tab")
        assert isinstance(screen.focused, PersonList)
        await pilot.press("tab")
        assert isinstance(screen.focused, PersonArticles)
        text = screen_text(app)
        assert "Bí thư Tỉnh ủy" in text and "Directives: 39-CT/TW" in text
        await pilot.press("down", "enter")  # the second article: the older one, p1
        await wait_for(pilot, lambda: app.screen is app.main_screen, "the reader")
        reader = app.main_screen.reader
        assert reader.article.id == "p1" and reader.cursor == 1
        # The status line says the role of the cursor paragraph's person (in the room the
        # legend leaves); the position's tooltip has it whole, with the name.
        position = app.main_screen.position
        assert "Bí thư Tỉnh ủy  ¶2/3" in screen_text(app)
        assert position.tooltip == "Trần Văn Bình: Bí thư Tỉnh ủy"
        await pilot.press("j")
        await pilot.pause()
        assert "Trưởng Ban" in screen_text(app)
        assert position.tooltip == "Đỗ Văn Cường: Trưởng Ban Tổ chức Tỉnh ủy"
        # Hovering a name shows the person's roles.
        reader = app.main_screen.reader
        line = next(n for n, line in enumerate(reader._lines) if "Đỗ Văn Cường" in line.text.plain)
        column = reader._lines[line].text.plain.index("Đỗ Văn Cường")
        x = reader._indent() + GUTTER + column + 2
        await pilot.hover(ReaderView, offset=(x, line - round(reader.scroll_y)))
        await pilot.pause()
        assert reader.tooltip == "Đỗ Văn Cường: Trưởng Ban Tổ chức Tỉnh ủy"
        await pilot.press("k", "k")  # nobody is named in the first paragraph
        await pilot.pause()
        assert position.tooltip is None and "Highlights:" in screen_text(app)
        await pilot.press("P", "escape")
        await wait_for(pilot, lambda: app.screen is app.main_screen, "Esc to close")


async def test_the_palette_opens_the_people_screen():
    app = make_app(_people_articles())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"People:")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "the People screen")


async def test_places_are_highlighted_in_the_legend_and_m_turns_them_off():
    app = make_app(_people_articles())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.main_screen.open_article("p1")
        await pilot.pause()
        reader = app.query_one(ReaderView)
        place_style = reader.get_component_rich_style("reader--place", partial=True)
        title = reader.article.title
        start = title.index("Nghệ An")

        def place_styled() -> bool:
            text = reader._entity_text(title, None)
            return any(span.start == start and span.style == place_style for span in text.spans)

        assert place_styled()
        assert "place" in str(app.main_screen.legend.render())
        assert "in Nghệ An" in screen_text(app)  # the article's place, in the meta line
        await pilot.press("m")
        await pilot.pause()
        assert not reader.highlights and not place_styled()
        assert "Highlights off" in str(app.main_screen.legend.render())
        await pilot.press("m")
        await pilot.pause()
        assert place_styled()
