"""Korean durations with no counter of their own after the number.

"1년6월" (a sentence of a year and six months; "6월" alone would read as June), "1박2일",
days counted from an event ("7일전에", "3일 뒤"), days a week ("주 4일제") and "일주일",
"일년". A day counted so is a duration, not a day of the month; ``ko_days.py`` asks
``days_counted`` before it reads a day as a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.extraction.figures.engine import Candidate, Scan, rule

# Days counted from an event ("7일전에", "7일 전까지", "3일 뒤"): a duration. Not "7일 전
# 대통령" (the former president, on the 7th): 전 needs a particle or a stop after it. And
# not "오는 26일 전까지" (before the 26th): after 오는, 지난, 이달 the day is a date.
KO_DAYS_AROUND = r"\s?(?:전|후|뒤)(?=에|까지|부터|의|만|쯤|께|이|인|[,.)'’\"”]|$)|\s?(?:후|뒤)\s"
KO_DAYS_AROUND_RE = re.compile(KO_DAYS_AROUND)
KO_DATED_DAY_BEFORE = re.compile(r"(?:오는|지난|이달|이번\s?달|내달|다음\s?달|지난달)\s?$")
# "주 4일제", "주5일": so many days a week, not a day of the month. Not "다음 주 3일" (the
# 3rd, next week).
PER_WEEK = r"(?<![가-힣])(?<!(?:이번|다음|지난)\s)주"
NOT_PER_WEEK = rf"(?<!{PER_WEEK})(?<!{PER_WEEK}\s)"
# "1년6월" (a sentence; "6월" alone would read as June), "1박2일": a duration in two parts.
KO_YEARS_MONTHS = re.compile(r"(?<!\d)(?P<y>\d{1,2})년\s?(?P<m>\d{1,2})월(?!\s?\d)")
KO_NIGHTS_DAYS = re.compile(r"(?<!\d)(?P<n>\d{1,2})박\s?(?P<d>\d{1,2})일(?:간)?")
# "7일전에", "3일 뒤" (KO_DAYS_AROUND); "주 4일제", "주5일 근무": days a week.
KO_DAYS_COUNTED = re.compile(
    rf"(?<![\d.,~∼])(?P<num>\d{{1,3}})\s?일(?={KO_DAYS_AROUND})"
    rf"|{PER_WEEK}\s?(?P<week>[1-7])\s?일"
)
# "일주일", "일년": a week, a year.
KO_SINO_ONE = re.compile(r"(?<![가-힣])일(?P<unit>주일|년)(?:간)?")


def days_counted(text: str, start: int, end: int) -> bool:
    """ "7일 전에" counts days from an event; "오는 7일 전에" is before the 7th."""
    return bool(KO_DAYS_AROUND_RE.match(text, end)) and not KO_DATED_DAY_BEFORE.search(
        text, max(0, start - 6), start
    )


@rule("ko_years_months", needs=("년",))
def years_months(scan: Scan) -> Iterator[Candidate]:
    """A duration in years and months, "1년6월" (18 months)."""
    for m in KO_YEARS_MONTHS.finditer(scan.text):
        months = int(m["y"]) * 12 + int(m["m"])
        yield Candidate(m.start(), m.end(), str(months), "months", "duration")


@rule("ko_nights_days", needs=("박",))
def nights_days(scan: Scan) -> Iterator[Candidate]:
    """A stay, "1박2일": one night, two days."""
    for m in KO_NIGHTS_DAYS.finditer(scan.text):
        yield Candidate(m.start("n"), m.end("n") + 1, m["n"], "nights", "duration")
        yield Candidate(m.start("d"), m.end(), m["d"], "days", "duration")


@rule("ko_days_from_event", needs=("일",))
def days_from_event(scan: Scan) -> Iterator[Candidate]:
    """Days counted from an event: "7일전에", "3일 뒤"."""
    text = scan.text
    for m in scan.matches(KO_DAYS_COUNTED):
        if m["num"] and days_counted(text, m.start(), m.end()):
            yield Candidate(m.start("num"), m.end(), m["num"], "days", "duration")


@rule("ko_days_a_week", needs=("일",))
def days_a_week(scan: Scan) -> Iterator[Candidate]:
    """Days a week: "주 4일제", "주5일 근무"."""
    for m in scan.matches(KO_DAYS_COUNTED):
        if m["week"]:
            yield Candidate(m.start("week"), m.end(), m["week"], "days", "duration")


@rule("ko_one_week_year", needs=("일주일", "일년"))
def one_week_year(scan: Scan) -> Iterator[Candidate]:
    """ "일주일", "일년": one week, one year."""
    for m in KO_SINO_ONE.finditer(scan.text):
        unit = "weeks" if m["unit"] == "주일" else "years"
        yield Candidate(m.start(), m.end(), "1", unit, "duration")
