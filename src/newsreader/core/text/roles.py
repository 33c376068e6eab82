"""The positions written next to a person's name, by rules (no model).

Four forms: "đồng chí X, <role>, <role>", "<role> X", "X – <role>" and "X (<role>)". A
role starts with a position word (Bí thư, Phó Chủ tịch, Ủy viên, Trưởng ban…) and runs
over the organisation it names: capitalised words and acronyms ("Tỉnh ủy", "HĐND"), the
lower-case second syllables of Title-case words ("Ban Thường vụ") and the few lower-case
words a position holds ("tỉnh", "thành phố", "ban"). It ends at the next name, at ";", "."
or a bracket, at a dash, at a verb or conjunction ("dự", "chủ trì", "và"), or at two
lower-case words that are not of a position. A comma ends one role; another may follow
when the next part starts with a position word too.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["roles_near"]

# Position words a role starts with, lower-cased, longest first when matched.
_HEADS = tuple(
    sorted(
        (
            tuple(h.split())
            for h in """
            phó, bí thư, chủ tịch, ủy viên, uỷ viên, trưởng, trưởng ban, trưởng phòng,
            trưởng đoàn, giám đốc, tổng giám đốc, tổng bí thư, tổng biên tập, tổng thư ký,
            bộ trưởng, thứ trưởng, chủ nhiệm, chánh văn phòng, chánh án, chánh thanh tra,
            viện trưởng, tư lệnh, chính ủy, chính uỷ, cục trưởng, vụ trưởng, hiệu trưởng,
            đại biểu, thủ tướng, người phát ngôn, tỉnh ủy viên, tỉnh uỷ viên, thành ủy viên,
            thành uỷ viên, huyện ủy viên, huyện uỷ viên, đảng ủy viên, đảng uỷ viên,
            đại tướng, thượng tướng, trung tướng, thiếu tướng, đại tá, thượng tá, trung tá,
            thiếu tá, chỉ huy trưởng, kiểm sát viên, thẩm phán, đại sứ, tổng lãnh sự,
            nguyên
            """.split(",")
        ),
        key=len,
        reverse=True,
    )
)
_HEAD_FIRSTS = frozenset(h[0] for h in _HEADS)
# Lower-case words that may follow another lower-case word inside a role.
_ROLE_WORDS = frozenset(
    """
    ban bí thư chủ tịch viên vụ ủy uỷ tỉnh huyện xã phường quận thành phố thị trấn trực
    thường trưởng phó đốc giám nhiệm khóa khoá đoàn phòng chi bộ đảng hội đồng nhân dân
    trung ương kiểm tra tổ chức tuyên giáo dân vận nội chính văn an ninh quốc phòng đội
    """.split()
)
# Words after which a role does not go on: verbs and conjunctions of the clause.
_STOPS = frozenset(
    """
    dự tham và cùng với tại đã đang sẽ được có là làm đến về thăm của cũng vừa mới cho
    phát nhấn khẳng yêu đề trình kết giới điều chúc ghi đánh lưu chia nói nêu ký gửi tiếp
    quán nhận trả đọc trao tặng khai bế động biểu khen mong hy hi kêu thông nhấn theo như
    trong khi sau trước thì mà nhưng còn đồng ông bà anh chị
    """.split()
)
_STOP_PAIRS = frozenset(("chủ trì", "báo cáo", "chỉ đạo", "công bố", "kiểm tra", "tổ chức"))
_CLAUSE_END = re.compile(r"[;.:!?()\[\]\n\u201c\u201d\"]")
_TOKEN = re.compile(r"\S+")
_BEFORE_WINDOW = 120
_AFTER_WINDOW = 200
_CUES_BEFORE = ("đồng chí", "đ/c", "ông", "bà")
_LINK_AFTER = re.compile(r"[^\S\n]*(?:,|\(|[-\u2013\u2014])[^\S\n]*")


def _head_length(words: list[str]) -> int:
    lowered = [w.lower() for w in words[:4]]
    if not lowered or lowered[0] not in _HEAD_FIRSTS:
        return 0
    for head in _HEADS:
        if tuple(lowered[: len(head)]) == head:
            return len(head)
    return 0


def _walk(text: str, start: int, limit: int, *, several: bool) -> list[tuple[int, int]]:
    """(start, end) of the roles written from `start` on, before `limit`."""
    tokens = [(m.start(), m.end(), m[0]) for m in _TOKEN.finditer(text, start, limit)]
    roles: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        words = [t[2].rstrip(",;.:)") for t in tokens[i : i + 4]]
        head = _head_length(words)
        if head == 0:
            break
        if words[0].lower() == "nguyên":  # "nguyên Bí thư": a former position
            head = 1 + _head_length(words[1:]) if len(words) > 1 else 0
            if head == 1:
                break
        first = tokens[i][0]
        end = tokens[i + head - 1][1]
        ended = tokens[i + head - 1][2][-1:] in ",;.:)"
        i += head
        previous_lower = False
        while not ended and i < len(tokens):
            raw = tokens[i][2]
            word = raw.rstrip(",;.:)")
            if not word or not word[0].isalpha():
                break
            lower = word[0].islower()
            if lower:
                following = tokens[i + 1][2].rstrip(",;.:)") if i + 1 < len(tokens) else ""
                if word in _STOPS or f"{word} {following}" in _STOP_PAIRS:
                    break
                if previous_lower and word not in _ROLE_WORDS:
                    break
            end = tokens[i][0] + len(word)
            previous_lower = lower
            i += 1
            if raw != word:
                ended = True
        roles.append((first, end))
        # Only a comma lets another role follow; a verb, a dash or ";" ends the list.
        if not several or text[end : end + 1] != ",":
            break
    return roles


def _clause_end(text: str, start: int, limit: int) -> int:
    found = _CLAUSE_END.search(text, start, limit)
    return found.start() if found else limit


def roles_near(text: str, people: list[tuple[int, int]]) -> list[list[str]]:
    """The roles written next to each person of `text`: people are their (start, end),
    sorted and not overlapping; the answer has one list per person, in the same order."""
    starts = [s for s, _ in people]
    found: list[list[str]] = []
    for position, (start, end) in enumerate(people):
        next_index = bisect_right(starts, start)
        next_person = starts[next_index] if next_index < len(starts) else len(text)
        roles: list[str] = []
        link = _LINK_AFTER.match(text, end)
        if link:
            limit = min(next_person, end + _AFTER_WINDOW)
            opener = link[0].strip()
            if opener == "(":
                close = text.find(")", link.end(), limit)
                limit = close if close >= 0 else limit
            limit = _clause_end(text, link.end(), limit) if opener != "(" else limit
            spans = _walk(text, link.end(), limit, several=True)
            roles.extend(text[s:e].rstrip(" ,") for s, e in spans)
        previous_end = people[position - 1][1] if position > 0 else 0
        before = _role_before(text, start, previous_end)
        if before:
            roles.insert(0, before)
        found.append(list(dict.fromkeys(r for r in roles if r)))
    return found


def _role_before(text: str, start: int, previous_end: int) -> str | None:
    """ "<role> X": a role that reads right up to the name ("Bí thư Tỉnh ủy Nguyễn Văn A"),
    not reaching back across the previous person's name (ending at previous_end)."""
    low = max(0, start - _BEFORE_WINDOW, previous_end)
    window = text[low:start]
    cut = max((m.end() for m in re.finditer(r"[,;.:!?()\[\]\n\u2013\u2014\"]", window)), default=0)
    clause = window[cut:].rstrip()
    lowered = clause.lower()
    for cue in _CUES_BEFORE:
        if lowered.endswith(" " + cue) or lowered == cue:
            clause = clause[: len(clause) - len(cue)].rstrip()
            break
    if not clause:
        return None
    base = low + cut
    limit = base + len(clause)
    for token in _TOKEN.finditer(text, base, limit):
        spans = _walk(text, token.start(), limit, several=False)
        if spans and spans[0][1] == limit:
            return text[spans[0][0] : limit]
    return None
