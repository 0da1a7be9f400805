"""How the review desk says things to a person, in the interface's language: amounts of
money, figures with their units and kinds, the history's events as sentences, language
names, and why a source could not be read (``lib.reasons``' codes, translated here).

Everything here returns text for templates and the admin; nothing here writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import (
    get_language,
    gettext,
    gettext_noop,
    ngettext,
    npgettext_lazy,
    pgettext,
    pgettext_lazy,
)
from django.utils.translation import gettext as _

# --- Numbers and money ---------------------------------------------------------------------

KOREAN_GROUPS = [(10**16, "경"), (10**12, "조"), (10**8, "억"), (10**4, "만")]
ENGLISH_SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million")]


def _korean(language: str) -> bool:
    return language.startswith("ko")


def _plain(value: Decimal) -> str:
    """``value`` with thousands separators and its decimals as given: "80,539", "1.5"."""
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    whole, _dot, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-') or 0):,}"
    return sign + whole + (f".{fraction.rstrip('0')}" if fraction.rstrip("0") else "")


def _korean_number(value: Decimal) -> str:
    """Korean grouping by 만, 억, 조: "3조 7,800억", "8만 539", "5,000"."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    if whole < 10**4:
        return sign + _plain(value)
    parts = []
    for size, name in KOREAN_GROUPS:
        count, whole = divmod(whole, size)
        if count:
            parts.append(f"{count:,}{name}")
    fraction = value - int(value)
    rest = _plain(Decimal(whole) + fraction) if whole or fraction else ""
    return sign + " ".join([*parts, rest] if rest else parts)


def _english_number(value: Decimal) -> str:
    """Millions and up in words, four significant digits: "3.78 trillion"; else "80,539"."""
    for size, name in ENGLISH_SCALES:
        if abs(value) >= size:
            scaled = value / size
            digits = len(str(int(abs(scaled))))
            rounded = round(scaled, max(0, 4 - digits))
            return f"{_plain(Decimal(rounded))} {name}"
    return _plain(value)


def number_text(value: Decimal, language: str) -> str:
    return _korean_number(value) if _korean(language) else _english_number(value)


# An amount in a currency: the number (already in the language's words) in its place.
CURRENCIES: dict[str, Promise] = {
    "KRW": pgettext_lazy("money", "%(n)s won"),
    "USD": pgettext_lazy("money", "$%(n)s"),
    "EUR": pgettext_lazy("money", "€%(n)s"),
    "GBP": pgettext_lazy("money", "£%(n)s"),
    "JPY": pgettext_lazy("money", "%(n)s yen"),
    "CNY": pgettext_lazy("money", "%(n)s yuan"),
    "CAD": pgettext_lazy("money", "%(n)s Canadian dollars"),
    "AUD": pgettext_lazy("money", "%(n)s Australian dollars"),
    "HKD": pgettext_lazy("money", "%(n)s Hong Kong dollars"),
    "TWD": pgettext_lazy("money", "%(n)s Taiwan dollars"),
    "SGD": pgettext_lazy("money", "%(n)s Singapore dollars"),
    "NZD": pgettext_lazy("money", "%(n)s New Zealand dollars"),
    "INR": pgettext_lazy("money", "%(n)s rupees"),
    "RUB": pgettext_lazy("money", "%(n)s roubles"),
    "THB": pgettext_lazy("money", "%(n)s baht"),
    "MYR": pgettext_lazy("money", "%(n)s ringgit"),
    "TRY": pgettext_lazy("money", "%(n)s lira"),
    "BRL": pgettext_lazy("money", "%(n)s reais"),
    "KES": pgettext_lazy("money", "%(n)s Kenyan shillings"),
    "NGN": pgettext_lazy("money", "%(n)s naira"),
}


def money_text(value: Decimal, currency: str, language: str | None = None) -> str:
    """An amount as people write it: "3조 7,800억 원" in Korean, "3.78 trillion won" in
    English. The one formatting function for money (the panel, the admin, the tests)."""
    language = language or get_language() or "en"
    number = number_text(value, language)
    template = CURRENCIES.get(currency)
    if template is None:
        return f"{number} {currency}".strip()
    from django.utils import translation

    with translation.override(language):
        return str(template) % {"n": number}


