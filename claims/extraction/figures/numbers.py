"""Reading numbers: Korean scale words (조/억/만/천), native numerals, English number words.

Values are Decimals; ``format_decimal`` gives the decimal strings of a Figure.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

KO_BIG = {"조": Decimal(10) ** 12, "억": Decimal(10) ** 8, "만": Decimal(10) ** 4}
KO_SMALL = {"천": Decimal(1000), "백": Decimal(100), "십": Decimal(10)}

# Native Korean numerals as they stand before a counter ("네 가지", "세 번째", "두 차례").
KO_NATIVE = {
    "한": 1,
    "첫": 1,
    "두": 2,
    "둘": 2,
    "세": 3,
    "셋": 3,
    "석": 3,
    "네": 4,
    "넷": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
    "열": 10,
    "열한": 11,
    "열두": 12,
    "스무": 20,
    "스물": 20,
    "서른": 30,
    "마흔": 40,
    "쉰": 50,
}

EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "dozen": 12,
}
EN_SCALES = {
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "lakh": Decimal(10) ** 5,  # South Asian scales
    "million": Decimal(10) ** 6,
    "crore": Decimal(10) ** 7,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "bn": Decimal(10) ** 9,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "k": Decimal(1000),
}
EN_FRACTIONS = {
    "half": Decimal("0.5"),
    "a half": Decimal("0.5"),
    "one half": Decimal("0.5"),
    "a third": Decimal(1) / Decimal(3),
    "one third": Decimal(1) / Decimal(3),
    "two thirds": Decimal(2) / Decimal(3),
    "two-thirds": Decimal(2) / Decimal(3),
    "a quarter": Decimal("0.25"),
    "one quarter": Decimal("0.25"),
    "three quarters": Decimal("0.75"),
    "three-quarters": Decimal("0.75"),
    "a fifth": Decimal("0.2"),
    "one fifth": Decimal("0.2"),
    "a tenth": Decimal("0.1"),
}
EN_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
}

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "3조7800억", "8만539", "4천만", "2조3000억", "15만", "1,234", "61.57"
# "1천800여만": 여 ("some") may stand before a scale word.
KO_NUMBER = rf"(?:{DIGITS})(?:\s?여?[조억만천백]+(?:\s?(?:{DIGITS}))?)*"
KO_NUMBER_RE = re.compile(rf"(?:{DIGITS})|조|억|만|천|백")


# "2 1/2", "3 ½", "3½": a whole number and a common fraction, read as one number.
VULGAR_FRACTIONS = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4)}
VULGAR_FRACTIONS |= {"⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}
MIXED_FRACTION = (
    r"\d{1,4}(?:\s(?:1/2|1/3|2/3|1/4|3/4|[1357]/8)(?![\d/])|\s?["
    + "".join(VULGAR_FRACTIONS)
    + r"])"
)
MIXED_FRACTION_RE = re.compile(r"(\d+)\s?(?:(\d)/(\d)|(.))")


def parse_mixed_fraction(text: str) -> Decimal | None:
    """'2 1/2' -> 2.5; '3½' -> 3.5."""
    m = MIXED_FRACTION_RE.fullmatch(text)
    if m is None or not (m[2] or m[4] in VULGAR_FRACTIONS):
        return None
    top, bottom = (int(m[2]), int(m[3])) if m[2] else VULGAR_FRACTIONS[m[4]]
    return Decimal(m[1]) + Decimal(top) / Decimal(bottom)


def to_decimal(digits: str) -> Decimal:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return Decimal(0)


def parse_korean_number(text: str) -> Decimal:
    """3조7800억 -> 3780000000000; 8만539 -> 80539; 4천만 -> 40000000."""
    total = Decimal(0)
    section = Decimal(0)
    pending: Decimal | None = None
    for token in KO_NUMBER_RE.findall(text.replace(" ", "")):
        if token in KO_BIG:
            base = section + (pending if pending is not None else Decimal(0))
            total += (base if base else Decimal(1)) * KO_BIG[token]
            section, pending = Decimal(0), None
        elif token in KO_SMALL:
            section += (pending if pending is not None else Decimal(1)) * KO_SMALL[token]
            pending = None
        else:
            if pending is not None:
                section += pending
            pending = to_decimal(token)
    return total + section + (pending if pending is not None else Decimal(0))


def parse_english_words(words: str) -> Decimal | None:
    """'three' -> 3; 'twenty-five' -> 25; 'two hundred' -> 200; 'a dozen' -> 12."""
    text = words.lower().replace("-", " ").strip()
    if text in EN_UNITS:
        return Decimal(EN_UNITS[text])
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    for word in text.split():
        if word in ("and", "a"):
            continue
        if word in EN_UNITS:
            current += EN_UNITS[word]
            seen = True
        elif word in EN_SCALES and word not in {"m", "b", "k", "bn", "mn"}:
            current = (current or Decimal(1)) * EN_SCALES[word]
            if EN_SCALES[word] >= 1000:
                total, current = total + current, Decimal(0)
            seen = True
        else:
            return None
    return total + current if seen else None


def format_decimal(value: Decimal) -> str:
    """A decimal string without exponent or trailing zeros: 6.7E+11 -> '670000000000'."""
    if value == value.to_integral_value():
        return format(value.to_integral_value(), "f")
    text = format(value.normalize(), "f")
    if "." in text:
        integer, fraction = text.split(".")
        if len(fraction) > 6:
            text = f"{integer}.{fraction[:6]}".rstrip("0").rstrip(".")
    return text
