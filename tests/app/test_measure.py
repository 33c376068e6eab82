"""The reading measure: configurable (config.toml, --measure), changed at run time with < and
>, validated, and the text really wraps at it."""

from __future__ import annotations

import pytest

from newsreader import cli, locations
from newsreader.app.main import NewsreaderApp
from newsreader.app.reader import GUTTER, ReaderView
from newsreader.app.settings import (
    DEFAULT_MEASURE,
    MEASURE_STEP,
    Settings,
    load_settings,
    parse_measure,
)

from .conftest import loaded, make_app, wait_for
from .test_app import screen_text


def _text_widths(app) -> list[int]:
    """The length of every line of paragraph text in the reading pane (gutter and the
    centring indent cut off)."""
    reader = app.query_one(ReaderView)
    region = reader.scrollable_content_region
    start = region.x + reader._indent() + GUTTER
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return [
        len(row[start : region.right].rstrip()) for row in rows if "Đoạn" in row or "đồng" in row
    ]


@pytest.mark.parametrize("measure", [50, 64, 120])
async def test_the_text_wraps_at_the_chosen_measure(measure):
    app = make_app(measure=measure)
    async with app.run_test(size=(200, 40)) as pilot:
        await loaded(pilot)
        widths = _text_widths(app)
        assert widths and max(widths) <= measure
        assert max(widths) > measure - 15  # wrapped at it, not narrower (words are short)


async def test_less_and_greater_narrow_and_widen_the_lines_at_run_time():
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await loaded(pilot)
        reader = app.query_one(ReaderView)
        reader.focus()
        before = max(_text_widths(app))
        await pilot.press("less_than_sign", "less_than_sign")
        await wait_for(pilot, lambda: reader.measure == DEFAULT_MEASURE - 2 * MEASURE_STEP)
        await pilot.pause()
        narrower = max(_text_widths(app))
        assert narrower <= reader.measure < before
        legend = app.main_screen.legend
        assert "Reading width: 72 columns" in str(legend.render())
        assert not app._notifications  # the width is in the status line, not piled-up toasts
        for _ in range(30):
            await pilot.press("greater_than_sign")
        await pilot.pause()
        assert reader.measure == 200  # the upper bound
        assert max(_text_widths(app)) > before


def test_parse_measure_refuses_what_is_not_a_measure():
    assert parse_measure(" 72 ") == 72
    for bad in ("10", "500", "abc", "7.5", ""):
        with pytest.raises(ValueError, match="measure must be"):
            parse_measure(bad)


@pytest.mark.parametrize(
    "text, measure, problem",
    [
        ("[reader]\nmeasure = 72\n", 72, None),
        ("", DEFAULT_MEASURE, None),
        ("[reader]\nmeasure = 12\n", DEFAULT_MEASURE, "40–200 columns, not 12"),
        ('[reader]\nmeasure = "wide"\n', DEFAULT_MEASURE, "whole number"),
        ("[reader\n", DEFAULT_MEASURE, "not valid TOML"),
        ("reader = 3\n", DEFAULT_MEASURE, "must be a table"),
        ("[reader]\nmeasure = 70\nwidth = 3\n", 70, "no setting 'width'"),
    ],
)
def test_the_settings_file_is_read_and_its_problems_named(tmp_path, text, measure, problem):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    settings, problems = load_settings(path)
    assert settings == Settings(measure=measure)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0] and str(path) in problems[0]


def test_no_settings_file_is_the_defaults(tmp_path):
    assert load_settings(tmp_path / "none.toml") == (Settings(), [])


def _captured_app(monkeypatch) -> list[NewsreaderApp]:
    started: list[NewsreaderApp] = []

    def run(self, *args, **kwargs):
        started.append(self)
        return 0

    monkeypatch.setattr(NewsreaderApp, "run", run)
    return started


def test_the_reader_takes_its_measure_from_config_toml_and_measure_wins(monkeypatch):
    locations.config_dir().mkdir(parents=True, exist_ok=True)
    locations.settings_file().write_text("[reader]\nmeasure = 72\n", encoding="utf-8")
    started = _captured_app(monkeypatch)
    assert cli.main([]) == 0
    assert started[-1].measure == 72 and started[-1].settings_problems == []
    assert cli.main(["--measure", "100"]) == 0
    assert started[-1].measure == 100


def test_a_bad_measure_in_config_toml_is_a_notice_and_the_default(monkeypatch):
    locations.config_dir().mkdir(parents=True, exist_ok=True)
    locations.settings_file().write_text("[reader]\nmeasure = 1000\n", encoding="utf-8")
    started = _captured_app(monkeypatch)
    assert cli.main([]) == 0
    assert started[-1].measure == DEFAULT_MEASURE
    (problem,) = started[-1].settings_problems
    assert "not 1000" in problem


async def test_the_settings_problem_is_shown_in_the_reader():
    app = make_app(settings_problems=["config.toml: the measure must be 40–200 columns, not 1"])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Settings: config.toml: the measure") for m in messages)


@pytest.mark.parametrize("value", ["10", "abc"])
def test_a_bad_measure_on_the_command_line_is_one_line_and_exit_2(capsys, value):
    assert cli.main(["--measure", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "measure must be" in err
