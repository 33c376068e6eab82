"""Export formats (golden files), JSON round trip and import, file names, and the CLI."""

import json
import os
import re
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader import locations
from newsreader.cli import main
from newsreader.core import export
from newsreader.core.export import (
    ImportFormatError,
    citation,
    import_json,
    parse_export,
    path_in_folder,
    render,
    sanitize_filename,
    write_export,
)
from newsreader.core.store.bookmarks import Bookmark, BookmarkStore

GOLDEN = Path(__file__).resolve().parent / "golden"
EXPORTED_AT = "2024-05-01T12:00:00Z"
A000 = "000_74aa4278611824f9.txt"
A002 = "002_585a4bc561e6506a.txt"


def sample() -> list[Bookmark]:
    """Two articles, three passages: a note with markup, a two-paragraph passage, an orphan
    whose article has no published date."""
    common = dict(
        article_id="2019/so-ket-chi-thi-39.txt",
        path="2019/so-ket-chi-thi-39.txt",
        title="Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị về tăng cường công tác bảo vệ chính trị nội bộ",
        published="2019-11-04T08:10",
        year=2019,
        year_source="published",
        directive="39-CT/TW",
        paragraph_count=11,
    )
    return [
        Bookmark(
            **common,
            first=2,
            last=3,
            quote="Nhận thức rõ nhiệm vụ công tác bảo vệ chính trị nội bộ là một nội dung quan trọng của công tác xây dựng Đảng, các cấp ủy đã quán triệt nghiêm túc Chỉ thị 39-CT/TW.\n\nViệc kiểm tra, giám sát về công tác cán bộ đã được các cấp ủy thực hiện.",
            note="Xem lại phần [bold]kiểm tra[/] — so với năm 2024.\nDòng thứ hai của ghi chú.",
            created="2024-04-30T08:00:00Z",
            updated="2024-04-30T08:05:00Z",
            id=1,
        ),
        Bookmark(
            **common,
            first=0,
            last=0,
            quote="Sáng 31/10, tại Hà Nội, Đảng ủy Khối Doanh nghiệp Trung ương tổ chức hội nghị sơ kết.",
            created="2024-04-30T08:10:00Z",
            updated="2024-04-30T08:10:00Z",
            id=2,
        ),
        Bookmark(
            article_id="tong-ket.json#0",
            path="tong-ket.json",
            title="Tổng kết 10 năm thực hiện Chỉ thị số 39-CT/TW",
            published=None,
            year=2024,
            year_source="inferred",
            directive="39-CT/TW",
            first=4,
            last=4,
            quote="Qua 10 năm thực hiện, công tác bảo vệ chính trị nội bộ có nhiều chuyển biến tích cực.",
            note="Bài đã bị xoá khỏi kho.",
            created="2024-04-30T09:00:00Z",
            updated="2024-04-30T09:00:00Z",
            status="orphaned",
            paragraph_count=9,
            id=3,
        ),
    ]


@pytest.mark.parametrize("fmt", ["md", "json", "txt"])
def test_export_matches_the_golden_file(fmt):
    text = render(fmt, sample(), exported_at=EXPORTED_AT)
    golden = GOLDEN / f"bookmarks.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)


def test_markdown_has_sections_quotes_notes_and_citations():
    text = render("md", sample(), exported_at=EXPORTED_AT)
    assert text.count("\n## ") == 2
    assert "- Published: 04/11/2019 08:10" in text and "- Year: 2024 (inferred)" in text
    assert "- Directive: Chỉ thị 39-CT/TW" in text
    assert "- Source: 2019/so-ket-chi-thi-39.txt" in text
    assert "### ¶3–4" in text and "> Việc kiểm tra" in text
    assert "Note: Xem lại phần [bold]kiểm tra[/]" in text  # markup stays literal
    assert (
        "— Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị về tăng cường công tác bảo vệ "
        "chính trị nội bộ, Published 04/11/2019, ¶3–4, 2019/so-ket-chi-thi-39.txt"
    ) in text
    assert (
        "— Tổng kết 10 năm thực hiện Chỉ thị số 39-CT/TW, 2024 (inferred), ¶5, tong-ket.json"
        in text
    )
    assert "Not found in the article's current text" in text


def test_text_is_wrapped_at_80_columns_on_spaces():
    text = render("txt", sample(), exported_at=EXPORTED_AT)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = set(" ".join(b.quote for b in sample()).split())
    assert "39-CT/TW." in words and all(w in text.split() for w in words)  # no word cut


def test_json_export_has_every_stored_field():
    data = json.loads(render("json", sample(), exported_at=EXPORTED_AT))
    assert data["format"] == "newsreader.bookmarks" and data["version"] == 2
    assert data["exported_at"] == EXPORTED_AT
    assert parse_export(data) == sample()


