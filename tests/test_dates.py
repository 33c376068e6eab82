import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.text.dates import DateMatch, anchor_from_iso, find_dates, parse_dateline

A2024 = dt.date(2024, 8, 18)


def found(text: str, anchor: dt.date | None = A2024) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in find_dates(text, anchor)]


def values(text: str, anchor: dt.date | None = A2024) -> list[str]:
    return [m.value for m in find_dates(text, anchor)]


# --- the seed articles --------------------------------------------------------------------


def test_seed_000_sentence():
    text = (
        "Sáng 31/10, tại Hà Nội, Đảng ủy Khối Doanh nghiệp Trung ương tổ chức hội nghị sơ kết "
        "5 năm thực hiện Chỉ thị 39-CT/TW, ngày 18/8/2014 của Bộ Chính trị về tăng cường công "
        "tác bảo vệ chính trị nội bộ, cùng với 08 nhiệm vụ, giải pháp."
    )
    assert found(text, dt.date(2019, 11, 4)) == [
        ("Sáng 31/10", "2019-10-31"),
        ("ngày 18/8/2014", "2014-08-18"),
    ]


def test_seed_002_sentences():
    text = (
        "Ngày 23/5, Ban Chấp hành Đảng bộ tỉnh tổ chức Hội nghị tổng kết 10 năm thực hiện Chỉ thị "
        "số 39-CT/TW. Kết quả Hội nghị Trung ương 9 khóa XIII diễn ra tại Hà Nội, từ ngày 16/5 "
        "đến ngày 18/5 nhằm giúp các đồng chí."
    )
    assert found(text) == [
        ("Ngày 23/5", "2024-05-23"),
        ("ngày 16/5", "2024-05-16"),
        ("ngày 18/5", "2024-05-18"),
    ]


# --- full dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ban hành 18/8/2014 của Bộ Chính trị", [("18/8/2014", "2014-08-18")]),
        ("ký ngày 04/11/2019.", [("ngày 04/11/2019", "2019-11-04")]),
        ("đến 31/12/2025", [("31/12/2025", "2025-12-31")]),
        ("(5/3/2020)", [("5/3/2020", "2020-03-05")]),
        ("ngày 16-5-2024 tại", [("ngày 16-5-2024", "2024-05-16")]),
        ("ký 18.08.2014 tại", [("18.08.2014", "2014-08-18")]),
        ("Hà Nội, ngày 18 tháng 8 năm 2014", [("ngày 18 tháng 8 năm 2014", "2014-08-18")]),
        ("ngày 02 tháng 01, năm 2020", [("ngày 02 tháng 01, năm 2020", "2020-01-02")]),
        ("xuất bản 2024-05-23 lúc", [("2024-05-23", "2024-05-23")]),
        ("ngày 29/2/2024", [("ngày 29/2/2024", "2024-02-29")]),
    ],
)
def test_full_dates(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ngày 31/2/2024",
        "31/2/2024",
        "30/2/2023",
        "29/2/2023",
        "ngày 0/5/2024",
        "12/13/2024",
        "ngày 18/8/1850",
        "2024-13-01",
    ],
)
def test_impossible_full_dates(text):
    assert found(text) == []


# --- day and month, with a trigger -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Sáng 31/10, tại Hà Nội", "Sáng 31/10"),
        ("Trưa 31/10 có mưa", "Trưa 31/10"),
        ("chiều 31/10", "chiều 31/10"),
        ("TỐI 31/10", "TỐI 31/10"),
        ("Đêm 31/10", "Đêm 31/10"),
        ("Rạng sáng 31/10", "Rạng sáng 31/10"),
        ("hôm 31/10", "hôm 31/10"),
        ("từ ngày 31/10", "ngày 31/10"),
        ("đến hết ngày 31/10", "ngày 31/10"),
        ("vào ngày 31/10", "ngày 31/10"),
        ("sau ngày 31/10", "ngày 31/10"),
        ("thứ Năm, 31/10", "thứ Năm, 31/10"),
        ("thứ 5 31/10", "thứ 5 31/10"),
        ("(thứ Năm) 31/10", "(thứ Năm) 31/10"),
        ("Sáng thứ Năm, ngày 31/10", "Sáng thứ Năm, ngày 31/10"),
        ("Sáng nay (31/10), Hội nghị", "Sáng nay (31/10)"),
        ("ngày 31-10 tại", "ngày 31-10"),
        ("ngày 31.10 tại", "ngày 31.10"),
        ("ngày mùng 2/9", "ngày mùng 2/9"),
        ("Ngày31/10 tại", "Ngày31/10"),
    ],
)
def test_triggered_day_month(text, span):
    assert found(text) == [(span, "2024-10-31" if "31" in span else "2024-09-02")]


