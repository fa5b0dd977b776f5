"""The unit every reader yields: one article's text and metadata, or the reason it could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, build_document
from ..lexicon import supported_code, supported_languages
from .limits import MAX_TEXT_CHARS


@dataclass(slots=True)
class InputItem:
    """One article to score. ``error`` set means it could not be read; the batch reports it and goes on."""

    id: str
    text: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    source_path: str | None = None
    lang: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_document(self, lang: str | None = None) -> Document:
        """Parse this item's text with its metadata; ``lang`` (e.g. ``--lang``) overrides the item's own."""
        return build_document(
            self.text,
            id=self.id,
            title=self.title,
            author=self.author,
            date=self.date,
            site=self.site,
            url=self.url,
            lang=lang or self.lang,
        )



def cap_text(item: InputItem, *, total: str | None = None) -> InputItem:
    """Cut ``item.text`` to :data:`MAX_TEXT_CHARS` at a paragraph (else sentence, else word) boundary,
    adding a warning that says how much was analysed. ``total`` describes the whole input when only
    its head was read (e.g. "a 52,428,800-byte file")."""
    text = item.text
    if len(text) <= MAX_TEXT_CHARS and total is None:
        return item
    if len(text) > MAX_TEXT_CHARS:
        head = text[:MAX_TEXT_CHARS]
        for mark in ("\n\n", "\n", ". ", " "):
            at = head.rfind(mark, MAX_TEXT_CHARS // 2)
            if at > 0:
                head = head[: at + (1 if mark == ". " else 0)]
                break
        item.text = head.rstrip()
    whole = total or f"{len(text):,} characters"
    name = item.source_path or item.url or item.id
    item.warnings.append(
        f"{name}: text too long for one article: only the first {len(item.text):,} characters of {whole} "
        "were analysed; the rest was not read"
    )
    return item


def error_item(id: str, message: str, *, source_path: str | None = None, **meta: str | None) -> InputItem:
    """An item that records a problem: the message names the input (path, line or row) and the problem."""
    return InputItem(id=id, source_path=source_path, error=message, **meta)


def clean_meta(value: object) -> str | None:
    """Metadata cells arrive as str, numbers, NaN or None; keep only non-blank text."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    text = str(value).strip()
    return text or None


def checked_lang(value: str | None, where: str) -> tuple[str | None, str | None]:
    """A language given with an input (table column, front matter): a supported code, or None and a
    warning (the language is then identified from the text). Nothing else ever names a lexicon folder."""
    if value is None:
        return None, None
    code = supported_code(value)
    if code:
        return code, None
    shown = value if len(value) <= 40 else value[:40] + "…"
    return None, (
        f"{where}: language {shown!r} is not one of the supported codes ({', '.join(supported_languages())}); "
        "ignored, the language is identified from the text"
    )
