"""Plain data that claim extraction returns. No Django here."""

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in a claim, normalised.

    ``value`` is a decimal string ("670000000000", "61.57"); for a date figure it is an
    ISO date ("2020-09-19"). ``start``/``end`` are character offsets into the article body.
    ``rule`` names the rule of the figure grammar that read it ("ko_money", "en_date").
    """

    text: str
    value: str
    unit: str
    kind: str
    start: int
    end: int
    approximate: bool = False
    rule: str = ""

    def as_dict(self, *, explain: bool = False) -> dict[str, object]:
        """The figure as stored and printed; ``rule`` only when ``explain``."""
        return {f.name: getattr(self, f.name) for f in fields(self) if explain or f.name != "rule"}


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """A checkable sentence (or clause) of an article body, anchored by character offsets.

    ``rules`` names the rules that decided it (``claims.extraction.rules.CLAIM_RULES``);
    ``model_score`` is the check-worthiness model's probability when the model was asked.
    """

    text: str
    start: int
    end: int
    kind: str
    score: float
    attribution: str
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    fingerprint: str = ""
    rules: tuple[str, ...] = ()
    model_score: float | None = None

    @property
    def reasons(self) -> list[str]:
        """The rule names, then "model:<probability>" when the model was asked."""
        if self.model_score is None:
            return list(self.rules)
        return [*self.rules, f"model:{round(self.model_score, 4)}"]
