"""The reading pane: title, meta, and the paragraphs with a gutter and a passage cursor.

The passage cursor is state, not a scroll position: `cursor` is the current paragraph index,
`range_anchor` the other end of a range started with `v` (None when there is no range),
`match` a search match lit in the text; each is a reactive whose watcher redraws and posts
`Changed`. Bookmarks and export read `passage` to know what the reader means.

Rendering uses Textual's line API: each paragraph is wrapped once per width into rich Text
lines (built from plain strings and entity spans, never from markup) and drawn with a gutter.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.app import keys
from newsreader.app.contrast import BODY, legible_strip
from newsreader.app.settings import DEFAULT_MEASURE, MAX_MEASURE, MEASURE_STEP, MIN_MEASURE
from newsreader.app.strings import Strings
from newsreader.core.formatting import datetime_text
from newsreader.core.model import Article

GUTTER = 7  # marker, ¶ number right-aligned in 4 cells, marker, space
Match = tuple[int | None, int, int]  # (paragraph, None for the title; start; end)


@dataclass(frozen=True, slots=True)
class Passage:
    """The paragraphs the reader points at: first..last inclusive (0-based)."""

    article_id: str
    first: int
    last: int


@dataclass(slots=True)
class _Line:
    kind: str  # "title", "meta", "note", "blank", "para"
    text: Text
    paragraph: int | None = None
    first: bool = False  # first line of its paragraph (carries the ¶ number)


# The kinds of entity highlighted, in the legend's order.
ENTITY_KINDS = ("person", "date", "directive", "place")


class ReaderView(ScrollView, can_focus=True, inherit_bindings=False):
    """The article being read, with the passage cursor."""

    COMPONENT_CLASSES = {
        "reader--title",
        "reader--meta",
        "reader--note",
        "reader--gutter",
        "reader--gutter-cursor",
        "reader--bookmark",
        "reader--cursor",
        "reader--range",
        "reader--person",
        "reader--date",
        "reader--directive",
        "reader--place",
        "reader--empty",
        "reader--match",
    }

    BINDINGS = keys.bindings("reader")

    highlights: var[bool] = var(True)
    cursor: var[int] = var(0)
    range_anchor: var[int | None] = var(None)
    match: var[Match | None] = var(None)
    # The longest line of text (comfortable reading), centred on wide terminals.
    measure: var[int] = var(DEFAULT_MEASURE)

    class MeasureChanged(Message):
        """`<` or `>` changed the measure: the lines are now `columns` wide at most."""

        def __init__(self, columns: int) -> None:
            super().__init__()
            self.columns = columns

    class Changed(Message):
        """The article, the cursor, the range or the highlighting changed."""

        def __init__(self, reader: ReaderView) -> None:
            super().__init__()
            self.reader = reader

    def __init__(self, strings: Strings, **kwargs) -> None:
        super().__init__(**kwargs)
        self.strings = strings
        self.article: Article | None = None
        self.labels: dict[str, str] = {}  # directive code -> label, from the index
        self._message: Text | None = None  # shown while there is no article (loading)
        self.marked: set[int] = set()  # bookmarked paragraphs (a ★ in the gutter)
        self.notes: dict[int, list[str]] = {}  # a bookmark's last paragraph -> its notes
        # A person of the article -> "Name: role; role", shown when the mouse is on the name.
        self.person_roles: dict[str, str] = {}
        self._lines: list[_Line] = []
        self._para_lines: list[tuple[int, int]] = []  # paragraph -> (first line, end line)
        self._layout_key: tuple | None = None

    # -- the passage -------------------------------------------------------------------

    @property
    def passage(self) -> Passage | None:
        if self.article is None or not self.article.paragraphs:
            return None
        first, last = self.cursor, self.cursor
        if self.range_anchor is not None:
            first, last = min(self.range_anchor, self.cursor), max(self.range_anchor, self.cursor)
        return Passage(self.article.id, first, last)

    # -- the reactive state ------------------------------------------------------------

    def _last_paragraph(self) -> int:
        return len(self.article.paragraphs) - 1 if self.article is not None else 0

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self._last_paragraph()))

    def validate_measure(self, value: int) -> int:
        return max(MIN_MEASURE, min(value, MAX_MEASURE))

    def watch_measure(self) -> None:
        if self.is_mounted:
            self._ensure_layout()
            self._scroll_to_cursor()
            self.refresh()

    def action_narrower(self) -> None:
        self._change_measure(-MEASURE_STEP)

    def action_wider(self) -> None:
        self._change_measure(MEASURE_STEP)

    def _change_measure(self, step: int) -> None:
        self.measure += step
        self.post_message(self.MeasureChanged(min(self.measure, self._text_width())))

    def validate_range_anchor(self, value: int | None) -> int | None:
        return None if value is None else max(0, min(value, self._last_paragraph()))

    def _changed(self) -> None:
        if self.is_mounted:
            self.post_message(self.Changed(self))

    def watch_cursor(self) -> None:
        self.refresh()
        self._changed()

    def watch_range_anchor(self) -> None:
        self.refresh()
        self._changed()

    def watch_match(self) -> None:
        self._layout_key = None
        self.refresh()
        self._changed()

    def watch_highlights(self) -> None:
        self._layout_key = None
        self.refresh()
        self._changed()

    def show(self, article: Article | None, paragraph: int = 0) -> None:
        """Open an article with the cursor on `paragraph` (clamped)."""
        self.article = article
        # One change, told once: set without the watchers, then redrawn and told below.
        self.set_reactive(ReaderView.range_anchor, None)
        self.set_reactive(ReaderView.match, None)
        self.set_reactive(ReaderView.cursor, self.validate_cursor(paragraph))
        self._layout_key = None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._ensure_layout()
        self._scroll_to_cursor(center=True)
        self.refresh()
        self._changed()

    def set_marked(self, marked: set[int], notes: dict[int, list[str]] | None = None) -> None:
        """The bookmarked paragraphs of the open article and the notes shown under their
        passages (set before or after show())."""
        notes = notes or {}
        if notes != self.notes:
            self.notes = notes
            self._layout_key = None
        if marked != self.marked or self._layout_key is None:
            self.marked = marked
            self.refresh()

    def set_person_roles(self, roles: dict[str, str]) -> None:
        """The open article's people -> "Name: role; role", shown on hovering the name."""
        if roles != self.person_roles:
            self.person_roles = roles
            self._layout_key = None
            self.refresh()

    def set_match(self, paragraph: int | None, start: int, end: int) -> None:
        """Light a search match (paragraph None: the title), put the cursor on its paragraph
        (the first one for the title) and scroll it into view."""
        self.match = (paragraph, start, end)
        self._ensure_layout()
        if paragraph is None:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.move_cursor(0, scroll=False)
        else:
            self.move_cursor(paragraph)
            self._scroll_to_match()

    def clear_match(self) -> bool:
        if self.match is None:
            return False
        self.match = None
        return True

    def _scroll_to_match(self) -> None:
        """A match deep in a long paragraph: bring its line into view, a third down."""
        style = self._style("reader--match")
        for number, line in enumerate(self._lines):
            if line.paragraph == self.cursor and any(s.style == style for s in line.text.spans):
                top, bottom = self._visible_range()
                if not top <= number < bottom:
                    height = max(1, self.scrollable_content_region.height)
                    target = max(0, min(number - height // 3, self.max_scroll_y))
                    self.scroll_to(y=target, animate=False, immediate=True)
                return

    def show_message(self, message: Text | None) -> None:
        """A message in place of an article (the loading progress)."""
        self._message = message
        self._layout_key = None
        self.refresh()

    def move_cursor(self, paragraph: int, *, scroll: bool = True) -> None:
        if self.article is None or not self.article.paragraphs:
            return
        self.cursor = paragraph
        if scroll:
            self._scroll_to_cursor()

    # -- actions (bound in keys.REGISTRY) --------------------------------------------------

    def action_cursor_down(self) -> None:
        if not self._cursor_visible():
            self.move_cursor(self._first_visible_paragraph(), scroll=False)
            return
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        if not self._cursor_visible():
            self.move_cursor(self._first_visible_paragraph(), scroll=False)
            return
        self.move_cursor(self.cursor - 1)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        self.move_cursor(0, scroll=False)

    def action_bottom(self) -> None:
        """The end of the article in view, the cursor on its last paragraph."""
        if self.article is None:
            return
        self._ensure_layout()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self.move_cursor(len(self.article.paragraphs) - 1, scroll=False)

    def action_extend_range(self) -> None:
        if self.article is None or not self.article.paragraphs:
            return
        self.range_anchor = self.cursor if self.range_anchor is None else None

    def action_clear_range(self) -> None:
        if self.range_anchor is not None:
            self.range_anchor = None
        else:
            self.clear_match()

    def _page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        target = self.scroll_y + direction * max(1, height - 1)
        self.scroll_to(y=max(0, min(target, self.max_scroll_y)), animate=False, immediate=True)
        if not self._cursor_visible():
            self.move_cursor(self._first_visible_paragraph(), scroll=False)

    # -- geometry ----------------------------------------------------------------------------

    def _visible_range(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + max(1, self.scrollable_content_region.height)

    def _cursor_visible(self) -> bool:
        if not self._para_lines or self.cursor >= len(self._para_lines):
            return True
        first, end = self._para_lines[self.cursor]
        top, bottom = self._visible_range()
        return first < bottom and end > top

    def _first_visible_paragraph(self) -> int:
        top, bottom = self._visible_range()
        for index, (first, end) in enumerate(self._para_lines):
            if first >= top:
                return index
            if end > top:  # a paragraph that starts above but runs into view
                if index + 1 < len(self._para_lines) and self._para_lines[index + 1][0] < bottom:
                    return index + 1
                return index
        return max(0, len(self._para_lines) - 1)

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        if not self._para_lines or self.cursor >= len(self._para_lines):
            return
        first, end = self._para_lines[self.cursor]
        if self.cursor == 0:
            first = 0  # show the title with the first paragraph
        height = max(1, self.scrollable_content_region.height)
        top, bottom = self._visible_range()
        if center and (first < top or end > bottom):
            target = first - 1 if end - first >= height else first - (height - (end - first)) // 3
        elif first < top:
            target = first - 1
        elif end > bottom:
            target = min(first - 1, end - height + 1)
        else:
            return
        target = max(0, min(target, self.max_scroll_y))
        self.scroll_to(y=target, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._ensure_layout()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._layout_key = None  # highlight styles come from the theme
        self._changed()

    # -- layout --------------------------------------------------------------------------

    def _indent(self) -> int:
        """Cells left of the gutter that centre the measure on a wide pane."""
        spare = self.scrollable_content_region.width - GUTTER - 1 - self._text_width()
        return max(0, spare // 2)

    def _text_width(self) -> int:
        width = self.scrollable_content_region.width
        return max(10, min(width - GUTTER - 1, self.measure))

    def _ensure_layout(self) -> None:
        key = (
            id(self.article),
            id(self._message),
            self._text_width(),
            self.highlights,
            self.app.theme,
            self.match,
            tuple((k, tuple(v)) for k, v in sorted(self.notes.items())),
        )
        if key == self._layout_key:
            return
        self._layout_key = key
        self._lines, self._para_lines = self._build_lines(self._text_width())
        width = self.scrollable_content_region.width
        self.virtual_size = Size(width, len(self._lines))

    def _entity_text(self, source: str, paragraph: int | None) -> Text:
        text = Text(source)
        if self.highlights and self.article is not None:
            styles = {
                kind: self.get_component_rich_style(f"reader--{kind}", partial=True)
                for kind in ENTITY_KINDS
            }
            for entity in self.article.entities_in(paragraph):
                if 0 <= entity.start < entity.end <= len(source):
                    text.stylize(styles[entity.kind], entity.start, entity.end)
                    if entity.kind == "person" and entity.value in self.person_roles:
                        # Under the mouse, the person's roles (on_mouse_move).
                        meta = Style(meta={"person": entity.value})
                        text.stylize(meta, entity.start, entity.end)
        match = self.match
        if match is not None and match[0] == paragraph and 0 <= match[1] < match[2] <= len(source):
            text.stylize(self._style("reader--match"), match[1], match[2])
        return text

    def _build_lines(self, width: int) -> tuple[list[_Line], list[tuple[int, int]]]:
        console = self.app.console
        lines: list[_Line] = []
        para_lines: list[tuple[int, int]] = []
        article = self.article
        s = self.strings
        if article is None:
            lines.append(_Line("blank", Text("")))
            message = self._message or Text(s("no_article"), style=self._style("reader--empty"))
            for line in message.split("\n"):
                lines.append(_Line("note", line))
            return lines, para_lines

        def add(kind: str, text: Text) -> None:
            for line in text.wrap(console, width, overflow="fold"):
                lines.append(_Line(kind, line))

        lines.append(_Line("blank", Text("")))
        title = self._entity_text(article.title, None)
        title.stylize_before(self._style("reader--title"))
        add("title", title)
        lines.append(_Line("blank", Text("")))
        for meta in self._meta_lines(article):
            add("meta", meta)
        lines.append(_Line("blank", Text("")))
        if not article.paragraphs:
            lines.append(_Line("note", Text(s("no_text"), style=self._style("reader--empty"))))
        for index, paragraph in enumerate(article.paragraphs):
            start = len(lines)
            wrapped = self._entity_text(paragraph, index).wrap(console, width, overflow="fold")
            for number, line in enumerate(wrapped):
                lines.append(_Line("para", line, index, number == 0))
            if not wrapped:
                lines.append(_Line("para", Text(""), index, True))
            para_lines.append((start, len(lines)))
            for note in self.notes.get(index, []):
                shown = Text("★ ", style=self._style("reader--bookmark"))
                shown.append(note, self._style("reader--note"))
                add("note", shown)
            lines.append(_Line("blank", Text("")))
        return lines, para_lines

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def _tint(self, component: str) -> Style:
        """A component's background laid over the pane's (a rich style would drop its alpha)."""
        tint = self.get_component_styles(component).background
        base = self.background_colors[1]
        if base.ansi is not None or tint.ansi is not None:
            return Style()  # the terminal's own palette: no blending, the gutter marks it
        return Style(bgcolor=(base + tint).rich_color)

    def _label(self, code: str) -> str:
        if code in self.labels:
            return self.labels[code]
        from newsreader.core.text.directives import directive_label

        return directive_label(code)

    def _meta_lines(self, article: Article) -> list[Text]:
        s = self.strings
        meta = self._style("reader--meta")
        sep = (" · ", meta)
        first = Text(style=meta)
        when = datetime_text(article.published)
        first.append(s("meta_published", when=when) if when else s("meta_no_date"))
        first.append(*sep)
        if article.year is None:
            first.append(s("meta_year_unknown"))
        elif article.year_source in ("inferred", "context"):
            first.append(s("meta_year_inferred", year=article.year), self._style("reader--note"))
        else:
            first.append(s("meta_year", year=article.year))
        codes = article.directives or ([article.directive] if article.directive else [])
        first.append(*sep)
        if codes:
            directive_style = self._style("reader--directive")
            for number, code in enumerate(codes):
                if number:
                    first.append(", ")
                first.append(self._label(code), directive_style)
        else:
            first.append(s("meta_no_directive"))
        if article.place:
            first.append(*sep)
            first.append(s("meta_place", place=article.place), self._style("reader--place"))
        result = [first]
        second = Text(style=meta)
        second.append(s("meta_file", path=article.path))
        if article.source:
            second.append(*sep)
            second.append(article.source)
        if article.byline:
            second.append(*sep)
            second.append(s("meta_byline", byline=article.byline))
        result.append(second)
        if article.year_source in ("inferred", "context"):
            note = (
                s("meta_inferred_note", note=s.year_note(article.year_note))
                if article.year_note
                else s("meta_inferred_plain")
            )
            result.append(Text(note, style=self._style("reader--note")))
        return result

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + round(self.scroll_y)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        gutter, body_style = self._gutter(line)
        text = Text(" " * self._indent())
        text.append_text(gutter)
        body = line.text.copy()
        if body_style is not None:
            body.pad_right(self._text_width() - body.cell_len)
            body.stylize_before(body_style)
        text.append_text(body)
        strip = Strip(list(text.render(self.app.console)), text.cell_len)
        strip = strip.crop_extend(round(self.scroll_x), round(self.scroll_x) + width, None)
        strip = legible_strip(strip.apply_style(base), BODY)
        if line.paragraph is not None:
            strip = strip.apply_meta({"paragraph": line.paragraph})
        return strip

    def _gutter(self, line: _Line) -> tuple[Text, Style | None]:
        if line.kind != "para" or line.paragraph is None:
            return Text(" " * GUTTER), None
        passage = self.passage
        in_range = passage is not None and passage.first <= line.paragraph <= passage.last
        is_cursor = line.paragraph == self.cursor
        number = f"{line.paragraph + 1:>4}" if line.first else "    "
        # After the number: ★ on the first line of a bookmarked paragraph, in its own style.
        star = "★" if line.first and line.paragraph in self.marked else " "
        bookmark = self._style("reader--bookmark")
        if is_cursor:
            style = self._style("reader--gutter-cursor")
            mark = "▶" if line.first else "┃"
            return Text.assemble(
                (mark, style), (number, style), (star, style + bookmark), (" ", style)
            ), self._tint("reader--cursor")
        if in_range:
            style = self._style("reader--gutter-cursor")
            return Text.assemble(
                ("┃", style), (number, style), (star, style + bookmark), (" ", style)
            ), self._tint("reader--range")
        style = self._style("reader--gutter")
        return Text.assemble(
            (" ", style), (number, style), (star, style + bookmark), (" ", style)
        ), None

    def on_mouse_move(self, event) -> None:
        person = event.style.meta.get("person") if event.style else None
        self.tooltip = self.person_roles.get(person) if isinstance(person, str) else None

    def on_click(self, event) -> None:
        paragraph = event.style.meta.get("paragraph") if event.style else None
        if isinstance(paragraph, int):
            self.move_cursor(paragraph, scroll=False)
