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
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line
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


def split_title(paragraphs: list[str]) -> tuple[str, list[str]]:
    """The first paragraph is the title unless it is too long to be one."""
    if not paragraphs:
        return "", []
    first = paragraphs[0]
    if len(first) <= _TITLE_MAX:
        return first, paragraphs[1:]
    cut = first[:80].rsplit(" ", 1)[0]
    return cut + "…", paragraphs


def take_byline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    if len(paragraphs) >= 2 and _is_byline(paragraphs[-1]):
        return paragraphs[-1], paragraphs[:-1]
    return None, paragraphs


def layout_body(text: str, *, title: str | None = None) -> Document:
    """Lay out cleaned text. With `title` given (from metadata) the first line is body text,
    unless it repeats that title."""
    published, lines = take_dateline(text.split("\n"))
    paragraphs = split_paragraphs("\n".join(lines))
    if title is None:
        title, paragraphs = split_title(paragraphs)
    elif paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    byline, paragraphs = take_byline(paragraphs)
    return Document(
        title=title,
        paragraphs=paragraphs,
        published=published,
        published_from="published" if published else None,
        byline=byline,
    )