def test_json_export_counts_paragraphs_from_one_as_the_reader_does():
    bookmarks = sample()
    data = json.loads(render("json", bookmarks, exported_at=EXPORTED_AT))
    for entry, bookmark in zip(data["bookmarks"], bookmarks, strict=True):
        assert (entry["first"], entry["last"]) == (bookmark.first + 1, bookmark.last + 1)
        assert bookmark.label == f"¶{entry['first']}" or bookmark.label.startswith(
            f"¶{entry['first']}–"
        )


def test_a_version_1_export_is_read_as_0_based():
    entry = {"article_id": "a", "quote": "q", "first": 0, "last": 2}
    (bookmark,) = parse_export(
        {"format": "newsreader.bookmarks", "version": 1, "bookmarks": [entry]}
    )
    assert (bookmark.first, bookmark.last, bookmark.label) == (0, 2, "¶1–3")


def test_a_version_2_export_is_read_as_paragraph_numbers():
    entry = {"article_id": "a", "quote": "q", "first": 1, "last": 3}
    (bookmark,) = parse_export(
        {"format": "newsreader.bookmarks", "version": 2, "bookmarks": [entry]}
    )
    assert (bookmark.first, bookmark.last, bookmark.label) == (0, 2, "¶1–3")


def test_version_1_and_2_exports_of_the_same_bookmarks_import_as_the_same_passages():
    old = {
        "format": "newsreader.bookmarks",
        "version": 1,
        "bookmarks": [b.to_json() for b in sample()],  # how version 1 wrote them
    }
    with BookmarkStore.open(":memory:") as store:
        assert import_json(store, old) == (3, 0, 0)
        assert import_json(store, render("json", sample())) == (0, 0, 3)
        again = render("json", store.bookmarks())
        assert import_json(store, again) == (0, 0, 3)
        assert sorted((b.first, b.last) for b in store.bookmarks()) == sorted(
            (b.first, b.last) for b in sample()
        )


def test_non_nfc_input_is_exported_nfc():
    b = sample()[1]
    b.quote = unicodedata.normalize("NFD", b.quote)
    b.title = unicodedata.normalize("NFD", b.title)
    for fmt in ("md", "txt"):
        assert unicodedata.is_normalized("NFC", render(fmt, [b], exported_at=EXPORTED_AT))


def test_import_merges_without_duplicates_and_keeps_the_newer_note():
    with BookmarkStore.open(":memory:") as store:
        assert import_json(store, render("json", sample())) == (3, 0, 0)
        assert import_json(store, render("json", sample())) == (0, 0, 3)
        newer = sample()
        newer[0].note = "Ghi chú mới hơn"
        newer[0].updated = "2024-06-01T00:00:00Z"
        older = sample()
        older[1].note = "cũ hơn"
        older[1].updated = "2024-01-01T00:00:00Z"
        assert import_json(store, export.to_json([newer[0], older[1]])) == (0, 1, 1)
        notes = {b.first: b.note for b in store.bookmarks()}
        assert notes[2] == "Ghi chú mới hơn" and notes[0] is None
        assert store.count() == 3


