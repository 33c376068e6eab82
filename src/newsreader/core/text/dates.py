"""Dates in Vietnamese news text, and the date lines at the top of news pages.

`find_dates` returns spans with an ISO value: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Qn, an interval
"A/B" of those, or --MM-DD (ISO 8601's form without a year) for a day and month when no anchor
is given. A day and month without a year ("Sáng 31/10") take the year that puts them nearest the
anchor, usually the publication date.

Span convention: a span covers the calendar words with the digits ("Sáng 31/10", "ngày 18/8/2014",
"thứ Hai, 16/5", "tháng 6/2016", "năm 2021", "quý I/2024") but not prepositions or period nouns
("từ", "đến", "trước", "giai đoạn", "nhiệm kỳ"): "từ ngày 16/5" gives "ngày 16/5" and "giai đoạn
2018 - 2023" gives "2018 - 2023".

A bare d/m is a date only right after a trigger word (part of day, ngày, hôm, mùng, weekday):
without one, "2/3 số đại biểu" and "10/10 chỉ tiêu" are fractions and scores. A number followed
by "/" or by "-LETTERS" is a document number (30/2020/NĐ-CP, 01/2024/TT-BNV), never a date.
Every offset returned indexes the exact string given.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from newsreader.core.text.spans import SpanSet

__all__ = ["DateMatch", "anchor_from_iso", "find_dates", "parse_dateline"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    text: str  # == source[start:end]
    value: str  # ISO: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Qn, --MM-DD, or an interval A/B


_SP = r"[^\S\n]"  # a space that does not cross a line
_DASH = r"[\-\u2010-\u2015\u2212]"
_LETTER = r"[^\W\d_]"
_YEAR = r"(?:19\d\d|20\d\d|2100)"

# Numbers are matched loosely (\d\d?) and checked by datetime, which knows 31/2 is no date.
# A number starting a triggerless match must not continue a word, a slash sequence or a number
# ("1.500", "39-"): the lookbehinds sit after the first digit so the regex engine can skip ahead
# to digits instead of trying every position.
_FIRST_DIGIT = r"\d(?<![\w/]\d)(?<!\d[.,\-]\d)"
# What may not follow a match: more digits, a slash (document numbers: 30/2020/NĐ-CP), a decimal
# or a time, or a dash glued to letters ("2014-QĐ").
_END = rf"(?!\d|{_SP}*/{_SP}*\w|[.,:]\d|{_DASH}{_LETTER})"
_DM_SEP = r"[/.\-]"  # "16/5", Nhân Dân's "16-5", Thanh Niên's "16.5"
_RANGE = rf"{_SP}*[\-\u2013\u2014]{_SP}*"
_TO = rf"(?:{_RANGE}|{_SP}+(?:đến|tới){_SP}+)"
_YEAR_WORD = rf"(?:{_SP}*[/\-]{_SP}*|\.|{_SP}+năm{_SP}+)"  # "6/2016", "6-2016", "6 năm 2016"


def _word(word: str) -> str:
    """A word that does not continue another; the lookbehind follows the literal for speed."""
    return rf"{word}(?<!\w{word})"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Words that make a bare d/m a date: a part of the day, ngày/hôm/mùng, a weekday. Prepositions
# ("từ ngày", "trước ngày") need no listing: "ngày" is the trigger. "lần thứ hai" is an ordinal.
_WEEKDAY = rf"(?<!lần{_SP})thứ{_SP}+(?:hai|ba|tư|năm|sáu|bảy|[2-7](?!\d))|chủ{_SP}+nhật"
_TRIGGER_WORD = (
    rf"(?:rạng{_SP}+sáng|sáng|trưa|chiều|tối|đêm|khuya|ngày|hôm|mùng|mồng"
    rf"|{_WEEKDAY}|\({_SP}*(?:{_WEEKDAY}){_SP}*\))(?!{_LETTER})"
)
# Up to three trigger words ("Sáng thứ Hai, ngày 16/5"), then the date's first digit. A date in
# parentheses ("Sáng nay (31/10)", "Chủ nhật (12/5)") must close its paren.
_TRIGGER = _c(
    rf"(?<!\w){_TRIGGER_WORD}(?:(?:{_SP}|,)+{_TRIGGER_WORD}){{0,2}}"
    rf"(?:(?:{_SP}+(?:nay|qua|mai))?{_SP}*(?P<paren>\(){_SP}*|{_SP}*,?{_SP}*)"
    r"(?<!\d)(?=\d)"
)
_CLOSE_PAREN = re.compile(rf"{_SP}*\)")

# Nouns that make a triggerless "8-9/10" a score or a share rather than a date.
_COUNTED = _c(
    rf"{_SP}*(?:%|(?:điểm|chỉ{_SP}+tiêu|tiêu{_SP}+chí|số|phần|người|đại{_SP}+biểu|phiếu"
    rf"|xã|huyện|tỉnh|đơn{_SP}+vị|thành{_SP}+viên|câu|lần|ý{_SP}+kiến)(?!\w))"
)

# A range written without a year is read as at most this long ("ngày 16/5 - 2/3 số" is not).
_MAX_OPEN_RANGE_DAYS = 183


# --- year inference ------------------------------------------------------------------------


def _valid(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _nearest(month: int, day: int, anchor: datetime.date) -> datetime.date | None:
    """The date with this day and month nearest the anchor; a tie goes to the past."""
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _valid(y, month, day))
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))


def _day_month(day: int, month: int, year: int | None, anchor: datetime.date | None) -> str | None:
    if year is not None:
        date = _valid(year, month, day)
        return date.isoformat() if date else None
    if anchor is None:
        return f"--{month:02d}-{day:02d}" if _valid(2000, month, day) else None
    date = _nearest(month, day, anchor)
    return date.isoformat() if date else None


def _day_range(
    d1: int, m1: int, d2: int, m2: int, year: int | None, anchor: datetime.date | None
) -> str | None:
    """An interval of two days. The year written belongs to the end ("30/12 - 2/1/2025");
    without one, the start is anchored and the end follows it."""
    wraps = (m1, d1) > (m2, d2)
    if year is not None:
        start, end = _valid(year - wraps, m1, d1), _valid(year, m2, d2)
        if not start or not end or start >= end:
            return None
        return f"{start.isoformat()}/{end.isoformat()}"
    # A leap year stands in for the unknown one: 29/2 may be a date.
    start, end = _valid(2000 - wraps, m1, d1), _valid(2000, m2, d2)
    if not start or not end or not 0 < (end - start).days <= _MAX_OPEN_RANGE_DAYS:
        return None
    if anchor is None:
        return f"--{m1:02d}-{d1:02d}/--{m2:02d}-{d2:02d}"
    start = _nearest(m1, d1, anchor)
    end = start and _valid(start.year + wraps, m2, d2)
    return f"{start.isoformat()}/{end.isoformat()}" if start and end else None


# --- rules: a regex and what its match means ------------------------------------------------

_Build = Callable[[re.Match[str], "datetime.date | None"], "str | None"]


def _int(m: re.Match[str], name: str) -> int | None:
    value = m.groupdict().get(name)
    return int(value) if value is not None else None


def _build_dm(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    return _day_month(int(m["d"]), int(m["m"]), _int(m, "y"), anchor)


def _build_day_range(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    d1, d2, m2 = int(m["d1"]), int(m["d2"]), int(m["m2"])
    m1 = _int(m, "m1")
    if m1 is None and d1 >= d2:
        return None
    return _day_range(d1, m1 or m2, d2, m2, _int(m, "y"), anchor)


def _build_bare_day_range(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    if m["y"] is None and (m["s"] == "." or _COUNTED.match(m.string, m.end())):
        return None
    return _build_day_range(m, anchor)


def _build_iso(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    year = int(m["y"])
    return _day_month(int(m["d"]), int(m["m"]), year, None) if 1900 <= year <= 2100 else None


def _build_month(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    month = int(m["m"])
    return f"{m['y']}-{month:02d}" if 1 <= month <= 12 else None


def _build_month_range(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    m1, m2, year = int(m["m1"]), int(m["m2"]), m["y"]
    return f"{year}-{m1:02d}/{year}-{m2:02d}" if 1 <= m1 < m2 <= 12 else None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _build_quarter(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    q = m["q"].lower()
    return f"{m['y']}-Q{_ROMAN.get(q) or int(q)}"


def _build_year(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    return m["y"]


def _build_year_range(m: re.Match[str], anchor: datetime.date | None) -> str | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    # Without "năm", "1900-2045" is more likely a hotline than a period.
    if not 1900 <= y1 < y2 <= y1 + 100 or ("nam" not in m.re.groupindex and y1 == 1900):
        return None
    return f"{y1}/{y2}"


# Dates that follow a trigger, matched at the digit right after it.
_TRIGGERED: tuple[tuple[re.Pattern[str], _Build], ...] = (
    # ngày 31/10, Sáng 31/10, ngày 18/8/2014, ngày 16-5-2024
    (_c(rf"(?P<d>\d\d?)(?P<s>{_DM_SEP})(?P<m>\d\d?)(?:(?P=s)(?P<y>{_YEAR}))?{_END}"), _build_dm),
    # ngày 16-18/5, ngày 16 đến ngày 18/5/2024, ngày 30/4 - 1/5 (but "ngày 16/5 đến ngày 18/5"
    # is two dates, each with its trigger)
    (
        _c(
            rf"(?P<d1>\d\d?)(?:[/.](?P<m1>\d\d?){_RANGE}|{_TO})(?:ngày{_SP}+)?"
            rf"(?P<d2>\d\d?)(?P<s>[/.])(?P<m2>\d\d?)(?:(?P=s)(?P<y>{_YEAR}))?{_END}"
        ),
        _build_day_range,
    ),
    # ngày 18 tháng 8 năm 2014, ngày 18 tháng 8
    (
        _c(
            rf"(?P<d>\d\d?){_SP}+tháng{_SP}+(?P<m>\d\d?)"
            rf"(?:{_SP}*,?{_SP}*năm{_SP}+(?P<y>{_YEAR}))?{_END}"
        ),
        _build_dm,
    ),
)

# Dates that need no trigger, searched for anywhere, with the lower-case word every match
# holds (None: digits only). A window without the word is not searched for the rule.
_RULES: tuple[tuple[re.Pattern[str], _Build, str | None], ...] = (
    # 18/8/2014, 18-8-2014, 18.08.2014
    (
        _c(rf"(?P<d>{_FIRST_DIGIT}\d?)(?P<s>{_DM_SEP})(?P<m>\d\d?)(?P=s)(?P<y>{_YEAR}){_END}"),
        _build_dm,
        None,
    ),
    # 2024-05-23
    (_c(rf"(?P<y>\d(?<![\w/.\-]\d)\d\d\d)-(?P<m>\d\d)-(?P<d>\d\d){_END}"), _build_iso, None),
    # 16-18/5, 16 - 18/5/2024
    (
        _c(
            rf"(?P<d1>{_FIRST_DIGIT}\d?){_RANGE}(?P<d2>\d\d?)(?P<s>[/.])(?P<m2>\d\d?)"
            rf"(?:(?P=s)(?P<y>{_YEAR}))?{_END}"
        ),
        _build_bare_day_range,
        None,
    ),
    # tháng 6/2016, tháng 06-2016, tháng 6 năm 2016
    (
        _c(rf"{_word('tháng')}{_SP}+(?P<m>\d\d?){_YEAR_WORD}(?P<y>{_YEAR}){_END}"),
        _build_month,
        "tháng",
    ),
    # tháng 3 đến tháng 5/2024, tháng 3-5/2024
    (
        _c(
            rf"{_word('tháng')}{_SP}+(?P<m1>\d\d?){_TO}(?:tháng{_SP}+)?(?P<m2>\d\d?)"
            rf"{_YEAR_WORD}(?P<y>{_YEAR}){_END}"
        ),
        _build_month_range,
        "tháng",
    ),
    # quý I/2024, quý 1/2024, quý IV năm 2025
    (
        _c(rf"{_word('quý')}{_SP}+(?P<q>iv|i{{1,3}}|[1-4])(?!\w){_YEAR_WORD}(?P<y>{_YEAR}){_END}"),
        _build_quarter,
        "quý",
    ),
    # năm 2021 ("5 năm" is a duration: no year follows it)
    (_c(rf"{_word('năm')}{_SP}+(?P<y>{_YEAR}){_END}"), _build_year, "năm"),
    # năm 2015 đến năm 2020, năm 2015 - 2020
    (
        _c(
            rf"(?P<nam>{_word('năm')}){_SP}+(?P<y1>\d{{4}}){_TO}(?:năm{_SP}+)?(?P<y2>{_YEAR}){_END}"
        ),
        _build_year_range,
        "năm",
    ),
    # 2018 - 2023, after "giai đoạn", "nhiệm kỳ", or in parentheses
    (
        _c(rf"(?P<y1>[12](?<![\w/.,\-][12])\d\d\d){_TO}(?:năm{_SP}+)?(?P<y2>{_YEAR}){_END}"),
        _build_year_range,
        None,
    ),
)

# Every match holds one of these: d/m digits, a four-digit year, or "18 tháng". Rules run only
# in windows around them, which keeps the cost low on paragraphs full of other numbers.
_DIGIT = re.compile(r"\d")
_CUE = re.compile(rf"\d(?:[/.\-]\d|\d\d\d|{_SP}+[tT][hH][áÁ][nN][gG])")
# A match starts at most this far before a cue it holds and ends well within this far after
# its last cue, so a window holds whole matches plus the context their lookaheads read.
_REACH_BEFORE = 80
_REACH_AFTER = 40


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for cue in _CUE.finditer(text):
        lo = max(0, cue.start() - _REACH_BEFORE)
        hi = min(len(text), cue.start() + _REACH_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


# Where a trigger may start: its first word, looked for in the lower-cased text. A
# case-sensitive alternation is scanned far faster than _TRIGGER's case-insensitive one, so
# _TRIGGER only runs where this finds a word. Lower-casing keeps offsets and finds every
# case-insensitive match except with İ (two characters in lower case), and ı and ſ (which
# re's IGNORECASE matches with "i" and "s"): text holding one is searched the slow way.
_TRIGGER_START_LOWER = re.compile(
    r"rạng|sáng|trưa|chiều|tối|đêm|khuya|ngày|hôm|mùng|mồng|thứ|chủ|\("
)
_CASE_SPECIAL = "\u0130\u0131\u017f"


def _lowered(text: str) -> str | None:
    """text.lower(), or None when a character of _CASE_SPECIAL is in text."""
    if any(c in text for c in _CASE_SPECIAL):  # faster than a regex scan of the text
        return None
    return text.lower()


def _triggers(text: str, lowered: str | None, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """What _TRIGGER.finditer(text, lo, hi) yields; `lowered` is text.lower() or None."""
    if lowered is None:
        yield from _TRIGGER.finditer(text, lo, hi)
        return
    pos = lo
    while (word := _TRIGGER_START_LOWER.search(lowered, pos, hi)) is not None:
        trigger = _TRIGGER.match(text, word.start(), hi)
        if trigger is None:
            pos = word.start() + 1
        else:
            yield trigger
            pos = trigger.end()


def _candidates(
    text: str, lowered: str | None, lo: int, hi: int, anchor: datetime.date | None
) -> Iterator[tuple[int, int, str]]:
    for trigger in _triggers(text, lowered, lo, hi):
        for pattern, build in _TRIGGERED:
            m = pattern.match(text, trigger.end(), hi)
            if m is None or (value := build(m, anchor)) is None:
                continue
            end = m.end()
            if trigger["paren"]:
                close = _CLOSE_PAREN.match(text, end, hi)
                if close is None:
                    continue
                end = close.end()
            yield trigger.start(), end, value
    for pattern, build, word in _RULES:
        if word is not None and lowered is not None and lowered.find(word, lo, hi) < 0:
            continue
        for m in pattern.finditer(text, lo, hi):
            if (value := build(m, anchor)) is not None:
                yield m.start(), m.end(), value


_FEW_MATCHES = 16


def find_dates(text: str, anchor: datetime.date | None = None) -> list[DateMatch]:
    """Dates in `text`, in text order, non-overlapping; overlaps go to the longest match."""
    windows = _windows(text)
    if not windows:
        return []
    lowered = _lowered(text)  # for quick looks for words
    found = [c for lo, hi in windows for c in _candidates(text, lowered, lo, hi, anchor)]
    if not found:
        return []
    # Longest first; at equal length the earlier rule (more specific) wins.
    found.sort(key=lambda c: c[0] - c[1])
    taken: list[tuple[int, int, str]] = []
    if len(found) <= _FEW_MATCHES:  # the usual paragraph: comparing is cheaper than bisecting
        for start, end, value in found:
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, value))
    else:
        kept = SpanSet()
        taken = [(start, end, value) for start, end, value in found if kept.add_if_free(start, end)]
    taken.sort()
    return [DateMatch(s, e, text[s:e], v) for s, e, v in taken]


# --- date lines ---------------------------------------------------------------------------

_DL_LABEL = (
    r"(?:(?:ngày\s+)?(?:cập\s+nhật|đăng(?:\s+tải)?|xuất\s+bản)|thời\s+gian(?:\s+đăng)?"
    r"|updated|published|posted)(?:\s+(?:lúc|ngày|vào))?\s*:?\s*"
)
_DL_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|t[2-7]|cn)(?!\w)"


def _dl_date(p: str) -> str:
    return (
        rf"(?:(?P<{p}d>\d\d?)(?P<{p}s>[/.\-])(?P<{p}m>\d\d?)(?P={p}s)(?P<{p}y>{_YEAR})"
        rf"|(?P<{p}iy>{_YEAR})-(?P<{p}im>\d\d?)-(?P<{p}id>\d\d?)"
        rf"|(?P<{p}td>\d\d?)\s+tháng\s+(?P<{p}tm>\d\d?)\s*,?\s*năm\s+(?P<{p}ty>{_YEAR}))(?!\d)"
    )


_DL_TIME = (
    r"(?:lúc\s+)?(?P<h>[01]?\d|2[0-3])\s*[:hg]\s*(?P<mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
    r"(?:\s*(?P<ap>am|pm|sa|ch)(?!\w))?"
)
_DL_SEP = r"(?:\s*[|,\-\u2013\u2014]\s*|\s+|(?<=\d)T(?=\d))"
_DL_ZONE = r"(?:\s*,?\s*\(?\s*(?:(?:gmt|utc)\s*[+\-]\s*\d{1,2}(?::?\d\d)?|[+\-]\d\d:?\d\d|z)\s*\)?)"
# The date then the time, or the time first ("08:10 04/11/2019"); the second alternative's
# date groups are prefixed "b_".
_DATELINE = re.compile(
    rf"""(?:{_DL_LABEL})?
    (?:{_DL_WEEKDAY}\s*[,|\-\u2013]?\s*)?(?:ngày\s+)?
    (?:
        {_dl_date("")}(?:{_DL_SEP}{_DL_TIME})?
      | {_DL_TIME.replace("?P<", "?P<b_")}{_DL_SEP}(?:{_DL_WEEKDAY}{_DL_SEP})?(?:ngày\s+)?
        {_dl_date("b_")}
    )
    {_DL_ZONE}?\s*\.?""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_dateline(line: str) -> str | None:
    """A header line that is only a date and time: "YYYY-MM-DDTHH:MM", or "YYYY-MM-DD"."""
    line = " ".join(line.split())
    if len(line) > 80 or not _DIGIT.search(line):
        return None
    m = _DATELINE.fullmatch(line)
    if m is None:
        return None
    p = "" if m["d"] or m["iy"] or m["td"] else "b_"
    if m[p + "d"]:
        y, mo, d = m[p + "y"], m[p + "m"], m[p + "d"]
    elif m[p + "iy"]:
        y, mo, d = m[p + "iy"], m[p + "im"], m[p + "id"]
    else:
        y, mo, d = m[p + "ty"], m[p + "tm"], m[p + "td"]
    date = _valid(int(y), int(mo), int(d))
    if date is None:
        return None
    hour = m[p + "h"]
    if hour is None:
        return date.isoformat()
    h, ampm = int(hour), (m[p + "ap"] or "").lower()
    if ampm in ("pm", "ch") and h < 12:
        h += 12
    elif ampm in ("am", "sa") and h == 12:
        h = 0
    return f"{date.isoformat()}T{h:02d}:{m[p + 'mi']}"


_ISO_PREFIX = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?!\d)")


def anchor_from_iso(value: str | None) -> datetime.date | None:
    """The date an ISO date or datetime names; a bare year is July 1, a year-month the 15th."""
    if not value:
        return None
    m = _ISO_PREFIX.match(value)
    if m is None:
        return None
    year, month, day = m.groups()
    if month is None:
        return _valid(int(year), 7, 1)
    return _valid(int(year), int(month), int(day) if day else 15)
