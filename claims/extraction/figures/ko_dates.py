"""Korean dates that carry their year, and times of day.

"2020년 10월 8일", "2020.10.08", "2020년 10월", "2020년", "1975년생" (a birth year) and the
first year of a range ("1955∼1963년생"). A bare year before what it dates ("2014 브라질
월드컵", "2015 서울모터쇼", "'친구'(2001)") is a date; a year after a name ("응답하라 1988",
"CES 2025", "어젠다 2020") is part of the name and is not. Seasons ("2015-16 프리미어리그")
give both years. Two-digit years ("61년생", "87년도") take their century from the article
date and give nothing without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.extraction.figures.dates import century, safe_date
from claims.extraction.figures.engine import Candidate, Scan, rule

KO_FULL_DATE = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
KO_DOT_DATE = re.compile(r"(?<![\d.])(\d{4})[.\-/]\s?(\d{1,2})[.\-/]\s?(\d{1,2})\.?(?![\d])")
KO_YEAR_MONTH = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월(?!\s*\d{1,2}\s*일)")
KO_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*년(생)?(?!\s*(?:간|동안|만에|째))")
# "1955∼1963년생", "2010~2015년": the first year of a range (KO_YEAR reads the last).
KO_YEAR_RANGE_FIRST = re.compile(
    r"(?<![\d.])(?P<a>(?:19|20)\d{2})\s?[~∼]\s?(?=(?:19|20)\d{2}\s?년(?P<born>생)?)"
)
# "10년도 넘었다", "1년도 안 돼": 도 is "even" and the years are a duration, not "'10년도".
KO_EVEN_YEARS = r"도\s?(?:넘|안\s|안되|안돼|못|채|지나|지났|더|걸|되|됐)"
# Two-digit years: "61년생" (born in 1961), "82~88년생", "87년도 이후". The century is the
# one that puts a birth year no later than the article's year, and any other year no more
# than ten years after it; without an article date there is no figure.
KO_SHORT_YEAR = re.compile(
    rf"(?<![\d.,])(?P<a>\d{{2}})(?:\s?[~∼]\s?(?P<b>\d{{2}}))?"
    rf"\s?년(?P<born>생|(?!{KO_EVEN_YEARS})도)"
)
KO_TIME = re.compile(
    r"(오전|오후|새벽|밤|저녁|낮|아침)?\s*(?<![\d.])(\d{1,2})\s*시"
    r"\s*(?:(\d{1,2})\s*분|반)?(?!\s*간)"
)
KO_BARE_YEAR = re.compile(
    r"(?<![\w.,\-/~∼·])(?<![A-Za-z가-힣]\s)(?P<year>(?:19|20)\d{2})"
    r"(?=\s(?:[가-힣]|[A-Z][A-Za-z\d]{0,5}\s[가-힣]))"  # "2021 G7 정상회의"
    r"|(?<![\w.,\-/~∼·])(?P<year4>(?:19|20)\d{2})(?=·(?:19|20)\d{2}\s?년|시즌|년도)"
    r"|(?<=['’\"”]\()(?P<year2>(?:19|20)\d{2})(?=\))"
    r"|(?<=[가-힣]\s)(?P<year3>(?:19|20)\d{2})(?=\s[가-힣])"
)
# Seasons: "2015-16 프리미어리그", "2014-2015학년도", "2014시즌".
KO_SEASON = re.compile(
    r"(?<![\w.,\-/])(?P<a>(?:19|20)\d{2})[-–/](?P<b>(?:19|20)?\d{2})(?![\d.,\-])"
    r"(?=\s|학년도|시즌|년|['’\"”])"
)
# After a Korean word, a bare year dates what follows only when an event follows.
KO_EVENT_AFTER = re.compile(
    r"\s?[가-힣]{0,6}\s?(?:월드컵|올림픽|동계올림픽|아시안게임|모터쇼|대회|축제|박람회|페스티벌|"
    r"시즌|선거|엑스포|컨퍼런스|포럼|시상식|콜렉션|컬렉션|봄|여름|가을|겨울)"
)
# "뽑은 2017 최악의 가짜뉴스": a year before a superlative dates what is ranked.
KO_SUPERLATIVE_AFTER = re.compile(r"\s(?:최악|최고|최대|최다|최저|최소)의")


def _date(m: re.Match[str]) -> Iterator[Candidate]:
    found = safe_date(int(m[1]), int(m[2]), int(m[3]))
    if found:
        yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


@rule("ko_full_date", digits=True)
def full_date(scan: Scan) -> Iterator[Candidate]:
    """A date written out: "2020년 10월 8일"."""
    for m in scan.matches(KO_FULL_DATE):
        yield from _date(m)


@rule("ko_dot_date", digits=True)
def dot_date(scan: Scan) -> Iterator[Candidate]:
    """A date in figures: "2020.10.08", "2020-10-08", "2020/10/08"."""
    for m in scan.matches(KO_DOT_DATE):
        yield from _date(m)


@rule("ko_year_month", digits=True)
def year_month(scan: Scan) -> Iterator[Candidate]:
    """A month of a year: "2020년 10월" (value "2020-10")."""
    for m in scan.matches(KO_YEAR_MONTH):
        if 1 <= int(m[2]) <= 12:
            yield Candidate(m.start(), m.end(), f"{int(m[1]):04d}-{int(m[2]):02d}", "", "date")


@rule("ko_year", digits=True)
def year(scan: Scan) -> Iterator[Candidate]:
    """A year: "2020년"; "1975년생" is a birth year (unit "birth_year")."""
    for m in scan.matches(KO_YEAR):
        yield Candidate(m.start(), m.end(), m[1], "birth_year" if m[2] else "", "date")


@rule("ko_year_range_first", digits=True, needs=("~", "∼"))
def year_range_first(scan: Scan) -> Iterator[Candidate]:
    """The first year of a range, "1955∼1963년생" (``ko_year`` reads the last)."""
    for m in scan.matches(KO_YEAR_RANGE_FIRST):
        unit = "birth_year" if m["born"] else ""
        yield Candidate(m.start("a"), m.end("a"), m["a"], unit, "date")


@rule("ko_bare_year", digits=True, needs=("19", "20"))
def bare_year(scan: Scan) -> Iterator[Candidate]:
    """A year without 년 before what it dates: "2014 브라질 월드컵", "'친구'(2001)"."""
    text = scan.text
    for m in scan.matches(KO_BARE_YEAR):
        group = next(g for g in ("year", "year2", "year3", "year4") if m[g])
        if group == "year3" and not _year_before_event(text, m.end(group)):
            continue
        yield Candidate(m.start(group), m.end(group), m[group], "", "date")


def _year_before_event(text: str, end: int) -> bool:
    return bool(
        KO_EVENT_AFTER.match(text, end, min(len(text), end + 16))
        or KO_SUPERLATIVE_AFTER.match(text, end)
    )


@rule("ko_season", digits=True, needs=("-", "–", "/"))
def season(scan: Scan) -> Iterator[Candidate]:
    """The two years of a season: "2015-16 프리미어리그", "2014-2015학년도"."""
    for m in scan.matches(KO_SEASON):
        low, high = int(m["a"]), int(m["b"])
        if high < 100:
            high += low // 100 * 100
        if high == low + 1:
            yield Candidate(m.start("a"), m.end("a"), str(low), "", "date")
            yield Candidate(m.start("b"), m.end("b"), str(high), "", "date")


@rule("ko_short_year", digits=True, needs=("년",), dated=True)
def short_year(scan: Scan) -> Iterator[Candidate]:
    """A two-digit year: "61년생" (born 1961), "82~88년생", "87년도 이후"."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_SHORT_YEAR):
        born = m["born"] == "생"
        latest = scan.ref.year if born else scan.ref.year + 10
        unit = "birth_year" if born else ""
        if m["b"]:  # "82~88년생": the first year, then the last with the suffix
            yield Candidate(m.start("a"), m.end("a"), century(m["a"], latest), unit, "date")
        high = "b" if m["b"] else "a"
        yield Candidate(m.start(high), m.end(), century(m[high], latest), unit, "date")


@rule("ko_time", needs=("시",), digits=True)
def time_of_day(scan: Scan) -> Iterator[Candidate]:
    """A time of day: "오후 3시" (15:00), "9시 30분", "3시 반"."""
    for m in scan.matches(KO_TIME):
        hour = int(m[2])
        if hour > 24:
            continue
        if m[1] in ("오후", "밤", "저녁") and hour < 12:
            hour += 12
        minute = 30 if m[0].rstrip().endswith("반") else int(m[3] or 0)
        if minute >= 60:
            continue
        start = m.start(1) if m[1] else m.start(2)
        yield Candidate(start, m.end(), f"{hour:02d}:{minute:02d}", "", "time")
