"""What an arithmetic check of an article returns. Plain data, no Django."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from claims.extraction.types import Figure

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
UNDECIDABLE = "undecidable"


@dataclass(frozen=True, slots=True)
class Check:
    """One relation the text ties its figures by, checked on their intervals.

    ``relation`` names it ("stake_value", "growth", "difference", "share", "sum",
    "per_unit", "age", "elapsed_years"); ``formula`` states it; ``figures`` are the
    figures it reads, in the formula's order; ``implied`` is the missing term's interval as
    text when the outcome is undecidable; ``start``/``end`` span the sentences it read.
    """

    outcome: str
    relation: str
    formula: str
    figures: tuple[Figure, ...]
    explanation: str
    start: int
    end: int
    implied: str = ""
    roles: tuple[str, ...] = field(default_factory=tuple)

    @property
    def flagged(self) -> bool:
        return self.outcome == INCONSISTENT

    def as_dict(self, figure_ref: Callable[[Figure], object] | None = None) -> dict[str, object]:
        """The shape of PRODUCT.md section 9: ``{"kind": "arithmetic", "outcome",
        "relation", "figures", "explanation"}``; ``figure_ref`` maps a figure to its id
        (default: its printed text)."""
        ref = figure_ref or (lambda f: f.text)
        return {
            "kind": "arithmetic",
            "outcome": self.outcome,
            "relation": self.relation,
            "figures": [ref(f) for f in self.figures],
            "explanation": self.explanation,
        }
