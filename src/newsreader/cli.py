"""The scriptable face of newsreader: `newsreader [--corpus DIR] COMMAND ...`.

Data goes to stdout, messages to stderr. A bad argument is one line on stderr and exit 2;
a runtime failure exit 1; never a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from newsreader import __version__

if TYPE_CHECKING:
    from newsreader.core.library import Library
    from newsreader.core.model import Corpus

EXIT_OK, EXIT_RUNTIME, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad argument: reported as one line with exit code 2."""


class RuntimeFailure(Exception):
    """Something failed that the arguments could not foresee: one line, exit code 1."""


class OutputClosed(Exception):
    """Standard output is closed (`>&-`): there is nowhere to print the data."""


# What must not reach a terminal raw from any text we print: C0 controls but tab and newline
# (ESC starts every escape sequence), DEL and C1 (U+009B is an 8-bit CSI), bidi controls,
# line separators, and lone surrogates (undecodable bytes of a file name or argument).
_UNSAFE_OUTPUT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_output(text: str) -> str:
    """Text with every character a terminal could act on written as an escape."""
    return _UNSAFE_OUTPUT.sub(_escape_char, text)


class _SafeOutput(io.TextIOBase):
    """Stands in for stdout or stderr while a command runs: escapes what escape_output
    escapes, falls back to backslash escapes for what the stream's encoding cannot hold
    (PYTHONIOENCODING=ascii, LC_ALL=C), and copes with a closed stream."""

    def __init__(self, raw: TextIO | None, *, closed_error: bool) -> None:
        super().__init__()
        self._raw = raw
        self._closed_error = closed_error
        encoding = (getattr(raw, "encoding", None) or "utf-8").lower().replace("-", "")
        self._encoding = None if encoding in ("utf8", "utf_8") else encoding

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._raw is None:
            if self._closed_error:
                raise OutputClosed
            return len(text)
        safe = escape_output(text)
        if self._encoding is not None:
            try:
                safe.encode(self._encoding)
            except UnicodeEncodeError:
                safe = safe.encode(self._encoding, "backslashreplace").decode(self._encoding)
            except LookupError:
                pass
        self._raw.write(safe)
        return len(text)

    def flush(self) -> None:
        if self._raw is not None and not self._raw.closed:
            self._raw.flush()

    def isatty(self) -> bool:
        return self._raw is not None and self._raw.isatty()

    def fileno(self) -> int:
        if self._raw is None:
            raise OSError(9, "Bad file descriptor")
        return self._raw.fileno()

    def close_stream(self) -> None:
        """Close the stream itself (close(), also called when this object is collected,
        leaves it open)."""
        if self._raw is not None:
            self._raw.close()


@contextmanager
def _safe_streams() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    sys.stdout = _SafeOutput(saved[0], closed_error=True)
    sys.stderr = _SafeOutput(saved[1], closed_error=False)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, OutputClosed):
                pass
        sys.stdout, sys.stderr = saved


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print the whole usage block
        raise UsageError(message)


