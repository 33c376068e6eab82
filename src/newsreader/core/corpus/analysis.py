"""Documents to Articles: directives, people, dates and the year of each article.

Some facts cross articles: a short "Chỉ thị 39" resolves to the full code seen elsewhere,
and a directive's date given in one article dates an anniversary review in another. So the
work is two passes: directive references of every article first, then each article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from newsreader.core.cancel import checkpoint
from newsreader.core.corpus.loader import LoadedDocument
from newsreader.core.model import Article, Entity, LoadWarning, SkipKind, YearSource
from newsreader.core.text.dates import anchor_from_iso, find_dates
from newsreader.core.text.directives import (
    PLENUM,
    DirectiveRef,
    ShortResolver,
    find_anniversary,
    find_directive_refs,
    find_plenum_refs,
    mend_glued_codes,
)
from newsreader.core.text.people import find_people
from newsreader.core.text.places import PlaceMatch, find_places, reporting_place
from newsreader.core.text.sentences import pieces
from newsreader.core.text.spans import SpanSet

# Far beyond any article (a long one is 30,000 characters); with every rule linear, this
# bounds analysis of a 16 MB file to a few seconds. Text past it is read and searched.
ANALYSED_CHARS = 2_000_000
_TRUNCATED = [
    LoadWarning(
        SkipKind.TOO_LARGE,
        f"only the first {ANALYSED_CHARS:,} characters were searched for names, dates and"
        " directives",
    )
]
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Overlapping spans keep the more specific kind.
_PRIORITY = {"directive": 0, "date": 1, "person": 2, "place": 3}


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
    # The pieces of [title, paragraph 0, ...] that are analysed, within ANALYSED_CHARS.
    pieces: list[list[tuple[int, int]]] = field(default_factory=list)

    @property
    def truncated(self) -> bool:
        texts = [self.title, *self.paragraphs]
        return any(
            (spans[-1][1] if spans else 0) < len(text)
            for text, spans in zip(texts, self.pieces, strict=True)
        )


def _analysed_pieces(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Each text's pieces, up to ANALYSED_CHARS in all: every rule is linear in the text,
    and this bounds the time a huge file (hostile, or a dump mistaken for an article) takes."""
    budget = ANALYSED_CHARS
    kept: list[list[tuple[int, int]]] = []
    for text in texts:
        spans: list[tuple[int, int]] = []
        for lo, hi in pieces(text) if budget > 0 else ():
            if hi - lo > budget:
                budget = 0
                break
            spans.append((lo, hi))
            budget -= hi - lo
        kept.append(spans)
    return kept


def _all_refs(text: str) -> list[DirectiveRef]:
    plenums = find_plenum_refs(text)
    refs = find_directive_refs(text)
    return sorted(refs + plenums, key=lambda r: r.start) if plenums else refs


def _refs_by_piece(text: str, spans: list[tuple[int, int]]) -> list[DirectiveRef]:
    """Directive references over a text cut into pieces, offsets into the whole text."""
    if spans == [(0, len(text))]:
        return _all_refs(text)
    found: list[DirectiveRef] = []
    for lo, hi in spans:
        checkpoint()
        found.extend(
            replace(ref, start=ref.start + lo, end=ref.end + lo) for ref in _all_refs(text[lo:hi])
        )
    return found


