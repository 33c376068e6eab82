"""Many bookmarks (issue 10, item 15): the import is read as a stream and written in batches,
listings and exports are read one article at a time and written as they go. These tests
check that the streamed paths give what the whole-file paths gave; speed and memory are
measured by benchmarks/bookmarks.py, not here."""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsreader.cli import main
from newsreader.core import export
from newsreader.core.export import (
    ImportFormatError,
    _JsonReader,
    json_chunks,
    read_export,
    safe_bookmark,
)
from newsreader.core.library import Library
from newsreader.core.store.bookmarks import Bookmark, BookmarkStore

A000 = "000_74aa4278611824f9.txt"
A002 = "002_585a4bc561e6506a.txt"


def _entry(n: int, article: str = "a.txt", *, note: str | None = None, updated: str = "") -> dict:
    return {
        "article_id": article,
        "first": n % 7,
        "last": n % 7 + n % 2,
        "quote": f"Đoạn trích số {n % 50}: Chỉ thị 39-CT/TW \x1b[2J ‮",
        "note": note if note is not None else f"ghi chú {n}",
        "created": "2024-01-01T00:00:00Z",
        "updated": updated or "2024-01-01T00:00:00Z",
        "title": f"Bài {article}",
        "path": article,
        "year": 2019,
        "id": n,
    }


def _export(entries: list[dict], **head: object) -> bytes:
    document = {"format": "newsreader.bookmarks", "version": 1, **head, "bookmarks": entries}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _whole_file(data: bytes) -> list[Bookmark]:
    """What the import read before it streamed: json.loads of the whole file."""
    items = json.loads(data.decode("utf-8-sig"))["bookmarks"]
    return [safe_bookmark(Bookmark.from_json(item)) for item in items]


def _rows(store: BookmarkStore) -> list[tuple]:
    return store.db.execute("SELECT * FROM bookmarks ORDER BY id").fetchall()


def test_a_streamed_import_gives_the_same_store_as_the_whole_file(monkeypatch):
    """3,000 bookmarks (repeated passages, later notes for some) read 7 bytes at a time, so
    values, numbers and multi-byte letters are cut at every place, and inserted in batches:
    the store holds exactly what merging the whole file's list gave."""
    monkeypatch.setattr(_JsonReader, "CHUNK", 7)
    monkeypatch.setattr("newsreader.core.store.bookmarks.MERGE_BATCH", 64)
    entries = [_entry(n, f"bai-{n % 13}.txt") for n in range(3000)]
    # The same passage again, with a newer note: it updates the one added just before.
    entries += [
        _entry(n, f"bai-{n % 13}.txt", note=f"mới {n}", updated="2025-01-01T00:00:00Z")
        for n in range(0, 3000, 97)
    ]
    entries += [_entry(n, f"bai-{n % 13}.txt") for n in range(0, 3000, 89)]  # already there
    data = b"\xef\xbb\xbf" + _export(entries)  # with a BOM, as some editors save it
    with BookmarkStore.open(":memory:") as streamed, BookmarkStore.open(":memory:") as whole:
        got = streamed.merge(read_export(io.BytesIO(data)), clean=False)
        expected = whole.merge(_whole_file(data))
        assert got == expected and got.added > 0 and got.updated > 0 and got.unchanged > 0
        assert _rows(streamed) == _rows(whole)
        # Cleaned on the way in, as before: no escape or bidi override is stored.
        assert not any("\x1b" in str(v) or "\u202e" in str(v) for r in _rows(streamed) for v in r)


