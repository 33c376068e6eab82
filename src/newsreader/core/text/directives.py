"""Party document references (số hiệu) in Vietnamese news text.

A Party document is numbered NUMBER-TYPE/ISSUER ("39-CT/TW", "35-NQ/TW", "01-NQ/ĐUK"), and
numbers restart per type, per issuer and per term, so (number, type, issuer) is the key. News
text also cites a document by its spelled-out type and number alone ("Chỉ thị 39"): a short
reference, resolved later against the codes seen in the same article or the corpus.

State documents have another shape (30/2020/NĐ-CP, 1976/QĐ-CĐKT: number/year/TYPE-ISSUER) and
are not matched. Every offset returned indexes the exact string given.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsreader.core.text.spans import SpanSet

__all__ = [
    "TYPE_NAMES",
    "DirectiveRef",
    "ShortResolver",
    "canonical_code",
    "directive_label",
    "directive_sort_key",
    "find_anniversary",
    "find_directive_refs",
    "find_plenum_refs",
    "mend_glued_codes",
    "parse_code",
    "resolve_short",
]

# Canonical type abbreviation -> spelled-out name. QĐ stands for Quy định or Quyết định; the
# label uses Quy định, the common Party meaning. QĐi is the 2018-2020 style for Quy định.
TYPE_NAMES: dict[str, str] = {
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "QĐ": "Quy định",
    "QĐi": "Quy định",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "TT": "Thông tri",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "QC": "Quy chế",
}
_TYPE_BY_LOWER = {abbr.lower(): abbr for abbr in TYPE_NAMES}
PLENUM = "NQTW"  # a resolution of a Central Committee plenum: NQTW5/XII

# Issuers a writer may type in lower case ("15- Nq/tw"). Upper-case issuers need no list.
_KNOWN_ISSUERS = tuple(
    "TW TU HU QU ĐU ĐUK BCT BBT BCĐ BCSĐ BTCTW BTGTW BDVTW BNCTW BKTTW VPTW UBKTTW ĐUQSTW"
    " ĐUCATW ĐUCA TƯ BCS ĐĐ T.Ư T.W".split()
)
# Party issuers (for the state-style order "27/CT-TW" and for "TT", which is a Party Thông
# tri only with a Party issuer): the Central Committee's bodies end in TW, committees of a
# province, district or ward and Party units start with ĐU, BCS.
_PARTY_ISSUERS = frozenset("TW TU HU QU ĐU ĐUK ĐUCA BCS BCSĐ ĐĐ BCT BBT BCĐ CB ĐĐ".split())


def is_party_issuer(issuer: str) -> bool:
    return issuer in _PARTY_ISSUERS or issuer.endswith("TW") or issuer.startswith(("ĐU", "BCS"))


_KNOWN_ISSUER_SET = frozenset(_KNOWN_ISSUERS)


_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SP = r"[^\S\n]"  # a space that does not cross a line


def _alternation(words: Iterable[str]) -> str:
    """Longest first (QĐi before QĐ, ĐUK before ĐU); a space matches any run of spaces."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace("\\ ", f"{_SP}+") for w in ordered)


_LETTER = r"[^\W\d_]"

# The code proper. The number must not continue a word, a number or a slash-separated
# sequence (state documents and dates: 30/2020/..., 18/8/2014); "số39-CT/TW" is allowed.
# The lookbehinds sit after the first digit so the regex engine can skip ahead to digits
# instead of trying every position.
_CODE_RE = re.compile(
    r"(?P<number>\d"
    r"(?:(?<=số\d)|(?<=Số\d)|(?<=SỐ\d)|(?<![\w/]\d))(?<!\d[.,]\d)"
    r"\d{0,4})"
    rf"(?:{_SP}{{0,3}}[{_DASHES}]{_SP}{{0,3}})?"
    rf"(?P<type>(?i:{_alternation(TYPE_NAMES)})|[A-ZĐ]{{2,5}})"
    r"/"
    # Upper-case issuers end where lower case starts, which is how a code glued to the next
    # word ("39-CT/TWcủa") is still read as 39-CT/TW.
    rf"(?P<issuer>[A-ZĐƯ]{{2,10}}|(?i:{_alternation(_KNOWN_ISSUERS)})(?!{_LETTER}))"
)

