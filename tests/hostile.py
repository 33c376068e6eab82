"""A corpus of everything a user might drop into the corpus folder, for tests to load.

`build_hostile_corpus(root)` writes it and returns what should become of each file: None when
it loads (its id is the key), else a substring of the reason it is skipped with. The app's
tests reuse it (`from hostile import build_hostile_corpus`: tests/ is on sys.path), so keep
its ids and the constants below stable.

Not in the mapping on purpose: the hidden folder `.git/` (ignored, so neither loaded nor
skipped) - see HIDDEN.
"""

from __future__ import annotations

import codecs
import json
import os
import unicodedata
from pathlib import Path

# The two articles a reader should see whole, and what they say.
GOOD_TXT = "good/chi-thi-39.txt"
GOOD_MD = "good/nghi-quyet-35.md"
GOOD_TXT_TITLE = "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW về bảo vệ chính trị nội bộ"
GOOD_MD_TITLE = "Quán triệt Nghị quyết 35-NQ/TW tại Đảng bộ Khối"
BODY = (
    "Sáng 31/10/2019, tại Hà Nội, Đảng ủy Khối Doanh nghiệp Trung ương tổ chức hội nghị sơ kết "
    "5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị về tăng cường công tác bảo vệ chính trị "
    "nội bộ trong tình hình hiện nay."
)
BODY_2 = (
    "Đồng chí Lê Văn Châu, Phó Bí thư Đảng ủy Khối phát biểu chỉ đạo hội nghị và đề nghị các cấp "
    "ủy tiếp tục quán triệt sâu sắc các nghị quyết, chỉ thị của Đảng."
)

# The article whose text is full of escapes, controls, bidi and markup, and what it must
# read as once cleaned. Markup is text: it is kept, and shown literally.
ESCAPES = "hostile/escapes.txt"
ESCAPES_TITLE = "Tiêu đề [bold red]đỏ[/] và [/] lạc"
ESCAPES_JSON = "hostile/escapes.json"
MARKUP_NAME = "hostile/[red]x[/].txt"
MARKUP_JSON = "hostile/markup.json"
MARKUP_JSON_TITLE = "[link=https://example.org]Bấm vào đây[/link] [blink]nháy[/blink]"

HIDDEN = (".git/", ".hidden.txt")
HUGE = "huge.txt"
HUGE_MB = 50
LONG_LINE = "long-line.txt"
DEEP_DEPTH = 30

# Sequences that must never reach a terminal (each paired with a short label for messages).
TERMINAL_ATTACKS = {
    "csi-colour": "\x1b[31;1m",
    "csi-clear": "\x1b[2J\x1b[H",
    "osc52-clipboard": "\x1b]52;c;cm0gLXJmIH4K\x07",
    "osc-title-st": "\x1b]0;pwned\x1b\\",
    "osc8-link": "\x1b]8;;https://evil.example\x1b\\\x1b]8;;\x1b\\",
    "dcs": "\x1bP1$qm\x1b\\",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d52;c;eA==\x9c",
    "ris": "\x1bc",
    "bel-bs-nul": "\x07\x08\x00",
    "c0": "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D, 0x1B)),
    "c1": "".join(
        chr(c) for c in range(0x80, 0xA0) if c not in (0x90, 0x98, 0x9B, 0x9D, 0x9E, 0x9F)
    ),
    "bidi": "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
}

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 spells a Vietnamese letter as a base letter plus a combining tone mark."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def _write(root: Path, relative: str | bytes, content: str | bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(root), os.fsencode(relative))))
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _attack_text(attacks: str) -> str:
    """The attacks inside a title, a paragraph and a byline of an otherwise sane article."""
    return (
        f"Tiêu đề {TERMINAL_ATTACKS['csi-colour']}[bold red]đỏ[/]{TERMINAL_ATTACKS['bidi']} "
        f"và [/] lạc{TERMINAL_ATTACKS['osc52-clipboard']}\r\n"
        "\r\n"
        f"{BODY[:60]}{attacks}{BODY[60:]}\r\n"
        "\r\n"
        f"Đồng chí Lê Văn Châu{TERMINAL_ATTACKS['osc-title-st']} phát biểu [bold]in đậm[/bold] "
        f"và \u202eđảo ngược\u202c chữ{TERMINAL_ATTACKS['c1-csi']}.\r\n"
        "\r\n" + f"{BODY_2}\r\n\r\n" * 8 + f"Minh{TERMINAL_ATTACKS['csi-clear']} Anh\r\n"
    )