@pytest.mark.parametrize(
    "data, message",
    [
        ("not json", "not JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        ("[]", "not a newsreader bookmarks export"),
        ('{"format": "newsreader.bookmarks", "version": 3, "bookmarks": []}', "newer"),
        (
            '{"format": "newsreader.bookmarks", "version": 2, "bookmarks": '
            '[{"article_id": "a", "quote": "q", "first": 0, "last": 1}]}',
            "paragraph number",
        ),
        ('{"format": "newsreader.bookmarks", "version": 1}', "no bookmarks list"),
        (
            '{"format": "newsreader.bookmarks", "version": 1, "bookmarks": [{"article_id": 1}]}',
            "bookmark 1:",
        ),
        (
            '{"format": "newsreader.bookmarks", "version": 1, "bookmarks": '
            '[{"article_id": "a", "quote": "q", "first": 3, "last": 1}]}',
            "first after last",
        ),
    ],
)
def test_bad_imports_say_what_is_wrong(data, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_export(data)


any_text = st.text(max_size=200) | st.sampled_from(
    [
        "[bold]x[/]",
        "[link=file:///etc/passwd]a[/link]",
        "Chỉ thị 39-CT/TW",
        "Nguyễn Phú Trọng\n\nhai",
    ]
)


@given(
    st.lists(
        st.tuples(any_text, st.none() | any_text, st.integers(0, 50), st.integers(0, 3)),
        max_size=6,
    )
)
def test_json_round_trip_is_identity(items):
    with BookmarkStore.open(":memory:") as first:
        first.merge(
            [
                Bookmark(
                    article_id=f"a{i % 2}.txt",
                    first=start,
                    last=start + extra,
                    quote=quote,
                    note=note,
                    title="Tiêu đề " + quote[:10],
                    path=f"a{i % 2}.txt",
                    created="2024-01-01T00:00:00Z",
                    updated="2024-01-01T00:00:00Z",
                )
                for i, (quote, note, start, extra) in enumerate(items)
            ]
        )
        exported = export.to_json(first.bookmarks(), exported_at=EXPORTED_AT)
    with BookmarkStore.open(":memory:") as second:
        import_json(second, exported)
        again = export.to_json(second.bookmarks(), exported_at=EXPORTED_AT)

    def without_ids(text):
        data = json.loads(text)
        for b in data["bookmarks"]:
            b.pop("id")
        return data

    assert without_ids(again) == without_ids(exported)


@given(st.text(max_size=400))
def test_sanitised_names_are_safe(title):
    name = sanitize_filename(title)
    assert name and len(name) <= 80
    assert "/" not in name and "\\" not in name and "\0" not in name
    assert not name.startswith(".") and not name.startswith("-")
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") for ch in name)
    assert not any(ch.isspace() for ch in name)
    assert len(name.encode("utf-8")) < 255
    assert path_in_folder(Path("/tmp/exports"), name + ".md").parent == Path("/tmp/exports")


def test_sanitised_names_keep_vietnamese():
    assert sanitize_filename("Chỉ thị 39-CT/TW: Bảo vệ chính trị nội bộ") == (
        "Chỉ-thị-39-CT-TW-Bảo-vệ-chính-trị-nội-bộ"
    )
    assert sanitize_filename("../../.bashrc") == "bashrc"
    assert sanitize_filename("...") == "bookmarks"
    assert sanitize_filename("NUL") == "NUL-"
    when = datetime(2024, 5, 1, 12, 30, 5)
    assert export.article_export_name("Tổng kết / 10 năm", "txt", now=when) == (
        "newsreader-Tổng-kết-10-năm-20240501-123005.txt"
    )


def test_export_paths_stay_in_their_folder(tmp_path, monkeypatch):
    for bad in ["../x.md", "..", "a/b.md", "", "x\0.md"]:
        with pytest.raises(ValueError):
            path_in_folder(tmp_path, bad)
    (tmp_path / "link").symlink_to(tmp_path.parent)
    with pytest.raises(ValueError):
        path_in_folder(tmp_path, "link")
    monkeypatch.setattr(locations, "documents_dir", lambda: tmp_path / "Documents")
    path = export.default_export_path("md", now=datetime(2024, 5, 1, 12, 30, 5))
    assert path == tmp_path / "Documents" / "newsreader-20240501-123005.md"


def test_writing_never_replaces_a_file_without_force(tmp_path):
    path = tmp_path / "out" / "b.md"
    write_export(path, "một")
    with pytest.raises(FileExistsError):
        write_export(path, "hai")
    assert path.read_text(encoding="utf-8") == "một"
    write_export(path, "hai", force=True)
    assert path.read_text(encoding="utf-8") == "hai"
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.md"]  # no temp files left


def test_citation_of_a_passage():
    assert citation(sample()[1]).endswith("Published 04/11/2019, ¶1, 2019/so-ket-chi-thi-39.txt")
    assert export.passage_with_citation(sample()[1]).startswith("Sáng 31/10")


# --- CLI ---------------------------------------------------------------------------------
def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_list_remove(capsys):
    code, out, err = run(capsys, "bookmark", "add", A000, "--paragraph", "2-3", "--note", "ghi chú")
    assert code == 0, err
    assert out.startswith("bookmarked: #1 ¶2–3 of Sơ kết 5 năm")
    code, out, _ = run(capsys, "bookmark", "add", A000, "-p", "2–3")
    assert code == 0 and out.startswith("already bookmarked: #1")
    code, out, _ = run(capsys, "bookmark", "add", A002, "-p", "1", "--json")
    data = json.loads(out)
    assert (data["id"], data["first"], data["last"], data["article_id"]) == (2, 1, 1, A002)
    code, out, _ = run(capsys, "bookmarks")
    assert code == 0
    assert "  #1  ¶2–3  " in out and "Note: ghi chú" in out and "  #2  ¶1  " in out
    code, out, _ = run(capsys, "bookmarks", "--json", "--article", A002)
    assert [b["id"] for b in json.loads(out)["bookmarks"]] == [2]
    code, out, _ = run(capsys, "bookmark", "rm", "1")
    assert code == 0 and out.startswith("removed: #1 ¶2–3")
    code, out, _ = run(capsys, "bookmarks", "--json")
    assert [b["id"] for b in json.loads(out)["bookmarks"]] == [2]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["bookmark"], "required: ACTION"),
        (["bookmark", "add", A000], "required: --paragraph"),
        (["bookmark", "add", A000, "-p", "0"], "numbered from 1"),
        (["bookmark", "add", A000, "-p", "3-2"], "ends before it starts"),
        (["bookmark", "add", A000, "-p", "x"], "not a paragraph"),
        (["bookmark", "add", A000, "-p", "99"], "¶99 is not a passage"),
        (["bookmark", "add", "nope.txt", "-p", "1"], "no article with id 'nope.txt'"),
        (["bookmark", "rm", "7"], "no bookmark with id 7"),
        (["bookmark", "rm", "x"], "not a number"),
        (["export", "--format", "pdf"], "invalid choice"),
        (["export", "--article", "nope.txt", "-o", "-"], "no article with id"),
        (["import", "/nonexistent/x.json"], "no such file"),
    ],
)
def test_cli_usage_errors_are_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_cli_export_to_stdout_file_and_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(locations, "documents_dir", lambda: tmp_path / "Documents")
    run(capsys, "bookmark", "add", A000, "-p", "1", "--note", "[bold]x[/]")
    code, out, err = run(capsys, "export", "-o", "-")
    assert code == 0 and out.startswith("# Bookmarks") and "Note: [bold]x[/]" in out
    code, out, err = run(capsys, "export", "--format", "txt", "-o", "-", "--article", A000)
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, err = run(capsys, "export")
    (written,) = (tmp_path / "Documents").iterdir()
    assert code == 0 and re.fullmatch(r"newsreader-\d{8}-\d{6}\.md", written.name)
    assert str(written) in err and "exported 1 passage from 1 article" in err
    target = tmp_path / "out.json"
    code, _, err = run(capsys, "export", "-o", str(target))  # format from the suffix
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["version"] == 2
    code, _, err = run(capsys, "export", "-o", str(target))
    assert code == 1 and "already exists; use --force" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export", "-o", str(target), "--format", "md", "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# Bookmarks")
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _, _ = run(capsys, "export", "-o", str(folder), "--format", "txt")
    assert code == 0 and [p.suffix for p in folder.iterdir()] == [".txt"]


