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
        screen = app.main_screen
        # Titles are read when the palette opens, not kept for the whole session.
        titles = app.library.titles() if screen.flow.showing_articles else []
        self._articles = [(fold(title), entry) for entry in titles for title in [entry[1]]]
        lang = app.strings.lang
        self._actions = [
            (fold(entry.description(lang)), entry)
            for entry in app.registry.actions()
            if entry.palette
        ]
        self._system = [
            (fold(f"{command.title} {command.help}"), command)
            for command in app.get_system_commands(self.screen)
        ]

    def _action_hit_parts(self, entry: keys.KeyAction) -> tuple[str, Content]:
        s = self.reader_app.strings
        return entry.description(s.lang), Content(f"{s('palette_action')} · {entry.display}")

    def _article_help(self, date: str, directive: str | None) -> Content:
        from newsreader.core.formatting import datetime_text

        app = self.reader_app
        parts = [app.strings("palette_open")]
        if date:
            parts.append(datetime_text(date))
        if directive:
            parts.append(app.main_screen.labels.get(directive, directive))
        return Content(" · ".join(parts))

    async def discover(self) -> Hits:
        app = self.reader_app
        for _, command in self._system:
            yield DiscoveryHit(
                Content(command.title),
                command.callback,
                text=command.title,
                help=Content(command.help),  # type: ignore[arg-type]
            )
        for _, entry in self._actions:
            text, help_text = self._action_hit_parts(entry)
            yield DiscoveryHit(
                Content(text),
                partial(app.run_registry_action, entry.id),
                text=text,
                help=help_text,  # type: ignore[arg-type]
            )

    async def search(self, query: str) -> Hits:
        from newsreader.core.text.fold import fold

        app = self.reader_app
        folded = fold(query)
        needed = set(folded.replace(" ", ""))
        search = FuzzySearch()
        style = self.match_style or Style(reverse=True)
        article_hits = []
        for folded_title, entry in self._articles:
            if not needed <= set(folded_title):
                continue
            score, offsets = search.match(folded, folded_title)
            if score > 0:
                article_hits.append((score, offsets, entry))
        article_hits.sort(key=lambda item: -item[0])
        for score, offsets, (article_id, title, date, directive) in article_hits[:MAX_ARTICLE_HITS]:
            yield Hit(
                score,
                highlighted(title, offsets, style),
                partial(app.main_screen.open_article, article_id, focus_reader=True),
                text=title,
                help=self._article_help(date, directive),  # type: ignore[arg-type]
            )
        for folded_text, command in self._system:
            score, offsets = search.match(folded, folded_text)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(command.title, offsets, style),
                    command.callback,
                    text=command.title,
                    help=Content(command.help),  # type: ignore[arg-type]
                )
        for folded_text, action in self._actions:
            score, offsets = search.match(folded, folded_text)
            if score > 0:
                text, help_text = self._action_hit_parts(action)
                yield Hit(
                    score,
                    highlighted(text, offsets, style),
                    partial(app.run_registry_action, action.id),
                    text=text,
                    help=help_text,  # type: ignore[arg-type]
                )
