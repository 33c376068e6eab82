"""The reader on a full disk (issue 10, item 1): it starts, says so, and keeps the store."""

from __future__ import annotations

import sqlite3

from newsreader.cli import main
from newsreader.core.store.bookmarks import BookmarkStore
from newsreader.locations import bundled_corpus, data_dir

from .conftest import app_on, loaded

SIZE = (100, 30)
A000 = "000_74aa4278611824f9.txt"


def _full(cls, path):
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    raise error


async def test_the_reader_on_a_full_disk_keeps_the_store_and_says_so(monkeypatch, capsys):
    for paragraph in ("1", "2", "3"):
        assert main(["bookmark", "add", A000, "-p", paragraph]) == 0
    capsys.readouterr()
    monkeypatch.setattr(BookmarkStore, "_open_checked", classmethod(_full))
    app = app_on(bundled_corpus())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        messages = [n.message for n in app._notifications]
        assert any("is full" in m and "3 bookmarks are safe" in m for m in messages), messages
        assert len(app.library.bookmarks()) == 3
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("q")
    assert not [p for p in data_dir().iterdir() if ".corrupt-" in p.name]
