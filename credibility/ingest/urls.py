"""Articles given as http(s) URLs: fetched with the standard library, bounded in time and size.

A socket timeout bounds each read, not the download: a server that sends one byte a second never
trips it. So the whole fetch (connect, headers, body, redirects) runs under one deadline: when it
passes, a timer shuts the sockets down, which ends any read in progress. Bodies are read in blocks up
to a byte cap, and a redirect may only lead to another http(s) URL.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message

from .html import looks_like_html, parse_html
from .items import InputItem, error_item
from .limits import MAX_URL_BYTES, URL_DEADLINE_SECONDS, URL_READ_TIMEOUT_SECONDS, mib
from .text_files import parse_text_bytes

DEFAULT_TIMEOUT = URL_READ_TIMEOUT_SECONDS
DEFAULT_MAX_BYTES = MAX_URL_BYTES
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCHEMES = ("http", "https")
_BLOCK = 64 * 1024
USER_AGENT = "credibility/0.1 (+offline news credibility checker)"


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


class _TooLarge(Exception):
    pass


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    deadline: float = URL_DEADLINE_SECONDS,
) -> InputItem:
    """Download one page and extract its article; every failure is an error item naming the URL.

    ``timeout``: longest wait for one network read; ``deadline``: longest time for the whole
    download; ``max_bytes``: largest body read.
    """
    watch = _Deadline(deadline)
    try:
        data, headers, final_url = _download(url, timeout, max_bytes, watch)
    except _TooLarge:
        return error_item(url, f"{url}: page larger than {mib(max_bytes)}, not read", url=url)
    except urllib.error.HTTPError as exc:
        if watch.expired:
            return _too_slow(url, deadline)
        return error_item(url, f"{url}: HTTP error {exc.code} {exc.reason}", url=url)
    except urllib.error.URLError as exc:
        if watch.expired:
            return _too_slow(url, deadline)
        return error_item(url, f"{url}: could not fetch ({exc.reason})", url=url)
    except (TimeoutError, OSError, ValueError, http.client.HTTPException) as exc:
        if watch.expired:
            return _too_slow(url, deadline)
        return error_item(url, f"{url}: could not fetch ({exc or type(exc).__name__})", url=url)
    finally:
        watch.cancel()
    if watch.expired:
        return _too_slow(url, deadline)
    content_type = headers.get_content_type()
    if content_type in _HTML_TYPES or (content_type != "text/plain" and looks_like_html(data)):
        return parse_html(data, id=url, source_path=None, url=final_url)
    if not content_type.startswith("text/"):
        return error_item(url, f"{url}: unsupported content type {content_type}", url=url)
    item = parse_text_bytes(data, id=url, source_path=None)
    item.url = final_url
    return item


def _too_slow(url: str, deadline: float) -> InputItem:
    return error_item(url, f"{url}: download took longer than {deadline:g} s (the time limit per URL); not read", url=url)


def _download(url: str, timeout: float, max_bytes: int, watch: _Deadline) -> tuple[bytes, Message, str]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain,*/*"})
    with _opener(watch).open(request, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise _TooLarge
        blocks: list[bytes] = []
        size = 0
        while not watch.expired:
            block = response.read1(_BLOCK)  # returns what has arrived; read(n) would wait for all n
            if not block:
                break
            blocks.append(block)
            size += len(block)
            if size > max_bytes:
                raise _TooLarge
        return b"".join(blocks), response.headers, response.geturl() or url


class _Deadline:
    """Shuts down every socket of one fetch when ``seconds`` have passed."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only (urllib would also follow one to ftp://)."""

    def http_error_302(self, req, fp, code, msg, headers):  # noqa: ANN001, ANN201 (urllib's signature)
        target = headers.get("Location") or headers.get("URI") or ""
        scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, target)).scheme.lower()
        if scheme not in _SCHEMES:
            fp.close()
            raise urllib.error.URLError(f"redirected to a {scheme or 'scheme-less'} URL, refused: only http and https are followed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(watch: _Deadline) -> urllib.request.OpenerDirector:
    """An opener for http(s) only, whose connections report their sockets to ``watch``."""

    class Watched(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            watch.watch(self.sock)

    class WatchedTLS(http.client.HTTPSConnection):
        def connect(self) -> None:
            # As http.client does, but the TLS socket is watched *before* its handshake: a server that drips
            # the handshake one byte at a time is cut off by the deadline too, not only by the per-read timeout.
            http.client.HTTPConnection.connect(self)
            watch.watch(self.sock)
            self.sock = self._context.wrap_socket(self.sock, server_hostname=self._tunnel_host or self.host,
                                                  do_handshake_on_connect=False)
            watch.watch(self.sock)
            self.sock.do_handshake()

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req):  # noqa: ANN001, ANN201
            return self.do_open(Watched, req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):  # noqa: ANN001, ANN201
            return self.do_open(WatchedTLS, req, context=self._context)

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        HTTP(),
        HTTPS(),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener
