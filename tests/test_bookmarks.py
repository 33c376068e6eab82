"""The bookmark store: CRUD, migrations, concurrency, crashes, damage, read-only; re-anchoring."""

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsreader import locations
from newsreader.core.anchor import locate, reanchor_all, reanchor_article
from newsreader.core.model import Article
from newsreader.core.store import bookmarks as bm
from newsreader.core.store.bookmarks import (
    MIGRATIONS,
    SCHEMA_VERSION,
    BookmarkNotFound,
    BookmarkStore,
    InvalidRange,
    StoreReadOnly,
    StoreTooNew,
)
from newsreader.core.store.reading_state import ReadingState

PARAGRAPHS = [
    "Sáng 31/10, tại Hà Nội, Đảng ủy Khối tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW.",
    "Đồng chí Lê Văn Châu phát biểu khai mạc Hội nghị.",
    "Nhận thức rõ nhiệm vụ công tác bảo vệ chính trị nội bộ là một nội dung quan trọng của công tác xây dựng Đảng.",
    "Việc kiểm tra, giám sát về công tác cán bộ đã được các cấp ủy thực hiện nghiêm túc.",
    "Toàn cảnh Hội nghị.",
]


def article(paragraphs=None, article_id="2019/so-ket.txt", **kw) -> Article:
    return Article(
        id=article_id,
        path=kw.pop("path", article_id),
        title=kw.pop("title", "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW"),
        paragraphs=list(paragraphs if paragraphs is not None else PARAGRAPHS),
        published=kw.pop("published", "2019-11-04T08:10"),
        year=kw.pop("year", 2019),
        year_source=kw.pop("year_source", "published"),
        directive=kw.pop("directive", "39-CT/TW"),
        **kw,
    )


@pytest.fixture
def store():
    with BookmarkStore.open() as opened:
        yield opened


def test_store_lives_in_the_data_dir(store):
    assert store.path == locations.data_dir() / "newsreader.sqlite3"
    assert store.path.exists()
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version == SCHEMA_VERSION
    assert store.notice is None


def test_add_keeps_the_passage_and_the_article_as_marked(store):
    a = article()
    b = store.add(a, 1, 2, note="  ghi chú  ")
    assert b.id is not None
    assert b.quote == PARAGRAPHS[1] + "\n\n" + PARAGRAPHS[2]
    assert b.note == "ghi chú"
    assert (b.title, b.published, b.directive, b.path) == (a.title, a.published, "39-CT/TW", a.id)
    assert (b.year, b.year_source, b.paragraph_count, b.status) == (2019, "published", 5, "ok")
    assert b.context_before == PARAGRAPHS[0] and b.context_after == PARAGRAPHS[3]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b.created)
    assert b.label == "¶2–3"
    assert store.bookmarks() == [b] == store.for_article(a.id)
    assert store.get(b.id) == b
    assert store.marked_paragraphs(a.id) == {1, 2}
    assert store.covering(a.id, 2) == [b] and store.covering(a.id, 3) == []


def test_add_twice_is_the_same_bookmark_and_bad_ranges_are_refused(store):
    a = article()
    first = store.add(a, 0, 0)
    again = store.add(a, 0, 0, note="later")
    assert again.id == first.id and again.note == "later" and store.count() == 1
    for lo, hi in [(-1, 0), (2, 1), (0, 5), (7, 7)]:
        with pytest.raises(InvalidRange):
            store.add(a, lo, hi)
    with pytest.raises(ValueError):
        store.add(a.header(), 0, 0)


def test_toggle_notes_remove_and_undo(store):
    a = article()
    added, b = store.toggle(a, 3, 3)
    assert added and store.count() == 1
    noted = store.set_note(b.id, "[bold]quan trọng[/]")
    assert noted.note == "[bold]quan trọng[/]" and store.get(b.id).note == noted.note
    assert store.set_note(b.id, "   ").note is None
    store.set_note(b.id, "giữ lại")
    added, removed = store.toggle(a, 3, 3)
    assert not added and removed.id == b.id and removed.note == "giữ lại" and store.count() == 0
    restored = store.restore(removed)
    assert restored == removed and store.bookmarks() == [removed]
    gone = store.remove(b.id)
    assert gone == removed and store.count() == 0
    with pytest.raises(BookmarkNotFound):
        store.remove(b.id)
    with pytest.raises(BookmarkNotFound):
        store.set_note(b.id, "x")
    other = store.add(a, 0, 0)  # ids are never reused, so undo gets its old id back
    assert store.restore(gone).id == gone.id != other.id


def test_list_orders_by_article_then_range(store):
    b1 = store.add(article(article_id="b.txt"), 2, 2)
    a3 = store.add(article(article_id="a.txt"), 3, 4)
    a0 = store.add(article(article_id="a.txt"), 0, 0)
    assert [b.id for b in store.bookmarks()] == [a0.id, a3.id, b1.id]
    assert [b.id for b in store.bookmarks("a.txt")] == [a0.id, a3.id]