def _measure(text: str) -> int:
    from newsreader.app.settings import parse_measure

    try:
        return parse_measure(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_common(parser: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="corpus folder (default: $NEWSREADER_CORPUS, else the bundled corpus)",
    )
    parser.add_argument(  # accepted after the command too, as --corpus is
        "--lang",
        choices=["en", "vi"],
        default=argparse.SUPPRESS,
        help="language of the reader's interface",
    )
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsreader",
        description="Read a corpus of Vietnamese news about Party directives. "
        "Without a command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        help="corpus folder (default: $NEWSREADER_CORPUS, else the bundled corpus)",
    )
    parser.add_argument("--lang", choices=["en", "vi"], help="language of the reader's interface")
    parser.add_argument(
        "--measure",
        metavar="N",
        type=_measure,
        help="the reader's longest line of text, in columns (40-200; default: config.toml's "
        "[reader] measure, else 88)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    listing = commands.add_parser(
        "list",
        help="articles grouped by directive and year",
        description="List the articles, grouped by directive and year, newest first, each "
        "with the id that `show` and `bookmark add` take.",
    )
    _add_common(listing)
    show = commands.add_parser(
        "show",
        help="one article with its people, dates and directives",
        description="Print one article: title, date, directives, the people and dates found "
        "in it, and its paragraphs numbered from 1.",
    )
    show.add_argument("id", metavar="ID", type=_article_id, help="article id, as `list` prints it")
    _add_common(show)
    search = commands.add_parser(
        "search",
        help="fuzzy search without diacritics",
        description="Search titles and paragraphs. Filters: y:2024, d:39-CT/TW or d:39, "
        'p:"Lê Văn Châu", t:"Nghệ An" (the place an article reports from); everything else '
        "is words.",
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="words and filters")
    search.add_argument(
        "--limit", type=_positive_int, default=20, metavar="N", help="at most N results (20)"
    )
    _add_common(search)
    adding = commands.add_parser(
        "add",
        help="add web pages (URLs or saved .html) to the corpus as Markdown",
        description="Fetch each http(s):// URL (or read each saved .html), keep the article "
        "alone and write it as YYYY/slug.md with front matter into the corpus folder. A URL "
        "already in the corpus is not added again.",
    )
    adding.add_argument("sources", nargs="+", metavar="SOURCE", help="a URL or a .html file")
    adding.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="network timeout (20)"
    )
    _add_common(adding)
    doctor = commands.add_parser(
        "doctor",
        help="check the corpus, data and cache dirs and the terminal; say what to do",
        description="Check the corpus (articles, files, and why each skipped file was "
        "skipped), the data dir and the bookmark store (writable, PRAGMA integrity_check, "
        "schema version), the cache dir and the index, and the terminal (TERM, colours, "
        "size), with what to do about each finding. Exit status: 0 when healthy, 1 when "
        "something does not work (missing corpus folder, unwritable data or cache dir, "
        "damaged bookmark store or index). Skipped files, a small or colourless terminal "
        "are warnings: reported with advice, exit status still 0.",
    )
    _add_common(doctor)
    serve = commands.add_parser(
        "serve",
        help="serve the reader to a web browser (for colleagues without a terminal)",
        description="Serve the reader over HTTP: each browser that opens the address gets its "
        "own reader on the same corpus. Listens on 127.0.0.1 (this computer only) unless "
        "--host says otherwise; --host 0.0.0.0 shares it with the network.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=_port, default=8000, metavar="PORT", help="port (default 8000)"
    )
    _add_common(serve, json_flag=False)
    people = commands.add_parser(
        "people",
        help="every person named, with roles, articles and directives",
        description="List every person named in the corpus, most mentioned first: the roles "
        "written next to their name (with the article each was seen in), their articles, "
        "how often they are named, and the directives of those articles.",
    )
    _add_common(people)
    subs = [listing, show, search, doctor, serve, people, *_add_bookmark_commands(commands)]
    subs += _add_directive_commands(commands)
    for sub in subs:
        sub.add_argument("--version", action="version", version=f"newsreader {__version__}")
    return parser


_PARAGRAPHS_HELP = (
    "paragraph N, or N to M, numbered from 1 as the reader and `newsreader show` print them "
    "(¶1 is the first paragraph): 3 or 3-5"
)


