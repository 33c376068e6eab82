"""Screens besides the main one: help, skipped files, empty corpus.

Everything shown is built from plain strings into rich Text / Textual Content.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from newsreader.app import keys
from newsreader.app.footer import FittingFooter
from newsreader.app.strings import Strings
from newsreader.core.model import Skipped


class _Dialog(ModalScreen[None], inherit_bindings=False):
    """A modal page that closes with the registry's dialog keys."""

    BINDINGS = keys.bindings("dialog")

    def __init__(self, strings: Strings) -> None:
        super().__init__()
        self.strings = strings

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up(animate=False)


def help_table(strings: Strings, registry: keys.Keys) -> Group:
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
            [(entry.display, entry.description(s.lang)) for entry in registry.actions(pane)],
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

    def __init__(self, strings: Strings, registry: keys.Keys) -> None:
        super().__init__(strings)
        self.registry = registry

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="dialog", classes="help"):
            yield Static(Text(s("help_title")), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(s, self.registry), id="help-table")
            yield Static(Text(s("close_hint")), classes="dialog-hint")
        yield FittingFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()


class SkippedScreen(_Dialog):
    """The files the loader skipped, and why."""

    def __init__(
        self, strings: Strings, root: str, skipped: list[Skipped], warnings: list[Skipped]
    ) -> None:
        super().__init__(strings)
        self.root = root
        self.skipped = skipped
        self.warnings = warnings

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="dialog", classes="skipped"):
            yield Static(Text(s("skipped_title")), classes="dialog-title")
            with VerticalScroll(id="skipped-scroll"):
                if not self.skipped:
                    yield Static(Text(s("skipped_none")))
                else:
                    yield Static(Text(s("skipped_intro", root=self.root)), classes="intro")
                    yield Static(self._table(self.skipped), id="skipped-table")
                if self.warnings:
                    yield Static(Text(s("warnings_intro")), classes="intro")
                    yield Static(self._table(self.warnings), id="warnings-table")
            yield Static(Text(s("close_hint")), classes="dialog-hint")
        yield FittingFooter(compact=True, show_command_palette=False)

    def _table(self, items: list[Skipped]) -> Table:
        s = self.strings
        table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
        table.add_column(Text(s("col_file")), ratio=2, overflow="fold")
        table.add_column(Text(s("col_reason")), ratio=3, overflow="fold")
        for item in items:
            table.add_row(Text(item.path), Text(s.skip_reason(item)))
        return table

    def on_mount(self) -> None:
        self.query_one("#skipped-scroll").focus()


class EmptyScreen(Screen[None]):
    """No articles: where newsreader looked and how to add some. q quits (app binding)."""

    def __init__(self, strings: Strings, root: str, skipped: list[Skipped]) -> None:
        super().__init__()
        self.strings = strings
        self.root = root
        self.skipped = skipped

    def compose(self) -> ComposeResult:
        s = self.strings
        root_reason = next((s.skip_reason(x) for x in self.skipped if x.path == self.root), None)
        with VerticalScroll(id="empty"):
            yield Static(Text(s("empty_title")), classes="dialog-title")
            yield Static(Text(s("empty_looked")))
            where = Text(self.root, style="bold")
            if root_reason:
                where.append(" " + s("empty_reason", reason=root_reason), style="italic")
            yield Static(where, classes="where")
            yield Static(Text(s("empty_how")))
            yield Static(Text(s("empty_cmd"), style="bold"), classes="cmd")
            yield Static(Text(s("empty_env"), style="bold"), classes="cmd")
            if len(self.skipped) > (1 if root_reason else 0):
                yield Static(Text(s("skipped_notice", n=len(self.skipped))))
            yield Static(Text(s("empty_quit")), classes="dialog-hint")
