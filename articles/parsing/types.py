"""Plain data that document parsing returns. No Django here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lib.reasons import reason

# Longest article text accepted, in characters: extraction costs time per character
# (the Korean tokenizer most), so a body without end would hold a worker for minutes.
MAX_BODY_CHARS = 500_000


class ParseError(ValueError):
    """A document cannot be turned into articles; the message says why, for the user, and
    ``code`` names the reason (``lib.reasons``) so the interface can say it in its language."""

    def __init__(self, message: str, *, code: str = "", params: dict[str, object] | None = None):
        super().__init__(message)
        self.code = code
        self.params = params or {}

    @classmethod
    def because(cls, code: str, **params: object) -> ParseError:
        return cls(reason(code, **params), code=code, params=params)


def too_long(what: str, length: int, max_chars: int) -> ParseError:
    return ParseError.because("too_long", what=what, length=length, limit=max_chars)


@dataclass(slots=True)
class ParsedArticle:
    """One article found in a document: its main text and metadata.

    Times are timezone-aware (or None); ``language`` is an ISO 639-1 code ("ko", "en").
    """

    title: str
    body: str
    language: str
    url: str = ""
    canonical_url: str = ""
    outlet: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
