"""A claim's figures looked for in a source's archived text.

Each figure of the claim (as ``Claim.figures`` stores it) is looked for among the figures
the same grammar reads in the source, in either language: found when one measures the
same thing (kind, unit, currency) with a value that agrees within the printings'
precision (``values.agree``); found from a computation when the source gives it only that
way (``derive``); not found otherwise. A source that could not be fetched is
``unreachable``, never "not found": nothing was looked at.

The result's shape is the API's ``corroboration`` object (PRODUCT.md section 9):
``{"state", "figures": [{"figure", "state", "passage", "start", "end", ...}],
"excerpt_found"}``; ``start``/``end`` are the passage's offsets in the archived text, and
the figure's own printing is at ``found_start``/``found_end`` within it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from claims.evidence import scan
from claims.evidence.context import keywords, share
from claims.evidence.derive import derive, share_passages, target_of
from claims.evidence.excerpt import find_excerpt
from claims.evidence.values import agree, figure_from, printed, same_measure
from claims.extraction.types import Figure

FOUND = "found"
FOUND_DERIVED = "found_derived"
NOT_FOUND = "not_found"
UNREACHABLE = "unreachable"
PENDING = "pending"
STATES = (PENDING, FOUND, FOUND_DERIVED, NOT_FOUND, UNREACHABLE)
# Dates and times place a claim rather than state it: they are looked for and reported,
# but the source's state follows the other figures when there are any.
CONTEXT_KINDS = ("date", "time")
SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n")
# A passage is the sentence around a figure, at most this many characters each side.
PASSAGE_REACH = 300

StoredFigure = Figure | dict[str, Any]


@dataclass(frozen=True, slots=True)
class FigureResult:
    """One figure of the claim, as found (or not) in the source."""

    figure: str
    value: str
    unit: str
    kind: str
    state: str
    passage: str = ""
    start: int | None = None
    end: int | None = None
    found_text: str = ""
    found_start: int | None = None
    found_end: int | None = None
    computation: str = ""
    context: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Corroboration:
    """A source held against a claim: the state of the whole, each figure's, and whether the
    reviewer's excerpt is in the archived text (None: no excerpt, or no text)."""

    state: str
    figures: tuple[FigureResult, ...] = ()
    excerpt_found: bool | None = None
    excerpt_start: int | None = None
    excerpt_end: int | None = None
    status: int | None = None
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["figures"] = [figure.as_dict() for figure in self.figures]
        return data


def corroborate(
    figures: Iterable[StoredFigure],
    text: str,
    *,
    excerpt: str = "",
    language: str = "",
    reference_date: date | None = None,
    claim_text: str = "",
    derived: bool = True,
) -> Corroboration:
    """Look for a claim's ``figures`` and the reviewer's ``excerpt`` in a source's ``text``.

    ``language`` is the source's ("ko", "en"; a passage holding both scripts is read both
    ways); ``reference_date`` dates the source, for its relative dates ("지난달 19일");
    ``claim_text``, when given, picks among several printings of a figure the one whose
    passage shares most of the claim's words, and gives that share as ``context``.
    """
    wanted = [figure_from(f) for f in figures]
    words = keywords(claim_text)
    page = scan.Page(text)
    spans = scan.windows(page.text, scan.hits(page, scan.Targets(wanted)))
    read = scan.read(page.text, spans, language=language, reference_date=reference_date)
    results = [_direct(figure, read, text, page.text, words) for figure in wanted]
    if derived and any(r.state == NOT_FOUND for r in results):
        results = _derived(wanted, results, text, page, language, reference_date, words)
    match = find_excerpt(excerpt, text) if excerpt.strip() else None
    found = None if not excerpt.strip() else match is not None
    return Corroboration(
        state=overall([(f.kind, r.state) for f, r in zip(wanted, results, strict=True)], found),
        figures=tuple(results),
        excerpt_found=found,
        excerpt_start=match.start if match else None,
        excerpt_end=match.end if match else None,
    )


