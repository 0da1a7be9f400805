"""Reading a text's figures: every rule of the language reads candidates, selection keeps
the ones that become figures, and each figure names the rule that read it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import localcontext

from claims.extraction.figures.engine import Candidate, Scan, run
from claims.extraction.figures.registry import rules_for
from claims.extraction.figures.select import approximate, select
from claims.extraction.types import Figure

# No figure in the news runs to 25 digits; such a run is an identifier or noise.
MAX_DIGITS = 24
# Runs no word or figure makes: blanked (same length, so offsets hold) before the rules,
# whose patterns would otherwise try every start inside them (quadratic time).
OVERLONG = re.compile(rf"[\d.,]{{{MAX_DIGITS * 2},}}|\S{{200,}}|\s{{50,}}")
# Text without a digit, a numeral word or a relative-date word holds no figure.
MAY_HOLD_FIGURES = re.compile(r"\d|[한두세네다섯여섯일곱여덟아홉열첫달날제늘]|[a-zA-Z]")


@dataclass(slots=True)
class Reading:
    """The figures of a text, and the candidates left out with the reason (see
    ``select.select``; "implausible" for a number of more than ``MAX_DIGITS`` digits)."""

    figures: list[Figure] = field(default_factory=list)
    dropped: list[tuple[Candidate, str]] = field(default_factory=list)


def extract_figures(
    text: str, *, language: str = "ko", reference_date: date | None = None, offset: int = 0
) -> list[Figure]:
    """The figures of a text, with offsets into the text (plus ``offset``)."""
    return _read(text, language, reference_date, offset, None).figures


def read_figures(
    text: str, *, language: str = "ko", reference_date: date | None = None, offset: int = 0
) -> Reading:
    """``extract_figures``, with the candidates selection left out and why."""
    return _read(text, language, reference_date, offset, [])


def _read(
    text: str,
    language: str,
    reference_date: date | None,
    offset: int,
    dropped: list[tuple[Candidate, str]] | None,
) -> Reading:
    if not MAY_HOLD_FIGURES.search(text):
        return Reading()
    scan = Scan(_masked(text), reference_date)
    # Enough precision that a long run of digits is read exactly before it is judged.
    with localcontext(prec=MAX_DIGITS * 2):
        candidates = run(scan, rules_for(language))
    chosen = select(scan.text, candidates, language, dropped)
    figures = []
    for c in chosen:
        if not _plausible(c.value):
            if dropped is not None:
                dropped.append((c, "implausible"))
            continue
        figures.append(
            Figure(
                text=text[c.start : c.end],
                value=c.value,
                unit=c.unit,
                kind=c.kind,
                start=c.start + offset,
                end=c.end + offset,
                approximate=approximate(text, c),
                rule=c.rule,
            )
        )
    return Reading(figures, dropped if dropped is not None else [])


def _masked(text: str) -> str:
    # NUL: no pattern repeats over it (a blank would feed their whitespace runs).
    return OVERLONG.sub(lambda m: "\x00" * len(m.group(0)), text)


def _plausible(value: str) -> bool:
    return len(value.split(".")[0].lstrip("-")) <= MAX_DIGITS
