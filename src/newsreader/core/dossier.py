"""A directive's dossier: what the corpus says about one Party document.

For every document cited in the corpus: its kind and label, the body that issued it and the
date it was issued when the text says so, what it is about (the "về …" phrase after its
code), the articles citing it by year, the anniversary reviews held on it ("sơ kết 5 năm",
"tổng kết 10 năm"), the places reporting on it, the people named with it and the documents
cited in the same articles. Everything is read from whole articles (text and entities);
nothing here knows where they are stored.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches

from newsreader.core.model import Article, Entity
from newsreader.core.people_index import article_roles
from newsreader.core.text.directives import (
    PLENUM,
    TYPE_NAMES,
    ShortResolver,
    directive_label,
    directive_sort_key,
    find_anniversary,
    find_directive_refs,
    parse_code,
)
from newsreader.core.text.fold import fold

__all__ = [
    "REVIEW_KINDS",
    "Dossier",
    "DossierArticle",
    "Review",
    "build_dossiers",
    "match_code",
    "near_codes",
]

REVIEW_KINDS = ("sơ kết", "tổng kết")
SUBJECT_CHARS = 200  # a subject longer than this is cut at a word

_SP = r"[^\S\n]"
_DATE = (
    rf"ngày{_SP}+\d{{1,2}}(?:{_SP}*[/.\-]{_SP}*\d{{1,2}}{_SP}*[/.\-]{_SP}*\d{{4}}"
    rf"|{_SP}+tháng{_SP}+\d{{1,2}}{_SP}+năm{_SP}+\d{{4}})"
)
# What may stand between a code and "của <body>" or "về <subject>": its date, possibly
# bracketed or introduced by "ban hành", and a bracketed aside ("(khóa XI)").
_AFTER_CODE = (
    rf"{_SP}*,?{_SP}*(?:\(?{_SP}*(?:(?:được{_SP}+)?ban{_SP}+hành{_SP}+)?(?:vào{_SP}+)?"
    rf"{_DATE}{_SP}*\)?{_SP}*,?{_SP}*)?(?:\([^()\n]{{0,40}}\){_SP}*)?"
)

# Party bodies, longest spelling first within each; "ủy" and "uỷ" are both written.
_UY = "(?:ủy|uỷ)"
_UNIT = rf"(?P<unit>tỉnh|thành|huyện|quận|thị|đảng){_SP}*{_UY}"
_BODY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("bct", rf"bộ{_SP}+chính{_SP}+trị"),
    ("bbt", rf"ban{_SP}+bí{_SP}+thư(?:{_SP}+trung{_SP}+ương(?:{_SP}+đảng)?)?"),
    (
        "bch",
        rf"(?:ban{_SP}+chấp{_SP}+hành|bch){_SP}+(?:trung{_SP}+ương|tw|tư|t\.ư)(?:{_SP}+đảng)?",
    ),
    ("btv", rf"(?:ban{_SP}+thường{_SP}+vụ|btv){_SP}+{_UNIT}(?P<btv_khoi>{_SP}+khối)?"),
    (
        "bch_local",
        rf"(?:ban{_SP}+chấp{_SP}+hành|bch){_SP}+đảng{_SP}+bộ{_SP}+"
        rf"(?P<local>tỉnh|thành{_SP}+phố|huyện|quận|thị{_SP}+xã|khối)",
    ),
    (
        "central_ban",
        rf"ban{_SP}+(?P<ban>tuyên{_SP}+giáo|tổ{_SP}+chức|dân{_SP}+vận|nội{_SP}+chính|"
        rf"kinh{_SP}+tế){_SP}+trung{_SP}+ương",
    ),
    ("ubkt", rf"{_UY}{_SP}+ban{_SP}+kiểm{_SP}+tra{_SP}+trung{_SP}+ương"),
    ("quan_uy", rf"quân{_SP}+{_UY}{_SP}+trung{_SP}+ương"),
    ("committee", rf"(?P<cunit>tỉnh|thành|huyện|quận|thị){_SP}*{_UY}"),
    ("dang_uy_khoi", rf"đảng{_SP}+{_UY}{_SP}+khối"),
    ("tw", rf"trung{_SP}+ương(?:{_SP}+đảng)?"),
)
_BODY = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _BODY_PATTERNS)
_ISSUER_AFTER = re.compile(rf"{_AFTER_CODE}của{_SP}+(?:{_BODY})(?![^\W\d_])", re.IGNORECASE)
_TYPE_WORDS = "|".join(
    sorted({name.lower().replace(" ", rf"{_SP}+") for name in TYPE_NAMES.values()}, key=len)[::-1]
)
_ISSUER_BEFORE = re.compile(
    rf"(?<![^\W\d_])(?:{_BODY})(?:{_SP}*\([^()\n]{{0,30}}\))?{_SP}+(?:đã{_SP}+|vừa{_SP}+)?"
    rf"(?:ban{_SP}+hành|ra){_SP}+(?:(?:{_TYPE_WORDS}){_SP}+)?(?:số{_SP}+)?$",
    re.IGNORECASE,
)
_UNIT_NAMES = {"tỉnh": "Tỉnh", "thành": "Thành", "huyện": "Huyện", "quận": "Quận", "thị": "Thị"}
_LOCAL_NAMES = {
    "tỉnh": "tỉnh",
    "thành phố": "thành phố",
    "huyện": "huyện",
    "quận": "quận",
    "thị xã": "thị xã",
    "khối": "Khối",
}
_CENTRAL_BANS = {
    "tuyên giáo": "Tuyên giáo",
    "tổ chức": "Tổ chức",
    "dân vận": "Dân vận",
    "nội chính": "Nội chính",
    "kinh tế": "Kinh tế",
}


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def _body_name(m: re.Match[str]) -> str:
    """The body's name in one spelling, whatever case, spacing and "uỷ" it was written in."""
    if m["bct"]:
        return "Bộ Chính trị"
    if m["bbt"]:
        return "Ban Bí thư"
    if m["bch"] or m["tw"]:
        return "Ban Chấp hành Trung ương"
    if m["btv"]:
        unit = _words(m["unit"])
        if unit == "đảng":
            return "Ban Thường vụ Đảng ủy Khối" if m["btv_khoi"] else "Ban Thường vụ Đảng ủy"
        return f"Ban Thường vụ {_UNIT_NAMES[unit]} ủy"
    if m["bch_local"]:
        return f"Ban Chấp hành Đảng bộ {_LOCAL_NAMES[_words(m['local'])]}"
    if m["central_ban"]:
        return f"Ban {_CENTRAL_BANS[_words(m['ban'])]} Trung ương"
    if m["ubkt"]:
        return "Ủy ban Kiểm tra Trung ương"
    if m["quan_uy"]:
        return "Quân ủy Trung ương"
    if m["committee"]:
        return f"{_UNIT_NAMES[_words(m['cunit'])]} ủy"
    return "Đảng ủy Khối"


