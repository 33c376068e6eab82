"""Pilot tests: the reader driven by keys and mouse, checked through its state."""

from __future__ import annotations

import io
import json

from rich.text import Text
from textual.command import CommandPalette

from newsreader.app import keys
from newsreader.app.main import NewsreaderApp
from newsreader.app.reader import ReaderView
from newsreader.app.screens import EmptyScreen, HelpScreen, SkippedScreen
from newsreader.app.sidebar import ArticleTree
from newsreader.core.corpus.grouping import sidebar_order
from newsreader.core.model import SkipKind, Skipped
from newsreader.core.store.bookmarks import BookmarkStore
from newsreader.locations import old_state_file as state_file

from .conftest import app_on, article, library_for, loaded, make_app, sample_articles, wait_for

SIZE = (100, 30)


def tree_labels(tree: ArticleTree) -> list[str]:
    return [str(tree.process_label(line.node.label)) for line in tree._tree_lines]


def screen_text(app) -> str:
    """Every character of the top screen, as plain text (what a user sees, without colour)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def plain(renderable, width: int) -> str:
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=width, color_system=None, legacy_windows=False).print(renderable)
    return out.getvalue()


async def test_first_run_opens_the_newest_article_with_the_tree_grouped():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.main_screen.reader.article.id == "a2024"
        assert app.main_screen.reader.cursor == 0
        assert app.focused is app.main_screen.reader
        labels = tree_labels(app.query_one(ArticleTree))
        assert labels[:4] == [
            "Chỉ thị 39-CT/TW (3)",
            "2024 (1)",
            "Tổng kết 10 năm Chỉ thị 39-CT/TW",
            "2019 (1)",
        ]
        assert "Chỉ thị 04-CT/TW (1)" in labels
        assert labels[-3] == "No directive (1)"


async def test_open_an_article_from_the_tree_by_keys():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        await pilot.press("tab")
        assert app.focused is tree
        await pilot.press("g", "j", "j", "j", "j")  # 39-CT/TW, 2024, a2024, 2019, a2019
        assert tree.cursor_node.data.article_id == "a2019"
        await pilot.press("enter")
        await pilot.pause()
        assert app.main_screen.reader.article.id == "a2019"
        assert app.focused is app.main_screen.reader  # Enter opens and reads
        assert tree.open_article_id == "a2019"
        await pilot.press("tab", "j", "j", "l")  # → / l open but stay in the tree
        await pilot.pause()
        assert app.main_screen.reader.article.id == "a2018"
        assert app.focused is tree


async def test_tree_collapse_and_expand_with_h_and_l():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        tree.focus()
        await pilot.press("g")
        group = tree.cursor_node
        await pilot.press("h")
        assert not group.is_expanded
        await pilot.press("l")
        assert group.is_expanded
        await pilot.press("j", "j", "h")  # on an article: h goes to its year
        assert tree.cursor_node.label.plain.startswith("2024")


async def test_click_an_article_in_the_tree():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        line = next(
            i
            for i, ln in enumerate(tree._tree_lines)
            if ln.node.data and ln.node.data.article_id == "b2020"
        )
        await pilot.click(ArticleTree, offset=(12, line))
        await pilot.pause()
        assert app.main_screen.reader.article.id == "b2020"


async def test_passage_cursor_moves_and_scrolls():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.main_screen.reader
        await pilot.press("j", "j", "j")
        assert reader.cursor == 3
        await pilot.press("k")
        assert reader.cursor == 2
        await pilot.press("G")
        assert reader.cursor == 39
        assert reader.scroll_y > 0
        first, end = reader._para_lines[39]
        top = reader.scroll_y
        assert top <= first and end <= top + reader.scrollable_content_region.height
        await pilot.press("g")
        assert reader.cursor == 0 and reader.scroll_y == 0
        await pilot.press("space")  # a page down moves the cursor into view
        assert reader.scroll_y > 0 and reader.cursor > 0
        assert reader._cursor_visible()
        await pilot.press("pageup")
        assert reader.scroll_y == 0
        await pilot.press("end")
        assert reader.cursor == 39
        await pilot.press("home")
        assert reader.cursor == 0


async def test_cursor_is_marked_in_the_gutter():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.main_screen.reader
        await pilot.press("j")
        first, _ = reader._para_lines[1]
        line = reader.render_line(first - round(reader.scroll_y)).text
        assert line.startswith("▶   2"), line
        other, _ = reader._para_lines[0]
        assert reader.render_line(other - round(reader.scroll_y)).text.startswith("    1")


async def test_v_extends_the_passage_to_a_range():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.main_screen.reader
        await pilot.press("j", "v", "j", "j")
        passage = reader.passage
        assert (passage.article_id, passage.first, passage.last) == ("a2024", 1, 3)
        await pilot.press("k", "k", "k")
        assert (reader.passage.first, reader.passage.last) == (0, 1)
        await pilot.press("v")
        assert reader.range_anchor is None and reader.passage.first == reader.passage.last == 0
        await pilot.press("v", "j", "escape")
        assert reader.range_anchor is None


async def test_click_a_paragraph_moves_the_cursor():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.main_screen.reader
        first, _ = reader._para_lines[2]
        await pilot.click(ReaderView, offset=(20, first - round(reader.scroll_y)))
        assert reader.cursor == 2


async def test_next_and_previous_article_follow_the_sidebar_order():
    articles = sample_articles()
    order = [a.id for a in sidebar_order(articles)]
    app = make_app(articles)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.main_screen.reader.article.id == order[0]
        seen = [app.main_screen.reader.article.id]
        for _ in range(len(order) - 1):
            await pilot.press("right_square_bracket")
            seen.append(app.main_screen.reader.article.id)
        assert seen == order
        await pilot.press("right_square_bracket")  # at the end: stays, says so
        assert app.main_screen.reader.article.id == order[-1]
        await pilot.press("left_square_bracket")
        assert app.main_screen.reader.article.id == order[-2]
        assert app.query_one(ArticleTree).open_article_id == order[-2]


async def test_each_article_remembers_its_passage():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("j", "j", "right_square_bracket")
        assert app.main_screen.reader.cursor == 0
        await pilot.press("left_square_bracket")
        assert app.main_screen.reader.article.id == "a2024" and app.main_screen.reader.cursor == 2


async def test_toggle_highlights():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.main_screen.reader
        person = reader.get_component_rich_style("reader--person", partial=True)

        def styles_of_first_paragraph():
            first, end = reader._para_lines[0]
            return {
                span.style
                for index in range(first, end)
                for span in reader._lines[index].text.spans
            }

        assert person in styles_of_first_paragraph()
        assert "person" in str(app.query_one("#legend").content)
        await pilot.press("m")
        assert reader.highlights is False
        reader._ensure_layout()
        assert not styles_of_first_paragraph()
        assert "off" in str(app.query_one("#legend").content)
        await pilot.press("m")
        reader._ensure_layout()
        assert person in styles_of_first_paragraph()


async def test_hide_and_show_the_sidebar():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        width_with = app.main_screen.reader.size.width
        tree.focus()
        await pilot.press("s")
        assert tree.display is False
        assert app.focused is app.main_screen.reader  # focus leaves the hidden tree
        await pilot.pause()
        assert app.main_screen.reader.size.width > width_with
        await pilot.press("s")
        assert tree.display is True


async def test_help_screen_lists_every_key_by_pane():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        table = app.screen.query_one("#help-table").content
        text = plain(table, 96)
        for entry in keys.REGISTRY:
            assert entry.description("en")[:30] in text, entry.id
        for title in ("Everywhere", "Article tree", "Reading pane", "Mouse"):
            assert title in text
        await pilot.press("s")  # keys of the main screen do nothing under the help
        assert app.query_one(ArticleTree).display is True
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # q closes the dialog, it does not quit
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running


async def _open_palette_and_choose(pilot, query: str) -> None:
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
    await pilot.press(*query)
    palette = app.screen
    from textual.widgets import OptionList

    options = palette.query_one(OptionList)
    await wait_for(pilot, lambda: options.option_count > 0, "palette results")
    await wait_for(pilot, lambda: options.highlighted is not None, "a highlighted result")
    await pilot.press("enter")
    await wait_for(
        pilot, lambda: not isinstance(app.screen, CommandPalette), "the palette to close"
    )


async def test_palette_opens_an_article_by_folded_fuzzy_title():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _open_palette_and_choose(pilot, "so ket 5 nam")  # no diacritics
        await wait_for(pilot, lambda: app.main_screen.reader.article.id == "a2019", "a2019 to open")
        assert app.focused is app.main_screen.reader


async def test_palette_runs_an_action():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _open_palette_and_choose(pilot, "hide the article")
        await wait_for(pilot, lambda: not app.query_one(ArticleTree).display, "sidebar hidden")


async def test_restores_the_last_article_and_passage(tmp_path):
    articles = sample_articles()
    app = make_app(articles)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j")
        opened = app.main_screen.reader.article.id
        await pilot.press("q")
    assert opened != "a2024"
    with BookmarkStore.open() as store:  # the reading state lives in the bookmark store
        saved = store.reading_state()
    assert saved.article_id == opened and saved.paragraph == 2
    assert not state_file().exists()

    again = make_app(articles)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert again.main_screen.reader.article.id == opened
        assert again.main_screen.reader.cursor == 2
        assert again.query_one(ArticleTree).open_article_id == opened


async def test_an_old_state_json_carries_over_into_the_store():
    state_file().parent.mkdir(parents=True, exist_ok=True)
    state_file().write_text(
        json.dumps({"article_id": "a2019", "paragraph": 1, "positions": {"a2019": 1}}),
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.main_screen.reader.article.id == "a2019" and app.main_screen.reader.cursor == 1
        await pilot.press("j", "q")
    state_file().write_text(json.dumps({"article_id": "a2018"}), encoding="utf-8")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:  # imported once: the store wins now
        await loaded(pilot)
        assert (
            again.main_screen.reader.article.id == "a2019" and again.main_screen.reader.cursor == 2
        )


async def test_theme_choice_persists():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("q")
    with BookmarkStore.open() as store:
        assert store.reading_state().theme == "textual-light"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert again.theme == "textual-light"


async def test_skipped_files_are_announced_once_and_listed():
    skipped = [
        Skipped("bad.json", SkipKind.JSON, "not valid JSON: line 1"),
        Skipped("[b]x[/b].bin", SkipKind.BINARY, "binary file"),
    ]
    app = make_app(skipped=skipped)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        messages = [n.message for n in app._notifications]
        assert messages.count("2 files skipped — press ! to see why") == 1
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, SkippedScreen)
        table = app.screen.query_one("#skipped-table").content
        cells = [str(c) for column in table.columns for c in column._cells]
        assert "[b]x[/b].bin" in cells and "not valid JSON: line 1" in cells
        await pilot.press("escape")
        assert not isinstance(app.screen, SkippedScreen)


async def test_skipped_files_from_a_real_folder(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(
        "Tiêu đề\n\nMột đoạn văn về Chỉ thị 39-CT/TW.\n", encoding="utf-8"
    )
    (root / "broken.json").write_text("{not json", encoding="utf-8")
    app = app_on(root, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert [a.title for a in app.library.articles()] == ["Tiêu đề"]
        assert app.library.skipped()
        assert any("skipped — press ! to see why" in n.message for n in app._notifications)


async def test_missing_corpus_shows_where_it_looked(tmp_path):
    root = tmp_path / "nowhere"
    app = app_on(root, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, EmptyScreen)
        shown = " ".join(str(w.content) for w in app.screen.query("Static"))
        assert str(root) in shown
        assert "no such folder" in shown
        assert ".txt, .md, .json, .jsonl or .html" in shown and "--corpus" in shown
        assert "NEWSREADER_CORPUS" in shown
        await pilot.press("q")
    assert app.return_code == 0


async def test_empty_folder_in_vietnamese(tmp_path):
    app = app_on(tmp_path, "vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, EmptyScreen)
        shown = " ".join(str(w.content) for w in app.screen.query("Static"))
        assert "Chưa có bài để đọc" in shown and str(tmp_path) in shown


async def test_markup_in_titles_and_text_is_shown_literally():
    nasty = article(
        "nasty",
        "[bold red]x[/] and a stray [/] [link=http://e]",
        [
            "[/] a paragraph that opens with a stray closing tag",
            "[b]not bold[/b] and \\[escaped] and [@click=app.quit]quit[/]",
        ],
        published="2025-01-01",
        people=(),
    )
    app = make_app(
        [nasty, *sample_articles()], skipped=[Skipped("[red]f[/].txt", SkipKind.OTHER, "[/]")]
    )
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.main_screen.reader.article.id == "nasty"
        lines = [line.text.plain for line in app.main_screen.reader._lines]
        assert "[bold red]x[/] and a stray [/] [link=http://e]" in " ".join(lines)
        assert any("[/] a paragraph" in line for line in lines)
        assert any("[@click=app.quit]quit[/]" in line for line in lines)
        rendered = "".join(
            app.main_screen.reader.render_line(y).text
            for y in range(app.main_screen.reader.size.height)
        )
        assert "[bold red]x[/]" in rendered
        labels = tree_labels(app.query_one(ArticleTree))
        assert "[bold red]x[/] and a stray [/] [link=http://e]" in labels
        tree = app.query_one(ArticleTree)
        tree_text = "".join(tree.render_line(y).text for y in range(tree.size.height))
        assert "[bold red]x[/]" in tree_text
        await pilot.press("exclamation_mark")
        await pilot.press("escape")
        await _open_palette_and_choose(pilot, "bold red")
        assert app.main_screen.reader.article.id == "nasty"
        assert app.is_running


async def test_vietnamese_interface():
    app = make_app(lang="vi")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        labels = tree_labels(app.query_one(ArticleTree))
        assert "Không có chỉ thị (1)" in labels
        assert "Tô sáng" in str(app.query_one("#legend").content)
        descriptions = {b.description for b in type(app.main_screen.reader).BINDINGS}
        assert "¶" in descriptions
        descriptions = {b.description for b in type(app.main_screen).BINDINGS}
        assert "khoảng" in descriptions  # v works from every pane


async def test_unknown_year_group():
    undated = article("undated", "Bài không rõ ngày", published=None)
    app = make_app([*sample_articles(), undated])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert "Unknown year (1)" in tree_labels(app.query_one(ArticleTree))


async def test_inferred_year_is_marked_and_explained():
    inferred = article("inf", "Tổng kết 10 năm", published=None)
    inferred.year, inferred.year_source = 2024, "inferred"
    inferred.year_note = "10 years after 39-CT/TW of 18/08/2014"
    app = make_app([inferred])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        text = " ".join(line.text.plain for line in app.main_screen.reader._lines)
        assert "year 2024*" in text
        assert "* Year inferred: 10 years after 39-CT/TW of 18/08/2014" in text


async def test_tab_cycles_panes():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        assert app.focused is app.main_screen.reader
        await pilot.press("tab")
        assert app.focused is tree
        await pilot.press("tab")
        assert app.focused is app.main_screen.reader
        await pilot.press("shift+tab")
        assert app.focused is tree


def test_text_is_never_markup():
    assert Text("[b]x[/b]").plain == "[b]x[/b]"


async def test_theme_change_under_a_dialog_updates_the_main_screen():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        app.theme = "nord"  # the palette previews themes while it is open
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.theme == "nord"


async def test_large_corpus_tree_adds_a_years_articles_only_when_it_is_opened():
    articles = [
        article(f"y{year}-{n}", f"Bài {n} năm {year}", published=f"{year}-03-{n % 28 + 1:02d}")
        for year in range(2014, 2025)
        for n in range(60)
    ]
    app = make_app(articles)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one(ArticleTree)
        # only the year of the open article has leaves
        assert len(tree._article_nodes) == 60
        open_year = app.main_screen.reader.article.id[1:5]
        other = "2017" if open_year != "2017" else "2018"
        year_node = next(
            n for n in tree.root.children[0].children if str(n.label).startswith(other)
        )
        assert not year_node.children
        year_node.expand()
        await wait_for(pilot, lambda: len(year_node.children) == 60, "the year's leaves")
        # [ and ] walk into years not yet opened
        app.main_screen.open_article("y2019-5")
        await pilot.pause()
        assert "y2019-5" in tree._article_nodes and tree.open_article_id == "y2019-5"


class BuildingLibrary:
    """A Library whose first build the test lets go on: the first article is indexed at
    once, the rest when `finish` is set."""

    def __new__(cls, articles, finish):
        library = library_for(articles[:1])
        real_refresh = library.refresh

        def refresh(progress=None, on_batch=None, *, cancel=None):
            progress(1, len(articles))
            on_batch()
            finish.wait(10)
            library._writer.store_articles(articles[1:], [])
            return real_refresh()

        library.refresh = refresh
        return library


async def test_articles_indexed_so_far_can_be_read_during_a_first_build(monkeypatch):
    import threading

    from newsreader.app import loading

    monkeypatch.setattr(loading, "FIRST_PARTIAL_AFTER", 0)
    articles = sample_articles()
    finish = threading.Event()
    app = NewsreaderApp(BuildingLibrary(articles, finish), "en")
    async with app.run_test(size=SIZE) as pilot:
        reader = app.main_screen.reader
        await wait_for(pilot, lambda: reader.article is not None, "the first indexed article")
        assert not app.main_screen.flow.done and app.main_screen.load_state == "partial"
        first = reader.article.id
        assert first == articles[0].id
        await pilot.press("j")
        cursor = reader.cursor
        await wait_for(
            pilot,
            lambda: "1/5" in app.main_screen.header.render().plain,
            "progress in the header",
        )
        finish.set()
        await loaded(pilot)
        # the build finished under the reader: same article, same passage, the whole tree
        assert reader.article.id == first and reader.cursor == cursor
        assert app.main_screen.flow.shown.articles == len(articles)
        assert app.main_screen.load_state == "ready"


def test_keymap_file_is_read_and_its_mistakes_reported(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text(
        '[keys]\ncursor_down = ["ctrl+n", "down"]\nbookmarks = "M"\nnot_an_action = "x"\n'
        'help = 3\ntoggle_sidebar = "?"\n',
        encoding="utf-8",
    )
    keymap, problems = keys.load_keymap(path)
    assert keymap == {
        "cursor_down": ("ctrl+n", "down"),
        "bookmarks": ("M",),
        "toggle_sidebar": ("question_mark",),
    }
    assert len(problems) == 2 and "not_an_action" in problems[0] and "help" in problems[1]
    assert keys.load_keymap(tmp_path / "missing.toml") == ({}, [])
    path.write_text("[keys\n", encoding="utf-8")
    assert "not valid TOML" in keys.load_keymap(path)[1][0]


async def test_a_remapped_key_works_and_shows_everywhere():
    app = make_app(keymap={"cursor_down": ("ctrl+n",), "toggle_sidebar": ("S",)})
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = app.main_screen.reader
        await pilot.press("ctrl+n", "ctrl+n")
        assert reader.cursor == 2
        await pilot.press("j")  # no longer bound
        assert reader.cursor == 2
        await pilot.press("S")
        assert not app.main_screen.sidebar.display
        footer = screen_text(app).splitlines()[-1]
        assert "ctrl+n/↑ ¶" in footer
        await pilot.press("question_mark")
        help_text = plain(app.screen.query_one("#help-table").content, 96)
        assert "ctrl+n" in help_text and "Show or hide the article tree" in help_text
        assert "S " in help_text


async def test_keys_typed_while_quitting_open_nothing():
    """q then a, typed fast: the note dialog must not open on an app that is closing (it
    crashed with NoMatches in a real terminal)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = app.main_screen
        assert screen.check_action("edit_note", ())
        app.exit(0)
        assert not screen.check_action("edit_note", ())
        assert not screen.check_action("bookmarks", ())
