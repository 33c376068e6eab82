"""The hostile corpus (tests/hostile.py): what loads, why the rest is skipped, and that no
control, escape or bidi character gets through to the CLI's output or an export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile import (
    BODY,
    BODY_2,
    ESCAPES,
    ESCAPES_JSON,
    ESCAPES_TITLE,
    GOOD_MD,
    GOOD_MD_TITLE,
    GOOD_TXT,
    GOOD_TXT_TITLE,
    HUGE,
    MARKUP_JSON,
    MARKUP_JSON_TITLE,
    MARKUP_NAME,
    TERMINAL_ATTACKS,
    loaded_ids,
    skipped_reasons,
    unsafe,
)
from newsreader.cli import main
from newsreader.core import export
from newsreader.core.corpus.load import load_corpus
from newsreader.core.library import Library
from newsreader.core.store.bookmarks import Bookmark, BookmarkStore


@pytest.fixture(scope="module")
def corpus(hostile):
    return load_corpus(hostile[0])


@pytest.fixture(scope="module")
def cache(tmp_path_factory, hostile):
    """One index cache for the module, built once, so every CLI call reuses it."""
    cache_dir = tmp_path_factory.mktemp("hostile-cache")
    Library(hostile[0], cache_dir=cache_dir).refresh()
    return cache_dir


@pytest.fixture
def cli(hostile, cache, monkeypatch, capsys):
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(cache))

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--corpus", str(hostile[0]), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


# --- what loads and what is skipped ------------------------------------------------------
def test_the_loaded_set_is_exactly_the_expected_one(hostile, corpus):
    _, expected = hostile
    assert {a.id for a in corpus.articles} == loaded_ids(expected)


def test_every_skip_has_its_reason(hostile, corpus):
    _, expected = hostile
    got = {s.path: s.reason for s in corpus.skipped}
    want = skipped_reasons(expected)
    assert set(got) == set(want)
    for path, reason in want.items():
        assert reason in got[path], (path, got[path])


def test_hidden_folders_are_not_read(corpus):
    paths = [a.path for a in corpus.articles] + [s.path for s in corpus.skipped]
    assert not any(p.startswith(".") or "/." in p for p in paths)


def test_the_index_loads_the_same_set_with_the_same_reasons(hostile, corpus, cache):
    library = Library(hostile[0], cache_dir=cache)
    library.refresh()
    indexed = library.corpus()
    assert {a.id for a in indexed.articles} == {a.id for a in corpus.articles}
    assert sorted(indexed.skipped, key=lambda s: s.path) == sorted(
        corpus.skipped, key=lambda s: s.path
    )
    for header in indexed.articles:
        assert library.article(header.id).paragraphs == corpus.get(header.id).paragraphs


def test_the_good_articles_read_correctly(corpus):
    txt, md = corpus.get(GOOD_TXT), corpus.get(GOOD_MD)
    assert txt.title == GOOD_TXT_TITLE and txt.paragraphs == [BODY, BODY_2]
    assert txt.published == "2019-11-04T08:10" and "39-CT/TW" in txt.directives
    assert md.title == GOOD_MD_TITLE and md.paragraphs[-2:] == [BODY_2, BODY]
    assert md.published == "2023-12-25" and md.source == "Báo Nhân Dân"
    assert not txt.warnings and not md.warnings


def test_broken_and_trap_front_matter_loads_the_body_with_a_warning(corpus):
    warned = {w.path: w.reason for w in corpus.warnings}
    for name in ("broken", "python-tag", "huge-int", "deep"):
        assert "not valid YAML" in warned[f"yaml/{name}.md"]
        assert corpus.get(f"yaml/{name}.md").paragraphs[-1] == BODY
    assert "no closing" in warned["yaml/unclosed.md"]
    laughs = corpus.get("yaml/billion-laughs.md")
    assert laughs.source is None and laughs.title == "Tiếng cười"  # nested values refused
    assert "unreadable date a list" in warned["yaml/billion-laughs.md"]


def test_encodings_decode_to_the_same_text(corpus):
    for name in ("utf16-bom.txt", "utf16-be-bom.txt", "cp1258.txt"):
        assert corpus.get(f"encodings/{name}").paragraphs == [BODY]
    assert corpus.get("encodings/utf8-bom.md").title == "Bài UTF-8 BOM"
    assert corpus.get("encodings/cp1258.txt").title == "Bài tiếng Việt Windows-1258"


def test_the_huge_file_reads_once_the_limit_is_raised(hostile, monkeypatch):
    root, _ = hostile
    monkeypatch.setenv("NEWSREADER_MAX_FILE_MB", "60")
    from newsreader.core.corpus.loader import FoundFile, read_file

    path = root / HUGE
    found = FoundFile(path, HUGE, path.stat().st_size, 0)
    loaded, skipped = read_file(found)
    assert not skipped and loaded[0].document.title == "Tệp quá lớn"


def test_markup_in_text_and_names_is_kept_as_text(corpus):
    assert corpus.get(ESCAPES).title == ESCAPES_TITLE
    assert corpus.get(ESCAPES_JSON).title == ESCAPES_TITLE
    markup = corpus.get(MARKUP_JSON)
    assert markup.title == MARKUP_JSON_TITLE and markup.author == "[i]Phóng viên[/i]"
    assert markup.paragraphs[1] == "[@click=app.quit]Thoát[/] \\[escaped] [[x]]"
    assert corpus.get(MARKUP_NAME).path == MARKUP_NAME


def test_escapes_are_removed_and_the_prose_around_them_kept(corpus):
    for article_id in (ESCAPES, ESCAPES_JSON):
        article = corpus.get(article_id)
        assert article.paragraphs[0] == BODY
        assert article.paragraphs[1] == (
            "Đồng chí Lê Văn Châu phát biểu [bold]in đậm[/bold] và đảo ngược chữ."
        )
        assert "Lê Văn Châu" in article.people
    escaped = corpus.get("json/escaped.json")
    assert escaped.title == "Tiêu đề \ufffd lẻ" and escaped.source == "Báo"


# --- nothing unsafe in what was loaded ---------------------------------------------------
def _fields(article) -> dict[str, str]:
    single = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        **{f"person {i}": p for i, p in enumerate(article.people)},
        **{f"directive {i}": d for i, d in enumerate(article.directives)},
    }
    for name in ("byline", "source", "url", "author", "published", "year_note"):
        if getattr(article, name):
            single[name] = getattr(article, name)
    for i, entity in enumerate(article.entities):
        single[f"entity {i}"] = entity.text + entity.value
    return single


def test_no_loaded_text_holds_a_control_escape_or_bidi_character(corpus):
    for article in corpus.articles:
        for name, value in _fields(article).items():
            assert not unsafe(value), (article.id, name, value)
        for i, paragraph in enumerate(article.paragraphs):
            assert not unsafe(paragraph, allowed="\n\t"), (article.id, i)
        for warning in article.warnings:
            assert not unsafe(warning.detail), (article.id, warning)
    for item in [*corpus.skipped, *corpus.warnings]:
        assert not unsafe(item.path) and not unsafe(item.reason), item


# --- the CLI's output --------------------------------------------------------------------
def test_list_prints_no_escape(cli, hostile):
    code, out, err = cli("list", "--json")
    assert code == 0 and not unsafe(out, "\n") and not unsafe(err, "\n")
    data = json.loads(out)
    assert {a["id"] for a in data["articles"]} == loaded_ids(hostile[1])
    code, out, err = cli("list")
    assert code == 0 and not unsafe(out, "\n") and not unsafe(err, "\n")
    assert ESCAPES_TITLE in out and MARKUP_NAME in out  # markup printed as it is
    assert "skipped names/bad-\\xff.pdf: not an article format" in err


def test_show_prints_no_escape(cli, hostile):
    for article_id in sorted(loaded_ids(hostile[1])):
        for argv in (["show", article_id], ["show", article_id, "--json"]):
            code, out, err = cli(*argv)
            assert code == 0, (article_id, err)
            assert not unsafe(out, "\n\t") and not unsafe(err, "\n"), article_id
    code, out, _ = cli("show", MARKUP_JSON)
    assert out.startswith(MARKUP_JSON_TITLE + "\n")


def test_search_on_attack_strings_answers_and_prints_no_escape(cli):
    for query in [*TERMINAL_ATTACKS.values(), "[bold red]đỏ[/]", "[/]", "Lê Văn Châu"]:
        for argv in (["search", query], ["search", query, "--json"]):
            code, out, err = cli(*argv)
            assert code in (0, 2), (query, err)
            assert not unsafe(out, "\n") and not unsafe(err, "\n"), query
    code, out, _ = cli("search", "[bold red]đỏ[/]")
    assert "[bold red]đỏ[/]" in out


# --- bookmarks and exports ---------------------------------------------------------------
ATTACK_NOTE = "Ghi chú " + "".join(TERMINAL_ATTACKS.values()) + " [bold]đậm[/]"


def test_exports_of_bookmarks_on_it_hold_no_escape(cli, hostile, corpus, tmp_path):
    with BookmarkStore.open() as store:
        for article in corpus.articles:
            if sum(map(len, article.paragraphs)) < 100_000:  # re-anchoring 3 MB is slow
                store.add(article, 0, len(article.paragraphs) - 1, note=ATTACK_NOTE)
        for bookmark in store.bookmarks():
            assert not unsafe(bookmark.note, "\n\t")
    for fmt in export.FORMATS:
        code, out, err = cli("export", "--format", fmt, "--output", "-")
        assert code == 0, err
        assert not unsafe(out, "\n\t") and not unsafe(err, "\n"), fmt
        assert "[bold]đậm[/]" in out
    code, out, _ = cli("bookmarks")
    assert code == 0 and not unsafe(out, "\n")
    code, out, _ = cli("bookmarks", "--json")
    assert code == 0 and not unsafe(out, "\n")
    # Written to a folder: the file lands in it, whatever the titles hold.
    code, _, err = cli("export", "--format", "md", "--output", str(tmp_path))
    assert code == 0 and [p.parent for p in tmp_path.iterdir()] == [tmp_path]
    for article in corpus.articles:
        name = export.article_export_name(article.title)
        assert export.path_in_folder(tmp_path, name).parent == tmp_path


def _attack_bookmark(**changes) -> Bookmark:
    attack = "".join(TERMINAL_ATTACKS.values())
    fields = dict(
        article_id=f"x{attack}.txt",
        first=0,
        last=0,
        quote=f"Trích {attack} dẫn",
        note=f"Ghi {attack} chú",
        created="2024-01-01T00:00:00Z",
        updated="2024-01-01T00:00:00Z",
        title=f"Tiêu {attack} đề",
        published="2024-01-01",
        directive=f"39-CT/TW{attack}",
        path=f"../../{attack}x.txt",
        context_before=attack,
        context_after=attack,
    )
    fields.update(changes)
    return Bookmark(**fields)


def test_exports_clean_what_the_store_holds(tmp_path):
    """A store written before notes were cleaned (or by hand): exports still clean it."""
    raw = _attack_bookmark()
    for fmt in export.FORMATS:
        text = export.render(fmt, [raw], exported_at="2024-05-01T12:00:00Z")
        assert not unsafe(text, "\n"), fmt
    assert not unsafe(export.passage_with_citation(raw), "\n")


def test_importing_a_hostile_export_stores_clean_text(cli, tmp_path):
    document = {
        "format": export.EXPORT_FORMAT,
        "version": export.EXPORT_VERSION,
        "bookmarks": [export.bookmark_entry(_attack_bookmark())],
    }
    path = tmp_path / "shared.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = cli("import", str(path))
    assert code == 0, err
    with BookmarkStore.open() as store:
        (stored,) = store.bookmarks()
    for name, value in stored.to_json().items():
        if isinstance(value, str):
            assert not unsafe(value, "\n\t"), name
    assert stored.quote == "Trích  dẫn" and stored.note == "Ghi  chú"
    code, out, _ = cli("bookmarks")
    assert code == 0 and not unsafe(out, "\n")


def test_a_note_given_on_the_command_line_is_cleaned(cli):
    code, out, err = cli("bookmark", "add", GOOD_TXT, "-p", "1", "--note", ATTACK_NOTE)
    assert code == 0, err
    assert not unsafe(out, "\n")
    with BookmarkStore.open() as store:
        (stored,) = store.bookmarks()
    assert stored.note == "Ghi chú  [bold]đậm[/]"


def test_display_path_escapes_any_text():
    from newsreader.core.corpus.loader import display_path

    assert display_path("a\ud800b") == "a\\xed\\xa0\\x80b"
    assert display_path("[red]x[/]\u202e.txt") == "[red]x[/]\\u202e.txt"


def test_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    (tmp_path / "s.json").write_text('{"title": "a\\ud800b", "text": "c\\udfffd"}')
    library = Library(tmp_path, cache_dir=tmp_path / "cache")  # SQLite refused them before
    library.refresh()
    library.corpus()
    article = library.article("s.json")
    assert (article.title, article.paragraphs) == ("a\ufffdb", ["c\ufffdd"])


def test_json_numbers_too_long_to_read_are_a_reason_not_a_crash(tmp_path):
    lines = ['{"title": "Một", "text": "x"}', '{"n": 1' + "0" * 5000 + "}"]
    (tmp_path / "l.jsonl").write_text("\n".join(lines) + "\n" + "[" * 5000 + "\n")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["l.jsonl#0"]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert reasons == {
        "l.jsonl#1": "invalid JSON on line 2: a number too long to read",
        "l.jsonl#2": "invalid JSON on line 3: nested too deeply",
    }


def test_markup_file_name_is_listed_literally(cli):
    code, out, _ = cli("list")
    assert "hostile/[red]x[/].txt" in out and "names/[bold red]đỏ[reset].md" in out


@pytest.mark.parametrize("name", ["binary.txt", "empty.txt", "json/broken.json"])
def test_show_on_a_skipped_file_is_a_usage_error(cli, name):
    code, _, err = cli("show", name)
    assert code == 2 and "no article with id" in err


def test_path_outside_of_the_hostile_builder_is_untouched(hostile):
    root, expected = hostile
    assert all(not Path(p).is_absolute() and ".." not in Path(p).parts for p in expected)


def test_merge_stores_clean_text_and_matches_it_against_what_is_there():
    with BookmarkStore.open(":memory:") as store:
        clean = _attack_bookmark().cleaned()
        store.merge([clean])
        merged = store.merge([_attack_bookmark()])  # the same passage, escapes and all
        assert (merged.added, store.count()) == (0, 1)
        assert store.bookmarks()[0].quote == clean.quote == "Trích  dẫn"
