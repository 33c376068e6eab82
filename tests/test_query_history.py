"""Search query history: most recent first, no duplicates, a bad file reads as empty."""

from __future__ import annotations

import json

from newsreader.core.store.history import MAX_HISTORY, load_history, remember, save_history
from newsreader.locations import search_history_file


def test_most_recent_first_without_duplicates_or_blanks():
    history: list[str] = []
    for query in ("a", "b", "a", "  ", "c"):
        history = remember(history, query, limit=2)
    assert history == ["c", "a"]
    assert remember([], "  padded  ") == ["padded"]


def test_round_trip_keeps_the_last_fifty():
    path = search_history_file()
    history: list[str] = []
    for n in range(MAX_HISTORY + 10):
        history = remember(history, f"query {n} tổng kết")
    save_history(path, history)
    loaded = load_history(path)
    assert len(loaded) == MAX_HISTORY
    assert loaded[0] == f"query {MAX_HISTORY + 9} tổng kết"
    assert "tổng kết" in path.read_text(encoding="utf-8")  # readable, not escaped


def test_a_bad_file_reads_as_empty(tmp_path):
    path = tmp_path / "h.json"
    assert load_history(path) == []  # missing
    path.write_text("{not json", encoding="utf-8")
    assert load_history(path) == []
    path.write_text(json.dumps(["a list"]), encoding="utf-8")
    assert load_history(path) == []
    path.write_text(json.dumps({"queries": ["x", 3, "x", "", "y"]}), encoding="utf-8")
    assert load_history(path) == ["x", "y"]
