"""A web server on 127.0.0.1 (never another address) for the tests that add pages; tests/ is
on sys.path, so `from page_server import PageHandler, serving`."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator


class PageHandler(http.server.BaseHTTPRequestHandler):
    """Quiet; `send_page` answers 200 with a body, ignoring a client that stopped reading."""

    def send_page(self, kind: str, body: bytes) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: the size limit or a timeout

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(handler: type[PageHandler]) -> Iterator[str]:
    """The server's base URL while it runs in a thread."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
