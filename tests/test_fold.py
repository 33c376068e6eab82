import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.text.fold import fold, has_marks


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Bảo vệ chính trị nội bộ", "bao ve chinh tri noi bo"),
        ("ĐẢNG ỦY đảng ủy", "dang uy dang uy"),
        ("Ắ Ấ Ế Ố Ớ Ứ ặ ậ ệ ộ ợ ự", "a a e o o u a a e o o u"),  # two marks at once
        ("Chỉ thị 39–CT/TW", "chi thi 39-ct/tw"),
        ("“tự diễn biến”", '"tu dien bien"'),
    ],
)
def test_fold_examples(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    "old, new",
    [("hoà", "hòa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("uỷ", "ủy"), ("Hoà Bình", "Hòa Bình")],
)
def test_old_and_new_tone_placement_fold_alike(old, new):
    assert fold(old) == fold(new)


def test_spelling_variants_are_not_unified():
    assert fold("kỹ") != fold("kĩ")


def test_has_marks():
    assert has_marks("chính trị") and has_marks("đang")
    assert not has_marks("chinh tri") and not has_marks("CHINH")


@given(st.text())
def test_fold_keeps_length_and_is_idempotent(text):
    text = unicodedata.normalize("NFC", text)
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ĐÂĂÊÔƠƯ"
    )
)
def test_folding_vietnamese_gives_ascii(text):
    text = unicodedata.normalize("NFC", text)
    assert fold(text).isascii()
