"""A printed figure read as the interval of values it may stand for.

Its printed precision gives the interval: "61.57%" is [61.565, 61.575]; "3조7800억원" is
3조7800억 give or take 50억. Two or more trailing zeros of a whole number are read as
rounding, down to the second significant digit and no further: "2조3000억" is 2.3조 give or
take 500억 ("2.3 trillion" prints the same), "6000억" is 6000억 give or take 50억, "1,200
jobs" 1,150 to 1,250; one trailing zero is a printed digit ("30 countries" and "35
countries" differ, "60%" is 59.5 to 60.5). A count, an age or a rank
printed to the unit is exact ("35개국", "thirty-five countries"). Hedges widen the interval
("약", "about": 5% either way, at least the printed step) or open one end ("이상", "more
than", "여": from the value up; "미만", "up to": from the value down; "nearly", "육박": up to
10% below).

The dimension (kind and unit, currencies included) says which figures can be compared at
all: 35% and 35개국 never, dollars and won never.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from claims.extraction.types import Figure
from claims.quantities.interval import Interval

DIGIT_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?")
KO_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
KO_SMALL = {"천": 1000, "백": 100, "십": 10}
KO_AFTER = re.compile(r"\s?([천백십]*)\s?여?\s?([조억만]?)")
EN_SCALE_AFTER = re.compile(
    r"\s?(hundred|thousand|lakh|million|crore|billion|trillion|bn|mn|m|b|k)(?![a-z])", re.I
)
EN_SCALES = {
    "hundred": 100, "thousand": 1000, "lakh": 10**5, "million": 10**6, "crore": 10**7,
    "billion": 10**9, "trillion": 10**12, "bn": 10**9, "mn": 10**6, "m": 10**6, "b": 10**9,
    "k": 1000,
}  # fmt: skip
# Kinds whose figures printed to the unit are exact: nobody rounds 35 countries to 35.
EXACT_KINDS = {"count", "age", "rank"}
# Durations counted in calendar units are counts too ("12년 만", "5박 7일"); minutes are not.
CALENDAR = {"years", "months", "weeks", "days", "nights", "quarters"}
ABOUT = Fraction(5, 100)
NEARLY = Fraction(10, 100)

# Hedges, as the words just before and just after a figure show them.
HEDGE_BEFORE = (
    ("at_least", re.compile(r"(?:최소|적어도|at least|no fewer than|no less than)\s*$", re.I)),
    (
        "more_than",
        re.compile(r"(?:more than|over|above|upwards of|in excess of|just over)\s*$", re.I),
    ),
    ("at_most", re.compile(r"(?:최대|최고|at most|up to|no more than|as many as)\s*$", re.I)),
    ("less_than", re.compile(r"(?:less than|fewer than|under|below|just under)\s*$", re.I)),
    ("nearly", re.compile(r"(?:거의|nearly|almost|close to|just shy of)\s*$", re.I)),
    (
        "about",
        re.compile(
            r"(?:약|대략|얼추|about|around|roughly|approximately|approx\.|some|an estimated|"
            r"estimated|circa|an average of|average of|평균)\s*$",
            re.I,
        ),
    ),
)
HEDGE_AFTER = (
    ("at_least", re.compile(r"^\s*(?:이상|or more|and up|plus\b|\+)")),
    ("more_than", re.compile(r"^\s*(?:[을를이가]\s?)?(?:초과|넘게|넘는|넘어|넘었|웃도|돌파|남짓)")),
    # "3만5000호까지 매입": up to; "48%까지 상승": rose to, no bound.
    (
        "at_most",
        re.compile(
            r"^\s*(?:이하|or less|at most|까지(?!\s?(?:상승|증가|늘|올|오르|치솟|감소|하락|줄|"
            r"떨어|내려|낮아|높아|확대|축소)))"
        ),
    ),
    ("less_than", re.compile(r"^\s*(?:미만|[이가]?\s?안\s?되|에\s?못\s?미치|를?\s?밑돌|or fewer)")),
    ("nearly", re.compile(r"^\s*(?:[에을를]\s?)?(?:육박|가까이|가까운|가깝|근접)")),
    ("about", re.compile(r"^\s*(?:가량|정도|안팎|쯤|내외|수준|선\b|or so|or thereabouts)")),
)
# "30여 개국", "1천여 명": some more than the value, up to its next round number.
SOME_MORE = re.compile(r"\d\s?[천백십만억조]*\s?여")


@dataclass(frozen=True, slots=True)
class Dimension:
    """What a figure measures: its kind and its unit (a currency for money)."""

    kind: str
    unit: str

    @property
    def key(self) -> str:
        """A blocking key: ``money:KRW``, ``count:countries``, ``percent:percent``."""
        return f"{self.kind}:{self.unit}"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure with the interval of values it may stand for.

    ``printed``: the rounding interval of its printed digits; ``interval``: that interval
    after its hedge; ``step``: its printed precision (0 when exact).
    """

    figure: Figure
    dimension: Dimension
    printed: Interval
    interval: Interval
    step: Fraction
    hedge: str = ""

    @property
    def value(self) -> Fraction:
        return (
            Fraction(self.figure.value)
            if self.dimension.kind not in ("date", "time")
            else Fraction(0)
        )