# --- Figures -------------------------------------------------------------------------------

# What a figure counts or measures, said with its number: the units the figure grammar names
# (claims/extraction/figures/tables.py); an English article's own noun ("jobs") as written.
UNITS: dict[str, Promise] = {
    "acres": npgettext_lazy("figure", "%(n)s acre", "%(n)s acres", "count"),
    "act": npgettext_lazy("figure", "act %(n)s", "act %(n)s", "count"),
    "album": npgettext_lazy("figure", "album no. %(n)s", "album no. %(n)s", "count"),
    "animals": npgettext_lazy("figure", "%(n)s animal", "%(n)s animals", "count"),
    "anniversary": npgettext_lazy("figure", "anniversary %(n)s", "anniversary %(n)s", "count"),
    "article": npgettext_lazy("figure", "article %(n)s", "article %(n)s", "count"),
    "at_bats": npgettext_lazy("figure", "%(n)s at bat", "%(n)s at bats", "count"),
    "author": npgettext_lazy("figure", "author no. %(n)s", "author no. %(n)s", "count"),
    "bars": npgettext_lazy("figure", "%(n)s bar", "%(n)s bars", "count"),
    "barrels": npgettext_lazy("figure", "%(n)s barrel", "%(n)s barrels", "count"),
    "base": npgettext_lazy("figure", "base %(n)s", "base %(n)s", "count"),
    "batting_average": npgettext_lazy(
        "figure", "batting average %(n)s", "batting average %(n)s", "count"
    ),
    "birth_year": npgettext_lazy("figure", "born in %(n)s", "born in %(n)s", "count"),
    "bodies": npgettext_lazy("figure", "%(n)s body", "%(n)s bodies", "count"),
    "bottles": npgettext_lazy("figure", "%(n)s bottle", "%(n)s bottles", "count"),
    "branches": npgettext_lazy("figure", "%(n)s branch", "%(n)s branches", "count"),
    "buildings": npgettext_lazy("figure", "%(n)s building", "%(n)s buildings", "count"),
    "caliber": npgettext_lazy("figure", "%(n)s caliber", "%(n)s caliber", "count"),
    "cars": npgettext_lazy("figure", "%(n)s car", "%(n)s cars", "count"),
    "cases": npgettext_lazy("figure", "%(n)s case", "%(n)s cases", "count"),
    "celsius": npgettext_lazy("figure", "%(n)s °C", "%(n)s °C", "count"),
    "century": npgettext_lazy("figure", "century %(n)s", "century %(n)s", "count"),
    "characters": npgettext_lazy("figure", "%(n)s character", "%(n)s characters", "count"),
    "children": npgettext_lazy("figure", "%(n)s child", "%(n)s children", "count"),
    "class": npgettext_lazy("figure", "class %(n)s", "class %(n)s", "count"),
    "classes": npgettext_lazy("figure", "%(n)s class", "%(n)s classes", "count"),
    "cm": npgettext_lazy("figure", "%(n)s cm", "%(n)s cm", "count"),
    "companies": npgettext_lazy("figure", "%(n)s company", "%(n)s companies", "count"),
    "compartments": npgettext_lazy("figure", "%(n)s compartment", "%(n)s compartments", "count"),
    "consecutive_wins": npgettext_lazy(
        "figure", "%(n)s win in a row", "%(n)s wins in a row", "count"
    ),
    "convictions": npgettext_lazy("figure", "%(n)s conviction", "%(n)s convictions", "count"),
    "countries": npgettext_lazy("figure", "%(n)s country", "%(n)s countries", "count"),
    "credits": npgettext_lazy("figure", "%(n)s credit", "%(n)s credits", "count"),
    "dan": npgettext_lazy("figure", "dan %(n)s", "dan %(n)s", "count"),
    "daughters": npgettext_lazy("figure", "%(n)s daughter", "%(n)s daughters", "count"),
    "day": npgettext_lazy("figure", "day %(n)s", "day %(n)s", "count"),
    "days": npgettext_lazy("figure", "%(n)s day", "%(n)s days", "count"),
    "decade": npgettext_lazy("figure", "the %(n)ss", "the %(n)ss", "count"),
    "decades": npgettext_lazy("figure", "%(n)s decade", "%(n)s decades", "count"),
    "degrees": npgettext_lazy("figure", "%(n)s degree", "%(n)s degrees", "count"),
    "doctrines": npgettext_lazy("figure", "%(n)s doctrine", "%(n)s doctrines", "count"),
    "draws": npgettext_lazy("figure", "%(n)s draw", "%(n)s draws", "count"),
    "edition": npgettext_lazy("figure", "edition %(n)s", "edition %(n)s", "count"),
    "episode": npgettext_lazy("figure", "episode %(n)s", "episode %(n)s", "count"),
    "era": npgettext_lazy("figure", "ERA %(n)s", "ERA %(n)s", "count"),
    "events": npgettext_lazy("figure", "%(n)s event", "%(n)s events", "count"),
    "families": npgettext_lazy("figure", "%(n)s family", "%(n)s families", "count"),
    "floors": npgettext_lazy("figure", "%(n)s floor", "%(n)s floors", "count"),
    "flowers": npgettext_lazy("figure", "%(n)s flower", "%(n)s flowers", "count"),
    "fraction": npgettext_lazy("figure", "a fraction of %(n)s", "a fraction of %(n)s", "count"),
    "ft": npgettext_lazy("figure", "%(n)s ft", "%(n)s ft", "count"),
    "g": npgettext_lazy("figure", "%(n)s g", "%(n)s g", "count"),
    "GB": npgettext_lazy("figure", "%(n)s GB", "%(n)s GB", "count"),
    "games": npgettext_lazy("figure", "%(n)s game", "%(n)s games", "count"),
    "GHz": npgettext_lazy("figure", "%(n)s GHz", "%(n)s GHz", "count"),
    "glasses": npgettext_lazy("figure", "%(n)s glass", "%(n)s glasses", "count"),
    "goal": npgettext_lazy("figure", "goal no. %(n)s", "goal no. %(n)s", "count"),
    "goal_difference": npgettext_lazy(
        "figure", "goal difference %(n)s", "goal difference %(n)s", "count"
    ),
    "goals": npgettext_lazy("figure", "%(n)s goal", "%(n)s goals", "count"),
    "grade": npgettext_lazy("figure", "grade %(n)s", "grade %(n)s", "count"),
    "GW": npgettext_lazy("figure", "%(n)s GW", "%(n)s GW", "count"),
    "ha": npgettext_lazy("figure", "%(n)s ha", "%(n)s ha", "count"),
    "hits": npgettext_lazy("figure", "%(n)s hit", "%(n)s hits", "count"),
    "homes": npgettext_lazy("figure", "%(n)s home", "%(n)s homes", "count"),
    "hours": npgettext_lazy("figure", "%(n)s hour", "%(n)s hours", "count"),
    "households": npgettext_lazy("figure", "%(n)s household", "%(n)s households", "count"),
    "hp": npgettext_lazy("figure", "%(n)s hp", "%(n)s hp", "count"),
    "inches": npgettext_lazy("figure", "%(n)s inch", "%(n)s inches", "count"),
    "innings": npgettext_lazy("figure", "%(n)s inning", "%(n)s innings", "count"),
    "instance": npgettext_lazy("figure", "instance %(n)s", "instance %(n)s", "count"),
    "items": npgettext_lazy("figure", "%(n)s item", "%(n)s items", "count"),
    "kcal": npgettext_lazy("figure", "%(n)s kcal", "%(n)s kcal", "count"),
    "kg": npgettext_lazy("figure", "%(n)s kg", "%(n)s kg", "count"),
    "kinds": npgettext_lazy("figure", "%(n)s kind", "%(n)s kinds", "count"),
    "kinship_degree": npgettext_lazy(
        "figure", "kinship degree %(n)s", "kinship degree %(n)s", "count"
    ),
    "km": npgettext_lazy("figure", "%(n)s km", "%(n)s km", "count"),
    "km/h": npgettext_lazy("figure", "%(n)s km/h", "%(n)s km/h", "count"),
    "kW": npgettext_lazy("figure", "%(n)s kW", "%(n)s kW", "count"),
    "kW/kg": npgettext_lazy("figure", "%(n)s kW/kg", "%(n)s kW/kg", "count"),
    "kWh": npgettext_lazy("figure", "%(n)s kWh", "%(n)s kWh", "count"),
    "l": npgettext_lazy("figure", "%(n)s L", "%(n)s L", "count"),
    "laps": npgettext_lazy("figure", "%(n)s lap", "%(n)s laps", "count"),
    "lb": npgettext_lazy("figure", "%(n)s lb", "%(n)s lb", "count"),
    "lecture": npgettext_lazy("figure", "lecture %(n)s", "lecture %(n)s", "count"),
    "line": npgettext_lazy("figure", "line %(n)s", "line %(n)s", "count"),
    "lines": npgettext_lazy("figure", "%(n)s line", "%(n)s lines", "count"),
    "losses": npgettext_lazy("figure", "%(n)s loss", "%(n)s losses", "count"),
    "MB": npgettext_lazy("figure", "%(n)s MB", "%(n)s MB", "count"),
    "m": npgettext_lazy("figure", "%(n)s m", "%(n)s m", "count"),
    "m2": npgettext_lazy("figure", "%(n)s m²", "%(n)s m²", "count"),
    "magnitude": npgettext_lazy("figure", "magnitude %(n)s", "magnitude %(n)s", "count"),
    "meals": npgettext_lazy("figure", "%(n)s meal", "%(n)s meals", "count"),
    "members": npgettext_lazy("figure", "%(n)s member", "%(n)s members", "count"),
    "mAh": npgettext_lazy("figure", "%(n)s mAh", "%(n)s mAh", "count"),
    "mg": npgettext_lazy("figure", "%(n)s mg", "%(n)s mg", "count"),
    "MHz": npgettext_lazy("figure", "%(n)s MHz", "%(n)s MHz", "count"),
    "miles": npgettext_lazy("figure", "%(n)s mile", "%(n)s miles", "count"),
    "minutes": npgettext_lazy("figure", "%(n)s minute", "%(n)s minutes", "count"),
    "ml": npgettext_lazy("figure", "%(n)s ml", "%(n)s ml", "count"),
    "mm": npgettext_lazy("figure", "%(n)s mm", "%(n)s mm", "count"),
    "months": npgettext_lazy("figure", "%(n)s month", "%(n)s months", "count"),
    "MW": npgettext_lazy("figure", "%(n)s MW", "%(n)s MW", "count"),
    "nights": npgettext_lazy("figure", "%(n)s night", "%(n)s nights", "count"),
    "number": npgettext_lazy("figure", "no. %(n)s", "no. %(n)s", "count"),
    "outs": npgettext_lazy("figure", "%(n)s out", "%(n)s outs", "count"),
    "over_par": npgettext_lazy("figure", "%(n)s over par", "%(n)s over par", "count"),
    "packs": npgettext_lazy("figure", "%(n)s pack", "%(n)s packs", "count"),
    "pages": npgettext_lazy("figure", "%(n)s page", "%(n)s pages", "count"),
    "pairs": npgettext_lazy("figure", "%(n)s pair", "%(n)s pairs", "count"),
    "par": npgettext_lazy("figure", "par %(n)s", "par %(n)s", "count"),
    "paragraph": npgettext_lazy("figure", "paragraph %(n)s", "paragraph %(n)s", "count"),
    "part": npgettext_lazy("figure", "part %(n)s", "part %(n)s", "count"),
    "parties": npgettext_lazy("figure", "%(n)s party", "%(n)s parties", "count"),
    "people": npgettext_lazy("figure", "%(n)s person", "%(n)s people", "count"),
    "percentage_points": npgettext_lazy(
        "figure", "%(n)s percentage point", "%(n)s percentage points", "count"
    ),
    "pictures": npgettext_lazy("figure", "%(n)s picture", "%(n)s pictures", "count"),
    "places": npgettext_lazy("figure", "%(n)s place", "%(n)s places", "count"),
    "points": npgettext_lazy("figure", "%(n)s point", "%(n)s points", "count"),
    "pyeong": npgettext_lazy("figure", "%(n)s pyeong", "%(n)s pyeong", "count"),
    "quarter": npgettext_lazy("figure", "quarter %(n)s", "quarter %(n)s", "count"),
    "quarters": npgettext_lazy("figure", "%(n)s quarter", "%(n)s quarters", "count"),
    "rank": npgettext_lazy("figure", "rank %(n)s", "rank %(n)s", "count"),
    "republic": npgettext_lazy("figure", "republic no. %(n)s", "republic no. %(n)s", "count"),
    "rolls": npgettext_lazy("figure", "%(n)s roll", "%(n)s rolls", "count"),
    "rooms": npgettext_lazy("figure", "%(n)s room", "%(n)s rooms", "count"),
    "round": npgettext_lazy("figure", "round %(n)s", "round %(n)s", "count"),
    "round_of": npgettext_lazy("figure", "round of %(n)s", "round of %(n)s", "count"),
    "rounds": npgettext_lazy("figure", "%(n)s round", "%(n)s rounds", "count"),
    "runs": npgettext_lazy("figure", "%(n)s run", "%(n)s runs", "count"),
    "school_year": npgettext_lazy("figure", "school year %(n)s", "school year %(n)s", "count"),
    "score": npgettext_lazy("figure", "score %(n)s", "score %(n)s", "count"),
    "scored": npgettext_lazy("figure", "%(n)s scored", "%(n)s scored", "count"),
    "seasons": npgettext_lazy("figure", "%(n)s season", "%(n)s seasons", "count"),
    "seats": npgettext_lazy("figure", "%(n)s seat", "%(n)s seats", "count"),
    "seconds": npgettext_lazy("figure", "%(n)s second", "%(n)s seconds", "count"),
    "sections": npgettext_lazy("figure", "%(n)s section", "%(n)s sections", "count"),
    "semester": npgettext_lazy("figure", "semester %(n)s", "semester %(n)s", "count"),
    "set": npgettext_lazy("figure", "set %(n)s", "set %(n)s", "count"),
    "sets": npgettext_lazy("figure", "%(n)s set", "%(n)s sets", "count"),
    "shares": npgettext_lazy("figure", "%(n)s share", "%(n)s shares", "count"),
    "sheets": npgettext_lazy("figure", "%(n)s sheet", "%(n)s sheets", "count"),
    "ships": npgettext_lazy("figure", "%(n)s ship", "%(n)s ships", "count"),
    "shots": npgettext_lazy("figure", "%(n)s shot", "%(n)s shots", "count"),
    "sons": npgettext_lazy("figure", "%(n)s son", "%(n)s sons", "count"),
    "stage": npgettext_lazy("figure", "stage %(n)s", "stage %(n)s", "count"),
    "stars": npgettext_lazy("figure", "%(n)s star", "%(n)s stars", "count"),
    "steps": npgettext_lazy("figure", "%(n)s step", "%(n)s steps", "count"),
    "sticks": npgettext_lazy("figure", "%(n)s stick", "%(n)s sticks", "count"),
    "streak": npgettext_lazy("figure", "%(n)s in a row", "%(n)s in a row", "count"),
    "strokes": npgettext_lazy("figure", "%(n)s stroke", "%(n)s strokes", "count"),
    "subjects": npgettext_lazy("figure", "%(n)s subject", "%(n)s subjects", "count"),
    "t": npgettext_lazy("figure", "%(n)s t", "%(n)s t", "count"),
    "TB": npgettext_lazy("figure", "%(n)s TB", "%(n)s TB", "count"),
    "teams": npgettext_lazy("figure", "%(n)s team", "%(n)s teams", "count"),
    "term": npgettext_lazy("figure", "term %(n)s", "term %(n)s", "count"),
    "terms": npgettext_lazy("figure", "%(n)s term", "%(n)s terms", "count"),
    "times": npgettext_lazy("figure", "%(n)s time", "%(n)s times", "count"),
    "titles": npgettext_lazy("figure", "%(n)s title", "%(n)s titles", "count"),
    "top": npgettext_lazy("figure", "top %(n)s", "top %(n)s", "count"),
    "trees": npgettext_lazy("figure", "%(n)s tree", "%(n)s trees", "count"),
    "ug/m3": npgettext_lazy("figure", "%(n)s µg/m³", "%(n)s µg/m³", "count"),
    "under_par": npgettext_lazy("figure", "%(n)s under par", "%(n)s under par", "count"),
    "unit": npgettext_lazy("figure", "unit %(n)s", "unit %(n)s", "count"),
    "units": npgettext_lazy("figure", "%(n)s unit", "%(n)s units", "count"),
    "vehicles": npgettext_lazy("figure", "%(n)s vehicle", "%(n)s vehicles", "count"),
    "vials": npgettext_lazy("figure", "%(n)s vial", "%(n)s vials", "count"),
    "volumes": npgettext_lazy("figure", "%(n)s volume", "%(n)s volumes", "count"),
    "votes": npgettext_lazy("figure", "%(n)s vote", "%(n)s votes", "count"),
    "week": npgettext_lazy("figure", "week %(n)s", "week %(n)s", "count"),
    "W/kg": npgettext_lazy("figure", "%(n)s W/kg", "%(n)s W/kg", "count"),
    "Wh": npgettext_lazy("figure", "%(n)s Wh", "%(n)s Wh", "count"),
    "Wh/kg": npgettext_lazy("figure", "%(n)s Wh/kg", "%(n)s Wh/kg", "count"),
    "weeks": npgettext_lazy("figure", "%(n)s week", "%(n)s weeks", "count"),
    "win": npgettext_lazy("figure", "win no. %(n)s", "win no. %(n)s", "count"),
    "wins": npgettext_lazy("figure", "%(n)s win", "%(n)s wins", "count"),
    "works": npgettext_lazy("figure", "%(n)s work", "%(n)s works", "count"),
    "yards": npgettext_lazy("figure", "%(n)s yard", "%(n)s yards", "count"),
    "year": npgettext_lazy("figure", "year %(n)s", "year %(n)s", "count"),
    "years": npgettext_lazy("figure", "%(n)s year", "%(n)s years", "count"),
}
# Where a unit means something else for one kind of figure.
KIND_UNITS: dict[tuple[str, str], Promise] = {
    ("age", "years"): npgettext_lazy("figure", "%(n)s year old", "%(n)s years old", "count"),
    ("ratio", "times"): npgettext_lazy("figure ratio", "%(n)s time", "%(n)s times", "count"),
}
KINDS: dict[str, Promise] = {
    "count": pgettext_lazy("figure kind", "count"),
    "money": pgettext_lazy("figure kind", "money"),
    "percent": pgettext_lazy("figure kind", "percent"),
    "percentage_point": pgettext_lazy("figure kind", "percentage points"),
    "ratio": pgettext_lazy("figure kind", "ratio"),
    "quantity": pgettext_lazy("figure kind", "quantity"),
    "age": pgettext_lazy("figure kind", "age"),
    "duration": pgettext_lazy("figure kind", "duration"),
    "rank": pgettext_lazy("figure kind", "rank"),
    "date": pgettext_lazy("figure kind", "date"),
    "time": pgettext_lazy("figure kind", "time"),
}
BOUND_AFTER_GROUP = re.compile(r"([만억조경])(?=[가-힣])")


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _date_text(value: str, unit: str) -> str:
    """An ISO date, a year and month, or a year, as the language writes dates."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return value
    if len(numbers) == 3:
        return formats.date_format(date(*numbers), "DATE_FORMAT")
    if len(numbers) == 2:
        return formats.date_format(date(numbers[0], numbers[1], 1), "YEAR_MONTH_FORMAT")
    if unit in UNITS:
        return str(UNITS[unit] % {"count": 2, "n": value})
    return pgettext("figure", "%(year)s") % {"year": value}


def _with_unit(number: str, count: Decimal, unit: str, kind: str) -> str | SafeString:
    template = KIND_UNITS.get((kind, unit)) or UNITS.get(unit)
    if template is not None:
        # The plural form follows the count; decimals take the plural ("1.5 years").
        forms = int(count) if count == count.to_integral() else 2
        phrase = str(template % {"count": forms, "n": number})
        return BOUND_AFTER_GROUP.sub(r"\1 ", phrase)
    if not unit:
        return number
    # The article's own word: left as written (marked so translators and tests skip it).
    return format_html('{} <span translate="no">{}</span>', number, unit.replace("_", " "))


def figure_phrase(figure: dict[str, Any], language: str | None = None) -> SafeString:
    """A figure's value said with its unit ("3조 7,800억 원", "35 countries"), with the raw
    value and unit on hover (``<data value title>``)."""
    language = language or get_language() or "en"
    value, unit = str(figure.get("value", "")), str(figure.get("unit") or "")
    kind = str(figure.get("kind") or "")
    number = _decimal(value)
    phrase: str | SafeString
    if kind == "date":
        phrase = _date_text(value, unit)
    elif kind == "time" or number is None:
        phrase = value
    elif kind == "money":
        phrase = money_text(number, unit, language)
    elif kind == "percent":
        phrase = f"{_plain(number)}%"
    elif kind == "percentage_point":
        phrase = _with_unit(_plain(number), number, "percentage_points", kind)
    else:
        phrase = _with_unit(number_text(number, language), number, unit, kind)
    # The raw value on hover (and for machines); the unit is in the phrase.
    return format_html('<data value="{}" title="{}">{}</data>', value, value, phrase)


def figure_rows(figures: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures of a claim as the panel and the admin list them."""
    return [
        {
            "text": f.get("text", ""),
            "phrase": figure_phrase(f),
            "approximate": bool(f.get("approximate")),
            "kind": str(KINDS.get(f.get("kind") or "", f.get("kind") or "")),
        }
        for f in figures
    ]