def test_cli_import_round_trip(capsys, tmp_path):
    run(capsys, "bookmark", "add", A000, "-p", "4", "--note", "một")
    run(capsys, "bookmark", "add", A002, "-p", "2-3")
    dump = tmp_path / "b.json"
    run(capsys, "export", "--format", "json", "-o", str(dump))
    code, out, _ = run(capsys, "import", str(dump))
    assert code == 0 and out.startswith(
        "imported 0 new bookmarks (0 notes updated, 2 already there)"
    )
    run(capsys, "bookmark", "rm", "1")
    code, out, _ = run(capsys, "import", str(dump))
    assert code == 0 and out.startswith("imported 1 new bookmark ")
    _, out, _ = run(capsys, "bookmarks", "--json")
    assert sorted(b["note"] or "" for b in json.loads(out)["bookmarks"]) == ["", "một"]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    code, _, err = run(capsys, "import", str(bad))
    assert code == 2 and "not a newsreader bookmarks export" in err


def test_cli_orphans_a_bookmark_whose_article_is_gone(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.txt").write_text("Tiêu đề riêng\n\nĐoạn một.\n\nĐoạn hai.", encoding="utf-8")
    code, _, err = run(capsys, "--corpus", str(corpus), "bookmark", "add", "x.txt", "-p", "2")
    assert code == 0, err
    (corpus / "x.txt").unlink()
    (corpus / "y.txt").write_text("Khác\n\nNội dung khác.", encoding="utf-8")
    code, out, _ = run(capsys, "--corpus", str(corpus), "bookmarks")
    assert "Tiêu đề riêng  (x.txt)" in out and "[orphaned]" in out
    code, out, _ = run(capsys, "--corpus", str(corpus), "export", "-o", "-")
    assert "## Tiêu đề riêng" in out and "> Đoạn hai." in out


def test_cli_read_only_store_writes_fail_with_exit_1_and_reads_work(capsys, monkeypatch):
    from newsreader.core.store import bookmarks as bm

    run(capsys, "bookmark", "add", A000, "-p", "1")
    folder = locations.data_dir()
    real_access = os.access
    monkeypatch.setattr(
        bm.os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode)
    )
    code, out, err = run(capsys, "bookmark", "add", A000, "-p", "2")
    assert code == 1 and out == "" and "read-only" in err and str(folder) in err
    assert err.count("\n") == 1
    code, out, err = run(capsys, "bookmarks", "--json")
    assert code == 0 and len(json.loads(out)["bookmarks"]) == 1 and "read-only" in err


def test_cli_corrupt_store_is_reported(capsys):
    folder = locations.data_dir()
    folder.mkdir(parents=True)
    (folder / "newsreader.sqlite3").write_bytes(b"garbage" * 100)
    code, out, err = run(capsys, "bookmarks", "--json")
    assert code == 0 and json.loads(out) == {"bookmarks": []}
    assert "moved to" in err and ".corrupt-" in err