def test_sunday_trigger():
    assert found("Chủ nhật (12/5), đoàn") == [("Chủ nhật (12/5)", "2024-05-12")]
    assert found("chủ nhật 12/5") == [("chủ nhật 12/5", "2024-05-12")]


def test_day_month_without_anchor_is_truncated_iso():
    assert values("Sáng 31/10", None) == ["--10-31"]
    assert values("ngày 29/2", None) == ["--02-29"]
    assert values("ngày 18 tháng 8", None) == ["--08-18"]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("tối 30/12", dt.date(2020, 1, 2), "2019-12-30"),
        ("ngày 2/1", dt.date(2019, 12, 30), "2020-01-02"),
        ("trước ngày 30/9", dt.date(2024, 6, 15), "2024-09-30"),
        ("Ngày 23/5", A2024, "2024-05-23"),
        ("ngày 18 tháng 8", dt.date(2014, 12, 1), "2014-08-18"),
        ("sáng 1/7", dt.date(2021, 1, 1), "2021-07-01"),  # 181 days ahead, 184 back
        ("ngày 29/2", dt.date(2024, 3, 10), "2024-02-29"),
        ("ngày 29/2", dt.date(2023, 6, 1), "2024-02-29"),  # the only leap year in reach
    ],
)
def test_year_nearest_anchor(text, anchor, value):
    assert values(text, anchor) == [value]


def test_29_february_far_from_a_leap_year_is_dropped():
    assert values("ngày 29/2", dt.date(2022, 3, 1)) == []


@pytest.mark.parametrize(
    "text",
    [
        "2/3 số đại biểu tán thành",
        "đạt 1/2 kế hoạch",
        "3/4 số xã",
        "10/10 chỉ tiêu",
        "tỷ lệ 9/10",
        "lần thứ hai 16/5",
        "xếp thứ 21/63 tỉnh",
        "ngày 31/2",
        "ngày 32/1",
        "ngày 5/13",
        "thứ 21/5",
    ],
)
def test_fractions_and_impossible_day_months(text):
    assert found(text) == []


# --- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("diễn ra 16-18/5 tại", [("16-18/5", "2024-05-16/2024-05-18")]),
        ("diễn ra 16 - 18/5/2024", [("16 - 18/5/2024", "2024-05-16/2024-05-18")]),
        ("diễn ra 16–18/5/2023", [("16–18/5/2023", "2023-05-16/2023-05-18")]),
        ("từ ngày 16-18/5", [("ngày 16-18/5", "2024-05-16/2024-05-18")]),
        (
            "từ ngày 16 đến ngày 18/5/2024",
            [("ngày 16 đến ngày 18/5/2024", "2024-05-16/2024-05-18")],
        ),
        ("ngày 30/4 - 1/5", [("ngày 30/4 - 1/5", "2024-04-30/2024-05-01")]),
        ("ngày 30/12 - 2/1/2025", [("ngày 30/12 - 2/1/2025", "2024-12-30/2025-01-02")]),
        ("giai đoạn 2018 - 2023", [("2018 - 2023", "2018/2023")]),
        ("giai đoạn 2018-2023", [("2018-2023", "2018/2023")]),
        ("nhiệm kỳ 2020 - 2025", [("2020 - 2025", "2020/2025")]),
        ("khóa XIII (2021 – 2026)", [("2021 – 2026", "2021/2026")]),
        ("từ năm 2015 đến năm 2020", [("năm 2015 đến năm 2020", "2015/2020")]),
        ("trong năm 2015 - 2020", [("năm 2015 - 2020", "2015/2020")]),
        ("từ tháng 3 đến tháng 5/2024", [("tháng 3 đến tháng 5/2024", "2024-03/2024-05")]),
        ("trong tháng 3-5/2024", [("tháng 3-5/2024", "2024-03/2024-05")]),
    ],
)
def test_ranges(text, expected):
    assert found(text) == expected


