"""Reading a source's figures where they may matter, with the claims' own grammar.

The figure grammar reads about 100,000 characters a second, so a page of a megabyte is not
read whole. Numbers are cheap to find: each number of the page (with its Korean scale
words, "3조7800억", "0.67조") is compared by its significant digits with the figures
looked for, and only the passages around the numbers that could print one of them (the
same digits, or one rounded to the other) are read by the grammar, in both languages when
the passage holds both scripts. Numbers in words ("thirty-five", "서른다섯") are looked
for by the words of each figure's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from claims.evidence.values import decimal_value, significant
from claims.extraction.figures import extract_figures
from claims.extraction.figures.numbers import (
    EN_ORDINALS,
    EN_UNITS,
    KO_NATIVE,
    KO_NUMBER,
    parse_korean_number,
    to_decimal,
)
from claims.extraction.types import Figure

# Full-width forms ("６１．５７％") and the ideographic space, read as their ASCII twins:
# one character for one, so offsets into the folded text are offsets into the original.
FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
WIDE = re.compile("[\uff01-\uff5e\u3000]")
NUMBER = re.compile(KO_NUMBER)
# A number and the English scale word after it ("3.78 trillion", "$2.1bn").
SCALED = re.compile(
    rf"(?P<number>{KO_NUMBER})(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?",
    re.I,
)
EN_SCALES = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
KO_SCALE = re.compile(r"[조억만천백]")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
# Characters of context read on each side of a number: enough for "약", a currency or
# counter after it, and the glue checks of the grammar.
MARGIN = 48
# A figure read this close to the cut edge of a passage may be a cut figure ("7800억" of
# "3조 7800억"): left out; the number it holds has a passage of its own, centred on it.
EDGE = 16
EN_TENS = {v: k for k, v in EN_UNITS.items() if v % 10 == 0 and 20 <= v <= 90}
EN_SMALL = {v: k for k, v in EN_UNITS.items() if v < 20 and k not in ("a dozen", "dozen")}
KO_NATIVE_TENS = {10: ["열"], 20: ["스물", "스무"], 30: ["서른"], 40: ["마흔"], 50: ["쉰"]}
KO_NATIVE_ONES: dict[int, list[str]] = {}
for _word, _value in KO_NATIVE.items():
    if _value < 10 and _word not in ("첫", "석"):
        KO_NATIVE_ONES.setdefault(_value, []).append(_word)
EN_ORDINAL_WORDS: dict[int, list[str]] = {}
for _word, _value in EN_ORDINALS.items():
    EN_ORDINAL_WORDS.setdefault(_value, []).append(_word)
EN_SCALE_NAMES = (
    ("hundred", 100),
    ("thousand", 1000),
    ("million", 10**6),
    ("billion", 10**9),
    ("trillion", 10**12),
)
# Sino-Korean words the grammar reads as a figure ("일주일": one week).
KO_WORDS = {1: ["일주일"]}
EN_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()

Span = tuple[int, int]


def fold(text: str) -> str:
    """Full-width digits, signs and letters as ASCII; same length, same offsets."""
    return text.translate(FULLWIDTH) if WIDE.search(text) else text


@dataclass(frozen=True, slots=True)
class Number:
    """A number printed on the page: its span (with an English scale word after it, if
    any), its digits as printed, and its value."""

    start: int
    end: int
    digits: str
    value: Decimal


class Page:
    """A source's text, folded (``text``, same offsets as the original), with its numbers
    found once for every figure looked for."""

    def __init__(self, text: str) -> None:
        self.text = fold(text)
        self._numbers: list[Number] | None = None

    @property
    def numbers(self) -> list[Number]:
        if self._numbers is None:
            values: dict[tuple[str, str], Decimal] = {}
            found = []
            for m in SCALED.finditer(self.text):
                key = (m["number"], (m["scale"] or "").lower())
                value = values.get(key)
                if value is None:
                    value = values[key] = number_value(key[0]) * EN_SCALES.get(key[1], 1)
                found.append(Number(m.start(), m.end(), key[0], value))
            self._numbers = found
        return self._numbers


def _rounds_to(longer: str, shorter: str) -> bool:
    """Whether ``longer`` (significant digits) rounded or cut to the length of
    ``shorter`` gives ``shorter``."""
    fraction = Decimal("0." + longer)
    place = Decimal(10) ** -len(shorter)
    for mode in (ROUND_HALF_UP, ROUND_DOWN):
        if significant(fraction.quantize(place, rounding=mode)) == shorter.rstrip("0"):
            return True
    return False


def may_print(number: str, target: str) -> bool:
    """Whether a number with significant digits ``number`` may print a value with
    significant digits ``target``: the same digits, or one a rounding of the other (a
    rounded printing keeps two digits at least)."""
    if number == target:
        return True
    if len(number) > len(target):
        return _rounds_to(number, target)
    return len(number) >= 2 and _rounds_to(target, number)


def number_value(token: str) -> Decimal:
    """A number as the page prints it, with its Korean scale words ("3조 7800억")."""
    if KO_SCALE.search(token):
        return parse_korean_number(token)
    return to_decimal(token)


def words_for(value: Decimal) -> list[str]:
    """A whole number in the words a page may print it with: under 100 in English, native
    Korean and ordinals ("thirty-five", "서른다섯", "third"), and with a scale word
    ("seven thousand", "eight billion")."""
    if value != value.to_integral_value() or value <= 0:
        return []
    number = int(value)
    scaled = [
        f"{word} {name}"
        for name, scale in EN_SCALE_NAMES
        if number % scale == 0 and number // scale < 100
        for word in _small_words(number // scale)
        if " " not in word and not HANGUL.search(word)
    ]
    return scaled + (_small_words(number) if number < 100 else [])


def _small_words(number: int) -> list[str]:
    tens, ones = divmod(number, 10)
    english = [EN_SMALL[number]] if number in EN_SMALL else []
    if number >= 20:
        head = EN_TENS[tens * 10]
        english = [head] if not ones else [f"{head}-{EN_SMALL[ones]}", f"{head} {EN_SMALL[ones]}"]
    korean = KO_NATIVE_ONES.get(number, []) if number < 10 else []
    if 10 <= number <= 59:
        korean = [t + o for t in KO_NATIVE_TENS[tens * 10] for o in KO_NATIVE_ONES.get(ones, [""])]
    return english + korean + EN_ORDINAL_WORDS.get(number, []) + KO_WORDS.get(number, [])


def _word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = sorted(set(words), key=len, reverse=True)
    if not alternatives:
        return None
    long = "|".join(re.escape(w) for w in alternatives if len(w) > 1)
    # A one-syllable native numeral ("세", "네") counts only standing alone before a word.
    short = "|".join(re.escape(w) for w in alternatives if len(w) == 1)
    parts = [rf"(?<!\w)(?:{long})(?![A-Za-z])"] if long else []
    parts += [rf"(?<!\w)(?:{short})(?=\s)"] if short else []
    return re.compile("|".join(parts), re.I)


def _date_tokens(value: str) -> set[str]:
    parts = value.split("-")
    return {str(int(p)) for p in parts if p.isdecimal()}


class Targets:
    """What the figures looked for print as: values (with their significant digits), words,
    date parts."""

    def __init__(self, figures: Sequence[Figure]) -> None:
        self.values: list[tuple[Decimal, str]] = []
        self.date_parts: set[str] = set()
        words: list[str] = []
        for figure in figures:
            number = decimal_value(figure.value)
            if number is None:
                self.date_parts |= _date_tokens(figure.value)
                continue
            self.values.append((abs(number), significant(number)))
            words += words_for(number)
        self.words = _word_pattern(words)
        self._seen: dict[tuple[str, Decimal], bool] = {}
        self.months = (
            re.compile(r"\b(?:" + "|".join(m[:3] for m in EN_MONTH_NAMES) + r")[a-z]*\b", re.I)
            if self.date_parts
            else None
        )

    def hit(self, number: Number) -> bool:
        """Whether a number of the page may print one of the figures: a value within a
        factor of two, whose digits are the same or one a rounding of the other."""
        key = (number.digits, number.value)
        known = self._seen.get(key)
        if known is None:
            known = self._seen[key] = self._may_print(number)
        return known

    def _may_print(self, number: Number) -> bool:
        if self.date_parts and any(
            str(int(part)) in self.date_parts for part in re.findall(r"\d+", number.digits)
        ):
            return True
        digits = significant(number.value)
        return any(
            target / 2 <= number.value <= target * 2 and may_print(digits, target_digits)
            for target, target_digits in self.values
        )


def hits(page: Page, targets: Targets) -> list[Span]:
    """The spans of the page's numbers and words that may print a figure looked for."""
    found = [(n.start, n.end) for n in page.numbers if targets.hit(n)]
    for pattern in (targets.words, targets.months):
        if pattern is not None:
            found += [m.span() for m in pattern.finditer(page.text)]
    return sorted(found)


