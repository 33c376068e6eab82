"""The scriptable face of newsreader: `newsreader [--corpus DIR] COMMAND ...`.

Data goes to stdout, messages to stderr. A bad argument is one line on stderr and exit 2;
a runtime failure exit 1; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newsreader import __version__, locations

EXIT_OK, EXIT_RUNTIME, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad argument: reported as one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print the whole usage block
        raise UsageError(message)


def _add_common(parser: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="corpus folder (default: $NEWSREADER_CORPUS, else the bundled corpus)",
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    listing = commands.add_parser("list", help="articles grouped by directive and year")
    _add_common(listing)
    show = commands.add_parser("show", help="one article with its people, dates and directives")
    show.add_argument("id", metavar="ID", help="article id, as `list` prints it")
    _add_common(show)
    search = commands.add_parser(
        "search",
        help="fuzzy search without diacritics",
        description="Search titles and paragraphs. Filters: y:2024, d:39-CT/TW or d:39, "
        'p:"Lê Văn Châu"; everything else is words.',
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="words and filters")
    search.add_argument(
        "--limit", type=_positive_int, default=20, metavar="N", help="at most N results (20)"
    )
    _add_common(search)
    for sub in (listing, show, search):
        sub.add_argument("--version", action="version", version=f"newsreader {__version__}")
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def _corpus_root(args: argparse.Namespace) -> Path:
    root = Path(args.corpus).expanduser() if args.corpus else locations.default_corpus()
    if not root.exists():
        raise UsageError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise UsageError(f"corpus is not a folder: {root}")
    return root


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _report_skipped(corpus) -> None:
    for item in corpus.skipped:
        print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
    for item in corpus.warnings:
        print(f"warning {item.path}: {item.reason}", file=sys.stderr)


def _open_index(args: argparse.Namespace):
    """The corpus index, refreshed; None when the cache dir cannot be used."""
    import sqlite3

    from newsreader.core.index import CorpusIndex

    root = _corpus_root(args)
    try:
        index = CorpusIndex(root, locations.cache_dir())
        index.refresh()
        return index
    except (OSError, sqlite3.Error) as exc:
        print(
            f"newsreader: cannot use the index in {locations.cache_dir()} ({exc}); "
            "reading the corpus without it",
            file=sys.stderr,
        )
        return None


def _load(args: argparse.Namespace):
    index = _open_index(args)
    if index is not None:
        return index.corpus()
    from newsreader.core.corpus import load_corpus

    return load_corpus(_corpus_root(args))


def cmd_list(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_list

    corpus = _load(args)
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
            f"no articles in {corpus.root}: add .txt, .md, .json or .jsonl files, "
            "or point --corpus at another folder",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_article

    corpus = _load(args)
    article = corpus.load(args.id)
    if article is None:
        raise UsageError(f"no article with id {args.id!r} (see `newsreader list`)")
    if args.json:
        _print_json(article.to_json())
    else:
        sys.stdout.write(format_article(article))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from newsreader.cli_format import format_hits
    from newsreader.core.search import Searcher, in_memory_index

    text = " ".join(args.query)
    if not text.strip():
        raise UsageError("empty query: give words to search for, or a filter such as y:2024")
    index = _open_index(args) or in_memory_index(_corpus_root(args))
    hits = Searcher(index).search(text, limit=args.limit)
    if args.json:
        _print_json({"query": text, "results": [hit.to_json() for hit in hits]})
    else:
        sys.stdout.write(format_hits(hits))
        if not hits:
            print(f"no results for {text!r}", file=sys.stderr)
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    from newsreader.app import run_app

    root = Path(args.corpus).expanduser() if args.corpus else locations.default_corpus()
    return run_app(root, lang=args.lang)


COMMANDS = {"list": cmd_list, "show": cmd_show, "search": cmd_search}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        handler = COMMANDS.get(args.command, cmd_app)
        return handler(args)
    except UsageError as exc:
        print(f"newsreader: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`| head`); nothing more to say
        return EXIT_OK
    except OSError as exc:
        print(
            f"newsreader: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return EXIT_RUNTIME
