"""Bookmarks out of newsreader (Markdown, JSON, plain text) and back in (JSON).

Every format carries each passage's citation: the article's title, published date, ¶ range
(index + 1, as the reader shows it) and source path as they were when it was marked. Text is
written as it is: "[bold]x[/]" in a note or a quote stays those characters; but controls,
terminal escapes and bidi overrides are removed from every field, on export and on import
(safe_bookmark), whatever the store holds. Files are
written atomically and never over an existing file unless asked (force=True).
"""

from __future__ import annotations

import codecs
import io
import json
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal

from newsreader import locations
from newsreader.core.formatting import count_text, date_text, datetime_text
from newsreader.core.store.atomic import write_atomic
from newsreader.core.store.bookmarks import Bookmark, BookmarkStore, Merged, utc_now
from newsreader.core.text.directives import directive_label

Format = Literal["md", "json", "txt"]
FORMATS: tuple[Format, ...] = ("md", "json", "txt")
EXPORT_FORMAT = "newsreader.bookmarks"
# Version 1 wrote "first"/"last" as 0-based paragraph indexes; version 2 writes the ¶ numbers
# a person reads in the reader and in the Markdown export (from 1). Both are read back.
EXPORT_VERSION = 2
WIDTH = 80
MAX_NAME = 80
_YEAR_SOURCES = {
    "published": "published date",
    "metadata": "metadata",
    "inferred": "inferred",
    "text": "from the text",
    "context": "from context",
}


class ImportFormatError(ValueError):
    """The data is not a newsreader bookmarks export this version can read."""


# --- safety ------------------------------------------------------------------------------
def safe_bookmark(bookmark: Bookmark) -> Bookmark:
    """A copy with every text field cleaned (clean_text: no controls, escapes or bidi
    overrides). Article text is cleaned at load; this is the second line of defence for
    what came from elsewhere: an imported file, a note, a store written by an older version."""
    return bookmark.cleaned()


def _safe(bookmarks: list[Bookmark]) -> list[Bookmark]:
    return [safe_bookmark(b) for b in bookmarks]


# --- pieces of a citation ----------------------------------------------------------------
def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def year_text(bookmark: Bookmark) -> str:
    if bookmark.year is None:
        return "unknown"
    source = _YEAR_SOURCES.get(bookmark.year_source or "", bookmark.year_source)
    return f"{bookmark.year} ({source})" if source else str(bookmark.year)


def directive_text(bookmark: Bookmark) -> str:
    return directive_label(bookmark.directive) if bookmark.directive else ""


def citation(bookmark: Bookmark) -> str:
    """— Title, Published 04/11/2019, ¶3–4, path/of/article.txt"""
    parts = [_one_line(bookmark.title) or bookmark.article_id]
    if bookmark.published:
        parts.append(f"Published {date_text(bookmark.published)}")
    elif bookmark.year is not None:
        parts.append(year_text(bookmark))
    parts.append(bookmark.label)
    parts.append(bookmark.path or bookmark.article_id)
    return "— " + ", ".join(parts)


def article_citation(title: str, published: str | None, year: int | None, path: str) -> str:
    """— Title, Published 04/11/2019, path/of/article.txt: a whole article, cited as a
    passage is (without its ¶ range)."""
    parts = [_one_line(title) or path]
    if published:
        parts.append(f"Published {date_text(published)}")
    elif year is not None:
        parts.append(str(year))
    parts.append(path)
    return "— " + ", ".join(parts)


def passage_with_citation(bookmark: Bookmark) -> str:
    """What `y` copies: the passage, then its citation on its own line."""
    bookmark = safe_bookmark(bookmark)
    return unicodedata.normalize("NFC", f"{bookmark.quote}\n\n{citation(bookmark)}")


def group_by_article(bookmarks: list[Bookmark]) -> list[list[Bookmark]]:
    """Bookmarks per article, articles in order of first appearance, passages by range."""
    groups: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        groups.setdefault(bookmark.article_id, []).append(bookmark)
    return [
        sorted(group, key=lambda b: (b.first, b.last, b.created, b.id or 0))
        for group in groups.values()
    ]


def _summary(passages: int, articles: int, exported_at: str) -> str:
    return (
        f"Exported from newsreader on {datetime_text(exported_at)} UTC: "
        f"{count_text(passages, 'passage')} from {count_text(articles, 'article')}."
    )