# The subject: "về" after the code (its date and its issuer may come between), then either a
# quoted title or words up to the end of the clause.
_SUBJECT_START = re.compile(
    rf"{_AFTER_CODE}(?:của{_SP}+[^,.;:\n“”\"()]{{1,90}}?(?:{_SP}*\([^()\n]{{0,30}}\))?)?"
    rf"{_SP}*,?{_SP}*về{_SP}+(?:việc{_SP}+)?",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"](?P<text>[^“”\"\n]{3,300})[”\"]")
# A clause ends at a sentence mark, a bracket, a quote or a spaced dash; or at a comma that
# opens a new clause: a capitalised word (a body, a name, "Đồng chí"), a date, or a word that
# starts a clause. A comma between two words of the subject ("phòng, chống") does not.
_CLAUSE_END = re.compile(rf"[.;:!?\n()“”\"…]|{_SP}[-–—]{_SP}|,{_SP}*(?P<next>\S?)")
_CLAUSE_WORDS = re.compile(
    rf"(?:ngày|đồng{_SP}+thời|nhằm|qua{_SP}+đó|trong{_SP}+đó|theo{_SP}+đó|góp{_SP}+phần|đã|"
    rf"được|với|tại|hội{_SP}+nghị|đồng{_SP}+chí|sau{_SP}+khi|khi|từ|đến|để|các|những|"
    rf"nhất{_SP}+là|song|tuy|cùng)(?![^\W\d_])"
)


def _clause_end(text: str, start: int) -> int:
    for m in _CLAUSE_END.finditer(text, start):
        if m["next"] is None:  # not a comma
            return m.start()
        after = m["next"]
        if (
            not after
            or after.isupper()
            or after.isdigit()
            or _CLAUSE_WORDS.match(text, m.start("next"))
        ):
            return m.start()
    return len(text)


_TRAILING = re.compile(rf"(?:{_SP}+(?:và|của|cho|với|trong|theo|nhằm))+$", re.IGNORECASE)


def _subject_after(text: str, end: int) -> str | None:
    m = _SUBJECT_START.match(text, end)
    if m is None:
        return None
    start = m.end()
    quoted = _QUOTED.match(text, start)
    if quoted:
        subject = quoted["text"]
    else:
        subject = text[start : _clause_end(text, start)]
    subject = _TRAILING.sub("", " ".join(subject.split())).strip(" ,-–")
    if len(subject) > SUBJECT_CHARS:
        subject = subject[:SUBJECT_CHARS].rsplit(" ", 1)[0] + "…"
    return subject if len(subject.split()) >= 2 else None


