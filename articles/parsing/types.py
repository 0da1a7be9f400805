"""Plain data that document parsing returns. No Django here."""

from dataclasses import dataclass, field
from datetime import datetime

# Longest article text accepted, in characters: extraction costs time per character
# (the Korean tokenizer most), so a body without end would hold a worker for minutes.
MAX_BODY_CHARS = 500_000


class ParseError(ValueError):
    """A document cannot be turned into articles; the message says why, for the user."""


def too_long(what: str, length: int, max_chars: int) -> ParseError:
    return ParseError(
        f"the {what} is {length:,} characters long, over the {max_chars:,}-character limit; "
        "split it into several articles"
    )


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