@given(
    chunk=st.integers(1, 40),
    count=st.integers(0, 6),
    before=st.booleans(),
    extra=st.dictionaries(st.sampled_from(["exported_at", "x", "bookmarks_count"]), st.integers()),
)
def test_read_export_reads_what_json_loads_reads(chunk, count, before, extra):
    """Any chunk size, the header before or after the list, other keys anywhere."""
    entries = [_entry(n) for n in range(count)]
    if before:  # the list first, then the format and version
        document = {"bookmarks": entries, **extra, "format": "newsreader.bookmarks", "version": 1}
        data = json.dumps(document, ensure_ascii=False).encode()
    else:
        data = _export(entries, **extra)
    old = _JsonReader.CHUNK
    _JsonReader.CHUNK = chunk
    try:
        got = list(read_export(io.BytesIO(data)))
    finally:
        _JsonReader.CHUNK = old
    assert got == _whole_file(data)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "not JSON"),
        (b'{"format": "newsreader.bookmarks", "version": 1, "bookmarks": []} x', "not JSON"),
        (b'{"format": "newsreader.bookmarks", "version": 1, "bookmarks": [{}', "not JSON"),
        (
            b'{"bookmarks": [{"article_id": 1}], "format": "other", "version": 1}',
            "not a newsreader",
        ),
        (
            b'{"bookmarks": [{"article_id": 1}], "format": "newsreader.bookmarks", "version": 1}',
            "bookmark 1:",
        ),
        (b'{"format": "newsreader.bookmarks", "version": 1, "bookmarks": {}}', "no bookmarks list"),
        (
            b'{"format": "newsreader.bookmarks", "version": 1, "x": ' + b"[" * 50_000,
            "nested too deeply",
        ),
        (b'{"format": "newsreader.bookmarks", "version": 1, "bookmarks": ["\xff"]}', "not UTF-8"),
    ],
)
def test_a_streamed_import_says_what_is_wrong(data, message):
    with pytest.raises(ImportFormatError, match=message):
        list(read_export(io.BytesIO(data)))


def test_a_file_found_not_to_be_an_export_at_its_end_adds_nothing(tmp_path, capsys):
    """The list comes first and the format last: the bookmarks read before the bad format
    was seen are rolled back with the rest."""
    document = {"bookmarks": [_entry(n) for n in range(2500)], "format": "other", "version": 1}
    path = tmp_path / "late.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["import", str(path)]) == 2
    assert "not a newsreader bookmarks export" in capsys.readouterr().err
    with Library.for_corpus(None) as library:
        assert library.bookmark_counts(all_corpora=True) == (0, 0)


def _library_with_bookmarks(tmp_path, seeds_dir) -> Library:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    library = Library(corpus)
    library.refresh()
    for article_id in (A002, A000):
        article = library.article(article_id)
        assert article is not None
        for first in range(0, min(6, len(article.paragraphs))):
            library.add_bookmark(article, first, first, note=f"ghi chú {first}")
    entries = [_entry(n, "mat-roi.txt") for n in range(3)]  # an article not in the corpus
    library.import_bookmarks(_export(entries))
    return library


def _bookmarks_json(capsys, *argv: str) -> str:
    assert main(["bookmarks", "--json", *argv]) == 0
    return capsys.readouterr().out


def test_streamed_listings_print_what_the_whole_list_printed(tmp_path, seeds_dir, capsys):
    """`bookmarks --json` is json.dumps(indent=2) of the whole list, `bookmarks` the text
    format of it, for the corpus, one article and --all."""
    from newsreader.cli_format import format_bookmarks
    from newsreader.core.export import bookmark_entry

    library = _library_with_bookmarks(tmp_path, seeds_dir)
    corpus = str(library.root)
    for scope in ([], ["--article", A000], ["--all"]):
        listed = library.bookmarks(
            scope[1] if scope[:1] == ["--article"] else None, all_corpora=scope == ["--all"]
        )
        assert listed
        out = _bookmarks_json(capsys, "--corpus", corpus, *scope)
        assert (
            out
            == json.dumps(
                {"bookmarks": [bookmark_entry(b) for b in listed]}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
        assert main(["bookmarks", "--corpus", corpus, *scope]) == 0
        assert capsys.readouterr().out == format_bookmarks(listed)
    library.close()


@pytest.mark.parametrize("fmt", ["md", "txt", "json"])
def test_streamed_exports_write_what_the_whole_list_rendered(tmp_path, seeds_dir, capsys, fmt):
    library = _library_with_bookmarks(tmp_path, seeds_dir)
    expected = export.render(fmt, library.bookmarks())
    target = tmp_path / f"out.{fmt}"
    assert main(["export", "--corpus", str(library.root), "-o", str(target)]) == 0
    assert main(["export", "--corpus", str(library.root), "-o", "-", "--format", fmt]) == 0
    stamp = re.compile(r"(Exported from newsreader on |\"exported_at\": )[^\n]*")
    written = stamp.sub("", target.read_text(encoding="utf-8"))
    assert written == stamp.sub("", expected)
    assert stamp.sub("", capsys.readouterr().out) == stamp.sub("", expected)
    library.close()


def test_json_chunks_are_json_dumps_of_the_whole_document():
    bookmarks = [safe_bookmark(Bookmark.from_json(_entry(n, f"b{n % 3}.txt"))) for n in range(9)]
    groups = export.group_by_article(bookmarks)
    flat = [b for group in groups for b in group]
    at = "2024-05-01T00:00:00Z"
    assert "".join(json_chunks(groups, at)) == export.to_json(flat, exported_at=at)
    assert "".join(json_chunks([], at)) == export.to_json([], exported_at=at)


def test_a_version_2_stream_counts_paragraphs_from_1_wherever_its_version_is():
    """Version 2 writes ¶ numbers (from 1): read back as the same 0-based passages, whether
    the header comes before the list (as newsreader writes it) or after it."""
    from newsreader.core.export import read_export

    entries = [_entry(n) for n in range(40)]
    numbered = [{**e, "first": e["first"] + 1, "last": e["last"] + 1} for e in entries]
    expected = _whole_file(_export(entries))
    header_first = _export(numbered, version=2)
    list_first = json.dumps(
        {"bookmarks": numbered, "format": "newsreader.bookmarks", "version": 2}
    ).encode("utf-8")
    for data in (header_first, list_first):
        assert list(read_export(io.BytesIO(data))) == expected


class _NotPlainDict(dict):
    """A dict from_json takes the long way for (its quick check wants a plain dict)."""


_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-1, max_value=9),  # around the entry's range, ¶4-5
    st.integers(min_value=-(2**64), max_value=2**64),
    st.sampled_from([0, 1, 2, -1, 2**63 - 1, 2**63, -(2**63), -(2**63) + 1]),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.sampled_from(["ok", "orphaned", "gone"]),
    st.lists(st.integers(), max_size=1),
)