def windows(text: str, spans: Iterable[Span], margin: int = MARGIN) -> list[Span]:
    """Passages around ``spans``, cut at white space, overlapping ones merged."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        left, right = _cut_left(text, start - margin), _cut_right(text, end + margin)
        if merged and left <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], right)
        else:
            merged.append([left, right])
    return [(a, b) for a, b in merged]


def _cut_left(text: str, at: int) -> int:
    if at <= 0:
        return 0
    space = text.rfind(" ", max(0, at - 40), at)
    return space + 1 if space >= 0 else at


def _cut_right(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.find(" ", at, at + 40)
    return space if space >= 0 else at


def read(
    text: str, spans: Sequence[Span], *, language: str = "", reference_date: date | None = None
) -> list[Figure]:
    """The figures the grammar reads in each passage of ``text`` (folded), with offsets
    into ``text``. A passage is read as Korean and as English when it holds both scripts."""
    figures: dict[tuple[int, int, str, str], Figure] = {}
    for start, end in spans:
        chunk = text[start:end]
        for lang in _languages(chunk, language):
            found = extract_figures(chunk, language=lang, reference_date=reference_date)
            for figure in found:
                if _cut_at_edge(figure, start, end, len(text)):
                    continue
                moved = _moved(figure, start)
                figures.setdefault((moved.start, moved.end, moved.value, moved.unit), moved)
    return sorted(figures.values(), key=lambda f: (f.start, f.end))


def _languages(chunk: str, language: str) -> list[str]:
    korean, latin = bool(HANGUL.search(chunk)), bool(LATIN.search(chunk))
    if korean and latin:
        return ["ko", "en"]
    if korean:
        return ["ko"]
    return ["en"] if latin or language != "ko" else ["ko"]


def _cut_at_edge(figure: Figure, start: int, end: int, length: int) -> bool:
    return (start > 0 and figure.start < EDGE) or (end < length and figure.end > end - start - EDGE)


def _moved(figure: Figure, offset: int) -> Figure:
    return Figure(
        text=figure.text,
        value=figure.value,
        unit=figure.unit,
        kind=figure.kind,
        start=figure.start + offset,
        end=figure.end + offset,
        approximate=figure.approximate,
        rule=figure.rule,
    )