def _dates_by_piece(
    text: str, spans: list[tuple[int, int]], anchor: dt.date | None
) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, text, value) of find_dates over a text cut into pieces."""
    for lo, hi in spans:
        checkpoint()
        for match in find_dates(text[lo:hi], anchor):
            yield match.start + lo, match.end + lo, match.text, match.value


def prepare(loaded: LoadedDocument) -> PreparedDocument:
    doc = loaded.document
    title = mend_glued_codes(doc.title)
    paragraphs = []
    for paragraph in doc.paragraphs:
        checkpoint()
        paragraphs.append(mend_glued_codes(paragraph))
    texts = [title, *paragraphs]
    spans = _analysed_pieces(texts)
    refs = [_refs_by_piece(text, s) for text, s in zip(texts, spans, strict=True)]
    return PreparedDocument(loaded, title, paragraphs, refs, spans)


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
    prepared: PreparedDocument, index: DirectiveIndex, resolver: ShortResolver
) -> tuple[int, dt.date, str] | None:
    """An anniversary review ("Tổng kết 10 năm thực hiện Chỉ thị 39") dated from the directive."""
    for text in [prepared.title, *prepared.paragraphs[:1]]:
        found = find_anniversary(text)
        if not found:
            continue
        years, ref = found
        code = resolver.resolve(ref)
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
    """Of overlapping entities keep the more specific kind, then the longer. Entities are
    grouped into runs that overlap each other first, so the choice is made within each."""
    in_order = sorted(entities, key=lambda e: (-1 if e.paragraph is None else e.paragraph, e.start))
    kept: list[Entity] = []
    cluster: list[Entity] = []
    cluster_end = -1
    for entity in [*in_order, None]:
        if (
            entity is not None
            and cluster
            and entity.paragraph == cluster[0].paragraph
            and entity.start < cluster_end
        ):
            cluster.append(entity)
            cluster_end = max(cluster_end, entity.end)
            continue
        if len(cluster) == 1:
            kept.append(cluster[0])
        elif cluster:
            spans = SpanSet()
            best_first = sorted(cluster, key=lambda e: (_PRIORITY[e.kind], e.start - e.end))
            kept.extend(e for e in best_first if spans.add_if_free(e.start, e.end))
        if entity is not None:
            cluster, cluster_end = [entity], entity.end
    return sorted(kept, key=lambda e: (-1 if e.paragraph is None else e.paragraph, e.start))


def _find_all_dates(prepared: PreparedDocument, anchor: dt.date | None) -> list[Entity]:
    found: list[Entity] = []
    for position, text in enumerate([prepared.title, *prepared.paragraphs]):
        paragraph = None if position == 0 else position - 1
        spans = prepared.pieces[position]
        for start, end, written, value in _dates_by_piece(text, spans, anchor):
            found.append(Entity("date", written, value, paragraph, start, end))
    return found


# A date that dates a document cited just before it ("Chỉ thị 39-CT/TW ngày 18/8/2014",
# "Quyết định số 12/QĐ-UBND của UBND tỉnh (khóa X) ngày 5/3/2020"): a citation, not an event.
_CITED_BEFORE = re.compile(
    r"\d[\w./\-–]*[/\-–][^\W\d_]+[\w/\-]*"
    r"(?:\s*,?\s*của\s+[^.;:\d]{1,60}?(?:\s*\([^()\d]{1,20}\))?)?"
    r"\s*[,(]?\s*(?:(?:được\s+)?ban\s+hành\s+)?(?:vào\s+)?$",
    re.IGNORECASE,
)
# Years that are targets or horizons, not when the article was written.
_TARGET_BEFORE = re.compile(
    r"(?:đến|tới|tầm\s+nhìn|trước|sau|hướng\s+tới|định\s+hướng|mục\s+tiêu)\s+(?:năm\s+)?$",
    re.IGNORECASE,
)
_YEARISH = re.compile(r"^(\d{4})(?:-(?:Q[1-4]|\d\d))?$")
# Dates weighed for the year: far more than any article holds, few enough to stay quick
# on a file of nothing but dates.
_YEAR_EVIDENCE_DATES = 5000
_TERM = re.compile(r"(?<!\w)khó[aá]\s+(XIV|XIII|XII|XI)(?![\w])", re.IGNORECASE)
_TERM_YEARS = {"XI": (2011, 2016), "XII": (2016, 2021), "XIII": (2021, 2026), "XIV": (2026, 2031)}
_WEEKDAY_DATE = re.compile(
    r"(?<!\w)(?:thứ\s+(?P<word>hai|ba|tư|năm|sáu|bảy)|thứ\s+(?P<digit>[2-7])|(?P<sunday>chủ\s+nhật))"
    r"\s*[,(]?\s*(?:ngày\s+)?(?P<d>\d\d?)[/.\-](?P<m>\d\d?)(?![/.\-]?\d)",
    re.IGNORECASE,
)
_WEEKDAY_WORDS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5}


def _text_before(texts: list[str], entity: Entity, width: int = 100) -> str:
    text = texts[0 if entity.paragraph is None else entity.paragraph + 1]
    return text[max(0, entity.start - width) : entity.start]


def _weekday_years(texts: list[str], first: int, last: int) -> set[int]:
    """Years in [first, last] in which every "thứ Hai, 04/11" of the text falls on its weekday."""
    years: set[int] | None = None
    for text in texts:
        for m in _WEEKDAY_DATE.finditer(text):
            if m["sunday"]:
                weekday = 6
            elif m["digit"]:
                weekday = int(m["digit"]) - 2
            else:
                weekday = _WEEKDAY_WORDS[m["word"].lower()]
            fits = set()
            for year in range(first, last + 1):
                try:
                    if dt.date(year, int(m["m"]), int(m["d"])).weekday() == weekday:
                        fits.add(year)
                except ValueError:
                    pass
            years = fits if years is None else years & fits
    return years or set()


def _year_from_text(
    texts: list[str], dates: list[Entity]
) -> tuple[int, YearSource, str | None] | None:
    """The year an article without a date line was written, from its own text: the latest
    full date of an event (a date citing a document is not one), else context (a quarter,
    "6 tháng đầu năm 2024", "năm 2024", a term of office or a Party congress's term)."""
    events: list[str] = []
    context: list[Entity] = []
    terms: list[tuple[int, int, str]] = []
    for entity in dates[:_YEAR_EVIDENCE_DATES]:
        before = _text_before(texts, entity)
        if _CITED_BEFORE.search(before):
            continue
        first = entity.value.split("/")[0]
        if _FULL_DATE.match(first):
            events.append(first)
        elif "/" in entity.value and _YEARISH.match(first):
            low, high = (int(v[:4]) for v in entity.value.split("/"))
            if high - low <= 10:
                terms.append((low, high, entity.text))
        elif _YEARISH.match(entity.value) and not _TARGET_BEFORE.search(before[-30:]):
            context.append(entity)
    if events:
        return int(max(events)[:4]), "text", None
    if context:
        latest = max(context, key=lambda e: (e.value[:4], len(e.value)))
        return int(latest.value[:4]), "context", f"from “{latest.text}”"
    for text in texts:
        for m in _TERM.finditer(text):
            low, high = _TERM_YEARS[m[1].upper()]
            terms.append((low, high, m[0]))
    if terms:
        low, high, written = terms[0]
        fits = _weekday_years(texts, low, high)
        if len(fits) == 1:
            (year,) = fits
            return year, "context", f"within “{written}”, by the weekday of a date"
        return low, "context", f"the first year of “{written}”"
    return None


# A verb that issues or launches the document right after it: an article about a new
# document is about that one, however often it cites older ones.
_ISSUES_BEFORE = re.compile(
    r"(?:ban\s+hành|công\s+bố|phát\s+động|triển\s+khai\s+thực\s+hiện)\s+"
    r"(?:(?:chỉ\s+thị|nghị\s+quyết|kết\s+luận|quy\s+định|hướng\s+dẫn|kế\s+hoạch|"
    r"chương\s+trình|đề\s+án|quy\s+chế|thông\s+tri)\s+)?(?:số\s+)?$",
    re.IGNORECASE,
)


def _issued(
    texts: list[str], refs: list[list[DirectiveRef]], resolver: ShortResolver
) -> dict[int, str]:
    """The first document issued in the title (0) and in each of the first two paragraphs."""
    found: dict[int, str] = {}
    for position in range(min(3, len(texts))):
        for ref in refs[position]:
            before = texts[position][max(0, ref.start - 60) : ref.start]
            if _ISSUES_BEFORE.search(before):
                code = resolver.resolve(ref)
                if code:
                    found[position] = code
                    break
    return found


def build_article(prepared: PreparedDocument, index: DirectiveIndex) -> Article:
    loaded, doc = prepared.loaded, prepared.loaded.document
    texts = [prepared.title, *prepared.paragraphs]
    local_codes = [ref.code for refs in prepared.refs for ref in refs if ref.code]
    resolver = ShortResolver(local_codes, index.counts)

    entities: list[Entity] = []
    cited: Counter[str] = Counter()
    title_codes: list[str] = []
    for position, refs in enumerate(prepared.refs):
        paragraph = None if position == 0 else position - 1
        for ref in refs:
            code, reconstructed = resolver.resolve_marked(ref)
            if not code:
                continue
            entities.append(
                Entity("directive", ref.text, code, paragraph, ref.start, ref.end, reconstructed)
            )
            if paragraph is None:
                title_codes.append(code)
            else:
                cited[code] += 1

    hint = _canonical_hint(doc.directive_hint)
    issued = _issued(texts, prepared.refs, resolver)
    primary = hint or issued.get(0) or (title_codes[0] if title_codes else None)
    primary = primary or issued.get(1) or issued.get(2)
    if primary is None and cited:
        primary = max(cited, key=cited.__getitem__)  # Counter keeps first-seen order on ties
    # A plenum resolution cited on the way ("gắn với Nghị quyết Trung ương 4") stays an
    # entity; it is listed among the article's directives when it is what the article is about.
    directives = list(
        dict.fromkeys(
            ([primary] if primary else [])
            + [
                code
                for code in title_codes + [code for code, _ in cited.most_common()]
                if not code.startswith(PLENUM)
            ]
        )
    )

    year: int | None = None
    year_source: YearSource | None = None
    year_note: str | None = None
    anchor = anchor_from_iso(doc.published)
    if doc.published:
        year, year_source = int(doc.published[:4]), doc.published_from or "published"
    else:
        inferred = _infer_year(prepared, index, resolver)
        if inferred:
            year, anchor, year_note = inferred
            year_source = "inferred"

    dates = _find_all_dates(prepared, anchor)
    if year is None:
        found = _year_from_text(texts, dates)
        if found:
            year, year_source, year_note = found
            # Only the year is known; anchoring mid-year keeps every day/month in that year.
            anchor = dt.date(year, 7, 2)
            if any(e.value.startswith("--") for e in dates):
                dates = _find_all_dates(prepared, anchor)
    entities.extend(dates)

    # People are found over pieces (the title is piece 0 of position 0) and mapped back.
    where = [
        (None if position == 0 else position - 1, lo)
        for position, spans in enumerate(prepared.pieces)
        for lo, _ in spans
    ]
    piece_texts = [
        text[lo:hi] for text, spans in zip(texts, prepared.pieces, strict=True) for lo, hi in spans
    ]
    if not prepared.pieces[0]:  # a title past the limit: find_people still takes one
        where.insert(0, (None, 0))
        piece_texts.insert(0, "")
    for person in find_people(piece_texts[0], piece_texts[1:]):
        paragraph, lo = where[0 if person.paragraph is None else person.paragraph + 1]
        entities.append(
            Entity(
                "person", person.text, person.name, paragraph, person.start + lo, person.end + lo
            )
        )

    places = _find_all_places(prepared, entities)
    entities.extend(
        Entity("place", m.text, m.value, None if position == 0 else position - 1, m.start, m.end)
        for position, matches in enumerate(places)
        for m in matches
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
        place=reporting_place(texts, places),
        entities=entities,
        warnings=list(doc.warnings) + (_TRUNCATED if prepared.truncated else []),
        year_note=year_note,
    )


def _shifted(match: PlaceMatch, by: int) -> PlaceMatch:
    # Not dataclasses.replace: that is eight times slower, and this runs for every place.
    return PlaceMatch(match.start + by, match.end + by, match.text, match.value, match.unit)


def _find_all_places(prepared: PreparedDocument, found: list[Entity]) -> list[list[PlaceMatch]]:
    """The places of the title and of each paragraph (offsets into the whole text), read
    piece by piece around the people already found there: people take precedence."""
    people: dict[int | None, list[tuple[int, int]]] = {}
    for entity in found:
        if entity.kind == "person":
            people.setdefault(entity.paragraph, []).append((entity.start, entity.end))
    places: list[list[PlaceMatch]] = []
    for position, text in enumerate([prepared.title, *prepared.paragraphs]):
        spans = sorted(people.get(None if position == 0 else position - 1, []))
        matches: list[PlaceMatch] = []
        first = 0
        for lo, hi in prepared.pieces[position]:
            while first < len(spans) and spans[first][0] < lo:
                first += 1
            last = first
            while last < len(spans) and spans[last][1] <= hi:
                last += 1
            inside = [(s - lo, e - lo) for s, e in spans[first:last]]
            first = last
            found_here = find_places(text[lo:hi], inside)
            matches.extend(found_here if lo == 0 else (_shifted(m, lo) for m in found_here))
        places.append(matches)
    return places


def analyse(documents: list[LoadedDocument]) -> list[Article]:
    prepared = [prepare(loaded) for loaded in documents]
    index = DirectiveIndex()
    for item in prepared:
        for refs in item.refs:
            index.add(refs)
    return [build_article(item, index) for item in prepared]
