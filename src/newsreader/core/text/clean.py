"""Bytes to clean NFC text: decoding, and removal of what must never reach a terminal."""

from __future__ import annotations

import codecs
import re
import unicodedata


class DecodeError(ValueError):
    """The bytes are not text we can read; the message is the user-facing reason.
    `kind` is one of "empty", "binary", "encoding" (the values of model.SkipKind)."""

    def __init__(self, message: str, kind: str = "encoding") -> None:
        super().__init__(message)
        self.kind = kind


# ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings (ended by BEL or ST), and the
# short two-byte escapes. Their 8-bit C1 forms are handled the same way.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                       # CSI
  | \x9b[0-?]*[ -/]*[@-~]                         # 8-bit CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])       # OSC, DCS, SOS, PM, APC openers
    [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c|$)        # ... up to BEL or ST (or the end)
  | \x1b[ -/]*[0-~]                               # other escapes (ESC c, ESC ( B, ...)
  | \x1b                                          # a stray ESC
    """,
    re.VERBOSE,
)

_ESCAPE_START = re.compile("[\x1b\x90-\x9f]")

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = (
    "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"  # soft hyphen, zero-width, word joiner, BOM
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
)
_TRANSLATE: dict[int, int | None] = {ord(c): ord(" ") for c in _SPACES}
_TRANSLATE.update({ord(c): None for c in _INVISIBLE})
_TRANSLATE.update({c: None for c in range(0x20) if c not in (0x09, 0x0A)})
_TRANSLATE.update({c: None for c in range(0x7F, 0xA0)})
# Lone surrogates (JSON's "\ud800" decodes to one) cannot be stored in SQLite or printed to a
# UTF-8 terminal: UnicodeEncodeError. They become the replacement character.
_TRANSLATE.update({c: 0xFFFD for c in range(0xD800, 0xE000)})
_TRANSLATE[0x2028] = ord("\n")
_TRANSLATE[0x2029] = ord("\n")
# Any character the table changes. Most text has none, and a search is far cheaper than a
# translate, which looks every character up in the table.
_NEEDS_TRANSLATE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TRANSLATE)) + "]")

_VIETNAMESE_LETTERS = set(
    "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    "ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ"
)


_BINARY_CONTROLS = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))


def clean_text(text: str) -> str:
    """Normalise decoded text: LF line ends, NFC, plain spaces, no controls or escapes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # The table removes ESC and the C1 controls, so one search tells when there is nothing
    # to do, the usual case.
    if _NEEDS_TRANSLATE.search(text):
        if _ESCAPE_START.search(text):
            text = _ESCAPES.sub("", text)
        text = text.translate(_TRANSLATE)
    return unicodedata.normalize("NFC", text)


def is_clean(text: str) -> bool:
    """Whether clean_text would give text back as it is (one look at a whole record's
    fields joined tells that for all of them, in the usual case)."""
    return (
        "\r" not in text
        and not _NEEDS_TRANSLATE.search(text)
        and unicodedata.is_normalized("NFC", text)
    )


def clean_line(text: str) -> str:
    """clean_text for a one-line field (a title, a name): newlines and tabs become spaces."""
    return " ".join(clean_text(text).split())


def clean_line_start(text: str, width: int) -> str | None:
    """clean_line(text)[:width] when clean_line(text) is longer than that, found from the
    start of the text alone (the first line of a long quote in a listing); None when the
    whole text must be cleaned to tell.

    The start is cut at a plain space after 2 * width characters. When nothing before the
    cut needs cleaning, the cleaned text begins with the start's NFC form: a space composes
    with nothing, and what cleaning removes after it reaches nothing before it."""
    cut = text.find(" ", 2 * width)
    if cut < 0:
        return None
    start = text[:cut]
    if "\r" in start or _NEEDS_TRANSLATE.search(start):
        return None
    line = " ".join(unicodedata.normalize("NFC", start).split())
    return line[:width] if len(line) > width else None


def _looks_vietnamese(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return False
    marked = sum(1 for c in letters if c in _VIETNAMESE_LETTERS)
    return marked / len(letters) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to str (not yet cleaned). Raises DecodeError with the reason."""
    if not data.strip():
        raise DecodeError("empty file", "empty")
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"invalid {codec.upper()} after its byte-order mark: {exc.reason}"
                ) from None
    head = data[:8192]
    controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))
    # A stray NUL or two in scraped text is noise to strip; many control bytes are a binary file.
    if controls > 4 and controls > len(head) / 100 or head.count(b"\x00") > len(head) / 20:
        raise DecodeError("binary file (control bytes, no UTF-16 byte-order mark)", "binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    try:
        candidate = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise DecodeError(utf8_error) from None
    if _looks_vietnamese(candidate) and not any(
        unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in candidate
    ):
        return candidate
    raise DecodeError(utf8_error + " and not Vietnamese Windows-1258 text either")
