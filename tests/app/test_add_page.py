"""`A` in the reader: ask for a URL, add the page in a worker (the screen keeps answering),
say what happens, open the article — against a web server on 127.0.0.1 started here."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from newsreader.app.add_page import AddPageDialog, addable
from newsreader.app.reader import ReaderView
from newsreader.locations import bundled_corpus
from page_server import PageHandler, serving

from .conftest import app_on, loaded, wait_for
from .test_dialog_keys import footer_keys, registry_footer

PAGE = (Path(__file__).parents[1] / "pages" / "krong-pac.html").read_bytes()
TITLE = "Krông Pắc sơ kết 3 năm thực hiện Chỉ thị 27-CT/TW về bảo vệ chính trị nội bộ"
SIZE = (100, 30)
SLOW = threading.Event()  # the slow page answers once this is set


class Handler(PageHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        if path == "/slow.html":
            SLOW.wait(20)
        if path not in ("/bai-viet.html", "/slow.html"):
            self.send_error(404, "Not Found")
            return
        self.send_page("text/html; charset=utf-8", PAGE)


@pytest.fixture(scope="module")
def server():
    with serving(Handler) as url:
        yield url
        SLOW.set()


@pytest.fixture
def corpus(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), target)
    return target


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def _ask(pilot, url: str) -> AddPageDialog:
    await pilot.press("A")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, AddPageDialog), "the dialog")
    dialog = pilot.app.screen
    assert pilot.app.focused is dialog.query_one("#add-page-input", Input)
    await pilot.press(*url)
    await pilot.press("enter")
    return dialog


async def test_A_adds_the_page_and_opens_it_and_twice_opens_the_same(server, corpus):
    app = app_on(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.query_one(ReaderView)
        before = reader.article.id
        await _ask(pilot, f"{server}/bai-viet.html")
        await wait_for(pilot, lambda: any(m.startswith("Added:") for m in messages(app)), "added")
        await wait_for(pilot, lambda: reader.article.id != before, "the new article open")
        assert reader.article.title == TITLE
        assert f"Added: {TITLE}" in messages(app)
        assert any(m.startswith("Adding http://127.0.0.1") for m in messages(app))
        (written,) = corpus.rglob("*.md")
        assert reader.article.id == written.relative_to(corpus).as_posix()
        tree = app.main_screen.sidebar
        assert tree.open_article_id == reader.article.id
        assert app.focused is reader
        await pilot.press("alt+left")  # back to the article before, then the same URL again
        await wait_for(pilot, lambda: reader.article.id == before, "back")
        await _ask(pilot, f"{server}/bai-viet.html#top")
        await wait_for(pilot, lambda: f"Already in the corpus: {TITLE}" in messages(app), "known")
        await wait_for(pilot, lambda: reader.article.title == TITLE, "the known article open")
        assert len(list(corpus.rglob("*.md"))) == 1  # nothing written twice


async def test_the_reader_keeps_answering_while_a_page_is_fetched(server, corpus):
    SLOW.clear()
    app = app_on(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.query_one(ReaderView)
        await _ask(pilot, f"{server}/slow.html")
        await wait_for(pilot, lambda: app.main_screen.adding is not None, "adding")
        cursor = reader.cursor
        await pilot.press("j")
        assert reader.cursor == cursor + 1  # the fetch runs in a worker
        await pilot.press("A")
        assert any(m.startswith("Still adding") for m in messages(app))
        SLOW.set()
        await wait_for(pilot, lambda: reader.article.title == TITLE, "the slow page open")


@pytest.mark.parametrize(
    "path, error",
    [("/khong-co.html", "404"), (":1/x.html", "")],
)
async def test_a_page_that_cannot_be_added_is_one_line_and_nothing_is_written(
    server, corpus, path, error
):
    url = f"{server}{path}" if path.startswith("/") else f"http://127.0.0.1{path}"
    app = app_on(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.query_one(ReaderView)
        before = reader.article.id
        await _ask(pilot, url)
        failed = [f"Could not add {url}:"]
        await wait_for(
            pilot,
            lambda: any(m.startswith(failed[0]) for m in messages(app)),
            "the error notice",
        )
        (notice,) = [n for n in app._notifications if n.message.startswith(failed[0])]
        assert notice.severity == "error" and "\n" not in notice.message and error in notice.message
        assert notice.message.count(url) == 1  # found in the walk: the address came twice
        assert reader.article.id == before and not list(corpus.rglob("*.md"))
        assert app.main_screen.adding is None


async def test_the_dialog_refuses_what_is_not_an_address_and_esc_cancels(corpus):
    app = app_on(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        dialog = await _ask(pilot, "not a url")
        assert app.screen is dialog
        assert "Not a web address" in str(dialog.query_one("#add-page-error").content)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main_screen, "the dialog closed")
        assert not list(corpus.rglob("*.md"))


@pytest.mark.parametrize("lang", ["en", "vi"])
async def test_the_dialogs_footer_is_the_form_pane_and_tab_stays_in_its_field(corpus, lang):
    app = app_on(corpus, lang)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AddPageDialog), "the dialog")
        await pilot.pause()
        assert footer_keys(app.screen) == registry_footer("form", lang)
        field = app.screen.query_one("#add-page-input", Input)
        for key in ("tab", "shift+tab"):
            await pilot.press(key)
            assert app.focused is field


async def test_the_palette_offers_add_a_web_page(corpus):
    app = app_on(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"add a web")
        options = app.screen.query_one(OptionList)
        await wait_for(pilot, lambda: options.highlighted is not None, "a palette hit")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AddPageDialog), "the dialog")


def test_addable_takes_addresses_and_saved_pages(tmp_path):
    page = tmp_path / "bai.html"
    page.write_text("<p>x</p>")
    assert addable("https://baochinhphu.vn/bai-viet.htm") and addable("http://127.0.0.1:8/x")
    assert addable(str(page))
    assert not addable("baochinhphu.vn") and not addable("https://") and not addable("")
    assert not addable(str(tmp_path / "none.html")) and not addable("http://[::1")


async def test_A_on_the_sample_corpus_says_to_open_your_own_folder():
    """Found in the tmux walk: A on the bundled corpus wrote into the package's folder."""
    app = app_on(bundled_corpus())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("A")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert any("not added to the sample corpus" in m for m in messages(app))