# Languages and why a source could not be read: ``articles.presentation`` (the admin of
# articles uses them too).

# --- The history's events as sentences -------------------------------------------------------


def say(template: Any, **params: Any) -> SafeString:
    """A translated sentence with its parameters escaped (the sentence is ours, the
    parameters may be anyone's)."""
    return SafeString(str(template) % {k: conditional_escape(v) for k, v in params.items()})


def _quoted(text: Any) -> SafeString:
    """Text from an article or a person, quoted and marked as not the interface's words."""
    return format_html('“<span translate="no">{}</span>”', text or "")


def _person(name: Any) -> SafeString:
    return format_html('<span translate="no">{}</span>', name or "—")


def _corrections(detail: dict[str, Any]) -> SafeString:
    from claims.models import Claim, ClaimKind

    kinds = dict(ClaimKind.choices)
    parts = []
    for field, change in detail.items():
        if not isinstance(change, dict):
            continue
        old, new = change.get("from", ""), change.get("to", "")
        if field == "kind":
            old, new = kinds.get(old, old), kinds.get(new, new)
        else:
            old, new = _quoted(old), _quoted(new)
        label = getattr(Claim._meta.get_field(field), "verbose_name", field)
        parts.append(say(_("%(field)s from %(old)s to %(new)s"), field=label, old=old, new=new))
    return say(_("Corrected by an editor: %(changes)s"), changes=SafeString("; ".join(parts)))


