"""The newsreader Textual app: it holds the Library, the language and the key registry, and
the actions that work on every screen (help, quit, the palette, the theme)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from newsreader.app import keys
from newsreader.app.commands import NewsreaderCommands
from newsreader.app.main_screen import MainScreen
from newsreader.app.screens import HelpScreen
from newsreader.app.settings import DEFAULT_MEASURE
from newsreader.app.strings import Strings
from newsreader.core.library import Library


class NewsreaderApp(App[int]):
    CSS_PATH = "newsreader.tcss"
    TITLE = "newsreader"
    # Textual's system commands come through NewsreaderCommands: in the reader's language,
    # matched folded like everything else in the palette.
    COMMANDS = {NewsreaderCommands}
    # The registry's keys are bound on each screen (the main screen's Ctrl+P, in the user's
    # language, is the one its footer shows); Ctrl+Q quits and Ctrl+P opens the palette
    # from anywhere.
    BINDINGS = [
        Binding("ctrl+q", "quit", show=False, priority=True),
        Binding("ctrl+p", "app.command_palette", show=False),
    ]

    def __init__(
        self,
        library: Library,
        lang: str = "en",
        *,
        keymap: keys.Keymap | None = None,
        keymap_problems: list[str] | None = None,
        settings_problems: list[str] | None = None,
        measure: int = DEFAULT_MEASURE,
        autoload: bool = True,
    ) -> None:
        """`autoload=False` leaves loading to the caller (tests post the loading messages)."""
        super().__init__()
        self.library = library
        self.strings = Strings(lang)
        self.registry = keys.Keys(self.strings.lang, keymap)
        self.autoload = autoload
        self.keymap_problems = list(keymap_problems or [])
        self.settings_problems = list(settings_problems or [])
        self.measure = measure  # the reading pane's longest line (columns)
        self.export_folder = None  # where exports are proposed (None: the documents folder)
        self._exit_after_paint = os.environ.get("NEWSREADER_EXIT_AFTER_PAINT") == "1"
        self.main_screen = self.registry.bound(MainScreen, "global")(
            library, self.strings, self.registry
        )

    def get_default_screen(self) -> MainScreen:
        return self.main_screen

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for problem in self.keymap_problems:
            self.notify(
                self.strings("keymap_problem", problem=problem),
                markup=False,
                severity="warning",
                timeout=12,
            )
        for problem in self.settings_problems:
            self.notify(
                self.strings("settings_problem", problem=problem),
                markup=False,
                severity="warning",
                timeout=12,
            )

    def apply_theme(self, theme: str | None) -> None:
        if theme and theme in self.available_themes:
            self.theme = theme

    def _theme_changed(self, theme: object) -> None:
        self.main_screen.save_state()

    def after_first_paint(self) -> None:
        """The first articles (or the empty screen) are on screen: a benchmark's cue to exit
        (NEWSREADER_EXIT_AFTER_PAINT=1)."""
        if self._exit_after_paint:
            self._exit_after_paint = False
            self.call_after_refresh(self.action_quit)

    # -- the palette ---------------------------------------------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = self.strings("palette_placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        placeholder = self.strings("palette_themes")
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        s = self.strings
        yield SystemCommand(s("system_theme"), s("system_theme_help"), self.action_change_theme)
        yield SystemCommand(
            s("system_quit"), s("system_quit_help"), lambda: self.call_later(self.action_quit)
        )
        if screen.maximized is not None:
            yield SystemCommand(
                s("system_minimize"), s("system_minimize_help"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                s("system_maximize"), s("system_maximize_help"), screen.action_maximize
            )
        yield SystemCommand(
            s("system_screenshot"),
            s("system_screenshot_help"),
            lambda: self.set_timer(0.1, self.save_screenshot_here),
        )

    def save_screenshot_here(self) -> Path | None:
        """An SVG of the screen in ~/Downloads (made if missing) or else the data folder;
        says where it went."""
        folders = [Path.home() / "Downloads", self.library.data_dir]
        error: OSError | None = None
        for folder in folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                saved = Path(self.save_screenshot(path=str(folder)))
            except OSError as failure:
                error = failure
                continue
            self.notify(self.strings("screenshot_saved", path=str(saved)), markup=False)
            return saved
        reason = (error.strerror or str(error)) if error else ""
        self.notify(
            self.strings("screenshot_failed", path=str(folders[0]), error=reason),
            markup=False,
            severity="error",
        )
        return None

    # -- actions that work everywhere (bound in keys.REGISTRY) ---------------------------------

    def action_help(self) -> None:
        self.push_screen(self.registry.bound(HelpScreen, "dialog")(self.strings, self.registry))

    async def action_quit(self) -> None:
        self.main_screen.save_state()
        self.main_screen.cancel_loading.set()
        self.exit(0)

    async def run_registry_action(self, action_id: str) -> None:
        """Run a registry action as its key would (the palette's way in)."""
        entry = self.registry.get(action_id)
        namespace, _, action = entry.action.rpartition(".")
        screen = self.main_screen
        if namespace == "app":
            await self.run_action(action)
        elif entry.pane == "tree":
            await self.run_action(action, screen.sidebar)
        elif entry.pane == "reader" and not namespace:
            await self.run_action(action, screen.reader)
        else:
            await self.run_action(action, screen)
