"""Plain text of a scraped article to title, published date, paragraphs and byline.

Scraped news puts one paragraph per line; hand-edited text is hard-wrapped at a fixed width.
Both come in blocks separated by blank lines, and a block is only joined when its lines
look wrapped: they fill a common width and the next word would not have fitted.
"""

from __future__ import annotations

import re
import unicodedata

from newsreader.core.model import Document
from newsreader.core.text.dates import parse_dateline

# How many meaningful lines from the top may still hold the dateline.
_DATELINE_WINDOW = 6
_WRAP_MIN_WIDTH = 40
_WRAP_MAX_WIDTH = 100
_TITLE_MAX = 250
_BULLET = re.compile(r"^\s*(?:[-*+•–—]\s|\d{1,3}[.)]\s|[a-zđ][.)]\s)")
_SENTENCE_END = tuple('.!?…:;"”’)»')
_BYLINE_JOINERS = {"-", "–", "—", "/", "và", "&", ",", "theo"}


def _collapse_spaces(line: str) -> str:
    """The words of a line joined by single spaces."""
    # Printable text holds no whitespace but " ", so most lines are returned as they are
    # without being split into words and joined again.
    # Stripping such a line is enough, and one huge line is not split into millions of
    # words (one call that long would hold the interpreter's lock for half a second).
    if line.isprintable() and "  " not in line:
        return line.strip(" ")
    return " ".join(line.split())


def is_noise(line: str) -> bool:
    """A line with no letter or digit: dots, dashes, stars left behind by a scraper."""
    return not any(ch.isalnum() for ch in line)


def _first_word(line: str) -> str:
    parts = line.split(maxsplit=1)
    return parts[0] if parts else ""


def _starts_lower(line: str) -> bool:
    for ch in line:
        if ch.isalpha():
            return ch.islower()
        if not unicodedata.category(ch).startswith("P"):
            return False
    return False


def _split_block(lines: list[str]) -> list[str]:
    """One block (no blank lines inside) to paragraphs."""
    if len(lines) == 1:
        return lines
    width = max(len(line) for line in lines)
    if not (_WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH):
        return lines
    paragraphs: list[str] = []
    current = lines[0]
    for line, following in zip(lines, lines[1:], strict=False):
        next_word_fits = len(line) + 1 + len(_first_word(following)) <= width
        ends_early = line.endswith(_SENTENCE_END) and len(line) < 0.8 * width
        # With two lines, only a lower-case continuation is proof of a wrap: a line of
        # caption followed by a sentence looks otherwise the same.
        unproven = len(lines) == 2 and not _starts_lower(following)
        if next_word_fits or ends_early or unproven or _BULLET.match(following):
            paragraphs.append(current)
            current = following
        else:
            current = f"{current} {following}"
    paragraphs.append(current)
    return paragraphs


def _is_byline(line: str) -> bool:
    """A short closing line of names or initials with no sentence in it ("TH", "Minh Anh")."""
    if len(line) > 40 or any(ch in ".!?;:…" for ch in line.rstrip(")")):
        return False
    words = line.replace("(", " ").replace(")", " ").split()
    if not words or len(words) > 6:
        return False
    return all(w.lower() in _BYLINE_JOINERS or w[0].isupper() or w[0].isdigit() for w in words)