# Events that a new revision of the article wrote, by action.
REVISION_EVENTS = {
    "gone": gettext_noop("No longer in the article's current text (version %(revision)s)"),
    "flagged": gettext_noop(
        "Left the article when version %(revision)s replaced most of its text; "
        "flagged for an editor"
    ),
}


def event_sentence(event: Any) -> SafeString:
    """What a claim event did, as a sentence in the interface's language (the history in the
    panel and in the admin; the stored detail stays data)."""
    from claims.assignments import assignment_sentence
    from claims.models import ClaimEvent

    action, detail = event.action, event.detail or {}
    done = ClaimEvent.Action
    if action == done.DISMISSED:
        reason = _quoted(detail.get("reason"))
        return say(_("Dismissed as not a claim: %(reason)s"), reason=reason)
    if action == done.RESTORED:
        return say(
            _("Restored (it had been dismissed: %(reason)s)"), reason=_quoted(detail.get("was"))
        )
    if action == done.ADDED:
        return say(
            _("Added by a reviewer: characters %(start)s to %(end)s of version %(revision)s"),
            start=detail.get("start"),
            end=detail.get("end"),
            revision=detail.get("revision"),
        )
    if action == done.SPAN_CHANGED:
        moved = say(
            _("Span moved from %(old)s to %(new)s"),
            old=_quoted((detail.get("from") or {}).get("text")),
            new=_quoted((detail.get("to") or {}).get("text")),
        )
        if detail.get("reset"):
            return say(_("%(moved)s; the verdicts before no longer count"), moved=moved)
        return moved
    if action == done.ASSIGNED:
        return assignment_sentence(detail, say, _person)
    if action == done.MERGED:
        count = int(detail.get("verdicts_moved") or 0)
        if detail.get("into"):
            template = ngettext(
                "Merged into claim #%(id)s (%(n)s verdict moved)",
                "Merged into claim #%(id)s (%(n)s verdicts moved)",
                count,
            )
            return say(template, id=detail["into"], n=count)
        template = ngettext(
            "Claim #%(id)s was merged into this one (%(n)s verdict moved)",
            "Claim #%(id)s was merged into this one (%(n)s verdicts moved)",
            count,
        )
        return say(template, id=detail.get("from"), n=count)
    if action in REVISION_EVENTS:
        return say(gettext(REVISION_EVENTS[action]), revision=detail.get("revision"))
    if action == done.CORRECTED:
        return _corrections(detail)
    if action == done.BLIND_SET:
        if detail.get("blind"):
            return say(_("Marked for blind review by an editor"))
        return say(_("Blind review taken off by an editor"))
    if action in (done.RECHECK_SET, done.RECHECK_DUE, done.SOURCE_CHANGED, done.SOURCE_VANISHED):
        return _recheck_sentence(action, detail)
    return _link_sentence(event, done) or say(event.get_action_display())


