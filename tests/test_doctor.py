"""`newsreader doctor`: checks, advice, exit status, the JSON contract."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from hostile import skipped_reasons, unsafe
from newsreader.cli import main
from newsreader.core.corpus.load import load_corpus
from newsreader.core.doctor import (
    Report,
    check_store,
    check_terminal,
    colour_count,
    explain_skipped,
)
from newsreader.core.library import Library
from newsreader.core.model import SkipKind, Skipped
from newsreader.core.store.bookmarks import STORE_NAME, BookmarkStore
from newsreader.core.store.index import cache_path_for
from newsreader.locations import cache_dir, data_dir


@pytest.fixture(scope="module")
def hostile_cache(tmp_path_factory, hostile):
    """An index of the hostile corpus built once, for the CLI calls to reuse."""
    cache = tmp_path_factory.mktemp("doctor-cache")
    Library(hostile[0], cache_dir=cache).refresh()
    return cache


@pytest.fixture(scope="module")
def hostile_report(hostile, hostile_cache, tmp_path_factory):
    return diagnose(hostile[0], tmp_path_factory.mktemp("data"), hostile_cache)


def diagnose(root, data_dir=None, cache_dir=None) -> Report:
    """doctor's report (without the terminal checks) through the Library, as the CLI does."""
    return Library(root, data_dir=data_dir, cache_dir=cache_dir).health(terminal=False)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def by_name(report):
    return {c.name: c for c in report.checks}


def test_healthy_corpus_is_all_ok_and_exits_0(capsys, seeds_dir):
    report = diagnose(seeds_dir)
    assert report.healthy and report.skipped == []
    assert {c.status for c in report.checks} == {"ok"}
    assert "2 articles from 2 files, 0 skipped" in by_name(report)["corpus"].detail
    code, out, _ = run(capsys, "doctor")
    assert code == 0 and out.startswith("newsreader doctor: healthy")


def test_json_contract(capsys, hostile, hostile_cache, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(hostile_cache))
    code, out, _ = run(capsys, "--corpus", str(hostile[0]), "doctor", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"healthy", "checks", "skipped"}
    assert data["healthy"] is True
    for check in data["checks"]:
        assert set(check) == {"name", "status", "detail", "advice"}
        assert check["status"] in ("ok", "warning", "problem")
        assert all(isinstance(v, str) for v in check.values())
    for item in data["skipped"]:
        assert set(item) == {"path", "reason"}
    assert not unsafe(out, "\n")


def test_hostile_corpus_every_skip_is_explained_with_advice(hostile, hostile_report):
    root, expected = hostile
    report = hostile_report
    assert report.healthy  # skipped files are warnings, not problems
    assert {s.path for s in report.skipped} == set(skipped_reasons(expected))
    explained = {}
    for check in report.checks:
        for item in check.items:
            explained.setdefault(item.path, []).append(check)
    for item in report.skipped:
        (check,) = explained[item.path]  # in exactly one check
        assert check.status == "warning" and check.name.startswith("skipped: ")
        assert check.advice and check.name != "skipped: other", item
    checks = by_name(report)
    assert checks["skipped: too large"].advice == "set NEWSREADER_MAX_FILE_MB=60 to read it"
    assert "convert to UTF-8" in checks["skipped: encoding"].advice
    assert "python3 -m json.tool" in checks["skipped: invalid JSON"].advice
    assert "yaml/broken.md" in checks["loaded with warnings"].detail


def test_hostile_corpus_readable_report_names_every_skip_safely(
    capsys, hostile, hostile_cache, monkeypatch
):
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(hostile_cache))
    root, expected = hostile
    code, out, err = run(capsys, "--corpus", str(root), "doctor")
    assert code == 0, err
    assert not unsafe(out, "\n") and not unsafe(err, "\n")
    for path in skipped_reasons(expected):
        assert f"           {path}: " in out, path
    assert "→ set NEWSREADER_MAX_FILE_MB=60 to read it" in out


def test_the_size_advice_is_over_the_file_size(hostile, hostile_report):
    advice = by_name(hostile_report)["skipped: too large"].advice
    megabytes = int(advice.partition("NEWSREADER_MAX_FILE_MB=")[2].split()[0])
    assert megabytes * 1024 * 1024 > (hostile[0] / "huge.txt").stat().st_size
    # test_hostile.py reads the file with the limit raised to 60


@pytest.mark.parametrize(
    "kind, reason, name, advice",
    [
        (SkipKind.UNREADABLE, "permission denied", "unreadable", "chmod u+r"),
        (
            SkipKind.UNREADABLE,
            "folder cannot be read: Permission denied",
            "unreadable",
            "chmod u+rx",
        ),
        (SkipKind.SPECIAL, "not a regular file", "special", "remove"),
        (
            SkipKind.TOO_LARGE,
            "file too large (16.5 MB, limit 16 MB; set NEWSREADER_MAX_FILE_MB)",
            "too large",
            "=20 ",
        ),
        (SkipKind.EMPTY, "no text in file", "empty", "add the article's text"),
        (SkipKind.OTHER, "could not be read (KeyError: 'x')", "other", "report it"),
    ],
)
def test_explain_skipped_groups_by_kind(kind, reason, name, advice):
    (check,) = explain_skipped([Skipped("a.txt", kind, reason)])
    assert check.name == f"skipped: {name}" and advice in check.advice


