"""The reader in a web browser, served with textual-serve.

Each browser connection starts its own `newsreader` process on the same corpus (textual-serve
runs the command with Textual's web driver) and shows it in the page; the server listens on
127.0.0.1 unless told otherwise, and says where.
"""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path


class PortInUse(OSError):
    """The address cannot be listened on; the message says which and what to do."""


def reader_command(root: Path, lang: str | None) -> str:
    """The shell command textual-serve runs for each browser: this Python's newsreader."""
    parts = [sys.executable, "-m", "newsreader", "--corpus", str(root)]
    if lang:
        parts += ["--lang", lang]
    return shlex.join(parts)


def _check_free(host: str, port: int) -> None:
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise PortInUse(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
            "choose another with --port, or --host"
        ) from None


def serve(
    root: Path, *, host: str = "127.0.0.1", port: int = 8000, lang: str | None = None
) -> None:
    """Serve the reader on root until interrupted (Ctrl+C)."""
    _check_free(host, port)
    from textual_serve.server import Server

    where = "this computer only" if host in ("127.0.0.1", "localhost", "::1") else "the network"
    print(
        f"newsreader: serving the reader on http://{host}:{port} ({where}); Ctrl+C stops it",
        file=sys.stderr,
    )
    server = Server(reader_command(root, lang), host=host, port=port, title="newsreader")
    server.serve()