@settings(max_examples=400)
@example(changes={"year": 2**63}, dropped=[])
@example(changes={"id": -(2**63)}, dropped=[])
@example(changes={"paragraph_count": 2**63 - 1, "first": 5}, dropped=[])
@example(changes={"status": "gone"}, dropped=["title"])
@given(
    changes=st.dictionaries(
        st.sampled_from([*Bookmark.__dataclass_fields__, "other"]), _ODD_VALUES, max_size=4
    ),
    dropped=st.lists(st.sampled_from(list(Bookmark.__dataclass_fields__)), max_size=2),
)
def test_the_quick_check_of_an_entry_agrees_with_the_field_by_field_one(changes, dropped):
    """from_json checks a plain dict in a few C-level steps: whatever the entry holds, it
    gives the bookmark, or the error, that the field-by-field checks give."""
    entry = {**_entry(3), "published": "2019-05-01", "paragraph_count": 9, "status": "ok"}
    entry.update(changes)
    for name in dropped:
        entry.pop(name, None)

    def outcome(data: dict) -> object:
        try:
            return Bookmark.from_json(data)
        except (TypeError, ValueError) as exc:
            return (type(exc), str(exc))

    assert outcome(entry) == outcome(_NotPlainDict(entry))


_SCALAR = st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none())


@given(
    item=st.dictionaries(_SCALAR, st.one_of(_SCALAR, st.lists(_SCALAR, max_size=2))),
    margin=st.sampled_from(["", "    "]),
)
def test_a_flat_entry_is_written_as_json_dumps_indents_it(item, margin):
    """The C encoder writes a flat entry (its line breaks and indent as separators): the
    very text json.dumps(indent=2) gives, keys of any kind and nested values included."""
    expected = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + margin)
    assert export._indented(item, margin) == expected


_STORED_PIECES = st.sampled_from(
    ["bảo vệ", "\\", "u001b", "\\u001b", "\\u00e9", "\x1b", "\u202e", "\n", "\t", "\x85", "ok"]
)


@settings(max_examples=300)
@example(row=["quote \\", "\\u001b[2J", 3])  # joined, the escape would hide behind a \\
@given(
    row=st.lists(
        st.one_of(st.lists(_STORED_PIECES, max_size=4).map("".join), st.integers(), st.none()),
        max_size=6,
    )
)
def test_a_stored_row_is_cleaned_as_each_of_its_strings_would_be(row):
    """The store's and the cache's rows are cleaned with one look at all of a row's
    strings: the same as cleaning each (a JSON escape split over two columns included)."""
    from newsreader.core.library import _clean_stored, _clean_stored_row

    expected = tuple(_clean_stored(v) if isinstance(v, str) else v for v in row)
    assert _clean_stored_row(None, tuple(row)) == expected