def test_missing_corpus_is_a_problem_and_exits_1(capsys, tmp_path):
    code, out, _ = run(capsys, "--corpus", str(tmp_path / "nope"), "doctor")
    assert code == 1 and out.startswith("newsreader doctor: 1 problem")
    assert "problem  corpus: no corpus folder at" in out
    (tmp_path / "file").write_text("x")
    report = diagnose(tmp_path / "file")
    assert not report.healthy and "not a folder" in by_name(report)["corpus"].detail


def test_unwritable_data_dir_is_a_problem(capsys, tmp_path, monkeypatch, seeds_dir):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(blocker / "data"))
    code, out, _ = run(capsys, "--corpus", str(seeds_dir), "doctor", "--json")
    data = json.loads(out)
    assert code == 1 and data["healthy"] is False
    (check,) = [c for c in data["checks"] if c["name"] == "data dir"]
    assert check["status"] == "problem" and "is a file" in check["detail"]
    assert "NEWSREADER_DATA_DIR" in check["advice"] and "chmod u+w" in check["advice"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder")
def test_read_only_data_dir_is_a_problem(tmp_path, monkeypatch, seeds_dir):
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        report = diagnose(seeds_dir, data_dir=folder)
    finally:
        folder.chmod(0o700)
    assert by_name(report)["data dir"].status == "problem"


def test_corrupt_store_is_a_problem_and_is_left_where_it_is(capsys, seeds_dir):
    path = data_dir() / STORE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database, just bytes " * 100)
    code, out, _ = run(capsys, "--corpus", str(seeds_dir), "doctor")
    assert code == 1
    assert "problem  bookmark store:" in out and "mv " in out
    assert path.read_bytes().startswith(b"not a database")  # the doctor only looks


def test_store_with_damaged_pages_fails_integrity_check(tmp_path):
    path = tmp_path / STORE_NAME
    with BookmarkStore.open(path) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("PRAGMA journal_mode=DELETE")
        store.db.execute("CREATE TABLE filler (x TEXT)")
        store.db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
        store.db.execute("CREATE INDEX filler_x ON filler(x)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3 + 100, min(len(data), page * 8), 7):
        data[offset] = 0xFF
    path.write_bytes(bytes(data))
    check = check_store(path)
    assert check.status == "problem", check


def test_store_from_a_newer_version_is_a_problem(tmp_path):
    path = tmp_path / STORE_NAME
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    check = check_store(path)
    assert check.status == "problem" and "update newsreader" in check.advice


def test_healthy_store_reports_schema_and_count(tmp_path, seeds_dir):
    article = load_corpus(seeds_dir).articles[0]
    with BookmarkStore.open(tmp_path / STORE_NAME) as store:
        store.add(article, 0, 0)
        version = store.schema_version
    check = check_store(tmp_path / STORE_NAME)
    assert check.status == "ok"
    assert f"schema version {version}" in check.detail and "1 bookmark" in check.detail


def test_corrupt_index_is_a_problem(capsys, seeds_dir):
    path = cache_path_for(seeds_dir, cache_dir())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"garbage " * 1000)
    code, out, _ = run(capsys, "--corpus", str(seeds_dir), "doctor")
    assert code == 1 and "problem  index:" in out and "rm " in out
    assert path.read_bytes().startswith(b"garbage")  # left for the user to see


def test_bad_size_limit_setting_is_a_warning(monkeypatch, seeds_dir):
    monkeypatch.setenv("NEWSREADER_MAX_FILE_MB", "sixty")
    check = by_name(diagnose(seeds_dir))["size limit"]
    assert check.status == "warning" and "not a number" in check.detail


def test_terminal_checks():
    size = os.terminal_size((120, 40))
    ok = check_terminal({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, size, True)
    assert {c.status for c in ok} == {"ok"} and "millions of colours" in ok[0].detail
    dumb = {c.name: c for c in check_terminal({"TERM": "dumb"}, os.terminal_size((40, 10)), False)}
    assert (
        dumb["terminal colours"].status == "warning" and "TERM=" in dumb["terminal colours"].advice
    )
    assert dumb["terminal size"].status == "warning" and "40×10" in dumb["terminal size"].detail
    assert "not a terminal" in dumb["terminal"].detail
    assert colour_count({}) == 0 and colour_count({"TERM": "screen-256color"}) == 256
    assert colour_count({"TERM": "xterm"}) == 16


def test_doctor_help_documents_the_exit_status(capsys):
    with pytest.raises(SystemExit):
        main(["doctor", "--help"])
    out = capsys.readouterr().out
    assert "Exit status: 0 when healthy, 1 when" in " ".join(out.split())
    assert "warnings" in out
