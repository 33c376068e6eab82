"""The one registry of key bindings.

Every key the reader answers to is listed here once: the widgets' bindings, the footer, the
help screen, the command palette and the README's key table are all made from REGISTRY.
This module does not import Textual at import time, so the README table can be rendered
without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

if TYPE_CHECKING:
    from textual.binding import BindingType

T = TypeVar("T")

Pane = Literal[
    "global",
    "tree",
    "reader",
    "dialog",
    "bookmarks",
    "form",
    "confirm",
    "search",
    "directives",
    "people",
]
PANES: tuple[Pane, ...] = (
    "global",
    "tree",
    "reader",
    "dialog",
    "bookmarks",
    "form",
    "confirm",
    "search",
    "directives",
    "people",
)

# How a Textual key name is shown to people.
_KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "question_mark": "?",
    "f1": "F1",
    "exclamation_mark": "!",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "ctrl+p": "Ctrl+P",
    "ctrl+o": "Ctrl+O",
    "alt+left": "Alt+←",
    "alt+right": "Alt+→",
    "ctrl+q": "Ctrl+Q",
    "slash": "/",
    "less_than_sign": "<",
    "greater_than_sign": ">",
}


# A keymap may name a key by the character it types.
_KEY_IDS = {name: key for key, name in _KEY_NAMES.items() if len(name) == 1 and not name.isalnum()}


def key_name(key: str) -> str:
    return _KEY_NAMES.get(key, key)


@dataclass(frozen=True, slots=True)
class KeyAction:
    """One action: the keys that run it, where, and what it does in both languages.

    `action` is a Textual action string run on the pane's widget (the app for "global").
    `footer` puts it in the footer (with `footer_key`/`footer_en`/`footer_vi` when a pair of
    actions shares one short footer entry); `palette` offers it in the command palette.
    """

    id: str
    pane: Pane
    keys: tuple[str, ...]
    action: str
    en: str
    vi: str
    footer: bool = False
    footer_key: str | None = None
    footer_pair: str | None = None  # the action sharing this footer entry ("j/k")
    footer_en: str | None = None
    footer_vi: str | None = None
    palette: bool = True
    priority: bool = False  # before the focused widget's own binding of the key

    def description(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def footer_description(self, lang: str) -> str:
        if lang == "vi":
            return self.footer_vi or self.vi
        return self.footer_en or self.en

    @property
    def display(self) -> str:
        return " ".join(key_name(k) for k in self.keys)


REGISTRY: tuple[KeyAction, ...] = (
    # Everywhere
    KeyAction(
        "focus_next",
        "global",
        ("tab",),
        "app.focus_next",
        "Next pane",
        "Khung kế tiếp",
        palette=False,
    ),
    KeyAction(
        "focus_previous",
        "global",
        ("shift+tab",),
        "app.focus_previous",
        "Previous pane",
        "Khung trước",
        palette=False,
    ),
    KeyAction(
        "previous_article",
        "global",
        ("left_square_bracket",),
        "screen.previous_article",
        "Previous article (sidebar order)",
        "Bài trước (theo thứ tự cây)",
        footer=True,
        footer_key="[ ]",
        footer_pair="next_article",
        footer_en="article",
        footer_vi="bài",
    ),
    KeyAction(
        "next_article",
        "global",
        ("right_square_bracket",),
        "screen.next_article",
        "Next article (sidebar order)",
        "Bài sau (theo thứ tự cây)",
    ),
    KeyAction(
        "history_back",
        "global",
        ("alt+left", "ctrl+o"),
        "screen.history_back",
        "Back to the article read before",
        "Quay lại bài đã đọc trước",
    ),
    KeyAction(
        "history_forward",
        "global",
        ("alt+right",),
        "screen.history_forward",
        "Forward again (after going back)",
        "Tiến tới lại (sau khi quay lại)",
    ),
    KeyAction(
        "search",
        "global",
        ("slash",),
        "screen.search",
        "Search text: every article, as you type",
        "Tìm trong nội dung mọi bài, ngay khi gõ",
        footer=True,
        footer_en="search",
        footer_vi="tìm",
    ),
    KeyAction(
        "toggle_sidebar",
        "global",
        ("s",),
        "screen.toggle_sidebar",
        "Show or hide the article tree",
        "Hiện/ẩn cây bài viết",
        footer_en="sidebar",
        footer_vi="cây",
    ),
    KeyAction(
        "toggle_highlights",
        "global",
        ("m",),
        "screen.toggle_highlights",
        "Highlights of people, dates, directives, places on/off",
        "Bật/tắt tô sáng người, ngày tháng, chỉ thị, địa danh",
        footer_en="highlights",
        footer_vi="tô sáng",
    ),
    KeyAction(
        "show_skipped",
        "global",
        ("exclamation_mark",),
        "screen.show_skipped",
        "Files skipped while loading, with reasons",
        "Các tệp bị bỏ qua và lý do",
    ),
    KeyAction(
        "help",
        "global",
        ("question_mark", "f1"),
        "app.help",
        "Help: every key",
        "Trợ giúp: mọi phím tắt",
        footer=True,
        footer_en="help",
        footer_vi="trợ giúp",
    ),
    KeyAction(
        "command_palette",
        "global",
        ("ctrl+p",),
        "app.command_palette",
        "Command palette: open an article, run an action, change theme",
        "Bảng lệnh: mở bài, chạy thao tác, đổi giao diện",
        palette=False,
        footer_key="^p",
        footer_en="palette",
        footer_vi="bảng lệnh",
    ),
    KeyAction(
        "bookmarks",
        "global",
        ("B",),
        "screen.bookmarks",
        "Bookmarks: every marked passage, by article",
        "Dấu trang: mọi đoạn đã đánh dấu, theo bài",
    ),
    KeyAction(
        "directives",
        "global",
        ("D",),
        "screen.directives",
        "Directives: each one's dossier (years, reviews, places, people)",
        "Chỉ thị: hồ sơ từng văn bản (năm, sơ kết, tổng kết, địa phương, người)",
    ),
    KeyAction(
        "people",
        "global",
        ("P",),
        "screen.people",
        "People: everyone named, with roles and articles",
        "Nhân vật: mọi người được nêu tên, chức vụ và bài viết",
    ),
    KeyAction(
        "add_page",
        "global",
        ("A",),
        "screen.add_page",
        "Add a web page (URL) to the corpus, then read it",
        "Thêm một trang web (URL) vào kho bài, rồi đọc",
    ),
    KeyAction(
        "quit",
        "global",
        ("q", "ctrl+q"),
        "app.quit",
        "Quit",
        "Thoát",
        footer=True,
        footer_en="quit",
        footer_vi="thoát",
    ),
    # Article tree
    KeyAction(
        "tree_down",
        "tree",
        ("down", "j"),
        "cursor_down",
        "Move down",
        "Xuống",
        footer=True,
        footer_key="j/k",
        footer_pair="tree_up",
        footer_en="move",
        footer_vi="di chuyển",
        palette=False,
    ),
    KeyAction("tree_up", "tree", ("up", "k"), "cursor_up", "Move up", "Lên", palette=False),
    KeyAction(
        "tree_read",
        "tree",
        ("enter",),
        "read",
        "Open the article and read it (on a group: expand/collapse)",
        "Mở bài và đọc (trên nhóm: mở/đóng)",
        footer=True,
        footer_en="read",
        footer_vi="đọc",
        palette=False,
    ),
    KeyAction(
        "tree_open",
        "tree",
        ("right", "l"),
        "open",
        "Open the article, stay in the tree (on a group: expand)",
        "Mở bài, vẫn ở cây (trên nhóm: mở ra)",
        palette=False,
    ),
    KeyAction(
        "tree_collapse",
        "tree",
        ("left", "h"),
        "collapse",
        "Collapse the group (or go to its parent)",
        "Thu gọn nhóm (hoặc lên nhóm cha)",
        palette=False,
    ),
    KeyAction(
        "tree_toggle",
        "tree",
        ("space",),
        "toggle_node",
        "Expand or collapse the group",
        "Mở/đóng nhóm",
        palette=False,
    ),
    KeyAction("tree_top", "tree", ("g", "home"), "top", "First line", "Dòng đầu", palette=False),
    KeyAction(
        "tree_bottom", "tree", ("G", "end"), "bottom", "Last line", "Dòng cuối", palette=False
    ),
    KeyAction(
        "tree_page_down",
        "tree",
        ("pagedown",),
        "page_down",
        "Page down",
        "Trang sau",
        palette=False,
    ),
    KeyAction(
        "tree_page_up", "tree", ("pageup",), "page_up", "Page up", "Trang trước", palette=False
    ),
    KeyAction(
        "tree_dossier",
        "tree",
        ("i",),
        "dossier",
        "The dossier of the directive under the cursor",
        "Hồ sơ của chỉ thị tại con trỏ",
        palette=False,
    ),
    # Reading pane
    KeyAction(
        "cursor_down",
        "reader",
        ("down", "j"),
        "cursor_down",
        "Passage cursor to the next paragraph",
        "Con trỏ xuống đoạn sau",
        footer=True,
        footer_key="j/k",
        footer_pair="cursor_up",
        footer_en="¶",
        footer_vi="¶",
    ),
    KeyAction(
        "cursor_up",
        "reader",
        ("up", "k"),
        "cursor_up",
        "Passage cursor to the previous paragraph",
        "Con trỏ lên đoạn trước",
    ),
    KeyAction(
        "page_down",
        "reader",
        ("pagedown", "space"),
        "page_down",
        "Scroll one page down",
        "Cuộn xuống một trang",
    ),
    KeyAction(
        "page_up", "reader", ("pageup",), "page_up", "Scroll one page up", "Cuộn lên một trang"
    ),
    KeyAction(
        "top",
        "reader",
        ("g", "home"),
        "top",
        "Top: first paragraph",
        "Đầu bài: đoạn đầu tiên",
        footer=True,
        footer_key="g/G",
        footer_pair="bottom",
        footer_en="top/end",
        footer_vi="đầu/cuối",
    ),
    KeyAction(
        "bottom",
        "reader",
        ("G", "end"),
        "bottom",
        "Bottom: last paragraph",
        "Cuối bài: đoạn cuối cùng",
    ),
    KeyAction(
        "narrower",
        "reader",
        ("less_than_sign",),
        "narrower",
        "Narrower lines of text (reading width)",
        "Dòng chữ hẹp hơn (độ rộng dòng đọc)",
    ),
    KeyAction(
        "wider",
        "reader",
        ("greater_than_sign",),
        "wider",
        "Wider lines of text (up to the pane's width)",
        "Dòng chữ rộng hơn (tối đa bằng khung đọc)",
    ),
    # The passage keys act on the open article's passage from any pane (the tree too).
    KeyAction(
        "extend_range",
        "global",
        ("v",),
        "screen.extend_range",
        "Extend the passage to a range (again: drop the range)",
        "Mở rộng đoạn chọn thành khoảng (nhấn lại: bỏ)",
        footer=True,
        footer_en="range",
        footer_vi="khoảng",
    ),
    KeyAction(
        "clear_range",
        "reader",
        ("escape",),
        "clear_range",
        "Drop the range (or else the search highlight)",
        "Bỏ khoảng đã chọn (hoặc bỏ tô sáng kết quả tìm)",
    ),
    KeyAction(
        "search_next",
        "reader",
        ("n",),
        "screen.search_next",
        "Next match of the last search (on into the next article)",
        "Kết quả tìm kiếm kế tiếp (sang cả bài sau)",
        footer_key="n/N",
        footer_pair="search_previous",
        footer_en="match",
        footer_vi="kết quả",
    ),
    KeyAction(
        "search_previous",
        "reader",
        ("N",),
        "screen.search_previous",
        "Previous match of the last search",
        "Kết quả tìm kiếm trước",
    ),
    KeyAction(
        "toggle_bookmark",
        "global",
        ("b",),
        "screen.toggle_bookmark",
        "Bookmark the passage (or the range); again: remove the bookmark",
        "Đánh dấu đoạn (hoặc khoảng); nhấn lại: bỏ dấu",
        footer=True,
        footer_en="mark",
        footer_vi="dấu",
    ),
    KeyAction(
        "edit_note",
        "global",
        ("a",),
        "screen.edit_note",
        "Add or edit the note of the passage's bookmark",
        "Thêm/sửa ghi chú của đoạn đã đánh dấu",
        footer_en="note",
        footer_vi="ghi chú",
    ),
    KeyAction(
        "copy_passage",
        "global",
        ("y",),
        "screen.copy_passage",
        "Copy the passage with its citation to the clipboard",
        "Chép đoạn kèm trích dẫn vào bộ nhớ tạm",
        footer_en="copy",
        footer_vi="chép",
    ),
    KeyAction(
        "export_article",
        "global",
        ("e",),
        "screen.export_article",
        "Export this article's bookmarks (Markdown, JSON or text)",
        "Xuất các dấu trang của bài này (Markdown, JSON hoặc văn bản)",
        footer_en="export",
        footer_vi="xuất",
    ),
    # Help, skipped files
    KeyAction(
        "close",
        "dialog",
        ("escape", "q", "question_mark", "f1"),
        "close",
        "Close",
        "Đóng",
        footer=True,
        footer_key="Esc",
        palette=False,
    ),
    KeyAction(
        "dialog_down",
        "dialog",
        ("down", "j"),
        "scroll_down",
        "Scroll down",
        "Cuộn xuống",
        footer=True,
        footer_key="j/k",
        footer_pair="dialog_up",
        footer_en="scroll",
        footer_vi="cuộn",
        palette=False,
    ),
    KeyAction(
        "dialog_up", "dialog", ("up", "k"), "scroll_up", "Scroll up", "Cuộn lên", palette=False
    ),
    # Bookmarks screen (B)
    KeyAction(
        "bookmark_jump",
        "bookmarks",
        ("enter",),
        "jump",
        "Go to the passage (in the filter: back to the list)",
        "Đến đoạn đã đánh dấu (trong ô lọc: về danh sách)",
        footer=True,
        footer_en="go to",
        footer_vi="đến",
        palette=False,
    ),
    KeyAction(
        "bookmark_down",
        "bookmarks",
        ("j",),
        "cursor_down",
        "Next bookmark (↓ too)",
        "Dấu trang sau (cả ↓)",
        palette=False,
    ),
    KeyAction(
        "bookmark_up",
        "bookmarks",
        ("k",),
        "cursor_up",
        "Previous bookmark (↑ too)",
        "Dấu trang trước (cả ↑)",
        palette=False,
    ),
    KeyAction(
        "bookmark_filter",
        "bookmarks",
        ("slash",),
        "filter",
        "Filter: type words from the title, passage or note",
        "Lọc: gõ chữ trong tiêu đề, đoạn trích hoặc ghi chú",
        footer=True,
        footer_en="filter",
        footer_vi="lọc",
        palette=False,
    ),
    KeyAction(
        "bookmarks_next_field",
        "bookmarks",
        ("tab",),
        "app.focus_next",
        "Between the filter and the list",
        "Chuyển giữa ô lọc và danh sách",
        palette=False,
    ),
    KeyAction(
        "bookmarks_previous_field",
        "bookmarks",
        ("shift+tab",),
        "app.focus_previous",
        "Between the list and the filter",
        "Chuyển giữa danh sách và ô lọc",
        palette=False,
    ),
    KeyAction(
        "bookmark_delete",
        "bookmarks",
        ("d",),
        "delete",
        "Delete the bookmark",
        "Xoá dấu trang",
        footer=True,
        footer_en="delete",
        footer_vi="xoá",
        palette=False,
    ),
    KeyAction(
        "bookmark_undo",
        "bookmarks",
        ("u",),
        "undo",
        "Undo the last delete (while this screen is open)",
        "Hoàn tác lần xoá gần nhất (khi màn hình này còn mở)",
        footer=True,
        footer_en="undo",
        footer_vi="hoàn tác",
        palette=False,
    ),
    KeyAction(
        "bookmarks_all",
        "bookmarks",
        ("A",),
        "toggle_all",
        "Every corpus's bookmarks, or only this corpus's",
        "Dấu trang của mọi kho bài, hoặc chỉ kho này",
        footer=True,
        footer_en="all corpora",
        footer_vi="mọi kho",
        palette=False,
    ),
    KeyAction(
        "bookmarks_export",
        "bookmarks",
        ("e",),
        "export",
        "Export the bookmarks shown",
        "Xuất các dấu trang đang hiện",
        footer=True,
        footer_en="export",
        footer_vi="xuất",
        palette=False,
    ),
    KeyAction(
        "bookmarks_close",
        "bookmarks",
        ("escape", "q"),
        "close",
        "Close (in the filter: back to the list)",
        "Đóng (trong ô lọc: về danh sách)",
        footer=True,
        footer_key="Esc",
        footer_en="close",
        footer_vi="đóng",
        palette=False,
    ),
    # Note and export dialogs
    KeyAction(
        "form_submit",
        "form",
        ("enter",),
        "submit",
        "Save the note / write the export",
        "Lưu ghi chú / ghi tệp xuất",
        footer=True,
        footer_en="save",
        footer_vi="lưu",
        palette=False,
        priority=True,
    ),
    KeyAction(
        "form_next_field",
        "form",
        ("tab",),
        "app.focus_next",
        "Next field (the export dialog: file name, format)",
        "Ô kế tiếp (hộp xuất: tên tệp, định dạng)",
        footer=True,
        footer_en="next field",
        footer_vi="ô kế tiếp",
        palette=False,
    ),
    KeyAction(
        "form_previous_field",
        "form",
        ("shift+tab",),
        "app.focus_previous",
        "Previous field",
        "Ô trước",
        palette=False,
    ),
    KeyAction(
        "form_cancel",
        "form",
        ("escape",),
        "cancel",
        "Cancel",
        "Huỷ",
        footer=True,
        footer_key="Esc",
        footer_en="cancel",
        footer_vi="huỷ",
        palette=False,
    ),
    # Yes/no questions
    KeyAction("confirm_yes", "confirm", ("y",), "yes", "Yes", "Có", footer=True, palette=False),
    KeyAction(
        "confirm_no",
        "confirm",
        ("n", "escape"),
        "no",
        "No",
        "Không",
        footer=True,
        palette=False,
    ),  # Search panel (/)
    KeyAction(
        "search_down",
        "search",
        ("down",),
        "cursor_down",
        "Next result",
        "Kết quả sau",
        footer=True,
        footer_key="↑↓",
        footer_pair="search_up",
        footer_en="move",
        footer_vi="di chuyển",
        palette=False,
    ),
    KeyAction(
        "search_up",
        "search",
        ("up",),
        "cursor_up",
        "Previous result; in an empty box: earlier searches",
        "Kết quả trước; khi ô trống: các lần tìm trước",
        palette=False,
    ),
    KeyAction(
        "search_page_down",
        "search",
        ("pagedown",),
        "page_down",
        "Results: page down",
        "Kết quả: trang sau",
        palette=False,
    ),
    KeyAction(
        "search_page_up",
        "search",
        ("pageup",),
        "page_up",
        "Results: page up",
        "Kết quả: trang trước",
        palette=False,
    ),
    KeyAction(
        "search_open",
        "search",
        ("enter",),
        "open",
        "Open the article at the matched paragraph",
        "Mở bài tại đoạn khớp",
        footer=True,
        footer_en="open",
        footer_vi="mở",
        palette=False,
    ),
    KeyAction(
        "search_close",
        "search",
        ("escape",),
        "close",
        "Close the search and go back",
        "Đóng khung tìm kiếm và quay lại",
        footer=True,
        footer_key="Esc",
        footer_en="close",
        footer_vi="đóng",
        palette=False,
    ),
    # Directives screen (D)
    KeyAction(
        "directives_open",
        "directives",
        ("enter",),
        "open",
        "On a directive: its articles; on an article: open it in the reader",
        "Trên chỉ thị: các bài của nó; trên bài: mở bài để đọc",
        footer=True,
        footer_en="open",
        footer_vi="mở",
        palette=False,
    ),
    KeyAction(
        "directives_down",
        "directives",
        ("j",),
        "cursor_down",
        "Next line (↓ too)",
        "Dòng sau (cả ↓)",
        footer=True,
        footer_key="j/k",
        footer_pair="directives_up",
        footer_en="move",
        footer_vi="di chuyển",
        palette=False,
    ),
    KeyAction(
        "directives_up",
        "directives",
        ("k",),
        "cursor_up",
        "Previous line (↑ too)",
        "Dòng trước (cả ↑)",
        palette=False,
    ),
    KeyAction(
        "directives_next_pane",
        "directives",
        ("tab",),
        "app.focus_next",
        "Next pane: directives, dossier, articles",
        "Khung kế tiếp: chỉ thị, hồ sơ, bài viết",
        footer=True,
        footer_en="pane",
        footer_vi="khung",
        palette=False,
    ),
    KeyAction(
        "directives_previous_pane",
        "directives",
        ("shift+tab",),
        "app.focus_previous",
        "Previous pane",
        "Khung trước",
        palette=False,
    ),
    KeyAction(
        "directives_close",
        "directives",
        ("escape", "q"),
        "close",
        "Close",
        "Đóng",
        footer=True,
        footer_key="Esc",
        footer_en="close",
        footer_vi="đóng",
        palette=False,
    ),
    # People screen (P)
    KeyAction(
        "people_jump",
        "people",
        ("enter",),
        "jump",
        "Go to the mention (in the filter: to the list)",
        "Đến chỗ nêu tên (trong ô lọc: về danh sách)",
        footer=True,
        footer_en="go to",
        footer_vi="đến",
        palette=False,
    ),
    KeyAction(
        "people_next_field",
        "people",
        ("tab",),
        "app.focus_next",
        "Next field: filter, people, their articles",
        "Ô kế tiếp: ô lọc, danh sách người, bài của họ",
        footer=True,
        footer_en="next field",
        footer_vi="ô kế tiếp",
        palette=False,
    ),
    KeyAction(
        "people_previous_field",
        "people",
        ("shift+tab",),
        "app.focus_previous",
        "Previous field",
        "Ô trước",
        palette=False,
    ),
    KeyAction(
        "people_filter",
        "people",
        ("slash",),
        "filter",
        "Filter: type a name, with or without diacritics",
        "Lọc: gõ tên, có hoặc không dấu",
        footer=True,
        footer_en="filter",
        footer_vi="lọc",
        palette=False,
    ),
    KeyAction(
        "people_close",
        "people",
        ("escape",),
        "close",
        "Close",
        "Đóng",
        footer=True,
        footer_key="Esc",
        footer_en="close",
        footer_vi="đóng",
        palette=False,
    ),
)


def actions(pane: Pane | None = None) -> list[KeyAction]:
    return [a for a in REGISTRY if pane is None or a.pane == pane]


def get(action_id: str) -> KeyAction:
    for entry in REGISTRY:
        if entry.id == action_id:
            return entry
    raise KeyError(action_id)


Keymap = dict[str, tuple[str, ...]]


class Keys:
    """The registry as the user has it: in one language, with their keymap applied.

    Widgets take their bindings from here (`bound`), and the footer, help and palette
    show the same keys. A keymap maps an action id to the keys that run it instead.
    """

    def __init__(self, lang: str = "en", keymap: Keymap | None = None) -> None:
        self.lang = lang
        self.keymap = dict(keymap or {})
        self._entries = tuple(self._apply(entry) for entry in REGISTRY)
        self._classes: dict[tuple[type, str, tuple[str, ...]], type] = {}

    def _apply(self, entry: KeyAction) -> KeyAction:
        from dataclasses import replace

        keys = self.keymap.get(entry.id)
        pair = self.keymap.get(entry.footer_pair or "")
        if keys is None and pair is None:
            return entry
        own = keys or entry.keys
        footer_key = key_name(own[0])
        if entry.footer_pair:
            other = pair or get(entry.footer_pair).keys
            footer_key = f"{footer_key}/{key_name(other[0])}"
        return replace(entry, keys=own, footer_key=footer_key)

    def actions(self, pane: Pane | None = None) -> list[KeyAction]:
        return [a for a in self._entries if pane is None or a.pane == pane]

    def get(self, action_id: str) -> KeyAction:
        for entry in self._entries:
            if entry.id == action_id:
                return entry
        raise KeyError(action_id)

    def bindings(self, pane: Pane, only: tuple[str, ...] = ()) -> list[BindingType]:
        entries = [a for a in self.actions(pane) if not only or a.id in only]
        return bindings(pane, self.lang, entries)

    def bound(self, cls: type[T], pane: Pane, only: tuple[str, ...] = ()) -> type[T]:
        """cls with this registry's bindings for `pane` (those of `only`, when given): a
        subclass of the same name, so CSS type selectors still match; made once."""
        import types

        key = (cls, pane, only)
        if key not in self._classes:
            namespace = {
                "BINDINGS": self.bindings(pane, only),
                "__module__": cls.__module__,
                "__qualname__": cls.__qualname__,
            }
            self._classes[key] = types.new_class(
                cls.__name__, (cls,), {"inherit_bindings": False}, lambda ns: ns.update(namespace)
            )
        return self._classes[key]


def load_keymap(path: Path) -> tuple[Keymap, list[str]]:
    """The user's keymap file (TOML: a [keys] table of action id = key or [keys]) and what
    was wrong in it (each problem ignored, the rest applied). No file: an empty keymap."""
    import tomllib

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: {exc.strerror or exc}"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: not valid TOML ({exc})"]
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return {}, [f"{path}: [keys] must be a table of action = key"]
    known = {entry.id for entry in REGISTRY}
    keymap: Keymap = {}
    problems: list[str] = []
    for action_id, value in table.items():
        if action_id not in known:
            problems.append(f"{path}: no action {action_id!r} (see the help screen's list)")
            continue
        values = [value] if isinstance(value, str) else value
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) and v.strip() and "," not in v for v in values)
        ):
            problems.append(f"{path}: {action_id} must be a key or a list of keys")
            continue
        keymap[action_id] = tuple(_KEY_IDS.get(v.strip(), v.strip()) for v in values)
    return keymap, problems


def bindings(
    pane: Pane, lang: str = "en", entries: list[KeyAction] | None = None
) -> list[BindingType]:
    """Textual bindings for one pane; the action string is relative to the pane's widget."""
    from textual.binding import Binding

    result: list[BindingType] = []
    for entry in actions(pane) if entries is None else entries:
        result.append(
            Binding(
                ",".join(entry.keys),
                entry.action,
                entry.footer_description(lang),
                show=entry.footer,
                key_display=entry.footer_key or key_name(entry.keys[0]),
                tooltip=entry.description(lang),
                id=f"newsreader.{entry.id}",
                priority=entry.priority,
            )
        )
    return result


def markdown_table(lang: str = "en") -> str:
    """The README's key table, made from REGISTRY so it cannot drift from the app."""
    from newsreader.app.strings import Strings

    s = Strings(lang)
    head = (s("help_key"), s("help_action"))
    rows = []
    pane_title = {pane: s(f"pane_{pane}") for pane in PANES}
    rows.append(f"| {'Pane' if lang == 'en' else 'Khung'} | {head[0]} | {head[1]} |")
    rows.append("| --- | --- | --- |")
    for pane in PANES:
        for entry in actions(pane):
            keys = " ".join(f"`{_md_key(k)}`" for k in entry.keys)
            rows.append(f"| {pane_title[pane]} | {keys} | {entry.description(lang)} |")
    mouse = s("pane_mouse")
    for key, what in (
        ("mouse_key_click", "mouse_click_article"),
        ("mouse_key_click", "mouse_click_paragraph"),
        ("mouse_key_wheel", "mouse_scroll"),
    ):
        rows.append(f"| {mouse} | {s(key)} | {s(what)} |")
    return "\n".join(rows) + "\n"


def _md_key(key: str) -> str:
    name = key_name(key)
    return name.replace("|", "\\|")
