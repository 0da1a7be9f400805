"""The relations figures of one article can hold, solved on intervals.

Each relation takes the terms the text states (``Quantity`` or None when the text leaves
one out) and answers consistent (some values within the printed intervals satisfy it),
inconsistent (none do) or undecidable (a term is missing: the answer then carries the
missing term's implied interval).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from claims.arithmetic.types import CONSISTENT, INCONSISTENT, UNDECIDABLE
from claims.quantities import Interval, Quantity
from claims.quantities.interval import format_number

HUNDRED = Interval.point(100)
ONE = Interval.point(1)


@dataclass(frozen=True, slots=True)
class Solved:
    outcome: str
    explanation: str
    implied: str = ""


def show(interval: Interval | None) -> str:
    if interval is None:
        return "(unbounded)"
    return f"[{_short(interval.lo, '-inf')}, {_short(interval.hi, 'inf')}]"


def _short(value: Fraction | None, infinite: str) -> str:
    if value is None:
        return infinite
    if abs(value) >= 10**6:
        return f"{float(value):.6g}"
    return format_number(value, 6)


def term(q: Quantity) -> str:
    return f"{q.figure.text} {show(q.interval)}"


def compare(formula: str, derived: Interval | None, stated: Quantity, read: str) -> Solved:
    """The stated figure against the interval the other terms give it."""
    if derived is None:
        return Solved(UNDECIDABLE, f"{formula}: {read}; the terms leave it unbounded")
    outcome = CONSISTENT if derived.overlaps(stated.interval) else INCONSISTENT
    verdict = "overlaps" if outcome == CONSISTENT else "does not overlap"
    text = f"{formula}: {read} gives {show(derived)}, which {verdict} {term(stated)}"
    return Solved(outcome, text)


def implied(formula: str, missing: str, derived: Interval | None, read: str) -> Solved:
    text = f"{formula}: {missing} is not stated; {read} implies {show(derived)}"
    return Solved(UNDECIDABLE, text, show(derived))


def stake_value(market: Quantity, share: Quantity, value: Quantity) -> Solved:
    derived = market.interval * share.interval.scale(Fraction(1, 100))
    return compare(
        "stake value = market value × share",
        derived,
        value,
        f"{term(market)} × {term(share)}",
    )


def growth(before: Quantity | None, after: Quantity, rate: Quantity, sign: int) -> Solved:
    """``after = before × (1 ± rate/100)``."""
    verb = "+" if sign > 0 else "-"
    formula = f"after = before × (1 {verb} rate/100)"
    factor = ONE + rate.interval.scale(Fraction(sign, 100))
    if before is None:
        derived = after.interval / factor
        return implied(
            formula, "the earlier amount", derived, f"{term(after)} / (1 {verb} {term(rate)}/100)"
        )
    ratio = after.interval / before.interval
    if ratio is None:
        return Solved(UNDECIDABLE, f"{formula}: the earlier amount may be 0")
    derived_rate = (ratio - ONE).scale(Fraction(100 * sign))
    return compare(formula, derived_rate, rate, f"({term(after)} / {term(before)} - 1) × 100")


def difference(before: Quantity | None, after: Quantity, change: Quantity, sign: int) -> Solved:
    """``after = before ± change``."""
    verb = "+" if sign > 0 else "-"
    formula = f"after = before {verb} change"
    step = change.interval.scale(Fraction(sign))
    if before is None:
        return implied(
            formula,
            "the other amount",
            after.interval - step,
            f"{term(after)} {'-' if sign > 0 else '+'} {term(change)}",
        )
    derived = (after.interval - before.interval).scale(Fraction(sign))
    return compare(formula, derived, change, f"{term(after)} - {term(before)}")


def share(part: Quantity, whole: Quantity, rate: Quantity) -> Solved:
    ratio = part.interval / whole.interval
    derived = None if ratio is None else ratio * HUNDRED
    return compare(
        "share = part / whole × 100", derived, rate, f"{term(part)} / {term(whole)} × 100"
    )


def total(parts: list[Quantity], whole: Quantity, partial: bool) -> Solved:
    summed = parts[0].interval
    for part in parts[1:]:
        summed = summed + part.interval
    read = " + ".join(term(p) for p in parts)
    if not partial:
        return compare("total = sum of parts", summed, whole, read)
    # "등", "including": the parts named need not be all of them, only no more than the total.
    at_most = Interval(summed.lo, None)
    outcome = CONSISTENT if at_most.overlaps(whole.interval) else INCONSISTENT
    verdict = "can" if outcome == CONSISTENT else "cannot"
    text = (
        f"total ≥ sum of the parts named: {read} = {show(summed)}, "
        f"which {verdict} fit within {term(whole)}"
    )
    return Solved(outcome, text)


def per_unit(count: Quantity, rate: Quantity, whole: Quantity) -> Solved:
    derived = count.interval * rate.interval
    return compare(
        "total = count × amount per unit", derived, whole, f"{term(count)} × {term(rate)}"
    )


def age(birth_year: int, reference_year: int, stated: Quantity) -> Solved:
    derived = Interval(
        Fraction(reference_year - birth_year - 1), Fraction(reference_year - birth_year)
    )
    return compare(
        "age = year now - year of birth (-1 before the birthday)",
        derived,
        stated,
        f"{reference_year} - {birth_year}",
    )


def elapsed(since_year: int, reference_year: int, stated: Quantity) -> Solved:
    span = reference_year - since_year
    derived = Interval(Fraction(span - 1), Fraction(span + 1))
    return compare(
        "years elapsed = year now - year then (±1 for where in the year each falls)",
        derived,
        stated,
        f"{reference_year} - {since_year}",
    )
