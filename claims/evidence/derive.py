"""Figures a source gives by computation rather than in print.

One computation is read: an amount and a share of it printed near each other yield the
share's amount. A page that gives a company's market value (3조7800억원) and a holder's
stake (61.57%) gives the stake's value (2조3273억원), and so corroborates a claim of
"2조3000억원 수준". The result is compared with the claim's figure loosely (zeros at its
end not vouched for, as a derived figure is rarely printed to the unit), allowing for the
precision of the two printings it is computed from. Chance products are kept out: the
percentage must read as a holding ("지분", "stake", ...), both printings must show two
significant digits or more and leave the product known to 1.5%, and they must stand in
one paragraph, within ``NEAR`` characters of each other.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from claims.evidence.scan import HANGUL, Page, Span, windows
from claims.evidence.values import Printed, printed, same_measure
from claims.extraction.figures.numbers import to_decimal
from claims.extraction.types import Figure

PERCENT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(?:%|퍼센트|프로|percent\b|per cent\b)", re.I)
SHARE_CUE = re.compile(
    r"지분|지분율|보유|소유|비중|점유율|stake|shareholding|holding|holds|owns|owned|share of", re.I
)
# Inputs whose printing leaves the product this uncertain (relative) are not used.
MAX_ERROR = Decimal("0.015")
# How far apart (characters) the amount and the share may be printed.
NEAR = 300
# Slack of the arithmetic sieve, relative to the value sought: products further off than
# the claim's own tolerance and this are not read at all.
SIEVE = Decimal("0.02")
KO_PLACES = ((Decimal(10) ** 12, "조"), (Decimal(10) ** 8, "억"), (Decimal(10) ** 4, "만"))


@dataclass(frozen=True, slots=True)
class Derivation:
    """A figure computed from two printed ones: ``whole`` × ``share`` = ``value``."""

    whole: Figure
    share: Figure
    value: Decimal
    computation: str

    @property
    def start(self) -> int:
        return min(self.whole.start, self.share.start)

    @property
    def end(self) -> int:
        return max(self.whole.end, self.share.end)


def share_passages(page: Page, target: Decimal, tolerance: Decimal) -> list[Span]:
    """Passages where a printed amount times a printed percentage near it comes within
    ``tolerance`` (plus ``SIEVE``) of ``target``: the only ones worth reading."""
    amounts = page.numbers
    starts = [a.start for a in amounts]
    slack = tolerance + abs(target) * SIEVE
    spans: list[Span] = []
    for share in PERCENT.finditer(page.text):
        rate = to_decimal(share.group(1))
        if not 0 < rate < 100:
            continue
        low = bisect_left(starts, share.start() - NEAR)
        high = bisect_right(starts, share.end() + NEAR)
        for amount in amounts[low:high]:
            if abs(amount.value * rate / 100 - target) <= slack:
                spans += [(amount.start, amount.end), share.span()]
    return windows(page.text, spans)


def target_of(claimed: Figure) -> Printed | None:
    """The claim's figure as a computation must meet it (loosely), or None when it is not
    an amount a share gives, or says too little (one significant digit)."""
    target = printed(claimed.text, claimed.value, approximate=True)
    if target is None or claimed.kind not in ("money", "count") or target.digits < 2:
        return None
    return target


def derive(claimed: Figure, figures: Sequence[Figure], text: str) -> Derivation | None:
    """The closest computation from ``figures`` (read from ``text``) that gives the
    claimed amount or count, or None."""
    target = target_of(claimed)
    if target is None:
        return None
    wholes = [f for f in figures if f.kind != "percent" and _amount_of(claimed, f, text)]
    shares = [f for f in figures if f.kind == "percent" and _holding(text, f)]
    best: tuple[Decimal, Derivation] | None = None
    for whole in wholes:
        for share in shares:
            if not _near(text, whole, share):
                continue
            found = _product(claimed, target, whole, share)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
    return best[1] if best else None


def _holding(text: str, share: Figure) -> bool:
    """A percentage that is somebody's share of something ("지분 61.57%", "a 61.57% stake"),
    not any rate printed near an amount."""
    return bool(SHARE_CUE.search(text, max(0, share.start - 40), share.end + 20))


def _near(text: str, whole: Figure, share: Figure) -> bool:
    """Printed close together, in one paragraph."""
    start, end = min(whole.start, share.start), max(whole.end, share.end)
    return end - start <= NEAR and "\n" not in text[start:end]


def _amount_of(claimed: Figure, figure: Figure, text: str) -> bool:
    return figure.value != claimed.value and same_measure(
        claimed, figure, text[figure.end : figure.end + 20]
    )


def _product(
    claimed: Figure, target: Printed, whole: Figure, share: Figure
) -> tuple[Decimal, Derivation] | None:
    amount = printed(whole.text, whole.value, approximate=whole.approximate)
    part = printed(share.text, share.value, approximate=share.approximate)
    if amount is None or part is None or not amount.value or not 0 < part.value < 100:
        return None
    if amount.digits < 2 or part.digits < 2:
        return None  # "2만원 × 50%" says too little to stand for "9,900원"
    value = amount.value * part.value / 100
    relative = amount.step / (2 * abs(amount.value)) + part.step / (2 * part.value)
    if relative > MAX_ERROR:
        return None
    error = abs(value) * relative
    tolerance = target.step / 2 + error
    miss = abs(value - target.value)
    if miss > tolerance:
        return None
    computation = f"{whole.text} × {share.text} = {format_amount(value, claimed)}"
    return miss / (tolerance or 1), Derivation(whole, share, value, computation)


def format_amount(value: Decimal, like: Figure) -> str:
    """An amount written as the claim writes its figure: "2조3273억원", "2,327,346 KRW"."""
    unit = {"KRW": "원", "USD": "달러"}.get(like.unit, "") if HANGUL.search(like.text) else ""
    if unit or (HANGUL.search(like.text) and not like.unit):
        return _korean(value) + unit
    rounded = value.quantize(Decimal(1)) if abs(value) >= 100 else value.quantize(Decimal("0.01"))
    suffix = f" {like.unit}" if like.unit else ""
    return f"{rounded:,}{suffix}"


def _korean(value: Decimal) -> str:
    """3780000000000 -> "3조7800억"; below 1억 to the unit, above it to 억."""
    rest = abs(value).quantize(Decimal(1))
    if rest >= Decimal(10) ** 8:
        rest = (rest / Decimal(10) ** 8).quantize(Decimal(1)) * Decimal(10) ** 8
    parts = []
    for place, word in KO_PLACES:
        count, rest = divmod(rest, place)
        if count:
            parts.append(f"{int(count)}{word}")
    if rest:
        parts.append(f"{int(rest):,}")
    return ("-" if value < 0 else "") + ("".join(parts) or "0")
