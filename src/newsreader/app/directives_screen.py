"""The Directives screen (D): every directive with its count, and the dossier of the one
under the cursor: a bar chart of its articles per year, its reviews on a timeline, places,
people, related documents, and its articles (Enter opens one in the reader).

The dossiers are read in a thread (every article's text is read for them). Titles, names and
subjects are data: drawn as rich Text from plain strings, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.app import keys
from newsreader.app.contrast import BODY, legible_strip
from newsreader.app.strings import Strings
from newsreader.core.dossier import Dossier, DossierArticle
from newsreader.core.formatting import date_text, datetime_text
from newsreader.core.library import Library

BAR = "█"
PARTIAL = " ▏▎▍▌▋▊▉"  # eighths of a cell, for the bar's last cell
BAR_WIDTH = 40  # cells for the largest count: looked at, not measured


def bar(value: int, largest: int, width: int) -> str:
    """A horizontal bar of block characters, `width` cells for the largest value; a value
    above zero always shows at least an eighth."""
    if largest <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value * width * 8 / largest))
    full, rest = divmod(eighths, 8)
    return BAR * full + (PARTIAL[rest] if rest else "")


class YearChart(Widget):
    """Articles per year as horizontal bars, one row per year from the first to the last
    (a year without articles shows as an empty row, so gaps are seen)."""

    COMPONENT_CLASSES = {"year-chart--bar"}
    DEFAULT_CSS = """
    YearChart { height: auto; }
    YearChart > .year-chart--bar { color: $accent; }
    """

    years: reactive[dict[int, int]] = reactive(dict, layout=True)

    def rows(self) -> list[tuple[int, int]]:
        if not self.years:
            return []
        first, last = min(self.years), max(self.years)
        return [(year, self.years.get(year, 0)) for year in range(first, last + 1)]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.rows()))

    def render(self) -> RenderResult:
        rows = self.rows()
        if not rows:
            return Text("")
        largest = max(n for _, n in rows)
        count_width = len(str(largest))
        width = max(1, min(BAR_WIDTH, self.size.width - 4 - 1 - count_width - 1))
        style = self.get_component_rich_style("year-chart--bar")
        text = Text(no_wrap=True, overflow="crop")
        for i, (year, count) in enumerate(rows):
            if i:
                text.append("\n")
            text.append(f"{year} ")
            text.append(bar(count, largest, width), style)
            text.append(f" {count}" if count else "")
        return text


class DirectiveList(OptionList, inherit_bindings=False):
    """Without OptionList's own Enter: the screen's (show the articles) answers and shows."""

    BINDINGS = [b for b in OptionList.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]

    def render_line(self, y: int) -> Strip:
        # Dim counts and the highlighted line stay legible in every theme.
        return legible_strip(super().render_line(y), BODY)


class DossierArticleList(DirectiveList):
    """The articles of the dossier under the cursor, newest first."""


class DirectivesScreen(Screen[str | None], inherit_bindings=False):
    """Dismisses with the id of the article to open, or None."""

    BINDINGS = keys.bindings("directives")

    dossiers: reactive[list[Dossier] | None] = reactive(None, init=False)
    current: reactive[Dossier | None] = reactive(None, init=False)

    def __init__(
        self,
        strings: Strings,
        library: Library,
        registry: keys.Keys,
        code: str | None = None,
    ) -> None:
        """`code`: the directive to show first (the sidebar's `i`)."""
        super().__init__()
        self.strings = strings
        self.library = library
        self.registry = registry
        self.wanted = code

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="directives"):
            yield Static(
                Content(s("directives_title")), id="directives-title", classes="dialog-title"
            )
            with Horizontal(id="directives-body"):
                yield DirectiveList(id="directives-list")
                with Vertical(id="dossier-pane"):
                    with VerticalScroll(id="dossier"):
                        yield Static(id="dossier-facts")
                        yield Static(Content(s("dossier_years")), classes="dossier-head")
                        yield YearChart(id="dossier-chart")
                        yield Static(Content(s("dossier_timeline")), classes="dossier-head")
                        yield Static(id="dossier-timeline")
                        yield Static(id="dossier-more")
                    yield Static(Content(s("dossier_articles")), classes="dossier-head")
                    yield DossierArticleList(id="dossier-articles")
            yield Static(Content(s("directives_reading")), id="directives-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(DirectiveList).focus()
        self.read_dossiers()

    @work(thread=True, exclusive=True)
    def read_dossiers(self) -> None:
        dossiers = self.library.dossiers()
        self.app.call_from_thread(setattr, self, "dossiers", dossiers)

    # -- data ----------------------------------------------------------------------------

    def watch_dossiers(self, dossiers: list[Dossier] | None) -> None:
        s = self.strings
        status = self.query_one("#directives-status", Static)
        option_list = self.query_one(DirectiveList)
        option_list.clear_options()
        if not dossiers:
            status.update(Content(s("directives_none")))
            return
        options = []
        for dossier in dossiers:
            text = Text(dossier.label, no_wrap=True, overflow="ellipsis")
            text.append(f" ({len(dossier.articles)})", "dim")
            options.append(Option(text, id=dossier.code))
        option_list.add_options(options)
        status.update(Content(s.count("directives_count", len(dossiers))))
        index = 0
        if self.wanted is not None:
            codes = [d.code for d in dossiers]
            index = codes.index(self.wanted) if self.wanted in codes else 0
        option_list.highlighted = index
        self.current = dossiers[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "directives-list" or not self.dossiers:
            return
        event.stop()
        found = [d for d in self.dossiers if d.code == event.option.id]
        if found:
            self.current = found[0]

    def watch_current(self, dossier: Dossier | None) -> None:
        if dossier is None:
            return
        self.query_one("#dossier-facts", Static).update(self._facts(dossier))
        self.query_one(YearChart).years = dict(dossier.years)
        self.query_one("#dossier-timeline", Static).update(self._timeline(dossier))
        self.query_one("#dossier-more", Static).update(self._more(dossier))
        articles = self.query_one(DossierArticleList)
        articles.clear_options()
        articles.add_options(
            [Option(self._article_entry(a), id=f"a{i}") for i, a in enumerate(dossier.articles)]
        )
        if dossier.articles:
            articles.highlighted = 0
        self.query_one("#dossier", VerticalScroll).scroll_home(animate=False)

    def _facts(self, dossier: Dossier) -> Text:
        s = self.strings
        text = Text(dossier.label, style="bold")
        if dossier.subject:
            text.append(f"\n{s('dossier_about')} {dossier.subject}")
        issuer = dossier.issuer or s("dossier_unsaid")
        issued = date_text(dossier.issued) if dossier.issued else s("dossier_unsaid")
        text.append(f"\n{s('dossier_issuer')}: {issuer}")
        text.append(f"\n{s('dossier_issued')}: {issued}")
        return text

    def _timeline(self, dossier: Dossier) -> Text:
        s = self.strings
        events: list[tuple[int, int, str]] = []
        if dossier.issued:
            issued = s("dossier_issued_on", date=date_text(dossier.issued))
            events.append((int(dossier.issued[:4]), 0, f"◆ {issued}"))
        for review in dossier.reviews:
            if review.year is not None:
                events.append((review.year, 1, f"● {review.kind} {review.years} năm"))
        if len(events) <= (1 if dossier.issued else 0):
            events.append((0, 2, s("dossier_no_reviews")))
        text = Text()
        for i, (year, _, what) in enumerate(sorted(events)):
            if i:
                text.append("\n")
            text.append(f"{year} " if year else "     ", "bold")
            text.append(what)
        return text

    def _more(self, dossier: Dossier) -> Text:
        s = self.strings
        text = Text()
        rows = [
            ("dossier_places", dossier.places),
            ("dossier_people", dossier.people),
            ("dossier_related", dossier.related),
        ]
        for i, (key, counts) in enumerate(rows):
            if i:
                text.append("\n")
            text.append(f"{s(key)}: ", "bold")
            shown = ", ".join(f"{name} ({n})" for name, n in list(counts.items())[:12])
            text.append(shown or s("dossier_none"))
        return text

    def _article_entry(self, article: DossierArticle) -> Text:
        when = datetime_text(article.published) or str(article.year or "?")
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(when, "bold")
        for extra in (article.place, article.review):
            if extra:
                text.append(f" · {extra}", "italic")
        text.append("\n  ")
        text.append(article.title)
        return text

    # -- actions (bound in keys.REGISTRY) --------------------------------------------------

    def _chosen_article(self) -> str | None:
        articles = self.query_one(DossierArticleList)
        if self.current is None or articles.highlighted is None:
            return None
        if not 0 <= articles.highlighted < len(self.current.articles):
            return None
        return self.current.articles[articles.highlighted].id

    def action_open(self) -> None:
        """Enter: on the list, go to the dossier's articles; on an article, open it."""
        if self.focused is self.query_one(DirectiveList):
            self.query_one(DossierArticleList).focus()
            return
        article_id = self._chosen_article()
        if article_id is not None:
            self.dismiss(article_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "dossier-articles":
            self.action_open()

    def action_cursor_down(self) -> None:
        widget = self.focused
        if isinstance(widget, OptionList):
            widget.action_cursor_down()
        elif isinstance(widget, VerticalScroll):
            widget.scroll_down()

    def action_cursor_up(self) -> None:
        widget = self.focused
        if isinstance(widget, OptionList):
            widget.action_cursor_up()
        elif isinstance(widget, VerticalScroll):
            widget.scroll_up()

    def action_close(self) -> None:
        self.dismiss(None)
