"""Find people named in a Vietnamese news article, by rules (no model).

A candidate is a run of Title-case syllables ("Lê Văn Châu"). Case does most of the work:
organisations are written with a lower-case second syllable ("Văn phòng", "Ban Chấp hành"),
so their capitalised runs are short and do not start with a surname; all-caps words (UBND,
HĐND, THPT) break runs, which splits "Chủ tịch UBND tỉnh Trần Văn B" cleanly.

Two passes per article:
1. discovery accepts a run (or the tail of a run, "Hà Nội Trần Sỹ Thanh") as a name when it
   starts with a known surname and no trap applies (place name, street or school named after
   someone, organisation word, sentence-initial preposition), or when a cue right before it
   (ông, đồng chí, Thượng tướng, PGS.TS, Thủ tướng…) vouches for any 2–4 syllables, which is
   how names that do not follow the Kinh surname pattern (Y Biêr Niê, Giàng A Páo) are found;
2. propagation tags every mention, in the title and every paragraph, of a name accepted
   anywhere in the article, and "ông Châu" after "ông Lê Văn Châu" as that full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.core.cancel import checkpoint


@dataclass(frozen=True, slots=True)
class PersonMatch:
    paragraph: int | None  # None = the title, else an index into paragraphs
    start: int
    end: int
    text: str  # == source[start:end]
    name: str  # canonical full name, e.g. "Lê Văn Châu"


# --- data -------------------------------------------------------------------------------

# Kinh surnames (the notes' list) and frequent surnames of ethnic minorities (Tày, Thái,
# H'Mông, Mường, Jrai, Khmer…) that are written like Kinh surnames.
SURNAMES = frozenset(
    """
    Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý
    Đinh Đào Trịnh Trương Mai Đoàn Lương Cao Lâm Hà Tạ Tô Vương Phùng Lưu Quách Châu Thái
    Triệu Chu Kiều Nghiêm La Văn Khổng Thân Giang Mạc Lại Ông Từ
    Doãn Đàm Hứa Khúc Khương Lã Mã Phí Tăng Tôn Tống Âu Bạch Cù Diệp Đậu Ứng Vi Lò Nông Bế
    Lường Cầm Điêu Quàng Sầm Hầu Giàng Sùng Thào Vàng Mùa Lầu Vừ Ksor Siu Rơ Điểu Danh Lục
    """.split()
)

# Surnames so common that a 4-syllable uncued run with one of them in third place is more
# likely "<2-syllable place> <2-syllable name>" than one name ("Lâm Thao Nguyễn Hà").
_MAJOR_SURNAMES = frozenset("Nguyễn Trần Lê Phạm Huỳnh Đặng Bùi Đỗ Ngô".split())

# Surname-like words that usually start a sentence as a preposition or adverb ("Từ Trung
# ương…", "Cao điểm"), so a sentence-initial run starting with them needs another cue.
SENTENCE_START_AMBIGUOUS = frozenset("Từ Cao Mai La Văn Giang Châu Thân Hà Lâm Chu Tạ Lại".split())

# Places (and a few non-places) whose first syllable is a surname or a cue word. A candidate
# equal to one is rejected; a run starting with one is read as "<place> <name>".
PLACE_NAMES = frozenset(
    s.strip()
    for s in """
    Hà Nội, Hà Tĩnh, Hà Giang, Hà Nam, Hà Tây, Hà Đông, Hà Tiên, Hà Trung, Hà Quảng, Hà Lan,
    Hà Hòa, Hà Hoà, Cao Bằng, Cao Lãnh, Cao Lộc, Cao Phong, Cao Đài, Lâm Đồng,
    Lâm Hà, Lâm Thao, Lâm Bình, Thái Bình, Thái Nguyên, Thái Lan, Thái Thụy, Thái Thuỵ,
    Thái Hòa, Thái Hoà, Thái Bình Dương, Phan Thiết, Phan Rang, Phan Rí, Phan Xi Păng, Lý Sơn,
    Lý Nhân, Hoàng Sa, Hoàng Mai, Hoàng Hóa, Hoàng Hoá, Hoàng Su Phì, Hoàng Liên Sơn,
    Hoàng Liên, Đồng Nai, Đồng Tháp, Đồng Hới, Đồng Xoài, Đồng Văn, Đồng Hỷ, Hồ Chí Minh,
    Hồ Tây, Hồ Gươm, Hồ Hoàn Kiếm, Hồ Tràm, Châu Âu, Châu Á, Châu Phi, Châu Mỹ, Châu Úc,
    Châu Đại Dương, Châu Thành, Châu Đốc, Châu Phú, Châu Đức, Mai Châu, Mai Sơn, Vũ Thư,
    Vũ Quang, Võ Nhai, Đỗ Lương, Lê Chân, Đinh Lập, Lục Ngạn, Lục Nam, Lục Yên, Văn Miếu,
    Văn Lang, Văn Yên, Văn Chấn, Văn Bàn, Văn Giang, Văn Lâm, Văn Quan, Văn Lãng,
    Giang Thành, La Mã, Tô Lịch, Bạch Đằng, Bạch Mai, Từ Sơn, Từ Liêm, Ứng Hòa, Ứng Hoà,
    Nông Cống, Nông Sơn, Cù Lao, Cù Lao Dung, Chu Lai, Ninh Bình, Ninh Thuận, Sơn La, Sơn Tây,
    Quảng Ninh, Quảng Nam, Quảng Ngãi, Quảng Bình, Quảng Trị, Hòa Bình, Hoà Bình, Bà Rịa,
    Bà Đen, Bà Chiểu, Bà Điểm, Anh Sơn, Cô Tô, Bác Ái, Việt Nam, Trung Quốc, Nhật Bản,
    Hàn Quốc, Hoa Kỳ, Triều Tiên, Ấn Độ, Liên Xô,
    An Giang, Bà Rịa Vũng Tàu, Bắc Giang, Bắc Kạn, Bạc Liêu, Bắc Ninh, Bến Tre, Bình Định,
    Bình Dương, Bình Phước, Bình Thuận, Cà Mau, Cần Thơ, Đà Nẵng, Đắk Lắk, Đắk Nông, Điện Biên,
    Gia Lai, Hải Dương, Hải Phòng, Hậu Giang, Hưng Yên, Khánh Hòa, Khánh Hoà, Kiên Giang,
    Kon Tum, Lai Châu, Lạng Sơn, Lào Cai, Long An, Nam Định, Nghệ An, Phú Thọ, Phú Yên,
    Sóc Trăng, Tây Ninh, Thanh Hóa, Thanh Hoá, Thừa Thiên Huế, Tiền Giang, Trà Vinh,
    Tuyên Quang, Vĩnh Long, Vĩnh Phúc, Yên Bái, Tây Nguyên, Tây Bắc, Nam Bộ, Bắc Bộ, Trung Bộ,
    Đông Nam Bộ, Đồng Bằng Sông Cửu Long, Mường Tè, Mường Lay, Mường Chà, Mường Nhé, Krông Pắc,
    Krông Búk, Krông Ana, Ea Súp, Chư Sê, Chư Păh, Chư Prông, Ia Grai, Đắk Hà, Đắk Tô,
    Lào, Cam Pu Chia, Campuchia, Hoa Kỳ, Liên Bang Nga, Việt Bắc
    """.split(",")
)

_PLACE_FIRSTS = frozenset(place.split()[0] for place in PLACE_NAMES)

# Cue words that may open a capitalised run at the start of a sentence ("Ông Nguyễn…").
CAPITALISED_CUES = frozenset("Ông Bà Anh Chị Cụ Em Cháu Bác Cô Chú Thầy".split())

# Capitalised words that never occur inside a personal name: a name ends before them
# ("Lê Văn Châu Phó Bí thư" written without a comma) and cannot start with them
# ("đồng chí Trưởng Ban…", "Vụ trưởng Vụ Bảo vệ chính trị nội bộ").
NAME_BREAKERS = frozenset(
    "Phó Bí Chủ Ủy Uỷ Tổng Giám Bộ Ban Sở Cục Vụ Viện Đảng Tỉnh Huyện Quận Xã Phường Hội "
    "Trưởng Chánh Thủ Nhà Mẹ".split()
)

# "<last syllable> <next lower-case word>" pairs that show the run was an organisation or
# phrase, not a name: "Đoàn Thanh niên", "Từ Trung ương đến…".
ORG_COMPOUNDS = frozenset(
    s.strip()
    for s in """
    trung ương, thanh niên, quốc hội, chính phủ, nhà nước, nhân dân, phụ nữ, nông dân,
    dân tộc, quốc gia, quốc phòng, công an, kiểm tra, tổ chức, tuyên giáo, dân vận, nội chính,
    chấp hành, thường vụ, bí thư, chính trị, văn phòng, hội đồng, mặt trận, công đoàn,
    cựu chiến, lao động, doanh nghiệp, kinh tế, văn hóa, văn hoá, giáo dục, y tế, tư pháp,
    ngoại giao, nội vụ, tài chính, quân đội, biên phòng, hải quân, an ninh, khoa học,
    công nghệ, xây dựng, giao thông, công thương, nông nghiệp, tài nguyên, môi trường,
    kế hoạch, đầu tư, tuyên truyền, đại học, cao đẳng, học viện, lý luận, liên hiệp,
    công tác, giám sát, khảo sát, thanh tra, đại biểu
    """.split(",")
)

# Words right before a run that make it the name of a street, school, place or thing named
# after someone ("đường Trần Hưng Đạo", "Trường THPT Nguyễn Huệ", "giải thưởng Hồ Chí Minh").
NAMED_AFTER_WORDS = frozenset(
    s.strip()
    for s in """
    đường, phố, đại lộ, ngõ, ngách, hẻm, quốc lộ, trường, thpt, thcs, pttm, ptdtnt, ptdtbt,
    tiểu học, trung học, đại học, cao đẳng, học viện, bệnh viện, cầu, quảng trường, công viên,
    nhà văn hóa, nhà văn hoá, tượng đài, bảo tàng, di tích, khu di tích, đền, đền thờ, chùa,
    lăng, nhà lưu niệm, giải, giải thưởng, huân chương, quỹ, tàu, sông, hồ, núi, đèo, đảo,
    vịnh, cảng, sân bay, chợ, khu, làng, thôn, bản, ấp, xóm, kênh, triều, thời, đời, nhà,
    phong trào, chiến dịch, sư đoàn, trung đoàn, lữ đoàn, đồn, trạm, q., p., tx., h.,
    chuyên, tiểu đoàn, đội, hợp tác xã, công ty, tập đoàn, ký túc xá, sân vận động,
    chủ nghĩa, học thuyết
    """.split(",")
)

# Administrative units: after them a 2-syllable run is a place ("tỉnh Hà Giang"), and a
# 3–4 syllable one is a person only when a position title precedes ("Chủ tịch UBND tỉnh
# Trần Văn B").
ADMIN_UNIT_WORDS = frozenset(
    (
        "tỉnh",
        "huyện",
        "quận",
        "xã",
        "phường",
        "ủy",
        "uỷ",
        "thành phố",
        "thị xã",
        "thị trấn",
        "tp",
        "tp.",
    )
)

_HEAD_WORDS = NAMED_AFTER_WORDS | ADMIN_UNIT_WORDS

# What may stand right before "Hồ Chí Minh" when it names the man rather than the city or
# an institution ("Chủ tịch Hồ Chí Minh", "tư tưởng Hồ Chí Minh").
HO_CHI_MINH_PERSON_BEFORE = frozenset(
    s.strip()
    for s in """
    chủ tịch, bác, cụ, lãnh tụ, tư tưởng, đạo đức, phong cách, tấm gương, di chúc, di sản,
    người, đồng chí, của chủ tịch, hồ chủ tịch, ông
    """.split(",")
)
HO_CHI_MINH = "Hồ Chí Minh"

# Cues before a name. Honorifics, ranks and degrees vouch for any 2–4 capitalised
# syllables; position titles right before the run vouch for it when it is not a place.
HONORIFIC_CUES = (
    "đồng chí",
    "đ/c",
    "ông",
    "bà",
    "anh",
    "chị",
    "cụ",
    "em",
    "cháu",
    "bác",
    "cô",
    "chú",
    "thầy",
    "già làng",
    "trưởng bản",
    "nhà báo",
    "nhà văn",
    "nhà thơ",
    "nhà giáo",
    "nhà nghiên cứu",
    "nhạc sĩ",
    "họa sĩ",
    "hoạ sĩ",
    "nghệ sĩ",
    "nghệ nhân",
    "liệt sĩ",
    "bác sĩ",
    "kỹ sư",
    "luật sư",
    "giáo sư",
    "phó giáo sư",
    "tiến sĩ",
    "thạc sĩ",
    "linh mục",
    "mục sư",
    "hòa thượng",
    "hoà thượng",
    "thượng tọa",
    "thượng toạ",
    "đại đức",
    "ni sư",
    "giám mục",
    "anh hùng",
    "bị cáo",
    "bị can",
    "nạn nhân",
    "đại tướng",
    "đô đốc",
    "phó đô đốc",
    "chuẩn đô đốc",
    "binh nhất",
    "binh nhì",
    "hạ sĩ",
    "trung sĩ",
    "thượng sĩ",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tá",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "đại úy",
    "đại uý",
    "thượng úy",
    "thượng uý",
    "trung úy",
    "trung uý",
    "thiếu úy",
    "thiếu uý",
)
POSITION_CUES = (
    "thủ tướng",
    "phó thủ tướng",
    "tổng bí thư",
    "bí thư",
    "phó bí thư",
    "chủ tịch",
    "chủ tịch nước",
    "bộ trưởng",
    "thứ trưởng",
    "giám đốc",
    "chủ nhiệm",
    "trưởng ban",
    "phó trưởng ban",
    "trưởng đoàn",
    "tổng thống",
    "đại sứ",
    "tư lệnh",
    "chính ủy",
    "chính uỷ",
    "chánh án",
    "viện trưởng",
    "tổng thư ký",
    "thống đốc",
    "hiệu trưởng",
    "đại biểu",
    "tổng biên tập",
    "tổng kiểm toán",
    "chánh văn phòng",
    "cục trưởng",
    "vụ trưởng",
    "người phát ngôn",
    "chủ tịch quốc hội",
)
DEGREE_ABBREVIATIONS = (
    "GS",
    "PGS",
    "TS",
    "TSKH",
    "ThS",
    "Ths",
    "BS",
    "BSCKI",
    "BSCKII",
    "KS",
    "Lm",
    "NSND",
    "NSƯT",
    "NGND",
    "NGƯT",
    "NNND",
    "NNƯT",
    "TTND",
    "TTƯT",
)


# --- regexes ----------------------------------------------------------------------------


def _letters(upper: bool) -> str:
    ranges = ((0x41, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))
    chars = (chr(c) for lo, hi in ranges for c in range(lo, hi + 1))
    return "".join(c for c in chars if c.isalpha() and (c.isupper() if upper else c.islower()))


_UP, _LO = re.escape(_letters(True)), re.escape(_letters(False))
_APOS = "'\u2019"
# A Title-case syllable; the apostrophe form covers Ê Đê and H'Mông names ("H'Hen").
# The lookbehind sits after the capital so the scan fails fast on every other character.
_SYLLABLE = rf"[{_UP}](?<![\w{_APOS}][{_UP}])[{_LO}]*(?:[{_APOS}][{_UP}]?[{_LO}]+)?(?![\w{_APOS}])"
_RUN_RE = re.compile(rf"{_SYLLABLE}(?:[^\S\r\n]+{_SYLLABLE})*")


def _alternation(words: tuple[str, ...]) -> str:
    spaced = (re.escape(w).replace(r"\ ", r"[^\S\r\n]+") for w in words)
    return "|".join(sorted(spaced, key=len, reverse=True))


_POSITION_IN_CLAUSE_RE = re.compile(rf"(?<!\w)(?:{_alternation(POSITION_CUES)})(?!\w)", re.I)
_CUE_AFTER_RE = re.compile(
    r"[^\S\r\n]*(?:[,\u2013\u2014(]|-)[^\S\r\n]*(?:nguyên[^\S\r\n]+)?"
    r"(?:phó|ủy viên|uỷ viên|bí thư|chủ tịch|trưởng|giám đốc|bộ trưởng|thứ trưởng|tổng|"
    r"chủ nhiệm|chánh|viện trưởng|đại biểu|sinh|\d{4}|đại tướng|thượng tướng|trung tướng|"
    r"thiếu tướng|đại tá|thượng tá|trung tá|thiếu tá|hiệu trưởng|tư lệnh|chính [uủ]y)",
    re.IGNORECASE,
)
_NEXT_WORD_RE = re.compile(r"[^\S\r\n]+([^\W\d_]+)")
# The end of a clause: everything up to the last clause break. It is matched on the reversed
# text, which finds the last break in one left-to-right scan.
_CLAUSE_TAIL_REVERSED = re.compile(r'[^.,;:!?()\[\]"\u201c\u201d\r\n]*')
_HONORIFIC_SET = frozenset(HONORIFIC_CUES)
_POSITION_SET = frozenset(POSITION_CUES)
_DEGREE_SET = frozenset(DEGREE_ABBREVIATIONS)
_SENTENCE_END_CHARS = frozenset(".!?:…\"'\u201c\u201d(•-\u2013\u2014*")
_LOOKBACK = 60  # characters inspected before a run; cues and trap words are short


# --- discovery --------------------------------------------------------------------------

_Token = tuple[int, int, str]  # start, end, syllable
_Hit = tuple[int, int, str]  # start, end, canonical name


def _runs(text: str) -> list[list[_Token]]:
    runs = []
    for r in _RUN_RE.finditer(text):
        start, group = r.start(), r.group()
        words = group.split()
        if len(words) == 1:
            runs.append([(start, r.end(), group)])
            continue
        run, at = [], 0
        for word in words:
            at = group.index(word, at)
            run.append((start + at, start + at + len(word), word))
            at += len(word)
        runs.append(run)
    return runs


def _place_at(words: list[str], i: int) -> int:
    """Length of a place name starting at words[i] (0 if none), longest first."""
    if words[i] not in _PLACE_FIRSTS:
        return 0
    for size in (4, 3, 2):
        if i + size <= len(words) and " ".join(words[i : i + size]) in PLACE_NAMES:
            return size
    return 0


def _name_end(words: list[str], i: int) -> int:
    """Where a name starting at words[i] stops: a breaker word, a place, 4 syllables."""
    j = i + 1
    while j < len(words) and j - i < 4:
        if words[j] in NAME_BREAKERS or (j - i >= 2 and _place_at(words, j)):
            break
        j += 1
    return j


def _ends_cleanly(words: list[str], j: int) -> bool:
    return j == len(words) or words[j] in NAME_BREAKERS or _place_at(words, j) > 0


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip()
    return not before or before[-1] in _SENTENCE_END_CHARS


class _Context:
    """What surrounds one run: the cue right before it and the words of its clause."""

    __slots__ = ("cue", "clause", "last")

    def __init__(self, text: str, start: int) -> None:
        window = text[max(0, start - _LOOKBACK) : start]
        tail = _CLAUSE_TAIL_REVERSED.match(window[::-1])
        assert tail is not None  # the pattern matches the empty string
        clause_length = tail.end()
        self.clause = window[len(window) - clause_length :]
        words = self.clause.lower().split()[-3:]
        if clause_length == len(window) < start:
            words = words[1:]  # the window may have cut the first word in half
        # "đồng chí", "tỉnh", "đại lộ": the last one to three words, as phrases
        self.last = [" ".join(words[-k:]) for k in range(1, len(words) + 1)]
        self.cue: str | None = None
        if window[-1:].isspace():
            if not _HONORIFIC_SET.isdisjoint(self.last):
                self.cue = "hon"
            elif not _POSITION_SET.isdisjoint(self.last):
                self.cue = "pos"
        if self.cue is None and window.strip():
            degrees = window.rsplit(None, 1)[-1].split(".")  # "PGS.TS.", "TS", "GS.TSKH"
            if all(d in _DEGREE_SET for d in degrees if d) and any(degrees):
                self.cue = "hon"

    def named_after(self) -> bool:
        return any(w in NAMED_AFTER_WORDS for w in self.last) or any(
            w in {"Trường", "Học", "Bệnh", "Giải", "Đường", "Phố", "Cầu"}
            for w in self.clause.split()[-6:]
        )

    def after_admin_unit(self) -> bool:
        return any(w in ADMIN_UNIT_WORDS for w in self.last[:2])

    def position_in_clause(self) -> bool:
        return _POSITION_IN_CLAUSE_RE.search(self.clause) is not None


def _context_of(text: str, run: list[_Token], contexts: dict[int, _Context]) -> _Context:
    """The run's context; discovery and propagation share it through `contexts`."""
    start = run[0][0]
    ctx = contexts.get(start)
    if ctx is None:
        ctx = contexts[start] = _Context(text, start)
    return ctx


