"""Two printings of a figure compared: the same kind, the same unit, and values that agree
within what each printing says of its own precision.

A printing says how precise it is by its last printed digit: "3.78 trillion" is known to
0.01 trillion, "3조7800억" to 1억, "61.57%" to 0.01. Two printings agree when their values
are no further apart than half the coarser one's step: "3.78 trillion" is a rounded
"3조7800억"; "6,070억" is not "6,700억" (630억 apart, steps of 1억), nor is "61.75%"
"61.57%". A rounded printing must keep two significant digits to stand for a finer one
("4 trillion" does not corroborate "3조7800억").

An approximate printing ("약 6700억", "about 1,000") does not vouch for the zeros at its
end: its step widens past them, keeping two significant digits ("약 6700억" is known to
100억, "about 1,000" to 100).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from claims.extraction.types import Figure

# The last number printed in a figure's text ("7800" in "3조 7800억 원", "3.78" in
# "3.78 trillion"); the grammar normalises the text before it, so the value tells the scale.
DIGIT_RUN = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
# A number with a scale word: "6700억", "3.78 trillion", "$2.1bn". A bare number without
# one is too weak a match for an amount or count of a named thing.
SCALE_WORD = re.compile(
    r"\d\s?(?:[십백천만억조]|thousand|million|billion|trillion|bn|mn|lakh|crore)", re.I
)
MAX_EXPONENT = 24
# Units that name the same thing, by their canonical name (English singular).
UNIT_SYNONYMS = {
    "nation": "country",
    "person": "people",
    "persons": "people",
    "individual": "people",
    "firm": "company",
    "companie": "company",
    "percentage_points": "percentage_point",
    "kilometer": "km",
    "kilometre": "km",
    "meter": "m",
    "metre": "m",
    "kilogram": "kg",
    "tonne": "t",
    "ton": "t",
    "liter": "l",
    "litre": "l",
}
# Measures the English grammar may read as a count of a noun ("1,300 kilometers").
MEASURES = {"km", "m", "kg", "t", "l", "mile", "cm", "mm", "g", "ha"}
# Nouns after a generic counter or a bare number that name what is counted ("35개 나라",
# "35 member states"), by canonical unit.
COUNTED_NOUNS = {
    "나라": "country",
    "국가": "country",
    "국": "country",
    "member states": "country",
    "member countries": "country",
    "countries": "country",
    "nations": "country",
    "사람": "people",
    "people": "people",
    "기업": "company",
    "회사": "company",
    "companies": "company",
}
COUNTED_NOUN = re.compile(
    r"\s?(" + "|".join(sorted(map(re.escape, COUNTED_NOUNS), key=len, reverse=True)) + ")"
)
GENERIC_COUNTS = {"", "items"}


@dataclass(frozen=True, slots=True)
class Printed:
    """A figure's value as printed: ``step`` is the unit of its last significant digit
    (0 when it is known only as a whole, a date or a fraction), ``digits`` how many
    significant digits it shows."""

    value: Decimal
    step: Decimal
    digits: int
    approximate: bool = False

    def loose(self) -> Printed:
        """The same value with the zeros at its end not vouched for (an approximation)."""
        step = max(self.step, _approximate_step(self.value))
        return Printed(self.value, step, self.digits, approximate=True)


def decimal_value(value: str) -> Decimal | None:
    """A figure's value as a Decimal; None for a date or anything that is not a number."""
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def significant(value: Decimal) -> str:
    """The significant digits of a value: 6.7E+11 -> "67", 61.57 -> "6157", 0.67 -> "67"."""
    digits = format(abs(value).normalize(), "f").replace(".", "").lstrip("0").rstrip("0")
    return digits or "0"


def printed(text: str, value: str, *, approximate: bool = False) -> Printed | None:
    """How ``text`` prints ``value``; None when the value is not a number (a date)."""
    number = decimal_value(value)
    if number is None:
        return None
    magnitude = abs(number)
    runs = DIGIT_RUN.findall(text)
    step = _digits_step(magnitude, runs[-1]) if runs else _words_step(magnitude, text)
    result = Printed(number, step, _significant(magnitude, step), approximate)
    return result.loose() if approximate else result


def _digits_step(magnitude: Decimal, run: str) -> Decimal:
    """The unit of the last digit of ``run``, the last number printed: the smallest power of
    ten that, times the run, leaves the rest of the value a whole number of a higher place."""
    printed_number = Decimal(run.replace(",", ""))
    decimals = len(run.split(".")[1]) if "." in run else 0
    whole_digits = len(str(int(printed_number))) if printed_number >= 1 else 0
    for power in range(MAX_EXPONENT + 1):
        scale = Decimal(10) ** power
        rest = magnitude - printed_number * scale
        if rest < 0:
            break
        if rest % (Decimal(10) ** (power + whole_digits)) == 0:
            return scale * Decimal(10) ** -decimals
    return Decimal(0)  # the grammar read it otherwise (a fraction, "5할"): compared as whole


