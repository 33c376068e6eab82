import json
import os
from pathlib import Path

import pytest

from newsreader.core.corpus.load import load_corpus
from newsreader.core.corpus.loader import display_path

BODY = (
    "Sáng 12/3, tại thành phố Vinh, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt và triển "
    "khai thực hiện các nghị quyết, chỉ thị mới của Trung ương về công tác cán bộ."
)


def write(root: Path, name: str, content, mode="w"):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def by_id(corpus):
    return {a.id: a for a in corpus.articles}


def reasons(corpus):
    return {s.path: s.reason for s in corpus.skipped}


def test_txt_article(tmp_path):
    write(tmp_path, "a.txt", f"Tiêu đề một\n\nThứ Hai, 04/11/2019|08:10\n\n{BODY}\n\nTH\n")
    article = by_id(load_corpus(tmp_path))["a.txt"]
    assert article.title == "Tiêu đề một"
    assert article.published == "2019-11-04T08:10"
    assert (article.year, article.year_source) == (2019, "published")
    assert article.paragraphs == [BODY]
    assert article.byline == "TH"
    assert article.path == "a.txt"


def test_markdown_front_matter(tmp_path):
    write(
        tmp_path,
        "b.md",
        "---\ntitle: Tiêu đề từ YAML\ndate: 2023-12-25\nsource: Báo Nhân Dân\n"
        "url: https://example.org/x\nauthor: Minh Anh\ndirective: 35-NQ/TW\n---\n# Heading\n\n"
        + BODY,
    )
    article = by_id(load_corpus(tmp_path))["b.md"]
    assert article.title == "Tiêu đề từ YAML"
    assert article.published == "2023-12-25"
    assert (article.year, article.year_source) == (2023, "metadata")
    assert article.source == "Báo Nhân Dân" and article.url == "https://example.org/x"
    assert article.directive == "35-NQ/TW"
    assert article.paragraphs[-1] == BODY


def test_markdown_heading_is_the_title_without_marks(tmp_path):
    write(
        tmp_path,
        "c.md",
        f"## Tiêu đề **đậm** ##\n\n{BODY}\n\n## Mục hai\n\nĐoạn [liên kết](http://x).",
    )
    article = by_id(load_corpus(tmp_path))["c.md"]
    assert article.title == "Tiêu đề đậm"
    assert article.paragraphs == [BODY, "Mục hai", "Đoạn liên kết."]


def test_broken_front_matter_loads_the_body_with_a_warning(tmp_path):
    write(tmp_path, "d.md", f"---\ntitle: [unclosed\n  : : :\n---\n# Tiêu đề\n\n{BODY}")
    corpus = load_corpus(tmp_path)
    article = by_id(corpus)["d.md"]
    assert article.title == "Tiêu đề"
    assert article.paragraphs == [BODY]
    assert any("YAML" in w.reason for w in corpus.warnings)
    assert not corpus.skipped


