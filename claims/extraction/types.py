"""Plain data that claim extraction returns. No Django here."""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in a claim, normalised.

    ``value`` is a decimal string ("670000000000", "61.57"); for a date figure it is an
    ISO date ("2020-09-19"). ``start``/``end`` are character offsets into the article body.
    """

    text: str
    value: str
    unit: str
    kind: str
    start: int
    end: int
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """A checkable sentence (or clause) of an article body, anchored by character offsets."""

    text: str
    start: int
    end: int
    kind: str
    score: float
    attribution: str
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    fingerprint: str = ""
