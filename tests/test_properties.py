"""Property tests of the hardening promises (issue 6). The hypothesis profile sets how hard
they run: 1,000 examples each with CI set (tests/conftest.py), 100 otherwise.

Kept elsewhere, next to what they test, and run under the same profile:
- folding keeps the length and is idempotent: test_fold.py
- every entity's offsets index its text: test_analysis.py
- search answers any query with offsets inside the text: test_search.py
- clean_text output is NFC, control- and bidi-free; decode_bytes raises only DecodeError:
  test_textclean.py
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from hostile import unsafe
from newsreader.core import export
from newsreader.core.corpus.load import load_corpus
from newsreader.core.corpus.loader import display_path, shown_name
from newsreader.core.library import Library
from newsreader.core.store.bookmarks import Bookmark
from newsreader.core.text.clean import clean_line, clean_text

SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".TXT", ".markdown", ".html", ".pdf", ""]
MARKUP = [
    "[bold]",
    "[/]",
    "[/bold]",
    "[bold red on white]",
    "[link=https://example.org]",
    "[@click=app.quit]",
    "\\[",
    "[[",
    "]",
    "[i]",
    ":smile:",
    "\x1b[31m",
    "\x1b]52;c;eA==\x07",
    "\u202e",
    "Chỉ thị 39-CT/TW",
    "Lê Văn Châu",
]


# Any code point, surrogates included: JSON escapes and non-UTF-8 argv reach us as those.
any_char = st.characters(exclude_categories=())
any_text = st.text(any_char, max_size=40)
markupish = st.lists(st.sampled_from(MARKUP) | st.text(max_size=6), max_size=8).map("".join)

# --- the loader on arbitrary bytes and names ----------------------------------------------
file_name = (
    st.tuples(
        st.binary(min_size=1, max_size=16).filter(lambda b: b"/" not in b and b"\0" not in b),
        st.sampled_from(SUFFIXES),
    )
    .map(lambda t: t[0] + t[1].encode())
    .filter(lambda name: name not in (b".", b".."))
)

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)
article_object = st.fixed_dictionaries(
    {},
    optional={
        "title": json_value | any_text,
        "text": json_value | any_text | st.lists(any_text, max_size=3),
        "published": json_value | st.sampled_from(["2024-05-01", "31/10/2019", "2024-13-45"]),
        "source": json_value,
        "author": json_value,
    },
)
file_content = st.one_of(
    st.binary(max_size=300),
    any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda t: t.encode("utf-16")),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.tuples(markupish, markupish, any_text).map(
        lambda t: f"---\ntitle: {t[2]}\n---\n# {t[0]}\n\n{t[1]}".encode("utf-8", "surrogatepass")
    ),
    (article_object | json_value | st.lists(article_object, max_size=3)).map(
        lambda v: json.dumps(v).encode()  # ASCII: every odd character as a \u escape
    ),
)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.dictionaries(file_name, file_content, min_size=1, max_size=4))
def test_the_loader_never_raises_and_accounts_for_every_file(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (Path(os.fsdecode(os.path.join(os.fsencode(root), name)))).write_bytes(data)
        corpus = load_corpus(root)
    loaded = {a.path for a in corpus.articles}
    skipped = [s.path for s in corpus.skipped]
    for name in files:
        if name.startswith(b"."):
            continue  # hidden: ignored
        shown = shown_name(os.fsdecode(name))  # what ids are made of
        # A JSON list's items are skipped one by one, as "name#index".
        assert shown in loaded or any(p == shown or p.startswith(f"{shown}#") for p in skipped)
    for item in [*corpus.skipped, *corpus.warnings]:
        assert item.reason and not unsafe(item.reason) and not unsafe(item.path)
    for article in corpus.articles:
        assert article.title and not unsafe(article.title) and not unsafe(article.id)
        for paragraph in article.paragraphs:
            assert not unsafe(paragraph, "\n\t")
        for value in (*article.people, article.source, article.author, article.byline):
            assert value is None or not unsafe(value)


@given(any_text)
def test_display_path_never_raises_and_prints_safely(name):
    shown = display_path(name)
    assert all(ch.isprintable() or ch == " " for ch in shown)


@given(st.text(any_char, max_size=200))
def test_clean_text_takes_any_code_point(raw):
    out = clean_text(raw)
    assert not unsafe(out, "\n\t")
    out.encode("utf-8")  # storable and printable: no lone surrogate left
    assert clean_text(out) == out


# --- search answers any query, whatever the characters ----------------------------------
@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = tmp_path_factory.mktemp("props-corpus")
    (root / "a.txt").write_text(
        "Bảo vệ chính trị nội bộ [bold]x[/]\n\nĐồng chí Lê Văn Châu dự hội nghị sáng 31/10/2019 "
        "về Chỉ thị 39-CT/TW.\n",
        encoding="utf-8",
    )
    library = Library(root, use_cache=False)
    library.refresh()
    return library


@given(st.text(any_char, max_size=40) | markupish)
def test_search_never_raises_on_any_code_point(searcher, query):
    for hit in searcher.search(query):
        assert 0 <= hit.start <= hit.end <= len(hit.text)


# --- export -> import -> export is the identity; nothing unsafe survives ----------------
# Arbitrary text where text comes from elsewhere (article text, notes, imports); the fields
# the store fills itself are drawn from a few values, which keeps 1,000 examples quick.
short_text = st.text(any_char, max_size=12)
bookmarks = st.lists(
    st.builds(
        Bookmark,
        article_id=short_text,
        first=st.integers(0, 20),
        last=st.just(20),
        quote=any_text | markupish,
        note=st.none() | any_text | markupish,
        created=st.sampled_from(["2024-01-01T00:00:00Z", "2024-06-30T23:59:59Z"]),
        updated=st.sampled_from(["2024-01-01T00:00:00Z", ""]),
        title=short_text | markupish,
        published=st.sampled_from([None, "2024-05-01", "2024-05-01T08:10", "\x1b[2J"]),
        year=st.none() | st.integers(1900, 2100),
        year_source=st.none() | st.sampled_from(["published", "metadata", "inferred", "text"]),
        directive=st.sampled_from([None, "39-CT/TW", "[bold]35-NQ/TW[/]", "\u202e35"]),
        path=short_text,
        status=st.sampled_from(["ok", "orphaned"]),
        paragraph_count=st.none() | st.integers(0, 50),
        context_before=short_text,
        context_after=st.just(""),
        id=st.none() | st.integers(1, 10**6),
    ),
    max_size=3,
)


@given(bookmarks)
def test_export_import_round_trip_is_identity_and_exports_hold_nothing_unsafe(items):
    exported = export.to_json(items, exported_at="2024-05-01T12:00:00Z")
    imported = export.parse_export(exported)
    assert imported == [export.safe_bookmark(b) for b in items]
    assert export.to_json(imported, exported_at="2024-05-01T12:00:00Z") == exported
    assert not unsafe(exported, "\n")  # JSON escapes tabs and newlines inside strings
    for fmt in ("md", "txt"):
        assert not unsafe(export.render(fmt, items, exported_at="2024-05-01T12:00:00Z"), "\n\t")


# --- markup-looking text is shown as it is ------------------------------------------------
_console_out = io.StringIO()
_console = Console(
    file=_console_out,
    width=10_000,
    color_system=None,
    force_terminal=False,
    legacy_windows=False,
    emoji=False,
    highlight=False,
)


@given(markupish | st.text(max_size=60))
def test_markup_looking_text_renders_unchanged(raw):
    text = clean_line(raw)  # what a title or a one-line field holds after loading
    assert Text(text).plain == text
    _console_out.seek(0)
    _console_out.truncate()
    _console.print(Text(text), end="", soft_wrap=True)
    assert _console_out.getvalue() == text


@given(st.binary(min_size=1, max_size=12), st.binary(min_size=1, max_size=12))
def test_two_file_names_never_show_alike(first, second):
    names = [os.fsdecode(first.replace(b"/", b"_")), os.fsdecode(second.replace(b"/", b"_"))]
    if names[0] != names[1]:
        assert shown_name(names[0]) != shown_name(names[1])
        for name in names:
            assert display_path(shown_name(name)) == shown_name(name)  # shown once is final
