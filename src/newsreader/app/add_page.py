"""A web page into the corpus from the reader: `A` (or the palette) asks for a URL, adds it
with Library.add_pages in a worker thread (the screen never waits on the network), says what
happens in one-line notices, then opens the article (the one already there when the URL is).

A mixin of MainScreen, and the dialog that asks.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from newsreader.app.dialogs import _Form
from newsreader.app.footer import FittingFooter

if TYPE_CHECKING:
    from newsreader.app import keys
    from newsreader.app.loading import LoadFlow
    from newsreader.app.strings import Strings
    from newsreader.core.library import Library

WEB_PAGE_SUFFIXES = (".html", ".htm")


def addable(source: str) -> bool:
    """An http(s) address, or a saved web page that exists."""
    if source.lower().startswith(("http://", "https://")):
        try:
            return bool(urlsplit(source).hostname)
        except ValueError:  # a bad port or bracket
            return False
    path = Path(source).expanduser()
    return path.suffix.lower() in WEB_PAGE_SUFFIXES and path.is_file()


class AddPageDialog(_Form):
    """Ask for a URL (or a saved .html file). Dismisses with it, None on cancel."""

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="form", classes="add-page-dialog"):
            yield Static(Content(s("add_page_title")), classes="dialog-title")
            yield Static(Content(s("add_page_subtitle")), classes="form-subtitle")
            yield Input(placeholder="https://", id="add-page-input")
            yield Static(Content(""), id="add-page-error")
            yield Static(Content(s("add_page_hint")), classes="dialog-hint")
        yield FittingFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#add-page-input", Input).focus()

    refused: str | None = None  # the text the error under the box is about

    def on_input_changed(self, event: Input.Changed) -> None:
        # A paste and Enter come faster than the box's Changed messages: only a change
        # after the refusal clears it.
        if event.value.strip() != self.refused:
            self.refused = None
            self.query_one("#add-page-error", Static).update(Content(""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        source = self.query_one("#add-page-input", Input).value.strip()
        if not addable(source):
            message = self.strings("add_page_not_url" if source else "add_page_empty")
            self.refused = source
            self.query_one("#add-page-error", Static).update(Content(message))
            return
        self.dismiss(source)


class AddPageActions:
    """`A` for MainScreen (which provides library, strings, registry, flow, notify…)."""

    library: Library
    strings: Strings
    registry: keys.Keys
    flow: LoadFlow

    if TYPE_CHECKING:
        app: Any

        def notify(self, *args: Any, **kwargs: Any) -> None: ...
        def open_article(self, *args: Any, **kwargs: Any) -> None: ...
        def run_worker(self, *args: Any, **kwargs: Any) -> Any: ...
        def show_summary(self, *args: Any, **kwargs: Any) -> None: ...

    adding: str | None = None  # the source being added (one at a time)

    def action_add_page(self) -> None:
        s = self.strings
        if self.library.is_bundled:
            self.notify(s("add_page_sample"), markup=False, severity="warning", timeout=8)
            return
        if not self.flow.done:
            self.notify(s("add_page_wait_loading"), markup=False, timeout=4)
            return
        if self.adding is not None:
            self.notify(s("add_page_busy", source=self.adding), markup=False, timeout=4)
            return
        dialog = self.registry.bound(AddPageDialog, "form")(s)
        self.app.push_screen(dialog, self._start_adding)

    def _start_adding(self, source: str | None) -> None:
        if not source:
            return
        self.adding = source
        self.notify(self.strings("add_page_fetching", source=source), markup=False, timeout=6)
        self.run_worker(
            partial(self._add_in_thread, source),
            thread=True,
            name="add-page",
            group="add-page",
            exit_on_error=False,
        )

    def _add_in_thread(self, source: str) -> None:
        result: object
        try:
            ((_, result),) = self.library.add_pages([source])
        except Exception as error:  # the store or the folder: one line, never a traceback
            result = str(error) or type(error).__name__
        self.app.call_from_thread(self._added, source, result)

    def _reason(self, source: str, error: Exception | str) -> str:
        """Why a page was not added, in the interface's language where the core said which
        reason it was (the system's own words, such as a network error's, stay as they are)."""
        kind = getattr(error, "kind", None)
        if kind is not None and self.strings.has(f"add_error_{kind}"):
            return self.strings(f"add_error_{kind}", **getattr(error, "params", {}))
        return str(error).removeprefix(f"{source}: ")  # the notice names the source once

    def _added(self, source: str, result: Any) -> None:
        self.adding = None
        s = self.strings
        if isinstance(result, Exception | str):
            self.notify(
                s("add_page_failed", source=source, error=self._reason(source, result)),
                markup=False,
                severity="error",
                timeout=10,
            )
            return
        key = "add_page_added" if result.added else "add_page_known"
        self.notify(s(key, title=result.title or result.id), markup=False, timeout=6)
        self.show_summary(self.library.summary())
        self.open_article(result.id, focus_reader=True)
