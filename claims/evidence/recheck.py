"""When a claim whose truth ages should be checked again.

Some claims stay true or false for good ("베인캐피탈은 2021년 초 이 지분을 약 6700억원에
인수했다": a past transaction; "2024년 매출액 2429억원": a closed year). Others age:
holdings and stakes change hands, prices and market values move, rankings shift, counts
"so far" grow, records fall, and a forecast with a date comes due. A claim is read for
which of these it is, from its words and its figures, and gets a re-check date from the
desk's period for that kind (``periods``, days; ``DEFAULT_PERIODS`` when the desk set
none); a forecast gets its own date. Its figures' time scope decides first: a figure tied
to a period over well before the article (a past year, a date more than ``current`` days
back) makes a claim about that period, which does not age, unless it counts "so far".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from claims.evidence.values import figure_from
from claims.extraction.types import Figure

# Days from the article's date to a re-check, by what makes the claim age; "forecast" is
# days after the forecast's own date, "current" how recent an "as of" date still reads as
# the present (a market value "as of yesterday" is a current price).
DEFAULT_PERIODS: dict[str, int] = {
    "forecast": 1,
    "running_count": 30,
    "price": 30,
    "stake": 90,
    "rank": 180,
    "record": 365,
    "current": 31,
}
FORECAST = re.compile(
    r"전망|예상|예정|계획|목표|추진|할 것|될 것|forecast|expect|project|predict|plan|"
    r"target|will\b|to reach|by \d{4}",
    re.I,
)
RUNNING = re.compile(
    r"누적|지금까지|현재까지|이제까지|들어서만|올해 들어|올 들어|현재|so far|to date|as of|"
    r"cumulative|in total since|year to date|this year",
    re.I,
)
RECORD = re.compile(
    r"역대 ?(?:최고|최대|최저|최다|최소)|사상 ?(?:최고|최대|최저|최다)|최고치|최대치|최저치|"
    r"신기록|record|all-time|highest ever|lowest ever|largest ever|biggest ever",
    re.I,
)
RANK = re.compile(
    r"\d+위|순위|1등|최대 ?(?:기업|업체|주주)|세계 ?최대|ranked|ranking|largest|biggest|"
    r"top \d+|number one|No\. ?\d",
    re.I,
)
STAKE = re.compile(r"지분|보유|최대주주|주주|stake|shareholding|owns|ownership|holds", re.I)
PRICE = re.compile(
    r"가격|주가|시가총액|시총|몸값|매각가|환율|금리|가치|price|valued|valuation|market value|"
    r"market cap|trading at|exchange rate|interest rate|costs?\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Recheck:
    """A proposed re-check: the date, and what makes the claim age ("stake", "price",
    "rank", "running_count", "record", "forecast")."""

    due: date
    reason: str


def _period(value: str) -> tuple[date, date] | None:
    """The first and last day a date figure's value covers ("2024" -> the whole year)."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    if len(numbers) == 1 and 1000 <= numbers[0] <= 9999:
        return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
    if len(numbers) == 2:
        last = calendar.monthrange(numbers[0], numbers[1])[1]
        return date(numbers[0], numbers[1], 1), date(numbers[0], numbers[1], last)
    if len(numbers) == 3:
        day = date(numbers[0], numbers[1], numbers[2])
        return day, day
    return None


def _dates(figures: Iterable[Figure]) -> list[tuple[date, date]]:
    spans = []
    for figure in figures:
        if figure.kind != "date":
            continue
        try:
            span = _period(figure.value)
        except ValueError:  # an impossible date (2월 30일)
            span = None
        if span is not None:
            spans.append(span)
    return spans


def ageing_reason(text: str, figures: Iterable[Figure]) -> str | None:
    """What makes a claim age, by its words and figures; None when nothing does."""
    kinds = {figure.kind for figure in figures}
    if RUNNING.search(text):
        return "running_count"
    if RECORD.search(text):
        return "record"
    if "rank" in kinds or RANK.search(text):
        return "rank"
    if "percent" in kinds and STAKE.search(text):
        return "stake"
    if ("money" in kinds or "percent" in kinds) and PRICE.search(text):
        return "price"
    return None


def propose_recheck(
    *,
    text: str,
    figures: Iterable[Figure | dict[str, Any]],
    published: date,
    periods: Mapping[str, int] | None = None,
) -> Recheck | None:
    """A re-check date for a claim (its ``text`` and ``figures`` as stored) in an article
    of ``published``; None for a claim whose truth does not age."""
    days = {**DEFAULT_PERIODS, **(periods or {})}
    wanted = [figure_from(f) for f in figures]
    spans = _dates(wanted)
    future = [end for start, end in spans if start > published]
    if future and FORECAST.search(text):
        return Recheck(max(future) + timedelta(days=days["forecast"]), "forecast")
    reason = ageing_reason(text, wanted)
    if reason is None:
        return None
    current_since = published - timedelta(days=days["current"])
    if reason != "running_count" and spans and all(end < current_since for _, end in spans):
        return None  # a claim about a period long over
    return Recheck(published + timedelta(days=days[reason]), reason)
