"""Filter tags: an article's year, directives, people and place as words in the full-text index.

The index keeps each article's tags once, in a full-text table of their own (article_tags), so
a filter (y:2024, d:39-CT/TW, p:"Lê Văn Châu") is an FTS5 expression that selects articles;
the words' paragraphs are then checked against that set. Tags are alphanumeric (the
tokenizer splits on anything else) and start with a prefix no real word has.
"""

from __future__ import annotations

import re

from newsreader.core.model import Article
from newsreader.core.text.fold import fold

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def year_tag(year: int) -> str:
    return f"zy{year}"


def directive_tag(number: str, kind: str = "", issuer: str = "") -> str:
    """zd39nct.tw -> "zd39ncttw"; the n after the number keeps "39" from matching "390"."""
    return "zd" + _NON_ALNUM.sub("", fold(f"{int(number)}n{kind}{issuer}"))


def person_tag(name: str) -> str:
    return "zp" + _NON_ALNUM.sub("", fold(name))


def place_tag(place: str) -> str:
    return "zt" + _NON_ALNUM.sub("", fold(place))


def filter_tags(article: Article) -> str:
    tags = [year_tag(article.year)] if article.year else []
    for code in article.directives:
        number, _, rest = code.partition("-")
        kind, _, issuer = rest.partition("/")
        if number.isdigit():
            tags.append(directive_tag(number, kind, issuer))
    tags.extend(person_tag(name) for name in article.people)
    if article.place:
        tags.append(place_tag(article.place))
    return " ".join(tags)
