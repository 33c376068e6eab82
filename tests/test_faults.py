"""Faults (issue 10): hostile arguments, environments and streams never end in a traceback;
each is one clear line with exit 2 (usage) or 1 (runtime), and nothing a terminal could act
on reaches stdout or stderr."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest

from newsreader.cli import escape_output, main
from newsreader.core.corpus.loader import DEFAULT_MAX_BYTES, max_file_bytes, walk_corpus
from newsreader.core.doctor import check_limit
from newsreader.core.export import ImportFormatError, parse_export

A000 = "000_74aa4278611824f9.txt"
# A raw control a terminal acts on (tab and newline are text).
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
HUGE = str(10**23)
HOSTILE_TEXT = [
    "\x1b]52;c;aGVsbG8=\x07",  # a clipboard write
    "\x1b]0;owned\x07",  # a window title
    "\x1b[2J",
    "\u202eevil",
    "\x9b31m",
    "\udcff\udcfe",  # bytes that are not UTF-8, as Python hands them over from argv
    "",
    "-",
    "a" * 5000,
    HUGE,
    "../../../etc/passwd",
    "line\nbreak",
]
HOSTILE_NUMBERS = [HUGE, "-1", "0", "inf", "1e400", "nan", "١٢", "9" * 5000]
HOSTILE_RANGES = [HUGE, f"1-{HUGE}", "0", "3-1", "1-", "¶2–3"]
HOSTILE_ENVS = [
    {"NEWSREADER_MAX_FILE_MB": "inf"},
    {"NEWSREADER_MAX_FILE_MB": "1e400"},
    {"NEWSREADER_MAX_FILE_MB": "-1"},
    {"NEWSREADER_MAX_FILE_MB": "nan"},
    {"NEWSREADER_MAX_FILE_MB": "many"},
    {"NEWSREADER_MAX_FILES": "1"},
    {"NEWSREADER_MAX_FILES": "-7"},
    {"NEWSREADER_CORPUS": "/nowhere/\x1b[2J"},
    {"NEWSREADER_DATA_DIR": "/nonexistent-\x1b]0;x\x07/data"},
]
# Every command, with "{text}", "{number}" or "{range}" where a hostile value goes.
COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["show", "{text}"],
    ["show", "{text}", "--json"],
    ["search", "{text}"],
    ["search", "bao ve", "--limit", "{number}"],
    ["doctor"],
    ["doctor", "--json"],
    ["bookmark", "add", "{text}", "-p", "1"],
    ["bookmark", "add", A000, "-p", "{range}"],
    ["bookmark", "add", A000, "-p", "1", "--note", "{text}"],
    ["bookmark", "rm", "{number}"],
    ["bookmarks", "--article", "{text}"],
    ["bookmarks", "--json"],
    ["export", "--article", "{text}", "-o", "-"],
    ["export", "-o", "{text}"],
    ["import", "{text}"],
    ["--corpus", "{text}", "list"],
]


def _values(argv: list[str]) -> list[list[str]]:
    for slot, values in (
        ("{text}", HOSTILE_TEXT),
        ("{number}", HOSTILE_NUMBERS),
        ("{range}", HOSTILE_RANGES),
    ):
        if slot in argv:
            return [[value if a == slot else a for a in argv] for value in values]
    return [argv]


def assert_clean_run(code: int, out: str, err: str, argv: object) -> None:
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "unexpected error" not in err, (argv, err)
    assert not RAW_CONTROL.search(out), (argv, out[:300])
    assert not RAW_CONTROL.search(err), (argv, err)
    if code and not out:  # doctor's findings are its output
        assert err.count("\n") >= 1 and err.startswith("newsreader"), (argv, err)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # `export -o NAME` writes here
    return tmp_path


def test_fuzz_every_command_over_hostile_arguments(in_tmp, capsys):
    runs = 0
    for template in COMMANDS:
        for argv in _values(template):
            code = main(argv)
            out, err = capsys.readouterr()
            assert_clean_run(code, out, err, argv)
            runs += 1
    assert runs > 100


def test_fuzz_every_command_under_hostile_environments(in_tmp, capsys, monkeypatch):
    for env in HOSTILE_ENVS:
        with monkeypatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            for template in COMMANDS:
                argv = [a.replace("{text}", A000).replace("{number}", "1") for a in template]
                argv = [a.replace("{range}", "1") for a in argv]
                code = main(argv)
                out, err = capsys.readouterr()
                assert_clean_run(code, out, err, (env, argv))


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_output_encoding_without_vietnamese_falls_back_to_escapes(encoding, monkeypatch):
    for argv in (["list"], ["show", A000], ["search", "bảo vệ"], ["doctor"], ["bookmarks"]):
        out = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        err = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        code = main(argv)
        out.flush()
        err.flush()
        printed = out.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]
        said = err.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]
        monkeypatch.undo()
        assert code == 0, (argv, said)
        assert "Traceback" not in said
        if argv[0] == "show":
            assert "\\u1ea3" in printed or "\\u1ec7" in printed  # ả, ệ as escapes


def test_escape_output_keeps_text_and_escapes_controls():
    assert escape_output("Chỉ thị 39\tx\n") == "Chỉ thị 39\tx\n"
    assert escape_output("\x1b[2J\u202e\x9b\udcff") == "\\x1b[2J\\u202e\\x9b\\xff"


def _sh(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", command, sys.executable],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    ["list", f"show {A000}", "search bao", "doctor", "bookmarks", "export -o -"],
)
def test_a_closed_stdout_is_one_line_and_exit_1(args):
    result = _sh(f'"$0" -m newsreader {args} >&-')
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "standard output is closed" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C"}],
)
def test_a_c_locale_prints_escapes_not_tracebacks(env):
    for args in ("list", f"show {A000}", "search bảo", "doctor", "show $(printf '\\377\\376')"):
        result = _sh(f'"$0" -m newsreader {args}', **env)
        assert result.returncode in (0, 1, 2), (args, result.stderr)
        assert "Traceback" not in result.stderr, (args, result.stderr)
    result = _sh(f'"$0" -m newsreader show {A000}', **env)
    assert result.returncode == 0 and "\\u" in result.stdout


def test_an_id_with_bytes_that_are_not_utf8_is_an_unknown_id(capsys):
    code = main(["show", "\udcff\udcfe"])
    _, err = capsys.readouterr()
    assert code == 2 and "no article with id '\\\\xff\\\\xfe'" in err


@pytest.mark.parametrize("argv", [["search", "x", "--limit", HUGE], ["bookmark", "rm", HUGE]])
def test_numbers_past_sqlite_are_usage_errors(argv, capsys):
    code = main(argv)
    _, err = capsys.readouterr()
    assert code == 2 and "too large" in err and err.count("\n") == 1


@pytest.mark.parametrize("raw", ["inf", "1e400", "-1", "0", "nan", "-inf"])
def test_a_size_limit_that_is_not_a_positive_number_is_ignored_and_reported(raw, monkeypatch):
    monkeypatch.setenv("NEWSREADER_MAX_FILE_MB", raw)
    assert max_file_bytes() == DEFAULT_MAX_BYTES
    check = check_limit()
    assert check is not None and check.status == "warning" and raw in check.detail


def test_import_of_huge_numbers_and_deep_json_is_a_usage_error(tmp_path, capsys):
    entry = {"article_id": "a", "first": 10**30, "last": 10**30, "quote": "x"}
    export = {"format": "newsreader.bookmarks", "version": 1, "bookmarks": [entry]}
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps(export))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for path in (huge, deep):
        code = main(["import", str(path)])
        _, err = capsys.readouterr()
        assert code == 2 and err.count("\n") == 1 and "cannot import" in err, err
    with pytest.raises(ImportFormatError, match="nested too deeply"):
        parse_export(deep.read_bytes())


def test_990_nested_folders_are_walked_without_recursion(tmp_path, capsys):
    folder = tmp_path / "corpus"
    deep = folder
    folder.mkdir()
    for _ in range(990):
        deep = deep / "d"
        deep.mkdir()
    (deep / "bottom.txt").write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    found = list(walk_corpus(folder, []))
    assert [f.relative for f in found] == ["d/" * 990 + "bottom.txt"]
    code = main(["--corpus", str(folder), "list", "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err
    assert len(json.loads(out)["articles"]) == 1


def test_paths_echoed_in_messages_are_escaped(tmp_path, capsys):
    evil = tmp_path / "\x1b]0;x\x07"
    for argv in (
        ["--corpus", str(evil), "list"],
        ["import", str(evil)],
        ["export", "-o", str(evil / "sub" / "x.md"), "--force"],
    ):
        code = main(argv)
        out, err = capsys.readouterr()
        assert_clean_run(code, out, err, argv)
        assert "\\x1b]0;x\\x07" in err, (argv, err)


def test_doctor_is_quiet_about_a_valid_limit(monkeypatch):
    monkeypatch.setenv("NEWSREADER_MAX_FILE_MB", "60")
    assert check_limit() is None
    assert max_file_bytes() == 60 * 1024 * 1024


def test_a_store_path_shown_in_a_message_is_escaped(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data\x1b[2J"
    data.mkdir()
    (data / "newsreader.sqlite3").mkdir()  # a folder in the store's place
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(data))
    code = main(["bookmark", "add", A000, "-p", "1"])
    out, err = capsys.readouterr()
    assert_clean_run(code, out, err, "add")
    assert code == 1


# --- item 6: the walk stays on the corpus ------------------------------------------------
def test_proc_is_never_walked(capsys):
    code = main(["--corpus", "/proc", "list", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["articles"] == []
    assert any("system folder (/proc)" in s["reason"] for s in data["skipped"])


def test_a_link_into_a_system_folder_is_not_entered(tmp_path):
    (tmp_path / "ok.txt").write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    (tmp_path / "proc").symlink_to("/proc")
    (tmp_path / "dev").symlink_to("/dev")
    skipped: list = []
    found = list(walk_corpus(tmp_path, skipped))
    assert [f.relative for f in found] == ["ok.txt"]
    reasons = {s.path: s.reason for s in skipped}
    assert "system folder" in reasons["proc/"] and "system folder" in reasons["dev/"]


def test_the_walk_stops_at_its_limit_and_says_so(tmp_path, monkeypatch):
    for n in range(30):
        (tmp_path / f"{n:02}.txt").write_text("T\n\nx", encoding="utf-8")
    monkeypatch.setenv("NEWSREADER_MAX_FILES", "10")
    skipped: list = []
    found = list(walk_corpus(tmp_path, skipped))
    assert len(found) == 10
    assert any("stopped after 10 files and folders" in s.reason for s in skipped)


# --- item 5: a file swapped for a FIFO is skipped, not waited on -------------------------
def test_a_file_replaced_by_a_fifo_after_the_walk_is_skipped_without_hanging(tmp_path):
    from newsreader.core.corpus.loader import read_file
    from newsreader.core.store.build import _analyse_file

    target = tmp_path / "a.txt"
    target.write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    [found] = list(walk_corpus(tmp_path, []))
    target.unlink()
    os.mkfifo(target)  # no writer: a blocking open would wait for ever
    loaded, skipped = read_file(found)
    assert loaded == [] and [s.reason for s in skipped] == ["not a regular file"]
    parsed = _analyse_file(found)  # what a build worker does
    assert parsed.articles == [] and [s.reason for s in parsed.skipped] == ["not a regular file"]


def test_a_file_that_grew_past_the_limit_after_the_walk_is_skipped(tmp_path, monkeypatch):
    from newsreader.core.corpus.loader import read_file

    target = tmp_path / "a.txt"
    target.write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    [found] = list(walk_corpus(tmp_path, []))
    target.write_bytes(b"x" * 3 * 1024 * 1024)
    monkeypatch.setenv("NEWSREADER_MAX_FILE_MB", "1")
    loaded, skipped = read_file(found)
    assert loaded == [] and "file too large" in skipped[0].reason
