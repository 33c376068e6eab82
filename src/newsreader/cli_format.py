"""Readable text for the CLI: plain strings, no markup, no colour codes.

Nothing here is markup: "[bold]x[/]" in a title prints as those characters (plain print,
no Rich). Article text was cleaned at load; bookmark text (notes, imported passages, stores
written by older versions) is cleaned again here, so no control or escape reaches the
terminal.
"""

from __future__ import annotations

from newsreader.core.corpus.grouping import group_articles
from newsreader.core.formatting import count_text, date_text, datetime_text
from newsreader.core.model import Article
from newsreader.core.people_index import Person
from newsreader.core.text.clean import clean_line, clean_line_start
from newsreader.core.text.directives import directive_label


def format_year(article: Article) -> str:
    if article.year is None:
        return "unknown year"
    if article.year_source == "inferred":
        return f"{article.year} (inferred)"
    if article.year_source == "context":
        return f"{article.year} (from context)"
    return str(article.year)


def format_list(articles: list[Article]) -> str:
    lines: list[str] = []
    for group in group_articles(articles):
        label = directive_label(group.code) if group.code else "No directive"
        lines.append(f"{label} ({group.count})")
        for year in group.years:
            lines.append(f"  {year.year if year.year is not None else 'Unknown year'}")
            for article in year.articles:
                when = datetime_text(article.published) or format_year(article)
                lines.append(f"    {article.id}")
                lines.append(f"      {article.title}")
                people = ", ".join(article.people)
                lines.append(f"      {when}" + (f" · {people}" if people else ""))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def format_article(article: Article) -> str:
    lines = [article.title, "=" * min(len(article.title), 80)]
    meta = [
        ("Published", datetime_text(article.published) or "unknown"),
        ("Year", format_year(article) + (f" — {article.year_note}" if article.year_note else "")),
        ("Directive", ", ".join(directive_label(c) for c in article.directives) or "none"),
        ("People", ", ".join(article.people) or "none"),
        ("Place", article.place or "none"),
        (
            "Places",
            ", ".join(dict.fromkeys(e.value for e in article.entities if e.kind == "place"))
            or "none",
        ),
        (
            "Dates",
            ", ".join(dict.fromkeys(e.value for e in article.entities if e.kind == "date"))
            or "none",
        ),
        ("Byline", article.byline or ""),
        ("Source", article.source or ""),
        ("URL", article.url or ""),
        ("Path", article.path),
        ("Id", article.id),
    ]
    lines += [f"{name}: {value}" for name, value in meta if value]
    lines.append("")
    for index, paragraph in enumerate(article.paragraphs, 1):
        lines.append(f"¶{index}  {paragraph}")
        lines.append("")
    return "\n".join(lines)


def format_hits(hits) -> str:
    """Search results: score, where, title, then the snippet on its own line."""
    lines = []
    for hit in hits:
        where = "title" if hit.paragraph is None else f"¶{hit.paragraph + 1}"
        more = f"  (+{hit.more} more in this article)" if hit.more else ""
        lines.append(f"{hit.score:3d}  {hit.title}  [{where}]  {hit.article_id}{more}")
        lines.append(f"     {hit.snippet}")
    return "\n".join(lines) + ("\n" if lines else "")


def _first_line(text: str, width: int = 64) -> str:
    start = clean_line_start(text, width)
    if start is not None:  # a long quote: its start tells, without cleaning all of it
        return start[: width - 1].rstrip() + "…"
    line = clean_line(text)
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def format_bookmark_line(bookmark) -> str:
    """#3 ¶2–3 of Title (article id)"""
    return (
        f"#{bookmark.id} {bookmark.label} of {clean_line(bookmark.title)} "
        f"({clean_line(bookmark.article_id)})"
    )


def format_bookmarks(bookmarks) -> str:
    """Bookmarks by article: title and id, then #id, ¶ range, date marked, first line, note."""
    from newsreader.core.export import group_by_article

    return "".join(format_bookmark_group(group) for group in group_by_article(bookmarks))


def format_bookmark_group(group) -> str:
    """One article's part of format_bookmarks (its bookmarks in order)."""
    head = group[0]
    lines = [f"{clean_line(head.title)}  ({clean_line(head.article_id)})"]
    for bookmark in group:
        flag = "  [orphaned]" if bookmark.orphaned else ""
        marked = date_text(bookmark.created)
        lines.append(f"  #{bookmark.id}  {bookmark.label}  {marked}{flag}")
        lines.append(f"      {_first_line(bookmark.quote)}")
        if bookmark.note:
            lines.append(f"      Note: {_first_line(bookmark.note)}")
    lines.append("")
    return "\n".join(lines) + "\n"


def format_doctor(report) -> str:
    """Each check on a line (status, name, detail), the files it is about, what to do."""
    from newsreader.core.corpus.loader import display_path

    problems, warnings = report.count("problem"), report.count("warning")
    verdict = "healthy" if report.healthy else count_text(problems, "problem")
    if warnings:
        verdict += ", " + count_text(warnings, "warning")
    lines = [f"newsreader doctor: {verdict}", ""]
    for check in report.checks:
        lines.append(f"{check.status:<8} {check.name}: {check.detail}")
        for item in check.items:
            lines.append(f"           {display_path(item.path)}: {display_path(item.reason)}")
        if check.advice:
            lines.append(f"         → {check.advice}")
    return "\n".join(lines) + "\n"


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} ({n})" for name, n in counts.items())


def format_dossier(dossier, *, with_articles: bool = False) -> str:
    """One directive's dossier: facts on indented lines, then (with_articles) its articles."""
    lines = [f"{dossier.label} ({count_text(len(dossier.articles), 'article')})"]
    said = [
        dossier.issuer or "issuer not said",
        f"issued {date_text(dossier.issued)}" if dossier.issued else "date not said",
    ]
    lines.append("  " + " · ".join(said))
    if dossier.subject:
        lines.append(f"  về {dossier.subject}")
    if dossier.years:
        lines.append("  years: " + _counted({str(y): n for y, n in dossier.years.items()}))
    if dossier.reviews:
        reviews = ", ".join(f"{r.kind} {r.years} năm ({r.year or '?'})" for r in dossier.reviews)
        lines.append(f"  reviews: {reviews}")
    if dossier.places:
        lines.append(f"  places: {_counted(dossier.places)}")
    if dossier.related:
        lines.append(f"  cited with: {_counted(dossier.related)}")
    if with_articles:
        lines += ["", "Articles, newest first:"]
        for article in dossier.articles:
            when = datetime_text(article.published) or str(article.year or "unknown year")
            extra = [x for x in (article.place, article.review) if x]
            lines.append(f"  {when} · {article.id}" + "".join(f" · {x}" for x in extra))
            lines.append(f"    {article.title}")
    return "\n".join(lines) + "\n"


def format_dossiers(dossiers) -> str:
    return "\n".join(format_dossier(d) for d in dossiers)


def format_people(people: list[Person]) -> str:
    lines: list[str] = []
    for person in people:
        articles = count_text(len(person.articles), "article")
        lines.append(f"{person.name} — {count_text(person.mentions, 'mention')} in {articles}")
        for role in person.roles:
            lines.append(f"    {role.role}  ({role.article})")
        if person.directives:
            lines.append("  directives: " + ", ".join(person.directives))
        lines.append("  articles: " + ", ".join(person.articles))
    return "\n".join(lines) + ("\n" if lines else "")
