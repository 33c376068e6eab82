"""Party documents as real papers write them (issue 12): issuer spellings, the state-style
order, every type, code-less citations by a Party body, plenums, and issuing articles."""

import json

import pytest

from newsreader.core.corpus.analysis import analyse
from newsreader.core.corpus.loader import LoadedDocument
from newsreader.core.model import Article, Document
from newsreader.core.text.directives import (
    canonical_code,
    directive_label,
    find_directive_refs,
    find_plenum_refs,
)


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Thực hiện Chỉ thị số 27-CT/TƯ của Bộ Chính trị", "27-CT/TW"),
        ("Thực hiện Chỉ thị số 27-CT/T.Ư của Bộ Chính trị", "27-CT/TW"),
        ("Thực hiện Chỉ thị số 27-CT/T.W của Bộ Chính trị", "27-CT/TW"),
        ("Thực hiện Chỉ thị số 27/CT-TW ngày 3/3/2019 của Bộ Chính trị", "27-CT/TW"),
        ("Ban Thường vụ Huyện ủy ban hành Chỉ thị 11/CT-HU", "11-CT/HU"),
        ("quán triệt Nghị quyết 05/NQ-TU của Tỉnh ủy", "05-NQ/TU"),
        ("theo Chương trình hành động số 12-Ctr/TU", "12-CTr/TU"),
        ("theo Chương trình số 12-CTr/HU", "12-CTr/HU"),
        ("Đề án số 03-ĐA/TU về chuyển đổi số", "03-ĐA/TU"),
        ("Công văn số 858-CV/ĐUK của Đảng ủy Khối", "858-CV/ĐUK"),
        ("Thông tri số 12-TT/TW của Ban Bí thư", "12-TT/TW"),
        ("Quy chế số 07-QC/TU làm việc của Tỉnh ủy", "07-QC/TU"),
        ("Hướng dẫn số 15-HD/BTGTW của Ban Tuyên giáo Trung ương", "15-HD/BTGTW"),
        ("Hướng dẫn số 21-HD/BTCTW của Ban Tổ chức Trung ương", "21-HD/BTCTW"),
        ("Quy định số 05-QĐ/UBKTTW", "05-QĐ/UBKTTW"),
        ("Kết luận số 09-KL/VPTW", "09-KL/VPTW"),
        ("Nghị quyết số 51-NQ/ĐUQSTW của Quân ủy Trung ương", "51-NQ/ĐUQSTW"),
        ("Chỉ thị số 04-CT/ĐUCA", "04-CT/ĐUCA"),
        ("Nghị quyết số 02-NQ/BCS của Ban cán sự đảng", "02-NQ/BCS"),
        ("Kế hoạch số 30-KH/ĐĐ của Đảng đoàn", "30-KH/ĐĐ"),
    ],
)
def test_every_spelling_maps_to_one_canonical_code(sentence, code):
    assert [ref.code for ref in find_directive_refs(sentence)] == [code]


@pytest.mark.parametrize(
    "sentence",
    [
        "Quyết định số 123/QĐ-UBND của UBND tỉnh",
        "Thông tư số 01-TT/BNV của Bộ Nội vụ",
        "Thông tư 01/2024/TT-BNV",
        "Chỉ thị 16/CT-TTg của Thủ tướng",
    ],
)
def test_state_documents_stay_out(sentence):
    assert find_directive_refs(sentence) == []


def test_canonical_code_reads_the_state_order_of_party_codes():
    assert canonical_code("27/CT-TW") == "27-CT/TW"
    assert canonical_code("27-CT/T.Ư") == "27-CT/TW"
    assert canonical_code("123/QĐ-UBND") is None


def _article(title: str, *paragraphs: str) -> Article:
    document = Document(title=title, paragraphs=list(paragraphs), published="2024-03-14")
    document.published_from = "published"
    return analyse([LoadedDocument("a.txt", "a.txt", document)])[0]


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Thực hiện Chỉ thị số 09 của Ban Thường vụ Thành ủy về công tác dân vận.", "09-CT/TU"),
        ("Theo Kết luận số 48 của Ban Bí thư, các cấp ủy cần kiểm điểm.", "48-KL/TW"),
        ("Quán triệt Nghị quyết số 07 của Tỉnh ủy Gia Lai về chuyển đổi số.", "07-NQ/TU"),
        ("Kế hoạch số 15 của Ban Thường vụ Huyện ủy Mường Tè đã được ban hành.", "15-KH/HU"),
    ],
)
def test_a_citation_by_number_and_party_body_is_reconstructed(sentence, code):
    article = _article("Công tác xây dựng Đảng ở cơ sở", sentence)
    directive = next(e for e in article.entities if e.kind == "directive")
    assert (directive.value, directive.reconstructed) == (code, True)
    assert json.loads(json.dumps(directive.to_json()))["reconstructed"] is True


def test_a_citation_whose_code_is_written_elsewhere_is_not_reconstructed():
    article = _article(
        "Thực hiện Chỉ thị 09-CT/TU",
        "Chỉ thị số 09 của Ban Thường vụ Thành ủy đã đi vào cuộc sống.",
    )
    entities = [e for e in article.entities if e.kind == "directive"]
    assert [e.value for e in entities] == ["09-CT/TU", "09-CT/TU"]
    assert not any(e.reconstructed for e in entities)
    assert "reconstructed" not in entities[0].to_json()


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("thực hiện Nghị quyết Trung ương 5 khóa XII về công tác cán bộ", "NQTW5/XII"),
        ("theo Nghị quyết Trung ương 4 (khóa XII) về xây dựng Đảng", "NQTW4/XII"),
        ("Nghị quyết Hội nghị Trung ương 8 khóa XIII về bảo vệ Tổ quốc", "NQTW8/XIII"),
        ("học tập NQ TƯ 6 trong toàn Đảng bộ", "NQTW6"),
    ],
)
def test_plenum_resolutions_have_a_label_of_their_own(sentence, label):
    assert [ref.code for ref in find_plenum_refs(sentence)] == [label]
    article = _article("Học tập nghị quyết", sentence)
    assert article.directives == [label]
    assert directive_label(label).startswith("Nghị quyết Trung ương ")


def test_the_document_an_article_issues_is_its_directive():
    article = _article(
        "Thành ủy Buôn Ma Thuột tăng cường công tác bảo vệ chính trị nội bộ",
        "Ban Thường vụ Thành ủy vừa ban hành Chỉ thị số 09-CT/TU về tăng cường công tác bảo vệ "
        "chính trị nội bộ trong tình hình mới.",
        "Chỉ thị nêu rõ, thực hiện Chỉ thị 39-CT/TW và Chỉ thị 39-CT/TW của Bộ Chính trị, "
        "các cấp ủy cần quán triệt Chỉ thị 39-CT/TW tới từng chi bộ.",
    )
    assert article.directive == "09-CT/TU"
    assert article.directives[:2] == ["09-CT/TU", "39-CT/TW"]
