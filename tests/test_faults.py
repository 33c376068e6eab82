"""Faults (issue 10): hostile arguments, environments and streams never end in a traceback;
each is one clear line with exit 2 (usage) or 1 (runtime), and nothing a terminal could act
on reaches stdout or stderr."""

from __future__ import annotations

import gc
import io
import json
import os
import re
import socket
import stat
import subprocess
import sys
from pathlib import Path

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
    ["directives"],
    ["directives", "--json"],
    ["directive", "{text}"],
    ["directive", "{text}", "--json"],
    ["directive", "39", "--format", "md", "-o", "{text}"],
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
        with monkeypatch.context() as streams:  # only the streams: the private dirs stay
            streams.setattr(sys, "stdout", out)
            streams.setattr(sys, "stderr", err)
            code = main(argv)
        out.flush()
        err.flush()
        printed = out.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]
        said = err.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]
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


# --- item 2: writes go to regular files only ---------------------------------------------
def _special_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    fifo = folder / "pipe.md"
    os.mkfifo(fifo)
    made = {"fifo": fifo}
    device = folder / "null.md"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
        made["device"] = device
    except (PermissionError, OSError):
        pass
    link = folder / "link.md"
    link.symlink_to(fifo)
    made["link to fifo"] = link
    sock = folder / "s.md"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    server.close()
    made["socket"] = sock
    return made


def _bookmark_one(capsys) -> None:
    assert main(["bookmark", "add", A000, "-p", "1"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("force", [False, True])
def test_export_refuses_devices_fifos_and_sockets(tmp_path, capsys, force):
    _bookmark_one(capsys)
    for kind, target in _special_files(tmp_path / "special").items():
        before = os.lstat(target)
        code = main(["export", "-o", str(target), *(["--force"] if force else [])])
        out, err = capsys.readouterr()
        assert code == 1, (kind, err)
        assert err.count("\n") == 1 and "not a regular file" in err and "nothing was written" in err
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino, after.st_rdev) == (
            before.st_mode,
            before.st_ino,
            before.st_rdev,
        ), kind
    assert sorted(p.name for p in (tmp_path / "special").iterdir()) == sorted(
        p.name for p in _special_names(tmp_path / "special")
    )


def _special_names(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if not p.name.startswith(".")]


def test_every_atomic_write_refuses_a_special_file(tmp_path):
    from newsreader.core.library import NotRegularFile
    from newsreader.core.store.atomic import write_atomic
    from newsreader.core.store.history import save_history

    for kind, target in _special_files(tmp_path / "special").items():
        with pytest.raises(NotRegularFile):
            write_atomic(target, b"x")
        with pytest.raises(NotRegularFile):
            save_history(target, ["q"])
        assert not stat.S_ISREG(os.stat(target, follow_symlinks=False).st_mode), kind
    assert not list((tmp_path / "special").glob(".*.tmp"))


def test_export_to_a_folder_with_a_trailing_slash_makes_it(tmp_path, capsys):
    _bookmark_one(capsys)
    target = tmp_path / "new" / "deeper"
    code = main(["export", "-o", f"{target}/"])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert target.is_dir() and len(list(target.glob("newsreader-*.md"))) == 1
    (tmp_path / "file").write_text("x")
    code = main(["export", "-o", f"{tmp_path / 'file'}/"])
    _, err = capsys.readouterr()
    assert code == 1 and "is not a folder" in err and (tmp_path / "file").read_text() == "x"


# --- item 1: a full disk or an I/O error never moves a healthy store aside ---------------
@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs (when this runs as root), else None."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        yield None
        return
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def _store_rows(path: Path) -> int:
    import sqlite3

    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(db.execute("SELECT count(*) FROM bookmarks").fetchone()[0])
    finally:
        db.close()


def _failing_open(code: int, message: str):
    import sqlite3

    def fail(cls, path):
        error = sqlite3.OperationalError(message)
        error.sqlite_errorcode = code  # type: ignore[attr-defined]
        error.sqlite_errorname = "SQLITE_FULL" if code == 13 else "SQLITE_IOERR"  # type: ignore[attr-defined]
        raise error

    return classmethod(fail)


@pytest.mark.parametrize("how", ["tmpfs", "full", "ioerr"])
def test_a_full_disk_never_moves_a_healthy_store_aside(
    how, small_disk, tmp_path, capsys, monkeypatch
):
    from newsreader.core.store.bookmarks import BookmarkStore

    data = tmp_path / "data"
    if how == "tmpfs":
        if small_disk is None:
            pytest.skip("mounting a tmpfs needs root")
        data = small_disk / "data"
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(data))
    for paragraph in ("1", "2", "3"):
        assert main(["bookmark", "add", A000, "-p", paragraph]) == 0
    capsys.readouterr()
    store = data / "newsreader.sqlite3"
    if how == "tmpfs":
        gc.collect()  # close the connections of the calls above: their -wal is folded in
        assert _store_rows(store) == 3
        wal = Path(f"{store}-wal")
        if not wal.exists() or wal.stat().st_size == 0:  # then opening must make them anew
            for side in ("-wal", "-shm"):
                Path(f"{store}{side}").unlink(missing_ok=True)
        filler = _fill(small_disk)
    with monkeypatch.context() as failing:  # the disk is full (or failing) in here
        if how != "tmpfs":
            code = 13 if how == "full" else 10
            text = "database or disk is full" if how == "full" else "disk I/O error"
            failing.setattr(BookmarkStore, "_open_checked", _failing_open(code, text))
        code = main(["bookmarks"])
        out, err = capsys.readouterr()
        assert code in (0, 1) and "Traceback" not in err, err
        code = main(["bookmark", "add", A000, "-p", "4"])
        _, err_add = capsys.readouterr()
        assert code == 1 and err_add.count("\n") == 1 and "nothing was written" in err_add
        if how != "ioerr":
            assert "is full" in err_add and "3 bookmarks are safe" in err_add
        assert sorted(p.name for p in data.iterdir() if "corrupt" in p.name) == []
    if how == "tmpfs":
        filler.unlink()
    assert _store_rows(store) == 3
    assert main(["bookmarks", "--json"]) == 0
    out, _ = capsys.readouterr()
    assert len(json.loads(out)["bookmarks"]) == 3


