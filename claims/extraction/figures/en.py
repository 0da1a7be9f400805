"""English figures other than dates: money ("$2.1 billion", "USD 300", naira "N70 million",
Kenyan shillings "KSh10 billion"), percentages and points, ratios ("1.8 times", "twice"),
fractions ("a third of", "one in five"), ages ("35-year-old", "in their 40s"), durations,
times of day, ordinals, stages, hyphenated measures ("a 500-pound gorilla") and counts ("35
countries", "9 million jobs", "three").

Numbers may be words ("twenty-five") or mixed fractions ("2 1/2 Years", "3½ hours"). A
number glued to letters other than a scale or a unit ("5800X", "i7-9750H", "5G"), four
digits and more glued to a scale letter ("Radeon Pro 5500M") and a display resolution
before what it names ("4K TVs") are names, not counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from claims.extraction.figures.en_dates import EN_DECADE
from claims.extraction.figures.engine import Candidate, Scan, rule
from claims.extraction.figures.numbers import (
    DIGITS,
    EN_FRACTIONS,
    EN_ORDINALS,
    EN_SCALES,
    EN_UNITS,
    MIXED_FRACTION,
    VULGAR_FRACTIONS,
    format_decimal,
    parse_english_words,
    parse_mixed_fraction,
    to_decimal,
)
from claims.extraction.figures.tables import (
    EN_CURRENCY_SIGNS,
    EN_CURRENCY_WORDS,
    EN_DURATIONS,
    EN_MEASURES,
    EN_MONTHS,
)

EN_NUMBER_WORD = "|".join(sorted(EN_UNITS, key=len, reverse=True))
EN_NUM = rf"(?:{MIXED_FRACTION}|{DIGITS}|(?:{EN_NUMBER_WORD})(?:[-\s](?:{EN_NUMBER_WORD}))?)"
# Korean particles follow scale words directly ("$2.1 billion을"): end at any non-Latin letter.
EN_SCALE = (
    r"(?:\s?(?:hundred|thousand|lakh|million|crore|billion|trillion|bn|mn)(?![A-Za-z])"
    r"|(?<=\d)(?:m|bn|b|k)(?![A-Za-z]))"
)
# Naira written N ("N70 million") only with a scale word: "N95" is a mask.
EN_MONEY = re.compile(
    r"(?P<sign>US\$|\$|€|£|¥|₩|₹|₦|\b(?-i:Rs)\.?\s?|\b(?-i:KSh|Ksh)\s?"
    r"|\b(?-i:N)(?=\d[\d,.]*\s?(?:million|billion|trillion|bn)\b)"
    r"|\b(?:USD|EUR|GBP|JPY|KRW|CNY|INR|NGN|KES)\s?)"
    rf"(?P<num>{DIGITS})(?P<scale>{EN_SCALE})?"
    rf"|\b(?P<num2>{EN_NUM})(?P<scale2>{EN_SCALE})?"
    r"\s(?P<word>dollars?|euros?|pounds|yen|won|yuan|rupees?)\b",
    re.I,
)
# Text without one of these holds no English money figure (a cheap test on Korean text).
EN_MONEY_HINT = re.compile(
    r"[$€£¥₩₹₦]|USD|EUR|GBP|JPY|KRW|CNY|INR|NGN|KES|Rs|KSh|N\d"
    r"|dollar|euro|pound|yen|won|yuan|rupee",
    re.I,
)
# What every hint holds, a currency sign or a Latin letter: a first test the regex engine
# runs by a character set (the hint, case-insensitive, is tried at every position).
EN_MONEY_SIGN_OR_LETTER = re.compile(r"[$€£¥₩₹₦A-Za-z]")
EN_PERCENT = re.compile(
    rf"\b(?P<num>{EN_NUM})\s?(?P<unit>%|percent\b|per cent\b|percentage points?\b|points?\b)",
    re.I,
)
EN_RATIO = re.compile(rf"\b(?P<num>{EN_NUM})\s(?:times)\b|\b(?P<twice>twice|double|triple)\b", re.I)
EN_FRACTION = re.compile(
    r"\b(?P<frac>"
    + "|".join(re.escape(f) for f in sorted(EN_FRACTIONS, key=len, reverse=True))
    + r")(?=\s+(?:of|the|a|an)\b)"
    + rf"|\b(?P<a>{EN_NUMBER_WORD}|\d+)\s+(?:in|out of)\s+(?P<b>{EN_NUMBER_WORD}|\d+)\b",
    re.I,
)
EN_AGE = re.compile(rf"\b(?P<num>{EN_NUM})[-\s]years?[-\s]old\b|\baged\s(?P<num2>{EN_NUM})\b", re.I)
# "in their 40s", "in his early 30s": an age, as Korean "40대" is.
EN_AGE_DECADE = re.compile(
    r"\b(?:their|his|her|my|your|our)\s(?:(?:early|mid|late)[-\s])?(?P<num>[1-9]0)['’]?s\b",
    re.I,
)
EN_DURATION = re.compile(
    rf"\b(?P<num>{EN_NUM})(?P<scale>{EN_SCALE})?[-\s]"
    r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?![-\s]old)",
    re.I,
)
EN_TIME = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s?(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)", re.I)
EN_ORDINAL = re.compile(
    r"\b(?P<word>" + "|".join(EN_ORDINALS) + r")\b|\b(?P<num>\d+)(?:st|nd|rd|th)\b", re.I
)
# "Stage 4 cancer": a rank. "a 500-pound gorilla", "a 6.3-magnitude quake": a measure (a
# spaced "500 pounds" is money, above).
EN_STAGE = re.compile(r"\bstage\s(?P<num>[0-4])\b(?![.,]\d)", re.I)
EN_MEASURE = re.compile(rf"\b(?P<num>{DIGITS})-(?P<unit>{'|'.join(EN_MEASURES)})\b", re.I)
# A number glued to letters is part of a name (5800X, 3080Ti, i7-9750H, 5G), unless they are
# a scale or a unit the number measures (512GB, 230V, 70C, 15p, 30fps, 25x, 3440x1440, 1990s).
EN_GLUED_UNIT = (
    r"(?-i:[KMGT]B|[kKMG]?Hz|k?Wh?|kW|w|mAh|V|[CF]|p|dB|MP|ppi|fps|k?bps|kps|Mbps|Gbps|ms|s"
    r"|kms?|kgs?|mg|g|lbs?|oz|ft|cm|mm|ml|mL|L|l|mph|kph|yrs?|hrs?|mins?|h|x|am|pm|st|nd|rd|th)"
)
EN_COUNT = re.compile(
    rf"\b(?P<num>{EN_NUM})(?P<scale>{EN_SCALE})?(?!\.\d)"
    rf"(?={EN_GLUED_UNIT}?(?![A-Za-z\d])|x\d)"
    r"(?:\s(?P<noun>[a-z][a-z-]+))?",
    re.I,
)
# Measures with their unit word: horsepower, speeds, power, power density, storage, torque
# ("300 horsepower", "150 mph", "80 km/h", "5 kW/kg", "128GB", "5,000mAh", "250 Wh/kg",
# "400 Nm", "660 newton-metres").
EN_UNITS_AFTER = {
    "horsepower": "hp", "hp": "hp", "bhp": "hp", "mph": "mph", "km/h": "km/h", "kph": "km/h",
    "kmh": "km/h", "kw/kg": "kW/kg", "w/kg": "W/kg", "kw": "kW", "mw": "MW", "gw": "GW",
    "gb": "GB", "tb": "TB", "mb": "MB", "gigabytes": "GB", "terabytes": "TB", "megabytes": "MB",
    "mah": "mAh", "wh/kg": "Wh/kg", "kwh": "kWh", "wh": "Wh",
    "newton-metres": "Nm", "newton-meters": "Nm", "newton metres": "Nm", "newton meters": "Nm",
    "newton-metre": "Nm", "newton-meter": "Nm",
}  # fmt: skip
# Units read in their own case only: "400 Nm" is torque, "5 nm" nanometres, "200 NM" miles.
EN_UNITS_CASED = {"Nm": "Nm", "N·m": "Nm", "N⋅m": "Nm"}
EN_UNIT = re.compile(
    rf"\b(?P<num>{DIGITS})\s?(?P<unit>(?-i:"
    + "|".join(re.escape(u) for u in EN_UNITS_CASED)
    + ")|"
    + "|".join(re.escape(u) for u in sorted(EN_UNITS_AFTER, key=len, reverse=True))
    + r")(?![A-Za-z/])",
    re.I,
)
# "a thing or two", "a trick or two": an idiom, no count.
EN_OR_TWO = re.compile(r"\ba\s[a-z]+\sor\s$", re.I)
# "two hands", "two legs": a pair of the body's, no figure of a claim.
EN_BODY_PAIRS = {"hands", "legs", "arms", "eyes", "ears", "feet", "knees", "wings", "shoulders"}
# "100 percent sure", "100% committed": a hundred per cent as "absolutely", before how sure
# someone is; and before how safe or right something is when the sentence denies it ("no
# vaccine is 100% safe"; "X is 100% safe" is a claim a desk may check).
EN_PERCENT_SIGN = re.compile(r"\s?(?:%|percent\b|per cent\b)", re.I)
EN_SURE_AFTER = re.compile(
    r"\s(?:sure|certain|confident|committed|convinced|behind|honest|serious)\b", re.I
)
EN_SAFE_AFTER = re.compile(
    r"\s(?:safe|right|wrong|true|guaranteed|accurate|effective|foolproof)\b", re.I
)
EN_DENIED = re.compile(r"\b(?:no|not|never|nothing|nobody|none)\b|n['’]t\b", re.I)


def absolute(text: str, end: int, sign: bool = True) -> bool:
    """Whether "100" ending at ``end`` is a hundred per cent as "absolutely" ("100% sure");
    with ``sign`` false, ``end`` is already past its percent sign."""
    at = end
    if sign:
        after = EN_PERCENT_SIGN.match(text, end)
        if after is None:
            return False
        at = after.end()
    if EN_SURE_AFTER.match(text, at):
        return True
    return EN_SAFE_AFTER.match(text, at) is not None and EN_DENIED.search(text) is not None


# Words after a bare number that say it is not a quantity of anything.
EN_NOT_NOUNS = {
    "to", "and", "or", "of", "in", "on", "at", "by", "for", "from", "with", "the", "a", "an",
    "is", "was", "were", "are", "as", "than", "after", "before",
}  # fmt: skip
EN_MONTHS_CAP = set(EN_MONTHS)
EN_PLURALS = {"people", "children", "staff", "police", "personnel", "cattle", "men", "women"}
# "4K TVs", "8K display": a display resolution names a kind of screen or video, no 4,000 of
# anything ("$4K", "4K runners" stay figures).
EN_RESOLUTION = re.compile(
    r"(?:[2458]|1[026])[Kk]\s(?:TVs?|televisions?|resolution|videos?|displays?|monitors?|"
    r"screens?|streaming|streams?|UHD|Ultra HD|HDR|content|footage|cameras?|projectors?)\b"
)


def _en_number(num: str, scale: str | None = None) -> Decimal | None:
    text = num.strip()
    if "/" in text or text[-1] in VULGAR_FRACTIONS:
        value = parse_mixed_fraction(text)
    else:
        value = to_decimal(text) if text[0].isdigit() else parse_english_words(text)
    if value is None:
        return None
    if scale:
        value *= EN_SCALES[scale.strip().lower()]
    return value


@rule("en_money")
def money(scan: Scan) -> Iterator[Candidate]:
    """Money: "$2.1 billion", "USD 300", "Rs. 500", "N70 million", "three million dollars".
    Korean text runs it too: Korean news quotes dollars so."""
    if not EN_MONEY_SIGN_OR_LETTER.search(scan.text) or not EN_MONEY_HINT.search(scan.text):
        return
    for m in scan.matches(EN_MONEY):
        if m["num"]:
            value = _en_number(m["num"], m["scale"])
            currency = EN_CURRENCY_SIGNS.get(m["sign"].strip(), m["sign"].strip().upper())
        else:
            value = _en_number(m["num2"], m["scale2"])
            currency = EN_CURRENCY_WORDS[m["word"].lower()]
        if value is not None:
            yield Candidate(m.start(), m.end(), format_decimal(value), currency, "money")


@rule("en_percent")
def percent(scan: Scan) -> Iterator[Candidate]:
    """ "34 percent", "61.5%"; "3.5 percentage points"; "12 points" (a quantity)."""
    for m in scan.matches(EN_PERCENT):
        value = _en_number(m["num"])
        if value is None:
            continue
        unit = m["unit"].lower()
        number = format_decimal(value)
        if value == 100 and absolute(scan.text, m.end("num")):
            continue  # "100 percent sure"
        if unit.startswith("percentage"):
            yield Candidate(m.start(), m.end(), number, "percentage_points", "percentage_point")
        elif unit.startswith("point"):
            yield Candidate(m.start(), m.end(), number, "points", "quantity")
        else:
            yield Candidate(m.start(), m.end(), number, "percent", "percent")


@rule("en_ratio")
def ratio(scan: Scan) -> Iterator[Candidate]:
    """A ratio: "1.8 times", "twice", "triple"."""
    for m in scan.matches(EN_RATIO):
        if m["twice"]:
            factor = {"twice": 2, "double": 2, "triple": 3}[m["twice"].lower()]
            yield Candidate(m.start(), m.end(), str(factor), "times", "ratio")
            continue
        value = _en_number(m["num"])
        if value is not None:
            yield Candidate(m.start(), m.end(), format_decimal(value), "times", "ratio")


@rule("en_fraction")
def fraction(scan: Scan) -> Iterator[Candidate]:
    """A fraction: "a third of", "two-thirds of the", "one in five", "3 out of 10"."""
    for m in scan.matches(EN_FRACTION):
        if m["frac"]:
            value = EN_FRACTIONS[m["frac"].lower()]
        else:
            a, b = _en_number(m["a"]), _en_number(m["b"])
            if not a or not b:
                continue
            value = a / b
        yield Candidate(m.start(), m.end(), format_decimal(value), "fraction", "ratio")


@rule("en_age")
def age(scan: Scan) -> Iterator[Candidate]:
    """An age: "35-year-old", "aged 35"."""
    for m in scan.matches(EN_AGE):
        value = _en_number(m["num"] or m["num2"])
        if value is not None:
            yield Candidate(m.start(), m.end(), format_decimal(value), "years", "age")


@rule("en_age_decade", needs=("0s", "0's"))
def age_decade(scan: Scan) -> Iterator[Candidate]:
    """An age group: "in their 40s", "in his early 30s"."""
    for m in scan.matches(EN_AGE_DECADE):
        yield Candidate(m.start("num"), m.end(), m["num"], "years", "age")


@rule("en_duration")
def duration(scan: Scan) -> Iterator[Candidate]:
    """A duration: "three years", "20-minute", "2 1/2 Years"."""
    for m in scan.matches(EN_DURATION):
        value = _en_number(m["num"], m["scale"])
        if value is not None:
            unit = EN_DURATIONS[m["unit"].lower().rstrip("s")]
            yield Candidate(m.start(), m.end(), format_decimal(value), unit, "duration")


@rule("en_time")
def time_of_day(scan: Scan) -> Iterator[Candidate]:
    """A time of day: "3 p.m." (15:00), "10:30am"."""
    for m in scan.matches(EN_TIME):
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if hour > 12 or minute > 59:
            continue
        if m["ap"].lower().startswith("p") and hour < 12:
            hour += 12
        yield Candidate(m.start(), m.end(), f"{hour:02d}:{minute:02d}", "", "time")


@rule("en_ordinal")
def ordinal(scan: Scan) -> Iterator[Candidate]:
    """An ordinal: "third", "21st"."""
    for m in scan.matches(EN_ORDINAL):
        rank = EN_ORDINALS[m["word"].lower()] if m["word"] else int(m["num"])
        yield Candidate(m.start(), m.end(), str(rank), "rank", "rank")


@rule("en_stage")
def stage(scan: Scan) -> Iterator[Candidate]:
    """A stage: "Stage 4 cancer" (a rank)."""
    for m in scan.matches(EN_STAGE):
        yield Candidate(m.start(), m.end(), m["num"], "stage", "rank")


@rule("en_measure")
def measure(scan: Scan) -> Iterator[Candidate]:
    """A hyphenated measure: "a 500-pound gorilla", "a 6.3-magnitude quake"."""
    for m in scan.matches(EN_MEASURE):
        number = format_decimal(to_decimal(m["num"]))
        yield Candidate(m.start(), m.end(), number, EN_MEASURES[m["unit"].lower()], "quantity")


@rule("en_unit")
def unit_measure(scan: Scan) -> Iterator[Candidate]:
    """A measure with its unit: "300 horsepower", "150 mph", "80 km/h", "5 kW/kg", "128GB",
    "400 Nm"."""
    for m in scan.matches(EN_UNIT):
        number = format_decimal(to_decimal(m["num"]))
        unit = EN_UNITS_CASED.get(m["unit"]) or EN_UNITS_AFTER[m["unit"].lower()]
        yield Candidate(m.start(), m.end(), number, unit, "quantity")


def _plural(noun: str) -> bool:
    return noun in EN_PLURALS or (noun.endswith("s") and not noun.endswith("ss") and len(noun) > 2)


def _model_number(num: str, scale: str | None) -> bool:
    """ "Radeon Pro 5500M", "Core i9 9900K": four digits and more glued to a scale letter
    name a model; amounts write "5.5B", "$5,500M", "5,500 million"."""
    glued = scale is not None and scale == scale.strip()
    return glued and re.fullmatch(r"\d{4,}", num) is not None


def _short_decade(text: str, start: int) -> bool:
    """ "the '20s": a decade (``en_decade`` reads it when its century is known), no count."""
    return (
        text[start - 1 : start] in ("'", "’", "‘") and EN_DECADE.match(text, start - 1) is not None
    )


@rule("en_count")
def count(scan: Scan) -> Iterator[Candidate]:
    """A count, with the plural noun it counts when one follows: "35 countries", "9 million
    jobs", "three" (a bare "one" is mostly a pronoun: left out)."""
    text = scan.text
    for m in scan.matches(EN_COUNT):
        num = m["num"]
        noun = (m["noun"] or "").lower()
        if noun in EN_NOT_NOUNS or noun in EN_MONTHS_CAP or not _plural(noun):
            noun = ""
        value = _en_number(num, m["scale"])
        if value is None or _model_number(num, m["scale"]) or _short_decade(text, m.start()):
            continue
        if m["scale"] in ("K", "k") and EN_RESOLUTION.match(text, m.start()):
            continue
        if not num[0].isdigit() and not noun and value < 2:
            continue
        if EN_OR_TWO.search(text, max(0, m.start() - 20), m.start()):
            continue  # "a thing or two"
        if value == 2 and noun in EN_BODY_PAIRS:
            continue  # "two hands"
        if value == 100 and absolute(text, m.end("num")):
            continue  # "100 percent sure"
        end = m.end() if noun else (m.end("scale") if m["scale"] else m.end("num"))
        yield Candidate(m.start(), end, format_decimal(value), noun, "count")