def _ho_chi_minh_is_person(ctx: _Context, cue_token: str | None) -> bool:
    if cue_token == "Bác" or ctx.cue == "hon":
        return True
    return any(w in HO_CHI_MINH_PERSON_BEFORE for w in ctx.last)


def _discover_run(text: str, run: list[_Token], contexts: dict[int, _Context]) -> list[_Hit]:
    words = [w for _, _, w in run]
    i0 = 0
    cue_token = None  # a capitalised cue opening the run: "Ông Nguyễn Văn A" at sentence start
    while (
        i0 < len(words) - 1
        and words[i0] in CAPITALISED_CUES
        and " ".join(words[i0 : i0 + 2]) not in PLACE_NAMES
    ):
        cue_token = words[i0]
        i0 += 1
    if (
        (words[i0] in NAME_BREAKERS or i0 == len(words) - 1)
        and words[i0:] != ["Hồ"]
        and SURNAMES.isdisjoint(words[i0:-1])
    ):
        # No cue can vouch for a run led by "Ban", "Bộ"… or left with one syllable, and
        # without a surname inside nothing else can: half the runs, spared their context.
        return []
    ctx = _context_of(text, run, contexts)
    vouched = cue_token is not None or ctx.cue == "hon"  # any 2–4 syllables may be a name

    if words[i0:] == ["Hồ"]:  # "Bác Hồ", "cụ Hồ"
        prev = ctx.clause.split()[-1:]
        cue_word = cue_token or (prev[0] if prev else "")
        if cue_word.lower() in {"bác", "cụ"}:
            start = run[i0 - 1][0] if cue_token == "Bác" else run[i0][0]
            return [(start, run[i0][1], HO_CHI_MINH)]
        return []

    if (vouched or ctx.cue == "pos") and words[i0] not in NAME_BREAKERS:
        i = i0
        place = _place_at(words, i)
        if not vouched and place and place < len(words) - i:
            i += place  # "Thủ tướng Nhật Bản Fumio Kishida"
        j = _name_end(words, i)
        name = " ".join(words[i:j])
        if j - i >= 2 and words[i] not in NAME_BREAKERS:
            if vouched and name not in PLACE_NAMES:  # "đồng chí Lâm Đồng" is no name
                return [(run[i][0], run[j - 1][1], name)]
            if name == HO_CHI_MINH or (
                name not in PLACE_NAMES
                and _ends_cleanly(words, j)
                and not _org_compound_follows(text, run, words, j)
            ):
                return [(run[i][0], run[j - 1][1], name)]
    return _discover_by_surname(text, run, words, i0, ctx, cue_token)