def _words_step(magnitude: Decimal, text: str) -> Decimal:
    """A number in words: exact ("thirty-five"), or to its scale ("six thousand")."""
    if magnitude != magnitude.to_integral_value():
        return Decimal(0)
    if re.search(r"hundred|thousand|million|billion|trillion", text, re.I):
        return Decimal(10) ** _trailing_zeros(int(magnitude))
    return Decimal(1)


def _trailing_zeros(number: int) -> int:
    digits = str(number)
    return len(digits) - len(digits.rstrip("0")) if number else 0


def _approximate_step(value: Decimal) -> Decimal:
    magnitude = abs(value)
    if magnitude != magnitude.to_integral_value() or magnitude < 100:
        return Decimal(0)
    whole = int(magnitude)
    return Decimal(10) ** min(_trailing_zeros(whole), len(str(whole)) - 2)


def _significant(magnitude: Decimal, step: Decimal) -> int:
    if not magnitude:
        return 1
    if not step:
        return len(str(magnitude).replace(".", "").strip("0")) or 1
    return max(1, magnitude.adjusted() - step.adjusted() + 1)


def agree(claimed: Printed, found: Printed) -> bool:
    """Whether a source's printing ``found`` stands for the claim's ``claimed``: apart by
    no more than half the coarser printing's step, when that printing keeps two
    significant digits (or is the claim's own, and says it is approximate); otherwise by
    no more than half the finer one's ("4천만 원" is not "4,400만 원")."""
    coarse, fine = (found, claimed) if found.step > claimed.step else (claimed, found)
    rounded_enough = coarse.digits >= 2 or (coarse is claimed and coarse.approximate)
    tolerance = (coarse if rounded_enough else fine).step / 2
    return abs(claimed.value - found.value) <= tolerance


def canonical_unit(unit: str) -> str:
    """A unit by one name: lower case, English singular, synonyms merged."""
    name = unit.strip().lower()
    if name.endswith("ies") and len(name) > 4:
        name = name[:-3] + "y"
    elif name.endswith("s") and not name.endswith("ss") and len(name) > 3:
        name = name[:-1]
    return UNIT_SYNONYMS.get(name, name)


def scaled_bare(figure: Figure) -> bool:
    """A number with a scale word and no unit, showing two significant digits or more
    ("약 6700억", "3.78 trillion"; not "1조", which says too little alone)."""
    if figure.kind != "count" or figure.unit or not SCALE_WORD.search(figure.text):
        return False
    number = decimal_value(figure.value)
    return number is not None and len(significant(number)) >= 2


def counted_noun(after: str) -> str:
    """What the words right after a figure say it counts ("나라" -> "country"), or ""."""
    match = COUNTED_NOUN.match(after)
    return COUNTED_NOUNS[match.group(1)] if match else ""


def same_measure(claimed: Figure, found: Figure, after: str = "") -> bool:
    """Whether ``found`` measures what ``claimed`` does: the same kind and unit (currency),
    a bare scaled number for an amount (a count of views is not a count of people), or a
    generic counter followed by the noun of the claim's unit. ``after`` is the source text
    right after ``found``."""
    if scaled_bare(found) and claimed.kind == "money":
        return True  # "약 6700억에 인수": an amount whose currency the sentence implies
    if scaled_bare(claimed) and found.kind in ("money", "count"):
        return True
    if claimed.kind != found.kind:
        unit = canonical_unit(claimed.unit)
        measures = {claimed.kind, found.kind} == {"count", "quantity"} and unit in MEASURES
        return measures and unit == canonical_unit(found.unit)
    if claimed.kind == "money":
        return claimed.unit == found.unit
    want, have = canonical_unit(claimed.unit), canonical_unit(found.unit)
    if want == have:
        return True
    if claimed.kind != "count":
        return False
    if claimed.unit in GENERIC_COUNTS:
        return bool(found.unit)  # "35개" is 35 of some named thing, not any bare 35
    return found.unit in GENERIC_COUNTS and counted_noun(after) == want


def figure_from(stored: Figure | dict[str, object]) -> Figure:
    """A claim's figure as ``Claim.figures`` stores it (a dict) or as extraction gives it."""
    if isinstance(stored, Figure):
        return stored
    return Figure(
        text=str(stored.get("text", "")),
        value=str(stored.get("value", "")),
        unit=str(stored.get("unit", "")),
        kind=str(stored.get("kind", "")),
        start=int(str(stored.get("start", 0) or 0)),
        end=int(str(stored.get("end", 0) or 0)),
        approximate=bool(stored.get("approximate", False)),
    )
