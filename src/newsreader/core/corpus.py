"""The one entry point for loading: a folder in, a Corpus out."""

from __future__ import annotations

from pathlib import Path

from newsreader.core.analysis import analyse
from newsreader.core.loader import Progress, read_corpus
from newsreader.core.model import Article, Corpus, Skipped


def sort_newest_first(articles: list[Article]) -> list[Article]:
    """Newest first by published date (else year); undated last; ties by title."""

    def stamp(article: Article) -> str:
        return article.published or (str(article.year) if article.year else "")

    by_title = sorted(articles, key=lambda a: (a.title.casefold(), a.id))
    dated = sorted((a for a in by_title if stamp(a)), key=stamp, reverse=True)
    return dated + [a for a in by_title if not stamp(a)]


def load_corpus(root: Path, progress: Progress | None = None) -> Corpus:
    """Load every article under root. Never raises for a bad file; a missing root gives an
    empty corpus with the reason in `skipped`."""
    root = Path(root)
    if not root.is_dir():
        reason = "no such folder" if not root.exists() else "not a folder"
        return Corpus(str(root), [], [Skipped(str(root), reason)])
    documents, skipped = read_corpus(root, progress)
    articles = sort_newest_first(analyse(documents))
    warnings = [Skipped(a.path, w) for a in articles for w in a.warnings]
    return Corpus(str(root), articles, skipped, warnings)