def split_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each split or joined, consecutive repeats dropped."""
    paragraphs: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            paragraphs.extend(_split_block(block))
            block.clear()

    for raw in text.split("\n"):
        line = _collapse_spaces(raw)
        if not line or is_noise(line):
            flush()
            continue
        if block and block[-1] == line:  # a caption scraped twice
            continue
        block.append(line)
    flush()
    deduped: list[str] = []
    for paragraph in paragraphs:
        if not deduped or deduped[-1] != paragraph:
            deduped.append(paragraph)
    return deduped


def take_dateline(lines: list[str]) -> tuple[str | None, list[str]]:
    """Find the published date among the first lines; return it and the lines without it."""
    seen = 0
    for index, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not line or is_noise(line):
            continue
        value = parse_dateline(line)
        if value:
            return value, lines[:index] + lines[index + 1 :]
        seen += 1
        if seen >= _DATELINE_WINDOW:
            break
    return None, lines


# --- page chrome ---------------------------------------------------------------------------
# A scrape of a news page often starts with what surrounded the article: the site's name,
# section and menu words, a breadcrumb, the header's clock; after the headline a byline with
# the article's own time, photo credits and image placeholders. None of it is the title or
# the body.

# How many paragraphs from the top may still be chrome or the headline.
_TOP_WINDOW = 12
_HEADLINE_MIN_WORDS = 6
_CRUMB_SEPARATORS = re.compile(r"\s+[>»›|/•·]\s+|\s*[>»›]\s*")
_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)(?:/\S*)?$"
)
_SITE_WORD = re.compile(
    r"^(?:báo|tạp\s+chí|cổng|trang\s+(?:thông\s+tin|tin)|đài|thông\s+tấn)(?!\w)", re.IGNORECASE
)
_SITE_KIND = re.compile(r"điện\s+tử|online|\bnews\b", re.IGNORECASE)
_DASHED_ITEMS = re.compile(r"\s+[-–—]\s+")
_HOME = re.compile(r"^(?:trang\s+chủ|home)(?!\w)", re.IGNORECASE)
# Image placeholders and leftover markup a scraper keeps as lines.
_PLACEHOLDER = re.compile(
    r"""^(?:<\s*/?\s*(?:image|img|figure|picture|video|iframe)\b.*
    |.*\bdata:image/.*
    |\[/?(?:caption|image|img|video|embed)\b.*
    |\(?\s*(?:ảnh|nguồn\s+ảnh|photo|video|clip)\s*(?:minh\s+h(?:ọa|oạ))?\s*[:.)]?.{0,60}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_PHOTO_WORDS = re.compile(r"^\(?\s*(?:ảnh|nguồn\s+ảnh|photo|video|clip)(?!\w)", re.IGNORECASE)
# A metadata line at the very top: "date 2024-05", "Ngày đăng: 12/03/2024", "Nguồn: VOV".
_META_LINE = re.compile(
    r"^(?P<key>date|published|ngày\s+đăng|ngày\s+xuất\s+bản|ngày|nguồn|source|tác\s+giả|author)"
    r"\s*[:：]?\s+(?P<value>\S.{0,80})$",
    re.IGNORECASE,
)
_YEAR_MONTH = re.compile(r"^(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d\d?)(?:[-/.](?P<d>\d\d?))?$")
# A byline with the article's own time after the headline: "PV - 15:20, 03/04/2021",
# "Thu Hà | 07:45 12/03/2024", "15:20 03/04/2021 | Minh Anh".
_BYLINE_SPLIT = re.compile(r"\s+[|\-–—]\s+|\s*\|\s*")
# The paper's tag before a lead: "(HNM) -", "(ĐCSVN) –", "TTXVN -", "HÀ NỘI (VOV) -".
_LEAD_TAG = re.compile(
    r"^(?P<place>[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s+(?=\())?"
    r"(?:\((?P<paren>[^()\n]{2,40})\)|(?P<bare>[^\W\d_][\w.]{1,20}(?:\s*/\s*[^\W\d_]{2,10})?))"
    r"\s*[-–—]+\s*(?=\S)"
)
_SENTENCE_STOP = re.compile(r"(?<=\w[.!?…])[\"”’)»]*\s+(?=[\"“(]?[^\W_])")
_CLAUSE_STOP = re.compile(r"[,;:]\s+|\s+[-–—]\s+")
_LEAD_TITLE_MAX = 160


def _words(line: str) -> int:
    return len(line.split())


def _is_site_name(line: str) -> bool:
    """ "Báo điện tử Đảng Cộng sản Việt Nam", "Cổng Thông tin điện tử tỉnh Điện Biên",
    "baodienbienphu.info.vn": the site's name or address, not a headline."""
    if _DOMAIN.match(line):
        return True
    if not _SITE_WORD.match(line) or _words(line) > 10 or any(ch.isdigit() for ch in line):
        return False
    if _SITE_KIND.search(line):
        return True
    return all(word[:1].isupper() for word in line.split()[1:])  # "Báo Hà Nội Mới"


def _is_crumb_or_menu(line: str) -> bool:
    """A breadcrumb ("Trang chủ > Chính trị > Xây dựng Đảng"), a menu line of short items
    ("Tin tức - Sự kiện"), or the site's own name."""
    if (_HOME.match(line) and _words(line) <= 10) or _is_site_name(line):
        return True
    parts = [p for p in _CRUMB_SEPARATORS.split(line) if p.strip()]
    if (
        len(parts) >= 2
        and len(parts) > line.count(".")
        and all(_words(p) <= 5 and not p.rstrip().endswith((".", "!", "?")) for p in parts)
    ):
        return True
    dashed = [p.strip() for p in _DASHED_ITEMS.split(line) if p.strip()]
    return len(dashed) >= 2 and all(
        _words(p) <= 3 and p[:1].isupper() and not any(c.isdigit() for c in p) for p in dashed
    )


def is_placeholder(line: str) -> bool:
    """An image placeholder, leftover markup or a lone photo credit ("(Ảnh: TTXVN)")."""
    if len(line) > 200:
        return False
    if _PHOTO_WORDS.match(line) and len(line) > 80:
        return False  # a caption sentence that starts with "Ảnh" is text
    return _PLACEHOLDER.match(line) is not None


def _is_body(paragraph: str) -> bool:
    """A paragraph of the article's text rather than a headline, a label or chrome."""
    if _LEAD_TAG.match(paragraph) and _words(paragraph) >= 8:
        return True
    if len(paragraph) >= _TITLE_MAX:
        return True
    words = _words(paragraph)
    # Headlines have no full stop at the end; a sentence of some length is text.
    if words >= 5 and paragraph.rstrip('"”’)» ').endswith("."):
        return True
    return words >= 15 and paragraph.rstrip().endswith(_SENTENCE_END)


def _dateline_with_byline(line: str) -> tuple[str, str | None] | None:
    """(published, byline) of a dateline, bare or with a byline on one side."""
    value = parse_dateline(line)
    if value:
        return value, None
    if len(line) > 100:
        return None
    parts = _BYLINE_SPLIT.split(line, maxsplit=1)
    if len(parts) != 2:
        return None
    for date_part, name_part in (parts[::-1], parts):
        value = parse_dateline(date_part)
        if value and _is_byline(name_part):
            return value, name_part
    return None


def _metadata_value(match: re.Match[str]) -> tuple[str, str]:
    return " ".join(match["key"].lower().split()), match["value"].strip()


def _published_of(value: str) -> str | None:
    m = _YEAR_MONTH.match(value)
    if m:
        year, month, day = int(m["y"]), int(m["m"]), m["d"]
        if not 1 <= month <= 12:
            return None
        return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return parse_dateline(value)


def take_lead_tag(paragraph: str) -> tuple[str | None, str]:
    """The paper's tag before a lead ("(HNM) - Sáng 3/4…") and the lead without it."""
    m = _LEAD_TAG.match(paragraph)
    if m is None:
        return None, paragraph
    tag = (m["paren"] or m["bare"] or "").strip()
    # "(Ảnh: …) -" or a date in parentheses is no paper's tag; a bare tag is in capitals
    # ("TTXVN") or a site's address ("Baohaiduong.vn"), a place before a tag in capitals.
    if not tag or any(ch.isdigit() for ch in tag) or ":" in tag:
        return None, paragraph
    if m["bare"] and not (tag.isupper() or "." in tag.strip(".")):
        return None, paragraph
    if m["place"] and not m["place"].isupper():
        return None, paragraph
    return tag, paragraph[m.end() :]


def lead_title(lead: str) -> str:
    """A title cut from a lead: its first sentence, or its first clause cut at a word."""
    _, lead = take_lead_tag(lead)
    # A sentence ends at a stop after a lower-case letter or digit ("TP. Hồ Chí Minh",
    # "PGS. TS." are abbreviations) before a capital or a digit.
    stop = next(
        (
            m
            for m in _SENTENCE_STOP.finditer(lead)
            if not lead[m.start() - 2].isupper() and not lead[m.end() :][:1].islower()
        ),
        None,
    )
    sentence = lead[: stop.start()].strip() if stop else lead.strip()
    sentence = sentence.rstrip(".")
    if len(sentence) <= _LEAD_TITLE_MAX:
        return sentence
    clause = _CLAUSE_STOP.search(sentence, 20, _LEAD_TITLE_MAX)
    if clause:
        return sentence[: clause.start()] + "…"
    return sentence[:80].rsplit(" ", 1)[0] + "…"


def split_title(paragraphs: list[str]) -> tuple[str, list[str]]:
    """The first paragraph is the title unless it reads as a lead: then the lead's first
    sentence is the title and the lead stays in the body."""
    if not paragraphs:
        return "", []
    first = paragraphs[0]
    if not _is_body(first):
        return first, paragraphs[1:]
    return lead_title(first), paragraphs


def take_byline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    if len(paragraphs) >= 2 and _is_byline(paragraphs[-1]):
        return paragraphs[-1], paragraphs[:-1]
    return None, paragraphs


def _strip_top(doc: Document, paragraphs: list[str], title: str | None) -> list[str]:
    """Take chrome, metadata lines, datelines and the headline off the top of `paragraphs`;
    set doc's published, byline, source and (when `title` is None) title."""
    top = 0
    while top < min(len(paragraphs), _TOP_WINDOW) and not _is_body(paragraphs[top]):
        top += 1
    header_clock: str | None = None
    own_dateline: str | None = None
    candidates: list[int] = []
    dropped: set[int] = set()
    headline: int | None = None
    for index in range(top):
        line = paragraphs[index]
        meta = _META_LINE.match(line) if headline is None else None
        if meta and not parse_dateline(line):
            key, value = _metadata_value(meta)
            if key in {"nguồn", "source"}:
                doc.source = doc.source or value
            elif key in {"tác giả", "author"}:
                doc.author = doc.author or value
            elif (published := _published_of(value)) is not None:
                header_clock = header_clock or published
            else:
                continue  # "Ngày hội…": not metadata after all
            dropped.add(index)
            continue
        dated = _dateline_with_byline(line)
        if dated:
            dropped.add(index)
            if candidates or title is not None:
                own_dateline = own_dateline or dated[0]
            else:
                header_clock = header_clock or dated[0]
            if dated[1] and not doc.byline:
                doc.byline = dated[1]
            continue
        if _is_crumb_or_menu(line) or is_noise(line):
            dropped.add(index)
            continue
        candidates.append(index)
    if title is None and candidates:
        long_enough = [i for i in candidates if _words(paragraphs[i]) >= _HEADLINE_MIN_WORDS]
        headline = (
            long_enough[0] if long_enough else max(candidates, key=lambda i: len(paragraphs[i]))
        )
        doc.title = paragraphs[headline]
        # Lines above the headline are the page's: site, section, theme words.
        dropped.update(i for i in candidates if i <= headline)
        own_dateline = (
            next(
                (
                    dated[0]
                    for i in range(headline + 1, top)
                    if (dated := _dateline_with_byline(paragraphs[i]))
                ),
                None,
            )
            or own_dateline
        )
    elif title is not None:
        dropped.update(i for i in candidates if paragraphs[i] == title)
    published = own_dateline or header_clock
    if published and not doc.published:
        doc.published, doc.published_from = published, "published"
    body = [p for i, p in enumerate(paragraphs) if i not in dropped]
    if title is not None and body and body[0] == title:
        body = body[1:]
    if body:
        tag, lead = take_lead_tag(body[0])
        if tag is not None and _words(lead) >= 5:
            doc.source = doc.source or tag
            body[0] = lead
    if title is None and headline is None:
        doc.title = lead_title(body[0]) if body else ""
    return body


def layout_body(text: str, *, title: str | None = None) -> Document:
    """Lay out cleaned text. With `title` given (from metadata) the first line is body text,
    unless it repeats that title."""
    paragraphs = [p for p in split_paragraphs(text) if not is_placeholder(p)]
    doc = Document(title=title or "", paragraphs=[])
    paragraphs = _strip_top(doc, paragraphs, title)
    if not doc.title and paragraphs and title is None:
        doc.title, paragraphs = split_title(paragraphs)
    byline, paragraphs = take_byline(paragraphs)
    doc.paragraphs = paragraphs
    doc.byline = byline or doc.byline
    return doc
