"""Search folding: one character in, one character out, so offsets survive.

fold() lowercases, strips every diacritic (one or two marks: ắ ố ự), maps đ to d and
typographic dashes and quotes to ASCII. Because each code point of NFC text maps to exactly
one code point, an offset into folded text is the same offset into the original.
Old and new tone placement (hoà/hòa, thuỷ/thủy) differ only in where the mark sits, so
both fold to the same letters.
"""

from __future__ import annotations

import unicodedata

_PUNCT = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}


def _fold_char(ch: str) -> str:
    if ch in _PUNCT:
        return _PUNCT[ch]
    if ch in "đĐ":
        return "d"
    lower = ch.lower()
    if len(lower) != 1:  # "İ" lowercases to two code points; fold its base letter instead
        lower = unicodedata.normalize("NFD", ch)[0].lower()
        if len(lower) != 1:
            lower = ch
    base = unicodedata.normalize("NFD", lower)[0]
    if unicodedata.combining(base):  # a lone combining mark: nothing to strip it down to
        return lower
    return base


class _FoldTable(dict[int, int]):
    """A str.translate table precomputed for Latin, filled lazily for anything else."""

    def __missing__(self, code: int) -> int:
        folded = ord(_fold_char(chr(code)))
        self[code] = folded
        return folded


def _build_table() -> _FoldTable:
    table = _FoldTable()
    ranges = [range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00), range(0x2010, 0x2020)]
    for block in ranges:
        for code in block:
            folded = ord(_fold_char(chr(code)))
            if folded != code:
                table[code] = folded
    for ch, to in _PUNCT.items():
        table[ord(ch)] = ord(to)
    return table


_TABLE = _build_table()
# ASCII other than A-Z folds to itself; listing it lets translate skip __missing__.
for _code in range(0x80):
    _TABLE.setdefault(_code, _code)


def fold(text: str) -> str:
    """Fold NFC text for matching; len(fold(s)) == len(s) always."""
    if len(text) <= _FOLD_CHUNK:
        return text.translate(_TABLE)
    # A huge text in slices: one translate of megabytes holds the interpreter's lock for
    # its whole length, and a thread that must answer a key (q) waits that long.
    return "".join(
        text[i : i + _FOLD_CHUNK].translate(_TABLE) for i in range(0, len(text), _FOLD_CHUNK)
    )


_FOLD_CHUNK = 1 << 18  # characters


def has_marks(text: str) -> bool:
    """True when the text carries any diacritic (or đ), i.e. folding changes a letter."""
    return fold(text) != text.lower()