def test_from_to_with_two_triggers_is_two_dates():
    assert found("từ ngày 16/5 đến ngày 18/5") == [
        ("ngày 16/5", "2024-05-16"),
        ("ngày 18/5", "2024-05-18"),
    ]


def test_range_across_the_new_year_from_the_anchor():
    assert values("ngày 30/12 - 2/1", dt.date(2025, 1, 5)) == ["2024-12-30/2025-01-02"]
    assert values("16-18/5", None) == ["--05-16/--05-18"]


@pytest.mark.parametrize(
    "text",
    [
        "đạt 8-9/10 điểm",
        "2-3/4 số đại biểu",
        "18-16/5",
        "giai đoạn 2023 - 2018",
        "1900-2045",
        "năm 2015 - 1800",
        "tháng 5-3/2024",
    ],
)
def test_not_ranges(text):
    assert [v for v in values(text) if "/" in v] == []


# --- months, quarters, years -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vào tháng 6/2016", [("tháng 6/2016", "2016-06")]),
        ("vào tháng 6 năm 2016", [("tháng 6 năm 2016", "2016-06")]),
        ("vào tháng 06/2016", [("tháng 06/2016", "2016-06")]),
        ("vào tháng 12-2023", [("tháng 12-2023", "2023-12")]),
        ("Tháng 9.2024", [("Tháng 9.2024", "2024-09")]),
        ("trong năm 2021", [("năm 2021", "2021")]),
        ("Năm 2100 và năm 1900", [("Năm 2100", "2100"), ("năm 1900", "1900")]),
        ("quý I/2024", [("quý I/2024", "2024-Q1")]),
        ("quý 1/2024", [("quý 1/2024", "2024-Q1")]),
        ("trong quý I năm 2025", [("quý I năm 2025", "2025-Q1")]),
        ("Quý IV/2023", [("Quý IV/2023", "2023-Q4")]),
        ("quý III-2022", [("quý III-2022", "2022-Q3")]),
        ("6 tháng đầu năm 2024", [("năm 2024", "2024")]),
    ],
)
def test_months_quarters_years(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "sau 5 năm thực hiện",
        "10 năm thực hiện Chỉ thị",
        "Kế hoạch 5 năm",
        "năm 1850",
        "năm 2150",
        "năm 20215",
        "quý V/2024",
        "tháng 13/2024",
        "quý vị đại biểu 2024",
        "có 2021 đại biểu",
        "tháng 6",
    ],
)
def test_not_years(text):
    assert found(text) == []


# --- things that are not dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ thị 39-CT/TW",
        "Nghị định 30/2020/NĐ-CP",
        "Thông tư 01/2024/TT-BNV",
        "Quyết định 1976/QĐ-CĐKT",
        "Số 12/KH-UBND",
        "ngày 1/2020/NĐ-CP",
        "Công văn 12/5/2024/CV",
        "ĐT: 0243.123.4567",
        "(024) 3825 1234",
        "ĐT: 0912 345 678",
        "hotline 1900-2045",
        "1.500.000 đồng",
        "2,5 tỷ đồng",
        "tăng 12,5%",
        "lúc 08:10",
        "tỷ số 2-1",
        "phiên bản 2.1.3",
        "v2.1.2024",
        "1.12.05.2024",
    ],
)
def test_not_dates(text):
    assert found(text) == []


def test_date_after_a_document_number_is_found():
    text = "Nghị định 30/2020/NĐ-CP ngày 5/3/2020 và Chỉ thị 39-CT/TW"
    assert found(text) == [("ngày 5/3/2020", "2020-03-05")]


def test_longest_match_wins_and_results_are_ordered():
    text = "ngày 18 tháng 8 năm 2014, quý I năm 2025 và tháng 6 năm 2016"
    assert found(text) == [
        ("ngày 18 tháng 8 năm 2014", "2014-08-18"),
        ("quý I năm 2025", "2025-Q1"),
        ("tháng 6 năm 2016", "2016-06"),
    ]


