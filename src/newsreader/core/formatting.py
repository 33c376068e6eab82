"""What both faces print the same way: dates, ¶ ranges, counts of things.

Dates are shown in the Vietnamese order (day/month/year), as the papers print them.
"""

from __future__ import annotations


def date_text(iso: str | None) -> str:
    """2019-11-04T08:10 -> 04/11/2019; 2019-11 -> 11/2019; "" when unknown."""
    if not iso:
        return ""
    date = iso.partition("T")[0].partition(" ")[0]
    return "/".join(reversed(date.split("-")))


def datetime_text(iso: str | None) -> str:
    """2019-11-04T08:10 -> 04/11/2019 08:10 (a date alone stays a date)."""
    if not iso:
        return ""
    date, _, time = iso.partition("T")
    shown = date_text(date)
    time = time.removesuffix("Z")[:5]
    return f"{shown} {time}" if time else shown


def day_month(iso: str | None) -> str:
    """dd/mm of a full date (the sidebar puts the year on the parent node); else ""."""
    if iso and len(iso) >= 10:
        return f"{iso[8:10]}/{iso[5:7]}"
    return ""


def range_label(first: int, last: int) -> str:
    """¶ numbers as people count them (0-based index + 1): ¶3 or ¶3–4."""
    return f"¶{first + 1}" if first == last else f"¶{first + 1}–{last + 1}"


def count_text(n: int, one: str, many: str | None = None) -> str:
    """1 article, 3 articles (English plural by default: one + "s")."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