def _issuer_around(text: str, start: int, end: int) -> str | None:
    m = _ISSUER_AFTER.match(text, end)
    if m is None:
        m = _ISSUER_BEFORE.search(text, max(0, start - 120), start)
    return _body_name(m) if m else None


_REVIEW_WORD = re.compile(
    rf"(?<![^\W\d_])(?P<kind>sơ|tổng){_SP}+kết{_SP}+(?P<years>\d{{1,3}}){_SP}+năm", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Review:
    """An anniversary review of a document: "sơ kết" (midway) or "tổng kết" (closing)."""

    kind: str
    years: int
    year: int | None  # the year the article reporting it is from
    article: str

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "years": self.years, "year": self.year, "article": self.article}


@dataclass(frozen=True, slots=True)
class DossierArticle:
    id: str
    title: str
    published: str | None
    year: int | None
    place: str | None
    review: str | None  # "sơ kết 5 năm" when the article reports a review of this document
    people: tuple[str, ...] = ()
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person -> positions
    path: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "year": self.year,
            "place": self.place,
            "review": self.review,
        }


@dataclass(frozen=True, slots=True)
class Dossier:
    code: str
    kind: str | None
    label: str
    issuer: str | None
    issued: str | None  # ISO date
    subject: str | None
    articles: tuple[DossierArticle, ...]  # newest first
    years: dict[int, int]
    reviews: tuple[Review, ...]
    places: dict[str, int]
    related: dict[str, int]
    people: dict[str, int] = field(default_factory=dict)

    def to_json(self, *, with_articles: bool = False) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code,
            "kind": self.kind,
            "label": self.label,
            "issuer": self.issuer,
            "issued": self.issued,
            "subject": self.subject,
            "articles": len(self.articles),
            "years": {str(year): n for year, n in self.years.items()},
            "reviews": [r.to_json() for r in self.reviews],
            "places": dict(self.places),
            "related": dict(self.related),
            "people": dict(self.people),
        }
        if with_articles:
            data["article_list"] = [a.to_json() for a in self.articles]
        return data


@dataclass(slots=True)
class _Evidence:
    issuers: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)
    subjects: Counter[str] = field(default_factory=Counter)
    written: dict[str, str] = field(default_factory=dict)  # folded subject -> as written
    articles: list[tuple[Article, str | None]] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    related: Counter[str] = field(default_factory=Counter)


def _text_of(article: Article, paragraph: int | None) -> str:
    if paragraph is None:
        return article.title
    return article.paragraphs[paragraph] if 0 <= paragraph < len(article.paragraphs) else ""


def _review_of(article: Article) -> tuple[str, Review] | None:
    """(code, review) when the article's title or lead reports an anniversary review."""
    by_span = {(e.paragraph, e.start): e.value for e in article.entities if e.kind == "directive"}
    lead = [(None, article.title)] + ([(0, article.paragraphs[0])] if article.paragraphs else [])
    said = {
        (f"{m['kind'].lower()} kết", int(m["years"]))
        for _, text in lead
        for m in _REVIEW_WORD.finditer(text)
    }
    for paragraph, text in lead:
        found = find_anniversary(text)
        if found is None:
            continue
        years, ref = found
        code = by_span.get((paragraph, ref.start)) or ShortResolver(
            article.directives, Counter()
        ).resolve(ref)
        kind = next((k for k in REVIEW_KINDS if (k, years) in said), None)
        if code and kind:
            return code, Review(kind, years, article.year, article.id)
    return None


def roles_of(article: Article) -> dict[str, tuple[str, ...]]:
    """Each person's positions as the article writes them next to their name ("Bí thư
    Tỉnh ủy"), read from the whole article's text and people."""
    return {name: tuple(roles) for name, roles in article_roles(article).items()}


def _gather(articles: Iterable[Article]) -> dict[str, _Evidence]:
    evidence: dict[str, _Evidence] = {}
    for article in articles:
        codes = list(dict.fromkeys(article.directives))
        if not codes:
            continue
        review = _review_of(article)
        for code in codes:
            item = evidence.setdefault(code, _Evidence())
            kind = None
            if review is not None and review[0] == code:
                kind = f"{review[1].kind} {review[1].years} năm"
                item.reviews.append(review[1])
            item.articles.append((article, kind))
            item.related.update(other for other in codes if other != code)
        _read_citations(article, evidence)
    return evidence