def _add_bookmark_commands(commands) -> list[argparse.ArgumentParser]:
    bookmark = commands.add_parser("bookmark", help="add or remove one bookmark")
    actions = bookmark.add_subparsers(
        dest="bookmark_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    add = actions.add_parser(
        "add",
        help="bookmark a passage",
        description="Bookmark paragraphs of an article. Paragraphs are numbered from 1, as the "
        "reader and `newsreader show` print them (¶1 is the first): --paragraph 3 or 3-5.",
    )
    add.add_argument("id", metavar="ID", type=_article_id, help="article id, as `list` prints it")
    add.add_argument(
        "--paragraph",
        "-p",
        required=True,
        type=_paragraph_range,
        metavar="N[-M]",
        help=_PARAGRAPHS_HELP,
    )
    add.add_argument("--note", metavar="TEXT", help="a note kept with the passage")
    _add_common(add)
    remove = actions.add_parser("rm", help="remove a bookmark")
    remove.add_argument(
        "bookmark_id", metavar="BOOKMARK_ID", type=_positive_int, help="as `bookmarks` prints it"
    )
    listing = commands.add_parser(
        "bookmarks",
        help="bookmarked passages, by article",
        description="List bookmarks, each passage found again in the current text of its "
        "article; one that cannot be found is marked orphaned.",
    )
    listing.add_argument(
        "--article", metavar="ID", type=_article_id, help="only this article's bookmarks"
    )
    listing.add_argument(
        "--all", action="store_true", help="every corpus's bookmarks, not only this corpus's"
    )
    _add_common(listing)
    export = commands.add_parser(
        "export",
        help="write bookmarks with their citations (Markdown, JSON or text)",
        description="Export bookmarks. Without --output, writes "
        "newsreader-YYYYMMDD-HHMMSS.FORMAT in your documents folder; an existing file is "
        "only replaced with --force.",
    )
    export.add_argument(
        "--format",
        choices=["md", "json", "txt"],
        help="md (default, or from the --output suffix), json or txt (wrapped at 80 columns)",
    )
    export.add_argument(
        "--article", metavar="ID", type=_article_id, help="only this article's bookmarks"
    )
    export.add_argument(
        "--all", action="store_true", help="every corpus's bookmarks, not only this corpus's"
    )
    export.add_argument(
        "--output", "-o", metavar="PATH|-", help="file or folder to write; - for stdout"
    )
    export.add_argument("--force", action="store_true", help="replace an existing file")
    _add_common(export, json_flag=False)
    importing = commands.add_parser(
        "import",
        help="merge bookmarks from a JSON export",
        description="Add the bookmarks of a JSON export (`newsreader export --format json`). "
        "A passage already bookmarked is not added twice; the newer note wins.",
    )
    importing.add_argument("file", metavar="FILE", help="a JSON export")
    return [bookmark, add, remove, listing, export, importing]


def _add_directive_commands(commands) -> list[argparse.ArgumentParser]:
    directives = commands.add_parser(
        "directives",
        help="every directive in the corpus: issuer, date, subject, articles by year, reviews",
        description="List every Party document the corpus cites, the most cited first: its "
        "kind, the body that issued it and when (as the articles say), what it is about, "
        "its articles by year, the sơ kết / tổng kết reviews reported, places and the "
        "documents cited with it.",
    )
    _add_common(directives)
    directive = commands.add_parser(
        "directive",
        help="one directive's dossier with its articles; --format md writes a research brief",
        description="One directive's dossier and its articles, newest first. CODE is matched "
        "leniently: 39-CT/TW, 39, CT39, 'chỉ thị 39'. --format md prints a research brief "
        "in Markdown (facts, articles per year, each article's people and citation); with "
        "--output it is written to a file, never over an existing one unless --force.",
    )
    directive.add_argument("code", metavar="CODE", help="a directive code, as `directives` lists")
    directive.add_argument("--format", choices=["md"], help="md: a research brief in Markdown")
    directive.add_argument(
        "--output", "-o", metavar="FILE|-", help="write the brief to FILE (- for stdout)"
    )
    directive.add_argument("--force", action="store_true", help="replace an existing file")
    _add_common(directive)
    return [directives, directive]


def _paragraph_range(value: str) -> tuple[int, int]:
    """ "3" or "3-5" (1-based, as shown) to a 0-based inclusive range."""
    text = value.strip().replace("–", "-").replace("¶", "")
    first, sep, last = text.partition("-")
    try:
        low = int(first)
        high = int(last) if sep else low
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a paragraph or range: {value!r}") from None
    if low < 1 or high < 1:
        raise argparse.ArgumentTypeError(f"paragraphs are numbered from 1: {value!r}")
    if high < low:
        raise argparse.ArgumentTypeError(f"range ends before it starts: {value!r}")
    return low - 1, high - 1