def _org_compound_follows(text: str, run: list[_Token], words: list[str], j: int) -> bool:
    if j != len(words):
        return False
    following = _NEXT_WORD_RE.match(text, run[-1][1])
    return following is not None and f"{words[-1].lower()} {following[1]}" in ORG_COMPOUNDS


def _discover_by_surname(
    text: str, run: list[_Token], words: list[str], i: int, ctx: _Context, cue_token: str | None
) -> list[_Hit]:
    hits: list[_Hit] = []
    n = len(words)
    while i < n - 1:
        place = _place_at(words, i)
        if place:  # "tỉnh Hà Giang Vàng Seo Dính": the place, then the name
            i += place
            continue
        if words[i] not in SURNAMES:
            i += 1
            continue
        if words[i] == "Đoàn" and words[i + 1] in _MAJOR_SURNAMES:
            i += 1  # "Đoàn Nguyễn Văn A…": a delegation led by or named after someone
            continue
        j = _name_end(words, i)
        if j - i < 2 or not _ends_cleanly(words, j):
            i += 1
            continue
        name = " ".join(words[i:j])
        place = _place_at(words, i)
        if place and place < j - i:
            i += place
            continue
        if j - i == 4 and words[i + 2] in _MAJOR_SURNAMES:
            i += 2
            continue
        if name == HO_CHI_MINH:
            person = i == 0 and _ho_chi_minh_is_person(ctx, cue_token)
        else:
            person = name not in PLACE_NAMES and _plausible_uncued(text, run, words, i, j, ctx)
        if person:
            hits.append((run[i][0], run[j - 1][1], name))
        i = j  # a well-formed name rejected by its context is not re-read from inside
    return hits