_ORPHANED = "(Not found in the article's current text; quoted as it was marked.)"


# --- Markdown ----------------------------------------------------------------------------
def _md_quote(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append(">")
        lines.extend(f"> {line}".rstrip() for line in paragraph.splitlines() or [""])
    return lines


def _lines_text(blocks: Iterable[list[str]]) -> Iterator[str]:
    """The blocks' lines as "\n".join of them all would give them, rstripped to one final
    newline, NFC; one chunk per block, so the whole text is never held at once. (A chunk
    ends at a line's end, where NFC never joins two characters.)"""
    blanks = 0
    for block in blocks:
        out: list[str] = []
        for line in block:
            if not line:
                blanks += 1
                continue
            out.extend([""] * blanks)
            blanks = 0
            out.append(line)
        if out:
            yield unicodedata.normalize("NFC", "\n".join(out) + "\n")


def _counts(bookmarks: list[Bookmark]) -> tuple[int, int]:
    return len(bookmarks), len({b.article_id for b in bookmarks})


def _sorted_group(group: list[Bookmark]) -> list[Bookmark]:
    return sorted(_safe(group), key=lambda b: (b.first, b.last, b.created, b.id or 0))


def markdown_chunks(
    groups: Iterable[list[Bookmark]], passages: int, articles: int, exported_at: str
) -> Iterator[str]:
    """The Markdown export of one article's bookmarks after another (counted beforehand,
    for the summary at the top)."""

    def blocks() -> Iterator[list[str]]:
        yield ["# Bookmarks", "", _summary(passages, articles, exported_at), ""]
        for group in map(_sorted_group, groups):
            head = group[0]
            lines = [f"## {_one_line(head.title) or head.article_id}", ""]
            meta = [
                ("Published", datetime_text(head.published) or "unknown"),
                ("Year", year_text(head)),
                ("Directive", directive_text(head) or "none"),
                ("Source", head.path or head.article_id),
            ]
            lines += [f"- {name}: {value}" for name, value in meta]
            lines.append("")
            for bookmark in group:
                lines += [f"### {bookmark.label}", ""]
                if bookmark.orphaned:
                    lines += [_ORPHANED, ""]
                lines += _md_quote(bookmark.quote)
                lines.append("")
                if bookmark.note:
                    note = bookmark.note.splitlines()
                    lines += [f"Note: {note[0]}", *note[1:], ""]
                lines += [citation(bookmark), ""]
            yield lines

    return _lines_text(blocks())


def to_markdown(bookmarks: list[Bookmark], *, exported_at: str | None = None) -> str:
    return "".join(
        markdown_chunks(group_by_article(bookmarks), *_counts(bookmarks), exported_at or utc_now())
    )


# --- JSON --------------------------------------------------------------------------------
def bookmark_entry(bookmark: Bookmark) -> dict[str, object]:
    """A bookmark as JSON for people and files: "first"/"last" are ¶ numbers (from 1)."""
    entry = bookmark.to_json()
    entry["first"] = bookmark.first + 1
    entry["last"] = bookmark.last + 1
    return entry


def export_document(
    bookmarks: list[Bookmark], *, exported_at: str | None = None
) -> dict[str, object]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": exported_at or utc_now(),
        "bookmarks": [bookmark_entry(b) for b in _safe(bookmarks)],
    }


def json_list_chunks(
    head: dict[str, object], key: str, items: Iterable[dict[str, Any]]
) -> Iterator[str]:
    """json.dumps({**head, key: list(items)}, ensure_ascii=False, indent=2), item by item:
    the list is never whole in memory. `key` must be head's last key (its value ignored)."""
    before, after = _JSON_SPLIT.split(json.dumps({**head, key: []}, ensure_ascii=False, indent=2))
    opened = False
    for item in items:
        text = _indented(item, "    ")
        yield (",\n    " if opened else before + "[\n    ") + text
        opened = True
    yield ("\n  ]" if opened else before + "[]") + after