def _link_sentence(event: Any, done: Any) -> SafeString | None:
    """The events of one fact across articles: found, confirmed, rejected, grouped, split."""
    detail = event.detail or {}
    other = detail.get("other")
    if event.action == done.LINKED:
        if detail.get("conflict"):
            return say(
                _("Found with conflicting figures in claim #%(id)s: %(figures)s"),
                id=other,
                figures=_quoted(" / ".join(detail.get("figures") or [])),
            )
        return say(_("Grouped automatically with claim #%(id)s (same fact)"), id=other)
    if event.action == done.LINK_CONFIRMED:
        if detail.get("conflict"):
            return say(
                _("Confirmed: the same fact as claim #%(id)s, with conflicting figures"), id=other
            )
        return say(_("Confirmed: the same fact as claim #%(id)s"), id=other)
    if event.action == done.LINK_REJECTED:
        return say(_("Rejected: not the same fact as claim #%(id)s"), id=other)
    if event.action == done.GROUPED:
        return say(_("Grouped by an editor with claim #%(id)s"), id=other)
    if event.action == done.SPLIT:
        return say(
            _("Taken out of canonical claim #%(id)s by an editor"), id=detail.get("canonical")
        )
    if event.action == done.VERDICT_APPLIED:
        return say(_("Verdict applied from claim #%(id)s (the same fact)"), id=detail.get("from"))
    return None


