"""A throwaway HTTP server on 127.0.0.1 serving fixed pages, for tests that fetch."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Page = tuple[int, str, bytes]  # status, content type, body


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that keeps the test output free of access-log lines."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_handler(
    handler: type[BaseHTTPRequestHandler], *, release: threading.Event | None = None
) -> Iterator[str]:
    """Run ``handler`` on a free port of 127.0.0.1; yields the base URL.

    ``release`` is set on the way out, before the server stops, so that handlers still
    waiting on it (a stalled page) end.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        if release is not None:
            release.set()
        server.shutdown()
        server.server_close()


@contextmanager
def serve(pages: dict[str, Page]) -> Iterator[str]:
    """Serve ``pages`` by path; yields the base URL (http://127.0.0.1:PORT)."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            status, content_type, body = pages.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve_handler(Handler) as base:
        yield base
