import codecs
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hostile import to_cp1258
from newsreader.core.text.clean import (
    DecodeError,
    clean_line,
    clean_line_start,
    clean_text,
    decode_bytes,
)

VI = "Đồng chí Lê Văn Châu phát biểu khai mạc Hội nghị tổng kết công tác bảo vệ chính trị nội bộ."


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("a\x1b[31mred\x1b[0m", "ared"),  # CSI colour
        ("x\x1b]52;c;aGVsbG8=\x07y", "xy"),  # OSC 52 clipboard write, BEL-terminated
        ("x\x1b]0;title\x1b\\y", "xy"),  # OSC ended by ST
        ("x\x1bP1;2|abc\x1b\\y", "xy"),  # DCS
        ("x\x9b2Jy", "xy"),  # 8-bit CSI clears the screen
        ("x\x1bcy", "xy"),  # RIS reset
        ("a\u00a0b\u2003c\u202fd", "a b c d"),  # Unicode spaces
        ("a\u200bb\u200dc\ufeffd\u00ade", "abcde"),  # zero-width, BOM, soft hyphen
        ("a\u202eb\u2066c\u2069d", "abcd"),  # bidi overrides and isolates
        ("a\r\nb\rc", "a\nb\nc"),
        ("tab\tkept\x00\x07\x08", "tab\tkept"),
        ("a\x85b", "ab"),  # C1 control
    ],
)
def test_clean_text_removes_what_must_not_reach_a_terminal(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_composes_to_nfc():
    nfd = unicodedata.normalize("NFD", VI)
    assert nfd != VI
    assert clean_text(nfd) == VI


def test_clean_line_collapses_whitespace():
    assert clean_line("  a\n\tb  c ") == "a b c"


@given(st.text())
def test_clean_text_output_is_nfc_and_control_free(raw):
    out = clean_text(raw)
    assert unicodedata.is_normalized("NFC", out)
    assert "\x1b" not in out and "\r" not in out
    assert all(not (unicodedata.category(c) == "Cc" and c not in "\n\t") for c in out)
    assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in out)


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    ],
)
def test_decode_accepts_utf8_and_utf16_with_bom(encode):
    assert decode_bytes(encode(VI)) == VI


def test_decode_reads_vietnamese_windows_1258():
    assert decode_bytes(to_cp1258(VI)) == VI


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"\x00\x01\x02binary\x00\xff", "binary"),
        (b"caf\xe9 \x81\x8d\x8f\x90", "not UTF-8"),
    ],
)
def test_decode_refuses_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


@given(st.binary(max_size=2000))
def test_decode_never_raises_anything_but_decode_error(data):
    try:
        decode_bytes(data)
    except DecodeError:
        pass


def test_clean_text_translates_every_character_of_the_table_even_alone():
    # clean_text skips the translate table when a search finds nothing to translate; that
    # search must know every character the table changes.
    from newsreader.core.text.clean import _TRANSLATE

    for code, replacement in _TRANSLATE.items():
        if chr(code) in "\r\x1b\x90\x98\x9b\x9d\x9e\x9f":
            continue  # line ends and escape openers are handled before the table
        expected = "a" + (chr(replacement) if replacement is not None else "") + "b"
        assert clean_text(f"a{chr(code)}b") == expected, hex(code)


def test_every_escape_opener_is_in_the_translate_table():
    # clean_text looks for escape sequences only in text the table would change.
    from newsreader.core.text.clean import _ESCAPE_START, _TRANSLATE

    openers = [c for c in range(0x3000) if _ESCAPE_START.match(chr(c))]
    assert openers and all(c in _TRANSLATE for c in openers)


# Pieces that make a start hard to tell from the whole: decomposed marks that compose
# across a cut, escapes and line ends cut in two, runs of spaces of every kind.
_PIECES = st.sampled_from(
    [
        "bảo vệ ",
        "a",
        " ",
        "  ",
        "\n",
        "\t",
        "\u0301",
        "\u0323\u0302",
        "e\u0302",
        "\u00a0",
        "\u3000",
        "\x1c",
        "\x1b[",
        "31m",
        "\x1b]0;",
        "\x07",
        "\x9b",
        "\r",
        "\u200b",
        "\u202e",
        "\ud800",
        "Chỉ thị 39-CT/TW ",
    ]
)


@settings(max_examples=500)
@example(pieces=["bảo vệ "] * 20 + ["a", "\u0301"], width=8)
@example(pieces=["bảo vệ "] * 20 + ["\x1b]0;", "a"], width=8)
@given(pieces=st.lists(_PIECES, max_size=60), width=st.integers(min_value=1, max_value=20))
def test_the_start_of_a_clean_line_is_the_start_of_the_whole_one(pieces, width):
    text = "".join(pieces)
    start = clean_line_start(text, width)
    line = clean_line(text)
    if start is not None:
        assert len(line) > width
        assert start == line[:width]