def _day(value: Any) -> str:
    try:
        return str(formats.date_format(date.fromisoformat(str(value)), "Y-m-d"))
    except ValueError:
        return str(value or "")


def ageing_reason(reason: str) -> str:
    """What makes a claim's truth age, in words (``claims.evidence.recheck``' reasons)."""
    names = {
        "stake": _("a stake or holding changes hands"),
        "price": _("prices and values move"),
        "rank": _("rankings shift"),
        "running_count": _("a count so far grows"),
        "record": _("records fall"),
        "forecast": _("a forecast comes due"),
    }
    return str(names.get(reason, reason))


def _recheck_sentence(action: str, detail: dict[str, Any]) -> SafeString:
    from claims.models import ClaimEvent

    done = ClaimEvent.Action
    if action == done.RECHECK_DUE:
        return say(
            _("Due for re-check (date %(due)s); the verdict shown stays until a new one"),
            due=_day(detail.get("due")),
        )
    if action in (done.SOURCE_CHANGED, done.SOURCE_VANISHED):
        template = (
            _("A cited source changed: %(url)s")
            if action == done.SOURCE_CHANGED
            else _("A cited source vanished: %(url)s")
        )
        sentence = say(
            template, url=format_html('<span translate="no">{}</span>', detail.get("url") or "")
        )
        if detail.get("recheck_due"):
            return say(_("%(what)s; due for re-check"), what=sentence)
        return sentence
    if not detail.get("to"):
        return say(_("Re-check date cleared"))
    if detail.get("reason"):
        return say(
            _("Re-check on %(due)s (%(why)s)"),
            due=_day(detail["to"]),
            why=ageing_reason(detail["reason"]),
        )
    return say(_("Re-check date set to %(due)s"), due=_day(detail["to"]))
