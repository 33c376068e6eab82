"""What the reader needs from the core, computed off the UI thread (or in the preload child).

The result holds only plain data and core.model objects, so the UI process can unpickle it
without importing the core's text engine (dates, people, directives, YAML).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.core.model import Article, Corpus

# directive code (None: no directive) -> [(year or None, [article ids newest first])]
Groups = list[tuple[str | None, list[tuple[int | None, list[str]]]]]


@dataclass(slots=True)
class LoadedCorpus:
    corpus: Corpus
    groups: Groups = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # directive code -> "Chỉ thị 39-CT/TW"

    @property
    def order(self) -> list[Article]:
        """Articles in sidebar order (what [ and ] walk)."""
        by_id = {a.id: a for a in self.corpus.articles}
        return [by_id[i] for _, years in self.groups for _, ids in years for i in ids]

    def label(self, code: str) -> str:
        return self.labels.get(code, code)


def prepare(corpus: Corpus) -> LoadedCorpus:
    from newsreader.core.directives import directive_label
    from newsreader.core.grouping import group_articles

    groups: Groups = [
        (group.code, [(year.year, [a.id for a in year.articles]) for year in group.years])
        for group in group_articles(corpus.articles)
    ]
    codes = {c for a in corpus.articles for c in [*a.directives, a.directive] if c}
    return LoadedCorpus(corpus, groups, {code: directive_label(code) for code in codes})


def load(root: Path, progress: Callable[[int, int], None] | None = None) -> LoadedCorpus:
    """The corpus through its index in the cache dir: a warm start reads no article file.
    Falls back to reading everything when the cache dir cannot be used."""
    import sqlite3

    from newsreader import locations
    from newsreader.core.index import open_corpus

    try:
        corpus = open_corpus(root, locations.cache_dir(), progress)
    except (OSError, sqlite3.Error):
        from newsreader.core.corpus import load_corpus

        corpus = load_corpus(root, progress)
    return prepare(corpus)
