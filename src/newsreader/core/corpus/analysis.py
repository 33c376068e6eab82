"""Documents to Articles: directives, people, dates and the year of each article.

Some facts cross articles: a short "Chỉ thị 39" resolves to the full code seen elsewhere,
and a directive's date given in one article dates an anniversary review in another. So the
work is two passes: directive references of every article first, then each article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsreader.core.corpus.loader import LoadedDocument
from newsreader.core.model import Article, Entity, YearSource
from newsreader.core.text.dates import anchor_from_iso, find_dates
from newsreader.core.text.directives import (
    DirectiveRef,
    find_anniversary,
    find_directive_refs,
    mend_glued_codes,
    resolve_short,
)
from newsreader.core.text.people import find_people

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Overlapping spans keep the more specific kind.
_PRIORITY = {"directive": 0, "date": 1, "person": 2}


@dataclass(slots=True)
class DirectiveIndex:
    """What the whole corpus says about directives: how often each code is cited, and dates."""

    counts: Counter[str] = field(default_factory=Counter)
    dates: dict[str, str] = field(default_factory=dict)

    def add(self, refs: Iterable[DirectiveRef]) -> None:
        for ref in refs:
            if ref.code is None:
                continue
            self.counts[ref.code] += 1
            if ref.date and ref.code not in self.dates:
                self.dates[ref.code] = ref.date


@dataclass(slots=True)
class PreparedDocument:
    loaded: LoadedDocument
    title: str
    paragraphs: list[str]
    refs: list[list[DirectiveRef]]  # [title refs, paragraph 0 refs, ...]


def prepare(loaded: LoadedDocument) -> PreparedDocument:
    doc = loaded.document
    title = mend_glued_codes(doc.title)
    paragraphs = [mend_glued_codes(p) for p in doc.paragraphs]
    refs = [find_directive_refs(title)] + [find_directive_refs(p) for p in paragraphs]
    return PreparedDocument(loaded, title, paragraphs, refs)


def _canonical_hint(hint: str | None) -> str | None:
    if not hint:
        return None
    for ref in find_directive_refs(hint):
        if ref.code:
            return ref.code
    return None


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _infer_year(
    prepared: PreparedDocument, index: DirectiveIndex, local_codes: list[str]
) -> tuple[int, dt.date, str] | None:
    """An anniversary review ("Tổng kết 10 năm thực hiện Chỉ thị 39") dated from the directive."""
    for text in [prepared.title, *prepared.paragraphs[:1]]:
        found = find_anniversary(text)
        if not found:
            continue
        years, ref = found
        code = ref.code or resolve_short(ref, local_codes, index.counts)
        if not code:
            continue
        issued = ref.date or index.dates.get(code)
        if not issued:
            continue
        issued_day = dt.date.fromisoformat(issued)
        held = _add_years(issued_day, years)
        note = f"{years} years after {code} of {issued_day:%d/%m/%Y}"
        # Only the year is known; anchoring mid-year keeps every day/month in that year.
        return held.year, dt.date(held.year, 7, 2), note
    return None


def _drop_overlaps(entities: list[Entity]) -> list[Entity]:
    kept: list[Entity] = []
    ordered = sorted(entities, key=lambda e: (_PRIORITY[e.kind], e.start - e.end))
    taken: dict[int | None, list[tuple[int, int]]] = {}
    for entity in ordered:
        spans = taken.setdefault(entity.paragraph, [])
        if any(entity.start < end and start < entity.end for start, end in spans):
            continue
        spans.append((entity.start, entity.end))
        kept.append(entity)
    return sorted(kept, key=lambda e: (-1 if e.paragraph is None else e.paragraph, e.start))


def build_article(prepared: PreparedDocument, index: DirectiveIndex) -> Article:
    loaded, doc = prepared.loaded, prepared.loaded.document
    texts = [prepared.title, *prepared.paragraphs]
    local_codes = [ref.code for refs in prepared.refs for ref in refs if ref.code]

    entities: list[Entity] = []
    cited: Counter[str] = Counter()
    title_codes: list[str] = []
    for position, refs in enumerate(prepared.refs):
        paragraph = None if position == 0 else position - 1
        for ref in refs:
            code = ref.code or resolve_short(ref, local_codes, index.counts)
            if not code:
                continue
            entities.append(Entity("directive", ref.text, code, paragraph, ref.start, ref.end))
            if paragraph is None:
                title_codes.append(code)
            else:
                cited[code] += 1

    hint = _canonical_hint(doc.directive_hint)
    primary = hint or (title_codes[0] if title_codes else None)
    if primary is None and cited:
        primary = max(cited, key=cited.__getitem__)  # Counter keeps first-seen order on ties
    directives = list(
        dict.fromkeys(
            ([primary] if primary else []) + title_codes + [code for code, _ in cited.most_common()]
        )
    )

    year: int | None = None
    year_source: YearSource | None = None
    year_note: str | None = None
    anchor = anchor_from_iso(doc.published)
    if doc.published:
        year, year_source = int(doc.published[:4]), doc.published_from or "published"
    else:
        inferred = _infer_year(prepared, index, local_codes)
        if inferred:
            year, anchor, year_note = inferred
            year_source = "inferred"

    for position, text in enumerate(texts):
        paragraph = None if position == 0 else position - 1
        for match in find_dates(text, anchor):
            entities.append(
                Entity("date", match.text, match.value, paragraph, match.start, match.end)
            )

    if year is None:
        full = [e.value for e in entities if e.kind == "date" and _FULL_DATE.match(e.value)]
        if full:
            year, year_source = int(max(full)[:4]), "text"

    for person in find_people(prepared.title, prepared.paragraphs):
        entities.append(
            Entity("person", person.text, person.name, person.paragraph, person.start, person.end)
        )

    entities = _drop_overlaps(entities)
    people = list(dict.fromkeys(e.value for e in entities if e.kind == "person"))
    return Article(
        id=loaded.id,
        path=loaded.relative,
        title=prepared.title,
        paragraphs=prepared.paragraphs,
        published=doc.published,
        year=year,
        year_source=year_source,
        directive=primary,
        directives=directives,
        people=people,
        byline=doc.byline,
        source=doc.source,
        url=doc.url,
        author=doc.author,
        entities=entities,
        warnings=list(doc.warnings),
        year_note=year_note,
    )


def analyse(documents: list[LoadedDocument]) -> list[Article]:
    prepared = [prepare(loaded) for loaded in documents]
    index = DirectiveIndex()
    for item in prepared:
        for refs in item.refs:
            index.add(refs)
    return [build_article(item, index) for item in prepared]
