"""Articles grouped by directive, then year: the shape of the sidebar and of `list`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsreader.core.model import Article


def sort_newest_first(articles: list[Article]) -> list[Article]:
    """Newest first by published date (else year); undated last; ties by title."""

    def stamp(article: Article) -> str:
        return article.published or (str(article.year) if article.year else "")

    by_title = sorted(articles, key=lambda a: (a.title.casefold(), a.id))
    dated = sorted((a for a in by_title if stamp(a)), key=stamp, reverse=True)
    return dated + [a for a in by_title if not stamp(a)]


@dataclass(slots=True)
class YearGroup:
    year: int | None
    articles: list[Article]


@dataclass(slots=True)
class DirectiveGroup:
    code: str | None  # None: the articles that cite no directive
    years: list[YearGroup]

    @property
    def count(self) -> int:
        return sum(len(y.articles) for y in self.years)


def group_articles(articles: list[Article]) -> list[DirectiveGroup]:
    """Directives by number of articles (then code), no-directive last; years newest first,
    unknown last; articles newest first."""
    by_code: dict[str | None, dict[int | None, list[Article]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article in sort_newest_first(articles):
        by_code[article.directive][article.year].append(article)
    groups = []
    for code, years in by_code.items():
        ordered = sorted(years, key=lambda y: (y is None, -(y or 0)))
        groups.append(DirectiveGroup(code, [YearGroup(y, years[y]) for y in ordered]))
    groups.sort(key=lambda g: (g.code is None, -g.count, g.code or ""))
    return groups


def sidebar_order(articles: list[Article]) -> list[Article]:
    """Articles in the order the sidebar shows them ([ and ] walk this order)."""
    return [a for group in group_articles(articles) for year in group.years for a in year.articles]
