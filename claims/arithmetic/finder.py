"""Where an article's text ties its figures together, and by which relation.

Each sentence is read as a shape: its text with every figure replaced by ``«i»`` (its index
among the sentence's figures), so that a pattern says how the words join the figures ("«0»
에서 «1»로 «2» 증가", "rose «2» to «1» from «0»"). A relation is taken only where such
words tie its figures within one sentence, or where a sentence points back explicitly
("…를 포함하면 총", a stake's value and the stake named a few sentences before); figures
that merely share an article (a quarter's margin and a year's sales) are never related.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from claims.arithmetic import relations
from claims.arithmetic.relations import Solved
from claims.extraction.types import Figure
from claims.quantities import Dimension, Interval, Quantity, comparable, read_quantity


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    quantities: tuple[Quantity, ...]
    shape: str

    @classmethod
    def read(cls, body: str, start: int, end: int, figures: Sequence[Figure]) -> Sentence:
        text = body[start:end]
        quantities = []
        for figure in figures:
            q = read_quantity(figure, text, start)
            if q is not None:
                quantities.append(q)
        return cls(start, end, text, tuple(quantities), _shape(text, start, quantities))


def _shape(text: str, start: int, quantities: list[Quantity]) -> str:
    pieces, at = [], 0
    for i, q in enumerate(quantities):
        s, e = q.figure.start - start, q.figure.end - start
        if s < at:
            continue
        pieces.append(text[at:s])
        pieces.append(f"«{i}»")
        at = e
    pieces.append(text[at:])
    return "".join(pieces)


@dataclass(frozen=True, slots=True)
class Found:
    relation: str
    solved: Solved
    quantities: tuple[Quantity, ...]
    roles: tuple[str, ...]
    start: int
    end: int


def fig(name: str) -> str:
    return rf"«(?P<{name}>\d+)»"


A, B, C, T, R, N, W, P, Y = (fig(x) for x in "abctrnwpy")
GAP = r"[^«.?!]{0,%d}?"
KO_UP = r"증가|늘|상승|올라|오른|오르|높아|확대|성장|급증|뛰|증액|불어|개선"
KO_DOWN = r"감소|줄|하락|떨어|낮아|축소|급감|감액|내려|내린|빠졌|빠진|뒷걸음|후퇴"
EN_UP = r"rose|risen|rise|rising|increased|increasing|grew|grown|growing|jumped|climbed|surged|soared|gained|expanded|up"
EN_DOWN = r"fell|fallen|falling|declined|declining|dropped|decreased|decreasing|slid|plunged|sank|shrank|contracted|down"
EN_CHANGE_NOUN = r"increase|rise|jump|gain|growth|decline|drop|decrease|fall|reduction"
SOFT = r"(?:가량\s?|정도\s?|이나\s?|나\s?|씩\s?|가까이\s?|넘게\s?|이상\s?)?"
KO_PARTICLE = r"(?:으로|로|가|이|을|를|은|는|에)?"
EN_HEDGE = r"(?:(?:about|nearly|almost|some|roughly|around|approximately|an\sestimated|more\sthan|over|less\sthan)\s)?"
KO_HEDGE = r"(?:(?:약|대략|거의|최대|최소)\s?)?"

# Changes between two stated amounts: "«a»에서 «b»로 «c» 증가", "rose «c» from «a» to «b»".
CHANGE_FULL = [
    re.compile(
        rf"{A}\s?(?:에서|보다|대비|에 비해|과 비교해|와 비교해)\s?{GAP % 25}{B}{KO_PARTICLE}\s?{GAP % 12}{C}{KO_PARTICLE}\s?{SOFT}(?P<verb>{KO_UP}|{KO_DOWN})"
    ),
    re.compile(
        rf"\b(?P<verb>{EN_UP}|{EN_DOWN})\s(?:by\s)?{EN_HEDGE}{C}\s(?:from\s{A}\s)to\s{B}", re.I
    ),
    re.compile(
        rf"\b(?P<verb>{EN_UP}|{EN_DOWN})\s(?:by\s)?{EN_HEDGE}{C}\sto\s{B},?\s(?:from|compared\swith|versus|against)\s{A}",
        re.I,
    ),
    re.compile(
        rf"\bfrom\s{A}\s{GAP % 20}to\s{B},?\s(?:(?:an?\s)?(?P<verb>{EN_CHANGE_NOUN})\sof|(?P<verb2>up|down)(?:\sby)?)\s{EN_HEDGE}{C}",
        re.I,
    ),
    re.compile(rf"{B},?\s(?P<verb>up|down)\s(?:by\s)?{EN_HEDGE}{C}\sfrom\s{A}", re.I),
]
YEAR_AGO = r"(?:from|on|over|compared\swith)\s(?:a\syear|the\sprevious|the\sprior|last|the\ssame|a\smonth|the\syear)"
# A change whose earlier amount the text leaves out: "«b»으로 «c» 증가", "«c» 증가한 «b»".
CHANGE_OPEN = [
    re.compile(rf"{B}(?:으로|로)\s?{C}\s?{SOFT}(?P<verb>{KO_UP}|{KO_DOWN})"),
    re.compile(
        rf"{B}(?:을|를|으로|로)?\s?{GAP % 20}(?:대비|보다|비해|比)\s?{GAP % 6}{C}\s?{SOFT}(?P<verb>{KO_UP}|{KO_DOWN})"
    ),
    re.compile(
        rf"{C}\s?(?P<verb>증가한|늘어난|상승한|감소한|줄어든|하락한|오른|떨어진|급증한|급감한)\s?{B}"
    ),
    re.compile(
        rf"\b(?P<verb>{EN_UP}|{EN_DOWN})\s(?:by\s)?{EN_HEDGE}{C}\s(?:on-year\s|year-on-year\s)?to\s{B}(?!,?\s(?:from|compared))",
        re.I,
    ),
    re.compile(rf"{B},?\s(?P<verb>up|down)\s{EN_HEDGE}{C}\s{YEAR_AGO}", re.I),
    re.compile(rf"{B},?\san?\s{C}\s(?P<verb>{EN_CHANGE_NOUN})\s{YEAR_AGO}", re.I),
]
# "«b1», «b2»… 각각 «c1», «c2» 증가": changes paired in order.
KO_RESPECTIVELY = re.compile(
    rf"{GAP % 40}각각\s?((?:«\d+»,?\s?(?:와|과|및)?\s?){{2,4}})\s?{SOFT}(?P<verb>{KO_UP}|{KO_DOWN})"
)
KO_MORE_THAN = re.compile(
    rf"{B}(?:인|의|로|으로|이던|이었던)?\s?{GAP % 30}보다\s?{C}(?:이|가|나)?\s?(?:더\s)?(?P<verb>많|적|어리|높|낮|크|작)"
)

SHARE = [
    re.compile(
        rf"{W}\s?(?:중|가운데)\s?{GAP % 20}{P}(?:이|가|은|는)?\s?{GAP % 10}\(\s?(?:전체의\s?)?{KO_HEDGE}{R}\s?\)"
    ),
    re.compile(
        rf"{W}\s?(?:중|가운데)\s?{GAP % 20}{P}(?:으로|로|이|가|은|는)?,?\s?(?:전체의\s?|비율은\s?|비중은\s?)?{R}(?:에|를|을|로|가)?\s?(?:해당|차지|달|이다|였|수준)"
    ),
    re.compile(rf"{P}(?:은|는|이|가|으로|로)\s?(?:전체\s?)?{W}의\s?{R}"),
    re.compile(
        rf"{P}\s(?:of|out of)\s(?:the\s|all\s|its\s|their\s)?{W}{GAP % 40}(?:,\s?or\s|\(|—\s?|-\s){EN_HEDGE}{R}",
        re.I,
    ),
    re.compile(rf"{R}\s(?:of\s(?:the\s|all\s|its\s)?{W}),?\s?(?:or\s|\()\s?{P}", re.I),
]
KO_TOTAL = re.compile(rf"(?P<cue>총|합계|합쳐|합하면|합치면|더하면|모두)\s?{GAP % 6}{T}")
EN_TOTAL = re.compile(
    rf"(?P<cue>for\sa\stotal\sof|a\stotal\sof|totaling|totalling|totaled|totalled|in\stotal|combined|altogether|bringing\sthe\s(?:total|number)\sto|a\scombined)\s{GAP % 6}{T}",
    re.I,
)
PARTIAL = re.compile(r"등|을 비롯|를 비롯|including|among\s(?:them|others)|such as|etc|bringing")
POINTS_BACK = re.compile(r"포함하면|포함해|더하면|합치면|합하면|여기에|including those|adding")

# A stake's value and the company's market value: the first amount within a few words after
# the cue (a date may stand between: "시가총액은 전일(24일) 기준 3조7800억원").
STAKE_VALUE_CUE = re.compile(
    r"지분\s?가치|지분가치|지분\s?평가액|stake\s(?:is\s|was\s)?(?:worth|valued\sat)|value\sof\s(?:the|its|their|his|her)\s[^«.]{0,20}?stake",
    re.I,
)
MARKET_CUE = re.compile(r"시가총액|시총|market\s(?:cap(?:italization|italisation)?|value)", re.I)
STAKE_SHARE = (
    re.compile(rf"지분\s?{GAP % 8}{R}"),
    re.compile(rf"{R}\s?(?:의\s)?(?:지분|보유\s?지분)"),
    re.compile(rf"{R}\s(?:stake|share|holding|interest)", re.I),
    re.compile(rf"stake\s(?:of\s)?{GAP % 6}{R}", re.I),
)

PER_UNIT = [
    re.compile(
        rf"{N}(?:에게|에|을|를)?\s?{GAP % 12}(?:«\d+»당|가구당|인당|명당|각각)?\s?{R}씩\s?{GAP % 16}(?:총|모두)\s?{KO_HEDGE}{T}"
    ),
    re.compile(
        rf"(?:총|모두)\s?{T}(?:을|를)?\s?{GAP % 6}{N}(?:에게|에)\s?{GAP % 8}(?:«\d+»당|가구당|인당|명당|각각)\s?{R}"
    ),
    re.compile(
        rf"{T}{GAP % 30}\bto\s{N}{GAP % 20},?\s?(?:or\s|\()?{R}\s(?:per|a|each|for\seach)\s(?:person|household|head|recipient|family|student|worker|company)",
        re.I,
    ),
    re.compile(
        rf"{R}\s(?:each|apiece|per\s[a-z]+)\sto\s{N}{GAP % 30}(?:total(?:ing|ling)?|a\stotal\sof|for\sa\stotal\sof)\s{T}",
        re.I,
    ),
]
KO_ELAPSED = re.compile(rf"{Y}{GAP % 40}(?:이후|이래)\s?{GAP % 6}{N}\s?만")
EN_ELAPSED = [
    re.compile(rf"\bin\s{N}{GAP % 30}\bsince\s{Y}", re.I),
    re.compile(rf"\bsince\s{Y}{GAP % 40}\b(?:in|for|after)\s{N}", re.I),
]
EN_BORN = re.compile(rf"\bborn\s(?:in\s)?{Y}", re.I)


def _q(s: Sentence, m: re.Match[str], name: str) -> Quantity | None:
    index = m.groupdict().get(name)
    if index is None:
        return None
    i = int(index)
    return s.quantities[i] if i < len(s.quantities) else None


def _sign(verb: str) -> int:
    down = re.match(rf"(?:{KO_DOWN}|{EN_DOWN}|decline|drop|decrease|fall|reduction)", verb, re.I)
    return -1 if down else 1


def _is_amount(q: Quantity) -> bool:
    return q.dimension.kind in ("money", "count", "quantity", "duration")


def _percent(q: Quantity) -> bool:
    return q.dimension.kind == "percent"


def _same(a: Quantity, b: Quantity) -> bool:
    return a.dimension == b.dimension or (
        a.dimension.kind == b.dimension.kind == "count" and comparable(a.dimension, b.dimension)
    )


def _found(
    relation: str,
    solved: Solved,
    qs: Sequence[Quantity],
    roles: Sequence[str],
    s: Sentence,
    first: Sentence | None = None,
) -> Found:
    start = first.start if first is not None else s.start
    return Found(relation, solved, tuple(qs), tuple(roles), start, s.end)


def changes(s: Sentence) -> Iterator[Found]:
    """Growth rates and differences between amounts."""
    taken: set[int] = set()
    for pattern in CHANGE_FULL:
        for m in pattern.finditer(s.shape):
            a, b, c = _q(s, m, "a"), _q(s, m, "b"), _q(s, m, "c")
            verb = m.group("verb") or m.groupdict().get("verb2") or ""
            if a is None or b is None or c is None or c.figure.start in taken:
                continue
            found = _change(s, a, b, c, _sign(verb))
            if found is not None:
                taken.add(c.figure.start)
                yield found
    for m in KO_RESPECTIVELY.finditer(s.shape):
        rates = [
            s.quantities[int(i)]
            for i in re.findall(r"«(\d+)»", m.group(1))
            if int(i) < len(s.quantities)
        ]
        before = s.shape[: m.start(1)]
        amounts = [
            s.quantities[int(i)]
            for i in re.findall(r"«(\d+)»", before)
            if int(i) < len(s.quantities)
        ]
        amounts = [q for q in amounts if _is_amount(q)][-len(rates) :]
        if len(amounts) != len(rates) or not all(_percent(r) for r in rates):
            continue
        for amount, rate in zip(amounts, rates, strict=True):
            if rate.figure.start in taken:
                continue
            taken.add(rate.figure.start)
            solved = relations.growth(None, amount, rate, _sign(m.group("verb")))
            yield _found("growth", solved, (amount, rate), ("after", "rate"), s)
    for pattern in CHANGE_OPEN:
        for m in pattern.finditer(s.shape):
            b, c = _q(s, m, "b"), _q(s, m, "c")
            verb = m.group("verb") or m.groupdict().get("verb2") or ""
            if b is None or c is None or c.figure.start in taken:
                continue
            found = _change(s, None, b, c, _sign(verb))
            if found is not None:
                taken.add(c.figure.start)
                yield found
    for m in KO_MORE_THAN.finditer(s.shape):
        b, c = _q(s, m, "b"), _q(s, m, "c")
        if b is None or c is None or c.figure.start in taken or not _same(b, c):
            continue
        if b.dimension.kind not in ("age", "count", "money", "quantity"):
            continue
        taken.add(c.figure.start)
        solved = relations.difference(
            None, b, c, _sign(m.group("verb")) if m.group("verb") not in ("어리",) else -1
        )
        yield _found("difference", solved, (b, c), ("stated", "difference"), s)


def _change(s: Sentence, a: Quantity | None, b: Quantity, c: Quantity, sign: int) -> Found | None:
    if a is not None and not _same(a, b):
        return None
    if _percent(c) and _is_amount(b):
        solved = relations.growth(a, b, c, sign)
        return _found(
            "growth", solved, [x for x in (a, b, c) if x], _roles(a, "before", "after", "rate"), s
        )
    if _same(b, c) and _is_amount(b) or (_percent(b) and c.dimension.kind == "percentage_point"):
        solved = relations.difference(a, b, c, sign)
        return _found(
            "difference",
            solved,
            [x for x in (a, b, c) if x],
            _roles(a, "before", "after", "change"),
            s,
        )
    return None


def _roles(a: Quantity | None, *names: str) -> tuple[str, ...]:
    return names if a is not None else names[1:]


def shares(s: Sentence) -> Iterator[Found]:
    for pattern in SHARE:
        for m in pattern.finditer(s.shape):
            w, p, r = _q(s, m, "w"), _q(s, m, "p"), _q(s, m, "r")
            if w is None or p is None or r is None or not _percent(r):
                continue
            if not (_same(w, p) and _is_amount(w)):
                continue
            if w.figure.value in ("10", "100") and ROUND_RATIO.search(s.shape, m.start(), m.end()):
                p = _about_one_unit(p)  # "10명 중 4명(40.5%)": four in ten, said roundly
            yield _found(
                "share", relations.share(p, w, r), (p, w, r), ("part", "whole", "share"), s
            )
            return


ROUND_RATIO = re.compile(r"«\d+»\s?(?:중|가운데)|\bin\s«\d+»|out\sof\s«\d+»")


def _about_one_unit(q: Quantity) -> Quantity:
    value = Fraction(q.figure.value)
    lo, hi = value - Fraction(1, 2), value + Fraction(1, 2)
    if q.interval.lo is not None:
        lo = min(lo, q.interval.lo)
    return replace(
        q,
        interval=Interval(lo, None if q.interval.hi is None else max(hi, q.interval.hi)),
        hedge=q.hedge or "about",
    )


def totals(s: Sentence, previous: Sentence | None) -> Iterator[Found]:
    for pattern in (KO_TOTAL, EN_TOTAL):
        for m in pattern.finditer(s.shape):
            t = _q(s, m, "t")
            if t is None or t.dimension.kind not in ("money", "count", "quantity"):
                continue  # durations in one sentence seldom add up ("징역 3년과 집행유예 4년")
            head = s.shape[: m.start()]
            parts = [
                s.quantities[int(i)]
                for i in re.findall(r"«(\d+)»", head)
                if int(i) < len(s.quantities)
            ]
            parts = [
                q for q in parts if q.dimension == t.dimension and q.figure.start < t.figure.start
            ]
            first = None
            if len(parts) == 1 and previous is not None and POINTS_BACK.search(head):
                earlier = [q for q in previous.quantities if q.dimension == t.dimension]
                if len(earlier) == 1:
                    parts = [earlier[0], *parts]
                    first = previous
            if len(parts) < 2:
                continue
            partial = (
                bool(PARTIAL.search(s.shape[m.start() - 40 if m.start() > 40 else 0 : m.end()]))
                or "bringing" in m.group("cue").lower()
            )
            solved = relations.total(parts, t, partial)
            yield _found("sum", solved, (*parts, t), (*("part" for _ in parts), "total"), s, first)
            return


def _amount_after(s: Sentence, cue: re.Pattern[str], reach: int = 30) -> Quantity | None:
    m = cue.search(s.shape)
    if m is None:
        return None
    for f in re.finditer(r"«(\d+)»", s.shape[m.end() : m.end() + reach]):
        q = s.quantities[int(f.group(1))]
        if q.dimension.kind == "money":
            return q
        if q.dimension.kind != "date":
            return None
    return None


def stakes(sentences: Sequence[Sentence], i: int) -> Iterator[Found]:
    s = sentences[i]
    v, mkt = _amount_after(s, STAKE_VALUE_CUE), _amount_after(s, MARKET_CUE)
    if v is None or mkt is None or v is mkt or v.dimension != mkt.dimension:
        return
    for back in range(0, 4):
        if i - back < 0:
            break
        earlier = sentences[i - back]
        share_m = _first(earlier.shape, STAKE_SHARE)
        share = _q(earlier, share_m, "r") if share_m else None
        if share is not None and _percent(share):
            solved = relations.stake_value(mkt, share, v)
            yield _found(
                "stake_value",
                solved,
                (mkt, share, v),
                ("market_value", "share", "stake_value"),
                s,
                earlier,
            )
            return


def _first(shape: str, patterns: Sequence[re.Pattern[str]]) -> re.Match[str] | None:
    for pattern in patterns:
        m = pattern.search(shape)
        if m is not None:
            return m
    return None


def per_units(s: Sentence) -> Iterator[Found]:
    for pattern in PER_UNIT:
        for m in pattern.finditer(s.shape):
            n, r, t = _q(s, m, "n"), _q(s, m, "r"), _q(s, m, "t")
            if n is None or r is None or t is None or n.dimension.kind != "count":
                continue
            if r.dimension != t.dimension or not _is_amount(t):
                continue
            yield _found(
                "per_unit",
                relations.per_unit(n, r, t),
                (n, r, t),
                ("count", "per_unit", "total"),
                s,
            )
            return


def years(s: Sentence, reference_year: int | None) -> Iterator[Found]:
    if reference_year is None:
        return
    qs = s.quantities
    births = [q for q in qs if q.dimension.kind == "date" and (q.figure.unit == "birth_year")]
    for m in EN_BORN.finditer(s.shape):
        y = _q(s, m, "y")
        if y is not None and y.dimension.kind == "date" and re.fullmatch(r"\d{4}", y.figure.value):
            births.append(y)
    ages = [q for q in qs if q.dimension.kind == "age" and q.step == 0 and q.hedge == ""]
    if len(births) == 1 and len(ages) == 1:
        birth = int(births[0].figure.value[:4])
        yield _found(
            "age",
            relations.age(birth, reference_year, ages[0]),
            (births[0], ages[0]),
            ("birth_year", "age"),
            s,
        )
    for pattern in (KO_ELAPSED, *EN_ELAPSED):
        for m in pattern.finditer(s.shape):
            y, n = _q(s, m, "y"), _q(s, m, "n")
            if y is None or n is None or n.dimension != _YEARS or y.dimension.kind != "date":
                continue
            if not re.fullmatch(r"\d{4}", y.figure.value) or y.figure.unit == "birth_year":
                continue
            solved = relations.elapsed(int(y.figure.value), reference_year, n)
            yield _found("elapsed_years", solved, (y, n), ("year", "years"), s)
            return


_YEARS = Dimension("duration", "years")


def find(sentences: Sequence[Sentence], reference_year: int | None) -> Iterator[Found]:
    """Every relation the text ties, sentence by sentence."""
    for i, s in enumerate(sentences):
        if len(s.quantities) < 2 and not (i and POINTS_BACK.search(s.text)):
            continue
        yield from changes(s)
        yield from shares(s)
        yield from totals(s, sentences[i - 1] if i else None)
        yield from stakes(sentences, i)
        yield from per_units(s)
        yield from years(s, reference_year)