def _plausible_uncued(
    text: str, run: list[_Token], words: list[str], i: int, j: int, ctx: _Context
) -> bool:
    if _org_compound_follows(text, run, words, j):
        return False
    cued_after = _CUE_AFTER_RE.match(text, run[j - 1][1]) is not None
    if i > 0:  # the run's head is a place, an organisation's tail, or "Xã", "Đường"…
        head = words[i - 1].lower()
        if head in ADMIN_UNIT_WORDS:
            return cued_after or (j - i >= 3 and ctx.position_in_clause())
        return head not in NAMED_AFTER_WORDS
    if ctx.after_admin_unit():
        return cued_after or (j - i >= 3 and ctx.position_in_clause())
    if ctx.named_after():
        return False
    if words[i] in SENTENCE_START_AMBIGUOUS and _sentence_initial(text, run[i][0]):
        return cued_after
    return True


def _is_headline(text: str, runs: list[list[_Token]]) -> bool:
    """Title Case Headlines capitalise every word, so case says nothing there."""
    capitalised = sum(map(len, runs))
    if capitalised < 5:
        return False
    words = text.split()
    if capitalised * 4 < len(words) * 3:
        return False
    return sum(1 for w in words if w[0].islower()) * 10 <= capitalised


# --- propagation ------------------------------------------------------------------------


