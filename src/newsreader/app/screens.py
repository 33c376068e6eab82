"""Screens besides the main one: help, skipped files, empty corpus.

Everything shown is built from plain strings into rich Text / Textual Content.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from newsreader.app import keys
from newsreader.app.strings import Strings
from newsreader.core.model import Corpus


class _Dialog(ModalScreen[None], inherit_bindings=False):
    """A modal page that closes with the registry's dialog keys."""

    BINDINGS = keys.bindings("dialog")

    def __init__(self, strings: Strings) -> None:
        super().__init__()
        self.strings = strings
        self._bindings = BindingsMap(keys.bindings("dialog", strings.lang))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up(animate=False)


def help_table(strings: Strings) -> Group:
    """Every registry key by pane, then the mouse: a title and a two-column table per pane."""
    s = strings
    parts: list = []

    def section(title: str, rows: list[tuple[str, str]]) -> None:
        if parts:
            parts.append(Text(""))
        parts.append(Text(title, style="bold underline"))
        table = Table.grid(padding=(0, 2), expand=False)
        table.add_column(no_wrap=True, style="bold", min_width=10)
        table.add_column(ratio=1)
        for key, description in rows:
            table.add_row(Text(key), Text(description))
        parts.append(table)

    for pane in keys.PANES:
        section(
            s(f"pane_{pane}"),
            [(entry.display, entry.description(s.lang)) for entry in keys.actions(pane)],
        )
    section(
        s("pane_mouse"),
        [
            (s("mouse_key_click"), s("mouse_click_article")),
            (s("mouse_key_click"), s("mouse_click_paragraph")),
            (s("mouse_key_wheel"), s("mouse_scroll")),
        ],
    )
    return Group(*parts)


class HelpScreen(_Dialog):
    """Every key, by pane, from the registry."""

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="dialog", classes="help"):
            yield Static(Text(s("help_title")), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(s), id="help-table")
            yield Static(Text(s("close_hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()


class SkippedScreen(_Dialog):
    """The files the loader skipped, and why."""

    def __init__(self, strings: Strings, corpus: Corpus) -> None:
        super().__init__(strings)
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        s = self.strings
        corpus = self.corpus
        with Vertical(id="dialog", classes="skipped"):
            yield Static(Text(s("skipped_title")), classes="dialog-title")
            with VerticalScroll(id="skipped-scroll"):
                if not corpus.skipped:
                    yield Static(Text(s("skipped_none")))
                else:
                    yield Static(Text(s("skipped_intro", root=corpus.root)), classes="intro")
                    yield Static(self._table(corpus.skipped), id="skipped-table")
                if corpus.warnings:
                    yield Static(Text(s("warnings_intro")), classes="intro")
                    yield Static(self._table(corpus.warnings), id="warnings-table")
            yield Static(Text(s("close_hint")), classes="dialog-hint")

    def _table(self, items) -> Table:
        s = self.strings
        table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
        table.add_column(Text(s("col_file")), ratio=2, overflow="fold")
        table.add_column(Text(s("col_reason")), ratio=3, overflow="fold")
        for item in items:
            table.add_row(Text(item.path), Text(item.reason))
        return table

    def on_mount(self) -> None:
        self.query_one("#skipped-scroll").focus()


class EmptyScreen(Screen[None]):
    """No articles: where newsreader looked and how to add some. q quits (app binding)."""

    def __init__(self, strings: Strings, corpus: Corpus) -> None:
        super().__init__()
        self.strings = strings
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        s = self.strings
        root_reason = next(
            (x.reason for x in self.corpus.skipped if x.path == self.corpus.root), None
        )
        with VerticalScroll(id="empty"):
            yield Static(Text(s("empty_title")), classes="dialog-title")
            yield Static(Text(s("empty_looked")))
            where = Text(self.corpus.root, style="bold")
            if root_reason:
                where.append(" " + s("empty_reason", reason=root_reason), style="italic")
            yield Static(where, classes="where")
            yield Static(Text(s("empty_how")))
            yield Static(Text(s("empty_cmd"), style="bold"), classes="cmd")
            yield Static(Text(s("empty_env"), style="bold"), classes="cmd")
            if len(self.corpus.skipped) > (1 if root_reason else 0):
                yield Static(Text(s("skipped_notice", n=len(self.corpus.skipped))))
            yield Static(Text(s("empty_quit")), classes="dialog-hint")
