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
    for sub in (listing, show):
        sub.add_argument("--version", action="version", version=f"newsreader {__version__}")
    return parser


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


def _load(args: argparse.Namespace):
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
    article = corpus.get(args.id)
    if article is None:
        raise UsageError(f"no article with id {args.id!r} (see `newsreader list`)")
    if args.json:
        _print_json(article.to_json())
    else:
        sys.stdout.write(format_article(article))
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    from newsreader.app import run_app

    root = Path(args.corpus).expanduser() if args.corpus else locations.default_corpus()
    return run_app(root, lang=args.lang)


COMMANDS = {"list": cmd_list, "show": cmd_show}


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
