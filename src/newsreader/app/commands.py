"""The command palette (ctrl+p): open any article by fuzzy title, run any registered action.

Titles are matched folded (no diacritics, any case), so "chi thi bao ve" finds "Chỉ thị …
bảo vệ". Display and help are Content built from plain strings: Textual would read a `str`
prompt as markup, and titles are data.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.style import Style

from newsreader.app import keys

if TYPE_CHECKING:
    from newsreader.app.main import NewsreaderApp

MAX_ARTICLE_HITS = 50


def highlighted(text: str, offsets, style: Style) -> Content:
    content = Content(text)
    for offset in offsets:
        if 0 <= offset < len(text) and not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class NewsreaderCommands(Provider):
    """Articles by title, and every action of the key registry."""

    @property
    def reader_app(self) -> NewsreaderApp:
        return self.app  # type: ignore[return-value]

    async def startup(self) -> None:
        from newsreader.core.text.fold import fold

        app = self.reader_app
        articles = app.corpus.articles if app.corpus else []
        self._articles = [(fold(a.title), a) for a in articles]
        lang = app.strings.lang
        self._actions = [
            (fold(entry.description(lang)), entry) for entry in keys.REGISTRY if entry.palette
        ]

    def _action_hit_parts(self, entry: keys.KeyAction) -> tuple[str, Content]:
        s = self.reader_app.strings
        return entry.description(s.lang), Content(f"{s('palette_action')} · {entry.display}")

    def _article_help(self, article) -> Content:
        s = self.reader_app.strings
        parts = [s("palette_open")]
        if article.published:
            from newsreader.app.reader import format_published

            parts.append(format_published(article.published))
        elif article.year:
            parts.append(str(article.year))
        if article.directive:
            parts.append(self.reader_app.reader._label(article.directive))
        return Content(" · ".join(parts))

    async def discover(self) -> Hits:
        app = self.reader_app
        for _, entry in self._actions:
            text, help_text = self._action_hit_parts(entry)
            yield DiscoveryHit(
                Content(text), partial(app.run_registry_action, entry.id), text=text, help=help_text
            )  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        from newsreader.core.text.fold import fold

        app = self.reader_app
        folded = fold(query)
        needed = set(folded.replace(" ", ""))
        search = FuzzySearch()
        style = self.match_style or Style(reverse=True)
        article_hits = []
        for folded_title, article in self._articles:
            if not needed <= set(folded_title):
                continue
            score, offsets = search.match(folded, folded_title)
            if score > 0:
                article_hits.append((score, offsets, article))
        article_hits.sort(key=lambda item: -item[0])
        for score, offsets, article in article_hits[:MAX_ARTICLE_HITS]:
            yield Hit(
                score,
                highlighted(article.title, offsets, style),
                partial(app.open_article, article.id, focus_reader=True),
                text=article.title,
                help=self._article_help(article),  # type: ignore[arg-type]
            )
        for folded_text, entry in self._actions:
            score, offsets = search.match(folded, folded_text)
            if score > 0:
                text, help_text = self._action_hit_parts(entry)
                yield Hit(
                    score,
                    highlighted(text, offsets, style),
                    partial(app.run_registry_action, entry.id),
                    text=text,
                    help=help_text,
                )  # type: ignore[arg-type]