def test_offsets_index_the_given_string():
    text = "Đồng chí Lê Văn Châu phát biểu.\nSáng 31/10, tại Hà Nội (năm 2019)."
    for m in find_dates(text, A2024):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in find_dates(text, A2024)] == ["Sáng 31/10", "năm 2019"]


def test_a_line_break_is_not_a_separator():
    assert found("Sáng\n31/10") == []


def test_no_digits_and_empty_text():
    assert find_dates("") == []
    assert find_dates("Không có ngày tháng nào") == []


def test_long_paragraph_with_many_dates():
    sentence = "Sáng 31/10, giai đoạn 2018 - 2023, 2/3 số đại biểu, 1.500.000 đồng. "
    matches = find_dates(sentence * 50, A2024)
    assert len(matches) == 100
    assert {m.value for m in matches} == {"2024-10-31", "2018/2023"}


def test_date_match_is_frozen():
    m = DateMatch(0, 4, "2024", "2024")
    with pytest.raises(AttributeError):
        m.start = 1  # type: ignore[misc]


# --- property tests -----------------------------------------------------------------------------

_SHAPE = re.compile(r"(?:\d{4}(?:-\d\d(?:-\d\d)?|-Q[1-4])?|--\d\d-\d\d)")
_VOCAB = [
    "ngày",
    "Sáng",
    "tháng",
    "năm",
    "quý",
    "thứ Hai",
    "Chủ nhật",
    "từ",
    "đến",
    "giai đoạn",
    "(",
    ")",
    "/",
    "-",
    "–",
    ".",
    ",",
    ":",
    " ",
    " ",
    "\n",
    "I",
    "IV",
    "CT/TW",
    "NĐ-CP",
    "%",
    "2024",
    "1900",
    "2100",
    "31",
    "12",
    "5",
    "0",
    "29",
    "2",
    "18",
    "30/2020",
    "số",
    "lần",
]
_texty = st.lists(
    st.one_of(st.sampled_from(_VOCAB), st.integers(0, 2200).map(str)), max_size=30
).map("".join)
_anchors = st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)))


def _check(text: str, anchor: dt.date | None) -> None:
    previous_end = 0
    for m in find_dates(text, anchor):
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end and m.end > m.start
        previous_end = m.end
        parts = m.value.split("/")
        assert 1 <= len(parts) <= 2
        assert all(_SHAPE.fullmatch(p) for p in parts), m.value
        if anchor is not None:
            assert "--" not in m.value


@settings(max_examples=250, deadline=None)
@given(_texty, _anchors)
def test_property_on_date_like_text(text, anchor):
    _check(text, anchor)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), _anchors)
def test_property_on_arbitrary_text(text, anchor):
    _check(text, anchor)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_parse_dateline_never_raises(line):
    value = parse_dateline(line)
    assert value is None or re.fullmatch(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d)?", value)


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), _anchors)
def test_property_every_real_date_is_found(date, anchor):
    text = f"ký ngày {date.day}/{date.month}/{date.year} tại Hà Nội"
    assert found(text, anchor) == [(f"ngày {date.day}/{date.month}/{date.year}", date.isoformat())]


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.integers(-150, 150))
def test_property_anchored_day_month_is_within_half_a_year(anchor, offset):
    date = anchor + dt.timedelta(days=offset)
    (value,) = values(f"Sáng {date.day}/{date.month}", anchor)
    assert abs((dt.date.fromisoformat(value) - anchor).days) <= 183
    assert value == date.isoformat()