def test_a_moved_store_is_told_on_every_run_and_listed_by_doctor(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(data))
    (data / "newsreader.sqlite3").write_bytes(b"this is not a database" * 100)
    assert main(["bookmarks"]) == 0
    _, err = capsys.readouterr()
    assert "was damaged" in err and ".corrupt-" in err
    [moved] = [p for p in data.iterdir() if ".corrupt-" in p.name]
    for _ in range(2):
        assert main(["bookmarks"]) == 0
        _, err = capsys.readouterr()
        assert str(moved) in err and "moved aside" in err
    assert main(["doctor", "--json"]) in (0, 1)
    out, _ = capsys.readouterr()
    checks = json.loads(out)["checks"]
    assert any(str(moved) in json.dumps(c) for c in checks if "moved" in c["name"])
    moved.unlink()
    assert main(["bookmarks"]) == 0
    _, err = capsys.readouterr()
    assert "moved aside" not in err


# --- item 9: a store of another shape or a newer version ---------------------------------
def _make_store(path: Path, version: int, statements: list[str]) -> None:
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()


STORE_COMMANDS = [
    ["bookmarks"],
    ["bookmarks", "--json"],
    ["export", "-o", "-"],
    ["bookmark", "add", A000, "-p", "1"],
    ["bookmark", "rm", "1"],
]


