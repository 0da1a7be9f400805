"""A generated suite of Korean and English snippets for the arithmetic checks: for each
relation, figures that satisfy it printed correctly rounded (some exactly at a rounding
boundary, some hedged), and the same snippets with one figure moved by 1.5 to 10 steps of
its printed precision. Every snippet is text written here (no corpus text).

Each snippet's label is decided here, independently of ``claims.arithmetic``, by the
definition: every printed figure stands for the interval of values that round to it (half
its printed step below, a whole step above, as a cut figure also reads; counts printed to
the unit exactly; a whole number ending in
two or more zeros rounded to its second significant digit at most, with one trailing zero a
printed digit; "약"/"about" 5% either
way), and a snippet is consistent when some values within those intervals satisfy the
relation. A perturbed snippet is kept only when it is inconsistent by that definition.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

COMPANIES = [
    ("한빛전자", "Hanbit Electronics"),
    ("누리바이오", "Nuri Bio"),
    ("동해조선", "Donghae Shipbuilding"),
    ("세림식품", "Serim Foods"),
    ("가온소프트", "Gaon Soft"),
    ("미르화학", "Mir Chemical"),
]
HOLDERS = [
    ("청솔파트너스", "Cheongsol Partners"),
    ("해오름캐피탈", "Haeoreum Capital"),
    ("바른투자", "Bareun Investment"),
]
PLACES = [
    ("서울", "Seoul"),
    ("부산", "Busan"),
    ("대구", "Daegu"),
    ("인천", "Incheon"),
    ("광주", "Gwangju"),
]
PEOPLE = [
    ("김민수", "Kim Min-su"),
    ("이서연", "Lee Seo-yeon"),
    ("박지훈", "Park Ji-hoon"),
    ("최유진", "Choi Yu-jin"),
]
REF_YEAR = 2024
D = Decimal


@dataclass(frozen=True)
class Snippet:
    relation: str
    language: str
    variant: str  # correct | boundary | hedged | perturbed
    text: str

    @property
    def expect_flag(self) -> bool:
        return self.variant == "perturbed"


@dataclass(frozen=True)
class Term:
    """A printed figure as the interval of values it stands for."""

    lo: float
    hi: float


def term(value: Decimal, step: Decimal, *, exact: bool = False, hedged: bool = False) -> Term:
    if hedged:
        half = max(step, abs(value) * D("0.05"))
        return Term(float(value - half), float(value + half))
    if exact:
        return Term(float(value), float(value))
    return Term(float(value - step / 2), float(value + step))


def rounded(value: Decimal, step: Decimal, mode: str = ROUND_HALF_UP) -> Decimal:
    return (value / step).quantize(D(1), rounding=mode) * step


def sig2(value: Decimal) -> Decimal:
    """The step of a whole number rounded to two significant digits."""
    return D(10) ** max(len(str(int(abs(value)))) - 2, 0)


def consistent(
    target: Term, others: list[Term], f: Callable[..., float], slack: float = 0.0
) -> bool:
    """Whether some values of the others' intervals give a value within the target's
    (``f`` is monotonic in each argument, so the corners bound it)."""
    values = [f(*corner) for corner in itertools.product(*[(t.lo, t.hi) for t in others])]
    lo, hi = min(values) - slack, max(values) + slack
    eps = 1e-9 * max(1.0, abs(target.hi), abs(hi))
    return max(lo, target.lo) <= min(hi, target.hi) + eps


# ---- printing -----------------------------------------------------------------------------


def ko_won(value: Decimal) -> str:
    """3780000000000 -> "3조7800억원"; 242900000000 -> "2429억원"."""
    eok = int(value // D(10) ** 8)
    jo, rest = divmod(eok, 10000)
    if jo and rest:
        return f"{jo}조{rest}억원"
    return f"{jo}조원" if jo else f"{rest}억원"


def en_won(value: Decimal, step: Decimal) -> str:
    unit, name = (D(10) ** 12, "trillion") if value >= D(10) ** 12 else (D(10) ** 9, "billion")
    places = max(0, -int((step / unit).adjusted()))
    return f"{value / unit:.{places}f} {name} won"


def pct(value: Decimal, step: Decimal, language: str) -> str:
    places = max(0, -int(step.as_tuple().exponent))
    number = f"{value:.{places}f}"
    return f"{number}%" if language == "ko" or places else f"{number} percent"


def n(value: Decimal) -> str:
    return f"{int(value):,}"


def exact_count(rng: random.Random, low: int, high: int) -> Decimal:
    """A count that does not end in 00 (so it reads as exact)."""
    while True:
        v = rng.randrange(low, high)
        if v % 100:
            return D(v)


# ---- relations: each maker prints a snippet and judges it ----------------------------------
Made = tuple[str, bool] | None


def stake(rng: random.Random, lang: str, variant: str, shift: Decimal | int) -> Made:
    co, holder = rng.choice(COMPANIES), rng.choice(HOLDERS)
    m_step = D(10) ** 10
    market = D(rng.randrange(150, 900)) * m_step  # 1조5000억..8조9900억
    share = D(rng.randrange(1500, 7500)) / 100
    if variant == "boundary":
        market, share = D(4) * D(10) ** 12, D(rng.choice(["58.75", "61.25", "33.75", "41.25"]))
    true_value = market * share / 100
    step = sig2(true_value)
    mode = ROUND_HALF_EVEN if variant == "boundary" and rng.random() < 0.5 else ROUND_HALF_UP
    printed = rounded(true_value + shift * step, step, mode)
    if printed <= 0 or (printed % D(10) ** 12 == 0 and sig2(printed) < D(10) ** 12):
        return None  # "4조원" prints its last digit at 1조, not at 1000억
    hedged = variant == "hedged"
    ok = consistent(
        term(printed, sig2(printed), hedged=hedged),
        [term(market, m_step), term(share, D("0.01"))],
        lambda m, s: m * s / 100,
    )
    h_ko, h_en = ("약 ", "about ") if hedged else ("", "")
    if lang == "ko":
        text = (
            f"{holder[0]}은 {co[0]} 지분 {share:.2f}%를 보유하고 있다. {co[0]} 시가총액은 "
            f"{ko_won(market)}으로 {holder[0]}의 지분 가치는 {h_ko}{ko_won(printed)}에 달한다."
        )
    else:
        text = (
            f"{holder[1]} holds a {share:.2f}% stake in {co[1]}. With its market value at "
            f"{en_won(market, m_step)}, the stake is worth {h_en}{en_won(printed, sig2(printed))}."
        )
    return text, ok


def growth(rng: random.Random, lang: str, variant: str, shift: Decimal | int) -> Made:
    co = rng.choice(COMPANIES)
    a_step = D(10) ** 8
    before = D(rng.randrange(301, 8999)) * a_step
    up = rng.random() < 0.6
    rate = D(rng.randrange(20, 700)) / 10 if up else D(rng.randrange(20, 600)) / 10
    if variant == "boundary":
        before = D(200 * rng.randrange(2, 40) + 2) * a_step
    after = rounded(before * (1 + (rate if up else -rate) / 100), a_step)
    if after % (100 * a_step) == 0:
        return None  # would read as rounded to 100억
    true_rate = (after / before - 1) * 100 * (1 if up else -1)
    r_step = D(1) if variant == "boundary" or rng.random() < 0.5 else D("0.1")
    mode = ROUND_HALF_EVEN if rng.random() < 0.5 else ROUND_HALF_UP
    printed = rounded(true_rate + shift * r_step, r_step, mode)
    if printed <= 0 or (not up and printed >= 100):
        return None
    sign = 1 if up else -1
    hedged = variant == "hedged"
    ok = consistent(
        term(printed, r_step, hedged=hedged),
        [term(after, a_step), term(before, a_step)],
        lambda a, b: sign * (a / b - 1) * 100,
    )
    metric_ko, metric_en = rng.choice(
        [("매출액", "sales"), ("영업이익", "operating profit"), ("수출액", "exports")]
    )
    h_ko, h_en = ("약 ", "about ") if hedged else ("", "")
    if lang == "ko":
        verb = "증가했다" if up else "감소했다"
        rate_text = pct(printed, r_step, "ko")
        text = (
            f"{co[0]}의 지난해 {metric_ko}은 {ko_won(before)}에서 {ko_won(after)}으로 "
            f"{h_ko}{rate_text} {verb}."
        )
    else:
        verb = "rose" if up else "fell"
        text = (
            f"{co[1]}'s {metric_en} {verb} {h_en}{pct(printed, r_step, 'en')} to "
            f"{en_won(after, a_step)} from {en_won(before, a_step)} last year."
        )
    return text, ok


def difference(rng: random.Random, lang: str, variant: str, shift: Decimal | int) -> Made:
    place = rng.choice(PLACES)
    up = rng.random() < 0.6
    hedged = variant == "hedged"
    if rng.random() < 0.5:  # counts of people
        before, change = exact_count(rng, 200, 9000), exact_count(rng, 11, 899)
        after = before + change if up else before - change
        printed = change + whole(shift)
        if printed <= 0 or after % 100 == 0 or printed % 100 == 0:
            return None
        sign = 1 if up else -1
        ok = consistent(
            term(printed, D(1), exact=not hedged, hedged=hedged),
            [term(after, D(1), exact=True), term(before, D(1), exact=True)],
            lambda a, b: sign * (a - b),
        )
        h_ko, h_en = ("약 ", "about ") if hedged else ("", "")
        if lang == "ko":
            verb = "늘었다" if up else "줄었다"
            text = (
                f"{place[0]}의 실업자는 {n(before)}명에서 {n(after)}명으로 "
                f"{h_ko}{n(printed)}명 {verb}."
            )
        else:
            noun = "an increase" if up else "a decrease"
            text = (
                f"The number of jobless people in {place[1]} went from {n(before)} to "
                f"{n(after)}, {noun} of {h_en}{n(printed)}."
            )
        return text, ok
    before, change = D(rng.randrange(10, 400)) / 10, D(rng.randrange(1, 60)) / 10
    after = before + change if up else before - change
    printed = rounded(change + shift * D("0.1"), D("0.1"))
    if after <= 0 or printed <= 0:
        return None
    sign = 1 if up else -1
    ok = consistent(
        term(printed, D("0.1"), hedged=hedged),
        [term(after, D("0.1")), term(before, D("0.1"))],
        lambda a, b: sign * (a - b),
    )
    if lang == "ko":
        verb = "상승했다" if up else "하락했다"
        hedge = "약 " if hedged else ""
        text = (
            f"{place[0]}의 실업률은 {before:.1f}%에서 {after:.1f}%로 {hedge}{printed:.1f}%p {verb}."
        )
    else:
        text = (
            f"{place[1]}'s jobless rate went from {before:.1f}% to {after:.1f}%, "
            f"{'up' if up else 'down'} {'about ' if hedged else ''}{printed:.1f} percentage points."
        )
    return text, ok


def share(rng: random.Random, lang: str, variant: str, shift: Decimal | int) -> Made:
    whole = exact_count(rng, 300, 5000)
    part = exact_count(rng, 11, int(whole) - 1)
    if variant == "boundary":
        whole = D(rng.choice([1998, 2000, 2002])) if False else D(2_000 + 0)
        whole = D(4_000 + 2 * rng.randrange(1, 40))  # not ending in 00
        part = whole / 2 + (whole / 2000 if False else 0)
        part = D(int(whole * D("0.3125")))
    true_rate = part / whole * 100
    step = D("0.1")
    mode = ROUND_HALF_EVEN if rng.random() < 0.5 else ROUND_HALF_UP
    printed = rounded(true_rate + shift * step, step, mode)
    if printed <= 0 or printed >= 100 or part % 100 == 0:
        return None
    hedged = variant == "hedged"
    ok = consistent(
        term(printed, step, hedged=hedged),
        [term(part, D(1), exact=True), term(whole, D(1), exact=True)],
        lambda p, w: p / w * 100,
    )
    h_ko, h_en = ("약 ", "about ") if hedged else ("", "")
    if lang == "ko":
        text = f"설문에 응한 {n(whole)}명 중 {n(part)}명({h_ko}{printed}%)이 찬성했다."
    else:
        text = f"{n(part)} of the {n(whole)} respondents, or {h_en}{printed}%, said they agreed."
    return text, ok


def total(rng: random.Random, lang: str, variant: str, shift: Decimal | int) -> Made:
    places = rng.sample(PLACES, 3)
    parts = [exact_count(rng, 1100, 9800) for _ in places]
    true_total = sum(parts)
    hedged = variant == "hedged"
    if variant == "boundary":
        parts[0] += (500 - true_total % 1000) % 1000  # the sum ends in 500
        true_total = sum(parts)
        if parts[0] % 100 == 0:
            return None
        step = D(1000)
        mode = ROUND_HALF_EVEN if rng.random() < 0.5 else ROUND_HALF_UP
        printed = rounded(true_total + shift * step, step, mode)
    else:
        step = D(1)
        printed = true_total + whole(shift)
        if printed % 100 == 0:
            return None
    if printed <= 0:
        return None
    t = term(
        printed, sig2(printed) if step > 1 else D(1), exact=step == 1 and not hedged, hedged=hedged
    )
    ok = consistent(t, [term(p, D(1), exact=True) for p in parts], lambda *xs: sum(xs))
    h_ko, h_en = ("약 ", "about ") if hedged else ("", "")
    if lang == "ko":
        listed = ", ".join(f"{p[0]} {n(v)}가구" for p, v in zip(places, parts, strict=True))
        text = f"올해 공공 매입 대상은 {listed}로 총 {h_ko}{n(printed)}가구에 이른다."
    else:
        listed = ", ".join(
            f"{n(v)} homes in {p[1]}" for p, v in zip(places[:-1], parts[:-1], strict=True)
        )
        listed += f" and {n(parts[-1])} homes in {places[-1][1]}"
        text = f"The agencies will buy {listed}, for a total of {h_en}{n(printed)} homes this year."
    return text, ok


def per_unit(rng: random.Random, lang: str, variant: str, shift: Decimal | int) -> Made:
    count = exact_count(rng, 20, 5000)
    man = rng.randrange(11, 499)
    if man % 10 == 0:
        man += 1
    rate = D(man) * 10000  # printed to 1만원: the interval of its last digit
    r_step = D(10000)
    true_total = count * rate
    step = D(10) ** 6 if lang == "ko" else D(10) ** 6
    printed = rounded(true_total + shift * step * 10, step)
    if printed <= 0 or printed % (100 * step) == 0:
        return None
    hedged = variant == "hedged"
    ok = consistent(
        term(printed, step, hedged=hedged),
        [term(count, D(1), exact=True), term(rate, r_step)],
        lambda c, r: c * r,
    )
    h_ko, h_en = ("약 ", "about ") if hedged else ("", "")
    total_man = int(printed // 10000)
    if lang == "ko":
        eok, rest = divmod(total_man, 10000)
        total_text = (f"{eok}억{rest}만원" if rest else f"{eok}억원") if eok else f"{rest}만원"
        text = (
            f"시는 피해 가구 {n(count)}가구에 가구당 {man}만원씩 총 {h_ko}{total_text}을 지원한다."
        )
    else:
        text = (
            f"The city will give {h_en}{printed / 10**6:,.0f} million won to {n(count)} "
            f"households, or {man * 10000:,} won per household."
        )
    return text, ok


def age(rng: random.Random, lang: str, variant: str, shift: Decimal | int) -> Made:
    person = rng.choice(PEOPLE)
    birth = rng.randrange(1940, 2000)
    printed = REF_YEAR - birth - (1 if variant == "boundary" else 0) + whole(shift)
    if printed <= 0:
        return None
    ok = REF_YEAR - birth - 1 <= printed <= REF_YEAR - birth
    if lang == "ko":
        text = f"{birth}년생인 {person[0]} 대표는 올해 {printed}세다."
    else:
        text = f"{person[1]}, who was born in {birth}, is {printed} years old."
    return text, ok


def elapsed(rng: random.Random, lang: str, variant: str, shift: Decimal | int) -> Made:
    since = rng.randrange(1990, 2020)
    printed = REF_YEAR - since - (1 if variant == "boundary" else 0) + whole(shift)
    if printed <= 0:
        return None
    ok = abs(printed - (REF_YEAR - since)) <= 1
    if lang == "ko":
        text = f"대통령의 국빈 방문은 {since}년 당시 대통령 이후 {printed}년 만이다."
    else:
        text = f"It is the first state visit in {printed} years, since {since}."
    return text, ok


RELATIONS: dict[str, Callable[[random.Random, str, str, int], Made]] = {
    "stake_value": stake, "growth": growth, "difference": difference, "share": share,
    "sum": total, "per_unit": per_unit, "age": age, "elapsed_years": elapsed,
}  # fmt: skip
# Moves of a figure, in steps of its printed precision (the ones within rounding are dropped
# by the judge: a move of 2 steps of a rate derived from amounts printed coarser may hold).
# A move is applied to the value before it is printed to its precision, so 1.5 steps prints
# 1 or 2 steps away (one step is mostly within rounding, and dropped); a figure printed to
# the unit exactly (a count, an age, a year) moves 2 steps for 1.5.
SHIFTS = (D("1.5"), 2, 3, 4, 5, 7, 10, D("-1.5"), -2, -3, -5, -10)


def whole(shift: Decimal | int) -> int:
    """A move in whole steps, for figures printed to the unit: 1.5 steps is 2."""
    return int(D(shift).to_integral_value(rounding=ROUND_UP))


HEDGEABLE = {"stake_value", "growth", "difference", "share", "sum", "per_unit"}


def suite(per_cell: int = 8, seed: int = 20) -> list[Snippet]:
    """``per_cell`` correct and ``per_cell`` perturbed snippets per relation and language
    (correct ones: plain, at a rounding boundary and hedged, in turn)."""
    rng = random.Random(seed)
    out: list[Snippet] = []
    for relation, make in RELATIONS.items():
        for lang in ("ko", "en"):
            kinds = (
                ["correct", "boundary", "hedged"]
                if relation in HEDGEABLE
                else ["correct", "boundary"]
            )
            made = 0
            for _attempt in range(per_cell * 50):
                if made == per_cell:
                    break
                variant = kinds[made % len(kinds)]
                got = make(rng, lang, variant, 0)
                if got is not None and got[1]:
                    out.append(Snippet(relation, lang, variant, got[0]))
                    made += 1
            made = 0
            for _attempt in range(per_cell * 50):
                if made == per_cell:
                    break
                got = make(rng, lang, "correct", rng.choice(SHIFTS))
                if got is not None and not got[1]:
                    out.append(Snippet(relation, lang, "perturbed", got[0]))
                    made += 1
    return out