def _read_citations(article: Article, evidence: dict[str, _Evidence]) -> None:
    """Issuer, subject and date of each document as this article cites it."""
    cited: dict[int | None, list[Entity]] = {}
    for entity in article.entities:
        if entity.kind == "directive" and entity.value in evidence:
            cited.setdefault(entity.paragraph, []).append(entity)
    for paragraph, entities in cited.items():
        text = _text_of(article, paragraph)
        for entity in entities:
            item = evidence[entity.value]
            issuer = _issuer_around(text, entity.start, entity.end)
            if issuer:
                item.issuers[issuer] += 1
            subject = _subject_after(text, entity.end)
            if subject:
                key = fold(subject)
                item.subjects[key] += 1
                # Of the same words, the title's own spelling: a capital first (as quoted).
                held = item.written.get(key, "")
                if (subject[:1].isupper(), len(subject)) > (held[:1].isupper(), len(held)):
                    item.written[key] = subject
        for ref in find_directive_refs(text):
            if ref.code in evidence and ref.date:
                evidence[ref.code].dates[ref.date] += 1


def _most_common(counts: Counter[str]) -> str | None:
    return counts.most_common(1)[0][0] if counts else None


def _newest_first(entry: tuple[Article, str | None]) -> tuple[int, str, str]:
    article = entry[0]
    year = article.year if article.year is not None else -1
    return (year, article.published or "", article.id)


def _kind(code: str) -> str | None:
    if code.startswith(PLENUM):
        return "Nghị quyết"
    parts = parse_code(code)
    return TYPE_NAMES.get(parts[1]) if parts else None


def _dossier(code: str, item: _Evidence) -> Dossier:
    entries = sorted(item.articles, key=_newest_first, reverse=True)
    years = Counter(a.year for a, _ in entries if a.year is not None)
    places = Counter(
        place for a, _ in entries if isinstance(place := getattr(a, "place", None), str) and place
    )
    people = Counter(name for a, _ in entries for name in dict.fromkeys(a.people))
    subject = None
    if item.subjects:
        best = max(item.subjects.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        subject = item.written[best]
    reviews = sorted(item.reviews, key=lambda r: (r.year or 0, r.years, r.article))
    return Dossier(
        code=code,
        kind=_kind(code),
        label=directive_label(code),
        issuer=_most_common(item.issuers),
        issued=_valid_date(_most_common(item.dates)),
        subject=subject,
        articles=tuple(
            DossierArticle(
                a.id,
                a.title,
                a.published,
                a.year,
                getattr(a, "place", None),
                review,
                tuple(dict.fromkeys(a.people)),
                roles_of(a),
                a.path,
            )
            for a, review in entries
        ),
        years=dict(sorted(years.items())),
        reviews=tuple(reviews),
        places=dict(places.most_common()),
        related=dict(item.related.most_common()),
        people=dict(people.most_common()),
    )


def _valid_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def build_dossiers(articles: Iterable[Article]) -> list[Dossier]:
    """The dossier of every document cited in these whole articles: the most cited first."""
    evidence = _gather(articles)
    dossiers = [_dossier(code, item) for code, item in evidence.items()]
    dossiers.sort(key=lambda d: (-len(d.articles), directive_sort_key(d.code)))
    return dossiers


# --- finding a code as a person types it ------------------------------------------------


def _tokens(text: str) -> list[str]:
    folded = fold(unicodedata.normalize("NFC", text)).lower().replace("đ", "d")
    return re.findall(r"\d+|[a-z]+", folded)


def _code_tokens(code: str) -> tuple[set[int], set[str]]:
    tokens = _tokens(code)
    kind = _kind(code)
    if kind:
        tokens += _tokens(kind)
    numbers = {int(t) for t in tokens if t.isdigit()}
    return numbers, {t for t in tokens if not t.isdigit()}


def match_code(query: str, codes: Iterable[str]) -> list[str]:
    """The codes `query` names, leniently: "39-CT/TW", "39", "CT39", "ct 39", "chỉ thị 39"
    (any case, with or without marks). One code when it is exact; else every code whose
    number and letters it holds."""
    codes = list(codes)
    wanted = _tokens(query)
    if not wanted:
        return []
    exact = [c for c in codes if _tokens(c) == wanted]
    if exact:
        return exact
    numbers = {int(t) for t in wanted if t.isdigit()}
    letters = {t for t in wanted if not t.isdigit()}
    found = []
    for code in codes:
        code_numbers, code_letters = _code_tokens(code)
        if numbers <= code_numbers and all(
            any(have.startswith(word) for have in code_letters) for word in letters
        ):
            found.append(code)
    return found


def near_codes(query: str, codes: Iterable[str], limit: int = 5) -> list[str]:
    """Codes that look like `query`, for "did you mean"."""
    by_key = {"".join(_tokens(code)): code for code in codes}
    key = "".join(_tokens(query))
    close = get_close_matches(key, list(by_key), n=limit, cutoff=0.5)
    return [by_key[k] for k in close]