class _Known:
    """Names accepted in the article, looked up by their syllables and by the last one."""

    def __init__(self, names: set[str]) -> None:
        self.parts = frozenset(tuple(name.split()) for name in names)
        self.firsts = frozenset(parts[0] for parts in self.parts)
        self.lengths = sorted({len(parts) for parts in self.parts}, reverse=True)
        given: dict[str, set[str]] = {}
        for name in names:
            given.setdefault(name.split()[-1], set()).add(name)
        self.by_given = {g: next(iter(s)) for g, s in given.items() if len(s) == 1}
        self.by_upper = {name.upper(): name for name in names}


def _propagate_run(
    text: str, run: list[_Token], known: _Known, contexts: dict[int, _Context]
) -> list[_Hit]:
    words = [w for _, _, w in run]
    hits: list[_Hit] = []
    ctx: _Context | None = None
    i = 0
    while i < len(words):
        if words[i] not in known.firsts:
            i += 1
            continue
        for size in known.lengths:  # the longest known name starting here
            parts = tuple(words[i : i + size])
            if len(parts) < size or parts not in known.parts:
                continue
            j = i + size
            if i > 0:
                head = words[i - 1]
                if head in SURNAMES or head.lower() in _HEAD_WORDS:
                    continue
            else:
                ctx = ctx or _context_of(text, run, contexts)
                if ctx.cue is None and ctx.named_after():
                    continue
            hits.append((run[i][0], run[j - 1][1], " ".join(parts)))
            i = j - 1
            break
        i += 1
    rest = words[1:] if len(words) == 2 and words[0] in CAPITALISED_CUES else words
    if len(rest) == 1 and rest[0] in known.by_given:
        ctx = ctx or _context_of(text, run, contexts)
        if ctx.cue == "hon" or len(words) == 2:
            hits.append((run[-1][0], run[-1][1], known.by_given[rest[0]]))
    return hits


