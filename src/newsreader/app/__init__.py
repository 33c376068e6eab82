"""The Textual reader. Textual is imported only when the reader runs, so the CLI's other
commands start without it."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.core.library import Library

QUIT_WAIT = 0.2  # seconds


def run_app(library: Library, lang: str | None = None, measure: int | None = None) -> int:
    """Run the reader on a Library; the exit status for the CLI. `measure` (from
    `--measure`) wins over the settings file's."""
    from newsreader import locations
    from newsreader.app.keys import load_keymap
    from newsreader.app.main import NewsreaderApp
    from newsreader.app.settings import load_settings
    from newsreader.app.strings import detect_language

    # What is imported now lives as long as the process: out of the collector's sight, no
    # collection walks it again, and the one at exit skips it (a third of a warm start's
    # CPU went to those walks).
    gc.freeze()
    keymap, problems = load_keymap(locations.keymap_file())
    settings, settings_problems = load_settings(locations.settings_file())
    app = NewsreaderApp(
        library,
        detect_language(lang),
        keymap=keymap,
        keymap_problems=problems,
        settings_problems=settings_problems,
        measure=measure or settings.measure,
    )
    try:
        result = app.run()
    finally:
        # The loading thread was told to stop when the reader quit; it stops at the next
        # checkpoint of its analysis, but the reader does not wait past this for it.
        library.close(refresh_wait=QUIT_WAIT)
    if app.return_code not in (None, 0):
        return app.return_code
    return result if isinstance(result, int) else 0