# Units that name the same thing, and count units that fit any count ("55개" and "55
# projects"). People counted under any name are people.
UNIT_SYNONYMS = {
    "nations": "countries", "states": "countries", "houses": "homes", "households": "homes",
    "housing units": "homes", "units": "items", "persons": "people", "individuals": "people",
    "companies": "companies", "firms": "companies", "businesses": "companies",
    "instances": "cases", "times": "times", "percentage_points": "percentage_points",
    "hrs": "hours", "mins": "minutes", "yrs": "years",
}  # fmt: skip
GENERIC_COUNT_UNITS = {"", "items", "kinds", "units", "cases"}
PEOPLE = {
    "people", "workers", "victims", "residents", "students", "patients", "children",
    "employees", "voters", "tourists", "visitors", "soldiers", "troops", "members",
    "citizens", "farmers", "fishermen", "tenants", "deaths", "adults", "women", "men",
    "officials", "lawmakers", "infections", "cases",
}  # fmt: skip


def canonical_unit(unit: str) -> str:
    unit = unit.lower()
    unit = UNIT_SYNONYMS.get(unit, unit)
    return "people" if unit in PEOPLE - {"cases", "infections"} else unit


def dimension_of(figure: Figure) -> Dimension:
    if figure.kind == "money":
        return Dimension("money", figure.unit.upper())
    return Dimension(figure.kind, canonical_unit(figure.unit))


def comparable(a: Dimension, b: Dimension) -> bool:
    """Whether two figures measure the same thing: same kind, same currency, the same unit
    or (for counts) a unit that fits any count."""
    if a.kind != b.kind:
        return False
    if a.unit == b.unit:
        return True
    if a.kind == "count":
        return a.unit in GENERIC_COUNT_UNITS or b.unit in GENERIC_COUNT_UNITS
    if a.kind == "date":
        return True  # a day and a month are both dates; their intervals decide
    return False


def read_quantity(figure: Figure, text: str = "", base: int = 0) -> Quantity | None:
    """The figure's interval, reading its hedge from ``text`` (the sentence or body it came
    from; ``base`` is the body offset of ``text``). None when the value is not a number."""
    dimension = dimension_of(figure)
    if figure.kind == "date":
        printed = _date_interval(figure.value)
        if printed is None:
            return None
        return Quantity(figure, dimension, printed, printed, Fraction(0), "")
    if figure.kind == "time":
        printed = _time_interval(figure.value)
        if printed is None:
            return None
        return Quantity(figure, dimension, printed, printed, Fraction(0), "")
    try:
        value = Fraction(Decimal(figure.value))
    except (InvalidOperation, ValueError):
        return None
    step = printed_step(figure.text, value)
    exact_kind = figure.kind in EXACT_KINDS or (
        figure.kind == "duration" and dimension.unit in CALENDAR
    )
    if step == 1 and exact_kind and value.denominator == 1:
        step = Fraction(0)
    printed = _rounded_or_cut(value, step)
    hedge = hedge_of(figure, text, base)
    return Quantity(figure, dimension, printed, widen(printed, value, step, hedge), step, hedge)


