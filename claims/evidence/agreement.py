"""How far reviewers agree: Cohen's kappa per reviewer pair, Krippendorff's alpha overall.

Ratings are (claim, reviewer, value) triples, one per reviewer and claim (the caller picks
which verdict of a reviewer counts, usually the last). Only claims rated by two reviewers
or more say anything about agreement; every figure comes with the number of claims behind
it. Values are verdicts ("verified", ...) or grades of the desk's rating scale
("mostly_true", ...): nominal alpha treats every two different values as equally far
apart; ordinal alpha, given the scale's order, treats "true" and "mostly_true" as nearer
than "true" and "false" (values outside the order, such as "unverifiable", are left out of
it).

Krippendorff's alpha follows Krippendorff (2011), "Computing Krippendorff's
Alpha-Reliability": a coincidence matrix over pairable values, alpha = 1 - D_o / D_e.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations, permutations

Rating = tuple[Hashable, Hashable, Hashable]  # claim, reviewer, value
LEVELS = ("nominal", "ordinal", "interval")


@dataclass(frozen=True, slots=True)
class PairKappa:
    """Cohen's kappa of two reviewers over the ``claims`` both rated (None: undefined, as
    when both gave one same value throughout), and their raw agreement."""

    first: Hashable
    second: Hashable
    kappa: float | None
    observed: float
    claims: int


@dataclass(frozen=True, slots=True)
class AlphaResult:
    """Krippendorff's alpha at a level of measurement, over ``claims`` rated by two or more
    (``values`` ratings in all); None when it is undefined (no variation at all)."""

    level: str
    alpha: float | None
    claims: int
    values: int


@dataclass(frozen=True, slots=True)
class Agreement:
    pairs: list[PairKappa] = field(default_factory=list)
    nominal: AlphaResult | None = None
    ordinal: AlphaResult | None = None
    claims: int = 0


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two labellings of the same items: (p_o - p_e) / (1 - p_e); None
    when p_e is 1 (both used one same label throughout) or there are no items."""
    if len(first) != len(second):
        raise ValueError("two labellings of the same items are needed")
    n = len(first)
    if not n:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[k] * counts_b[k] for k in counts_a) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def by_claim(ratings: Iterable[Rating]) -> dict[Hashable, dict[Hashable, Hashable]]:
    """Ratings as {claim: {reviewer: value}}; a later rating of a reviewer replaces theirs."""
    table: dict[Hashable, dict[Hashable, Hashable]] = defaultdict(dict)
    for claim, reviewer, value in ratings:
        table[claim][reviewer] = value
    return dict(table)


def pairwise_kappa(ratings: Iterable[Rating]) -> list[PairKappa]:
    """Cohen's kappa for every two reviewers who rated at least one same claim."""
    shared: dict[tuple[Hashable, Hashable], list[tuple[Hashable, Hashable]]] = defaultdict(list)
    for values in by_claim(ratings).values():
        for a, b in combinations(sorted(values, key=str), 2):
            shared[(a, b)].append((values[a], values[b]))
    result = []
    for (a, b), pairs in sorted(shared.items(), key=lambda item: tuple(map(str, item[0]))):
        firsts, seconds = [p[0] for p in pairs], [p[1] for p in pairs]
        observed = sum(x == y for x, y in pairs) / len(pairs)
        result.append(PairKappa(a, b, cohen_kappa(firsts, seconds), observed, len(pairs)))
    return result


def _coincidences(
    units: Iterable[list[Hashable]],
) -> tuple[dict[tuple[Hashable, Hashable], float], int]:
    """Krippendorff's coincidence matrix o[c, k] over units with two values or more."""
    matrix: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    count = 0
    for values in units:
        m = len(values)
        if m < 2:
            continue
        count += 1
        for c, k in permutations(values, 2):
            matrix[(c, k)] += 1 / (m - 1)
    return matrix, count


Distance = Callable[[Hashable, Hashable], float]


def _distance(level: str, order: dict[Hashable, int], totals: dict[Hashable, float]) -> Distance:
    ranked = sorted(order, key=order.__getitem__)

    def nominal(c: Hashable, k: Hashable) -> float:
        return 0.0 if c == k else 1.0

    def ordinal(c: Hashable, k: Hashable) -> float:
        low, high = sorted((order[c], order[k]))
        between = sum(totals.get(g, 0.0) for g in ranked[low : high + 1])
        return (between - (totals.get(c, 0.0) + totals.get(k, 0.0)) / 2) ** 2

    def interval(c: Hashable, k: Hashable) -> float:
        return (float(str(c)) - float(str(k))) ** 2

    return {"nominal": nominal, "ordinal": ordinal, "interval": interval}[level]


def krippendorff_alpha(
    ratings: Iterable[Rating], *, level: str = "nominal", order: Sequence[Hashable] = ()
) -> AlphaResult:
    """Krippendorff's alpha of ``ratings`` at ``level`` ("nominal", "ordinal" with the
    values' ``order`` lowest first, or "interval" for numeric values)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    if level == "ordinal" and not order:
        raise ValueError("ordinal alpha needs the order of the values")
    rank = {value: i for i, value in enumerate(order)}
    units = [
        [v for v in values.values() if level != "ordinal" or v in rank]
        for values in by_claim(ratings).values()
    ]
    matrix, claims = _coincidences(units)
    totals: dict[Hashable, float] = defaultdict(float)
    for (c, _k), weight in matrix.items():
        totals[c] += weight
    n = sum(totals.values())
    delta = _distance(level, rank, totals)
    observed = sum(weight * delta(c, k) for (c, k), weight in matrix.items())
    expected = sum(totals[c] * totals[k] * delta(c, k) for c in totals for k in totals)
    values = round(n)
    if not expected or n <= 1:
        return AlphaResult(level, None, claims, values)
    return AlphaResult(level, 1 - (n - 1) * observed / expected, claims, values)


def agreement(ratings: Iterable[Rating], *, order: Sequence[Hashable] = ()) -> Agreement:
    """Every figure of agreement for a desk: kappa per pair, nominal alpha, and ordinal
    alpha when the rating scale's ``order`` is given."""
    rows = list(ratings)
    nominal = krippendorff_alpha(rows, level="nominal")
    ordinal = krippendorff_alpha(rows, level="ordinal", order=order) if order else None
    return Agreement(pairwise_kappa(rows), nominal, ordinal, nominal.claims)


def contested_rate(
    claims: Iterable[tuple[date, bool]], *, period: str = "month"
) -> list[tuple[date, int, int]]:
    """Per period ("month" or "week"), from (date reviewed, contested) pairs: the period's
    first day, the claims contested, and the claims reviewed by two or more."""
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for day, contested in claims:
        start = (
            day.replace(day=1)
            if period == "month"
            else date.fromordinal(day.toordinal() - day.weekday())
        )
        counts[start][0] += int(contested)
        counts[start][1] += 1
    return [(start, c, n) for start, (c, n) in sorted(counts.items())]