# Words in capitals ("LÊ VĂN CHÂU"), a run of them separated by single spaces.
_UPPER_WORD = rf"(?<![\w{_APOS}])[{_UP}][{_UP}{_APOS}]*(?![\w{_APOS}])"
_FEW_NAMES = 24
_UPPER_RUN_RE = re.compile(rf"{_UPPER_WORD}(?: {_UPPER_WORD})+")


def _propagate_upper(text: str, known: _Known) -> list[_Hit]:
    """ALL-CAPS titles and captions: "ĐỒNG CHÍ LÊ VĂN CHÂU PHÁT BIỂU"."""
    hits: list[_Hit] = []
    if len(known.by_upper) <= _FEW_NAMES:  # a few substring looks beat a scan for capitals
        for upper, name in known.by_upper.items():
            if upper in text:
                pattern = rf"(?<!\w){re.escape(upper)}(?!\w)"
                hits.extend((m.start(), m.end(), name) for m in re.finditer(pattern, text))
        return hits
    for run in _UPPER_RUN_RE.finditer(text):
        offsets = [m.start() + run.start() for m in re.finditer(r"\S+", run[0])]
        words = run[0].split(" ")
        i = 0
        while i < len(words):
            for size in known.lengths:
                found = known.by_upper.get(" ".join(words[i : i + size]))
                if found is not None and i + size <= len(words):
                    end = offsets[i + size - 1] + len(words[i + size - 1])
                    hits.append((offsets[i], end, found))
                    i += size - 1
                    break
            i += 1
    return hits


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h[0], h[0] - h[1])):
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