# A Party document numbered in the state's order ("27/CT-TW", "11/CT-HU", "05/NQ-TU"); the
# issuer must be a Party one, which keeps state documents (123/QĐ-UBND) out.
_STATE_ORDER_RE = re.compile(
    r"(?P<number>\d(?<![\w/.,\-]\d)\d{0,3})"
    rf"{_SP}?/{_SP}?(?P<type>(?i:{_alternation(TYPE_NAMES)}))"
    rf"{_SP}?[{_DASHES}]{_SP}?"
    rf"(?P<issuer>[A-ZĐƯ]{{2,10}}|(?i:{_alternation(_KNOWN_ISSUERS)}))(?![\w/])"
)

# Spelled-out type words for short references, with how much evidence each needs.
# "noun": never a verb, so "chỉ thị 39" in any case is a reference.
# "capital": also a verb ("quy định 3 năm"), so it needs a capital or "số".
# "so": generic words ("Kế hoạch 5 năm", "Chương trình 135"), which need "số".
_SHORT_WORDS: dict[str, tuple[str, str]] = {
    "chỉ thị": ("CT", "noun"),
    "nghị quyết": ("NQ", "noun"),
    "kết luận": ("KL", "capital"),
    "quy định": ("QĐ", "capital"),
    "qui định": ("QĐ", "capital"),
    "quyết định": ("QĐ", "capital"),
    "hướng dẫn": ("HD", "capital"),
    "thông báo": ("TB", "capital"),
    "kế hoạch": ("KH", "so"),
    "chương trình": ("CTr", "so"),
    "báo cáo": ("BC", "so"),
    "công văn": ("CV", "so"),
    "thông tri": ("TT", "so"),
    "tờ trình": ("TTr", "so"),
    "đề án": ("ĐA", "so"),
    "quy chế": ("QC", "so"),
}
_WORD_ALT = _alternation(_SHORT_WORDS)

# A number right after the type word or after "số"; "Nghị quyết Trung ương 4" is a plenum.
_SHORT_RE = re.compile(
    rf"(?<!{_LETTER})(?P<word>{_WORD_ALT}){_SP}+(?:(?P<so>số){_SP}+)?(?P<number>\d{{1,5}})(?!\w)",
    re.IGNORECASE,
)

# Where a short reference may start: a type word, looked for in the lower-cased text. A
# case-sensitive alternation is scanned far faster than _SHORT_RE's case-insensitive one, so
# _SHORT_RE only runs where this finds a word. Lower-casing keeps every offset and finds
# every case-insensitive match except with the Turkish İ (two characters in lower case) and
# ı (which re's IGNORECASE matches with "i"): text holding either is searched the slow way.
_TYPE_WORD_LOWER = re.compile(_WORD_ALT)
_CASE_SPECIAL = "\u0130\u0131"

