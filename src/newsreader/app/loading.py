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
    # The refresh found nothing new since the corpus sent as partial: keep that one.
    same_as_partial: bool = False

    @property
    def order(self) -> list[Article]:
        """Articles in sidebar order (what [ and ] walk)."""
        by_id = {a.id: a for a in self.corpus.articles}
        return [by_id[i] for _, years in self.groups for _, ids in years for i in ids]

    def label(self, code: str) -> str:
        return self.labels.get(code, code)


def prepare(corpus: Corpus) -> LoadedCorpus:
    from newsreader.core.corpus.grouping import group_articles
    from newsreader.core.text.directives import directive_label

    groups: Groups = [
        (group.code, [(year.year, [a.id for a in year.articles]) for year in group.years])
        for group in group_articles(corpus.articles)
    ]
    codes = {c for a in corpus.articles for c in [*a.directives, a.directive] if c}
    return LoadedCorpus(corpus, groups, {code: directive_label(code) for code in codes})


# While a first build of a large corpus runs, the reader shows what is indexed so far:
# a first snapshot soon, then fresher ones now and then (each costs a read of the headers).
FIRST_SNAPSHOT_AFTER = 1.0
SNAPSHOT_EVERY = 10.0


def load(
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    partial: Callable[[LoadedCorpus], None] | None = None,
) -> LoadedCorpus:
    """The corpus through its index in the cache dir: a warm start reads no article file.
    During a first build, `partial` gets the articles indexed so far. Falls back to reading
    everything when the cache dir cannot be used."""
    import sqlite3
    import time

    from newsreader import locations

    shown: LoadedCorpus | None = None
    if partial is not None and Path(root).is_dir():
        # What the cache holds, at once and before the text engine is even imported; the
        # refresh below then catches up with the folder.
        from newsreader.core.store.index import cached_corpus

        cached = cached_corpus(Path(root), locations.cache_dir())
        if cached is not None and cached.articles:
            shown = prepare(cached)
            partial(shown)

    from newsreader.core.store.build import CorpusIndex, open_corpus

    if not Path(root).is_dir():
        return prepare(open_corpus(root, locations.cache_dir()))
    try:
        index = CorpusIndex(Path(root), locations.cache_dir())
        cold = index.is_empty()
        next_snapshot = time.monotonic() + FIRST_SNAPSHOT_AFTER

        def on_commit() -> None:
            nonlocal next_snapshot
            if partial is not None and cold and time.monotonic() >= next_snapshot:
                partial(prepare(index.corpus()))
                next_snapshot = time.monotonic() + SNAPSHOT_EVERY

        try:
            stats = index.refresh(progress, on_commit=on_commit)
        except sqlite3.DatabaseError as exc:
            index.discard(f"damaged ({exc})")
            cold = True
            stats = index.refresh(progress, on_commit=on_commit)
        unchanged = not (stats.parsed or stats.removed or stats.rebuilt)
        if shown is not None and unchanged and index.skipped() == shown.corpus.skipped:
            return LoadedCorpus(Corpus(str(root)), same_as_partial=True)
        corpus = index.corpus()
    except (OSError, sqlite3.Error):
        from newsreader.core.corpus.load import load_corpus

        corpus = load_corpus(root, progress)
    return prepare(corpus)
