"""The unit every reader yields: one article's text and metadata, or the reason it could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, build_document


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