def _port(value: str) -> int:
    number = _positive_int(value)
    if number > 65535:
        raise argparse.ArgumentTypeError(f"not a port (1-65535): {value}")
    return number


_LARGEST = 2**63 - 1  # SQLite's largest integer


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    if number > _LARGEST:
        raise argparse.ArgumentTypeError(f"too large: {value}")
    return number


def _article_id(value: str) -> str:
    """An id as typed; bytes that are not UTF-8 become the escapes `list` prints for them
    (an id copied from `list` is already in that form and is left as it is)."""
    return "".join(
        f"\\x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udcff" else ch for ch in value
    )


def _library(args: argparse.Namespace, *, must_exist: bool = True) -> Library:
    """The Library of --corpus (or the default corpus); a missing folder is a usage error."""
    from newsreader.core.library import Library

    library = Library.for_corpus(args.corpus)
    _OPENED.append(library)
    problem = library.root_problem()
    if must_exist and problem == "no such folder":
        raise UsageError(f"corpus folder not found: {_shown(library.root)}")
    if must_exist and problem:
        raise UsageError(f"corpus is not a folder: {_shown(library.root)}")
    return library


# The Libraries a command opened: what they noticed after the command's own reports (an
# index rebuilt when a query met a damaged page) is told when the command ends.
_OPENED: list[Library] = []


def _tell_late_notices() -> None:
    while _OPENED:
        _tell_notices(_OPENED.pop())


def _shown(path: object) -> str:
    from newsreader.core.corpus.loader import display_path

    return display_path(str(path))


def _tell_notices(library: Library) -> None:
    for notice in library.notices():
        print(f"newsreader: {notice.text}", file=sys.stderr)


def _refreshed(args: argparse.Namespace) -> Library:
    library = _library(args)
    library.refresh()
    _tell_notices(library)
    return library