# --- API --------------------------------------------------------------------------------

# One source text after discovery: key, text, runs, hits, and the contexts made for its runs.
_Scanned = tuple[int | None, str, list[list[_Token]], list[_Hit], dict[int, _Context]]


def find_people(title: str, paragraphs: list[str]) -> list[PersonMatch]:
    """Every mention of a person in the title and paragraphs, in reading order.

    Matches do not overlap; `name` is the canonical full name, also for a later mention by
    given name only ("ông Châu").
    """
    sources: list[tuple[int | None, str]] = [(None, title), *enumerate(paragraphs)]
    scanned: list[_Scanned] = []
    names: set[str] = set()
    for key, text in sources:
        checkpoint()
        runs = _runs(text)
        contexts: dict[int, _Context] = {}
        hits = (
            []
            if _is_headline(text, runs)
            else [
                hit
                for run in runs
                if len(run) > 1 or run[0][2] == "Hồ"
                for hit in _discover_run(text, run, contexts)
            ]
        )
        names.update(name for _, _, name in hits if name not in PLACE_NAMES)
        scanned.append((key, text, runs, hits, contexts))

    known = _Known(names) if names else None
    matches: list[PersonMatch] = []
    for key, text, runs, hits, contexts in scanned:
        checkpoint()
        if known is not None:
            for run in runs:
                if len(run) > 1 or run[0][2] in known.by_given:
                    hits.extend(_propagate_run(text, run, known, contexts))
            hits.extend(_propagate_upper(text, known))
        matches.extend(
            PersonMatch(key, start, end, text[start:end], name)
            for start, end, name in _non_overlapping(hits)
        )
    return matches
