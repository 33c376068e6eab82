"""The people of a corpus: who is named, where, how often, with which roles and directives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsreader.core.model import Article
from newsreader.core.text.fold import fold
from newsreader.core.text.roles import roles_near


@dataclass(frozen=True, slots=True)
class Role:
    role: str  # as written next to the name
    article: str  # the id of the article it was seen in

    def to_json(self) -> dict[str, str]:
        return {"role": self.role, "article": self.article}


@dataclass(frozen=True, slots=True)
class Mention:
    article: str
    paragraph: int | None  # None: the title


@dataclass(slots=True)
class Person:
    name: str
    roles: list[Role] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # ids, in the order they were given
    mentions: int = 0
    directives: list[str] = field(default_factory=list)  # most cited with them first
    # The first mention in each article, where the People screen jumps to.
    first_mentions: list[Mention] = field(default_factory=list)

    @property
    def folded(self) -> str:
        return fold(self.name).lower()

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "roles": [r.to_json() for r in self.roles],
            "articles": list(self.articles),
            "mentions": self.mentions,
            "directives": list(self.directives),
        }


def article_roles(article: Article) -> dict[str, list[str]]:
    """Each person of a whole article (text and entities) -> the roles written next to
    their name in it, in reading order, each once."""
    texts = [article.title, *article.paragraphs]
    spans: dict[int | None, list[tuple[int, int, str]]] = {}
    for entity in article.entities:
        if entity.kind == "person":
            spans.setdefault(entity.paragraph, []).append((entity.start, entity.end, entity.value))
    roles: dict[str, list[str]] = {}
    for paragraph, found in spans.items():
        found.sort()
        text = texts[0 if paragraph is None else paragraph + 1]
        near = roles_near(text, [(start, end) for start, end, _ in found])
        for (_, _, name), written in zip(found, near, strict=True):
            kept = roles.setdefault(name, [])
            kept.extend(r for r in written if r not in kept)
    return roles


def people_of(articles: Iterable[Article]) -> list[Person]:
    """Every person named in whole articles, most mentioned first (then by name)."""
    people: dict[str, Person] = {}
    cited: dict[str, Counter[str]] = {}
    for article in articles:
        roles = article_roles(article)
        seen: set[str] = set()
        for entity in article.entities:
            if entity.kind != "person":
                continue
            person = people.get(entity.value)
            if person is None:
                person = people[entity.value] = Person(entity.value)
                cited[entity.value] = Counter()
            person.mentions += 1
            if entity.value not in seen:
                seen.add(entity.value)
                person.articles.append(article.id)
                person.first_mentions.append(Mention(article.id, entity.paragraph))
                person.roles.extend(Role(r, article.id) for r in roles.get(entity.value, []))
                cited[entity.value].update(article.directives)
            elif person.first_mentions[-1].paragraph is None:  # a paragraph over the title
                person.first_mentions[-1] = Mention(article.id, entity.paragraph)
    for name, person in people.items():
        person.directives = [code for code, _ in cited[name].most_common()]
    return sorted(people.values(), key=lambda p: (-p.mentions, p.folded, p.name))
