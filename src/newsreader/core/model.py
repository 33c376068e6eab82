"""The dataclasses every part of newsreader passes around."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

EntityKind = Literal["person", "date", "directive", "place"]
YearSource = Literal["published", "metadata", "inferred", "text", "context"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A span of an article's title (paragraph None) or of one paragraph.

    `text` is exactly `source[start:end]`; `value` is the canonical form: a person's full
    name, an ISO date (YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Qn or an interval A/B), a
    directive code such as 39-CT/TW, or a place ("Nghệ An", "huyện Định Hóa").
    """

    kind: EntityKind
    text: str
    value: str
    paragraph: int | None
    start: int
    end: int
    # A directive cited by number and Party body without its code ("Chỉ thị số 09 của Ban
    # Thường vụ Thành ủy"), whose code `value` was put together from them.
    reconstructed: bool = False

    def to_json(self) -> dict[str, object]:
        record: dict[str, object] = {
            "kind": self.kind,
            "text": self.text,
            "value": self.value,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }
        if self.reconstructed:
            record["reconstructed"] = True
        return record


class SkipKind(StrEnum):
    """Why a file (or a part of one) was not read: what doctor groups by and what the
    interface words in each language. The detail says the particulars in English."""

    MISSING = "missing"  # the corpus folder itself is not there, or not a folder
    TOO_LARGE = "too_large"
    BINARY = "binary"
    ENCODING = "encoding"
    EMPTY = "empty"
    JSON = "json"  # not valid JSON
    JSON_SHAPE = "json_shape"  # valid JSON, but not an article
    TOO_DEEP = "too_deep"
    FRONT_MATTER = "front_matter"  # loaded; the front matter was ignored
    DATE = "date"  # loaded; a metadata date could not be read
    NOT_ARTICLE = "not_article"  # a file type newsreader does not read
    NO_ARTICLE = "no_article"  # a web page with no article in it (a section index, an error)
    LOOP = "loop"
    BROKEN_LINK = "broken_link"
    UNREADABLE = "unreadable"
    SPECIAL = "special"  # a pipe, socket or device
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class LoadWarning:
    """Something in a file that was ignored while the article itself was read."""

    kind: SkipKind
    detail: str  # in English

    def to_record(self) -> list[str]:
        return [self.kind.value, self.detail]

    @classmethod
    def from_record(cls, value: object) -> LoadWarning:
        if isinstance(value, list) and len(value) == 2:
            try:
                return cls(SkipKind(value[0]), str(value[1]))
            except ValueError:
                return cls(SkipKind.OTHER, str(value[1]))
        return cls(SkipKind.OTHER, str(value))


@dataclass(slots=True)
class Document:
    """What a file holds once decoded and laid out, before any extraction."""

    title: str
    paragraphs: list[str]
    published: str | None = None  # ISO date or datetime, from a header line or metadata
    published_from: Literal["published", "metadata"] | None = None
    byline: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    directive_hint: str | None = None  # a `directive` field from front matter or JSON
    warnings: list[LoadWarning] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """One article of the corpus with everything the reader shows about it."""

    id: str
    path: str  # relative to the corpus root, POSIX separators
    title: str
    paragraphs: list[str]
    published: str | None = None
    year: int | None = None
    year_source: YearSource | None = None
    directive: str | None = None
    directives: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    byline: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    place: str | None = None  # the locality it reports from (text/places.reporting_place)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)
    year_note: str | None = None  # how an inferred year was reached, for the reader
    # Set on a header loaded from the index without its text; see Corpus.load().
    stored_paragraph_count: int | None = None

    @property
    def paragraph_count(self) -> int:
        if self.stored_paragraph_count is not None:
            return self.stored_paragraph_count
        return len(self.paragraphs)

    @property
    def is_header(self) -> bool:
        """True when only the metadata is here (paragraphs and entities not loaded)."""
        return self.stored_paragraph_count is not None

    def summary(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "published": self.published,
            "year": self.year,
            "year_source": self.year_source,
            "directive": self.directive,
            "directives": list(self.directives),
            "people": list(self.people),
            "paragraph_count": self.paragraph_count,
            "byline": self.byline,
            "place": self.place,
        }

    def to_json(self) -> dict[str, object]:
        data = self.summary()
        data["paragraphs"] = list(self.paragraphs)
        data["entities"] = [e.to_json() for e in self.entities]
        return data

    def entities_in(self, paragraph: int | None) -> list[Entity]:
        return [e for e in self.entities if e.paragraph == paragraph]

    def to_record(self) -> dict[str, object]:
        """Every field, for the index; from_record() reads it back."""
        data = self.to_json()
        data.update(
            source=self.source,
            url=self.url,
            author=self.author,
            warnings=[w.to_record() for w in self.warnings],
            year_note=self.year_note,
        )
        return data

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            path=data["path"],
            title=data["title"],
            paragraphs=list(data["paragraphs"]),
            published=data["published"],
            year=data["year"],
            year_source=data["year_source"],
            directive=data["directive"],
            directives=list(data["directives"]),
            people=list(data["people"]),
            byline=data["byline"],
            source=data.get("source"),
            url=data.get("url"),
            author=data.get("author"),
            place=data.get("place"),
            entities=[
                Entity(
                    e["kind"],
                    e["text"],
                    e["value"],
                    e["paragraph"],
                    e["start"],
                    e["end"],
                    bool(e.get("reconstructed", False)),
                )
                for e in data["entities"]
            ],
            warnings=[LoadWarning.from_record(w) for w in data.get("warnings", [])],
            year_note=data.get("year_note"),
        )

    def header(self) -> Article:
        """A copy with the metadata only, as the sidebar and lists need it."""
        return Article(
            id=self.id,
            path=self.path,
            title=self.title,
            paragraphs=[],
            published=self.published,
            year=self.year,
            year_source=self.year_source,
            directive=self.directive,
            directives=list(self.directives),
            people=list(self.people),
            byline=self.byline,
            source=self.source,
            url=self.url,
            author=self.author,
            place=self.place,
            warnings=list(self.warnings),
            year_note=self.year_note,
            stored_paragraph_count=self.paragraph_count,
        )


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or one article of a JSON list) not read, or read with something ignored."""

    path: str
    kind: SkipKind
    detail: str  # in English, for the CLI and the JSON contract's "reason"

    @property
    def reason(self) -> str:
        return self.detail

    def to_json(self) -> dict[str, str]:
        """The JSON contract's shape (README)."""
        return {"path": self.path, "reason": self.detail}

    def to_record(self) -> dict[str, str]:
        """What the index keeps."""
        return {"path": self.path, "reason": self.detail, "kind": self.kind.value}

    @classmethod
    def from_record(cls, data: dict[str, str]) -> Skipped:
        try:
            kind = SkipKind(data.get("kind", "other"))
        except ValueError:
            kind = SkipKind.OTHER
        return cls(data["path"], kind, data["reason"])


@dataclass(slots=True)
class Corpus:
    root: str
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)  # loaded, but something was ignored

    @staticmethod
    def warnings_of(articles: list[Article]) -> list[Skipped]:
        return [Skipped(a.path, w.kind, w.detail) for a in articles for w in a.warnings]

    def get(self, article_id: str) -> Article | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None

    def load(self, article_id: str) -> Article | None:
        """The whole article (text and entities). Index-backed corpora read it on demand."""
        return self.get(article_id)