def test_json_object_list_and_jsonl(tmp_path):
    write(
        tmp_path,
        "one.json",
        json.dumps({"title": "Một", "text": BODY, "published": "2024-05-23T14:30:00+07:00"}),
    )
    write(
        tmp_path,
        "many.json",
        json.dumps(
            [
                {"title": "Hai", "body": BODY},
                {"title": "Ba", "content": ["Đoạn một.", "Đoạn hai."], "date": "23/05/2024"},
                {"title": 5, "text": 7},
                "not an object",
            ]
        ),
    )
    write(
        tmp_path,
        "lines.jsonl",
        json.dumps({"title": "Bốn", "text": BODY})
        + "\n\n{broken\n"
        + json.dumps({"title": "Năm", "text": BODY})
        + "\n",
    )
    corpus = load_corpus(tmp_path)
    articles = by_id(corpus)
    assert articles["one.json"].published == "2024-05-23T14:30"
    assert articles["many.json#0"].title == "Hai"
    assert articles["many.json#1"].paragraphs == ["Đoạn một.", "Đoạn hai."]
    assert articles["many.json#1"].published == "2024-05-23"
    assert articles["lines.jsonl#0"].title == "Bốn"
    assert articles["lines.jsonl#3"].title == "Năm"
    skipped = reasons(corpus)
    assert "must be a string" in skipped["many.json#2"]
    assert "JSON object" in skipped["many.json#3"]
    assert "invalid JSON" in skipped["lines.jsonl#2"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ('{"title": "x", "text": ', "invalid JSON"),
        ("[1, 2]", "JSON object"),
        ('"just a string"', "not str"),
        ("{}", "no 'title'"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason(tmp_path, content, reason):
    name = "bad.json" if isinstance(content, str) else "bad.txt"
    write(tmp_path, name, content)
    write(tmp_path, "good.txt", f"Tốt\n\n{BODY}")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["good.txt"]
    skipped = reasons(corpus)
    assert any(path.startswith(name) and reason in why for path, why in skipped.items()), skipped


def test_encodings(tmp_path):
    text = f"Tiêu đề\n\n{BODY}"
    write(tmp_path, "utf8bom.txt", b"\xef\xbb\xbf" + text.encode())
    write(tmp_path, "utf16.txt", text.encode("utf-16"))
    write(tmp_path, "crlf.txt", text.replace("\n", "\r\n").encode())
    write(tmp_path, "nfd.txt", __import__("unicodedata").normalize("NFD", text).encode())
    articles = load_corpus(tmp_path).articles
    assert len(articles) == 4
    assert all(a.title == "Tiêu đề" and a.paragraphs == [BODY] for a in articles)


def test_escapes_and_controls_are_removed_at_load(tmp_path):
    write(tmp_path, "e.txt", f"Tiêu\x1b[31m đề\x1b]52;c;ZXZpbA==\x07\n\n{BODY}\u202e\x00")
    article = load_corpus(tmp_path).articles[0]
    assert article.title == "Tiêu đề"
    assert article.paragraphs == [BODY]


def test_hidden_files_and_folders_are_ignored_and_others_reported(tmp_path):
    write(tmp_path, ".git/config.txt", "Ẩn\n\nnội dung")
    write(tmp_path, ".hidden.txt", "Ẩn\n\nnội dung")
    write(tmp_path, "sub/deeper/a.txt", f"Sâu\n\n{BODY}")
    write(tmp_path, "notes.pdf", b"%PDF-1.4")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["sub/deeper/a.txt"]
    assert "not an article format" in reasons(corpus)["notes.pdf"]


def test_symlink_loop_finishes(tmp_path):
    write(tmp_path, "a/x.txt", f"X\n\n{BODY}")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink(tmp_path / "missing", tmp_path / "dangling.txt")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["a/x.txt"]
    assert "loop" in reasons(corpus)["a/loop/"]
    assert "broken symbolic link" in reasons(corpus)["dangling.txt"]


def test_three_megabyte_single_line_loads(tmp_path):
    write(tmp_path, "big.txt", "Tiêu đề\n\n" + ("chính trị nội bộ " * 190_000))
    article = load_corpus(tmp_path).articles[0]
    assert len(article.paragraphs[0]) > 3_000_000


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    write(tmp_path, "big.txt", "Tiêu đề\n\n" + "x" * 2_000_000)
    monkeypatch.setenv("NEWSREADER_MAX_FILE_MB", "1")
    assert "too large" in reasons(load_corpus(tmp_path))["big.txt"]


def test_ids_are_stable_and_relative(tmp_path):
    write(tmp_path, "2024/tinh/a.txt", f"A\n\n{BODY}")
    first = [a.id for a in load_corpus(tmp_path).articles]
    moved = tmp_path.parent / (tmp_path.name + "-moved")
    tmp_path.rename(moved)
    assert [a.id for a in load_corpus(moved).articles] == first == ["2024/tinh/a.txt"]


def test_missing_folder_is_an_empty_corpus(tmp_path):
    corpus = load_corpus(tmp_path / "nope")
    assert corpus.articles == [] and "no such folder" in corpus.skipped[0].reason


def test_undecodable_file_name_is_shown_escaped(tmp_path):
    name = os.fsdecode(b"b\xff\x1b[31m.txt")
    (tmp_path / name).write_text(f"Tên lạ\n\n{BODY}", encoding="utf-8")
    article = load_corpus(tmp_path).articles[0]
    assert article.id == "b\\xff\\x1b[31m.txt"
    assert display_path(name) == article.id


def test_markdown_heading_title_has_plain_spaces_only(tmp_path):
    write(tmp_path, "t.md", "# Tiêu\tđề   mới\n\nNội dung.")
    assert by_id(load_corpus(tmp_path))["t.md"].title == "Tiêu đề mới"


def test_a_cancelled_walk_stops_at_the_next_entry(tmp_path):
    """Quitting the reader during a warm refresh's walk (seconds on a large corpus) stops
    the walk itself, not only the analysis after it."""
    import threading

    from newsreader.core.cancel import Cancelled, cancellable
    from newsreader.core.corpus.loader import walk_corpus

    for n in range(5):
        write(tmp_path, f"a/{n}.txt", BODY)
    stop = threading.Event()
    seen = []
    with cancellable(stop), pytest.raises(Cancelled):
        for found in walk_corpus(tmp_path, []):
            seen.append(found.relative)
            stop.set()
    assert len(seen) == 1
    assert len(list(walk_corpus(tmp_path, []))) == 5  # outside `cancellable`: the whole walk
