"""The sidebar: a tree of directive → year → article.

It is drawn from the index's summary (directives, years, counts); a year's articles are read
from the Library when the year is first opened (id, title and date from the index's columns,
no header unpacked), so a large corpus costs nothing until then.
Labels are rich Text made from plain strings (a title with `[b]` in it shows `[b]`); long
titles are cut with an ellipsis to the sidebar's width, the full title is in the reading pane.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from newsreader.app import keys
from newsreader.app.contrast import BODY, legible_strip
from newsreader.app.strings import Strings
from newsreader.core.formatting import day_month
from newsreader.core.library import ArticleRow, Summary
from newsreader.core.model import Article

EXPAND_ALL_UP_TO = 300  # articles; larger corpora open only the path to the current article
YEAR_WINDOW = 500  # leaves a year shows at a time; a "more" row below adds the next ones
Place = tuple[str | None, int | None]  # (directive, year) of a year node


@dataclass(frozen=True, slots=True)
class NodeData:
    article_id: str | None = None
    published: str | None = None  # the date (or year) shown before the title
    place: Place | None = None  # a year node whose articles are not added yet
    directive: str | None = None  # a directive node's code
    more: bool = False  # the row under a very large year's leaves that adds the next window
    newer: bool = False  # the row above them (when they start further down the year)


class ArticleTree(Tree[NodeData], inherit_bindings=False):
    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {
        "article-tree--open",
        "article-tree--count",
        "article-tree--date",
    }

    BINDINGS = keys.bindings("tree")

    class OpenArticle(Message):
        """The user chose an article; `read` moves focus to the reading pane."""

        def __init__(self, article_id: str, read: bool) -> None:
            super().__init__()
            self.article_id = article_id
            self.read = read

    class ShowDossier(Message):
        """`i`: the dossier of the directive under the cursor (None: no directive there)."""

        def __init__(self, code: str | None) -> None:
            super().__init__()
            self.code = code

    def __init__(
        self,
        strings: Strings,
        rows_in: Callable[[str | None, int | None], list[ArticleRow]],
        **kwargs: object,
    ) -> None:
        """`rows_in(directive, year)` gives a year node's articles, newest first."""
        super().__init__("corpus", data=NodeData(), **kwargs)  # type: ignore[arg-type]
        self.strings = strings
        self.rows_in = rows_in
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.open_article_id: str | None = None
        self.summary: Summary | None = None
        self._article_nodes: dict[str, TreeNode[NodeData]] = {}
        self._year_nodes: dict[Place, TreeNode[NodeData]] = {}
        # A very large year's articles not yet shown as leaves, below and above those shown,
        # by the year node's id.
        self._unshown: dict[int, list[ArticleRow]] = {}
        self._newer: dict[int, list[ArticleRow]] = {}

    def populate(
        self, summary: Summary, here: Place | None = None, around: str | None = None
    ) -> None:
        """Draw directives and years from the summary; a year's articles are added when it
        is opened (all of them for a small corpus, else only the year `here`, a very large
        one from the window of its article `around`)."""
        s = self.strings
        self.summary = summary
        self.clear()
        self._article_nodes.clear()
        self._year_nodes.clear()
        self._unshown.clear()
        self._newer.clear()
        expand_all = summary.articles <= EXPAND_ALL_UP_TO
        for group in summary.groups:
            label = Text(group.label if group.code else s("no_directive"))
            label.append(f" ({group.count})", "dim")
            directive_node = self.root.add(label, data=NodeData(directive=group.code), expand=True)
            for year in group.years:
                year_label = Text(str(year.year) if year.year is not None else s("unknown_year"))
                year_label.append(f" ({year.count})", "dim")
                place = (group.code, year.year)
                year_node = directive_node.add(
                    year_label, data=NodeData(place=place), allow_expand=True
                )
                self._year_nodes[place] = year_node
                if expand_all or place == here:
                    self._fill(year_node, around if place == here else None)
                    year_node.expand()

    def first_article_in(self, place: Place | None) -> str | None:
        """The id of the first article of a year node that has been filled."""
        node = self._year_nodes.get(place) if place is not None else None
        for child in node.children if node is not None else ():
            if child.data is not None and child.data.article_id is not None:
                return child.data.article_id
        return None

    def _fill(self, year_node: TreeNode[NodeData], around: str | None = None) -> None:
        """Add a year's articles as leaves, once: a very large year shows YEAR_WINDOW of
        them, the first ones or the window of the article `around` (the one reopened), with
        rows that add the next ones and the newer ones (thousands of nodes at once would
        stall the first paint)."""
        data = year_node.data
        if data is None or data.place is None:
            return
        year_node.data = NodeData()
        rows = self.rows_in(*data.place)
        start = 0
        if around is not None:
            at = next((i for i, row in enumerate(rows) if row.id == around), 0)
            start = at // YEAR_WINDOW * YEAR_WINDOW
        if start:
            self._newer[year_node.id] = rows[:start]
            label = Text(self.strings("newer_articles", n=start), "dim")
            year_node.add_leaf(label, data=NodeData(newer=True))
        self._unshown[year_node.id] = rows[start:]
        self._show_more(year_node)

    def _show_newer(self, year_node: TreeNode[NodeData]) -> TreeNode[NodeData] | None:
        """Add the window of leaves above the first one shown; the last leaf added."""
        newer = self._newer.pop(year_node.id, [])
        for child in list(year_node.children):
            if child.data is not None and child.data.newer:
                child.remove()
        start = max(0, len(newer) - YEAR_WINDOW)
        added = None
        for position, row in enumerate(newer[start:]):
            added = year_node.add_leaf(
                row.title, data=NodeData(row.id, row.sort_key), before=position
            )
            self._article_nodes[row.id] = added
        if start:
            self._newer[year_node.id] = newer[:start]
            label = Text(self.strings("newer_articles", n=start), "dim")
            year_node.add_leaf(label, data=NodeData(newer=True), before=0)
        return added

    def _show_more(self, year_node: TreeNode[NodeData], through: str | None = None) -> None:
        """Add the next window of a year's leaves (and more, up to the article `through`)."""
        unshown = self._unshown.pop(year_node.id, [])
        for child in list(year_node.children):
            if child.data is not None and child.data.more:
                child.remove()
        count = YEAR_WINDOW
        if through is not None:
            at = next((i for i, a in enumerate(unshown) if a.id == through), -1)
            count = max(count, (at // YEAR_WINDOW + 1) * YEAR_WINDOW)
        for row in unshown[:count]:
            self._article_nodes[row.id] = year_node.add_leaf(
                row.title, data=NodeData(row.id, row.sort_key)
            )
        rest = unshown[count:]
        if rest:
            self._unshown[year_node.id] = rest
            label = Text(self.strings("more_articles", n=len(rest)), "dim")
            year_node.add_leaf(label, data=NodeData(more=True))

    def _more_row(self, node: TreeNode[NodeData] | None) -> bool:
        """Whether node is a "more" (or "newer") row; if so, its year's next (or previous)
        window is added."""
        if node is None or node.data is None or node.parent is None:
            return False
        if node.data.more:
            self._show_more(node.parent)
            return True
        if node.data.newer:
            last = self._show_newer(node.parent)
            if last is not None:  # the leaf just above those shown before
                self.call_after_refresh(self._move_to, last)
            return True
        return False

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self._fill(event.node)

    def render_line(self, y: int) -> Strip:
        return legible_strip(super().render_line(y), BODY)

    def process_label(self, label) -> Text:
        # Never parse a str as markup: titles and file names are data.
        return Text(label) if isinstance(label, str) else label

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        data = node.data
        if data is None or data.article_id is None:
            return super().render_label(node, base_style, style)
        label = Text(no_wrap=True, end="")
        date = day_month(data.published)
        if date:
            label.append(date, self.get_component_rich_style("article-tree--date", partial=True))
            label.append(" ")
        # Textual types TreeNode.label as str | Text; process_label made it a Text.
        title = cast(Text, node.label).copy()
        if data.article_id == self.open_article_id:
            title.stylize(self.get_component_rich_style("article-tree--open", partial=True))
        label.append_text(title)
        label.stylize(style)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        available = self.scrollable_content_region.width - (depth + 1) * self.guide_depth - 1
        if available > 8 and label.cell_len > available:
            label.truncate(available, overflow="ellipsis")
        return label

    def on_resize(self) -> None:
        self._invalidate()

    def mark_open(self, article: Article | None, *, move_cursor: bool = True) -> None:
        """Highlight the open article, expanding its groups and moving the tree cursor to it."""
        article_id = article.id if article is not None else None
        self.open_article_id = article_id
        if article is not None and article.id not in self._article_nodes:
            year_node = self._year_nodes.get((article.directive, article.year))
            if year_node is not None:
                self._fill(year_node, around=article.id)
                if article.id not in self._article_nodes and year_node.id in self._unshown:
                    self._show_more(year_node, through=article.id)
                while article.id not in self._article_nodes and year_node.id in self._newer:
                    self._show_newer(year_node)
        node = self._article_nodes.get(article_id) if article_id else None
        if node is not None:
            parent = node.parent
            while parent is not None:
                if not parent.is_expanded:
                    parent.expand()
                parent = parent.parent
            if move_cursor:
                self.call_after_refresh(self._move_to, node)
        self._invalidate()

    def _move_to(self, node: TreeNode[NodeData]) -> None:
        if node.line >= 0:
            self.move_cursor(node, animate=False)
            self.scroll_to_node(node, animate=False)

    # -- actions (bound in keys.REGISTRY) --------------------------------------------------

    def _current(self) -> TreeNode[NodeData] | None:
        return self.cursor_node

    def action_read(self) -> None:
        node = self._current()
        if node is None or self._more_row(node):
            return
        if node.data is not None and node.data.article_id is not None:
            self.post_message(self.OpenArticle(node.data.article_id, read=True))
        else:
            node.toggle()

    def action_open(self) -> None:
        node = self._current()
        if node is None or self._more_row(node):
            return
        if node.data is not None and node.data.article_id is not None:
            self.post_message(self.OpenArticle(node.data.article_id, read=False))
        elif not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def action_collapse(self) -> None:
        node = self._current()
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def action_dossier(self) -> None:
        node = self._current()
        while node is not None and node.parent is not None and node.parent is not self.root:
            node = node.parent  # an article or a year: its directive
        data = node.data if node is not None else None
        self.post_message(self.ShowDossier(data.directive if data is not None else None))

    def action_top(self) -> None:
        self.action_scroll_home()

    def action_bottom(self) -> None:
        self.action_scroll_end()

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        """A click (or select_cursor) on an article opens it; on a group, toggles it."""
        event.stop()
        node = event.node
        if self._more_row(node):
            return
        if node.data is not None and node.data.article_id is not None:
            self.post_message(self.OpenArticle(node.data.article_id, read=False))
        else:
            node.toggle()