# What json.dumps(ensure_ascii=False) leaves raw but a terminal may act on: DEL and the C1
# controls (U+009B is an 8-bit CSI), bidi controls, line separators, lone surrogates (which
# would not even encode). They only occur inside strings, where \uXXXX is the same text.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _print_json(data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def _report_skipped(corpus: Corpus) -> None:
    for item in corpus.skipped:
        print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
    for item in corpus.warnings:
        print(f"warning {item.path}: {item.reason}", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_list

    corpus = _refreshed(args).corpus()
    if args.json:
        _print_json(
            {
                "corpus": corpus.root,
                "articles": [a.summary() for a in corpus.articles],
                "skipped": [s.to_json() for s in corpus.skipped],
            }
        )
    else:
        sys.stdout.write(format_list(corpus.articles))
        _report_skipped(corpus)
    if not corpus.articles:
        print(
            f"no articles in {corpus.root}: add .txt, .md, .json, .jsonl or .html files, "
            "or point --corpus at another folder",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_article

    article = _refreshed(args).article(args.id)
    if article is None:
        raise UsageError(f"no article with id {args.id!r} (see `newsreader list`)")
    if args.json:
        _print_json(article.to_json())
    else:
        sys.stdout.write(format_article(article))
    return EXIT_OK


def cmd_people(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_people

    people = _refreshed(args).people()
    if args.json:
        _print_json({"people": [person.to_json() for person in people]})
    else:
        sys.stdout.write(format_people(people))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_hits

    text = " ".join(args.query)
    if not text.strip():
        raise UsageError("empty query: give words to search for, or a filter such as y:2024")
    hits = _refreshed(args).search(text, limit=args.limit)
    if args.json:
        _print_json({"query": text, "results": [hit.to_json() for hit in hits]})
    else:
        sys.stdout.write(format_hits(hits))
        if not hits:
            print(f"no results for {text!r}", file=sys.stderr)
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    timeout = args.timeout
    if timeout is not None and not 0 < timeout <= 600:
        raise UsageError(f"--timeout must be between 0 and 600 seconds: {timeout:g}")
    library = _library(args)
    if library.is_bundled:  # the package's own folder: pages added there would be lost
        raise UsageError(
            "pages are not added to the bundled sample corpus: "
            "give --corpus DIR (or set NEWSREADER_CORPUS)"
        )
    results = library.add_pages(list(args.sources), timeout=timeout)
    failed = [(source, str(result)) for source, result in results if isinstance(result, Exception)]
    done = [result for _, result in results if not isinstance(result, Exception)]
    if args.json:
        _print_json(
            {
                "added": [r.to_json() for r in done],
                "errors": [{"source": s, "error": e} for s, e in failed],
            }
        )
    else:
        for result in done:
            if result.added:
                print(f"added {result.id}: {result.title}")
            else:
                print(f"already in the corpus as {result.id}: {result.title}")
    for _, error in failed:
        print(f"newsreader: cannot add {_shown(error)}", file=sys.stderr)
    return EXIT_RUNTIME if failed else EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_doctor

    # A missing corpus is a finding here (exit 1), not a usage error.
    report = _library(args, must_exist=False).health()
    if args.json:
        _print_json(report.to_json())
    else:
        sys.stdout.write(format_doctor(report))
    return EXIT_OK if report.healthy else EXIT_RUNTIME


def cmd_serve(args: argparse.Namespace) -> int:
    from newsreader.app.serve import PortInUse, serve

    library = _library(args)
    try:
        serve(library.root, host=args.host, port=args.port, lang=args.lang)
    except PortInUse as exc:
        raise RuntimeFailure(str(exc)) from None
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    from newsreader.app import run_app

    return run_app(_library(args, must_exist=False), lang=args.lang, measure=args.measure)


def _open_store(library: Library, *, write: bool) -> None:
    """Open the bookmark store; read-only (with a warning) when only reading and it cannot
    be written."""
    from newsreader.core.library import StoreError

    try:
        library.open_store(write=write)
    except StoreError as exc:
        raise RuntimeFailure(str(exc)) from None
    finally:
        _tell_notices(library)


def cmd_bookmark(args: argparse.Namespace) -> int:
    if args.bookmark_command == "rm":
        return _bookmark_rm(args)
    return _bookmark_add(args)


def _bookmark_add(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_bookmark_line
    from newsreader.core.library import ArticleNotFound, InvalidRange, StoreError

    library = _refreshed(args)
    first, last = args.paragraph
    _open_store(library, write=True)
    try:
        bookmark, existed = library.add_bookmark(args.id, first, last, note=args.note)
    except ArticleNotFound:
        raise UsageError(f"no article with id {args.id!r} (see `newsreader list`)") from None
    except InvalidRange as exc:
        raise UsageError(str(exc)) from None
    except StoreError as exc:
        raise RuntimeFailure(str(exc)) from None
    if args.json:
        from newsreader.core.export import bookmark_entry

        _print_json(bookmark_entry(bookmark))
    else:
        verb = "already bookmarked" if existed else "bookmarked"
        print(f"{verb}: {format_bookmark_line(bookmark)}")
    return EXIT_OK


def _bookmark_rm(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_bookmark_line
    from newsreader.core.library import BookmarkNotFound, StoreError

    library = _library(args, must_exist=False)
    _open_store(library, write=True)
    try:
        bookmark = library.remove_bookmark(args.bookmark_id)
    except BookmarkNotFound:
        raise UsageError(
            f"no bookmark with id {args.bookmark_id} (see `newsreader bookmarks`)"
        ) from None
    except StoreError as exc:
        raise RuntimeFailure(str(exc)) from None
    print(f"removed: {format_bookmark_line(bookmark)}")
    return EXIT_OK


def _current_bookmarks(args: argparse.Namespace) -> tuple[Library, int, int]:
    """The library, with how many bookmarks (of --article) and articles it will list; the
    bookmarks themselves are read one article at a time (Library.bookmark_groups)."""
    library = _refreshed(args)
    _open_store(library, write=False)
    passages, articles = library.bookmark_counts(
        args.article, all_corpora=getattr(args, "all", False)
    )
    if args.article is not None and not passages and not library.has_article(args.article):
        raise UsageError(f"no article with id {args.article!r} (see `newsreader list`)")
    return library, passages, articles


def _write_chunks(chunks: Iterable[str], size: int = 1 << 16) -> None:
    """Write text made piece by piece to stdout, about `size` characters at a time (each
    write is escaped on its way out: one per bookmark would cost more than the rest)."""
    pending: list[str] = []
    held = 0
    for chunk in chunks:
        pending.append(chunk)
        held += len(chunk)
        if held >= size:
            sys.stdout.write("".join(pending))
            pending, held = [], 0
    sys.stdout.write("".join(pending))


def cmd_bookmarks(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_bookmark_group

    library, passages, _ = _current_bookmarks(args)
    sys.stdout.write("")  # a closed stdout is an error even when there is nothing to list
    groups = library.bookmark_groups(args.article, all_corpora=args.all)
    if args.json:  # {"bookmarks": [...]} as json.dumps(indent=2) writes it, item by item
        from newsreader.core.export import bookmark_entry, json_list_chunks

        items = (bookmark_entry(b) for group in groups for b in group)
        chunks = json_list_chunks({"bookmarks": []}, "bookmarks", items)
        _write_chunks(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", c) for c in chunks)
        sys.stdout.write("\n")
    else:
        _write_chunks(map(format_bookmark_group, groups))
    if not passages:
        print(
            "no bookmarks yet: add one with `newsreader bookmark add ID --paragraph N`",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from newsreader.core.export import FORMATS
    from newsreader.core.formatting import count_text
    from newsreader.core.library import NotRegularFile

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
        fmt = suffix if suffix in FORMATS else "md"
    library, passages, articles = _current_bookmarks(args)
    if not passages:
        print("newsreader: no bookmarks to export", file=sys.stderr)
    scope = {"article_id": args.article, "all_corpora": args.all}
    if args.output == "-":
        _write_chunks(library.export_chunks(fmt, **scope))
        return EXIT_OK
    path = Path(args.output).expanduser() if args.output else None
    folder = bool(args.output) and args.output.endswith(("/", os.sep))  # `-o dir/`: a folder
    try:
        written = library.export(fmt, None, path, force=args.force, folder=folder, **scope)
    except FileExistsError as exc:
        raise RuntimeFailure(
            f"{_shown(exc.filename2 or exc.filename or path)} already exists; use --force to replace it"
        ) from None
    except NotADirectoryError as exc:
        raise RuntimeFailure(
            f"{_shown(exc.filename or path)} is not a folder: nothing was written"
        ) from None
    except NotRegularFile as exc:
        raise RuntimeFailure(
            f"{_shown(exc.filename)} {exc.strerror}: nothing was written "
            "(export writes regular files, or - for stdout)"
        ) from None
    print(
        f"exported {count_text(passages, 'passage')} from "
        f"{count_text(articles, 'article')} to {_shown(written)}",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from newsreader.core.export import ImportFormatError
    from newsreader.core.formatting import count_text
    from newsreader.core.library import StoreError

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise UsageError(f"no such file: {_shown(path)}")
    library = _library(args, must_exist=False)
    _open_store(library, write=True)
    try:
        with path.open("rb") as stream:  # read as it is imported, never whole in memory
            merged = library.import_bookmarks(stream)
    except OSError as exc:
        raise RuntimeFailure(f"cannot read {_shown(path)}: {exc.strerror or exc}") from None
    except ImportFormatError as exc:
        raise UsageError(f"cannot import {_shown(path)}: {exc}") from None
    except StoreError as exc:
        raise RuntimeFailure(str(exc)) from None
    print(
        f"imported {count_text(merged.added, 'new bookmark')}"
        f" ({merged.updated} notes updated, {merged.unchanged} already there)"
    )
    return EXIT_OK


def cmd_directives(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_dossiers

    dossiers = _refreshed(args).dossiers()
    if args.json:
        _print_json({"directives": [d.to_json() for d in dossiers]})
    else:
        sys.stdout.write(format_dossiers(dossiers))
    if not dossiers:
        print("no directives are cited in this corpus", file=sys.stderr)
    return EXIT_OK


def cmd_directive(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_dossier
    from newsreader.core.dossier import match_code, near_codes
    from newsreader.core.library import NotRegularFile

    if args.json and args.format:
        raise UsageError("use --json or --format md, not both")
    if args.output and not args.format:
        raise UsageError("--output writes the brief: add --format md")
    library = _refreshed(args)
    dossiers = {d.code: d for d in library.dossiers()}
    found = match_code(args.code, dossiers)
    if not found:
        near = near_codes(args.code, dossiers)
        hint = f" (did you mean {', '.join(near)}?)" if near else " (see `newsreader directives`)"
        raise UsageError(f"no directive {args.code!r} in this corpus{hint}")
    if len(found) > 1:
        raise UsageError(f"{args.code!r} could be {', '.join(found)}: say which")
    dossier = dossiers[found[0]]
    if args.json:
        _print_json(dossier.to_json(with_articles=True))
        return EXIT_OK
    if not args.format:
        sys.stdout.write(format_dossier(dossier, with_articles=True))
        return EXIT_OK
    if not args.output or args.output == "-":
        sys.stdout.write(library.render_brief(dossier))
        return EXIT_OK
    path = Path(args.output).expanduser()
    try:
        written = library.write_brief(dossier, path, force=args.force)
    except FileExistsError as exc:
        raise RuntimeFailure(
            f"{_shown(exc.filename2 or exc.filename or path)} already exists; use --force to replace it"
        ) from None
    except IsADirectoryError:
        raise RuntimeFailure(f"{_shown(path)} is a folder: name a file") from None
    except NotRegularFile as exc:
        raise RuntimeFailure(
            f"{_shown(exc.filename)} {exc.strerror}: nothing was written "
            "(the brief is written to regular files, or - for stdout)"
        ) from None
    print(f"wrote the brief on {dossier.code} to {_shown(written)}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "people": cmd_people,
    "doctor": cmd_doctor,
    "serve": cmd_serve,
    "bookmark": cmd_bookmark,
    "bookmarks": cmd_bookmarks,
    "export": cmd_export,
    "import": cmd_import,
    "add": cmd_add,
    "directives": cmd_directives,
    "directive": cmd_directive,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    with _safe_streams():
        try:
            args = parser.parse_args(argv)
        except UsageError as exc:
            print(f"newsreader: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        handler = COMMANDS.get(args.command)
        if handler is not None:
            return _run(handler, args)
    return _run(cmd_app, args)  # the reader owns the terminal: its streams are left alone


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        try:
            return handler(args)
        finally:
            if handler is not cmd_app:
                _tell_late_notices()
            _OPENED.clear()
    except UsageError as exc:
        print(f"newsreader: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeFailure as exc:
        print(f"newsreader: {exc}", file=sys.stderr)
        return EXIT_RUNTIME
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`); nothing more to say, not even at exit.
        getattr(sys.stderr, "close_stream", sys.stderr.close)()
        return EXIT_OK
    except OutputClosed:
        print(
            "newsreader: standard output is closed: nothing was printed "
            "(redirect it to a file, or use `export --output FILE`)",
            file=sys.stderr,
        )
        return EXIT_RUNTIME
    except OSError as exc:
        print(
            f"newsreader: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return EXIT_RUNTIME
    except RecursionError:
        print("newsreader: the input is nested too deeply to read", file=sys.stderr)
        return EXIT_RUNTIME
    except MemoryError:
        print("newsreader: out of memory", file=sys.stderr)
        return EXIT_RUNTIME
    except Exception as exc:  # a bug of ours: still one line, never a traceback
        print(
            f"newsreader: unexpected error ({type(exc).__name__}: {exc}); "
            "please report it with the command that caused it",
            file=sys.stderr,
        )
        return EXIT_RUNTIME