@pytest.mark.parametrize(
    "shape",
    [
        (2, []),  # a version, no tables
        (-5, []),
        (2, ["CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, article_id TEXT)"]),
        (0, ["CREATE TABLE bookmarks (x)"]),  # someone else's database
    ],
    ids=["no-tables", "negative-version", "missing-columns", "foreign"],
)
def test_a_store_whose_schema_is_not_its_version_is_moved_aside(
    shape, tmp_path, capsys, monkeypatch
):
    data = tmp_path / "data"
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(data))
    version, statements = shape
    _make_store(data / "newsreader.sqlite3", version, statements)
    code = main(["bookmarks"])
    _, err = capsys.readouterr()
    assert code == 0 and "was damaged" in err and ".corrupt-" in err, err
    assert len([p for p in data.iterdir() if ".corrupt-" in p.name]) == 1
    for argv in STORE_COMMANDS:
        code = main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 2), (argv, err)  # rm 1 of an empty store: no such bookmark
        assert "Traceback" not in err and "unexpected" not in err


def test_a_store_from_a_newer_version_is_read_never_written(tmp_path, capsys, monkeypatch):
    from newsreader.core.store.bookmarks import MIGRATIONS

    data = tmp_path / "data"
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(data))
    assert main(["bookmark", "add", A000, "-p", "2", "--note", "kept"]) == 0
    gc.collect()
    store = data / "newsreader.sqlite3"
    _make_store(store, len(MIGRATIONS) + 7, ["CREATE TABLE future (x)"])
    gc.collect()
    for side in ("-wal", "-shm"):
        Path(f"{store}{side}").unlink(missing_ok=True)
    before = store.read_bytes()
    capsys.readouterr()
    code = main(["bookmarks", "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and "newer newsreader" in err
    assert [b["note"] for b in json.loads(out)["bookmarks"]] == ["kept"]
    for argv in (["bookmark", "add", A000, "-p", "3"], ["bookmark", "rm", "1"]):
        code = main(argv)
        _, err = capsys.readouterr()
        assert code == 1 and "newer newsreader" in err and err.count("\n") == 1, err
    gc.collect()
    assert store.read_bytes() == before
    assert not [p for p in data.iterdir() if ".corrupt-" in p.name]


# --- item 13: a folder where the store should be -----------------------------------------
def test_a_folder_in_place_of_the_store_is_said_so(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    (data / "newsreader.sqlite3").mkdir(parents=True)
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(data))
    code = main(["bookmark", "add", A000, "-p", "1"])
    _, err = capsys.readouterr()
    assert code == 1 and "is a folder, not a file" in err and "read-only" not in err
    assert (data / "newsreader.sqlite3").is_dir()


def test_doctor_tells_the_truth_about_a_store_of_another_shape(tmp_path):
    from newsreader.core.doctor import check_store

    path = tmp_path / "newsreader.sqlite3"
    _make_store(path, 2, [])
    check = check_store(path)
    assert check.status == "problem" and "no table 'bookmarks'" in check.detail
    assert "moves it aside" in check.advice


# --- item 8: a damaged cache is rebuilt once, and the command answers --------------------
@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated") / "corpus"
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "gen_corpus.py"
    subprocess.run(
        [sys.executable, str(script), str(root), "--articles", "120"],
        check=True,
        capture_output=True,
    )
    return root


def _damage_leaves(cache: Path, table: str) -> int:
    import sqlite3

    [path] = list(cache.glob("*.sqlite3"))
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            row[0]
            for row in db.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype != 'internal' ORDER BY pageno",
                (table,),
            )
        ]
    except sqlite3.OperationalError as exc:  # SQLite built without dbstat
        pytest.skip(f"cannot find the pages of a table: {exc}")
    finally:
        db.close()
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek(size * (page - 1))
            handle.write(b"\xde\xad\xbe\xef" * (size // 4))
    return len(pages)


@pytest.mark.parametrize("table", ["articles", "texts", "fts_data", "fts_titles_data"])
def test_a_damaged_cache_page_is_rebuilt_and_every_command_answers(
    table, generated_corpus, tmp_path, capsys, monkeypatch
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(cache))
    base = ["--corpus", str(generated_corpus)]
    assert main([*base, "list", "--json"]) == 0
    articles = json.loads(capsys.readouterr().out)["articles"]
    every = [a["id"] for a in articles]
    commands = [["list", "--json"], ["search", "bao ve chinh tri", "--limit", "500", "--json"]]
    commands += [["show", article_id, "--json"] for article_id in every[:: max(1, len(every) // 8)]]
    expected = {}
    for argv in commands:
        assert main([*base, *argv]) == 0
        expected[tuple(argv)] = capsys.readouterr().out
    gc.collect()
    told = 0
    for argv in commands:
        _damage_leaves(cache, table)
        code = main([*base, *argv])
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        if argv[0] == "search":  # a search stops at a time budget: under load it finds less
            assert json.loads(out)["results"], argv
        else:
            assert out == expected[tuple(argv)], argv
        told += "the index was rebuilt" in err
        gc.collect()
    assert told >= 1  # a rebuild is said, even when it happens after the refresh


# --- items 3 and 14: text from the store and the cache is cleaned in the Library ----------
ATTACKS = ["\x1b]52;c;aGk=\x07", "\x1b]0;title\x07", "\x1b[2J", "\u202e", "\x9b1m"]


def _plant_in_store(path: Path) -> None:
    import sqlite3

    db = sqlite3.connect(path)
    evil = "".join(ATTACKS)
    db.execute(
        "UPDATE bookmarks SET note = ?, title = ?, quote = quote || ?, path = ?",
        (f"note{evil}", f"title{evil}", evil, f"p{evil}"),
    )
    db.commit()
    db.close()


def test_escapes_planted_in_the_store_never_leave_the_library(tmp_path, seeds_dir):
    from newsreader.core.library import Library

    data = tmp_path / "data"
    with Library(seeds_dir, data_dir=data, cache_dir=tmp_path / "cache") as library:
        article = library.article(A000)
        assert article is not None
        library.add_bookmark(article, 0, 1, note="mine")
    _plant_in_store(data / "newsreader.sqlite3")
    with Library(seeds_dir, data_dir=data, cache_dir=tmp_path / "cache") as library:
        article = library.article(A000)
        assert article is not None
        found = [
            *library.bookmarks(),
            *library.article_bookmarks(article),
            library.toggle_bookmark(article, 0, 1).bookmark,
        ]
    for bookmark in found:
        for value in bookmark.to_json().values():
            assert not isinstance(value, str) or not RAW_CONTROL.search(value), value


def test_escapes_planted_in_the_cache_never_leave_the_library(
    tmp_path, seeds_dir, capsys, monkeypatch
):
    import sqlite3

    from newsreader.core.library import Library

    cache = tmp_path / "cache"
    with Library(seeds_dir, cache_dir=cache, data_dir=tmp_path / "data") as library:
        library.refresh()
        index = library.index_path
    evil = "".join(ATTACKS)
    from newsreader.core.store.index import pack_header, pack_texts, unpack_header, unpack_texts

    db = sqlite3.connect(index)
    for rowid, body in db.execute("SELECT article, body FROM texts").fetchall():
        tampered = pack_texts([text + evil for text in unpack_texts(body)])
        db.execute("UPDATE texts SET body = ? WHERE article = ?", (tampered, rowid))
    rows = db.execute("SELECT rowid, header FROM articles").fetchall()
    for rowid, header in rows:
        data = unpack_header(header)
        data["title"] = data.get("title", "") + evil
        data["byline"] = (data.get("byline") or "") + evil
        db.execute(
            "UPDATE articles SET header = ?, title = title || ? WHERE rowid = ?",
            (pack_header(data), evil, rowid),
        )
    db.commit()
    db.close()
    with Library(seeds_dir, cache_dir=cache, data_dir=tmp_path / "data") as library:
        library.refresh()
        article = library.article(A000)
        headers = library.articles()
        hits = library.search("bao ve")
        assert article is not None and headers and hits
        texts = [article.title, *article.paragraphs, *(h.title for h in headers)]
        texts += [h.byline or "" for h in [article, *headers]]
        texts += [json.dumps(hit.to_json(), ensure_ascii=False) for hit in hits]
        assert "\ufffd" in article.title  # the tampering shows, harmlessly
        for text in texts:
            assert not RAW_CONTROL.search(text), text
            assert "\\u001b" not in text
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(cache))
    assert main(["show", A000]) == 0
    out, _ = capsys.readouterr()
    assert not RAW_CONTROL.search(out)


# --- item 7: build workers end with the CLI ---------------------------------------------
@pytest.fixture(scope="module")
def large_corpus(tmp_path_factory):
    """Enough files for a cold build to use worker processes."""
    root = tmp_path_factory.mktemp("large") / "corpus"
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "gen_corpus.py"
    subprocess.run(
        [sys.executable, str(script), str(root), "--articles", "1500"],
        check=True,
        capture_output=True,
    )
    return root


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.update(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[-1].split()[0] != "Z"
    except OSError:
        return False


def _poll(condition, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("signum", [9, 15, 1], ids=["KILL", "TERM", "HUP"])
def test_build_workers_end_when_the_cli_ends(signum, large_corpus, tmp_path):
    env = {**os.environ, "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--corpus", str(large_corpus), "list"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    workers: set[int] = set()
    try:
        assert _poll(lambda: len(_children(process.pid)) >= 2, 60), "no workers started"
        workers = _children(process.pid)
        os.kill(process.pid, signum)
        process.wait(timeout=30)
        assert _poll(lambda: not any(_alive(w) for w in workers), 10), "workers outlived the CLI"
        assert process.stderr is not None
        err = process.stderr.read().decode()  # does not block: nobody else holds the pipe
        assert "Traceback" not in err
        assert process.returncode == -signum, err  # the signal's own ending, no unwinding
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for worker in workers:  # what a failure would leave behind
            if _alive(worker):
                os.kill(worker, 9)


# --- item 11: two names that used to show the same get two ids ---------------------------
def test_names_that_show_alike_get_distinct_stable_ids(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "\n\nSáng 12/3, Tỉnh ủy tổ chức hội nghị quán triệt Chỉ thị 39-CT/TW cho cán bộ."
    (corpus / "a\nb.txt").write_text("Hội nghị có tên chứa xuống dòng" + body, encoding="utf-8")
    (corpus / "a\\x0ab.txt").write_text("Hội nghị có tên chứa gạch chéo" + body, encoding="utf-8")
    (corpus / "c\\d.txt").write_text("Hội nghị có một gạch chéo" + body, encoding="utf-8")
    seen = []
    for _ in range(3):  # the first run builds the index, the next ones reuse it
        assert main(["--corpus", str(corpus), "list", "--json"]) == 0
        out, _ = capsys.readouterr()
        seen.append(sorted((a["id"], a["title"]) for a in json.loads(out)["articles"]))
    assert seen[0] == seen[1] == seen[2]
    assert seen[0] == [
        ("a\\x0ab.txt", "Hội nghị có tên chứa xuống dòng"),
        ("a\\x5cx0ab.txt", "Hội nghị có tên chứa gạch chéo"),
        ("c\\x5cd.txt", "Hội nghị có một gạch chéo"),
    ]
    for article_id, title in seen[0]:
        assert main(["--corpus", str(corpus), "show", article_id, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["title"] == title


# --- item 12: an edit that keeps size and mtime is seen ----------------------------------
def test_an_edit_with_its_mtime_set_back_is_seen(tmp_path):
    from newsreader.core.library import Library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    target = corpus / "a.txt"
    body = "\n\nSáng 12/3, Tỉnh ủy tổ chức hội nghị quán triệt Chỉ thị 39-CT/TW cho cán bộ."
    target.write_text("Hội nghị quán triệt AAA" + body, encoding="utf-8")
    old = target.stat()
    os.utime(target, ns=(old.st_atime_ns, old.st_mtime_ns - 60 * 10**9))  # written long ago
    before = target.stat()
    with Library(corpus, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data") as library:
        library.refresh()
        assert library.article("a.txt").title == "Hội nghị quán triệt AAA"  # type: ignore[union-attr]
    target.write_text("Hội nghị quán triệt BBB" + body, encoding="utf-8")  # same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # `touch -d` back
    after = target.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    with Library(corpus, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data") as library:
        stats = library.refresh()
        assert library.article("a.txt").title == "Hội nghị quán triệt BBB"  # type: ignore[union-attr]
        assert stats.parsed == 1
    with Library(corpus, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data") as library:
        stats = library.refresh()  # nothing changed since: trusted without reading again
        assert stats.parsed == 0 and stats.reused == 1


# --- item 15: listing many bookmarks re-anchors only what changed ------------------------
def test_anchoring_is_remembered_per_text_and_redone_when_it_changes(tmp_path, seeds_dir):
    import shutil

    from newsreader.core.library import Library

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    data, cache = tmp_path / "data", tmp_path / "cache"
    with Library(corpus, data_dir=data, cache_dir=cache) as library:
        article = library.article(A000)
        assert article is not None
        library.add_bookmark(article, 2, 2)
        assert [(b.first, b.status) for b in library.bookmarks()] == [(2, "ok")]
        # An import into an article whose bookmarks were all anchored is still anchored.
        moved = article.paragraphs[4]
        export = {
            "format": "newsreader.bookmarks",
            "version": 1,
            "bookmarks": [{"article_id": A000, "first": 0, "last": 0, "quote": moved}],
        }
        library.import_bookmarks(json.dumps(export).encode())
        assert sorted((b.first, b.status) for b in library.bookmarks()) == [(2, "ok"), (4, "ok")]
    # The text changes: a paragraph is inserted at the top, every passage moves down one.
    path = corpus / A000
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("Sáng 31/10"))
    path.write_text(
        "\n".join([*lines[:first], "Một đoạn mới được chèn vào đầu bài.", "", *lines[first:]]),
        encoding="utf-8",
    )
    with Library(corpus, data_dir=data, cache_dir=cache) as library:
        library.refresh()
        assert sorted((b.first, b.status) for b in library.bookmarks()) == [(3, "ok"), (5, "ok")]


# --- item 4: a refresh told to stop stops inside the analysis of a huge file -------------
def test_a_cancelled_refresh_stops_inside_the_analysis_of_one_huge_file(tmp_path, monkeypatch):
    """The loading thread's cancel event stops the analysis at its next checkpoint, between
    pieces of one huge paragraph, not after the whole file; the next refresh builds it."""
    import threading

    from newsreader.core.corpus import analysis
    from newsreader.core.library import Library
    from newsreader.core.store.build import RefreshCancelled

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentence = "Ngày 12/3/2019, đồng chí Nguyễn Văn An nói về Chỉ thị 39-CT/TW tại Hà Nội. "
    (corpus / "dai.txt").write_text("Một bài dài\n\n" + sentence * 20_000, encoding="utf-8")
    cancel = threading.Event()
    calls = []
    real = analysis.find_dates

    def find_dates(text, anchor=None):
        calls.append(len(text))
        cancel.set()  # the reader quits while the first piece is analysed
        return real(text, anchor)

    monkeypatch.setattr(analysis, "find_dates", find_dates)
    with Library(corpus, data_dir=tmp_path / "data", cache_dir=tmp_path / "cache") as library:
        with pytest.raises(RefreshCancelled):
            library.refresh(cancel=cancel)
        assert len(calls) == 1  # stopped at the next piece of the same paragraph
        monkeypatch.setattr(analysis, "find_dates", real)
        library.refresh()
        assert [a.title for a in library.articles()] == ["Một bài dài"]
