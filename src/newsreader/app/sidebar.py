"""The sidebar: a tree of directive → year → article.

Labels are rich Text made from plain strings (a title with `[b]` in it shows `[b]`); long
titles are cut with an ellipsis to the sidebar's width, the full title is in the reading pane.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import BindingsMap
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from newsreader.app import keys
from newsreader.app.loading import LoadedCorpus
from newsreader.app.strings import Strings
from newsreader.core.model import Article

EXPAND_ALL_UP_TO = 300  # articles; larger corpora open only the path to the current article


@dataclass(frozen=True, slots=True)
class NodeData:
    article_id: str | None = None
    pending: tuple[str, ...] = ()  # a year node's article ids, not yet added as leaves


def short_date(article: Article) -> str:
    """dd/mm for the tree (the year is the parent node)."""
    if article.published and len(article.published) >= 10:
        return f"{article.published[8:10]}/{article.published[5:7]}"
    return ""


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

    def __init__(self, strings: Strings, **kwargs) -> None:
        super().__init__("corpus", data=NodeData(), **kwargs)
        self.strings = strings
        self._bindings = BindingsMap(keys.bindings("tree", strings.lang))
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.open_article_id: str | None = None
        self._article_nodes: dict[str, TreeNode[NodeData]] = {}
        self._year_nodes: dict[str, TreeNode[NodeData]] = {}  # article id -> its year node
        self._articles: dict[str, Article] = {}

    def populate(self, loaded: LoadedCorpus, current: str | None = None) -> None:
        """Build the tree from groups computed off the UI thread (see app.loading)."""
        s = self.strings
        articles = loaded.corpus.articles
        self.clear()
        self._article_nodes.clear()
        self._year_nodes.clear()
        self._articles = {a.id: a for a in articles}
        expand_all = len(articles) <= EXPAND_ALL_UP_TO
        for code, years in loaded.groups:
            label = Text(loaded.label(code) if code else s("no_directive"))
            label.append(f" ({sum(len(ids) for _, ids in years)})", "dim")
            directive_node = self.root.add(label, data=NodeData(), expand=True)
            for year, ids in years:
                year_label = Text(str(year) if year is not None else s("unknown_year"))
                year_label.append(f" ({len(ids)})", "dim")
                # Leaves are added when a year is first expanded: a 10k-leaf tree costs
                # half a second to build, and most years are never opened.
                year_node = directive_node.add(
                    year_label, data=NodeData(pending=tuple(ids)), allow_expand=True
                )
                self._year_nodes.update(dict.fromkeys(ids, year_node))
                if expand_all or current in ids:
                    self._fill(year_node)
                    year_node.expand()

    def _fill(self, year_node: TreeNode[NodeData]) -> None:
        """Add a year's articles as leaves, once."""
        data = year_node.data
        if data is None or not data.pending:
            return
        year_node.data = NodeData()
        for article_id in data.pending:
            article = self._articles[article_id]
            self._article_nodes[article_id] = year_node.add_leaf(
                article.title, data=NodeData(article_id)
            )

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self._fill(event.node)

    def process_label(self, label) -> Text:
        # Never parse a str as markup: titles and file names are data.
        return Text(label) if isinstance(label, str) else label

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        data = node.data
        if data is None or data.article_id is None:
            return super().render_label(node, base_style, style)
        article = self._articles.get(data.article_id)
        label = Text(no_wrap=True, end="")
        date = short_date(article) if article else ""
        if date:
            label.append(date, self.get_component_rich_style("article-tree--date", partial=True))
            label.append(" ")
        title = node._label.copy()
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

    def mark_open(self, article_id: str | None, *, move_cursor: bool = True) -> None:
        """Highlight the open article, expanding its groups and moving the tree cursor to it."""
        self.open_article_id = article_id
        if article_id and article_id not in self._article_nodes and article_id in self._year_nodes:
            self._fill(self._year_nodes[article_id])
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
        if node is None:
            return
        if node.data is not None and node.data.article_id is not None:
            self.post_message(self.OpenArticle(node.data.article_id, read=True))
        else:
            node.toggle()

    def action_open(self) -> None:
        node = self._current()
        if node is None:
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

    def action_top(self) -> None:
        self.action_scroll_home()

    def action_bottom(self) -> None:
        self.action_scroll_end()

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        """A click (or select_cursor) on an article opens it; on a group, toggles it."""
        event.stop()
        node = event.node
        if node.data is not None and node.data.article_id is not None:
            self.post_message(self.OpenArticle(node.data.article_id, read=False))
        else:
            node.toggle()
