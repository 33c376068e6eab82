"""Places: provinces in every form, lower units with their unit word, Party units named by
place, people before places, offsets, an article's place and the t: filter."""

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.cli import main
from newsreader.core.library import Library
from newsreader.core.search import parse_query
from newsreader.core.text.places import (
    PROVINCES,
    PROVINCES_2025,
    find_places,
    reporting_place,
)


def values(text, people=None):
    return [m.value for m in find_places(text, people)]


def test_the_registers_hold_63_and_34_names():
    assert len(set(PROVINCES)) == 63
    assert len(set(PROVINCES_2025)) == 34
    # After the merger every name but Huế is one of the 63.
    assert set(PROVINCES_2025) - set(PROVINCES) == {"Huế"}


@pytest.mark.parametrize("name", sorted(set(PROVINCES) | set(PROVINCES_2025)))
def test_every_province_is_found_bare_after_tinh_and_in_its_party_unit(name):
    written = name
    bare = f"Đoàn công tác của {written} đã đến."
    assert values(bare) == [name]
    assert values(f"UBND tỉnh {written} cho biết") == [name]
    assert values(f"Ban Thường vụ Tỉnh ủy {written} họp") == [name]
    assert values(f"Đảng bộ tỉnh {written}, nhiệm kỳ 2020-2025") == [name]
    assert values(f"TIN TỪ {written.upper()}") == [name]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("TP.HCM", "Thành phố Hồ Chí Minh"),
        ("TP. HCM", "Thành phố Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Thành ủy TP.HCM", "Thành phố Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("thành phố Huế", "Huế"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("THANH HOÁ", "Thanh Hóa"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Thành ủy Hà Nội", "Hà Nội"),
        ("thành phố Cần Thơ", "Cần Thơ"),
    ],
)
def test_short_forms_and_spellings_give_the_canonical_name(written, value):
    found = find_places(f"Sáng nay, tại {written}, hội nghị khai mạc.")
    assert [m.value for m in found] == [value]
    assert found[0].text.endswith(written.split()[-1])


@pytest.mark.parametrize(
    ("written", "value", "text"),
    [
        ("huyện Định Hóa", "huyện Định Hóa", "Định Hóa"),
        ("Huyện Định Hóa", "huyện Định Hóa", "Định Hóa"),
        ("thị xã Kỳ Anh", "thị xã Kỳ Anh", "Kỳ Anh"),
        ("quận Hải Châu", "quận Hải Châu", "Hải Châu"),
        ("thành phố Vinh", "thành phố Vinh", "Vinh"),
        ("TP Vinh", "thành phố Vinh", "Vinh"),
        ("Tp. Vinh", "thành phố Vinh", "Vinh"),
        ("thị trấn Chợ Chu", "thị trấn Chợ Chu", "Chợ Chu"),
        ("xã Tân Lập", "xã Tân Lập", "Tân Lập"),
        ("phường Bến Nghé", "phường Bến Nghé", "Bến Nghé"),
        ("phường 3", "phường 3", "3"),
        ("Quận 1", "quận 1", "1"),
        ("Huyện ủy Định Hóa", "huyện Định Hóa", "Định Hóa"),
        ("Quận ủy Hải Châu", "quận Hải Châu", "Hải Châu"),
        ("Thị ủy Kỳ Anh", "thị xã Kỳ Anh", "Kỳ Anh"),
        ("Đảng ủy xã Tân Lập", "xã Tân Lập", "Tân Lập"),
        ("Đảng bộ huyện Định Hóa", "huyện Định Hóa", "Định Hóa"),
        ("thị xã Quảng Trị", "thị xã Quảng Trị", "Quảng Trị"),
        ("xã Đắk R'Moan", "xã Đắk R'Moan", "Đắk R'Moan"),
        ("huyện Krông Pắc", "huyện Krông Pắc", "Krông Pắc"),
    ],
)
def test_lower_units_come_with_their_unit_word(written, value, text):
    found = find_places(f"Ngày 3/4, {written} tổ chức hội nghị.")
    assert [(m.value, m.text) for m in found] == [(value, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Định Hóa là vùng đất lịch sử.",  # a district without its unit word
        "Kỳ Anh đã làm tốt.",
        "tp Vinh",  # "tp" in lower case is no abbreviation
        "xã hội phát triển, thành phố đông dân, các tỉnh miền núi",
        "ở tỉnh 10 năm",  # a number names wards and urban districts only
        "Thái Bình Dương rộng lớn",
        "báo Hà Nội Mới đưa tin",
        "chiến thắng Điện Biên Phủ",
        "chị Huế kể lại",  # a given name, after a word for a person
        "bà Hà Giang cho biết",
        "nhà số 5 phố Huế, đường Hà Nội",  # streets named after provinces
    ],
)
def test_no_place_without_a_name_or_its_unit(text):
    assert values(text) == []