def test_add_refuses_the_bundled_corpus_in_one_line(capsys):
    from newsreader.cli import main

    before = sorted(p.name for p in bundled_corpus().rglob("*"))
    code = main(["add", "http://127.0.0.1:1/x.html", "--corpus", str(bundled_corpus())])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--corpus DIR" in err
    assert sorted(p.name for p in bundled_corpus().rglob("*")) == before


async def test_the_dialog_is_centred_on_a_wide_screen(corpus):
    """Found in the walk at 160x48: the dialog sat in the top left corner."""
    app = app_on(corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AddPageDialog), "the dialog")
        await pilot.pause()
        form = app.screen.query_one("#form").region
        assert abs(form.x - (160 - form.right)) <= 1
        assert abs(form.y - (48 - form.bottom)) <= 1


async def test_the_refusal_stays_when_the_box_reports_the_same_text_late(corpus):
    """Found in the walk: a pasted address and Enter came before the box's Changed
    message, which then cleared the error: the dialog said nothing."""
    app = app_on(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        dialog = await _ask(pilot, "khong phai url")
        field = dialog.query_one("#add-page-input", Input)
        error = dialog.query_one("#add-page-error")
        assert "Not a web address" in str(error.content)
        dialog.post_message(Input.Changed(field, "khong phai url"))
        await pilot.pause()
        assert "Not a web address" in str(error.content)
        await pilot.press("x")
        assert str(error.content) == ""


async def test_why_a_page_was_not_added_is_said_in_vietnamese(server, corpus):
    url = f"{server}/khong-co.html"
    app = app_on(corpus, "vi")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _ask(pilot, url)
        expected = f"Không thêm được {url}: máy chủ trả lời 404"
        await wait_for(
            pilot,
            lambda: any(m.startswith(expected) for m in messages(app)),
            "the Vietnamese notice",
        )
        assert not any("server answered" in m for m in messages(app))
