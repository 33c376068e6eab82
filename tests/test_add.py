"""`newsreader add` against a local web server on 127.0.0.1 started here (issue 12)."""

import json
import time
from pathlib import Path

import pytest
import yaml

from newsreader.cli import main
from newsreader.core.corpus.adding import normalise_url, slug
from page_server import PageHandler, serving

PAGE = (Path(__file__).parent / "pages" / "krong-pac.html").read_bytes()
INDEX = (Path(__file__).parent / "pages" / "section-index.html").read_bytes()
TITLE = "Krông Pắc sơ kết 3 năm thực hiện Chỉ thị 27-CT/TW về bảo vệ chính trị nội bộ"
SEEN_AGENTS: list[str] = []


class Handler(PageHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        path = self.path.split("?")[0]
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/bai-viet.html")
            self.end_headers()
            return
        if path == "/slow.html":
            time.sleep(2)
        routes = {
            "/bai-viet.html": ("text/html; charset=utf-8", PAGE),
            "/slow.html": ("text/html; charset=utf-8", PAGE),
            "/chuyen-muc.html": ("text/html; charset=utf-8", INDEX),
            "/tai-lieu.pdf": ("application/pdf", b"%PDF-1.4"),
            "/lon.html": ("text/html", b"<p>" + b"x" * (9 * 1024 * 1024) + b"</p>"),
        }
        if path not in routes:
            self.send_error(404, "Not Found")
            return
        self.send_page(*routes[path])


@pytest.fixture(scope="module")
def server():
    with serving(Handler) as url:
        yield url


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def md_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.md"))


def test_add_a_url_writes_one_markdown_article(server, tmp_path, capsys):
    code, out, err = run(capsys, "add", f"{server}/bai-viet.html", "--corpus", str(tmp_path))
    assert (code, err) == (0, "")
    (written,) = md_files(tmp_path)
    assert written.relative_to(tmp_path).as_posix() == f"2021/{slug(TITLE)}.md"
    assert out == f"added 2021/{slug(TITLE)}.md: {TITLE}\n"
    text = written.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == TITLE
    assert str(front["published"]).startswith("2021-04-03")
    assert front["author"] == "Thu Hà"
    assert front["url"] == f"{server}/bai-viet.html"
    assert "fetched" in front
    assert "Trang chủ" not in text and "Tổng Biên tập" not in text
    assert SEEN_AGENTS[-1].startswith("newsreader/")
    # The new file is an article of the corpus like any other.
    code, out, _ = run(
        capsys, "show", f"2021/{slug(TITLE)}.md", "--json", "--corpus", str(tmp_path)
    )
    article = json.loads(out)
    assert (article["title"], article["year"], article["directive"]) == (TITLE, 2021, "27-CT/TW")


def test_the_same_url_twice_writes_nothing_and_names_the_article(server, tmp_path, capsys):
    first = f"{server}/bai-viet.html"
    assert run(capsys, "add", first, "--corpus", str(tmp_path))[0] == 0
    before = {p: p.read_bytes() for p in md_files(tmp_path)}
    # Another spelling of the same URL, and a redirect to it.
    for again in (f"{server}/bai-viet.html?utm_source=zalo#binh-luan", f"{server}/moved"):
        code, out, err = run(capsys, "add", again, "--json", "--corpus", str(tmp_path))
        assert (code, err) == (0, "")
        (result,) = json.loads(out)["added"]
        assert result["added"] is False
        assert result["id"] == f"2021/{slug(TITLE)}.md"
    assert {p: p.read_bytes() for p in md_files(tmp_path)} == before


def test_add_a_saved_html_file(tmp_path, capsys):
    page = tmp_path / "saved.html"
    page.write_bytes(PAGE)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    code, out, err = run(capsys, "add", str(page), "--json", "--corpus", str(corpus))
    assert (code, err) == (0, "")
    (result,) = json.loads(out)["added"]
    assert result["added"] is True and result["title"] == TITLE
    assert (corpus / result["id"]).is_file()


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/tai-lieu.pdf", "not a web page"),
        ("/khong-co.html", "404"),
        ("/chuyen-muc.html", "no article"),
        ("/lon.html", "larger than"),
    ],
)
def test_errors_are_one_line_exit_1_and_nothing_written(server, tmp_path, capsys, path, words):
    code, out, err = run(capsys, "add", f"{server}{path}", "--corpus", str(tmp_path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and words in err
    assert md_files(tmp_path) == []


def test_a_timeout_is_one_line_exit_1(server, tmp_path, capsys):
    code, _, err = run(
        capsys, "add", f"{server}/slow.html", "--timeout", "0.3", "--corpus", str(tmp_path)
    )
    assert code == 1 and "no answer within 0.3 s" in err and err.count("\n") == 1
    assert md_files(tmp_path) == []


def test_a_refused_connection_and_a_bad_source(tmp_path, capsys):
    code, _, err = run(capsys, "add", "http://127.0.0.1:9/x.html", "--corpus", str(tmp_path))
    assert code == 1 and err.count("\n") == 1
    code, _, err = run(capsys, "add", str(tmp_path / "notes.txt"), "--corpus", str(tmp_path))
    assert code == 1 and "neither an http(s):// URL nor a .html file" in err
    assert md_files(tmp_path) == []


def test_normalise_url():
    assert (
        normalise_url("HTTPS://Bao.VN:443/a/b/?utm_campaign=x&id=3#c") == "https://bao.vn/a/b?id=3"
    )
    assert normalise_url("http://bao.vn:8080/a") == "http://bao.vn:8080/a"
