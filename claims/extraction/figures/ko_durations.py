"""Korean durations with no counter of their own after the number.

"1년6월" (a sentence of a year and six months; "6월" alone would read as June), "1박2일",
days counted from an event ("7일전에", "3일 뒤"), days a week ("주 4일제"), "일주일",
"일년", and weeks ("3주 동안", "2주에 한 번", "임신 12주"): 주 after a number counts weeks
when time follows it or nothing in the sentence speaks of shares ("주식 100주를 샀다" is a
count of shares, read by ``ko_counter``). A day counted so is a duration, not a day of the
month; ``ko_days.py`` asks ``days_counted`` before it reads a day as a date.
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


# "3주 동안", "4주 만에", "5주째", "2주에 한 번", "2주가 되는": weeks, whatever the sentence.
KO_WEEKS = re.compile(
    r"(?<![\d.,])(?<!제)(?<!제\s)(?:(?P<num>\d{1,3})|(?<![가-힣])(?P<native>한|두|세|네|다섯|여섯|열)\s)"
    r"\s?(?P<approx>여\s?)?주(?:(?![가-힣])|(?=이|가|를|을|의|에|도|만|째|씩|마다|당|동안|"
    r"전|후|뒤|내|새|가량|정도|이상|이내|이후|이전|사이|간격|연속))"
)
KO_WEEKS_TIME_AFTER = re.compile(
    r"\s?(?:동안|만에|만(?=[이의에\s])|째|전|후|뒤|내|이내|이후|이전|사이|새|간격|연속|마다|"
    r"가량|정도|남짓|넘게|이상|미만|기준|차|(?:가|이)\s?(?:되|지나|걸|흘|남)|"
    r"에\s?(?:한|두|세|\d{1,2})\s?(?:번|차례|회))"
)
KO_WEEKS_TIME_BEFORE = re.compile(r"(?:임신|생후|최근|지난|향후|앞으로|매|격)\s?$")
# Words that make 주 a count of shares ("주식 100주", "자사주 50만주를 소각").
KO_SHARES = re.compile(
    r"주식|지분|자사주|보통주|우선주|신주|구주|주주|주당|상장|공모|매입|매수|매도|취득|처분|소각|"
    r"발행|배정|교부|스톡옵션|주가|증자|보유"
)
KO_NATIVE_WEEKS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "열": 10}


def days_counted(text: str, start: int, end: int) -> bool:
    """ "7일 전에" counts days from an event; "오는 7일 전에" is before the 7th."""
    return bool(KO_DAYS_AROUND_RE.match(text, end)) and not KO_DATED_DAY_BEFORE.search(
        text, max(0, start - 6), start
    )


@rule("ko_years_months", digits=True, needs=("년",))
def years_months(scan: Scan) -> Iterator[Candidate]:
    """A duration in years and months, "1년6월" (18 months)."""
    for m in scan.matches(KO_YEARS_MONTHS):
        months = int(m["y"]) * 12 + int(m["m"])
        yield Candidate(m.start(), m.end(), str(months), "months", "duration")


@rule("ko_nights_days", digits=True, needs=("박",))
def nights_days(scan: Scan) -> Iterator[Candidate]:
    """A stay, "1박2일": one night, two days."""
    for m in scan.matches(KO_NIGHTS_DAYS):
        yield Candidate(m.start("n"), m.end("n") + 1, m["n"], "nights", "duration")
        yield Candidate(m.start("d"), m.end(), m["d"], "days", "duration")


@rule("ko_days_from_event", digits=True, needs=("일",))
def days_from_event(scan: Scan) -> Iterator[Candidate]:
    """Days counted from an event: "7일전에", "3일 뒤"."""
    text = scan.text
    for m in scan.matches(KO_DAYS_COUNTED):
        if m["num"] and days_counted(text, m.start(), m.end()):
            yield Candidate(m.start("num"), m.end(), m["num"], "days", "duration")


@rule("ko_days_a_week", digits=True, needs=("일",))
def days_a_week(scan: Scan) -> Iterator[Candidate]:
    """Days a week: "주 4일제", "주5일 근무"."""
    for m in scan.matches(KO_DAYS_COUNTED):
        if m["week"]:
            yield Candidate(m.start("week"), m.end(), m["week"], "days", "duration")


@rule("ko_one_week_year", needs=("일주일", "일년"))
def one_week_year(scan: Scan) -> Iterator[Candidate]:
    """ "일주일", "일년": one week, one year."""
    for m in scan.matches(KO_SINO_ONE):
        unit = "weeks" if m["unit"] == "주일" else "years"
        yield Candidate(m.start(), m.end(), "1", unit, "duration")


@rule("ko_weeks", needs=("주",))
def weeks(scan: Scan) -> Iterator[Candidate]:
    """Weeks: "3주 동안", "2주에 한 번", "임신 12주", "한 주 동안" (not "주식 100주")."""
    text = scan.text
    for m in scan.matches(KO_WEEKS):
        timed = KO_WEEKS_TIME_AFTER.match(text, m.end()) or KO_WEEKS_TIME_BEFORE.search(
            text, max(0, m.start() - 4), m.start()
        )
        if m["native"]:
            if not timed:
                continue  # "세 주" alone: shares as often as weeks
            value = KO_NATIVE_WEEKS[m["native"]]
        else:
            value = int(m["num"])
            if not timed and (value > 52 or KO_SHARES.search(text)):
                continue
        yield Candidate(m.start(), m.end(), str(value), "weeks", "duration", bool(m["approx"]))