def test_reading_state_and_the_old_state_file(store, tmp_path):
    assert store.reading_state() == ReadingState()
    old = tmp_path / "state.json"
    old.write_text(
        json.dumps(
            {"article_id": "x.txt", "paragraph": 4, "theme": "nord", "positions": {"x.txt": 4}}
        ),
        encoding="utf-8",
    )
    assert store.import_state_file(old) is True
    assert store.reading_state() == ReadingState("x.txt", 4, "nord", {"x.txt": 4})
    assert store.import_state_file(old) is False  # only once
    store.save_reading_state(ReadingState("y.txt", 2, "gruvbox", {"y.txt": 2}))
    state = store.reading_state()
    assert state == ReadingState("y.txt", 2, "gruvbox", {"x.txt": 4, "y.txt": 2})
    assert store.import_state_file(tmp_path / "missing.json") is False


def test_state_file_default_path_missing_is_fine(store):
    from newsreader.locations import old_state_file

    assert store.import_state_file(old_state_file()) is False


def _make_v1(path: Path) -> None:
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute(
        "INSERT INTO bookmarks (article_id, first, last, quote, note, created, updated, title,"
        " published, directive, path) VALUES ('a.txt', 1, 1, 'Trích', 'ghi chú',"
        " '2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z', 'Tiêu đề', '2024-01-01', NULL, 'a.txt')"
    )
    db.execute("INSERT INTO reading_state VALUES ('theme', '\"nord\"')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_a_first_release_store_is_migrated(tmp_path):
    path = tmp_path / "v1.sqlite3"
    _make_v1(path)
    with BookmarkStore.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        (b,) = store.bookmarks()
        assert (b.article_id, b.first, b.quote, b.note, b.title) == (
            "a.txt",
            1,
            "Trích",
            "ghi chú",
            "Tiêu đề",
        )
        assert b.status == "ok" and b.year is None and b.context_before == ""
        assert store.reading_state().theme == "nord"
        store.add(article(), 0, 0)  # and it works as a current store
        assert store.count() == 2


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    BookmarkStore.open(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreTooNew, match="newer newsreader"):
        BookmarkStore.open(path)
    assert path.exists()  # not moved aside: it is not damaged


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from newsreader.core.store.bookmarks import BookmarkStore
    from newsreader.core.model import Article

    name, count, start = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    article = Article(id=name, path=name, title=name,
                      paragraphs=[f"Đoạn {i} của {name}. " * 20 for i in range(count)])
    store = BookmarkStore.open()
    while not start.exists():
        time.sleep(0.005)
    for i in range(count):
        store.add(article, i, i, note=f"ghi chú {i}")
        print(i + 1, flush=True)
    """
)


def test_two_processes_adding_500_each_end_with_1000(tmp_path):
    start = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"writer-{n}.txt", "500", str(start)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    time.sleep(0.3)
    start.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=90)
        assert proc.returncode == 0, err
    with BookmarkStore.open() as store:
        assert store.count() == 1000
        assert len(store.bookmarks("writer-0.txt")) == len(store.bookmarks("writer-1.txt")) == 500


def test_a_writer_killed_mid_write_leaves_the_store_intact(tmp_path):
    start = tmp_path / "go"
    start.touch()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, "killed.txt", "100000", str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    written = 0
    try:
        for line in proc.stdout:
            written = int(line)
            if written >= 300:
                break
        assert written >= 300, proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with BookmarkStore.open() as store:
        assert store.notice is None and store.moved_to is None
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = store.count()
        assert count >= written  # every reported commit is there, at most one more
        assert count <= written + 50
        ids = [b.first for b in store.bookmarks("killed.txt")]
        assert ids == list(range(count))  # no hole, no half-written row
        store.add(article(), 0, 0)
        assert store.count() == count + 1


def test_a_file_that_is_not_a_database_is_moved_aside(store):
    path = store.path
    store.close()
    path.write_bytes(b"this is not a database\n" * 200)
    with BookmarkStore.open() as fresh:
        assert fresh.moved_to is not None
        assert re.fullmatch(r"newsreader\.sqlite3\.corrupt-\d{8}-\d{6}(-\d+)?", fresh.moved_to.name)
        assert fresh.moved_to.read_bytes().startswith(b"this is not a database")
        assert str(fresh.moved_to) in fresh.notice and str(path) in fresh.notice
        assert fresh.count() == 0
        fresh.add(article(), 0, 0)
        assert fresh.count() == 1
    with BookmarkStore.open() as again:  # and the next open is quiet
        assert again.notice is None and again.count() == 1


def test_a_store_failing_its_integrity_check_is_moved_aside(store):
    a = article(paragraphs=[f"Đoạn văn số {i}. " * 30 for i in range(400)])
    for i in range(400):
        store.add(a, i, i)
    path = store.path
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    for offset in range(2 * page, len(data) - page, page * 3):
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with BookmarkStore.open() as fresh:
        assert fresh.moved_to is not None and fresh.moved_to.exists()
        assert "moved to" in fresh.notice
        assert fresh.count() == 0
    names = [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert names and all(n.startswith("newsreader.sqlite3.corrupt-") for n in names)


def _read_only_dir_really(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_text("x")
    except OSError:
        return True
    probe.unlink()
    return False


def test_a_read_only_data_dir_is_a_clear_error_and_reading_still_works(store):
    store.add(article(), 1, 1, note="vẫn đọc được")
    folder = store.path.parent
    store.close()
    folder.chmod(0o500)
    try:
        if not _read_only_dir_really(folder):
            pytest.skip("running as root: a read-only folder is still writable")
        with pytest.raises(StoreReadOnly) as info:
            BookmarkStore.open()
        assert str(folder) in str(info.value) and "read-only" in str(info.value)
        with BookmarkStore.open(read_only=True) as reading:
            assert [b.note for b in reading.bookmarks()] == ["vẫn đọc được"]
            with pytest.raises(StoreReadOnly):
                reading.add(article(), 0, 0)
    finally:
        folder.chmod(0o700)


def test_read_only_is_reported_by_folder_even_as_root(store, monkeypatch):
    """The same path through os.access, so it runs where chmod cannot stop root."""
    store.add(article(), 1, 1, note="vẫn đọc được")
    folder = store.path.parent
    store.close()
    real_access = os.access
    monkeypatch.setattr(
        bm.os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode)
    )
    with pytest.raises(StoreReadOnly) as info:
        BookmarkStore.open()
    assert info.value.path == folder / "newsreader.sqlite3"
    assert str(folder) in str(info.value)
    with BookmarkStore.open(read_only=True) as reading:
        assert reading.read_only and [b.note for b in reading.bookmarks()] == ["vẫn đọc được"]
        with pytest.raises(StoreReadOnly):
            reading.set_note(reading.bookmarks()[0].id, "x")
        assert reanchor_all(reading, {}.get)[0].orphaned  # in memory only


def test_read_only_without_a_file_is_an_empty_store(tmp_path):
    with BookmarkStore.open(tmp_path / "none" / "x.sqlite3", read_only=True) as reading:
        assert reading.bookmarks() == [] and reading.reading_state() == ReadingState()


# --- re-anchoring ----------------------------------------------------------------------
def test_unchanged_article_keeps_its_anchor(store):
    a = article()
    b = store.add(a, 2, 3)
    assert locate(b, a).how == "same"
    assert reanchor_all(store, {a.id: a}.get) == [b]


def test_paragraph_inserted_above_moves_the_range(store):
    b = store.add(article(), 2, 3, note="n")
    edited = article(["Một đoạn mới được chèn vào đầu bài.", *PARAGRAPHS])
    (moved,) = reanchor_all(store, {edited.id: edited}.get)
    assert (moved.first, moved.last, moved.status) == (3, 4, "ok")
    assert store.get(b.id).first == 3 and store.get(b.id).quote == b.quote
    assert store.marked_paragraphs(edited.id) == {3, 4}


def test_passage_edited_slightly_is_found_by_similarity(store):
    b = store.add(article(), 2, 2)
    changed = list(PARAGRAPHS)
    changed[2] = changed[2].replace("quan trọng", "rất quan trọng")
    changed.insert(0, "Tin mới.")
    edited = article(changed)
    anchor = locate(b, edited)
    assert (anchor.how, anchor.first, anchor.last) == ("fuzzy", 3, 3) and anchor.score >= 85
    (after,) = reanchor_article(store, edited)
    assert (after.first, after.status, after.quote) == (3, "ok", PARAGRAPHS[2])


def test_article_deleted_or_rewritten_orphans_the_bookmark(store):
    a = article()
    b = store.add(a, 1, 1, note="còn giữ")
    (gone,) = reanchor_all(store, {}.get)
    assert gone.status == "orphaned" and gone.quote == PARAGRAPHS[1] and gone.note == "còn giữ"
    assert store.get(b.id).orphaned and store.get(b.id).title == a.title
    assert store.marked_paragraphs(a.id) == set()
    rewritten = article(["Hoàn toàn khác.", "Không còn gì giống như trước nữa cả."])
    assert locate(b, rewritten).how == "orphaned"
    (back,) = reanchor_all(store, {a.id: a}.get)  # the article came back
    assert (back.first, back.status) == (1, "ok")


def test_a_repeated_passage_goes_to_the_copy_nearest_its_old_neighbours(store):
    paragraphs = ["Mở đầu.", "Toàn cảnh Hội nghị.", "Giữa bài.", "Kết luận.", "Toàn cảnh Hội nghị."]
    b = store.add(article(paragraphs), 4, 4)
    edited = article(["Thêm.", *paragraphs])
    assert (locate(b, edited).first, locate(b, edited).how) == (5, "moved")


def test_a_split_paragraph_is_found_with_one_more_paragraph(store):
    b = store.add(article(), 2, 2)
    head, tail = PARAGRAPHS[2].split(" là ", 1)
    edited = article([*PARAGRAPHS[:2], head, "là " + tail, *PARAGRAPHS[3:]])
    anchor = locate(b, edited)
    assert (anchor.first, anchor.last, anchor.status) == (2, 3, "ok")
