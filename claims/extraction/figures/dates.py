"""Calendar arithmetic the date rules share."""

from __future__ import annotations

import calendar
from datetime import date


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_month(day: date, months: int) -> tuple[int, int]:
    """(year, month) of the month ``months`` after ``day``'s (before it when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (31 June)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def century(two_digits: str, latest: int) -> str:
    """'61' -> '1961', '05' -> '2005': the latest year ending in the digits, not after latest."""
    year = latest - (latest - int(two_digits)) % 100
    return str(year)