def build_hostile_corpus(root: Path, *, huge_mb: int = HUGE_MB) -> dict[str, str | None]:
    """Write the hostile corpus under root; return {id or skipped path: None | reason part}.

    huge_mb sets the size of the one file that is over the default size limit (16 MB).
    The expectation for the unreadable file depends on who runs the tests: root reads it.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}

    # Two good articles.
    _write(root, GOOD_TXT, f"{GOOD_TXT_TITLE}\n\nThứ Hai, 04/11/2019|08:10\n\n{BODY}\n\n{BODY_2}\n")
    expected[GOOD_TXT] = None
    _write(
        root,
        GOOD_MD,
        f"---\ntitle: {GOOD_MD_TITLE}\ndate: 2023-12-25\nsource: Báo Nhân Dân\n---\n"
        f"# Tiêu đề phụ\n\n{BODY_2}\n\n{BODY}\n",
    )
    expected[GOOD_MD] = None

    # Binary with a text extension; empty and whitespace-only files.
    _write(root, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    expected["binary.txt"] = "binary"
    _write(root, "binary.json", bytes(range(256)) * 4)
    expected["binary.json"] = "binary"
    _write(root, "empty.txt", b"")
    expected["empty.txt"] = "empty file"
    _write(root, "blank.md", b" \n\t\n  \r\n \n")
    expected["blank.md"] = "empty file"

    # Encodings.
    text = f"Bài UTF-16\n\n{BODY}\n"
    _write(root, "encodings/utf16-bom.txt", text.encode("utf-16"))  # BOM + native order
    expected["encodings/utf16-bom.txt"] = None
    _write(root, "encodings/utf16-be-bom.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    expected["encodings/utf16-be-bom.txt"] = None
    _write(root, "encodings/utf8-bom.md", codecs.BOM_UTF8 + f"# Bài UTF-8 BOM\n\n{BODY}\n".encode())
    expected["encodings/utf8-bom.md"] = None
    _write(root, "encodings/cp1258.txt", to_cp1258(f"Bài tiếng Việt Windows-1258\n\n{BODY}\n"))
    expected["encodings/cp1258.txt"] = None
    _write(root, "encodings/latin1.txt", b"caf\xe9 cr\xe8me br\xfbl\xe9e \x81\x8d\x8f\x90 na\xefve")
    expected["encodings/latin1.txt"] = "not UTF-8"
    _write(
        root, "encodings/bad-utf16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8a\x00"
    )  # lone surrogate
    expected["encodings/bad-utf16.txt"] = "invalid UTF-16"

    # JSON: broken, the wrong shape, non-string fields, and JSON-escaped nasties.
    _write(root, "json/broken.json", '{"title": "Thiếu ngoặc", "text": ')
    expected["json/broken.json"] = "invalid JSON"
    _write(root, "json/number.json", "42")
    expected["json/number.json"] = "JSON must be an article object or a list"
    _write(root, "json/wrapped.json", json.dumps({"articles": [{"title": "A", "text": BODY}]}))
    expected["json/wrapped.json"] = "no 'title' and no 'text'"
    _write(root, "json/list.json", json.dumps([{"title": "Trong danh sách", "text": BODY}, 7, []]))
    expected["json/list.json#0"] = None
    expected["json/list.json#1"] = "must be a JSON object"
    expected["json/list.json#2"] = "must be a JSON object"
    _write(root, "json/non-string.json", json.dumps({"title": {"vi": "x"}, "text": 7}))
    expected["json/non-string.json"] = "must be a string"
    _write(root, "json/text-number.json", json.dumps({"title": "Tiêu đề số", "text": 12345}))
    expected["json/text-number.json"] = "must be a string"
    _write(root, "json/huge-number.json", '{"title": "x", "text": "y", "n": 1' + "0" * 5000 + "}")
    expected["json/huge-number.json"] = "invalid JSON"
    _write(root, "json/deep.json", "[" * 50_000 + "]" * 50_000)
    expected["json/deep.json"] = "nested too deeply"
    # JSON escapes decode to the very characters the file's bytes could not carry directly.
    _write(
        root,
        "json/escaped.json",
        '{"title": "Ti\\u00eau \\u001b[2Jđề \\ud800 l\\u1ebb", "text": "'
        + BODY
        + '\\u001b]52;c;eA==\\u0007 \\udcff", "source": "\\u202eBáo\\u009b31m", '
        '"author": "[bold]Tác giả[/]\\u0000", "published": "2024-05-01"}',
    )
    expected["json/escaped.json"] = None
    _write(
        root,
        "json/lines.jsonl",
        json.dumps({"title": "Dòng một", "text": BODY})
        + "\n{broken\n"
        + '{"title": "Dòng ba", "text": "x", "n": 1'
        + "0" * 5000
        + "}\n"
        + json.dumps({"title": "Dòng bốn", "text": BODY_2})
        + "\n",
    )
    expected["json/lines.jsonl#0"] = None
    expected["json/lines.jsonl#1"] = "invalid JSON on line 2"
    expected["json/lines.jsonl#2"] = "invalid JSON on line 3"
    expected["json/lines.jsonl#3"] = None

    # Markdown front matter: broken YAML, and YAML that is a trap. All load, with a warning.
    _write(root, "yaml/broken.md", f"---\ntitle: [unclosed\n  : : :\n---\n# Hỏng YAML\n\n{BODY}\n")
    expected["yaml/broken.md"] = None
    _write(root, "yaml/unclosed.md", f"---\ntitle: không đóng\n\n# Không đóng\n\n{BODY}\n")
    expected["yaml/unclosed.md"] = None
    _write(
        root,
        "yaml/python-tag.md",
        f"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n# Thẻ Python\n\n{BODY}\n",
    )
    expected["yaml/python-tag.md"] = None
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        laughs += f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n"
    _write(
        root,
        "yaml/billion-laughs.md",
        f"---\n{laughs}title: *i\ndate: *i\nsource: *i\n---\n# Tiếng cười\n\n{BODY}\n",
    )
    expected["yaml/billion-laughs.md"] = None
    _write(root, "yaml/huge-int.md", f"---\ndate: 1{'0' * 5000}\n---\n# Số lớn\n\n{BODY}\n")
    expected["yaml/huge-int.md"] = None
    _write(
        root, "yaml/deep.md", f"---\ntitle: {'[' * 5000}{']' * 5000}\n---\n# Lồng sâu\n\n{BODY}\n"
    )
    expected["yaml/deep.md"] = None

    # Sizes: over the limit (cheap: text written in 1 MB chunks), and one 3 MB line.
    unit = f"{BODY}\n\n".encode()
    chunk = unit * (1024 * 1024 // len(unit) + 1)  # whole paragraphs, just over 1 MB
    with open(root / HUGE, "wb") as handle:
        handle.write(f"Tệp quá lớn\n\n{BODY}\n\n".encode())
        for _ in range(huge_mb):
            handle.write(chunk)
    expected[HUGE] = "too large"
    _write(root, LONG_LINE, "Một dòng dài\n\n" + "bảo vệ chính trị nội bộ " * 130_000)
    expected[LONG_LINE] = None

    # 30 folders deep.
    deep = "/".join(f"d{i:02d}" for i in range(1, DEEP_DEPTH + 1)) + "/bottom.txt"
    _write(root, deep, f"Ở tận đáy\n\n{BODY}\n")
    expected[deep] = None

    # Symbolic links: a loop back to the root, a link to itself, one to nowhere.
    (root / "links").mkdir()
    os.symlink(root, root / "links" / "back-to-root")
    expected["links/back-to-root/"] = "symbolic link loop"
    os.symlink("self.txt", root / "links" / "self.txt")
    expected["links/self.txt"] = "broken symbolic link"
    os.symlink(root / "nowhere.txt", root / "links" / "dangling.txt")
    expected["links/dangling.txt"] = "broken symbolic link"

    # Unreadable (root still reads it).
    locked = _write(root, "locked/unreadable.txt", f"Không đọc được\n\n{BODY}\n")
    os.chmod(locked, 0)
    expected["locked/unreadable.txt"] = None if os.access(locked, os.R_OK) else "permission denied"

    # File names: not UTF-8, with escapes, with bidi, with markup.
    _write(root, b"names/bad-\xff\xfe-name.txt", f"Tên không phải UTF-8\n\n{BODY}\n")
    expected["names/bad-\\xff\\xfe-name.txt"] = None
    _write(root, "names/esc-\x1b[31m-red.txt", f"Tên có mã thoát\n\n{BODY}\n")
    expected["names/esc-\\x1b[31m-red.txt"] = None
    _write(root, "names/bidi-\u202etxt.exe.txt", f"Tên đảo chiều\n\n{BODY}\n")
    expected["names/bidi-\\u202etxt.exe.txt"] = None
    _write(root, MARKUP_NAME, f"Tên có markup\n\n{BODY}\n")
    expected[MARKUP_NAME] = None
    _write(root, "names/[bold red]đỏ[reset].md", f"# Tên markup\n\n{BODY}\n")
    expected["names/[bold red]đỏ[reset].md"] = None
    _write(root, "names/evil.\x1b]52;c;eA==\x07", b"%PDF-1.4")  # the reason names the suffix
    expected["names/evil.\\x1b]52;c;eA==\\x07"] = "not an article format (.\\x1b]52"
    _write(root, b"names/bad-\xff.pdf", b"%PDF-1.4")
    expected["names/bad-\\xff.pdf"] = "not an article format"

    # Hostile text.
    # Raw in a text file: every attack but the full C0 set, which would make it binary.
    raw = "".join(v for k, v in TERMINAL_ATTACKS.items() if k != "c0")
    _write(root, ESCAPES, _attack_text(raw).encode("utf-8"))
    expected[ESCAPES] = None
    # JSON escapes (\\u001b, \\u0085, \\u202e) turn ASCII bytes into every attack, C0 included.
    _write(
        root,
        ESCAPES_JSON,
        json.dumps(
            {
                "title": ESCAPES_TITLE + TERMINAL_ATTACKS["osc8-link"],
                "text": _attack_text("".join(TERMINAL_ATTACKS.values())),
                "source": TERMINAL_ATTACKS["c0"] + "Nguồn",
            }
        ),
    )
    expected[ESCAPES_JSON] = None
    _write(
        root,
        MARKUP_JSON,
        json.dumps(
            {
                "title": MARKUP_JSON_TITLE,
                "text": [f"[/] {BODY} [bold]", "[@click=app.quit]Thoát[/] \\[escaped] [[x]]"],
                "author": "[i]Phóng viên[/i]",
            },
            ensure_ascii=False,
        ),
    )
    expected[MARKUP_JSON] = None

    # Hidden: never read.
    _write(root, ".git/config.txt", f"Ẩn\n\n{BODY}\n")
    _write(root, ".git/objects/pack.json", b"\x00\x01")
    _write(root, ".hidden.txt", f"Ẩn\n\n{BODY}\n")
    return expected


BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def unsafe(text: str, allowed: str = "") -> list[str]:
    """The characters of text that must not reach a terminal: controls (C0, DEL, C1; ESC
    among them) but those in `allowed`, bidi controls, lone surrogates."""
    return [
        c
        for c in text
        if (unicodedata.category(c) == "Cc" and c not in allowed)
        or c in BIDI_CONTROLS
        or "\ud800" <= c <= "\udfff"
    ]


def loaded_ids(expected: dict[str, str | None]) -> set[str]:
    return {path for path, reason in expected.items() if reason is None}


def skipped_reasons(expected: dict[str, str | None]) -> dict[str, str]:
    return {path: reason for path, reason in expected.items() if reason is not None}


def restore_permissions(root: Path) -> None:
    """Make the unreadable file readable again so the temp dir can be removed."""
    locked = Path(root) / "locked" / "unreadable.txt"
    if locked.exists():
        os.chmod(locked, 0o644)
