"""Every string the reader's interface shows, in English and Vietnamese.

Strings here are plain text, never markup: callers turn them into `Content`/`Text` as they
are. Placeholders ({n}, {path}) are filled with str.format and the result is still plain text.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.core.library import Notice
    from newsreader.core.model import Skipped

LANGUAGES = ("en", "vi")
_YEARS_AFTER = re.compile(r"(?P<years>\d+) years after (?P<code>\S+) of (?P<day>[\d/]+)")

_STRINGS: dict[str, dict[str, str]] = {
    "app_name": {"en": "newsreader", "vi": "newsreader"},
    "articles_count": {"en": "{n} articles", "vi": "{n} bài"},
    "articles_count_one": {"en": "1 article", "vi": "1 bài"},
    "passages_count": {"en": "{n} passages", "vi": "{n} đoạn"},
    "passages_count_one": {"en": "1 passage", "vi": "1 đoạn"},
    "article_count_one": {"en": "1 article", "vi": "1 bài"},
    "no_directive": {"en": "No directive", "vi": "Không có chỉ thị"},
    "unknown_year": {"en": "Unknown year", "vi": "Không rõ năm"},
    "more_articles": {"en": "… {n} more (Enter)", "vi": "… còn {n} bài (Enter)"},
    "newer_articles": {"en": "… {n} newer (Enter)", "vi": "… còn {n} bài mới hơn (Enter)"},
    "loading": {"en": "Loading the corpus…", "vi": "Đang đọc kho bài…"},
    "loading_progress": {
        "en": "Loading the corpus… {done}/{total} files",
        "vi": "Đang đọc kho bài… {done}/{total} tệp",
    },
    "skipped_notice": {
        "en": "{n} files skipped — press ! to see why",
        "vi": "Bỏ qua {n} tệp — nhấn ! để xem lý do",
    },
    "skipped_notice_one": {
        "en": "1 file skipped — press ! to see why",
        "vi": "Bỏ qua 1 tệp — nhấn ! để xem lý do",
    },
    "skipped_title": {"en": "Skipped files", "vi": "Các tệp bị bỏ qua"},
    "skipped_none": {"en": "No file was skipped.", "vi": "Không có tệp nào bị bỏ qua."},
    "skipped_intro": {
        "en": "These files in {root} were not loaded:",
        "vi": "Các tệp sau trong {root} không được đọc:",
    },
    "warnings_intro": {
        "en": "Loaded, with something ignored:",
        "vi": "Đã đọc, nhưng có phần bị bỏ qua:",
    },
    "col_file": {"en": "File", "vi": "Tệp"},
    "col_reason": {"en": "Reason", "vi": "Lý do"},
    "close_hint": {"en": "Esc or q to close", "vi": "Esc hoặc q để đóng"},
    "empty_title": {"en": "No articles to read", "vi": "Chưa có bài để đọc"},
    "empty_looked": {"en": "newsreader looked in:", "vi": "newsreader đã tìm trong:"},
    "empty_reason": {"en": "({reason})", "vi": "({reason})"},
    "empty_how": {
        "en": "To add articles, put .txt, .md, .json, .jsonl or .html files in that folder (subfolders "
        "are read too), or start newsreader on another folder:",
        "vi": "Để thêm bài, đặt các tệp .txt, .md, .json, .jsonl hoặc .html vào thư mục đó (cả thư mục "
        "con), hoặc mở newsreader với thư mục khác:",
    },
    "empty_cmd": {"en": "newsreader --corpus DIR", "vi": "newsreader --corpus THƯ_MỤC"},
    "empty_env": {"en": "or set NEWSREADER_CORPUS=DIR", "vi": "hoặc đặt NEWSREADER_CORPUS=THƯ_MỤC"},
    "empty_quit": {"en": "Press q to quit.", "vi": "Nhấn q để thoát."},
    "help_title": {"en": "Keys", "vi": "Phím tắt"},
    "help_key": {"en": "Key", "vi": "Phím"},
    "help_action": {"en": "Action", "vi": "Tác dụng"},
    "pane_global": {"en": "Everywhere", "vi": "Mọi nơi"},
    "pane_tree": {"en": "Article tree", "vi": "Cây bài viết"},
    "pane_reader": {"en": "Reading pane", "vi": "Khung đọc"},
    "pane_dialog": {"en": "Help, skipped files", "vi": "Trợ giúp, tệp bỏ qua"},
    "pane_mouse": {"en": "Mouse", "vi": "Chuột"},
    "mouse_key_click": {"en": "Click", "vi": "Nhấp"},
    "mouse_key_wheel": {"en": "Wheel", "vi": "Con lăn"},
    "mouse_click_article": {
        "en": "Click an article in the tree to open it",
        "vi": "Nhấp vào một bài trên cây để mở",
    },
    "mouse_click_paragraph": {
        "en": "Click a paragraph to put the cursor on it",
        "vi": "Nhấp vào một đoạn để đặt con trỏ",
    },
    "mouse_scroll": {
        "en": "Wheel scrolls the pane under the pointer",
        "vi": "Con lăn cuộn khung dưới con trỏ chuột",
    },
    "legend": {"en": "Highlights:", "vi": "Tô sáng:"},
    "legend_person": {"en": "person", "vi": "người"},
    "legend_date": {"en": "date", "vi": "ngày tháng"},
    "legend_directive": {"en": "directive", "vi": "văn bản chỉ đạo"},
    "legend_place": {"en": "place", "vi": "địa danh"},
    "meta_place": {"en": "in {place}", "vi": "tại {place}"},
    "role_status": {"en": "{name}: {role}", "vi": "{name}: {role}"},
    "legend_off": {"en": "Highlights off", "vi": "Đã tắt tô sáng"},
    "legend_toggle": {"en": "({key}: on/off)", "vi": "({key}: bật/tắt)"},
    "meta_published": {"en": "Published {when}", "vi": "Đăng {when}"},
    "meta_no_date": {"en": "Publication date unknown", "vi": "Không rõ ngày đăng"},
    "meta_year": {"en": "year {year}", "vi": "năm {year}"},
    "meta_year_inferred": {"en": "year {year}*", "vi": "năm {year}*"},
    "meta_year_unknown": {"en": "year unknown", "vi": "không rõ năm"},
    "meta_inferred_note": {"en": "* Year inferred: {note}", "vi": "* Năm được suy ra: {note}"},
    "meta_inferred_plain": {
        "en": "* Year inferred from the text",
        "vi": "* Năm được suy ra từ nội dung",
    },
    "meta_no_directive": {"en": "no directive", "vi": "không có chỉ thị"},
    "meta_byline": {"en": "by {byline}", "vi": "tác giả {byline}"},
    "meta_file": {"en": "file {path}", "vi": "tệp {path}"},
    "no_text": {"en": "This article has no text.", "vi": "Bài này không có nội dung."},
    "no_article": {"en": "No article open.", "vi": "Chưa mở bài nào."},
    "range_status": {"en": "¶{first}–{last}/{total}", "vi": "¶{first}–{last}/{total}"},
    "para_status": {"en": "¶{n}/{total}", "vi": "¶{n}/{total}"},
    "palette_open": {"en": "Open article", "vi": "Mở bài"},
    "palette_action": {"en": "Action", "vi": "Thao tác"},
    "state_not_saved": {
        "en": "Reading position not saved: {error}",
        "vi": "Không lưu được vị trí đọc: {error}",
    },
    "first_article": {"en": "This is the first article.", "vi": "Đây là bài đầu tiên."},
    "last_article": {"en": "This is the last article.", "vi": "Đây là bài cuối cùng."},
    "highlights_on": {"en": "Highlights on", "vi": "Đã bật tô sáng"},
    "highlights_off": {"en": "Highlights off", "vi": "Đã tắt tô sáng"},
    # Bookmarks (issue 5)
    "pane_bookmarks": {"en": "Bookmarks screen", "vi": "Màn hình dấu trang"},
    "pane_people": {"en": "People screen", "vi": "Màn hình nhân vật"},
    "pane_form": {"en": "Note and export dialogs", "vi": "Hộp ghi chú và xuất tệp"},
    "pane_confirm": {"en": "Yes/no questions", "vi": "Câu hỏi có/không"},
    "store_read_only": {
        "en": "Bookmarks are read-only: {error}",
        "vi": "Dấu trang chỉ đọc được: {error}",
    },
    "store_read_only_short": {
        "en": "Cannot change bookmarks: the data folder is read-only (reading still works).",
        "vi": "Không sửa được dấu trang: thư mục dữ liệu chỉ đọc (vẫn đọc bài được).",
    },
    "store_failed": {
        "en": "Bookmarks cannot be saved this session: {error}",
        "vi": "Phiên này không lưu được dấu trang: {error}",
    },
    "store_not_ready": {
        "en": "The bookmark store is still opening.",
        "vi": "Kho dấu trang đang được mở.",
    },
    "no_passage": {"en": "No passage to mark here.", "vi": "Không có đoạn nào để đánh dấu."},
    "bookmark_added": {
        "en": "Bookmarked {label} (B: all bookmarks)",
        "vi": "Đã đánh dấu {label} (B: mọi dấu trang)",
    },
    "bookmark_removed": {"en": "Bookmark {label} removed", "vi": "Đã bỏ dấu {label}"},
    "note_title": {"en": "Note for {label}", "vi": "Ghi chú cho {label}"},
    "note_placeholder": {"en": "Your note", "vi": "Ghi chú của bạn"},
    "note_hint": {
        "en": "Enter saves (empty clears the note) · Esc cancels",
        "vi": "Enter để lưu (để trống: xoá ghi chú) · Esc để huỷ",
    },
    "note_saved": {"en": "Note saved on {label}", "vi": "Đã lưu ghi chú cho {label}"},
    "note_cleared": {"en": "Note cleared on {label}", "vi": "Đã xoá ghi chú của {label}"},
    "copied": {
        "en": "Copied {label} with its citation to the clipboard",
        "vi": "Đã chép {label} kèm trích dẫn vào bộ nhớ tạm",
    },
    "people_title": {"en": "People", "vi": "Nhân vật"},
    "people_filter": {
        "en": "Filter (/): a name, diacritics optional",
        "vi": "Lọc (/): tên người, có dấu hay không đều được",
    },
    "people_loading": {"en": "Reading the articles…", "vi": "Đang đọc các bài…"},
    "people_none": {
        "en": "No one is named in this corpus.",
        "vi": "Kho bài này không nêu tên ai.",
    },
    "people_count": {"en": "{n} people", "vi": "{n} người"},
    "people_count_one": {"en": "1 person", "vi": "1 người"},
    "people_count_filtered": {"en": "{n} of {total} people", "vi": "{n} trên {total} người"},
    "people_mentions": {"en": "{n} mentions", "vi": "{n} lần nêu tên"},
    "people_mentions_one": {"en": "1 mention", "vi": "1 lần nêu tên"},
    "people_roles": {"en": "Roles", "vi": "Chức vụ"},
    "people_no_roles": {"en": "No role written next to the name.", "vi": "Không ghi chức vụ."},
    "people_articles": {"en": "Articles", "vi": "Bài viết"},
    "people_directives": {"en": "Directives: {codes}", "vi": "Văn bản: {codes}"},
    "bookmarks_title": {"en": "Bookmarks", "vi": "Dấu trang"},
    "bookmarks_title_all": {
        "en": "Bookmarks of every corpus",
        "vi": "Dấu trang của mọi kho bài",
    },
    "bookmarks_elsewhere": {"en": "(corpus {corpus})", "vi": "(kho {corpus})"},
    "bookmarks_jump_elsewhere": {
        "en": "This bookmark was made in {corpus}: open newsreader there to read it.",
        "vi": "Dấu trang này thuộc kho {corpus}: hãy mở newsreader ở đó để đọc.",
    },
    "bookmarks_filter": {
        "en": "Filter (/): words from the title, passage or note",
        "vi": "Lọc (/): chữ trong tiêu đề, đoạn trích hoặc ghi chú",
    },
    "bookmarks_none": {
        "en": "No bookmarks yet: press b on a passage while reading.",
        "vi": "Chưa có dấu trang: nhấn b trên một đoạn khi đọc.",
    },
    "bookmarks_count": {"en": "{n} bookmarks", "vi": "{n} dấu trang"},
    "bookmarks_count_one": {"en": "1 bookmark", "vi": "1 dấu trang"},
    "bookmarks_count_filtered": {
        "en": "{n} of {total} bookmarks",
        "vi": "{n} trên {total} dấu trang",
    },
    "bookmarks_undo_hint": {"en": "u: undo delete ({n})", "vi": "u: hoàn tác xoá ({n})"},
    "bookmarks_marked": {"en": "marked {date}", "vi": "đánh dấu {date}"},
    "bookmarks_note": {"en": "Note: {note}", "vi": "Ghi chú: {note}"},
    "bookmarks_orphaned": {
        "en": "⚠ orphaned: not found in the current text",
        "vi": "⚠ lạc: không còn thấy trong bài hiện tại",
    },
    "bookmarks_article_gone": {
        "en": "(no longer in the corpus)",
        "vi": "(không còn trong kho bài)",
    },
    "bookmarks_nothing_to_undo": {"en": "Nothing to undo.", "vi": "Không có gì để hoàn tác."},
    "bookmark_deleted": {
        "en": "Bookmark {label} deleted — u to undo",
        "vi": "Đã xoá dấu {label} — nhấn u để hoàn tác",
    },
    "bookmark_restored": {"en": "Bookmark {label} restored", "vi": "Đã khôi phục dấu {label}"},
    "bookmark_article_gone": {
        "en": "That article is no longer in the corpus; its passage is kept in the bookmark.",
        "vi": "Bài này không còn trong kho; đoạn trích vẫn được giữ trong dấu trang.",
    },
    "bookmark_not_found": {
        "en": "The passage is no longer in the article's text.",
        "vi": "Đoạn này không còn trong nội dung bài.",
    },
    "export_title": {"en": "Export bookmarks", "vi": "Xuất dấu trang"},
    "export_what": {
        "en": "{passages} from {articles}",
        "vi": "{passages} từ {articles}",
    },
    "export_format": {"en": "Format", "vi": "Định dạng"},
    "export_format_md": {"en": "Markdown (.md)", "vi": "Markdown (.md)"},
    "export_format_json": {"en": "JSON (.json)", "vi": "JSON (.json)"},
    "export_format_txt": {"en": "Plain text (.txt)", "vi": "Văn bản thường (.txt)"},
    "export_file": {"en": "File", "vi": "Tệp"},
    "export_full": {
        "en": "Will write {format} to: {path}",
        "vi": "Sẽ ghi {format} vào: {path}",
    },
    "export_hint": {
        "en": "Enter writes the file · Tab: format (or type .md, .json, .txt) · Esc cancels",
        "vi": "Enter để ghi tệp · Tab: định dạng (hoặc gõ .md, .json, .txt) · Esc để huỷ",
    },
    "export_no_path": {"en": "Type a file name.", "vi": "Hãy gõ tên tệp."},
    "export_is_folder": {
        "en": "{path} is a folder: add a file name.",
        "vi": "{path} là thư mục: hãy thêm tên tệp.",
    },
    "export_exists": {
        "en": "{path} already exists. Replace it?",
        "vi": "{path} đã có. Ghi đè?",
    },
    "export_exists_now": {
        "en": "{path} appeared meanwhile; nothing was written.",
        "vi": "{path} vừa xuất hiện; chưa ghi gì.",
    },
    "export_not_replaced": {
        "en": "Not replaced: {path}. Choose another file name.",
        "vi": "Không ghi đè: {path}. Hãy chọn tên tệp khác.",
    },
    "export_failed": {
        "en": "Cannot write {path}: {error}",
        "vi": "Không ghi được {path}: {error}",
    },
    "export_nothing": {"en": "Nothing to export.", "vi": "Không có gì để xuất."},
    "export_none_here": {
        "en": "This article has no bookmarks yet: b marks a passage, B lists them all.",
        "vi": "Bài này chưa có dấu trang: b để đánh dấu, B để xem tất cả.",
    },
    "exported": {
        "en": "Exported {passages} to {path}",
        "vi": "Đã xuất {passages} vào {path}",
    },
    "confirm_hint": {"en": "y: yes · n or Esc: no", "vi": "y: có · n hoặc Esc: không"},
    # Search (/, n, N)
    "pane_search": {"en": "Search panel", "vi": "Khung tìm kiếm"},
    "pane_directives": {"en": "Directives screen", "vi": "Màn hình chỉ thị"},
    "directives_title": {"en": "Directives", "vi": "Chỉ thị"},
    "directives_reading": {
        "en": "Reading the articles for the dossiers…",
        "vi": "Đang đọc các bài để lập hồ sơ…",
    },
    "directives_none": {
        "en": "No directive is cited in this corpus.",
        "vi": "Kho bài này không nhắc tới chỉ thị nào.",
    },
    "directives_count": {"en": "{n} directives", "vi": "{n} văn bản"},
    "directives_count_one": {"en": "1 directive", "vi": "1 văn bản"},
    "dossier_years": {"en": "Articles per year", "vi": "Số bài theo năm"},
    "dossier_timeline": {"en": "Timeline", "vi": "Mốc thời gian"},
    "dossier_articles": {"en": "Articles, newest first", "vi": "Các bài, mới nhất trước"},
    "dossier_about": {"en": "About:", "vi": "Về:"},
    "dossier_issuer": {"en": "Issued by", "vi": "Cơ quan ban hành"},
    "dossier_issued": {"en": "Issued", "vi": "Ngày ban hành"},
    "dossier_issued_on": {"en": "issued {date}", "vi": "ban hành {date}"},
    "dossier_unsaid": {"en": "not said in the corpus", "vi": "các bài không nêu"},
    "dossier_no_reviews": {"en": "no review reported", "vi": "chưa có bài sơ kết, tổng kết"},
    "dossier_places": {"en": "Places", "vi": "Địa phương"},
    "dossier_people": {"en": "People", "vi": "Người"},
    "dossier_related": {"en": "Cited with", "vi": "Trích cùng"},
    "dossier_none": {"en": "none", "vi": "không có"},
    "dossier_no_directive": {
        "en": "No directive here: move to a directive, a year or an article",
        "vi": "Không có chỉ thị ở đây: chuyển tới một chỉ thị, năm hoặc bài",
    },
    "search_title": {"en": "Search the text", "vi": "Tìm trong nội dung"},
    "search_placeholder": {
        "en": 'Words, a phrase, y:2024, d:39-CT/TW, p:"Lê Văn Châu", t:"Nghệ An"',
        "vi": 'Từ, cụm từ, y:2024, d:39-CT/TW, p:"Lê Văn Châu", t:"Nghệ An"',
    },
    "search_history": {
        "en": "Earlier searches (↑ recalls them)",
        "vi": "Các lần tìm trước (↑ để gọi lại)",
    },
    "search_no_history": {
        "en": "Type to search every article; no accents needed.",
        "vi": "Gõ để tìm trong mọi bài; không cần gõ dấu.",
    },
    "search_none": {"en": "No results for “{query}”", "vi": "Không tìm thấy “{query}”"},
    "search_count_one": {"en": "1 result", "vi": "1 kết quả"},
    "search_count": {
        "en": "{n} results in {articles} articles",
        "vi": "{n} kết quả trong {articles} bài",
    },
    "search_count_one_article": {
        "en": "{n} results in 1 article",
        "vi": "{n} kết quả trong 1 bài",
    },
    "search_count_capped": {
        "en": "The best {n} results, in {articles} articles",
        "vi": "{n} kết quả tốt nhất, trong {articles} bài",
    },
    "year_note_after": {
        "en": "{years} years after {code} of {day}",
        "vi": "{years} năm sau {code} ngày {day}",
    },
    "palette_placeholder": {"en": "Search for commands…", "vi": "Tìm lệnh…"},
    "palette_themes": {"en": "Search for themes…", "vi": "Tìm giao diện…"},
    "system_theme": {"en": "Theme", "vi": "Giao diện"},
    "system_theme_help": {
        "en": "Change the colours (every theme stays readable)",
        "vi": "Đổi giao diện màu (giao diện nào cũng dễ đọc)",
    },
    "system_quit": {"en": "Quit", "vi": "Thoát"},
    "system_quit_help": {"en": "Quit newsreader", "vi": "Thoát newsreader"},
    "system_screenshot": {"en": "Screenshot", "vi": "Chụp màn hình"},
    "system_screenshot_help": {
        "en": "Save an SVG picture of the screen",
        "vi": "Lưu ảnh SVG của màn hình",
    },
    "system_maximize": {"en": "Maximize", "vi": "Phóng to"},
    "system_maximize_help": {"en": "Maximize the focused pane", "vi": "Phóng to khung đang chọn"},
    "system_minimize": {"en": "Minimize", "vi": "Thu nhỏ"},
    "system_minimize_help": {"en": "Back to the normal layout", "vi": "Về bố cục thường"},
    "screenshot_saved": {"en": "Screenshot saved: {path}", "vi": "Đã lưu ảnh màn hình: {path}"},
    "screenshot_failed": {
        "en": "Cannot save the screenshot in {path}: {error}",
        "vi": "Không lưu được ảnh màn hình vào {path}: {error}",
    },
    "history_end": {"en": "No further article in the history.", "vi": "Hết bài trong lịch sử đọc."},
    "search_no_exact": {
        "en": "No exact match for “{query}”; closest:",
        "vi": "Không có kết quả khớp đúng “{query}”; gần nhất:",
    },
    "search_fuzzy_divider": {
        "en": "── closest matches (not the exact words) ──",
        "vi": "── kết quả gần đúng (không khớp đúng từ) ──",
    },
    "search_para": {"en": "¶{n}", "vi": "¶{n}"},
    "search_status": {"en": "match {n}/{total}", "vi": "kết quả {n}/{total}"},
    "search_in_title": {"en": "title", "vi": "tiêu đề"},
    "search_more_one": {"en": "+1 more in this article", "vi": "+1 kết quả nữa trong bài này"},
    "search_more": {"en": "+{n} more in this article", "vi": "+{n} kết quả nữa trong bài này"},
    "search_failed": {"en": "Search failed: {error}", "vi": "Tìm kiếm bị lỗi: {error}"},
    "search_no_articles": {"en": "No articles to search.", "vi": "Không có bài để tìm."},
    "search_nothing_yet": {
        "en": "No search yet: press / to search.",
        "vi": "Chưa tìm gì: nhấn / để tìm.",
    },
    "search_wrapped_first": {
        "en": "Back to the first match of “{query}”",
        "vi": "Quay lại kết quả đầu tiên của “{query}”",
    },
    "search_wrapped_last": {
        "en": "On to the last match of “{query}”",
        "vi": "Về kết quả cuối cùng của “{query}”",
    },
    "search_history_not_saved": {
        "en": "Search history not saved: {error}",
        "vi": "Không lưu được lịch sử tìm kiếm: {error}",
    },
    "sample_corpus": {"en": "sample corpus", "vi": "kho bài mẫu"},
    "load_failed": {
        "en": "The corpus could not be loaded: {error}",
        "vi": "Không đọc được kho bài: {error}",
    },
    "keymap_problem": {
        "en": "Keymap: {problem} (ignored)",
        "vi": "Tệp phím tắt: {problem} (bỏ qua)",
    },
    "add_page_title": {"en": "Add a web page", "vi": "Thêm một trang web"},
    "add_page_subtitle": {
        "en": "Its address (http:// or https://) or a saved .html file: the article alone is "
        "kept, as a .md file in the corpus folder",
        "vi": "Địa chỉ (http:// hoặc https://) hoặc một tệp .html đã lưu: chỉ giữ phần bài "
        "viết, thành một tệp .md trong thư mục kho bài",
    },
    "add_page_hint": {
        "en": "Enter saves the page in the corpus · Esc cancels",
        "vi": "Enter để lưu trang vào kho bài · Esc để huỷ",
    },
    "add_page_empty": {
        "en": "Type a web address first",
        "vi": "Hãy gõ một địa chỉ web trước",
    },
    "add_page_not_url": {
        "en": "Not a web address (http:// or https://) or a saved .html file",
        "vi": "Không phải địa chỉ web (http:// hoặc https://) hay tệp .html đã lưu",
    },
    "add_page_fetching": {"en": "Adding {source}…", "vi": "Đang thêm {source}…"},
    "add_page_added": {"en": "Added: {title}", "vi": "Đã thêm: {title}"},
    "add_page_known": {
        "en": "Already in the corpus: {title}",
        "vi": "Đã có trong kho bài: {title}",
    },
    "add_page_failed": {
        "en": "Could not add {source}: {error}",
        "vi": "Không thêm được {source}: {error}",
    },
    # Why a page was not added (core.corpus.adding.AddError kinds); {detail} is the system's.
    "add_error_not_page": {
        "en": "the address is not a web page ({type})",
        "vi": "địa chỉ này không phải một trang web ({type})",
    },
    "add_error_http": {
        "en": "the server answered {status}",
        "vi": "máy chủ trả lời {status}",
    },
    "add_error_timeout": {
        "en": "no answer within {seconds} s",
        "vi": "không có trả lời sau {seconds} giây",
    },
    "add_error_network": {
        "en": "the page could not be fetched ({detail})",
        "vi": "không tải được trang ({detail})",
    },
    "add_error_too_large": {
        "en": "the page is larger than {mb} MB",
        "vi": "trang lớn hơn {mb} MB",
    },
    "add_error_not_source": {
        "en": "neither an http(s):// address nor a .html file",
        "vi": "không phải địa chỉ http(s):// hay tệp .html",
    },
    "add_error_unreadable": {
        "en": "the file cannot be read ({detail})",
        "vi": "không đọc được tệp ({detail})",
    },
    "add_error_no_article": {
        "en": "no article found in the page ({detail})",
        "vi": "không thấy bài viết nào trong trang ({detail})",
    },
    "add_error_appeared": {
        "en": "{path} appeared while adding; nothing was written",
        "vi": "{path} vừa xuất hiện trong lúc thêm; chưa ghi gì",
    },
    "add_error_cannot_write": {
        "en": "cannot write {path} ({detail})",
        "vi": "không ghi được {path} ({detail})",
    },
    "add_page_busy": {
        "en": "Still adding {source}: one page at a time",
        "vi": "Vẫn đang thêm {source}: mỗi lần một trang",
    },
    "add_page_sample": {
        "en": "Pages are not added to the sample corpus: open your own folder "
        "(newsreader --corpus DIR) to add pages to it",
        "vi": "Không thêm trang vào kho bài mẫu: hãy mở thư mục của bạn "
        "(newsreader --corpus DIR) để thêm trang vào đó",
    },
    "add_page_wait_loading": {
        "en": "The corpus is still loading: add the page when it is done",
        "vi": "Kho bài vẫn đang tải: hãy thêm trang khi tải xong",
    },
    "settings_problem": {
        "en": "Settings: {problem} (the default is used)",
        "vi": "Tệp cài đặt: {problem} (dùng giá trị mặc định)",
    },
    "measure_now": {
        "en": "Reading width: {measure} columns",
        "vi": "Độ rộng dòng đọc: {measure} cột",
    },
    # How the Library opened things (core.library.NoticeKind)
    "notice_index_unusable": {
        "en": "The index cannot be kept in the cache folder: {detail}",
        "vi": "Không lưu được chỉ mục trong thư mục bộ nhớ đệm: {detail}",
    },
    "notice_index_rebuilt": {"en": "{detail}", "vi": "Đã dựng lại chỉ mục: {detail}"},
    "notice_store_read_only": {
        "en": "Bookmarks are read-only: {detail}",
        "vi": "Dấu trang chỉ đọc được: {detail}",
    },
    "notice_store_moved": {
        "en": "{detail}",
        "vi": "Kho dấu trang bị hỏng đã được dời đi: {detail}",
    },
    "notice_store_unusable": {
        "en": "Bookmarks cannot be saved this session: {detail}",
        "vi": "Phiên này không lưu được dấu trang: {detail}",
    },
    # Why a file was skipped (core.model.SkipKind); English shows the loader's own reason.
    "skip_missing": {"en": "{detail}", "vi": "không có thư mục này"},
    "skip_too_large": {"en": "{detail}", "vi": "tệp quá lớn (đặt NEWSREADER_MAX_FILE_MB)"},
    "skip_binary": {"en": "{detail}", "vi": "tệp nhị phân, không phải văn bản"},
    "skip_encoding": {"en": "{detail}", "vi": "không phải văn bản UTF-8 hay Windows-1258"},
    "skip_empty": {"en": "{detail}", "vi": "tệp rỗng, không có nội dung"},
    "skip_json": {"en": "{detail}", "vi": "JSON không hợp lệ"},
    "skip_json_shape": {"en": "{detail}", "vi": "JSON không phải là một bài viết"},
    "skip_too_deep": {"en": "{detail}", "vi": "lồng quá sâu, không đọc được"},
    "skip_front_matter": {"en": "{detail}", "vi": "phần đầu (front matter) bị bỏ qua"},
    "skip_date": {"en": "{detail}", "vi": "ngày đăng không đọc được, bị bỏ qua"},
    "skip_not_article": {"en": "{detail}", "vi": "không phải định dạng bài viết"},
    "skip_no_article": {"en": "{detail}", "vi": "trang web không có bài viết"},
    "skip_loop": {"en": "{detail}", "vi": "thư mục đã đọc (liên kết vòng)"},
    "skip_broken_link": {"en": "{detail}", "vi": "liên kết hỏng"},
    "skip_unreadable": {"en": "{detail}", "vi": "không có quyền đọc"},
    "skip_special": {"en": "{detail}", "vi": "không phải tệp thường"},
    "skip_other": {"en": "{detail}", "vi": "không đọc được"},
}


def detect_language(requested: str | None = None, environ: dict[str, str] | None = None) -> str:
    """--lang wins; else a Vietnamese locale (LC_ALL, LC_MESSAGES, LANG starting with vi)."""
    if requested in LANGUAGES:
        return requested
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


class Strings:
    """The strings of one language: `strings("key", n=3)`."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in LANGUAGES else "en"

    def __call__(self, key: str, **values: object) -> str:
        text = _STRINGS[key][self.lang]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in _STRINGS

    def count(self, key: str, n: int, **values: object) -> str:
        """A counted phrase: `key` + "_one" when there is one of them (and that string exists)."""
        one = f"{key}_one"
        return self(one if n == 1 and one in _STRINGS else key, n=n, **values)

    def year_note(self, note: str) -> str:
        """The loader's note on an inferred year ("10 years after 39-CT/TW of 18/08/2014"),
        in this language."""
        found = _YEARS_AFTER.fullmatch(note)
        if self.lang == "en" or found is None:
            return note
        return self("year_note_after", years=found["years"], code=found["code"], day=found["day"])

    def skip_reason(self, item: Skipped) -> str:
        """Why a file was skipped, in this language."""
        return self(f"skip_{item.kind.value}", detail=item.detail)

    def notice(self, notice: Notice) -> str:
        return self(f"notice_{notice.kind.value}", detail=notice.text)


def missing_translations() -> list[str]:
    return [key for key, langs in _STRINGS.items() if set(langs) != set(LANGUAGES)]
