"""One reader per file format: decoded, cleaned text in, Documents out."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

from newsreader.core.corpus.layout import layout_body
from newsreader.core.model import Document, LoadWarning, SkipKind
from newsreader.core.text.clean import clean_line, clean_text
from newsreader.core.text.dates import parse_dateline

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)

TEXT_FIELDS = ("text", "body", "content")


class FormatError(ValueError):
    """The file decodes but is not an article; the message is the user-facing reason."""

    def __init__(self, message: str, kind: SkipKind = SkipKind.JSON_SHAPE) -> None:
        super().__init__(message)
        self.kind = kind


def normalise_published(value: object) -> str | None:
    """A metadata date (string, YAML date, epoch-free) to ISO, or None when unreadable."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = clean_line(value)
    match = _ISO_DATETIME.match(text)
    if match:
        year, month, day, hour, minute = match.groups()
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
        if hour is not None:
            return f"{year}-{month}-{day}T{int(hour):02d}:{minute}"
        return f"{year}-{month}-{day}"
    return parse_dateline(text)


def _scalar_text(value: object) -> str | None:
    """A plain value as text; None for anything else. Nested values are refused rather than
    printed: YAML aliases make a few lines of front matter a list too large to print."""
    if isinstance(value, str | int | float | dt.date):
        try:
            return str(value)
        except ValueError:  # an int too long to print
            return None
    return None


def _describe(value: object) -> str:
    """A short, printable description of a metadata value, for a warning."""
    text = _scalar_text(value)
    return repr(text[:40]) if text is not None else f"a {type(value).__name__}"


def _meta_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        text = ", ".join(t for t in map(_scalar_text, value) if t)
    else:
        text = _scalar_text(value) or ""
    text = clean_line(text)
    return text or None


def _apply_metadata(doc: Document, meta: dict[str, object]) -> None:
    published_raw = meta.get("published", meta.get("date"))
    if published_raw is not None:
        published = normalise_published(published_raw)
        if published:
            doc.published, doc.published_from = published, "metadata"
        else:
            doc.warnings.append(
                LoadWarning(SkipKind.DATE, f"unreadable date {_describe(published_raw)} ignored")
            )
    doc.source = _meta_text(meta.get("source"))
    doc.url = _meta_text(meta.get("url"))
    doc.author = _meta_text(meta.get("author"))
    doc.directive_hint = _meta_text(meta.get("directive"))
    if doc.author and not doc.byline:
        doc.byline = doc.author


def _markdown_to_text(body: str) -> tuple[str | None, str]:
    """Strip Markdown syntax that is not prose; return the first heading and the text."""
    heading = None
    lines = []
    for line in body.split("\n"):
        match = _ATX_HEADING.match(line)
        if match:
            # A heading is one line of plain spaces, like any title.
            line = " ".join(_strip_inline(match.group(2)).split())
            if heading is None and line.strip():
                heading = line.strip()
                # the heading's own line, followed by a blank so it is its own paragraph
                lines.extend([line, ""])
                continue
            lines.extend(["", line, ""])
            continue
        lines.append(line)
    return heading, _strip_inline(_MD_QUOTE.sub("", "\n".join(lines)))


def _strip_inline(text: str) -> str:
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    return _MD_EMPHASIS.sub(lambda m: m.group(2), text)


def read_txt(text: str) -> Document:
    doc = layout_body(clean_text(text))
    if not doc.title:
        raise FormatError("no text in file", SkipKind.EMPTY)
    return doc


# A page holds an article when what is left of it after the page's chrome has a sentence
# of some length, or is longer than any menu: a section index or an error page has neither.
_ARTICLE_MIN_CHARS = 300
_ARTICLE_MIN_WORDS = 10
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—»:]\s+(?P<suffix>[^|\-–—»]{2,60})$")


def _without_site_name(title: str, site: str | None) -> str:
    """ "Headline | Báo Đắk Lắk" -> "Headline": a site name after " | " or " - " goes."""
    for _ in range(2):  # "Headline - Chính trị | Báo X"
        m = _TITLE_SUFFIX.search(title)
        if m is None:
            break
        suffix = m["suffix"].strip().casefold()
        head = title[: m.start()].strip()
        known = site is not None and (
            site.casefold().startswith(suffix) or suffix.startswith(site.casefold())
        )
        looks_like_site = "." in suffix or suffix.startswith(("báo", "tạp chí", "cổng", "trang"))
        if len(head.split()) < 3 or not (known or looks_like_site):
            break
        title = head
    return title


def _has_article(text: str) -> bool:
    if len(text) >= _ARTICLE_MIN_CHARS:
        return True
    return any(
        len(line.split()) >= _ARTICLE_MIN_WORDS and line.rstrip().endswith((".", "!", "?", "…"))
        for line in text.split("\n")
    )


