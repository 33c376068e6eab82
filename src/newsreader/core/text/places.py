"""Find places named in a Vietnamese news article, by rules (no model).

Three forms are read, each in one left-to-right scan of a compiled alternation:
- a province or centrally-run city by its name, bare ("Nghệ An") or in a short form
  ("TP.HCM", "Bà Rịa - Vũng Tàu"): the 63 before 1 July 2025 and the 34 after the merger,
  whose names are all among the 63 but Huế;
- a district, town, commune or ward only with its unit word ("huyện Định Hóa", "thị xã Kỳ
  Anh", "quận 1"), also inside a Party or government unit ("Huyện ủy Định Hóa", "Đảng ủy xã
  Tân Lập", "UBND huyện Định Hóa");
- a province or city after a Party unit named by it ("Tỉnh ủy Nghệ An", "Thành ủy Hà Nội"),
  which the bare name already covers.

`text` is the name as written (without the unit word), `value` the place: a province's
canonical name, or "<unit word> <name>" for a lower unit. People take precedence: a span
that a person's name covers is no place ("Lê Chân" the man; "quận Lê Chân" the district),
and a unit's name stops where a person's name begins ("Huyện ủy Định Hóa Nguyễn Văn A").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from newsreader.core.text.people import NAME_BREAKERS, SURNAMES

__all__ = [
    "PROVINCES",
    "PROVINCES_2025",
    "PlaceMatch",
    "find_places",
    "is_province",
    "reporting_place",
]


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    start: int
    end: int
    text: str  # == source[start:end]
    value: str  # "Nghệ An", "huyện Định Hóa"
    unit: str | None  # the unit word or Party unit written before it, lower-cased; None: bare


HCM = "Thành phố Hồ Chí Minh"
BRVT = "Bà Rịa - Vũng Tàu"
TTH = "Thừa Thiên Huế"

# The 63 provinces and centrally-run cities before 1 July 2025.
PROVINCES = (
    "Hà Nội",
    HCM,
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "An Giang",
    BRVT,
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    TTH,
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
)

# The 34 after 1 July 2025 (Resolution 202/2025/QH15).
PROVINCES_2025 = (
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    HCM,
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
)

# Other ways the papers write a province's name.
_SHORT_FORMS: dict[str, str] = {
    "TP.HCM": HCM,
    "TP. HCM": HCM,
    "TP HCM": HCM,
    "TPHCM": HCM,
    "Tp.HCM": HCM,
    "Tp. HCM": HCM,
    "TP.Hồ Chí Minh": HCM,
    "TP. Hồ Chí Minh": HCM,
    "TP Hồ Chí Minh": HCM,
    "Tp. Hồ Chí Minh": HCM,
    "Tp Hồ Chí Minh": HCM,
    "Thành phố Hồ Chí Minh": HCM,
    "thành phố Hồ Chí Minh": HCM,
    "Sài Gòn": HCM,
    "Bà Rịa-Vũng Tàu": BRVT,
    "Bà Rịa – Vũng Tàu": BRVT,
    "Bà Rịa Vũng Tàu": BRVT,
    "BR-VT": BRVT,
    "Thừa Thiên - Huế": TTH,
    "Thừa Thiên-Huế": TTH,
    "Đắc Lắc": "Đắk Lắk",
    "Đắk Lắc": "Đắk Lắk",
    "Đăk Lăk": "Đắk Lắk",
    "Đắc Nông": "Đắk Nông",
    "Đăk Nông": "Đắk Nông",
    "Kontum": "Kon Tum",
    "Bắc Cạn": "Bắc Kạn",
}
# Names that are the start of something else: the Pacific, a newspaper.
_NOT_PLACES = ("Thái Bình Dương", "Hà Nội Mới", "Sài Gòn Giải Phóng", "Điện Biên Phủ")
# A bare name right after these is a person's ("chị Huế", "bà Hà Giang") or a street's
# ("phố Huế", "đường Hà Nội"), not the province.
_NOT_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?i:ông|bà|anh|chị|cô|chú|em|cháu|bác|cụ|đồng\s+chí|đường|phố|ngõ|ngách|hẻm|"
    r"đại\s+lộ|quốc\s+lộ|cầu|chợ)\s+$"
)

_OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "úy": "uý", "ùy": "uỳ"}
_OLD_TONES |= {"ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ", "òe": "oè", "óe": "oé", "ọe": "oẹ"}


def _spellings(name: str) -> set[str]:
    """The name with both placements of the tone mark ("Hòa"/"Hoà"), and in capitals."""
    old = name
    for new, before in _OLD_TONES.items():
        old = old.replace(new, before)
    return {name, old, name.upper(), old.upper()}


def _canonical_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for name in (*PROVINCES, *PROVINCES_2025):
        for spelling in _spellings(name):
            names[spelling] = name
    for short, name in _SHORT_FORMS.items():
        for spelling in _spellings(short):
            names[spelling] = name
    return names


_CANONICAL = _canonical_names()
_PROVINCE_SET = frozenset(PROVINCES) | frozenset(PROVINCES_2025)


def is_province(value: str) -> bool:
    return value in _PROVINCE_SET


_Trie = dict[str, "_Trie"]


def _pattern(words: list[str]) -> str:
    """An alternation of `words` (any run of spaces where they have one), as a trie: at each
    position the engine follows one branch per character instead of trying every word."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: _Trie) -> str:
    ends = "" in node
    branches = [
        (r"[^\S\r\n]+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # The longer name first: "Hà Nội Mới" before "Hà Nội" (an optional tail is greedy).
    return f"(?:{body})?" if ends else body


# Unit words before a lower unit's name, and Party units that are named by their place; each
# gives the unit word of the value. Written with their first letter in either case.
_UNITS: dict[str, str] = {
    "tỉnh": "tỉnh",
    "thành phố": "thành phố",
    "tp.": "thành phố",
    "tp": "thành phố",
    "huyện": "huyện",
    "quận": "quận",
    "thị xã": "thị xã",
    "tx.": "thị xã",
    "thị trấn": "thị trấn",
    "xã": "xã",
    "phường": "phường",
    "đặc khu": "đặc khu",
    "tỉnh ủy": "tỉnh",
    "tỉnh uỷ": "tỉnh",
    "thành ủy": "thành phố",
    "thành uỷ": "thành phố",
    "huyện ủy": "huyện",
    "huyện uỷ": "huyện",
    "quận ủy": "quận",
    "quận uỷ": "quận",
    "thị ủy": "thị xã",
    "thị uỷ": "thị xã",
}
_UNIT_ALTERNATION = "(?i:" + _pattern(list(_UNITS)) + ")"


def _letters(upper: bool) -> str:
    ranges = ((0x41, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))
    chars = (chr(c) for lo, hi in ranges for c in range(lo, hi + 1))
    return re.escape(
        "".join(c for c in chars if c.isalpha() and (c.isupper() if upper else c.islower()))
    )


_UP, _LO = _letters(True), _letters(False)
# A Title-case syllable of a place's name, or a number ("phường 3", "Quận 1").
_NAME_SYLLABLE = rf"(?:[{_UP}][{_LO}]*(?:['’][{_UP}]?[{_LO}]+)?|\d{{1,2}})(?![\w'’])"
_PROVINCE_RE = _pattern(list(_CANONICAL))
_NOT_PLACE_RE = _pattern(list(_NOT_PLACES))
# The first letter of every alternative below (a unit word in either case): checked right
# after the lookbehind, it spares the alternation at the start of most words.
_PLACE_FIRST = (
    f"[{re.escape(''.join(sorted({w[0] for w in (*_NOT_PLACES, *_CANONICAL)})))}]"
    f"|(?i:[{re.escape(''.join(sorted({w[0] for w in _UNITS})))}])"
)
_PLACES = re.compile(
    rf"(?<![\w.])(?=(?:{_PLACE_FIRST}))(?:(?P<not>{_NOT_PLACE_RE})(?!\w)"
    rf"|(?P<bare>{_PROVINCE_RE})(?![\w'’])"
    rf"|(?P<unit>{_UNIT_ALTERNATION})[^\S\r\n]+"
    rf"(?:(?P<province>{_PROVINCE_RE})(?![\w'’])"
    rf"|(?P<name>{_NAME_SYLLABLE}(?:[^\S\r\n]+{_NAME_SYLLABLE}){{0,3}})))"
)
# "tp" and "tx" need their dot or capitals to be an abbreviation, not a word.
_BARE_ABBREVIATIONS = frozenset(("tp", "tx"))
_NUMBERED_UNITS = frozenset(("quận", "phường"))
_PROVINCE_UNITS = frozenset(("tỉnh", "thành phố"))


# Two words that start a document's or meeting's name ("Chỉ thị 39", "Hội nghị"), not a place's:
# titles capitalise them, so they would otherwise read as more of a district's name.
_NOT_NAME_PAIRS = frozenset(
    {
        ("chỉ", "thị"),
        ("nghị", "quyết"),
        ("kết", "luận"),
        ("quyết", "định"),
        ("quy", "định"),
        ("hội", "nghị"),
        ("thông", "tri"),
        ("hướng", "dẫn"),
        ("kế", "hoạch"),
        ("công", "văn"),
        ("thông", "báo"),
    }
)


def _cut_name(name: str, after: str = "") -> str:
    """A lower unit's name ends before a word no place name holds ("Phó", "Bí"), and before
    a surname with more of a name after it ("Huyện ủy Định Hóa Nguyễn Văn A"). The kept
    part is `name`'s own beginning, spacing and all, so offsets stay on the letters; `after`
    is the text that follows it."""
    words = list(re.finditer(r"\S+", name))
    next_word = re.match(r"\s*(\S*)", after)
    beyond = next_word.group(1).lower() if next_word else ""
    end = 0
    for i, found in enumerate(words):
        word = found.group()
        if word in NAME_BREAKERS or (word.isdigit() and end):
            break
        if end and word in SURNAMES and i + 1 < len(words):
            break
        following = words[i + 1].group().lower() if i + 1 < len(words) else beyond
        if end and (word.lower(), following) in _NOT_NAME_PAIRS:
            break
        end = found.end()
        if word.isdigit():
            break
    return name[:end]


def find_places(text: str, people: list[tuple[int, int]] | None = None) -> list[PlaceMatch]:
    """Every place named in `text`, in order, not overlapping. `people` are the (start, end)
    of the people named in it, sorted: no place is read inside one, and a unit's name stops
    where one begins."""
    people = people or []
    starts = [s for s, _ in people]
    found: list[PlaceMatch] = []
    for match in _PLACES.finditer(text):
        if match["not"]:
            continue
        unit: str | None = None
        if match["unit"]:
            key = " ".join(match["unit"].lower().split())
            if key in _BARE_ABBREVIATIONS and not match["unit"][:2].isupper():
                continue
            unit = _UNITS[key]
        group = "bare" if match["bare"] else "province" if match["province"] else "name"
        start, end = match.start(group), match.end(group)
        if group == "bare" and _NOT_PLACE_BEFORE.search(text, max(0, start - 12), start):
            continue
        # A person's name that starts before the place's end takes what follows from there.
        index = bisect_left(starts, end) - 1
        if index >= 0 and people[index][1] > start:
            person_start = people[index][0]
            if person_start <= start or group != "name":
                continue
            end = start + len(text[start:person_start].rstrip())
        written = text[start:end]
        if group != "name":
            value = _CANONICAL[" ".join(written.split())]
            if unit is not None and unit not in _PROVINCE_UNITS:
                value = f"{unit} {written}"  # "thị xã Quảng Trị", a town named like its province
        else:
            assert unit is not None  # the pattern reads a name only after a unit word
            written = _cut_name(written, text[end : end + 24])
            if not written or (written.isdigit() and unit not in _NUMBERED_UNITS):
                continue
            end = start + len(written)
            value = f"{unit} {' '.join(written.split())}"
        found.append(PlaceMatch(start, end, written, value, unit))
    return found


# A Party or government body right before the place ("Ban Thường vụ Tỉnh ủy", "UBND tỉnh",
# "Đảng bộ huyện"), and a verb after it in the same clause that says the body held something.
_BODY_BEFORE = re.compile(
    r"(?i:(?:tỉnh|thành|huyện|quận|thị)\s+(?:ủy|uỷ)|đảng\s+bộ|đảng\s+(?:ủy|uỷ)|ubnd|hđnd|"
    r"ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân|hội\s+đồng\s+nhân\s+dân|mttq|"
    r"ban\s+thường\s+vụ|ban\s+chấp\s+hành)"
    r"(?:\s+(?i:tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường))?\s*$"
)
_HELD_AFTER = re.compile(
    r"[^.;:!?\n]{0,80}?(?<!\w)(?i:tổ\s+chức|họp|tiến\s+hành|khai\s+mạc|sơ\s+kết|tổng\s+kết|"
    r"ban\s+hành|triển\s+khai|quán\s+triệt|phát\s+động|kỷ\s+niệm)(?!\w)"
)
_LEAD_TEXTS = 3  # the title and the first two paragraphs say who held the event


def reporting_place(texts: list[str], found: list[list[PlaceMatch]]) -> str | None:
    """The place an article reports from: the body named by a place that held the event in
    its title or first paragraphs ("Ban Thường vụ Tỉnh ủy Nghệ An tổ chức…"), else the
    province mentioned most (the first of equals), else the place mentioned most.
    `found` is find_places of each of `texts` (the title, then the paragraphs)."""
    for text, matches in zip(texts[:_LEAD_TEXTS], found[:_LEAD_TEXTS], strict=False):
        for match in matches:
            if _BODY_BEFORE.search(text, max(0, match.start - 60), match.start) and (
                _HELD_AFTER.match(text, match.end)
            ):
                return match.value
    counts: dict[str, int] = {}
    for matches in found:
        for match in matches:
            counts[match.value] = counts.get(match.value, 0) + 1
    if not counts:
        return None
    provinces = {value: n for value, n in counts.items() if is_province(value)}
    pool = provinces or counts
    return max(pool, key=pool.__getitem__)
