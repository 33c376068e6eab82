"""Snapshot tests (pytest-textual-snapshot): what the reader looks like.

Update after an intended change with `pytest tests/app --snapshot-update`, then look at the
SVGs in tests/app/__snapshots__ before committing them.
"""

from __future__ import annotations

from .conftest import app_on, article, loaded, make_app, sample_articles


async def _ready(pilot) -> None:
    await loaded(pilot)
    await pilot.pause()


def test_main_screen_100x30(snap_compare, bundled_copy):
    assert snap_compare(app_on(bundled_copy, "en"), terminal_size=(100, 30), run_before=_ready)


def test_main_screen_80x24(snap_compare, bundled_copy):
    assert snap_compare(app_on(bundled_copy, "en"), terminal_size=(80, 24), run_before=_ready)


def test_main_screen_vietnamese_with_range_80x24(snap_compare, bundled_copy):
    async def range_of_two(pilot) -> None:
        await _ready(pilot)
        await pilot.press("j", "v", "j")

    assert snap_compare(app_on(bundled_copy, "vi"), terminal_size=(80, 24), run_before=range_of_two)


def test_help_screen(snap_compare, bundled_copy):
    async def open_help(pilot) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app_on(bundled_copy, "en"), terminal_size=(100, 30), run_before=open_help)


def test_article_with_rich_markup(snap_compare):
    nasty = article(
        "nasty",
        "[bold red]x[/] and a stray [/] in a title",
        [
            "[/] a paragraph that opens with a stray closing tag, Chỉ thị 39-CT/TW.",
            "[b]not bold[/b], \\[escaped], [@click=app.quit]not a link[/] — Lê Văn Châu.",
        ],
        published="2025-01-01T07:30",
        people=("Lê Văn Châu",),
    )
    app = make_app([nasty, *sample_articles()], root="/corpus")
    assert snap_compare(app, terminal_size=(100, 30), run_before=_ready)


def test_bookmarks_screen_100x30(snap_compare):
    """Two articles' bookmarks, one with a note that looks like markup (shown literally)."""

    async def mark_and_open(pilot) -> None:
        await _ready(pilot)
        await pilot.press("j", "b", "a", *"[bold]x[/] ghi chú", "enter")
        await pilot.press("right_square_bracket", "j", "v", "j", "b")
        await pilot.pause()
        app = pilot.app
        store = app.library._store
        for bookmark in store.bookmarks():  # a fixed date, for a stable picture
            store.db.execute(
                "UPDATE bookmarks SET created = '2025-03-01T08:00:00Z' WHERE id = ?",
                (bookmark.id,),
            )
        app.clear_notifications()  # the toasts of b and a would cover the list
        await pilot.press("B")
        await pilot.pause()
        await pilot.pause()

    app = make_app(root="/corpus")
    assert snap_compare(app, terminal_size=(100, 30), run_before=mark_and_open)


def test_directives_screen_100x30(snap_compare, bundled_copy):
    """D on the bundled corpus: 39-CT/TW with its chart, timeline and both articles."""

    async def open_directives(pilot) -> None:
        from newsreader.app.directives_screen import DirectivesScreen

        from .conftest import wait_for

        await _ready(pilot)
        app = pilot.app
        await pilot.press("D")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, DirectivesScreen) and app.screen.dossiers is not None,
            "the dossiers",
        )
        await pilot.pause()

    app = app_on(bundled_copy, "en")
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_directives)


def test_people_screen_100x30(snap_compare, bundled_copy):
    """The bundled corpus's people, filtered by a name typed without diacritics."""

    async def open_people(pilot) -> None:
        from newsreader.app.people_screen import PeopleScreen

        from .conftest import wait_for

        await _ready(pilot)
        app = pilot.app
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "the People screen")
        await wait_for(pilot, lambda: app.screen.people is not None, "the people")
        await pilot.press(*"nguyen duc")
        await wait_for(pilot, lambda: len(app.screen.shown) == 1, "the filter")
        await pilot.pause()

    assert snap_compare(app_on(bundled_copy, "en"), terminal_size=(100, 30), run_before=open_people)