def read_html(text: str) -> Document:
    """A saved web page: its article alone, as trafilatura finds it (main text without
    menus, related links, ads and footers), laid out like a .txt. Title from the page's
    heading or og:title without the site's name; published from its metadata or <time>."""
    import trafilatura  # imported here: only corpora with web pages pay for it

    found = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        # Metadata and <time> only: a wider search reads the clock in the page's header.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = clean_text(getattr(found, "text", None) or "")
    if found is None or not _has_article(body):
        raise FormatError("a web page with no article in it", SkipKind.NO_ARTICLE)
    site = _meta_text(getattr(found, "sitename", None))
    title = _meta_text(getattr(found, "title", None))
    if title:
        title = _without_site_name(title, site)
    doc = layout_body(body, title=title or None)
    if not doc.title:
        raise FormatError("a web page with no article in it", SkipKind.NO_ARTICLE)
    _apply_metadata(
        doc,
        {
            "published": getattr(found, "date", None),
            "author": getattr(found, "author", None),
            "url": getattr(found, "url", None),
            "source": doc.source or site,
        },
    )
    return doc


def read_markdown(text: str) -> Document:
    text = clean_text(text)
    meta: dict[str, object] = {}
    warnings: list[LoadWarning] = []
    match = _FRONT_MATTER.match(text)
    if match:
        body = text[match.end() :]
        import yaml  # only front matter needs it; a YAML import costs start-up ~20 ms

        try:
            loaded = yaml.safe_load(match.group(1) or "")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            warnings.append(
                LoadWarning(
                    SkipKind.FRONT_MATTER,
                    f"front matter is not valid YAML{where}; read the body only",
                )
            )
            loaded = {}
        except (ValueError, TypeError, RecursionError) as exc:
            # PyYAML raises these past its own errors: an int over Python's digit limit,
            # nesting deeper than the stack. The body is still worth reading.
            why = (
                "nested too deeply" if isinstance(exc, RecursionError) else "a value is unreadable"
            )
            warnings.append(
                LoadWarning(
                    SkipKind.FRONT_MATTER,
                    f"front matter is not valid YAML ({why}); read the body only",
                )
            )
            loaded = {}
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            warnings.append(
                LoadWarning(
                    SkipKind.FRONT_MATTER,
                    "front matter is not a mapping of fields; read the body only",
                )
            )
            loaded = {}
        meta = loaded
    elif text.startswith("---\n"):
        body = text[4:]
        warnings.append(
            LoadWarning(
                SkipKind.FRONT_MATTER, "front matter has no closing '---'; read the body only"
            )
        )
    else:
        body = text
    heading, prose = _markdown_to_text(body)
    title = _meta_text(meta.get("title")) or heading
    doc = layout_body(prose, title=title)
    if not doc.title and not doc.paragraphs:
        raise FormatError("no text in file", SkipKind.EMPTY)
    if not doc.title:
        doc.title = doc.paragraphs[0][:80]
    doc.warnings.extend(warnings)
    _apply_metadata(doc, meta)
    return doc


def _document_from_object(obj: object) -> Document:
    if not isinstance(obj, dict):
        raise FormatError(f"an article must be a JSON object, not {type(obj).__name__}")
    body = None
    for name in TEXT_FIELDS:
        if name in obj and obj[name] is not None:
            body = obj[name]
            break
    if isinstance(body, list) and all(isinstance(p, str) for p in body):
        body = "\n\n".join(body)
    if body is not None and not isinstance(body, str):
        raise FormatError(f"field 'text' must be a string, not {type(body).__name__}")
    title = obj.get("title")
    if title is not None and not isinstance(title, str | int | float):
        raise FormatError(f"field 'title' must be a string, not {type(title).__name__}")
    title_text = clean_line(str(title)) if title is not None else None
    if not body and not title_text:
        raise FormatError("no 'title' and no 'text'/'body'/'content' field")
    doc = layout_body(clean_text(body or ""), title=title_text or None)
    if not doc.title:
        raise FormatError("no text in article", SkipKind.EMPTY)
    _apply_metadata(doc, obj)
    return doc


def _json_error(exc: ValueError | RecursionError) -> str:
    """Why json.loads refused: its own message, or the limits it hits past its parser (an
    integer of more than 4300 digits, nesting deeper than the stack)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "a number too long to read" if "digits" in str(exc) else "a value cannot be read"


def read_json(text: str) -> Iterator[tuple[int | None, Document | FormatError]]:
    """(index, document-or-error) for each article; index None for a single object."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise FormatError("JSON nested too deeply to read", SkipKind.TOO_DEEP) from None
    except ValueError as exc:
        raise FormatError(f"invalid JSON: {_json_error(exc)}", SkipKind.JSON) from None
    if isinstance(data, dict):
        yield None, _document_from_object(data)
        return
    if not isinstance(data, list):
        raise FormatError(
            f"JSON must be an article object or a list of them, not {type(data).__name__}"
        )
    if not data:
        raise FormatError("empty JSON list", SkipKind.EMPTY)
    for index, obj in enumerate(data):
        try:
            yield index, _document_from_object(obj)
        except FormatError as exc:
            yield index, exc


def read_jsonl(text: str) -> Iterator[tuple[int | None, Document | FormatError]]:
    found = False
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        found = True
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else _json_error(exc)
            yield index, FormatError(f"invalid JSON on line {index + 1}: {reason}", SkipKind.JSON)
            continue
        try:
            yield index, _document_from_object(obj)
        except FormatError as exc:
            yield index, exc
    if not found:
        raise FormatError("no JSON lines in file", SkipKind.EMPTY)