# What may not follow a short reference's number: a decimal, a slash (state documents,
# dates), a rejected code shape, or a unit that makes the number a quantity ("Kế hoạch 5 năm";
# "Nghị quyết số 35 năm 2018" is a year, not a quantity).
_UNITS = (
    *"năm tháng ngày tuần giờ phút giây lần người đồng triệu tỷ tỉ nghìn ngàn điểm".split(),
    *"nhóm bước mục điều".split(),
    *("nội dung", "vấn đề", "giải pháp", "nhiệm vụ", "tiêu chí"),
)
_NOT_AFTER_SHORT = re.compile(
    rf"""{_SP}*(?:
        [.,:]\d
      | /
      | [{_DASHES}]{_SP}*\d
      | [{_DASHES}]?{_SP}*{_LETTER}{{1,6}}{_SP}*/
      | %
      | (?:{_alternation(_UNITS)})(?!{_LETTER})(?!{_SP}+\d{{4}})
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# The document's date, right after the reference.
# "của Ban Bí thư (khóa XI) ngày …": who issued it may stand between the code and its date.
_ISSUED_BY = rf"(?:{_SP}*,?{_SP}*của{_SP}+[^,.;:()\n\d]{{1,60}}?(?:{_SP}*\([^()\n\d]{{1,20}}\))?)?"
_DATE_AFTER = re.compile(
    rf"{_ISSUED_BY}{_SP}*[,(]?{_SP}*(?:(?:được{_SP}+)?ban{_SP}+hành{_SP}+)?(?:vào{_SP}+)?ngày{_SP}+"
    rf"(?:(?P<d1>\d{{1,2}})(?P<sep>[/.\-])(?P<m1>\d{{1,2}})(?P=sep)(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_SP}+tháng{_SP}+(?P<m2>\d{{1,2}}){_SP}+năm{_SP}+(?P<y2>\d{{4}}))"
    r"(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DirectiveRef:
    """One reference; `text == source[start:end]` is the span a reader highlights.

    For a full code the span is the code alone ("39-CT/TW"); for a short reference it is the
    type word and number ("Chỉ thị 39", "Chỉ thị số 39"), and `issuer` is None.
    """

    start: int
    end: int
    text: str
    doc_type: str
    number: str
    issuer: str | None
    date: str | None = None
    # A short reference's issuer read from the Party body named after it ("Chỉ thị số 09 của
    # Ban Thường vụ Thành ủy": TU): when no code seen resolves it, the code is reconstructed.
    cited_issuer: str | None = None
    term: str | None = None  # a plenum's congress term: "XII" of NQTW5/XII

    @property
    def code(self) -> str | None:
        if self.issuer is None:
            return None
        if self.doc_type == PLENUM:
            return f"{PLENUM}{self.number}" + (f"/{self.term}" if self.term else "")
        return f"{self.number}-{self.doc_type}/{self.issuer}"

    @property
    def is_short(self) -> bool:
        return self.issuer is None


def _canonical_type(written: str) -> str:
    return _TYPE_BY_LOWER.get(written.lower(), written)


def _canonical_issuer(written: str) -> str:
    issuer = written.upper().replace(".", "").replace(" ", "")
    # "TƯ" is another abbreviation of Trung ương, as in 39-CT/TƯ or BTCTƯ.
    if issuer.endswith("TƯ"):
        issuer = issuer[:-2] + "TW"
    return issuer


def _date_after(text: str, pos: int) -> str | None:
    m = _DATE_AFTER.match(text, pos)
    if m is None:
        return None
    if m["d1"] is not None:
        day, month, year = m["d1"], m["m1"], m["y1"]
    else:
        day, month, year = m["d2"], m["m2"], m["y2"]
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _short_word(word: str) -> tuple[str, str]:
    """(type, tier) of a matched type word, whatever its case and spacing."""
    return _SHORT_WORDS[" ".join(word.lower().split())]


def _short_is_reference(m: re.Match[str], text: str) -> bool:
    word = m["word"]
    tier = _short_word(word)[1]
    if tier == "so" and m["so"] is None:
        return False
    if tier == "capital" and m["so"] is None and not word[0].isupper():
        return False
    if _DATE_AFTER.match(text, m.end()):  # "Chỉ thị 39 ngày 18/8/2014": "ngày" is no unit here
        return True
    return _NOT_AFTER_SHORT.match(text, m.end()) is None


def _code_end(m: re.Match[str]) -> int:
    """Where the code ends: before the last letter of "TWCủa" or "TWCỦA", a glued word."""
    issuer, end, text = m["issuer"], m.end(), m.string
    if (
        end < len(text)
        and text[end].isalpha()
        and issuer.isupper()
        and issuer not in _KNOWN_ISSUER_SET
        and issuer[:-1] in _KNOWN_ISSUER_SET
    ):
        return end - 1
    return end


def _code_refs(text: str) -> list[DirectiveRef]:
    if "/" not in text:  # every code has one
        return []
    refs = []
    for m in _CODE_RE.finditer(text):
        end = _code_end(m)
        issuer = _canonical_issuer(text[m.start("issuer") : end])
        if _canonical_type(m["type"]) == "TT" and not is_party_issuer(issuer):
            continue  # a state Thông tư
        refs.append(
            DirectiveRef(
                start=m.start(),
                end=end,
                text=text[m.start() : end],
                doc_type=_canonical_type(m["type"]),
                number=m["number"],
                issuer=issuer,
                date=_date_after(text, end),
            )
        )
    for m in _STATE_ORDER_RE.finditer(text):
        issuer = _canonical_issuer(m["issuer"])
        if not is_party_issuer(issuer):
            continue
        refs.append(
            DirectiveRef(
                start=m.start(),
                end=m.end(),
                text=m[0],
                doc_type=_canonical_type(m["type"]),
                number=m["number"],
                issuer=issuer,
                date=_date_after(text, m.end()),
            )
        )
    return refs


def _short_matches(text: str) -> Iterator[re.Match[str]]:
    """What _SHORT_RE.finditer(text) yields, with _SHORT_RE tried only where a type word starts."""
    if any(c in text for c in _CASE_SPECIAL):  # faster than a regex scan of the text
        yield from _SHORT_RE.finditer(text)
        return
    lowered = text.lower()
    pos = 0
    while (word := _TYPE_WORD_LOWER.search(lowered, pos)) is not None:
        m = _SHORT_RE.match(text, word.start())
        if m is None:
            pos = word.start() + 1
        else:
            yield m
            pos = m.end()


def _short_refs(text: str) -> list[DirectiveRef]:
    refs = []
    for m in _short_matches(text):
        if not _short_is_reference(m, text):
            continue
        doc_type = _short_word(m["word"])[0]
        issuer = _issuer_after(text, m.end()) if m["so"] or doc_type != "QĐ" else None
        refs.append(
            DirectiveRef(
                start=m.start(),
                end=m.end(),
                text=m[0],
                doc_type=doc_type,
                number=m["number"],
                issuer=None,
                date=_date_after(text, m.end()),
                cited_issuer=issuer,
            )
        )
    return refs


# Party bodies named after a code-less citation, and the issuer part of their codes. The
# longest name is tried first (Ban Tuyên giáo Trung ương before Trung ương).
_BODY_ISSUERS = {
    "ban chấp hành trung ương": "TW",
    "bộ chính trị": "TW",
    "ban bí thư": "TW",
    "trung ương": "TW",
    "ban tuyên giáo trung ương": "BTGTW",
    "ban tổ chức trung ương": "BTCTW",
    "ban dân vận trung ương": "BDVTW",
    "ban nội chính trung ương": "BNCTW",
    "ban kinh tế trung ương": "BKTTW",
    "ủy ban kiểm tra trung ương": "UBKTTW",
    "uỷ ban kiểm tra trung ương": "UBKTTW",
    "văn phòng trung ương đảng": "VPTW",
    "quân ủy trung ương": "ĐUQSTW",
    "quân uỷ trung ương": "ĐUQSTW",
    "đảng ủy công an trung ương": "ĐUCATW",
    "đảng uỷ công an trung ương": "ĐUCATW",
    "tỉnh ủy": "TU",
    "tỉnh uỷ": "TU",
    "thành ủy": "TU",
    "thành uỷ": "TU",
    "huyện ủy": "HU",
    "huyện uỷ": "HU",
    "quận ủy": "QU",
    "quận uỷ": "QU",
    "đảng ủy khối": "ĐUK",
    "đảng uỷ khối": "ĐUK",
}
_ISSUER_AFTER = re.compile(
    rf"{_SP}*,?{_SP}*(?:\(.{{0,20}}?\){_SP}*)?của{_SP}+"
    rf"(?:(?:ban{_SP}+thường{_SP}+vụ|ban{_SP}+chấp{_SP}+hành|thường{_SP}+trực|"
    rf"ban{_SP}+thường{_SP}+trực){_SP}+)?"
    rf"(?:đảng{_SP}+bộ{_SP}+)?(?P<body>{_alternation(_BODY_ISSUERS)})(?!{_LETTER})",
    re.IGNORECASE,
)


def _issuer_after(text: str, pos: int) -> str | None:
    """The Party issuer of a code-less citation: "Chỉ thị số 09 của Ban Thường vụ Thành ủy"."""
    m = _ISSUER_AFTER.match(text, pos)
    if m is None:
        return None
    return _BODY_ISSUERS[" ".join(m["body"].lower().split())]


# A resolution of a Central Committee plenum: "Nghị quyết Trung ương 5 khóa XII", "Nghị
# quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương" is not counted (no number written),
# "NQ TƯ 6", "NQTW 5 (khóa XIII)". Its label is NQTW<n>/<term>, not a code.
_PLENUM_START = re.compile(rf"nghị{_SP}+quyết|nq")  # not "hội nghị", which is everywhere
_PLENUM_WORDS = ("quyết", "QUYẾT", "NQ", "nq", "Nq", "nQ")
_PLENUM_RE = re.compile(
    rf"(?<!{_LETTER})(?:nghị{_SP}+quyết|nq){_SP}*(?:hội{_SP}+nghị{_SP}+)?"
    rf"(?:trung{_SP}+ương|tư|tw|t\.ư|t\.w){_SP}*(?:lần{_SP}+thứ{_SP}+)?"
    rf"(?P<number>\d{{1,2}})(?!\d|{_SP}*[/.\-]{_SP}*\d)"
    rf"(?:{_SP}*,?{_SP}*\(?{_SP}*khó[aá]{_SP}+(?P<term>XIV|XIII|XII|XI|X|IX|VIII)(?!\w){_SP}*\)?)?",
    re.IGNORECASE,
)


def _plenum_matches(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """_PLENUM_RE's matches, tried only where "nghị quyết" or "nq" starts."""
    end = 0
    for found in _PLENUM_START.finditer(lowered):
        start = found.start()
        if start < end:
            continue
        m = _PLENUM_RE.match(text, start)
        if m is not None:
            end = m.end()
            yield m


def find_plenum_refs(text: str) -> list[DirectiveRef]:
    """Plenum resolutions in `text` ("Nghị quyết Trung ương 5 khóa XII" -> NQTW5/XII): no
    code shape, so they never overlap find_directive_refs's references."""
    refs: list[DirectiveRef] = []
    if not any(word in text for word in _PLENUM_WORDS):  # most texts: no lower-casing
        return refs
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would move
        matches: Iterable[re.Match[str]] = _PLENUM_RE.finditer(text)
    else:
        matches = _plenum_matches(text, lowered)
    for m in matches:
        end = m.end()
        if m["term"] is None:
            end = m.end("number")
        elif not text[m.start() : end].endswith(")") or "(" not in text[m.start() : end]:
            end = m.end("term")
        refs.append(
            DirectiveRef(
                start=m.start(),
                end=end,
                text=text[m.start() : end],
                doc_type=PLENUM,
                number=str(int(m["number"])),
                issuer="TW",
                term=m["term"].upper() if m["term"] else None,
            )
        )
    return refs


def find_directive_refs(text: str) -> list[DirectiveRef]:
    """Every directive reference in `text`, in order and non-overlapping; full codes win."""
    codes = _code_refs(text)
    refs = list(codes)
    taken = SpanSet()
    for code in codes:
        taken.add_if_free(code.start, code.end)
    refs.extend(ref for ref in _short_refs(text) if not taken.overlaps(ref.start, ref.end))
    refs.sort(key=lambda r: r.start)
    return refs


def mend_glued_codes(text: str) -> str:
    """Put a space between a code and a word glued to it: "39-CT/TWcủa" -> "39-CT/TW của".

    Glued means a lower-case letter right after an upper-case issuer ("QĐi" is safe: its "i"
    comes before the slash). "TWCủa" splits as "TW Của" when TW is a known issuer and TWC
    is not.
    """

    def mend(m: re.Match[str]) -> str:
        cut = _code_end(m) - m.start()
        glued = cut < len(m[0]) or (m.end() < len(text) and text[m.end()].islower())
        if glued and m["issuer"].isupper():
            return m[0][:cut] + " " + m[0][cut:]
        return m[0]

    if "/" not in text:  # every code has one
        return text
    return _CODE_RE.sub(mend, text)


def parse_code(code: str) -> tuple[str, str, str] | None:
    """(number, type, issuer) of a code in any accepted spelling, canonicalised; else None."""
    m = _CODE_RE.fullmatch(code.strip())
    if m is None:
        m = _STATE_ORDER_RE.fullmatch(code.strip())  # "27/CT-TW"
        if m is None or not is_party_issuer(_canonical_issuer(m["issuer"])):
            return None
    return m["number"], _canonical_type(m["type"]), _canonical_issuer(m["issuer"])


def canonical_code(code: str) -> str | None:
    """The canonical form ("39 – ct/tw" -> "39-CT/TW"); None for anything but a Party code."""
    parts = parse_code(code)
    if parts is None:
        return None
    number, doc_type, issuer = parts
    return f"{number}-{doc_type}/{issuer}"


_Best = tuple[int, int, str]  # (-count, first-seen position, code): min() is the best


class ShortResolver:
    """Resolves short references against an article's codes and the corpus's, each looked up
    in a table made once: one lookup per reference, however many codes the article holds."""

    __slots__ = ("_corpus", "_corpus_codes", "_local", "_local_codes")

    def __init__(self, local_codes: Iterable[str], corpus_codes: Counter[str]) -> None:
        self._local_codes = Counter(local_codes)
        self._corpus_codes = corpus_codes
        # Made on first need: most articles cite full codes only, which need no table.
        self._local: dict[tuple[int, str], _Best] | None = None
        self._corpus: dict[tuple[int, str], _Best] | None = None

    @staticmethod
    def _table(counts: Counter[str]) -> dict[tuple[int, str], _Best]:
        """(number, type) -> the most frequent code with them; ties to the first seen."""
        best: dict[tuple[int, str], _Best] = {}
        for position, (code, count) in enumerate(counts.items()):  # first-seen order
            parts = parse_code(code)
            if parts is None:
                continue
            key = (int(parts[0]), parts[1])
            entry = (-count, position, code)
            if key not in best or entry < best[key]:
                best[key] = entry
        return best

    @staticmethod
    def _lookup(table: dict[tuple[int, str], _Best], ref: DirectiveRef) -> str | None:
        number = int(ref.number)  # "Chỉ thị 5" and 05-CT/TW are the same document
        found = [table.get((number, ref.doc_type))]
        if ref.doc_type == "QĐ":  # a spelled-out "Quy định" may stand for a QĐ or a QĐi code
            found.append(table.get((number, "QĐi")))
        entries = [entry for entry in found if entry is not None]
        return min(entries)[2] if entries else None

    def resolve(self, ref: DirectiveRef) -> str | None:
        return self.resolve_marked(ref)[0]

    def resolve_marked(self, ref: DirectiveRef) -> tuple[str | None, bool]:
        """The code and whether it was reconstructed from the issuer named after the
        reference rather than seen written in the article or the corpus."""
        if not ref.is_short:
            return ref.code, False
        found = self._resolve_seen(ref)
        issuer = ref.cited_issuer
        if issuer is None:
            return found, False
        if found is not None and found.endswith(f"/{issuer}"):
            return found, False
        return f"{ref.number}-{ref.doc_type}/{issuer}", True

    def _resolve_seen(self, ref: DirectiveRef) -> str | None:
        if self._local is None:
            self._local = self._table(self._local_codes)
        local = self._lookup(self._local, ref)
        if local is not None:
            return local
        if self._corpus is None:
            self._corpus = self._table(self._corpus_codes)
        return self._lookup(self._corpus, ref)


def resolve_short(
    ref: DirectiveRef, local_codes: list[str], corpus_codes: Counter[str]
) -> str | None:
    """The full code a short reference stands for, or None.

    Numbers restart per issuer, so the article's own codes come first (the most frequent
    there, ties to the first seen), then the corpus's most common. A full ref returns its code.
    Resolving many references of one article: make one ShortResolver.
    """
    return ShortResolver(local_codes, corpus_codes).resolve(ref)


_PLENUM_LABEL = re.compile(rf"{PLENUM}(\d+)(?:/([IVXL]+))?")


def directive_label(code: str) -> str:
    """The code after its type's name ("Chỉ thị 39-CT/TW"); else the code itself."""
    plenum = _PLENUM_LABEL.fullmatch(code)
    if plenum:
        term = f" khóa {plenum[2]}" if plenum[2] else ""
        return f"Nghị quyết Trung ương {plenum[1]}{term} ({code})"
    parts = parse_code(code)
    if parts is None or parts[1] not in TYPE_NAMES:
        return code
    number, doc_type, issuer = parts
    return f"{TYPE_NAMES[doc_type]} {number}-{doc_type}/{issuer}"


_TYPE_RANK = {abbr: i for i, abbr in enumerate(TYPE_NAMES)}


def directive_sort_key(code: str) -> tuple[int, int, int, str, str]:
    """Type (in TYPE_NAMES order), then number by value, then issuer; unparseable codes last."""
    parts = parse_code(code)
    if parts is None:
        return (1, len(_TYPE_RANK), 0, "", code)
    number, doc_type, issuer = parts
    return (0, _TYPE_RANK.get(doc_type, len(_TYPE_RANK)), int(number), issuer, code)


# "Sơ kết 5 năm", "Tổng kết 10 năm", "Nhìn lại 20 năm", "Sau 3 năm", "Qua 3 năm", and a
# title or sentence that starts with "5 năm thực hiện …". A gap must then lead to the
# reference (see _ANNIVERSARY_GAP), so "sau 3 năm công tác" is no anniversary.
_ANNIVERSARY_RE = re.compile(
    rf"(?:(?<!{_LETTER})(?:sơ{_SP}+kết|tổng{_SP}+kết|nhìn{_SP}+lại|sau|qua|trải{_SP}+qua)"
    rf"{_SP}+|^[\"“]?|(?<=[.:;!?]){_SP}+)"
    rf"(?P<years>\d{{1,3}}){_SP}+năm(?!{_LETTER})",
    re.IGNORECASE,
)
_ANNIVERSARY_WINDOW = 4000
_CONNECTORS = (
    "việc",
    "thực hiện",
    "triển khai",
    "thi hành",
    "học tập và làm theo",
    "tổ chức",
    "quán triệt",
)
# What may stand between "N năm" and the reference: the period ("(2014 - 2019)"),
# connectors, then the type word and "số" (a full code's span starts at its number).
_ANNIVERSARY_GAP = re.compile(
    rf"(?:{_SP}*\(?{_SP}*\d{{4}}{_SP}*[{_DASHES}]{_SP}*\d{{4}}{_SP}*\)?,?)?"
    rf"(?:{_SP}+(?:{_alternation(_CONNECTORS)}))*"
    rf"{_SP}*[“\"(]?{_SP}*(?:(?:{_WORD_ALT}){_SP}+(?:số{_SP}+)?)?",
    re.IGNORECASE,
)


def find_anniversary(text: str) -> tuple[int, DirectiveRef] | None:
    """The first "Sơ kết/Tổng kết N năm thực hiện <reference>" as (N, reference), else None."""
    refs: list[DirectiveRef] | None = None
    starts: list[int] = []
    text = text[:_ANNIVERSARY_WINDOW]  # a review says so in its title or its lead's start
    for m in _ANNIVERSARY_RE.finditer(text):
        years = int(m["years"])
        if years == 0:
            continue
        if refs is None:
            refs = find_directive_refs(text)
            starts = [r.start for r in refs]
        at = bisect_left(starts, m.end())
        following = refs[at] if at < len(refs) else None
        if following is not None and _ANNIVERSARY_GAP.fullmatch(text, m.end(), following.start):
            return years, following
    return None
