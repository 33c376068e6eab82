"""The Textual reader. Textual is imported only when the reader runs, so the CLI's other
commands start without it."""

from __future__ import annotations

from pathlib import Path


def run_app(corpus_root: Path, lang: str | None = None) -> int:
    """Run the reader on a corpus folder; the exit status for the CLI."""
    from newsreader.app import preload

    # Before Textual is imported: the corpus loads in a child process meanwhile.
    loading = preload.start(Path(corpus_root))

    from newsreader.app.main import NewsreaderApp
    from newsreader.app.strings import detect_language

    loader = (
        (lambda root, progress, partial=None: loading.result(progress, partial))
        if loading
        else None
    )
    app = NewsreaderApp(Path(corpus_root), detect_language(lang), loader=loader)
    try:
        result = app.run()
    finally:
        if loading is not None:
            loading.cancel()  # quit while loading: stop the child
    if app.return_code not in (None, 0):
        return app.return_code
    return result if isinstance(result, int) else 0
