"""Small dialogs for bookmarks: the note editor, the export dialog and a yes/no question.

Every text shown (notes, titles, paths, error messages) is built as Content/Text from plain
strings: a note "[bold]x[/]" is shown as those characters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from newsreader.app import keys
from newsreader.app.footer import FittingFooter
from newsreader.app.strings import Strings

if TYPE_CHECKING:
    from newsreader.app.main import NewsreaderApp


class _Form(ModalScreen, inherit_bindings=False):
    """A modal form: Enter saves (the Input's submit), Esc cancels (registry pane "form")."""

    BINDINGS = keys.bindings("form")

    def __init__(self, strings: Strings) -> None:
        super().__init__()
        self.strings = strings

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteDialog(_Form):
    """Edit a passage's note. Dismisses with the new text ("" clears it), None on cancel."""

    def __init__(self, strings: Strings, passage_label: str, title: str, note: str | None) -> None:
        super().__init__(strings)
        self.passage_label = passage_label
        self.article_title = title
        self.note = note or ""

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="form", classes="note-dialog"):
            yield Static(Content(s("note_title", label=self.passage_label)), classes="dialog-title")
            yield Static(Content(self.article_title), classes="form-subtitle")
            yield Input(self.note, placeholder=s("note_placeholder"), id="note-input")
            yield Static(Content(s("note_hint")), classes="dialog-hint")
        yield FittingFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#note-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_submit(self) -> None:
        self.dismiss(self.query_one("#note-input", Input).value)


class ConfirmDialog(ModalScreen[bool], inherit_bindings=False):
    """A yes/no question: y says yes, n or Esc says no (Enter alone never overwrites)."""

    BINDINGS = keys.bindings("confirm")

    def __init__(self, strings: Strings, question: str) -> None:
        super().__init__()
        self.strings = strings
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="confirm"):
            yield Static(Content(self.question), id="confirm-question")
            yield Static(Content(self.strings("confirm_hint")), classes="dialog-hint")
        yield FittingFooter(compact=True, show_command_palette=False)

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class ExportDialog(_Form):
    """Pick a format and a file, then write. Dismisses with the written path, None on cancel.

    `write(fmt, path, force)` writes the export and returns where (FileExistsError when the
    file is there and force is False); `default_path(fmt)` is the file proposed. The full
    path is shown before writing; an existing file is only replaced after a yes.
    """

    def __init__(
        self,
        strings: Strings,
        what: str,
        write: Callable[[str, Path, bool], Path],
        default_path: Callable[[str], Path],
        fmt: str = "md",
    ) -> None:
        super().__init__(strings)
        self.what = what  # "3 passages from 2 articles"
        self.write = write
        self.default_path = default_path
        self.fmt = fmt
        self._proposed = str(default_path(fmt))

    @property
    def reader_app(self) -> NewsreaderApp:
        # Textual types Screen.app as App[Any]; this screen only runs in NewsreaderApp.
        return cast("NewsreaderApp", self.app)

    def compose(self) -> ComposeResult:
        # The export module (and the directive rules under it) waits for the first export.
        from newsreader.core.export import FORMATS

        s = self.strings
        with Vertical(id="form", classes="export-dialog"):
            yield Static(Content(s("export_title")), classes="dialog-title")
            yield Static(Content(self.what), classes="form-subtitle")
            # The label above the formats, as above the file: the three fit on one line at
            # 80 columns in both languages.
            yield Static(Content(s("export_format")), classes="form-label")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(
                        Content(s(f"export_format_{fmt}")),
                        value=fmt == self.fmt,
                        id=f"fmt-{fmt}",
                    )
            yield Static(Content(s("export_file")), classes="form-label")
            yield Input(self._proposed, id="export-path")
            yield Static(Content(""), id="export-full")
            yield Static(Content(""), id="export-error")
            yield Static(Content(s("export_hint")), classes="dialog-hint")
        yield FittingFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._show_full()
        self.query_one("#export-path", Input).focus()

    def _target(self) -> Path:
        raw = self.query_one("#export-path", Input).value.strip()
        return Path(raw).expanduser().absolute() if raw else Path()

    def _show_full(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        s = self.strings
        what = s(f"export_format_{self.fmt}")
        full = s("export_full", path=str(self._target()), format=what) if raw else ""
        self.query_one("#export-full", Static).update(Content(full))

    def _error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(Content(message))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        fmt = (event.pressed.id or "fmt-md").removeprefix("fmt-")
        if fmt == self.fmt:
            return
        path_input = self.query_one("#export-path", Input)
        current = path_input.value.strip()
        if current == self._proposed:
            self._proposed = str(self.default_path(fmt))
            path_input.value = self._proposed
        elif current.endswith(f".{self.fmt}"):
            path_input.value = current[: -len(self.fmt)] + fmt
        self.fmt = fmt
        self._show_full()
        path_input.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "export-path":
            from newsreader.core.export import FORMATS

            typed = Path(event.value.strip()).suffix.lower().removeprefix(".")
            if typed in FORMATS and typed != self.fmt:  # as the CLI: the extension decides
                self.fmt = typed
                self.query_one(f"#fmt-{typed}", RadioButton).value = True
            self._show_full()
            self._error("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.export()

    def action_submit(self) -> None:
        formats = self.query_one("#export-format", RadioSet)
        if self.focused is formats:
            # Enter on the format list picks the highlighted format (as Space does) and goes
            # back to the file name, where the next Enter writes: never the format left behind.
            formats.action_toggle_button()
            return
        self.export()

    def export(self, force: bool = False) -> None:
        s = self.strings
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._error(s("export_no_path"))
            return
        path = self._target()
        if path.is_dir():
            self._error(s("export_is_folder", path=str(path)))
            return
        if path.exists() and not force:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.export(force=True)
                else:
                    self._error(s("export_not_replaced", path=str(path)))

            confirm = self.reader_app.registry.bound(ConfirmDialog, "confirm")
            self.app.push_screen(confirm(s, s("export_exists", path=str(path))), answered)
            return
        try:
            written = self.write(self.fmt, path, force)
        except FileExistsError as error:
            if path.exists():  # created between the check and the write
                self._error(s("export_exists_now", path=str(path)))
            else:  # a file stands where a folder of the path should be
                self._error(s("export_failed", path=str(path), error=error.strerror or str(error)))
            return
        except OSError as error:
            self._error(s("export_failed", path=str(path), error=error.strerror or str(error)))
            return
        self.dismiss(written)


def literal(text: str, style: str = "") -> Text:
    """Plain text as rich Text (never markup)."""
    return Text(text, style=style)