def _indented(item: dict[str, Any], margin: str = "") -> str:
    """json.dumps(item, ensure_ascii=False, indent=2), each line after the first with
    `margin` in front. With indent, json writes in Python; a flat object (a bookmark's) is
    written here by the C encoder, with the line breaks and indent as its separators (a
    string never holds a raw line break: json escapes it)."""
    # (Keys need no look: both encoders turn a number, bool or null key into a string.)
    if not item or not _SCALARS.issuperset(map(type, item.values())):
        return json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + margin)
    encoder = _FLAT.get(margin)
    if encoder is None:
        encoder = _FLAT[margin] = json.JSONEncoder(
            ensure_ascii=False, separators=(",\n  " + margin, ": ")
        )
    return "{\n  " + margin + encoder.encode(item)[1:-1] + "\n" + margin + "}"


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FLAT: dict[str, json.JSONEncoder] = {}  # by margin
_JSON_SPLIT = re.compile(r"\[\](?=\n\}$)")


def json_chunks(groups: Iterable[list[Bookmark]], exported_at: str) -> Iterator[str]:
    """The JSON export of one article's bookmarks after another."""
    head: dict[str, object] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": exported_at,
        "bookmarks": [],
    }
    items = (bookmark_entry(b) for group in groups for b in _safe(group))
    yield from json_list_chunks(head, "bookmarks", items)
    yield "\n"


def to_json(bookmarks: list[Bookmark], *, exported_at: str | None = None) -> str:
    document = export_document(bookmarks, exported_at=exported_at)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- plain text --------------------------------------------------------------------------
def _wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    wrapper = textwrap.TextWrapper(
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,  # "39-CT/TW" stays whole; lines break on spaces
        break_long_words=True,  # a path longer than the line is cut rather than overflow
    )
    lines = []
    for line in text.splitlines() or [""]:
        lines.extend(wrapper.wrap(line) or [indent.rstrip()])
    return lines


def text_chunks(
    groups: Iterable[list[Bookmark]],
    passages: int,
    articles: int,
    exported_at: str,
    width: int = WIDTH,
) -> Iterator[str]:
    """The plain-text export of one article's bookmarks after another."""
    rule = "=" * width

    def blocks() -> Iterator[list[str]]:
        yield [*_wrap(_summary(passages, articles, exported_at), width=width), ""]
        for group in map(_sorted_group, groups):
            head = group[0]
            lines = [rule, *_wrap(_one_line(head.title) or head.article_id, width=width)]
            meta = [
                f"Published: {datetime_text(head.published) or 'unknown'}",
                f"Year: {year_text(head)}",
                f"Directive: {directive_text(head) or 'none'}",
                f"Source: {head.path or head.article_id}",
            ]
            for item in meta:
                lines += _wrap(item, width=width)
            lines += [rule, ""]
            for bookmark in group:
                lines.append(bookmark.label)
                if bookmark.orphaned:
                    lines += [*_wrap(_ORPHANED, "    ", width), ""]
                for i, paragraph in enumerate(bookmark.quote.split("\n\n")):
                    if i:
                        lines.append("")
                    lines += _wrap(paragraph, "    ", width)
                if bookmark.note:
                    lines.append("")
                    lines += _wrap(f"Note: {bookmark.note}", "    ", width)
                lines.append("")
                lines += _wrap(citation(bookmark), "    ", width)
                lines.append("")
            yield lines

    return _lines_text(blocks())


def to_text(
    bookmarks: list[Bookmark], *, exported_at: str | None = None, width: int = WIDTH
) -> str:
    return "".join(
        text_chunks(
            group_by_article(bookmarks), *_counts(bookmarks), exported_at or utc_now(), width
        )
    )


def render_chunks(
    fmt: Format,
    groups: Iterable[list[Bookmark]],
    passages: int,
    articles: int,
    *,
    exported_at: str | None = None,
) -> Iterator[str]:
    """An export written as it is made, from one article's bookmarks after another
    (`passages` and `articles` count them all, for the summary at the top)."""
    exported_at = exported_at or utc_now()
    if fmt == "md":
        return markdown_chunks(groups, passages, articles, exported_at)
    if fmt == "json":
        return json_chunks(groups, exported_at)
    if fmt == "txt":
        return text_chunks(groups, passages, articles, exported_at)
    raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")


def render(fmt: Format, bookmarks: list[Bookmark], *, exported_at: str | None = None) -> str:
    if fmt == "md":
        return to_markdown(bookmarks, exported_at=exported_at)
    if fmt == "json":
        return to_json(bookmarks, exported_at=exported_at)
    if fmt == "txt":
        return to_text(bookmarks, exported_at=exported_at)
    raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")


