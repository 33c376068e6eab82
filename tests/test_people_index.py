"""The people index: roles written next to names (cut at the next name, ";" or the clause's
end), and `newsreader people` over a corpus of several articles."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.cli import main
from newsreader.core.library import Library
from newsreader.core.text.people import find_people
from newsreader.core.text.roles import roles_near


def roles_of(text):
    people = find_people("", [text])
    found = roles_near(text, [(p.start, p.end) for p in people])
    return {p.name: roles for p, roles in zip(people, found, strict=True)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đồng chí Trần Văn Bình, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy dự và chủ trì.",
            {"Trần Văn Bình": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]},
        ),
        (
            "Phát biểu tại hội nghị, Phó Chủ tịch UBND tỉnh Đỗ Văn Cường nhấn mạnh yêu cầu.",
            {"Đỗ Văn Cường": ["Phó Chủ tịch UBND tỉnh"]},
        ),
        (
            "Đồng chí Vũ Thị Lan – Trưởng Ban Dân vận Huyện ủy phát biểu.",
            {"Vũ Thị Lan": ["Trưởng Ban Dân vận Huyện ủy"]},
        ),
        (
            "Ông Ngô Văn Dũng (Giám đốc Sở Nội vụ) cho biết thêm.",
            {"Ông Ngô Văn Dũng".split(" ", 1)[1]: ["Giám đốc Sở Nội vụ"]},
        ),
        (
            "Ông Đặng Văn Tư, sinh năm 1970, cho biết.",
            {"Đặng Văn Tư": []},
        ),
        (
            "Hội nghị do Bí thư Tỉnh ủy Bùi Văn Kiên chủ trì.",
            {"Bùi Văn Kiên": ["Bí thư Tỉnh ủy"]},
        ),
        (
            "Dự có đồng chí Lý Văn Sơn, nguyên Chủ tịch UBND tỉnh.",
            {"Lý Văn Sơn": ["nguyên Chủ tịch UBND tỉnh"]},
        ),
    ],
)
def test_each_form_of_a_role(text, expected):
    assert roles_of(text) == expected


def test_several_people_in_one_sentence_each_get_their_own_roles():
    text = (
        "Đồng chí Hoàng Văn Minh – Phó Bí thư Đảng ủy Khối và đồng chí Phan Văn Quang - Ủy "
        "viên Ban Thường vụ, Trưởng Ban Tổ chức Đảng ủy Khối, chủ trì Hội nghị."
    )
    assert roles_of(text) == {
        "Hoàng Văn Minh": ["Phó Bí thư Đảng ủy Khối"],
        "Phan Văn Quang": ["Ủy viên Ban Thường vụ", "Trưởng Ban Tổ chức Đảng ủy Khối"],
    }
    text = (
        "Dự có các đồng chí: Nguyễn Văn Hải, Bí thư Huyện ủy; Trần Văn Hùng, Chủ tịch UBND "
        "huyện; Lê Thị Thu, Trưởng phòng Nội vụ huyện."
    )
    assert roles_of(text) == {
        "Nguyễn Văn Hải": ["Bí thư Huyện ủy"],
        "Trần Văn Hùng": ["Chủ tịch UBND huyện"],
        "Lê Thị Thu": ["Trưởng phòng Nội vụ huyện"],
    }
    # A name right after a role's words ends it: the role is not read across the name.
    text = "Cùng dự có đồng chí Phạm Văn Hòa, Phó Bí thư Thường trực Tỉnh ủy Đinh Văn Tâm."
    found = roles_of(text)
    assert found["Phạm Văn Hòa"] == ["Phó Bí thư Thường trực Tỉnh ủy"]


ARTICLES = {
    "a.txt": (
        "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW",
        [
            "Ngày 12/3/2024, Ban Thường vụ Tỉnh ủy Hà Tĩnh tổ chức hội nghị. Đồng chí Trần "
            "Văn Bình, Phó Bí thư Thường trực Tỉnh ủy, chủ trì.",
            "Đồng chí Trần Văn Bình nhấn mạnh yêu cầu; ông Đỗ Văn Cường – Trưởng Ban Tổ chức "
            "Tỉnh ủy báo cáo.",
        ],
    ),
    "b.txt": (
        "Tổng kết Nghị quyết 35-NQ/TW",
        [
            "Ngày 5/6/2023, Bí thư Tỉnh ủy Trần Văn Bình dự hội nghị của Đảng ủy Khối.",
        ],
    ),
    "c.txt": ("Tin không có ai", ["Trời mưa ngày 1/1/2020."]),
}


@pytest.fixture
def people_corpus(tmp_path):
    root = tmp_path / "people-corpus"
    root.mkdir()
    for name, (title, paragraphs) in ARTICLES.items():
        (root / name).write_text(title + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    return root


def test_library_people_gathers_roles_articles_mentions_and_directives(people_corpus, tmp_path):
    with Library(people_corpus, cache_dir=tmp_path / "cache") as library:
        library.refresh()
        people = {p.name: p for p in library.people()}
    binh = people["Trần Văn Bình"]
    assert binh.mentions == 3
    assert sorted(binh.articles) == ["a.txt", "b.txt"]
    assert [(r.role, r.article) for r in binh.roles if r.article == "a.txt"] == [
        ("Phó Bí thư Thường trực Tỉnh ủy", "a.txt")
    ]
    assert [(r.role, r.article) for r in binh.roles if r.article == "b.txt"] == [
        ("Bí thư Tỉnh ủy", "b.txt")
    ]
    assert sorted(binh.directives) == ["35-NQ/TW", "39-CT/TW"]
    assert people["Đỗ Văn Cường"].roles[0].role == "Trưởng Ban Tổ chức Tỉnh ủy"
    assert list(people)[0] == "Trần Văn Bình"  # most mentioned first


def test_people_json_follows_the_contract(people_corpus, capsys):
    assert main(["--corpus", str(people_corpus), "people", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"people"}
    for person in data["people"]:
        assert set(person) == {"name", "roles", "articles", "mentions", "directives"}
        for role in person["roles"]:
            assert set(role) == {"role", "article"}
    assert main(["--corpus", str(people_corpus), "people"]) == 0
    text = capsys.readouterr().out
    assert "Trần Văn Bình — 3 mentions in 2 articles" in text
    assert "    Bí thư Tỉnh ủy  (b.txt)" in text


def test_people_on_the_bundled_corpus(capsys):
    assert main(["people", "--json"]) == 0
    people = {p["name"]: p for p in json.loads(capsys.readouterr().out)["people"]}
    assert any(
        r["role"].startswith("Phó Bí thư Đảng ủy Khối") for r in people["Lê Văn Châu"]["roles"]
    )
    assert "Bí thư Tỉnh ủy" in [r["role"] for r in people["Nguyễn Đức Thanh"]["roles"]]
    assert people["Lê Văn Châu"]["directives"] == ["39-CT/TW"]


_FRAGMENTS = st.sampled_from(
    [
        "đồng chí Trần Văn Bình",
        "ông Đỗ Văn Cường",
        ", ",
        " – ",
        " (",
        ")",
        "; ",
        ". ",
        "Bí thư Tỉnh ủy",
        "Phó Chủ tịch UBND tỉnh",
        "nguyên",
        "dự",
        "và",
        " ",
        "\n",
    ]
)


@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=16))
def test_roles_are_text_next_to_the_name_whatever_the_text(parts):
    text = "".join(parts)
    people = find_people("", [text])
    found = roles_near(text, [(p.start, p.end) for p in people])
    assert len(found) == len(people)
    for roles in found:
        for role in roles:
            assert role and role in text and role == role.strip()
