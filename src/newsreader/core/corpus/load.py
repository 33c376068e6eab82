"""The one entry point for loading: a folder in, a Corpus out."""

from __future__ import annotations

from pathlib import Path

from newsreader.core.corpus.analysis import analyse
from newsreader.core.corpus.grouping import sort_newest_first
from newsreader.core.corpus.loader import Progress, read_corpus
from newsreader.core.model import Corpus, SkipKind, Skipped


def load_corpus(root: Path, progress: Progress | None = None) -> Corpus:
    """Load every article under root. Never raises for a bad file; a missing root gives an
    empty corpus with the reason in `skipped`."""
    root = Path(root)
    if not root.is_dir():
        reason = "no such folder" if not root.exists() else "not a folder"
        return Corpus(str(root), [], [Skipped(str(root), SkipKind.MISSING, reason)])
    documents, skipped = read_corpus(root, progress)
    articles = sort_newest_first(analyse(documents))
    return Corpus(str(root), articles, skipped, Corpus.warnings_of(articles))