def test_a_person_takes_precedence_over_a_place():
    text = "Ông Lê Chân phát biểu tại quận Lê Chân."
    person = text.index("Lê Chân")
    found = find_places(text, [(person, person + len("Lê Chân"))])
    assert [(m.value, m.start) for m in found] == [("quận Lê Chân", text.rindex("Lê Chân"))]
    # A unit's name ends where a person's name begins.
    text = "Bí thư Huyện ủy Định Hóa Trần Văn An phát biểu."
    person = text.index("Trần")
    found = find_places(text, [(person, person + len("Trần Văn An"))])
    assert [m.value for m in found] == ["huyện Định Hóa"]
    # Without the people found, a surname with more of a name after it still ends the unit.
    assert values("Huyện ủy Định Hóa Nguyễn Văn An") == ["huyện Định Hóa"]


def test_a_province_inside_a_persons_name_is_not_a_place():
    text = "Chị Nguyễn Thị Hà Giang kể lại."
    person = text.index("Nguyễn")
    assert find_places(text, [(person, person + len("Nguyễn Thị Hà Giang"))]) == []


_PIECES = st.sampled_from(
    [
        "tỉnh Nghệ An",
        "TP.HCM",
        "Bà Rịa - Vũng Tàu",
        "huyện Định Hóa",
        "Quận 1",
        "Tỉnh ủy Hà Tĩnh",
        "xã Tân Lập",
        "ông Lê Văn Châu",
        "hội nghị",
        ", ",
        ". ",
        " ",
        "\n",
        "Hoà",
        "Thừa Thiên Huế",
    ]
)


@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=12))
def test_offsets_are_the_text_and_stay_in_order(parts):
    text = unicodedata.normalize("NFC", "".join(parts))
    found = find_places(text)
    for match in found:
        assert match.text == text[match.start : match.end]
        assert unicodedata.is_normalized("NFC", match.text)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_the_body_that_held_the_event_is_the_articles_place():
    texts = [
        "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 39",
        "Ngày 3/4, Ban Thường vụ Tỉnh ủy Nghệ An tổ chức hội nghị. Đoàn Hà Tĩnh dự.",
        "Đại biểu Hà Tĩnh, Hà Tĩnh và Hà Tĩnh phát biểu.",
    ]
    assert reporting_place(texts, [find_places(t) for t in texts]) == "Nghệ An"
    # Without such a body, the province mentioned most; a district does not outvote it.
    texts = ["Tin", "Tại Hà Tĩnh, huyện Kỳ Anh, huyện Kỳ Anh.", "Hà Tĩnh và Nghệ An."]
    assert reporting_place(texts, [find_places(t) for t in texts]) == "Hà Tĩnh"
    texts = ["Tin", "Huyện ủy Định Hóa tổ chức hội nghị."]
    assert reporting_place(texts, [find_places(t) for t in texts]) == "huyện Định Hóa"
    assert reporting_place(["Tin", "Không có nơi nào."], [[], []]) is None


