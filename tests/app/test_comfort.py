"""Comfort: G shows the end, a centred measure, a tree that steps aside on narrow screens,
back/forward through opened articles, notes under their passage, whole titles of the tree."""

from __future__ import annotations

from newsreader.app.reader import GUTTER, ReaderView
from newsreader.app.settings import DEFAULT_MEASURE as MAX_MEASURE
from newsreader.app.sidebar import ArticleTree

from .conftest import article, loaded, make_app, sample_articles, wait_for
from .test_app import screen_text

LAST_WORDS = "Kết thúc bài viết ở đây."


def _long_ending() -> list:
    long_last = " ".join(["Câu dài của đoạn cuối, kể lại hội nghị và các ý kiến."] * 30)
    paragraphs = [f"Đoạn {i}: nội dung." for i in range(1, 30)] + [f"{long_last} {LAST_WORDS}"]
    return [article("long", "Bài có đoạn cuối rất dài", paragraphs, published="2030-01-01")]


async def test_G_shows_the_last_line_of_the_article_and_End_after_Space_stays_there():
    app = make_app(_long_ending() + sample_articles())
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        reader = app.query_one(ReaderView)
        assert reader.article.id == "long"
        await pilot.press("G")
        await pilot.pause()
        assert "bài viết ở đây." in screen_text(app)  # the article's very last words
        assert reader.cursor == len(reader.article.paragraphs) - 1
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")
        for _ in range(40):
            await pilot.press("space")
        await pilot.press("end")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y  # End never scrolls back up


async def test_the_measure_is_capped_and_centred_on_a_wide_terminal():
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await loaded(pilot)
        reader = app.query_one(ReaderView)
        assert reader.scrollable_content_region.width > MAX_MEASURE + GUTTER + 20
        rows = [line for line in screen_text(app).splitlines() if "Đoạn 1:" in line]
        assert rows
        region = reader.scrollable_content_region
        inside = rows[0][region.x : region.right]
        indent = len(inside) - len(inside.lstrip())
        assert indent > 10  # centred, not flush left
        paragraph_rows = [
            line[region.x : region.right].rstrip()
            for line in screen_text(app).splitlines()[region.y : region.bottom]
        ]
        assert max(len(row) for row in paragraph_rows) <= indent + GUTTER + MAX_MEASURE + 1


async def test_the_tree_steps_aside_below_70_columns_and_s_still_toggles_it():
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        await wait_for(pilot, lambda: not tree.display, "the tree hidden")
        await pilot.press("s")
        assert tree.display
        await pilot.press("s")
        assert not tree.display
        await pilot.resize_terminal(120, 30)
        await wait_for(pilot, lambda: tree.display, "the tree back on a wide screen")
        await pilot.press("s")  # the reader's choice on a wide screen is kept
        await pilot.resize_terminal(60, 20)
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert not tree.display


async def test_back_and_forward_through_opened_articles():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        reader = app.query_one(ReaderView)
        first = reader.article.id
        await pilot.press("j", "j", "j")
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: reader.article.id != first, "the next article")
        second = reader.article.id
        await pilot.press("alt+left")
        await wait_for(pilot, lambda: reader.article.id == first, "back")
        assert reader.cursor == 3
        await pilot.press("alt+right")
        await wait_for(pilot, lambda: reader.article.id == second, "forward")
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: reader.article.id == first, "back with Ctrl+O")
        await pilot.press("ctrl+o")  # nothing further back: said, not silent
        await pilot.pause()
        assert reader.article.id == first
        assert any("No further article" in n.message for n in app._notifications)


async def test_a_note_shows_under_its_passage():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("j", "b", "a", *"xem lại số liệu", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "★ xem lại số liệu" in text
        lines = text.splitlines()
        note_row = next(i for i, line in enumerate(lines) if "★ xem lại số liệu" in line)
        assert "▶   2" in "\n".join(lines[note_row - 6 : note_row])  # under ¶2, the cursor's


async def test_the_highlighted_tree_items_whole_title_is_in_the_status_line():
    long_title = "Cao Bằng: Sơ kết năm năm thực hiện Chỉ thị 39-CT/TW về bảo vệ chính trị nội bộ"
    app = make_app([article("cb", long_title, published="2025-02-02"), *sample_articles()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        tree.focus()
        await pilot.pause()
        for _ in range(6):
            node = tree.cursor_node
            if node is not None and node.data is not None and node.data.article_id == "cb":
                break
            await pilot.press("down")
        await pilot.press("down", "up")
        await pilot.pause()
        legend = str(app.main_screen.legend.content)
        assert legend == long_title


async def test_passage_keys_work_from_the_tree_on_the_open_articles_passage():
    from newsreader.core.store.bookmarks import BookmarkStore

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        reader = app.query_one(ReaderView)
        await pilot.press("j")
        tree = app.query_one(ArticleTree)
        tree.focus()
        await pilot.pause()
        await pilot.press("v")
        assert reader.range_anchor == 1
        await pilot.press("v", "b")
        await pilot.pause()
        with BookmarkStore.open() as store:
            assert [(b.article_id, b.first, b.last) for b in store.bookmarks()] == [
                (reader.article.id, 1, 1)
            ]
        assert app.focused is tree


async def test_a_toast_leaves_the_status_line_and_the_legend_visible():
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        app.notify("Một thông báo khá dài để phủ kín góc phải của màn hình đọc báo.")
        await wait_for(pilot, lambda: bool(app.screen.query(Toast)), "the toast")
        await pilot.pause()
        status = app.main_screen.status.region
        for toast in app.screen.query(Toast):
            assert not toast.region.overlaps(status)
