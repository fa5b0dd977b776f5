"""Articles given as http(s) URLs: fetched with the standard library, bounded in time and size."""

from __future__ import annotations

import urllib.error
import urllib.request
from email.message import Message

from .html import looks_like_html, parse_html
from .items import InputItem, error_item
from .text_files import parse_text_bytes

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "credibility/0.1 (+offline news credibility checker)"


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch_url(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> InputItem:
    """Download one page and extract its article; every failure is an error item naming the URL."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain,*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
            data = response.read(max_bytes + 1)
            headers: Message = response.headers
            final_url = response.geturl() or url
    except urllib.error.HTTPError as exc:
        return error_item(url, f"{url}: HTTP error {exc.code} {exc.reason}", url=url)
    except urllib.error.URLError as exc:
        return error_item(url, f"{url}: could not fetch ({exc.reason})", url=url)
    except (TimeoutError, OSError, ValueError) as exc:
        return error_item(url, f"{url}: could not fetch ({exc or type(exc).__name__})", url=url)
    if len(data) > max_bytes:
        return error_item(url, f"{url}: page larger than {max_bytes // (1024 * 1024)} MB, not read", url=url)
    content_type = headers.get_content_type()
    if content_type in _HTML_TYPES or (content_type != "text/plain" and looks_like_html(data)):
        return parse_html(data, id=url, source_path=None, url=final_url)
    if not content_type.startswith("text/"):
        return error_item(url, f"{url}: unsupported content type {content_type}", url=url)
    item = parse_text_bytes(data, id=url, source_path=None)
    item.url = final_url
    return item
