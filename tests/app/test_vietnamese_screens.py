"""In `--lang vi` no English word is left on any screen: each screen's rendered words are
checked against the Vietnamese string table, the corpus's own text and an allow-list of names
and codes."""

from __future__ import annotations

import re

import pytest
from textual.command import CommandPalette

from newsreader.app import keys
from newsreader.app.bookmarks_screen import BookmarksScreen
from newsreader.app.dialogs import ExportDialog, NoteDialog
from newsreader.app.directives_screen import DirectivesScreen
from newsreader.app.people_screen import PeopleScreen
from newsreader.app.screens import HelpScreen, SkippedScreen
from newsreader.app.search_panel import SearchScreen
from newsreader.app.strings import _STRINGS
from newsreader.core.model import SkipKind, Skipped

from .conftest import TEST_ROOT, loaded, make_app, sample_articles, wait_for
from .test_app import screen_text

SIZE = (120, 40)
# Names, codes and words that are the same in both languages.
ALLOWED = {
    "newsreader",
    "Markdown",
    "JSON",
    "md",
    "json",
    "txt",
    "jsonl",
    "SVG",
    "UTF",
    "Windows",
    "Enter",
    "Esc",
    "Tab",
    "Shift",
    "Space",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Ctrl",
    "Alt",
    "CT",
    "TW",
    "QĐ",
    "NQ",
    "tmp",
    "corpus",
    "for",
    "tests",  # the test corpus's folder name
    "chi",
    "thi",  # the query typed into the search box
    "front",
    "matter",  # explained in Vietnamese next to it: "phần đầu (front matter)"
    "NEWSREADER",
    "MAX",
    "FILE",
    "MB",
    "broken",
}


def _allowed_words() -> set[str]:
    words = set(ALLOWED)
    for entry in _STRINGS.values():
        words.update(re.findall(r"[^\W\d_]+", entry["vi"]))
    for action in keys.REGISTRY:
        words.update(re.findall(r"[^\W\d_]+", action.vi + " " + (action.footer_vi or "")))
        for key in action.keys:
            words.update(re.findall(r"[^\W\d_]+", keys.key_name(key)))
    for article in sample_articles():
        text = " ".join([article.title, article.path, *article.paragraphs])
        words.update(re.findall(r"[^\W\d_]+", text))
    return words


def english_words(text: str, allowed: set[str]) -> set[str]:
    """Words of two letters or more, ASCII only (English has no diacritics), not allowed."""
    found = set(re.findall(r"(?<![\w/])[A-Za-z]{2,}(?![\w/…])", text))  # not a cut word
    return {w for w in found if w not in allowed and w.lower() not in allowed}


@pytest.mark.parametrize(
    "where",
    [
        "main",
        "help",
        "skipped",
        "bookmarks",
        "search",
        "note",
        "export",
        "palette",
        "directives",
        "people",
    ],
)
async def test_no_english_word_on_any_screen(where, tmp_path):
    skipped = [Skipped("broken.txt", SkipKind.ENCODING, "not UTF-8 or Windows-1258 text")]
    app = make_app(skipped=skipped, lang="vi")
    app.export_folder = tmp_path
    allowed = _allowed_words() | set(re.findall(r"[^\W\d_]+", str(tmp_path) + TEST_ROOT))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.clear_notifications()
        opened = {
            "help": ("question_mark", HelpScreen),
            "skipped": ("exclamation_mark", SkippedScreen),
            "bookmarks": ("B", BookmarksScreen),
            "search": ("slash", SearchScreen),
            "note": ("a", NoteDialog),
            "export": ("e", ExportDialog),
            "palette": ("ctrl+p", CommandPalette),
            "directives": ("D", DirectivesScreen),
            "people": ("P", PeopleScreen),
        }
        if where in ("bookmarks", "note", "export"):
            await pilot.press("b")
            await pilot.pause()
            app.clear_notifications()
        if where in opened:
            key, screen_type = opened[where]
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, screen_type), where)
            if where == "search":
                await pilot.press(*"chi thi")
                await wait_for(pilot, lambda: app.screen.shown_query == "chi thi", "results")
            if where == "directives":
                await wait_for(pilot, lambda: app.screen.dossiers is not None, "the dossiers")
            if where == "people":
                await wait_for(pilot, lambda: app.screen.people is not None, "the people")
            await pilot.pause()
        assert english_words(screen_text(app), allowed) == set()
