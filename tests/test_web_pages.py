"""Saved web pages read as the article alone (issue 12): trafilatura finds the main text,
and the same layout and analysis as a .txt follow. The pages in tests/pages are our own,
with the chrome real news sites have: a header clock, menus, a breadcrumb, related links
naming other people and documents, ads, and a footer with a licence date and editors."""

import shutil
from pathlib import Path

import pytest

from newsreader.core.corpus.formats import FormatError, _without_site_name, read_html
from newsreader.core.corpus.load import load_corpus
from newsreader.core.model import SkipKind

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    for page in PAGES.iterdir():
        shutil.copy(page, root / page.name)
    (root / "saved.htm").write_bytes((PAGES / "krong-pac.html").read_bytes())
    return load_corpus(root)


def test_a_saved_page_reads_as_the_article_alone(corpus):
    article = next(a for a in corpus.articles if a.path == "krong-pac.html")
    assert article.title == (
        "Krông Pắc sơ kết 3 năm thực hiện Chỉ thị 27-CT/TW về bảo vệ chính trị nội bộ"
    )
    assert (article.published, article.year, article.year_source) == (
        "2021-04-03",
        2021,
        "metadata",
    )
    assert article.directive == "27-CT/TW" and article.directives == ["27-CT/TW"]
    assert article.people == ["Y Biên Niê", "Ksor Phước Hà"]
    assert article.author == "Thu Hà"
    assert article.paragraphs[0].startswith("Sáng 3/4, Ban Thường vụ Huyện ủy Krông Pắc")
    assert len(article.paragraphs) == 5


def test_none_of_the_pages_chrome_is_in_the_article(corpus):
    article = next(a for a in corpus.articles if a.path == "krong-pac.html")
    text = "\n".join([article.title, *article.paragraphs])
    for chrome in (
        "Trang chủ",
        "Thể thao",
        "28/11/2024",
        "Tin liên quan",
        "Quảng cáo",
        "Giấy phép",
        "Tổng Biên tập",
        "(Baodaklak.vn)",
    ):
        assert chrome not in text
    values = {e.value for e in article.entities}
    for other in ("Nguyễn Đình Trung", "Phạm Minh Tấn", "Lê Văn Châu", "35-NQ/TW", "39-CT/TW"):
        assert other not in values
    assert not any(e.value.startswith(("2022", "2024")) for e in article.entities)


def test_htm_is_read_like_html(corpus):
    assert any(a.path == "saved.htm" for a in corpus.articles)


def test_a_page_with_no_article_is_skipped_with_a_reason(corpus):
    skipped = {s.path: s for s in corpus.skipped}
    assert skipped["section-index.html"].kind is SkipKind.NO_ARTICLE
    with pytest.raises(FormatError):
        read_html("<html><body><nav>Trang chủ</nav><p>404 Không tìm thấy</p></body></html>")


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        (
            "Hội nghị sơ kết Chỉ thị 27 | Báo Đắk Lắk điện tử",
            "Báo Đắk Lắk điện tử",
            "Hội nghị sơ kết Chỉ thị 27",
        ),
        (
            "Hội nghị sơ kết Chỉ thị 27 - Báo Đắk Lắk",
            "Báo Đắk Lắk điện tử",
            "Hội nghị sơ kết Chỉ thị 27",
        ),
        (
            "Hội nghị sơ kết Chỉ thị 27 - Chính trị | Báo Nhân Dân",
            None,
            "Hội nghị sơ kết Chỉ thị 27 - Chính trị",
        ),
        ("Hội nghị sơ kết Chỉ thị 27 | baodaklak.vn", None, "Hội nghị sơ kết Chỉ thị 27"),
        (
            "Đồng chí Y Biên Niê - Phó Bí thư Huyện ủy",
            None,
            "Đồng chí Y Biên Niê - Phó Bí thư Huyện ủy",
        ),
    ],
)
def test_the_site_name_after_the_title_goes(title, site, expected):
    assert _without_site_name(title, site) == expected