# --- date lines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Thứ Hai, 04/11/2019|08:10", "2019-11-04T08:10"),
        ("Thứ Sáu, 19/07/2019 - 09:45", "2019-07-19T09:45"),
        ("04/11/2019 08:10 GMT+7", "2019-11-04T08:10"),
        ("Cập nhật: 02/01/2020 15:20", "2020-01-02T15:20"),
        ("Thứ tư, 18/3/2026, 09:41 (GMT+7)", "2026-03-18T09:41"),
        ("25/12/2023 - 14:30", "2023-12-25T14:30"),
        ("T2, 04/11/2019 08:10", "2019-11-04T08:10"),
        ("Chủ nhật, 12/5/2024", "2024-05-12"),
        ("CN, 12/5/2024", "2024-05-12"),
        ("08:10 04/11/2019", "2019-11-04T08:10"),
        ("2024-05-23 14:30", "2024-05-23T14:30"),
        ("2024-05-23T14:30:00+07:00", "2024-05-23T14:30"),
        ("Ngày 23/05/2024", "2024-05-23"),
        ("THỨ BẢY, 04/11/2019 8:10", "2019-11-04T08:10"),
        ("thứ 7 04/11/2019", "2019-11-04"),
        ("Đăng lúc 08:10 04/11/2019", "2019-11-04T08:10"),
        ("Ngày đăng: 04/11/2019 lúc 8:10 PM", "2019-11-04T20:10"),
        ("  Cập nhật lúc: 04/11/2019 | 08:10  ", "2019-11-04T08:10"),
        ("04-11-2019 08h10", "2019-11-04T08:10"),
        ("Thứ Hai, ngày 04 tháng 11 năm 2019", "2019-11-04"),
    ],
)
def test_dateline(line, value):
    assert parse_dateline(line) == value


@pytest.mark.parametrize(
    "line",
    [
        "Sáng 31/10, tại Hà Nội, Đảng ủy Khối tổ chức hội nghị",
        "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị",
        "TH",
        "",
        "Thứ Hai",
        "08:10",
        "Hội nghị ngày 04/11/2019",
        "04/11/2019 tại Hà Nội",
        "31/02/2019 08:10",
        "04/11/2019 25:10",
        "Chỉ thị 39-CT/TW, ngày 18/8/2014",
        "2/3 số đại biểu",
    ],
)
def test_not_a_dateline(line):
    assert parse_dateline(line) is None


# --- anchors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2019-11-04T08:10", dt.date(2019, 11, 4)),
        ("2019-11-04", dt.date(2019, 11, 4)),
        ("2019", dt.date(2019, 7, 1)),
        ("2019-11", dt.date(2019, 11, 15)),
        (None, None),
        ("", None),
        ("không rõ", None),
        ("2019-02-30", None),
    ],
)
def test_anchor_from_iso(value, date):
    assert anchor_from_iso(value) == date


def test_dateline_feeds_the_anchor():
    anchor = anchor_from_iso(parse_dateline("Thứ Hai, 04/11/2019|08:10"))
    assert values("Sáng 31/10 và tối 2/1", anchor) == ["2019-10-31", "2020-01-02"]


# --- speed-ups find what the plain scan finds -------------------------------------------------

_CASED_VOCAB = [
    *_VOCAB,
    "THÁNG",
    "Năm",
    "NĂM",
    "Quý",
    "QUÝ",
    "SÁNG",
    "ſáng",
    "chıều",
    "İ",
    "lần thứ",
]
_cased_texty = st.lists(
    st.one_of(st.sampled_from(_CASED_VOCAB), st.integers(0, 2200).map(str)), max_size=30
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_cased_texty, _anchors)
def test_word_lookups_in_lower_case_find_what_the_plain_scan_finds(text, anchor):
    # With `lowered` None, _candidates runs _TRIGGER and every rule over the whole window.
    from newsreader.core.text.dates import _candidates, _lowered, _windows

    lowered = _lowered(text)
    for lo, hi in _windows(text):
        fast = list(_candidates(text, lowered, lo, hi, anchor))
        assert fast == list(_candidates(text, None, lo, hi, anchor))


def test_case_special_holds_every_letter_lower_case_would_miss():
    # A character that re's IGNORECASE matches with a letter of a looked-for word, but whose
    # lower case is not that letter, must make find_dates skip its lower-case shortcuts.
    from newsreader.core.text.dates import _CASE_SPECIAL, _RULES, _TRIGGER_START_LOWER

    words = [w for _, _, w in _RULES if w] + _TRIGGER_START_LOWER.pattern.split("|")
    letters = {c for w in words for c in w if c.isalpha()}
    every_char = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in letters:
        for c in re.findall(re.escape(letter), every_char, re.IGNORECASE):
            assert c.lower() == letter or c in _CASE_SPECIAL, (letter, hex(ord(c)))