# --- import ------------------------------------------------------------------------------
def parse_export(data: str | bytes | dict[str, object]) -> list[Bookmark]:
    """The bookmarks of a JSON export; ImportFormatError says what is wrong with it."""
    if isinstance(data, dict):
        _check_header(data)
        items = data.get("bookmarks")
        if not isinstance(items, list):
            raise ImportFormatError("the export has no bookmarks list")
        version = data["version"]
        assert isinstance(version, int)
        return [_bookmark(number, item, version) for number, item in enumerate(items, 1)]
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return list(read_export(io.BytesIO(data)))


def _check_header(data: dict[str, object]) -> None:
    if data.get("format") != EXPORT_FORMAT:
        raise ImportFormatError(f"not a newsreader bookmarks export (no format {EXPORT_FORMAT!r})")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError("the export has no valid version")
    if version > EXPORT_VERSION:
        raise ImportFormatError(
            f"the export is version {version}, made by a newer newsreader "
            f"(this one reads up to {EXPORT_VERSION})"
        )


def _bookmark(number: int, item: object, version: int) -> Bookmark:
    try:
        if version >= 2:
            item = _from_paragraph_numbers(item)
        return Bookmark.from_json(item).clean()  # type: ignore[arg-type]  # a fresh one
    except (TypeError, ValueError) as exc:
        raise ImportFormatError(f"bookmark {number}: {exc}") from None


def _from_paragraph_numbers(item: object) -> object:
    """A version-2 entry with its ¶ numbers (from 1) turned back into 0-based indexes."""
    if not isinstance(item, dict):
        return item
    item = dict(item)
    for key in ("first", "last"):
        value = item.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            if value < 1:
                raise ValueError(f"bookmark field {key!r} must be a paragraph number (from 1)")
            item[key] = value - 1
    return item


def read_export(stream: BinaryIO) -> Iterator[Bookmark]:
    """The bookmarks of a JSON export read from a stream, one at a time (cleaned, as
    parse_export gives them): an export of 100k bookmarks is never whole in memory.

    Each bookmark is yielded as soon as it is read; the file is only known to be an export
    once it ends, so ImportFormatError can come after bookmarks were yielded (the import is
    one transaction, rolled back). The errors come in the order json.loads of the whole file
    gave them: not JSON, then not an export, then the first bad bookmark (after which none
    is yielded).
    """
    reader = _JsonReader(stream)
    first = reader.peek()
    if first != "{":
        reader.value()  # "not JSON" or "nested too deeply" for what is neither
        reader.end()
        raise ImportFormatError(f"not a newsreader bookmarks export (no format {EXPORT_FORMAT!r})")
    reader.skip("{")
    header: dict[str, object] = {}
    listed = False
    deferred: ImportFormatError | None = None
    # Items listed before the header's version (never in our own exports) wait for it.
    waiting: list[object] = []
    if reader.peek() == "}":
        reader.skip("}")
    else:
        while True:
            key = reader.value()
            if not isinstance(key, str):
                raise reader.error("keys must be strings")
            reader.skip(":")
            if key == "bookmarks" and reader.peek() == "[":
                if "format" in header and "version" in header:
                    _check_header(header)  # a file that is no export adds nothing
                listed = True
                reader.skip("[")
                number = 0
                if reader.peek() == "]":
                    reader.skip("]")
                else:
                    while True:
                        item = reader.value()
                        number += 1
                        version = header.get("version")
                        if not isinstance(version, int):
                            waiting.append(item)
                        elif deferred is None:
                            try:
                                bookmark = _bookmark(number, item, version)
                            except ImportFormatError as error:
                                deferred = error  # said once the whole file is known JSON
                            else:
                                yield bookmark
                        if reader.peek() == ",":
                            reader.skip(",")
                            continue
                        reader.skip("]")
                        break
            else:
                header[key] = reader.value()
            if reader.peek() == ",":
                reader.skip(",")
                continue
            reader.skip("}")
            break
    reader.end()
    _check_header(header)
    if not listed:
        raise ImportFormatError("the export has no bookmarks list")
    if deferred is not None:
        raise deferred
    version = header["version"]
    assert isinstance(version, int)  # _check_header said so
    for number, item in enumerate(waiting, 1):
        yield _bookmark(number, item, version)


