"""Readable in every theme: the contrast of every letter on the main screen, from the rendered
segments, in every theme Textual ships (light and dark).

The contrast is computed here from the WCAG 2 formula, independently of app/contrast.py.
"""

from __future__ import annotations

import dataclasses
import unicodedata

from rich.color import Color as RichColor

from newsreader.app.reader import ReaderView

from .conftest import article, loaded, make_app, sample_articles

SIZE = (100, 30)
FLOOR = 3.0  # any letter
BODY = 4.5  # the reading pane's text, the cursor paragraph included


def _linear(value: int) -> float:
    v = value / 255
    return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4


def _luminance(color: RichColor) -> float:
    r, g, b = color.get_truecolor()
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def wcag(a: RichColor, b: RichColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _marked_article():
    """Cursor paragraph (¶2) with a person, a date, a directive and a place."""
    text = (
        "Ngày 18/8/2014, đồng chí Lê Văn Châu chỉ đạo thực hiện Chỉ thị 39-CT/TW nghiêm túc"
        " tại Nghệ An."
    )
    paragraphs = ["Mở đầu bài viết.", text, "Đoạn ba của bài.", "Đoạn bốn.", "Kết luận."]
    base = article(
        "marked",
        "Mười năm Chỉ thị 39-CT/TW",
        paragraphs,
        published="2024-08-18T08:00",
        people=("Lê Văn Châu",),
    )
    date = dataclasses.replace(
        base.entities[0],
        kind="date",
        text="18/8/2014",
        value="2014-08-18",
        paragraph=1,
        start=5,
        end=14,
    )
    place = dataclasses.replace(
        date,
        kind="place",
        text="Nghệ An",
        value="Nghệ An",
        start=text.index("Nghệ An"),
        end=text.index("Nghệ An") + len("Nghệ An"),
    )
    return dataclasses.replace(base, entities=[*base.entities, date, place])


async def _marked_screen(pilot):
    """Bookmark on ¶1, cursor on ¶2, a range ¶2–3 and a search match in ¶2."""
    await loaded(pilot)
    app = pilot.app
    app.main_screen.open_article("marked")
    await pilot.pause()
    await pilot.press("b", "j", "j", "v", "k")
    reader = app.query_one(ReaderView)
    text = reader.article.paragraphs[1]
    start = text.index("thực hiện")
    reader.set_match(1, start, start + len("thực hiện"))
    await pilot.pause()
    assert reader.cursor == 1 and reader.passage.last == 2
    return reader


def low_contrast_cells(app) -> list[tuple[float, str, int, int, str]]:
    """(ratio, character, x, y, widget) for each letter or digit below its minimum."""
    failures = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            style = segment.style
            for char in segment.text:
                if unicodedata.category(char)[0] in "LN" and style is not None:
                    fg, bg = style.color, style.bgcolor
                    assert fg is not None and bg is not None, (char, x, y)
                    widget, _ = app.screen.get_widget_at(x, y)
                    minimum = BODY if isinstance(widget, ReaderView) else FLOOR
                    ratio = wcag(fg, bg)
                    if ratio < minimum:
                        failures.append((round(ratio, 2), char, x, y, type(widget).__name__))
                x += 1
    return failures


async def test_every_letter_is_legible_in_every_builtin_theme():
    app = make_app([_marked_article(), *sample_articles()])
    async with app.run_test(size=SIZE) as pilot:
        await _marked_screen(pilot)
        # The ANSI themes draw in the terminal's own palette: their RGB is the terminal's choice.
        themes = sorted(name for name in app.available_themes if not name.startswith("ansi"))
        assert len(themes) >= 15 and "textual-light" in themes and "textual-dark" in themes
        report = {}
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            failures = low_contrast_cells(app)
            if failures:
                report[theme] = failures[:5]
        assert report == {}


async def test_highlights_show_without_colour():
    """Under NO_COLOR only the text attributes survive: each highlight has one, and the cursor
    paragraph is marked in the gutter."""
    app = make_app([_marked_article(), *sample_articles()])
    async with app.run_test(size=SIZE) as pilot:
        reader = await _marked_screen(pilot)
        kinds = {}
        for kind in ("person", "date", "directive", "place", "match"):
            style = reader.get_component_rich_style(f"reader--{kind}", partial=True)
            kinds[kind] = (
                bool(style.bold),
                bool(style.underline),
                bool(style.italic),
                bool(style.reverse),
            )
            assert any(kinds[kind]), kind
        assert len(set(kinds.values())) == 5  # and each looks different from the others
        for style_name in ("reader--cursor", "reader--range"):
            assert reader.get_component_rich_style(style_name, partial=True).color is None
        from .test_app import screen_text

        assert "▶   2" in screen_text(app)


async def test_the_directives_screen_is_legible_in_every_builtin_theme():
    """D: the list (its counts), the dossier's headings, chart labels, timeline, articles."""
    from newsreader.app.directives_screen import DirectivesScreen

    from .conftest import wait_for

    app = make_app(sample_articles())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("D")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, DirectivesScreen) and app.screen.dossiers is not None,
            "the dossiers",
        )
        themes = sorted(name for name in app.available_themes if not name.startswith("ansi"))
        report = {}
        for focus in ("directives", "articles"):  # each list's cursor line, focused
            if focus == "articles":
                await pilot.press("enter")
            for theme in themes:
                app.theme = theme
                await pilot.pause()
                await pilot.pause()
                failures = low_contrast_cells(app)
                if failures:
                    report[(focus, theme)] = failures[:5]
        assert report == {}