ARTICLES = {
    "nghe-an.txt": (
        "Sơ kết Chỉ thị 39-CT/TW",
        [
            "Ngày 12/3/2024, Ban Thường vụ Tỉnh ủy Nghệ An tổ chức hội nghị sơ kết.",
            "Đồng chí Nguyễn Văn A, Bí thư Huyện ủy Định Hóa, dự hội nghị tại TP.HCM.",
        ],
    ),
    "ha-tinh.txt": (
        "Tổng kết ở Hà Tĩnh",
        ["Hội nghị ngày 5/6/2023 tại Hà Tĩnh; đoàn Hà Tĩnh và đoàn Quảng Bình dự."],
    ),
    "nowhere.txt": ("Tin chung", ["Không nói nơi nào, ngày 1/1/2020."]),
}


@pytest.fixture(scope="module")
def places_library(tmp_path_factory):
    root = tmp_path_factory.mktemp("places-corpus")
    for name, (title, paragraphs) in ARTICLES.items():
        (root / name).write_text(title + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    library = Library(root, cache_dir=tmp_path_factory.mktemp("cache"))
    library.refresh()
    return library


def test_articles_carry_their_place_and_place_entities(places_library):
    assert places_library.header("nghe-an.txt").place == "Nghệ An"
    assert places_library.header("ha-tinh.txt").place == "Hà Tĩnh"
    assert places_library.header("nowhere.txt").place is None
    article = places_library.article("nghe-an.txt")
    places = [(e.value, e.paragraph) for e in article.entities if e.kind == "place"]
    assert places == [
        ("Nghệ An", 0),
        ("huyện Định Hóa", 1),
        ("Thành phố Hồ Chí Minh", 1),
    ]
    texts = [article.title, *article.paragraphs]
    for entity in article.entities:
        assert (
            entity.text
            == texts[entity.paragraph + 1 if entity.paragraph is not None else 0][
                entity.start : entity.end
            ]
        )
    # The person is still found whole next to the unit's name.
    assert "Nguyễn Văn A" in article.people


def test_the_t_filter_finds_articles_by_their_place_folded(places_library):
    assert parse_query('t:"Nghệ An" hội nghị').place == "nghe an"
    hits = places_library.search('t:"nghe an"')
    assert {h.article_id for h in hits} == {"nghe-an.txt"}
    hits = places_library.search("t:'Hà Tĩnh' hội nghị")
    assert {h.article_id for h in hits} == {"ha-tinh.txt"}
    assert places_library.search('t:"Cà Mau" hội nghị') == []


def test_list_and_show_json_carry_the_place(tmp_path, capsys):
    root = tmp_path / "c"
    root.mkdir()
    title, paragraphs = ARTICLES["nghe-an.txt"]
    (root / "a.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    assert main(["--corpus", str(root), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["articles"][0]["place"] == "Nghệ An"
    assert main(["--corpus", str(root), "show", "--json", "a.txt"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["place"] == "Nghệ An"
    places = [e for e in shown["entities"] if e["kind"] == "place"]
    assert places[0] == {
        "kind": "place",
        "text": "Nghệ An",
        "value": "Nghệ An",
        "paragraph": 0,
        "start": shown["paragraphs"][0].index("Nghệ An"),
        "end": shown["paragraphs"][0].index("Nghệ An") + len("Nghệ An"),
    }


def test_a_unit_name_keeps_its_own_spacing_so_offsets_land_on_the_letters():
    """Found by the offsets property: a double space inside a district's name once moved the
    entity's end one letter short."""
    text = "Huyện ủy Định  Hóa tổ chức hội nghị"
    (found,) = find_places(text)
    assert text[found.start : found.end] == found.text == "Định  Hóa"
    assert found.value == "huyện Định Hóa"


def test_a_unit_name_stops_before_a_documents_name_in_a_title():
    for text in (
        "quận Lê Chân Chỉ thị 39-CT/TW",
        "quận Lê Chân  Nghị quyết 12",
        "quận Lê Chân Hội nghị",
    ):
        (found,) = find_places(text)
        assert found.value == "quận Lê Chân"
        assert text[found.start : found.end] == "Lê Chân"