class _JsonReader:
    """A JSON text read a piece at a time: `value()` decodes the next whole value with the
    standard decoder, reading more of the stream while the value is cut off."""

    CHUNK = 1 << 20  # bytes read at a time

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer = ""
        self.pos = 0
        self.dropped = 0  # characters before the buffer (for the position in messages)
        self.eof = False

    def _more(self, size: int = CHUNK) -> bool:
        """Read more into the buffer; False at the end of the stream."""
        if self.eof:
            return False
        data = self.stream.read(size)
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise ImportFormatError(f"not UTF-8 text ({exc.reason})") from None
        self.eof = not data
        if self.pos:
            self.dropped += self.pos
            self.buffer = self.buffer[self.pos :]
            self.pos = 0
        self.buffer += text
        return True

    def error(self, message: str, at: int | None = None) -> ImportFormatError:
        where = self.dropped + (self.pos if at is None else at)
        return ImportFormatError(f"not JSON ({message}: character {where})")

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        if self.pos < len(self.buffer) and self.buffer[self.pos] not in _JSON_SPACES:
            return self.buffer[self.pos]  # the usual case: a "," or "{" right there
        while True:
            self.pos = _JSON_SPACE.match(self.buffer, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._more():
                return ""

    def skip(self, expected: str) -> None:
        if self.peek() != expected:
            raise self.error(f"expecting {expected!r}")
        self.pos += 1

    def end(self) -> None:
        if self.peek():
            raise self.error("extra data")

    def value(self) -> Any:
        if not self.peek():
            raise self.error("expecting value")
        size = self.CHUNK
        while True:
            try:
                value, end = _JSON_DECODER.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                if self._more(size):  # perhaps only cut off: read more, then try again
                    size *= 2
                    continue
                raise self.error(exc.msg, exc.pos) from None
            except RecursionError:
                raise ImportFormatError("nested too deeply to be an export") from None
            # A number or a literal at the very end of the buffer may go on in the stream.
            if end == len(self.buffer) and self._more(size):
                size *= 2
                continue
            self.pos = end
            return value


_JSON_DECODER = json.JSONDecoder()
_JSON_SPACES = " \t\n\r"
_JSON_SPACE = re.compile(f"[{_JSON_SPACES}]*")


def import_json(store: BookmarkStore, data: str | bytes | dict[str, object]) -> Merged:
    """Merge an export into the store: the same passage (article id, range, quote) is not
    added twice, and keeps whichever note was updated last. Ids in the file are ignored."""
    return store.merge(parse_export(data))


# --- file names and writing --------------------------------------------------------------
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
_DASHES = re.compile(r"-{2,}")
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}
_BAD_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def sanitize_filename(name: str, *, max_length: int = MAX_NAME, fallback: str = "bookmarks") -> str:
    """A file name from a title: Vietnamese letters kept; no path separators, control or
    format characters, no leading dot, at most max_length characters."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _BAD_CATEGORIES)
    text = _DASHES.sub("-", _UNSAFE.sub("-", text))
    text = text.strip("-. ")[:max_length].rstrip("-. ")
    if not text:
        return fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = f"{text}-"
    return text


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def default_export_name(fmt: Format = "md", *, now: datetime | None = None) -> str:
    return f"newsreader-{_stamp(now)}.{fmt}"


def default_export_path(
    fmt: Format = "md", *, folder: Path | None = None, now: datetime | None = None
) -> Path:
    """documents_dir()/newsreader-YYYYMMDD-HHMMSS.md (local time)."""
    return (folder or locations.documents_dir()) / default_export_name(fmt, now=now)


def article_export_name(title: str, fmt: Format = "md", *, now: datetime | None = None) -> str:
    """newsreader-<title>-YYYYMMDD-HHMMSS.md, for one article's bookmarks."""
    return f"newsreader-{sanitize_filename(title, max_length=MAX_NAME)}-{_stamp(now)}.{fmt}"


def path_in_folder(folder: Path, name: str) -> Path:
    """folder/name, refusing a name that would land anywhere but directly in folder."""
    folder = Path(folder)
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise ValueError(f"{name!r} is not a file name")
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise ValueError(f"{name!r} would be written outside {folder}")
    return target


def write_export(path: Path, text: str, *, force: bool = False) -> Path:
    """Write atomically; FileExistsError if path exists and force is False."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    write_atomic(path, text.encode("utf-8"), overwrite=force)  # never over a device or FIFO
    return path
