"""Fixtures for ingestion tests: small articles on disk and a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE_HTML = """<!doctype html>
<html><head><title>Storm hits coast | Daily News</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Daily News">
<meta property="article:published_time" content="2024-03-01">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Storm hits coast</h1>
<p>The storm reached the coast on Monday, officials said. Thousands of homes lost power,
according to the utility company.</p>
<p>Residents were told to stay indoors until the winds eased later in the week.</p>
</article><footer>Copyright 2024 Daily News</footer></body></html>
"""


@pytest.fixture
def article_html() -> str:
    return ARTICLE_HTML


class _Handler(BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        status, content_type, body = self.pages.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture
def http_server() -> Iterator[tuple[str, dict[str, tuple[int, str, bytes]]]]:
    """(base URL, pages dict) of a server on 127.0.0.1; tests fill ``pages[path] = (status, type, body)``."""
    pages: dict[str, tuple[int, str, bytes]] = {}
    handler = type("Handler", (_Handler,), {"pages": pages})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", pages
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
