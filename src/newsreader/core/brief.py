"""A research brief on one directive, in Markdown, ready to paste into a report: the facts
of its dossier, a table of articles per year, then each article with its people (and their
positions, when known) and its citation, in the form `export` cites passages."""

from __future__ import annotations

import unicodedata

from newsreader.core.dossier import Dossier, DossierArticle
from newsreader.core.export import article_citation
from newsreader.core.formatting import count_text, date_text, datetime_text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _md(text: str) -> str:
    """Text that Markdown reads as written: its own marks escaped, on one line."""
    out = _one_line(text)
    for mark in "\\`*[]<>|":  # an underscore inside a word is no emphasis
        out = out.replace(mark, "\\" + mark)
    return out


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{_md(name)} ({n})" for name, n in counts.items())


def person_line(name: str, roles: tuple[str, ...]) -> str:
    """ "Nguyễn Văn A (Bí thư Tỉnh ủy)" or the name alone."""
    return f"{_md(name)} ({'; '.join(_md(r) for r in roles)})" if roles else _md(name)


def _facts(dossier: Dossier) -> list[str]:
    years = list(dossier.years)
    span = f" ({years[0]}–{years[-1]})" if len(years) > 1 else f" ({years[0]})" if years else ""
    facts = [
        ("Code", dossier.code),
        ("Kind", dossier.kind or "unknown"),
        ("Issued by", dossier.issuer or "not said in the corpus"),
        ("Issued", date_text(dossier.issued) or "not said in the corpus"),
        ("About", dossier.subject or "not said in the corpus"),
        ("Articles", count_text(len(dossier.articles), "article") + span),
    ]
    lines = [f"- {name}: {_md(value)}" for name, value in facts]
    if dossier.reviews:
        reviews = ", ".join(f"{r.kind} {r.years} năm ({r.year or '?'})" for r in dossier.reviews)
        lines.append(f"- Reviews: {_md(reviews)}")
    if dossier.places:
        lines.append(f"- Places: {_counts(dossier.places)}")
    if dossier.related:
        lines.append(f"- Cited with: {_counts(dossier.related)}")
    return lines


def _year_table(dossier: Dossier) -> list[str]:
    reviews: dict[int | None, list[str]] = {}
    for review in dossier.reviews:
        reviews.setdefault(review.year, []).append(f"{review.kind} {review.years} năm")
    lines = ["| Year | Articles | Reviews |", "| --- | ---: | --- |"]
    for year, count in dossier.years.items():
        lines.append(f"| {year} | {count} | {_md(', '.join(reviews.get(year, [])))} |")
    undated = sum(1 for a in dossier.articles if a.year is None)
    if undated:
        lines.append(f"| unknown | {undated} | |")
    return lines


def _article(article: DossierArticle) -> list[str]:
    lines = [f"### {_md(article.title) or _md(article.id)}", ""]
    when = datetime_text(article.published) or (str(article.year) if article.year else "unknown")
    lines.append(f"- Date: {when}")
    if article.place:
        lines.append(f"- Place: {_md(article.place)}")
    if article.review:
        lines.append(f"- Review: {_md(article.review)}")
    if article.people:
        people = ", ".join(person_line(p, article.roles.get(p, ())) for p in article.people)
        lines.append(f"- People: {people}")
    lines += [f"- Id: {_md(article.id)}", ""]
    citation = article_citation(
        article.title, article.published, article.year, article.path or article.id
    )
    lines += [_md(citation), ""]
    return lines


def render_brief(dossier: Dossier) -> str:
    title = dossier.label + (f" về {dossier.subject}" if dossier.subject else "")
    lines = [f"# {_md(title)}", "", *_facts(dossier), ""]
    lines += ["## Articles per year", "", *_year_table(dossier), ""]
    lines += ["## Articles, newest first", ""]
    for article in dossier.articles:
        lines += _article(article)
    return unicodedata.normalize("NFC", "\n".join(lines).rstrip("\n") + "\n")
