"""Deterministic synthetic corpora of Vietnamese Party-building news, for the benchmarks.

    python benchmarks/gen_corpus.py OUT_DIR --articles N [--seed S] [--formats txt,md,json]

Writes N articles (~12 paragraphs of ~300 characters each) under OUT_DIR/<year>/<province>/,
at most 1000 files per folder, mostly as scraped .txt like the real corpus (title, an optional
dateline, one paragraph per line, captions scraped twice, "." noise, a closing byline) and,
with md/json in --formats, some Markdown with YAML front matter and JSON objects or lists.

The text is ours: vocabulary, sentence templates, a roster of officials per province and term,
dates in every form the date rules know (and fractions and state document numbers that are
not dates), and a few dozen directive codes cited with a skew (39-CT/TW a lot, most rarely) in
full, bare, "số", spaced-dash, glued ("39-CT/TWcủa") and short ("Chỉ thị 39") forms.

Same seed, N and formats give byte-identical output: one random.Random(seed) drives it all,
nothing reads the clock, and nothing iterates a set or dict whose order could vary. A hidden
.gen_corpus.json in OUT_DIR records the parameters (the loader ignores hidden files); a
folder holding it is cleared and regenerated, any other non-empty folder is refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import time
import unicodedata
from bisect import bisect
from dataclasses import asdict, dataclass
from itertools import accumulate
from pathlib import Path

GENERATOR_VERSION = 1
MARKER = ".gen_corpus.json"
MAX_FILES_PER_FOLDER = 1000
FORMATS = ("txt", "md", "json")
YEARS = range(2014, 2026)


@dataclass(slots=True)
class Stats:
    files: int = 0
    articles: int = 0
    paragraphs: int = (
        0  # body paragraphs as the loader will see them (title, dateline, byline excluded)
    )
    characters: int = 0  # characters written, all files
    bytes: int = 0  # UTF-8 bytes written, all files

    def summary(self) -> str:
        return (
            f"{self.files} files, {self.articles} articles, {self.paragraphs} paragraphs, "
            f"{self.characters} characters, {self.bytes / 1048576:.1f} MB"
        )


# --- vocabulary ---------------------------------------------------------------------------


def _weighted(pairs):
    """(values, cumulative weights) for rng.choices."""
    values = [v for v, _ in pairs]
    return values, list(accumulate(w for _, w in pairs))


# Surnames with the shares of the notes (Hoàng/Huỳnh and Vũ/Võ split); the rest share ~10%.
_OTHER_SURNAMES = (
    "Đinh Đào Trịnh Trương Mai Đoàn Lương Cao Lâm Hà Tạ Tô Vương Phùng Lưu Quách Châu Thái "
    "Triệu Chu Kiều Nghiêm La Văn Khổng Thân Giang Mạc Lại Ông Từ"
).split()
SURNAMES = _weighted(
    [
        ("Nguyễn", 38.4),
        ("Trần", 11.0),
        ("Lê", 9.5),
        ("Phạm", 7.1),
        ("Hoàng", 3.1),
        ("Huỳnh", 2.0),
        ("Phan", 4.5),
        ("Vũ", 2.0),
        ("Võ", 1.9),
        ("Đặng", 2.1),
        ("Bùi", 2.0),
        ("Đỗ", 1.4),
        ("Hồ", 1.3),
        ("Ngô", 1.3),
        ("Dương", 1.0),
        ("Lý", 0.5),
    ]
    + [(s, 10.0 / len(_OTHER_SURNAMES)) for s in _OTHER_SURNAMES]
)
MIDDLE_MALE = _weighted(
    [
        ("Văn", 30),
        ("Đức", 8),
        ("Minh", 8),
        ("Hữu", 6),
        ("Quang", 6),
        ("Công", 5),
        ("Đình", 5),
        ("Xuân", 4),
        ("Thanh", 5),
        ("Anh", 3),
        ("Quốc", 5),
        ("Trọng", 4),
        ("Ngọc", 4),
        ("Tiến", 3),
        ("Mạnh", 3),
        ("Việt", 3),
    ]
)
MIDDLE_FEMALE = _weighted(
    [
        ("Thị", 45),
        ("Thu", 8),
        ("Ngọc", 7),
        ("Kim", 5),
        ("Thanh", 7),
        ("Hồng", 6),
        ("Minh", 5),
        ("Thúy", 4),
        ("Phương", 4),
        ("Bích", 3),
        ("Mai", 3),
        ("Diệu", 3),
    ]
)
GIVEN_MALE = (
    "Châu Thanh Hậu Hùng Dũng Tuấn Hải Long Nam Sơn Trung Thắng Phúc Bình Cường Quân Toàn "
    "Khánh Lâm Huy Hiếu Thành Tâm Vinh Đạt Kiên Lộc Hưng Phong Tùng Giang Hòa Hoà Nghĩa Tú "
    "Lực Định Chiến Thịnh Quyết Hoan Phước Tín Sang Tài Nhân Quý Hiển Thuận Điệp Khoa"
).split()
GIVEN_FEMALE = (
    "Hà Lan Hương Mai Hoa Thảo Linh Nga Hằng Huyền Yến Ngọc Trang Dung Thủy Thuỷ Hạnh Loan "
    "Phượng Vân Hiền Nhung Oanh Thơm Xuân Quyên Tuyết Liên Nhàn Duyên Khuê Hòa"
).split()

# (name, kind): kind "tinh" province, "tp" centrally-run city, "khoi" a central Party bloc.
UNITS = (
    [
        (p, "tinh")
        for p in (
            "An Giang",
            "Bà Rịa - Vũng Tàu",
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
            "Thừa Thiên Huế",
            "Tiền Giang",
            "Trà Vinh",
            "Tuyên Quang",
            "Vĩnh Long",
            "Vĩnh Phúc",
            "Yên Bái",
        )
    ]
    + [(c, "tp") for c in ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh")]
    + [
        ("Doanh nghiệp Trung ương", "khoi"),
        ("Các cơ quan Trung ương", "khoi"),
    ]
)
_UNIT_WEIGHTS = [6 if n in ("Hà Nội", "Hồ Chí Minh") else 3 if k != "tinh" else 2 for n, k in UNITS]
UNIT_CUM = list(accumulate(_UNIT_WEIGHTS))


@dataclass(frozen=True, slots=True)
class Directive:
    number: str
    type: str  # CT NQ KL QĐ QĐi HD KH CTr
    issuer: str
    date: dt.date
    by: str  # who issued it
    subject: str
    short: str  # a subject short enough for a title

    @property
    def code(self) -> str:
        return f"{self.number}-{self.type}/{self.issuer}"


TYPE_WORD = {
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "QĐ": "Quy định",
    "QĐi": "Quy định",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
}
# Most cited first (the weights fall off with rank): code | date | issued by | subject | short.
_DIRECTIVE_TABLE = """
39-CT/TW | 2014-08-18 | Bộ Chính trị | tăng cường công tác bảo vệ chính trị nội bộ trong tình hình hiện nay | công tác bảo vệ chính trị nội bộ
35-NQ/TW | 2018-10-22 | Bộ Chính trị | tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới | bảo vệ nền tảng tư tưởng của Đảng
05-CT/TW | 2016-05-15 | Bộ Chính trị | đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh | học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
205-QĐ/TW | 2019-09-23 | Bộ Chính trị | kiểm soát quyền lực trong công tác cán bộ và chống chạy chức, chạy quyền | kiểm soát quyền lực trong công tác cán bộ
04-NQ/TW | 2016-10-30 | Ban Chấp hành Trung ương | tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ | xây dựng, chỉnh đốn Đảng
21-KL/TW | 2021-10-25 | Ban Chấp hành Trung ương | đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy lùi, xử lý nghiêm cán bộ, đảng viên suy thoái | xây dựng, chỉnh đốn Đảng và hệ thống chính trị
126-QĐ/TW | 2018-02-28 | Bộ Chính trị | một số vấn đề về bảo vệ chính trị nội bộ Đảng | bảo vệ chính trị nội bộ Đảng
26-NQ/TW | 2018-05-19 | Ban Chấp hành Trung ương | tập trung xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược, đủ phẩm chất, năng lực và uy tín, ngang tầm nhiệm vụ | xây dựng đội ngũ cán bộ các cấp
12-CT/TU | 2017-03-14 | Ban Thường vụ Tỉnh ủy | tăng cường sự lãnh đạo của cấp ủy đối với công tác bảo vệ chính trị nội bộ | bảo vệ chính trị nội bộ
08-QĐi/TW | 2018-10-25 | Ban Chấp hành Trung ương | trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là Ủy viên Bộ Chính trị, Ủy viên Ban Bí thư, Ủy viên Ban Chấp hành Trung ương | trách nhiệm nêu gương của cán bộ, đảng viên
22-QĐ/TW | 2021-07-28 | Ban Chấp hành Trung ương | công tác kiểm tra, giám sát và kỷ luật của Đảng | công tác kiểm tra, giám sát và kỷ luật của Đảng
114-QĐ/TW | 2023-07-11 | Bộ Chính trị | kiểm soát quyền lực và phòng, chống tham nhũng, tiêu cực trong công tác cán bộ | kiểm soát quyền lực trong công tác cán bộ
28-CT/TW | 2013-09-21 | Ban Bí thư | nâng cao chất lượng kết nạp đảng viên và rà soát, sàng lọc, đưa những đảng viên không đủ tư cách ra khỏi Đảng | nâng cao chất lượng kết nạp đảng viên
01-KL/TW | 2021-05-18 | Bộ Chính trị | tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh | học tập và làm theo tấm gương Bác
50-CT/TW | 2015-10-07 | Bộ Chính trị | tăng cường sự lãnh đạo của Đảng đối với công tác phát hiện, xử lý vụ việc, vụ án tham nhũng | phát hiện, xử lý vụ việc, vụ án tham nhũng
18-NQ/TW | 2017-10-25 | Ban Chấp hành Trung ương | một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả | sắp xếp tổ chức bộ máy tinh gọn
102-QĐ/TW | 2017-11-15 | Bộ Chính trị | xử lý kỷ luật đảng viên vi phạm | xử lý kỷ luật đảng viên vi phạm
30-QĐ/TW | 2016-07-26 | Ban Chấp hành Trung ương | thi hành Chương VII và Chương VIII Điều lệ Đảng về công tác kiểm tra, giám sát, kỷ luật của Đảng | công tác kiểm tra, giám sát, kỷ luật
33-CT/TW | 2014-01-03 | Bộ Chính trị | tăng cường sự lãnh đạo của Đảng đối với việc kê khai và kiểm soát việc kê khai tài sản | kê khai và kiểm soát việc kê khai tài sản
101-QĐ/TW | 2012-06-07 | Ban Bí thư | trách nhiệm nêu gương của cán bộ, đảng viên, nhất là cán bộ lãnh đạo chủ chốt các cấp | trách nhiệm nêu gương của cán bộ chủ chốt
25-NQ/TU | 2016-11-02 | Ban Chấp hành Đảng bộ tỉnh | nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và chất lượng đảng viên | nâng cao chất lượng tổ chức cơ sở đảng
14-KL/TW | 2021-09-22 | Bộ Chính trị | chủ trương khuyến khích và bảo vệ cán bộ năng động, sáng tạo vì lợi ích chung | bảo vệ cán bộ năng động, sáng tạo
27-NQ/TW | 2022-11-09 | Ban Chấp hành Trung ương | tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới | xây dựng Nhà nước pháp quyền
01-NQ/ĐUK | 2020-11-20 | Đảng ủy Khối | nâng cao chất lượng sinh hoạt chi bộ trong Đảng bộ Khối | nâng cao chất lượng sinh hoạt chi bộ
01-HD/TW | 2021-09-28 | Ban Bí thư | một số vấn đề cụ thể thi hành Điều lệ Đảng | thi hành Điều lệ Đảng
15-KH/TU | 2019-04-08 | Ban Thường vụ Tỉnh ủy | thực hiện Quy định số 205-QĐ/TW của Bộ Chính trị | thực hiện Quy định 205
03-CTr/TU | 2021-01-12 | Tỉnh ủy | hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 - 2025 | thực hiện Nghị quyết Đại hội
10-CT/TW | 2007-03-30 | Ban Bí thư | nâng cao chất lượng sinh hoạt chi bộ | nâng cao chất lượng sinh hoạt chi bộ
09-CT/HU | 2018-06-05 | Ban Thường vụ Huyện ủy | tăng cường công tác phát triển đảng viên ở thôn, bản | phát triển đảng viên ở thôn, bản
17-KH/ĐU | 2022-03-16 | Ban Thường vụ Đảng ủy | triển khai Kết luận số 21-KL/TW của Ban Chấp hành Trung ương | triển khai Kết luận 21
28-NQ/TW | 2013-10-25 | Ban Chấp hành Trung ương | tiếp tục hoàn thiện chiến lược bảo vệ Tổ quốc trong tình hình mới | chiến lược bảo vệ Tổ quốc
24-CT/TW | 2023-07-04 | Ban Bí thư | đẩy mạnh phát triển đảng viên ở tổ chức cơ sở đảng trong doanh nghiệp khu vực ngoài nhà nước | phát triển đảng viên trong doanh nghiệp
58-KL/TW | 2023-08-14 | Bộ Chính trị | công tác bảo vệ chính trị nội bộ Đảng | bảo vệ chính trị nội bộ Đảng
05-NQ/ĐUK | 2021-06-10 | Đảng ủy Khối | công tác cán bộ giai đoạn 2021 - 2025 | công tác cán bộ
"""


def _directive(row: str) -> Directive:
    code, date, by, subject, short = (part.strip() for part in row.split("|"))
    number, rest = code.split("-", 1)
    kind, issuer = rest.split("/")
    return Directive(number, kind, issuer, dt.date.fromisoformat(date), by, subject, short)


DIRECTIVES = [_directive(row) for row in _DIRECTIVE_TABLE.strip().split("\n")]
DIRECTIVE_WEIGHTS = [1.0 / (rank + 1) ** 1.15 for rank in range(len(DIRECTIVES))]

TOPICS = (
    "công tác bảo vệ chính trị nội bộ",
    "công tác cán bộ",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "công tác xây dựng, chỉnh đốn Đảng",
    "công tác tuyên truyền, giáo dục chính trị tư tưởng",
    "công tác phát triển đảng viên",
    "việc nâng cao chất lượng sinh hoạt chi bộ",
    "công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
    "công tác dân vận",
    "công tác quy hoạch, đào tạo, bồi dưỡng cán bộ",
    "việc thẩm tra, xác minh, kết luận tiêu chuẩn chính trị",
    "việc nắm tình hình tư tưởng của cán bộ, đảng viên",
    "công tác đấu tranh phản bác các quan điểm sai trái, thù địch",
    "công tác bảo vệ nền tảng tư tưởng của Đảng",
    "công tác quản lý hồ sơ đảng viên",
    "việc kiểm soát quyền lực trong công tác cán bộ",
)
RESULTS = (
    "nhận thức của các cấp ủy, tổ chức đảng và cán bộ, đảng viên, nhất là người đứng đầu đã có những chuyển biến tích cực",
    "vai trò, trách nhiệm của người đứng đầu cấp ủy được nâng lên rõ rệt",
    "nhiều vụ việc phức tạp liên quan đến chính trị nội bộ đã được phát hiện, giải quyết kịp thời, dứt điểm",
    "chất lượng sinh hoạt chi bộ từng bước được nâng lên, nền nếp, kỷ cương được giữ vững",
    "công tác thẩm định tiêu chuẩn chính trị được thực hiện chặt chẽ, đúng quy trình, quy định",
    "không để xảy ra tình trạng “chạy chức, chạy quyền” trong công tác cán bộ",
    "sự đoàn kết, thống nhất trong nội bộ được củng cố, niềm tin của nhân dân đối với Đảng được tăng cường",
    "việc cụ thể hóa các chủ trương của Trung ương thành chương trình, kế hoạch được thực hiện kịp thời",
)
LIMITS = (
    "việc nắm tình hình tư tưởng ở một số chi bộ còn chưa thường xuyên",
    "một số cấp ủy chưa quan tâm đúng mức đến công tác kiểm tra, giám sát",
    "công tác phối hợp giữa các cơ quan tham mưu có lúc chưa chặt chẽ",
    "việc cập nhật, bổ sung hồ sơ đảng viên còn chậm",
    "chất lượng sinh hoạt chuyên đề ở một số nơi còn hình thức",
    "tình trạng nể nang, né tránh trong tự phê bình và phê bình vẫn còn",
)
TASKS = (
    "tiếp tục quán triệt sâu sắc các nghị quyết, chỉ thị, quy định của Đảng",
    "nâng cao chất lượng công tác thẩm định, thẩm tra tiêu chuẩn chính trị",
    "tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ chính trị của tổ chức đảng",
    "chủ động nắm chắc tình hình, kịp thời phát hiện và xử lý các vấn đề chính trị nội bộ",
    "đẩy mạnh chuyển đổi số trong quản lý hồ sơ cán bộ, đảng viên",
    "kiên quyết đấu tranh với những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
    "xây dựng đội ngũ cán bộ làm công tác bảo vệ chính trị nội bộ đủ phẩm chất, năng lực",
    "phát huy vai trò nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu",
)
STREETS = (
    "Trần Hưng Đạo",
    "Lê Lợi",
    "Nguyễn Huệ",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Phan Đình Phùng",
    "Nguyễn Trãi",
    "Quang Trung",
    "Lê Duẩn",
    "Trần Phú",
)
DECREES = ("30/2020/NĐ-CP", "138/2020/NĐ-CP", "112/2020/NĐ-CP", "59/2019/NĐ-CP")
STATE_DOCS = (
    "Thông tư số 01/2024/TT-BNV",
    "Thông tư số 06/2022/TT-BNV",
    "Quyết định số 1976/QĐ-CĐKT",
    "Luật số 59/2019/QH14",
    "Nghị định số 30/2020/NĐ-CP",
)
CENTRAL_ORGS = (
    "Văn phòng Trung ương Đảng",
    "Ban Tổ chức Trung ương",
    "Ủy ban Kiểm tra Trung ương",
    "Ban Nội chính Trung ương",
    "Ban Tuyên giáo Trung ương",
    "Ban Dân vận Trung ương",
    "Học viện Chính trị quốc gia Hồ Chí Minh",
    "Đảng ủy Khối Các cơ quan Trung ương",
)
BYLINES = (
    "TH",
    "PV",
    "BBT",
    "Minh Anh",
    "Thu Hà",
    "Hoàng Giang (TH)",
    "Văn Long - Thu Hà",
    "Quang Minh",
    "Ngọc Lan",
    "Phương Thảo",
    "Đức Anh",
)
WEEKDAYS = (
    ("Thứ Hai", "Thứ hai", "Thứ 2", "T2"),
    ("Thứ Ba", "Thứ ba", "Thứ 3", "T3"),
    ("Thứ Tư", "Thứ tư", "Thứ 4", "T4"),
    ("Thứ Năm", "Thứ năm", "Thứ 5", "T5"),
    ("Thứ Sáu", "Thứ sáu", "Thứ 6", "T6"),
    ("Thứ Bảy", "Thứ bảy", "Thứ 7", "T7"),
    ("Chủ nhật", "Chủ Nhật", "CN", "Chủ nhật"),
)
ROMAN = ("I", "II", "III", "IV")
TIMES_OF_DAY = ("Sáng", "Sáng", "Chiều", "Chiều", "Ngày", "Trưa", "Tối")

# Roster roles: (key, position after the name, position written right before the name).
ROLES_PROVINCE = (
    ("bt", "Ủy viên Trung ương Đảng, Bí thư {C}", "Bí thư {C} {P}"),
    ("pbt", "Phó Bí thư Thường trực {C}, Chủ tịch HĐND {u}", "Phó Bí thư Thường trực {C} {P}"),
    ("ct", "Phó Bí thư {C}, Chủ tịch UBND {u}", "Chủ tịch UBND {u} {P}"),
    (
        "ubkt",
        "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra {C}",
        "Chủ nhiệm Ủy ban Kiểm tra {C}",
    ),
    ("tc", "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức {C}", "Trưởng Ban Tổ chức {C}"),
    ("nc", "Ủy viên Ban Thường vụ, Trưởng Ban Nội chính {C}", "Trưởng Ban Nội chính {C}"),
    ("tg", "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo {C}", "Trưởng Ban Tuyên giáo {C}"),
    ("dv", "Trưởng Ban Dân vận {C}", "Trưởng Ban Dân vận {C}"),
)
ROLES_KHOI = (
    ("bt", "Bí thư Đảng ủy Khối", "Bí thư Đảng ủy Khối"),
    ("pbt", "Phó Bí thư Đảng ủy Khối", "Phó Bí thư Đảng ủy Khối"),
    ("ubkt", "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối", "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối"),
    (
        "tc",
        "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Đảng ủy Khối",
        "Trưởng Ban Tổ chức Đảng ủy Khối",
    ),
    ("tg", "Trưởng Ban Tuyên giáo Đảng ủy Khối", "Trưởng Ban Tuyên giáo Đảng ủy Khối"),
)
# Visitors from the centre: (cue before the name, position after it).
CENTRAL_GUESTS = (
    ("đồng chí", "Ủy viên Bộ Chính trị, Trưởng Ban Tổ chức Trung ương"),
    ("đồng chí", "Phó Trưởng Ban Tổ chức Trung ương"),
    ("đồng chí", "Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương"),
    ("Thượng tướng", "Thứ trưởng Bộ Công an"),
    ("Trung tướng", "Phó Tư lệnh Quân khu"),
    ("Thiếu tướng", "Cục trưởng Cục Bảo vệ chính trị nội bộ"),
    ("PGS.TS", "Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh"),
    ("TS.", "Vụ trưởng Vụ Bảo vệ chính trị nội bộ, Ban Tổ chức Trung ương"),
    ("ThS.", "Phó Vụ trưởng Vụ Địa phương, Ủy ban Kiểm tra Trung ương"),
    ("Đại tá", "Trưởng phòng An ninh chính trị nội bộ"),
)


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


UNIT_SLUGS = [_slug(name) for name, _ in UNITS]


# --- one article --------------------------------------------------------------------------


@dataclass(slots=True)
class Person:
    name: str
    female: bool


class Writer:
    """Everything that varies from article to article, drawn from one Random."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self._rosters: dict[tuple[int, int], dict[str, Person]] = {}
        self._guests: dict[int, list[Person]] = {}

    # people ------------------------------------------------------------------------------

    def person(self, rng: random.Random | None = None, female: bool | None = None) -> Person:
        r = rng or self.rng
        if female is None:
            female = r.random() < 0.3
        surname = r.choices(SURNAMES[0], cum_weights=SURNAMES[1])[0]
        middles, given = (MIDDLE_FEMALE, GIVEN_FEMALE) if female else (MIDDLE_MALE, GIVEN_MALE)
        shape = r.random()
        if shape < 0.08:
            parts = [surname, r.choice(given)]
        elif shape < 0.85:
            parts = [surname, r.choices(middles[0], cum_weights=middles[1])[0], r.choice(given)]
        else:
            m1, m2 = r.choices(middles[0], cum_weights=middles[1], k=2)
            parts = [surname, m1, m2 if m2 != m1 else "Thanh", r.choice(given)]
        return Person(" ".join(parts), female)

    def roster(self, unit: int, year: int) -> dict[str, Person]:
        """The officials of a unit in a term (2010-2015, 2015-2020, 2020-2025): the same people
        recur across that unit's articles, as in real news."""
        term = 2010 + 5 * ((year - 2010) // 5) if year < 2025 else 2025
        key = (unit, term)
        if key not in self._rosters:
            r = random.Random(
                f"roster:{self.seed}:{unit}:{term}"
            )  # str seeds are hashed with sha512
            roles = ROLES_KHOI if UNITS[unit][1] == "khoi" else ROLES_PROVINCE
            self._rosters[key] = {role: self.person(r) for role, _, _ in roles}
        return self._rosters[key]

    def guest(self, year: int) -> tuple[str, Person, str]:
        term = year // 5
        if term not in self._guests:
            r = random.Random(f"guests:{self.seed}:{term}")
            self._guests[term] = [self.person(r, female=r.random() < 0.2) for _ in CENTRAL_GUESTS]
        index = self.rng.randrange(len(CENTRAL_GUESTS))
        cue, position = CENTRAL_GUESTS[index]
        return cue, self._guests[term][index], position


@dataclass(slots=True)
class Context:
    unit: int
    unit_name: str
    kind: str
    committee: str  # Tỉnh ủy / Thành ủy / Đảng ủy Khối
    unit_noun: str  # tỉnh / thành phố
    event: dt.date
    published: dt.datetime
    directive: Directive
    others: list[Directive]
    roster: dict[str, Person]
    roles: tuple
    years_since: int
    cited_full: bool = False


class Article:
    """Builds one article's title and paragraphs from a Context."""

    def __init__(self, w: Writer, ctx: Context) -> None:
        self.w, self.r, self.c = w, w.rng, ctx

    # small pieces ------------------------------------------------------------------------

    def place(self) -> str:
        c = self.c
        if c.kind == "khoi":
            return "Hà Nội"
        if c.unit_name == "Hồ Chí Minh":
            return self.r.choice(("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP Hồ Chí Minh"))
        return f"{c.unit_noun} {c.unit_name}" if self.r.random() < 0.5 else c.unit_name

    def organ(self) -> str:
        c = self.c
        if c.kind == "khoi":
            return f"Đảng ủy Khối {c.unit_name}"
        name = "Thành phố Hồ Chí Minh" if c.unit_name == "Hồ Chí Minh" else c.unit_name
        return self.r.choice(
            (
                f"Ban Thường vụ {c.committee} {name}",
                f"{c.committee} {name}",
                f"Ban Chấp hành Đảng bộ {c.unit_noun}",
                f"Ban Thường vụ {c.committee}",
            )
        )

    def official(self, role: str | None = None) -> str:
        """A person with a cue: 'đồng chí X, Position', 'Position X', 'ông X – Position'."""
        c, r = self.c, self.r
        roles = c.roles
        entry = (
            roles[r.randrange(len(roles))]
            if role is None
            else next(x for x in roles if x[0] == role)
        )
        key, after, before = entry
        person = c.roster[key]
        fmt = {"C": c.committee, "u": c.unit_noun, "P": c.unit_name}
        roll = r.random()
        if roll < 0.45:
            return f"đồng chí {person.name}, {after.format(**fmt)}"
        if roll < 0.6:
            return f"đồng chí {person.name} – {after.format(**fmt)}"
        if roll < 0.8:
            return f"{before.format(**fmt)} {person.name}"
        return f"{'bà' if person.female else 'ông'} {person.name}, {after.format(**fmt)}"

    def guest(self) -> str:
        cue, person, position = self.w.guest(self.c.event.year)
        if cue == "đồng chí" and self.r.random() < 0.3:
            cue = "bà" if person.female else "ông"
        return f"{cue} {person.name}, {position}"

    def random_person(self) -> str:
        p = self.w.person()
        cue = self.r.choice(("đồng chí", "đồng chí", "bà" if p.female else "ông", "PGS.TS", "TS."))
        return f"{cue} {p.name}"

    def ref(self, d: Directive | None = None, *, allow_short: bool = True) -> str:
        """A directive reference in one of the forms real text uses."""
        r = self.r
        d = d or self.c.directive
        word = TYPE_WORD[d.type]
        if allow_short and self.c.cited_full and d is self.c.directive and r.random() < 0.35:
            # short references: "Kế hoạch"/"Chương trình" need "số", the others may drop it
            if d.type in ("KH", "CTr") or r.random() < 0.4:
                return f"{word} số {int(d.number) if r.random() < 0.2 else d.number}"
            return f"{word} {d.number}"
        if d is self.c.directive:
            self.c.cited_full = True
        roll = r.random()
        code = d.code
        if roll < 0.04:
            code = f"{d.number} - {d.type}/{d.issuer}"
        elif roll < 0.08:
            code = f"{d.number} – {d.type}/{d.issuer}"
        elif roll < 0.09:
            code = f"{d.number}- {d.type.capitalize()}/{d.issuer.lower()}"
        elif roll < 0.1:
            code = f"{d.number}{d.type}/{d.issuer}"
        roll = r.random()
        if roll < 0.04:
            return f"{word} {d.code}của {d.by}"  # scraped with the space lost
        if roll < 0.35:
            return f"{word} số {code}"
        if roll < 0.8:
            return f"{word} {code}"
        if roll < 0.9:
            return f"{word} số {code}, ngày {self.doc_date(d)} của {d.by}"
        return code

    def doc_date(self, d: Directive) -> str:
        if self.r.random() < 0.8:
            return f"{d.date.day}/{d.date.month}/{d.date.year}"
        return f"{d.date.day} tháng {d.date.month} năm {d.date.year}"

    def point_date(self) -> str:
        """A day, month or quarter in one of the forms of the notes, up to the event."""
        r, y = self.r, self.c.event.year
        roll = r.randrange(6)
        if roll == 0:
            return f"ngày {r.randint(1, 28)}/{r.randint(1, 12)}/{y - r.randint(1, 3)}"
        if roll == 1:
            return f"ngày {r.randint(1, 28)} tháng {r.randint(1, 12)} năm {y - r.randint(1, 2)}"
        if roll == 2:
            return f"tháng {r.randint(1, 12)}/{y - r.randint(1, 4)}"
        if roll == 3:
            return f"quý {ROMAN[r.randrange(4)]}/{y}"
        if roll == 4:
            return f"quý {ROMAN[r.randrange(4)]} năm {y}"
        return f"cuối năm {y - 1}"

    def span_date(self) -> str:
        """A period: a year, a quarter, giai đoạn A - B, nhiệm kỳ A - B, từ ngày … đến ngày …."""
        r, y = self.r, self.c.event.year
        roll = r.randrange(6)
        if roll == 0:
            return f"năm {y - r.randint(0, 5)}"
        if roll == 1:
            return f"quý {ROMAN[r.randrange(4)]}/{y}"
        if roll == 2:
            a = max(2010, y - r.choice((3, 5, 5, 10)))
            return f"giai đoạn {a} - {y}"
        if roll == 3:
            return self.term()
        if roll == 4:
            a, m = r.randint(1, 24), r.randint(1, 12)
            return f"từ ngày {a}/{m} đến ngày {a + r.randint(1, 4)}/{m}"
        a = r.randint(1, 24)
        return f"các ngày {a}-{a + r.randint(1, 3)}/{r.randint(1, 12)}"

    def term(self) -> str:
        start = 2010 + 5 * ((self.c.event.year - 2010) // 5)
        return f"nhiệm kỳ {start} - {start + 5}"

    def since(self) -> str:
        d, y = self.c.directive, self.c.event.year
        return f"giai đoạn {d.date.year} - {y}" if y > d.date.year else f"năm {y}"

    def num(self) -> int:
        return self.r.choice(
            (self.r.randint(2, 40), self.r.randint(40, 900), self.r.randint(1000, 25000))
        )

    def pct(self) -> str:
        return f"{self.r.randint(85, 99)},{self.r.randint(1, 9)}%"

    # sentences ---------------------------------------------------------------------------

    def sentence(self) -> str:
        r, c = self.r, self.c
        k = r.randrange(26)
        if k == 0:
            return f"Trong {self.span_date()}, {self.organ()} đã tập trung lãnh đạo, chỉ đạo {r.choice(TOPICS)}; {r.choice(RESULTS)}."
        if k == 1:
            return f"Các cấp ủy, tổ chức đảng đã thực hiện tốt việc quán triệt, triển khai thực hiện {self.ref()} đến các chi bộ và đảng viên, gắn với {r.choice(TOPICS)}."
        if k == 2:
            n = max(1, c.years_since)
            return f"Qua {n} năm triển khai, {self.pct()} cán bộ, đảng viên đã được quán triệt, học tập {self.ref()}; {self.num()} tổ chức cơ sở đảng xây dựng chương trình hành động cụ thể."
        if k == 3:
            return f"Tính đến {self.point_date()}, toàn Đảng bộ đã thẩm định tiêu chuẩn chính trị cho {self.num()} trường hợp, trong đó có {r.randint(1, 30)} trường hợp phải xem xét, làm rõ thêm."
        if k == 4:
            return f"Hội nghị đã nghe {self.official('tc') if c.kind != 'khoi' else self.official()} trình bày dự thảo báo cáo, trong đó nêu rõ những kết quả đạt được, hạn chế, nguyên nhân và bài học kinh nghiệm."
        if k == 5:
            return f"Đồng thời, {r.choice(TOPICS)} được chú trọng, nhất là ở các chi bộ trực thuộc và những đơn vị có nhiều đảng viên trẻ."
        if k == 6:
            frac = r.choice(("2/3", "3/4", "1/2", "4/5"))
            return f"Với hơn {frac} số đại biểu tán thành, hội nghị đã thông qua nghị quyết chuyên đề về {r.choice(TOPICS)} trong {self.span_date()}."
        if k == 7:
            return f"Việc thực hiện Nghị định số {r.choice(DECREES)} của Chính phủ và {self.ref()} được triển khai đồng bộ, bảo đảm đúng quy định."
        if k == 8:
            a, m = r.randint(1, 22), r.randint(1, 12)
            return f"Theo kế hoạch, đoàn kiểm tra của {r.choice(CENTRAL_ORGS)} làm việc tại {self.place()} từ ngày {a}/{m} đến ngày {a + r.randint(2, 5)}/{m}, tập trung vào {r.choice(TOPICS)}."
        if k == 9:
            return f"Năm {c.event.year - r.randint(0, 1)}, Ủy ban Kiểm tra các cấp đã kiểm tra {self.num()} tổ chức đảng và {self.num()} đảng viên khi có dấu hiệu vi phạm; thi hành kỷ luật {r.randint(2, 60)} đảng viên."
        if k == 10:
            d = c.directive
            return f"Ngày {self.doc_date(d)}, {d.by} ban hành {TYPE_WORD[d.type]} số {d.code} về {d.subject}."
        if k == 11:
            return f"Tại hội nghị, các đại biểu tập trung thảo luận, làm rõ thêm kết quả, hạn chế và đề xuất nhiều giải pháp nâng cao hiệu quả {r.choice(TOPICS)}."
        if k == 12:
            return f"Phát biểu tại hội nghị, {self.guest()} ghi nhận, biểu dương những kết quả mà {self.organ()} đạt được trong thời gian qua."
        if k == 13:
            return f"Hội nghị được tổ chức tại Hội trường {c.committee}, số {r.randint(1, 250)} đường {r.choice(STREETS)}, kết nối trực tuyến đến {r.randint(8, 60)} điểm cầu cơ sở."
        if k == 14:
            return f"Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh được gắn với thực hiện {self.ref(DIRECTIVES[2])} và {self.ref(DIRECTIVES[13])}."
        if k == 15:
            return f"Đại diện {r.choice(CENTRAL_ORGS)} và các cơ quan của Bộ Chính trị, Ban Bí thư theo dõi địa bàn cùng dự hội nghị."
        if k == 16:
            a, b = r.sample(LIMITS, 2)
            return f"Bên cạnh kết quả đạt được, hội nghị cũng chỉ ra {a}; {b}."
        if k == 17:
            a, b = r.sample(TASKS, 2)
            return f"Thời gian tới, các cấp ủy cần {a}; {b}."
        if k == 18:
            return f"Theo {self.official()}, {r.choice(RESULTS)}."
        if k == 19:
            other = r.choice(c.others) if c.others else c.directive
            return f"Cùng với đó, việc triển khai {self.ref(other, allow_short=False)} và {r.choice(STATE_DOCS)} được các đơn vị quan tâm thực hiện."
        if k == 20:
            return f"{self.term().capitalize()}, {self.pct()} tổ chức cơ sở đảng được đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên; {r.randint(1, 30)} tổ chức đảng không hoàn thành nhiệm vụ."
        if k == 21:
            return f"Tham dự có {self.random_person()}, nguyên {r.choice(('Phó Trưởng Ban Tổ chức Trung ương', 'Bí thư Tỉnh ủy', 'Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy'))} và {self.random_person()}."
        if k == 22:
            return f"Trong giai đoạn {c.event.year - 5} - {c.event.year}, đã có {self.num()} quần chúng ưu tú được kết nạp vào Đảng, tăng {r.randint(2, 30)}% so với giai đoạn trước."
        if k == 23:
            return f"Ủy ban Kiểm tra {c.committee} đã giải quyết dứt điểm {r.randint(2, 40)} đơn thư, {r.randint(1, 9)}/{r.randint(10, 12)} vụ việc được chuyển cơ quan chức năng xem xét."
        if k == 24:
            return f"{r.choice(TIMES_OF_DAY)} {r.randint(1, 28)}/{r.randint(1, 12)}, {self.organ()} tiếp tục tổ chức hội nghị chuyên đề về {r.choice(TOPICS)}."
        result = r.choice(RESULTS)
        return f"{result[0].upper()}{result[1:]}, góp phần giữ vững ổn định chính trị, tạo môi trường thuận lợi cho phát triển kinh tế - xã hội."

    def paragraph(self, target: int) -> str:
        parts = [self.sentence()]
        size = len(parts[0])
        while size < target:
            s = self.sentence()
            parts.append(s)
            size += len(s) + 1
        return " ".join(parts)

    # the article -------------------------------------------------------------------------

    def title(self) -> tuple[str, str]:
        """(title, kind): kind 'anniv', 'quantriet', 'periodic' or 'feature'."""
        r, c = self.r, self.c
        d = c.directive
        word = TYPE_WORD[d.type]
        n = c.years_since
        roll = r.random()
        if n in (1, 2, 3, 5, 7, 10, 15, 20) and roll < 0.85:
            head = "Tổng kết" if n >= 10 else "Sơ kết"
            form = r.random()
            code = f"{d.code}của" if form < 0.1 else f"{d.code} của"
            if form < 0.45:
                t = f"{head} {n} năm thực hiện {word} {code} {d.by} về {d.short}"
            elif form < 0.75:
                t = f"{head} {n} năm thực hiện {word} số {d.code} của {d.by}"
            else:
                t = f"{self.c.unit_name}: {head.lower() if r.random() < 0.2 else head} {n} năm thực hiện {word} {d.code}"
            return t, "anniv"
        if roll < 0.45:
            return r.choice(
                (
                    f"Hội nghị quán triệt, triển khai {word} {d.code} của {d.by}",
                    f"{self.organ()} quán triệt {word} số {d.code}",
                    f"Quán triệt, triển khai thực hiện {word} {d.code} về {d.short}",
                )
            ), "quantriet"
        if roll < 0.75:
            y = c.event.year
            return r.choice(
                (
                    f"{c.committee} {c.unit_name} sơ kết công tác xây dựng Đảng 6 tháng đầu năm {y}",
                    f"Tổng kết công tác kiểm tra, giám sát năm {y - 1}, triển khai nhiệm vụ năm {y}",
                    f"Hội nghị Ban Chấp hành Đảng bộ {c.unit_noun} lần thứ {r.randint(3, 25)}",
                    f"Sơ kết công tác bảo vệ chính trị nội bộ quý {ROMAN[r.randrange(4)]}/{y}",
                )
            ), "periodic"
        return r.choice(
            (
                "Nâng cao hiệu quả công tác bảo vệ chính trị nội bộ trong tình hình mới",
                f"Kiểm soát quyền lực trong công tác cán bộ: kết quả bước đầu ở {c.unit_name}",
                f"{c.unit_name} đẩy mạnh {d.short}",
                "Đồng chí Bí thư Tỉnh ủy làm việc với Ban Tổ chức Tỉnh ủy"
                if c.kind == "tinh"
                else f"Đảng bộ {c.unit_name} chú trọng {d.short}",
            )
        ), "feature"

    def lead(self, kind: str) -> str:
        r, c = self.r, self.c
        d = c.directive
        e = c.event
        when = f"{r.choice(TIMES_OF_DAY)} {e.day}/{e.month}"
        if kind == "anniv":
            head = "tổng kết" if c.years_since >= 10 else "sơ kết"
            what = f"hội nghị {head} {c.years_since} năm thực hiện {self.ref(allow_short=False)}"
        elif kind == "quantriet":
            what = f"hội nghị quán triệt, triển khai thực hiện {self.ref(allow_short=False)}"
        else:
            what = f"hội nghị chuyên đề về {r.choice(TOPICS)}, gắn với việc thực hiện {self.ref(allow_short=False)}"
        tail = "" if r.random() < 0.5 else f" về {d.subject}"
        return f"{when}, tại {self.place()}, {self.organ()} tổ chức {what}{tail}."

    def presiding(self) -> str:
        r, c = self.r, self.c
        first = self.official("bt") if r.random() < 0.6 else self.official("pbt")
        second = self.official()
        s = f"{first[0].upper()}{first[1:]} và {second} chủ trì hội nghị."
        if r.random() < 0.7:
            s += f" Tham dự hội nghị có {self.guest()}; các đồng chí Ủy viên Ban Chấp hành Đảng bộ {c.unit_noun}, Ủy viên Ủy ban Kiểm tra {c.committee}; lãnh đạo các ban, sở, ngành và Bí thư các đảng ủy trực thuộc."
        return s

    def closing(self) -> str:
        r, c = self.r, self.c
        roll = r.random()
        if roll < 0.5:
            return f"Phát biểu kết luận hội nghị, {self.official('bt')} nhấn mạnh, {r.choice(TOPICS)} là nhiệm vụ thường xuyên, lâu dài; đề nghị các cấp ủy {r.choice(TASKS)}, {r.choice(TASKS)}."
        if roll < 0.8:
            return f"Dịp này, {self.organ()} đã tặng Giấy khen cho {r.randint(3, 40)} tập thể và {r.randint(5, 60)} cá nhân có thành tích xuất sắc trong thực hiện {self.ref()} {self.since()}."
        return f"Kết luận hội nghị, {self.official()} yêu cầu thời gian tới tiếp tục {r.choice(TASKS)}; quyết tâm hoàn thành thắng lợi nhiệm vụ năm {c.event.year}."

    def caption(self) -> list[str]:
        """One caption, sometimes scraped twice (identical or reworded) on consecutive lines."""
        r = self.r
        who = self.official()
        text = f"{who[0].upper()}{who[1:]} phát biểu tại hội nghị"
        roll = r.random()
        if roll < 0.4:
            return [text, text]
        if roll < 0.55:
            return [text, f"{who[0].upper()}{who[1:]} phát biểu ý kiến."]
        return [text + ". (Ảnh: PV)" if r.random() < 0.3 else text]

    def body(self) -> tuple[str, list[list[str]]]:
        """The title and the body as blocks (each block one or more consecutive lines)."""
        r = self.r
        title, kind = self.title()
        blocks: list[list[str]] = [[self.lead(kind)], [self.presiding()]]
        count = r.randint(6, 12)
        caption_at = r.randint(1, count) if r.random() < 0.4 else -1
        for i in range(count):
            if i == caption_at:
                blocks.append(self.caption())
            target = int(r.triangular(60, 520, 200))
            text = self.paragraph(target)
            while text == blocks[-1][-1]:  # the loader drops a paragraph that repeats the last
                text = self.paragraph(target)
            blocks.append([text])
        text = self.closing()
        while text == blocks[-1][-1]:
            text = self.closing()
        blocks.append([text])
        return title, blocks


def unique_lines(blocks: list[list[str]]) -> list[str]:
    """The paragraphs as the loader lays them out: a line repeating the one before counts once."""
    lines = [line for block in blocks for line in block]
    return [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]


# --- rendering ----------------------------------------------------------------------------


def dateline(r: random.Random, t: dt.datetime) -> str:
    wd = WEEKDAYS[t.weekday()]
    roll = r.random()
    if roll < 0.4:
        return f"{wd[0]}, {t:%d/%m/%Y}|{t:%H:%M}"
    if roll < 0.65:
        return f"{t:%d/%m/%Y %H:%M} GMT+7"
    if roll < 0.8:
        return f"{r.choice(wd)}, {t.day}/{t.month}/{t.year}, {t:%H:%M} (GMT+7)"
    return f"{t:%d/%m/%Y - %H:%M}"


def render_txt(r: random.Random, title: str, blocks, published: dt.datetime | None, byline) -> str:
    lines: list[str] = []
    if r.random() < 0.06:
        lines += [".", ".", ""]
    lines += [title, ""]
    if published is not None:
        lines += [dateline(r, published), ""]
    for block in blocks:
        lines += block
        lines.append("")
        if r.random() < 0.015:
            lines += ["...", ""]
    if byline:
        lines += [byline, ""]
    return "\n".join(lines)


def render_md(
    r: random.Random, title: str, blocks, published, byline, directive: Directive, unit: str
) -> str:
    meta = [f'title: "{title}"']
    if published is not None:
        meta.append(
            f"date: {published:%Y-%m-%d}"
            if r.random() < 0.3
            else f'published: "{published:%Y-%m-%dT%H:%M}+07:00"'
        )
    meta.append(f'source: "Cổng Thông tin điện tử {unit}"')
    if r.random() < 0.6:
        meta.append(f'directive: "{directive.code}"')
    if byline:
        meta.append(f'author: "{byline}"')
    out = ["---", *meta, "---", ""]
    if r.random() < 0.5:
        out += [f"# {title}", ""]
    for i, block in enumerate(blocks):
        for line in block:
            out += [f"**{line}**" if i == 0 and r.random() < 0.3 else line, ""]
    return "\n".join(out)


def json_object(
    r: random.Random,
    title: str,
    blocks,
    published,
    byline,
    directive: Directive,
    unit_slug: str,
    n: int,
) -> dict:
    paragraphs = unique_lines(blocks)
    obj: dict = {"title": title}
    if published is not None:
        obj["published"] = f"{published:%Y-%m-%dT%H:%M}"
    obj["source"] = "Báo điện tử Xây dựng Đảng (tổng hợp)"
    obj["url"] = f"https://example.vn/{unit_slug}/bai-{n}.html"
    if r.random() < 0.5:
        obj["directive"] = directive.code
    if byline:
        obj["author"] = byline
    if r.random() < 0.5:
        obj["body"] = paragraphs
    else:
        obj["text"] = "\n\n".join(paragraphs)
    return obj


# --- the corpus ---------------------------------------------------------------------------


class Folders:
    """<year>/<unit>/ folders, with -2, -3… overflow folders past MAX_FILES_PER_FOLDER."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.counts: dict[str, int] = {}
        self.made: set[str] = set()  # membership only, never iterated

    def path(self, base: str, name: str) -> Path:
        folder, n = base, 1
        while self.counts.get(folder, 0) >= MAX_FILES_PER_FOLDER:
            n += 1
            folder = f"{base}-{n}"
        self.counts[folder] = self.counts.get(folder, 0) + 1
        if folder not in self.made:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self.made.add(folder)
        return self.root / folder / name


def _prepare(out_dir: Path) -> None:
    if out_dir.exists():
        if not out_dir.is_dir():
            raise NotADirectoryError(f"{out_dir} is not a folder")
        entries = sorted(out_dir.iterdir())
        if entries and not (out_dir / MARKER).exists():
            raise FileExistsError(f"{out_dir} is not empty and was not made by gen_corpus.py")
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


def _write_marker(out_dir: Path, params: dict, stats: Stats | None) -> None:
    data = {"generator_version": GENERATOR_VERSION, **params, "complete": stats is not None}
    if stats is not None:
        data["stats"] = asdict(stats)
    (out_dir / MARKER).write_text(
        json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def generate(out_dir: Path, articles: int, seed: int = 0, formats=("txt",)) -> Stats:
    """Write `articles` articles under out_dir and return what was written."""
    out_dir = Path(out_dir)
    formats = tuple(f for f in FORMATS if f in set(formats))
    if not formats or "txt" not in formats:
        raise ValueError(f"formats must include txt and be among {', '.join(FORMATS)}")
    if articles < 0:
        raise ValueError("articles must be >= 0")
    _prepare(out_dir)
    params = {"articles": articles, "seed": seed, "formats": list(formats)}
    _write_marker(out_dir, params, None)

    w = Writer(seed)
    r = w.rng
    stats = Stats()
    folders = Folders(out_dir)
    # share of txt / md / json (a json file holds one article or a list of 2-4)
    shares = {"txt": 1.0} if formats == ("txt",) else {"txt": 0.8, "md": 0.12, "json": 0.08}
    fmt_names = [f for f in FORMATS if f in shares]
    fmt_cum = list(accumulate(shares[f] for f in fmt_names))

    def emit(base: str, stem: str, suffix: str, text: str) -> None:
        data = text.encode("utf-8")
        with open(folders.path(base, f"{stem}.{suffix}"), "wb") as fh:
            fh.write(data)
        stats.files += 1
        stats.characters += len(text)
        stats.bytes += len(data)

    n = 0
    while n < articles:
        fmt = fmt_names[bisect(fmt_cum, r.random() * fmt_cum[-1])] if len(fmt_names) > 1 else "txt"
        batch = min(r.randint(2, 4), articles - n) if fmt == "json" and r.random() < 0.6 else 1
        items = []
        for _ in range(batch):
            items.append(_one(w, n))
            n += 1
        title, blocks, published, byline, ctx = items[0]
        base = f"{ctx.event.year}/{UNIT_SLUGS[ctx.unit]}"
        stem = f"{n - batch:06d}_{r.getrandbits(48):012x}"
        if fmt == "txt":
            emit(base, stem, "txt", render_txt(r, title, blocks, published, byline))
        elif fmt == "md":
            emit(
                base,
                stem,
                "md",
                render_md(r, title, blocks, published, byline, ctx.directive, UNITS[ctx.unit][0]),
            )
        else:
            objs = [
                json_object(r, t, b, p, by, c.directive, UNIT_SLUGS[c.unit], n - batch + i)
                for i, (t, b, p, by, c) in enumerate(items)
            ]
            payload = objs[0] if batch == 1 and r.random() < 0.7 else objs
            emit(base, stem, "json", json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        for _, b, _, _, _ in items:
            stats.articles += 1
            stats.paragraphs += len(unique_lines(b))
    _write_marker(out_dir, params, stats)
    return stats


def _one(w: Writer, index: int):
    """(title, blocks, published or None, byline or None, context) of one article."""
    r = w.rng
    unit = bisect(UNIT_CUM, r.random() * UNIT_CUM[-1])
    name, kind = UNITS[unit]
    year = YEARS[r.randrange(len(YEARS))]
    event = dt.date(year, 1, 1) + dt.timedelta(days=r.randrange(365))
    published = dt.datetime.combine(
        event + dt.timedelta(days=r.choice((0, 0, 1, 1, 2, 3))),
        dt.time(r.randint(6, 21), r.randrange(60)),
    )
    # directives already issued by the event, with the skew of DIRECTIVE_WEIGHTS
    pool = [(d, wt) for d, wt in zip(DIRECTIVES, DIRECTIVE_WEIGHTS, strict=True) if d.date < event]
    directive = r.choices([d for d, _ in pool], weights=[wt for _, wt in pool])[0]
    others = [d for d, _ in pool if d is not directive]
    others = r.sample(others, min(3, len(others)))
    committee = {"tinh": "Tỉnh ủy", "tp": "Thành ủy", "khoi": "Đảng ủy Khối"}[kind]
    if kind != "khoi" and r.random() < 0.03:
        committee = committee.replace("ủy", "uỷ")  # old tone placement, for the folding rules
    ctx = Context(
        unit=unit,
        unit_name=name,
        kind=kind,
        committee=committee,
        unit_noun="thành phố" if kind == "tp" else "tỉnh",
        event=event,
        published=published,
        directive=directive,
        others=others,
        roster=w.roster(unit, year),
        roles=ROLES_KHOI if kind == "khoi" else ROLES_PROVINCE,
        years_since=year - directive.date.year,
    )
    title, blocks = Article(w, ctx).body()
    has_dateline = r.random() < 0.85
    byline = r.choice(BYLINES) if r.random() < 0.3 else None
    return title, blocks, (published if has_dateline else None), byline, ctx


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default="txt", help="comma-separated: txt (always), md, json")
    args = parser.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or "txt" not in formats:
        parser.error(f"--formats takes txt,md,json (txt required); got {args.formats!r}")
    started = time.perf_counter()
    try:
        stats = generate(args.out_dir, args.articles, args.seed, formats)
    except (FileExistsError, NotADirectoryError, ValueError) as exc:
        print(f"gen_corpus: {exc}", file=sys.stderr)
        return 2
    print(
        f"gen_corpus: {stats.summary()} in {time.perf_counter() - started:.1f} s -> {args.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