def unreachable(
    figures: Iterable[StoredFigure], *, status: int | None, error: str
) -> Corroboration:
    """A source that could not be fetched: nothing was looked at, nothing is "not found"."""
    results = tuple(_result(figure_from(f), UNREACHABLE) for f in figures)
    return Corroboration(state=UNREACHABLE, figures=results, status=status, error=error)


def pending(figures: Iterable[StoredFigure]) -> Corroboration:
    """A source not fetched yet."""
    results = tuple(_result(figure_from(f), PENDING) for f in figures)
    return Corroboration(state=PENDING, figures=results)


def overall(states: Sequence[tuple[str, str]], excerpt_found: bool | None) -> str:
    """The source's state from its figures' (kind, state) pairs: not found when any is,
    found from a computation when any is, found otherwise. Dates and times count only
    when the claim has no other figure. With no figure at all, the excerpt decides; with
    neither, the source was reached and held nothing to look for: found."""
    counted = [s for kind, s in states if kind not in CONTEXT_KINDS] or [s for _, s in states]
    if not counted:
        return NOT_FOUND if excerpt_found is False else FOUND
    if NOT_FOUND in counted:
        return NOT_FOUND
    return FOUND_DERIVED if FOUND_DERIVED in counted else FOUND


def _result(figure: Figure, state: str, **found: Any) -> FigureResult:
    return FigureResult(figure.text, figure.value, figure.unit, figure.kind, state, **found)


def _direct(
    claimed: Figure, read: Sequence[Figure], text: str, folded: str, words: frozenset[str]
) -> FigureResult:
    """The printing of the figure whose passage shares most of the claim's words (the first
    such on a tie)."""
    best: FigureResult | None = None
    for candidate in read:
        if not _same(claimed, candidate, folded):
            continue
        start, end = passage(text, candidate.start, candidate.end)
        result = _result(
            claimed,
            FOUND,
            passage=text[start:end],
            start=start,
            end=end,
            found_text=text[candidate.start : candidate.end],
            found_start=candidate.start,
            found_end=candidate.end,
            context=share(words, text[start:end]),
        )
        if best is None or (result.context or 0) > (best.context or 0):
            best = result
        if not words:
            break
    return best or _result(claimed, NOT_FOUND)


def _same(claimed: Figure, found: Figure, folded: str) -> bool:
    if not same_measure(claimed, found, folded[found.end : found.end + 20]):
        return False
    want = printed(claimed.text, claimed.value, approximate=claimed.approximate)
    have = printed(found.text, found.value, approximate=found.approximate)
    if want is None or have is None:
        return claimed.value == found.value
    return agree(want, have)


def _derived(
    wanted: list[Figure],
    results: list[FigureResult],
    text: str,
    page: scan.Page,
    language: str,
    reference_date: date | None,
    words: frozenset[str],
) -> list[FigureResult]:
    updated = []
    for figure, result in zip(wanted, results, strict=True):
        target = target_of(figure) if result.state == NOT_FOUND else None
        spans = share_passages(page, target.value, target.step / 2) if target else []
        read = scan.read(page.text, spans, language=language, reference_date=reference_date)
        found = derive(figure, read, page.text) if read else None
        if found is None:
            updated.append(result)
            continue
        start, end = passage(text, found.start, found.end)
        updated.append(
            _result(
                figure,
                FOUND_DERIVED,
                passage=text[start:end],
                start=start,
                end=end,
                found_text=text[found.start : found.end],
                found_start=found.start,
                found_end=found.end,
                computation=found.computation,
                context=share(words, text[start:end]),
            )
        )
    return updated


def passage(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) around ``text[start:end]``, at most ``PASSAGE_REACH``
    characters beyond it each side."""
    low = max(0, start - PASSAGE_REACH)
    before = [m.end() for m in SENTENCE_END.finditer(text, low, start)]
    left = before[-1] if before else low
    after = SENTENCE_END.search(text, end, min(len(text), end + PASSAGE_REACH))
    right = after.start() if after else min(len(text), end + PASSAGE_REACH)
    return left, right
