"""The Textual reader. Textual is imported only when the reader runs, so the CLI's other
commands start without it."""

from __future__ import annotations

from pathlib import Path


def run_app(corpus_root: Path, lang: str | None = None) -> int:
    """Run the reader on a corpus folder; the exit status for the CLI."""
    from newsreader.app.main import NewsreaderApp
    from newsreader.app.strings import detect_language

    app = NewsreaderApp(Path(corpus_root), detect_language(lang))
    result = app.run()
    if app.return_code not in (None, 0):
        return app.return_code
    return result if isinstance(result, int) else 0
