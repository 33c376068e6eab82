"""A large corpus: the first screen reads the summary and one year, nothing proportional to
the corpus; a year's articles are read when it is opened."""

from __future__ import annotations

import pytest

from newsreader.app.loading import CorpusCached, CorpusReady, StoreOpened
from newsreader.app.main import NewsreaderApp
from newsreader.app.sidebar import YEAR_WINDOW
from newsreader.core.library import ReadingState
from newsreader.core.model import Article
from newsreader.core.store.index import IndexReader

from .conftest import library_for, wait_for

ARTICLES = 20_000
YEARS = range(2005, 2025)  # 20 years x 4 directives: 250 articles in each year node
CODES = ("39-CT/TW", "35-NQ/TW", "21-KL/TW", "05-CT/TU")


def many_articles() -> list[Article]:
    articles = []
    for n in range(ARTICLES):
        code = CODES[n % len(CODES)]
        year = YEARS[(n // len(CODES)) % len(YEARS)]
        articles.append(
            Article(
                id=f"a{n:05d}",
                path=f"a{n:05d}.txt",
                title=f"Hội nghị {n} về {code}",
                paragraphs=[f"Đoạn văn của bài {n}."],
                published=f"{year}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                year=year,
                year_source="published",
                directive=code,
                directives=[code],
            )
        )
    return articles


@pytest.fixture(scope="module")
def big_library():
    return library_for(many_articles())


class Reads:
    """Counts what the index hands out, by query: a year's sidebar rows, article headers."""

    def __init__(self, monkeypatch) -> None:
        self.rows: list[int] = []  # rows of each year read for the sidebar
        self.headers: list[int] = []  # headers unpacked, by query
        self.places: list[tuple[str | None, int | None]] = []
        real_headers = IndexReader._headers
        real_rows_in = IndexReader.rows_in

        def counting(reader, sql, params):
            found = real_headers(reader, sql, params)
            self.headers.append(len(found))
            return found

        def counting_in(reader, directive, year):
            self.places.append((directive, year))
            found = real_rows_in(reader, directive, year)
            self.rows.append(len(found))
            return found

        def refused(*args, **kwargs):
            raise AssertionError("the whole corpus, or a whole year's headers, was read")

        monkeypatch.setattr(IndexReader, "_headers", counting)
        monkeypatch.setattr(IndexReader, "rows_in", counting_in)
        monkeypatch.setattr(IndexReader, "headers_in", refused)
        monkeypatch.setattr(IndexReader, "headers", refused)
        monkeypatch.setattr(IndexReader, "titles", refused)
        monkeypatch.setattr(IndexReader, "counts", refused)


async def test_first_paint_reads_the_summary_and_one_year(big_library, monkeypatch):
    summary = big_library.summary()  # what the loading thread reads from the index's meta
    assert summary.articles == ARTICLES
    reads = Reads(monkeypatch)
    app = NewsreaderApp(big_library, "en", autoload=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        screen.post_message(StoreOpened(ReadingState(), []))
        screen.post_message(CorpusCached(summary))
        await wait_for(pilot, lambda: screen.reader.article is not None, "the first article")
        newest = screen.reader.article
        # One year node's rows (the open article's), and no more than one header unpacked.
        assert reads.places == [(newest.directive, newest.year)]
        assert reads.rows == [250]
        assert sum(reads.headers) <= 1  # at most the reopened article's own header
        assert len(screen.sidebar._article_nodes) == 250

        # Opening another year reads that year only.
        other = next(
            node
            for group in screen.sidebar.root.children
            for node in group.children
            if node.data is not None and node.data.place is not None
        )
        place = other.data.place
        other.expand()
        await wait_for(pilot, lambda: len(reads.places) == 2, "the year's articles")
        assert reads.places[1] == place
        assert reads.rows[1] == 250 and sum(reads.headers) <= 1
        await wait_for(pilot, lambda: len(other.children) == 250, "the year's leaves")

        screen.post_message(CorpusReady(summary, []))
        await wait_for(pilot, lambda: screen.flow.done, "ready")
        assert len(reads.places) == 2  # the same summary: nothing re-read


async def test_reopening_the_last_article_reads_its_year_only(big_library, monkeypatch):
    """The reading state's article, deep in an old year: the first paint reads that year's
    sidebar rows and that article's header, still nothing proportional to the corpus."""
    summary = big_library.summary()
    wanted = big_library.header("a07777")  # 2009 of 35-NQ/TW, far down the tree
    reads = Reads(monkeypatch)
    app = NewsreaderApp(big_library, "en", autoload=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        screen.post_message(StoreOpened(ReadingState(article_id=wanted.id, paragraph=0), []))
        screen.post_message(CorpusCached(summary))
        await wait_for(pilot, lambda: screen.reader.article is not None, "the last article")
        assert screen.reader.article.id == wanted.id
        assert reads.places == [(wanted.directive, wanted.year)]
        assert reads.rows == [250]
        assert sum(reads.headers) <= 1
        assert screen.sidebar.open_article_id == wanted.id


def one_big_year(count: int) -> list[Article]:
    return [
        Article(
            id=f"b{n:05d}",
            path=f"b{n:05d}.txt",
            title=f"Bài {n:05d}",
            paragraphs=[f"Đoạn văn của bài {n}."],
            published=f"2024-{12 - n * 12 // count:02d}-{28 - n % 28:02d}",
            year=2024,
            year_source="published",
            directive="39-CT/TW",
            directives=["39-CT/TW"],
        )
        for n in range(count)
    ]


def leaves(year_node) -> list:
    return [c for c in year_node.children if c.data is not None and c.data.article_id]


async def test_a_very_large_year_shows_its_articles_a_window_at_a_time():
    articles = one_big_year(2 * YEAR_WINDOW + 200)
    library = library_for(articles)
    app = NewsreaderApp(library, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: screen.flow.done, "the corpus to load")
        await wait_for(pilot, lambda: screen.reader.article is not None, "the first article")
        sidebar = screen.sidebar
        [year_node] = sidebar._year_nodes.values()
        await wait_for(pilot, lambda: len(year_node.children) == YEAR_WINDOW + 1, "a window")
        assert len(leaves(year_node)) == YEAR_WINDOW
        more = year_node.children[-1]
        assert more.data.more and str(more.label) == f"… {YEAR_WINDOW + 200} more (Enter)"

        sidebar.focus()
        await pilot.pause()
        sidebar.move_cursor(more, animate=False)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(leaves(year_node)) == 2 * YEAR_WINDOW, "the next window")
        assert screen.reader.article.id == articles[0].id  # the row opened no article
        assert str(year_node.children[-1].label) == "… 200 more (Enter)"

        # Opening an article past the windows shown adds leaves through it, in order.
        last = library.header(articles[-1].id)
        sidebar.mark_open(last)
        await pilot.pause()
        shown = [c.data.article_id for c in year_node.children]
        assert shown == [a.id for a in library.articles_in("39-CT/TW", 2024)]


async def test_reopening_an_article_deep_in_a_very_large_year_shows_its_window():
    """The leaves shown start at the reopened article's window, under a row that adds the
    newer ones a window at a time: the first paint adds one window, wherever the article."""
    articles = one_big_year(2 * YEAR_WINDOW + 200)
    library = library_for(articles)
    wanted = library.articles_in("39-CT/TW", 2024)[-1]  # the oldest: the last window
    app = NewsreaderApp(library, "en", autoload=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        screen.post_message(StoreOpened(ReadingState(article_id=wanted.id), []))
        screen.post_message(CorpusCached(library.summary()))
        await wait_for(pilot, lambda: screen.reader.article is not None, "the last article")
        assert screen.reader.article.id == wanted.id
        sidebar = screen.sidebar
        [year_node] = sidebar._year_nodes.values()
        newer = year_node.children[0]
        assert newer.data.newer and str(newer.label) == f"… {2 * YEAR_WINDOW} newer (Enter)"
        order = [a.id for a in library.articles_in("39-CT/TW", 2024)]
        assert [c.data.article_id for c in leaves(year_node)] == order[2 * YEAR_WINDOW :]

        sidebar.focus()
        await pilot.pause()
        sidebar.move_cursor(newer, animate=False)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(leaves(year_node)) == YEAR_WINDOW + 200, "a window")
        assert [c.data.article_id for c in leaves(year_node)] == order[YEAR_WINDOW:]
        assert str(year_node.children[0].label) == f"… {YEAR_WINDOW} newer (Enter)"
        assert screen.reader.article.id == wanted.id  # the row opened no article

        # Opening the newest article adds the newer windows through it, in order.
        sidebar.mark_open(library.header(order[0]))
        await pilot.pause()
        assert [c.data.article_id for c in year_node.children] == order