def printed_step(text: str, value: Fraction) -> Fraction:
    """The place of the last printed digit that counts, in the figure's unit: 0.01 for
    "61.57%", 100억 for "3조7800억원", 1000억 for "2조3000억원", 0 for "thirty-five"."""
    tokens = list(DIGIT_TOKEN.finditer(text))
    if not tokens:
        return Fraction(0)  # numbers in words and fractions are exact
    last = tokens[-1]
    digits = last.group(0).replace(",", "")
    multiplier = _multiplier(text, last.end())
    if "." in digits:
        return Fraction(multiplier, 10 ** len(digits.split(".")[1]))
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    if zeros < 2:
        zeros = 0  # "30", "2,750": one trailing zero is a printed digit
    finest = Fraction(multiplier)
    if value <= 0:
        return finest
    magnitude = len(str(int(abs(value)))) - 1  # the place of the first significant digit
    second = Fraction(10) ** max(magnitude - 1, 0)
    return max(finest, min(finest * 10**zeros, second))


def _multiplier(text: str, at: int) -> int:
    ko = KO_AFTER.match(text, at)
    multiplier = 1
    if ko and (ko.group(1) or ko.group(2)):
        for ch in ko.group(1):
            multiplier *= KO_SMALL[ch]
        if ko.group(2):
            multiplier *= KO_BIG[ko.group(2)]
        return multiplier
    en = EN_SCALE_AFTER.match(text, at)
    if en:
        word = en.group(1).lower()
        glued = not en.group(0).startswith(" ")
        if word in ("m", "b", "k") and not glued:
            return 1
        return EN_SCALES[word]
    return 1


def _rounded_or_cut(value: Fraction, step: Fraction) -> Interval:
    """The values that round to ``value`` at ``step`` or that were cut (truncated) to it, as
    election commissions print shares: [v - step/2, v + step]."""
    if value < 0:
        return Interval(value - step, value + step / 2)
    return Interval(value - step / 2, value + step)


def hedge_of(figure: Figure, text: str, base: int = 0) -> str:
    """The hedge around a figure: "about", "nearly", "more_than", "at_least", "less_than",
    "at_most", "some_more" (여, 남짓), or "" when it is printed plainly."""
    if SOME_MORE.search(figure.text):
        return "some_more"
    if text:
        start, end = figure.start - base, figure.end - base
        if 0 <= start <= end <= len(text):
            before = text[max(0, start - 24) : start]
            after = text[end : end + 10]
            for name, pattern in HEDGE_BEFORE:
                if pattern.search(before):
                    return name
            for name, pattern in HEDGE_AFTER:
                if pattern.search(after):
                    return name
    return "about" if figure.approximate else ""


def widen(printed: Interval, value: Fraction, step: Fraction, hedge: str) -> Interval:
    """The interval a hedge leaves: see the module's docstring."""
    assert printed.lo is not None and printed.hi is not None
    size = abs(value)
    if hedge == "about":
        half = max(step, size * ABOUT)
        return Interval(value - half, value + half)
    if hedge == "nearly":
        return Interval(value - max(step, size * NEARLY), printed.hi)
    if hedge in ("at_least", "more_than"):
        return Interval(printed.lo, None)
    if hedge in ("at_most", "less_than"):
        return Interval(Fraction(0) if value >= 0 else None, printed.hi)
    if hedge == "some_more":
        magnitude = Fraction(10) ** (len(str(int(size))) - 1) if size >= 1 else Fraction(1)
        return Interval(value, value + max(step, magnitude))
    return printed


def _date_interval(value: str) -> Interval | None:
    """A date as the interval of its days (proleptic ordinals): a day, a month or a year."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    try:
        if len(numbers) == 3:
            day = date(*numbers).toordinal()
            return Interval(Fraction(day), Fraction(day))
        if len(numbers) == 2:
            first = date(numbers[0], numbers[1], 1)
            following = date(numbers[0] + numbers[1] // 12, numbers[1] % 12 + 1, 1)
            return Interval(
                Fraction(first.toordinal()), Fraction((following - timedelta(days=1)).toordinal())
            )
        if len(numbers) == 1 and 1000 <= numbers[0] <= 9999:
            first, last = date(numbers[0], 1, 1), date(numbers[0], 12, 31)
            return Interval(Fraction(first.toordinal()), Fraction(last.toordinal()))
    except ValueError:
        return None
    return None


def _time_interval(value: str) -> Interval | None:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
    if not m:
        return None
    minute = int(m.group(1)) * 60 + int(m.group(2))
    return Interval.point(minute)


def same_precision_text(q: Quantity) -> str:
    """The printed interval as text for an explanation: "3조7800억원 [3.775e12, 3.785e12]"."""
    return f"{q.figure.text} {q.interval.describe()}"
