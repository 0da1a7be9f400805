"""Korean dates read against the article's date: without one, these rules read nothing.

"지난 6월 24일", "3월 초", "지난달 19일", "이달 말", "7일∼13일", "8일", "어제". A day after
오는 is on or after the article date, after 지난 on or before it; a bare day is in the
article's month or the month before: a day later than the article's is in the month before
when its sentence is in the past ("28일 연설했다") and ahead, in the article's month, when
it speaks of a plan or in the present ("28일 연설한다", "25일 발표할 예정이다"). The last
day of a range ("오는 28일부터 3일까지") is in the month of the first, or the next.

Weekdays: "수요일인 9일" and "14일(목요일)" take the day's date, "지난 수요일" the last one
before the article, a bare "일요일에는" the one in the article's week (Monday to Sunday):
Korean news names days of the current week so; but in a sentence about what is to come
("화요일에 발표할 예정이다") the next such day after the article date, as after 오는. A
recurring one ("매주 금요일") is not a date, and a weekday in brackets after a date
("2023년 4월 10일 (월요일)") only restates it. An election named by its date ("오는 6·4
지방선거") is a date; dates naming a past event ("4·19", "5·18 민주화운동", "9.11 테러") are
names and give no year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from claims.extraction.figures.dates import month_end, safe_date, shift_month
from claims.extraction.figures.engine import Candidate, Scan, rule
from claims.extraction.figures.ko_durations import NOT_PER_WEEK, days_counted
from claims.extraction.figures.tables import (
    KO_DAY_WORDS,
    KO_REL_MONTH,
    KO_WEEKDAY_NAMES,
    PART_DAY,
)

# "8월 24일"; "8월 24~25일": the first day of a range too (``ko_day_range`` reads the last).
KO_MONTH_DAY = re.compile(
    r"(?:(지난|오는|올해|내년|작년|지난해|이듬해)\s*)?(?<!\d)(\d{1,2})\s*월\s*(\d{1,2})"
    r"\s*(?:일|(?=[~∼]\s*\d{1,2}\s*일))"
)
# "3월 초", "8월 말에"; not "8월 말레이시아", "8월 초등학교": the part ends its word or a
# particle follows it.
KO_MONTH_PART = re.compile(
    r"(?:(지난|오는|올해|내년)\s*)?(?<!\d)(\d{1,2})\s*월\s*(초|초순|중순|하순|말)"
    r"(?:(?![가-힣])|(?=에|부터|까지|께|쯤|경|의|인|이|은|는|로|으로|을|를|과|와|도|엔|무렵))"
)
# "지난 3월", and a bare "3월에" (the article's year); not "월세", "월급", "월드".
KO_MONTH_ONLY = re.compile(
    r"(?:(지난|오는|올해|내년|작년|지난해)\s*)?(?<![\d.])(?<!\d년)(?<!\d년\s)(\d{1,2})\s*월"
    r"(?!\s*\d{1,2}\s*일|세|급|드|간|별)"
)
# "7~8월", "7, 8월": the first month of a range (``ko_month`` reads the last).
KO_MONTH_RANGE_FIRST = re.compile(
    r"(?:(지난|오는|올해|내년|작년|지난해)\s*)?(?<![\d.,~∼])(?<!\d년)(?<!\d년\s)(\d{1,2})"
    r"\s?(?:[~∼]|,\s?)\s?(?=(\d{1,2})\s*월(?!\s*\d{1,2}\s*일|세|급|드|간|별))"
)
KO_REL_DAY = re.compile(r"(지난달|전달|전월|이달|이번\s?달|금월|내달|다음\s?달)\s*(\d{1,2})\s*일")
KO_REL_PART = re.compile(
    r"(지난달|전달|전월|이달|이번\s?달|금월|내달|다음\s?달)\s*(초|초순|중순|하순|말)"
)
KO_DAY_RANGE = re.compile(
    r"(?<![\d월.])(\d{1,2})\s*(?:일\s*)?[~∼-]\s*(\d{1,2})\s*일(?!\s*(?:간|동안))"
)
KO_DAY = re.compile(
    rf"(?<![\d.,])(?<![\d.][~∼]){NOT_PER_WEEK}"
    r"(\d{1,2})\s*일(?![간째])(?!\s*동안)"
    r"(?=\s|\(|에|부터|까지|,|·|오전|오후|$|\)|[~∼'’\"”]|[과와은는이의로자도께쯤]|경(?![가-힣]))"
)
# "오는 26일" is upcoming (on or after the article date), "지난 5일" past (on or before it).
KO_DAY_WHEN = re.compile(r"(오는|지난)\s?$")
KO_DAY_WORDS_RE = re.compile("|".join(sorted(KO_DAY_WORDS, key=len, reverse=True)))
# "3일부터 5일까지", "28일에서 3일 사이": the last day of a range, read from the first.
KO_RANGE_FROM = re.compile(r"일\s?(?:부터|에서)\s?$")
KO_WEEKDAY_DAY = re.compile(
    r"(?P<w>[월화수목금토일])요일(?:인\s?|\s?\()(?P<d>\d{1,2})일\)?"
    r"|(?P<d2>\d{1,2})일\s?\((?P<w2>[월화수목금토일])(?:요일)?\)"
)
# What is to come, after a weekday in its sentence: "발표할 예정이다", "열 계획이다", "내리겠다".
KO_FUTURE_AFTER = re.compile(
    r"[^.?!\n]*?(?:예정|계획|방침|겠[다습고지]|[ㄹ할될열갈올볼줄낼칠울릴질일] ?(?:것|전망))"
)
KO_WEEKDAY = re.compile(
    r"(?:(?P<which>매주|지난주|지난\s?주|지난|오는|다음\s?주|이번\s?주)\s?)?"
    r"(?<![가-힣(])(?P<w>[월화수목금토일])요일(?!\))"
)
# "다음달", "지난달", "이달": the month itself (not "전달": also "to deliver"); with a day or
# a part of the month it is read by ko_relative_day and ko_relative_month_part.
KO_REL_MONTH_ONLY = re.compile(
    r"(?<![가-힣])(지난달|이달|이번\s?달|내달|다음\s?달)(?!\s*\d|\s*(?:초|중순|하순|말))"
)
KO_ELECTION_DAY = re.compile(
    r"(?:(지난|오는|올해|작년|지난해)\s*)?(?<![\d.])(?P<m>\d{1,2})[.·ᆞㆍ‧](?P<d>\d{1,2})"
    r"(?=\s?(?:재보궐|재보선|보궐|지방선거|총선|대선|전당대회|선거))"
)


def _part_date(year: int, month: int, part: str) -> date:
    if part == "말":
        return month_end(year, month)
    return date(year, month, PART_DAY[part])


def _ko_year_for(prefix: str | None, month: int, day: int, ref: date) -> int:
    if prefix in ("작년", "지난해"):
        return ref.year - 1
    if prefix == "내년":
        return ref.year + 1
    if prefix == "지난":
        return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    if prefix == "오는":
        return ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1
    return ref.year


def _relative_month(word: str, ref: date) -> tuple[int, int]:
    return shift_month(ref, KO_REL_MONTH.get(word.replace(" ", ""), 0))


def _month_day_date(m: re.Match[str], ref: date) -> date | None:
    month, day = int(m[2]), int(m[3])
    return safe_date(_ko_year_for(m[1], month, day, ref), month, day)


def _relative_day_date(m: re.Match[str], ref: date) -> date | None:
    year, month = _relative_month(m[1], ref)
    return safe_date(year, month, int(m[2]))


@rule("ko_month_day", digits=True, dated=True)
def month_day(scan: Scan) -> Iterator[Candidate]:
    """A day of a month: "지난 6월 24일", "올해 3월 5일"."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_MONTH_DAY):
        found = _month_day_date(m, scan.ref)
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


@rule("ko_month_part", digits=True, dated=True)
def month_part(scan: Scan) -> Iterator[Candidate]:
    """A part of a month: "3월 초", "지난 5월 중순", "오는 6월 말" (approximate)."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_MONTH_PART):
        month = int(m[2])
        if 1 <= month <= 12:
            year = _ko_year_for(m[1], month, 15, scan.ref)
            value = _part_date(year, month, m[3]).isoformat()
            yield Candidate(m.start(), m.end(), value, "", "date", approximate=True)


@rule("ko_month", digits=True, dated=True)
def month(scan: Scan) -> Iterator[Candidate]:
    """A month: "지난 3월", "3월에" (value "2020-03"); both of "7~8월"."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_MONTH_ONLY):
        number = int(m[2])
        if 1 <= number <= 12:
            value = _month_value(m[1], number, scan.ref)
            yield Candidate(m.start(), m.end(), value, "", "date")
    for m in scan.matches(KO_MONTH_RANGE_FIRST):
        number, last = int(m[2]), int(m[3])
        if 1 <= number < last <= 12:
            value = _month_value(m[1], number, scan.ref)
            yield Candidate(m.start(), m.end(2), value, "", "date")


def _month_value(prefix: str | None, number: int, ref: date) -> str:
    """ "지난 8월": the last August before the article's month (a year back when the article
    is of August: this month is "이달"); "오는 8월" the next one; a bare "8월" this year's."""
    if prefix == "지난":
        year = ref.year if number < ref.month else ref.year - 1
    else:
        year = _ko_year_for(prefix, number, 1, ref)
    return f"{year:04d}-{number:02d}"


@rule("ko_relative_day", digits=True, dated=True)
def relative_day(scan: Scan) -> Iterator[Candidate]:
    """A day of a month named from the article's: "지난달 19일", "내달 6일"."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_REL_DAY):
        found = _relative_day_date(m, scan.ref)
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


@rule("ko_relative_month_part", dated=True)
def relative_month_part(scan: Scan) -> Iterator[Candidate]:
    """A part of a month named from the article's: "이달 말", "내달 초" (approximate)."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_REL_PART):
        year, number = _relative_month(m[1], scan.ref)
        value = _part_date(year, number, m[2]).isoformat()
        yield Candidate(m.start(), m.end(), value, "", "date", approximate=True)


@rule("ko_day_range", digits=True, dated=True)
def day_range(scan: Scan) -> Iterator[Candidate]:
    """Both ends of a range of days, in the month of the last: "7일∼13일", "17~18일"."""
    if scan.ref is None:
        return
    text = scan.text
    days = _dated_days(scan, scan.ref)  # "8월 24~25일": the first day read with its month
    for m in scan.matches(KO_DAY_RANGE):
        dated = days.get(m.end(1))
        if dated:
            last = _day_after(dated, int(m[2]))
            if last:
                yield Candidate(m.start(2), m.end(), last.isoformat(), "", "date")
            continue
        last = _day_in_context(int(m[2]), scan.ref, text, m.start())
        first = last and int(m[1]) <= last.day and last.replace(day=int(m[1]))
        if last and first:
            end = m.end(1) + (1 if text[m.end(1)] == "일" else 0)
            yield Candidate(m.start(1), end, first.isoformat(), "", "date")
            yield Candidate(m.start(2), m.end(), last.isoformat(), "", "date")


@rule("ko_day", digits=True, dated=True)
def day(scan: Scan) -> Iterator[Candidate]:
    """A bare day of the month, "8일"; the last day of a range from the first ("3일부터
    5일까지"). Not days counted from an event ("7일 전에"): ``ko_days_from_event``."""
    ref, text = scan.ref, scan.text
    if ref is None:
        return
    days = _dated_days(scan, ref)  # where each dated day ends: the first of a range
    for m in scan.matches(KO_DAY):
        if days_counted(text, m.start(), m.end()):
            continue
        since = KO_RANGE_FROM.search(text, max(0, m.start() - 8), m.start())
        first = days.get(since.start() + 1) if since else None
        if first:
            found = _day_after(first, int(m[1]))
        else:
            found = _day_in_context(int(m[1]), ref, text, m.start())
        if found:
            days.setdefault(m.end(), found)
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


def _dated_days(scan: Scan, ref: date) -> dict[int, date]:
    """The days ``ko_month_day`` and ``ko_relative_day`` read, by where each ends."""
    days: dict[int, date] = {}
    for m in scan.matches(KO_MONTH_DAY):
        found = _month_day_date(m, ref)
        if found:
            days.setdefault(m.end(), found)
    for m in scan.matches(KO_REL_DAY):
        found = _relative_day_date(m, ref)
        if found:
            days.setdefault(m.end(), found)
    return days


@rule("ko_day_word", dated=True)
def day_word(scan: Scan) -> Iterator[Candidate]:
    """A day named from the article's: "오늘", "어제", "이날", "다음날"."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_DAY_WORDS_RE):
        value = (scan.ref + timedelta(days=KO_DAY_WORDS[m.group(0)])).isoformat()
        yield Candidate(m.start(), m.end(), value, "", "date")


def _day_after(first: date, day: int) -> date | None:
    """The last day of a range: in the month of the first day, or the next month when it is
    smaller ("오는 28일부터 3일까지"). So after 오는 it is upcoming as the first day is."""
    if not 1 <= day <= 31:
        return None
    year, month = (first.year, first.month) if day >= first.day else shift_month(first, 1)
    return safe_date(year, month, day)


def _day_in_context(day: int, ref: date, text: str = "", start: int = 0) -> date | None:
    """A bare day of the month ("8일") is in the article's month, or the month before. After
    오는 (upcoming) in ``text`` before ``start`` it is on or after the article date, in the
    next month when the day has passed; after 지난 (past) on or before it."""
    if not 1 <= day <= 31:
        return None
    when = KO_DAY_WHEN.search(text, max(0, start - 3), start) if start else None
    if when and when[1] == "오는":
        months = 0 if day >= ref.day else 1
    elif when:
        months = 0 if day <= ref.day else -1
    else:
        months = 0 if day <= ref.day + 1 or _upcoming(text, start) else -1
    year, month = shift_month(ref, months)
    return safe_date(year, month, day)


# The end of a sentence (not a decimal point), and what says a sentence speaks of what is to
# come: a plan or a forecast ("발표할 예정이다", "열 계획이다", "낼 것이다", "내리겠다"), or a
# verb in the present ("연설한다", "열린다고"), which news writes of a day ahead.
KO_SENTENCE_END = re.compile(r"[.?!](?!\d)|\n")
KO_TO_COME = re.compile(
    r"예정|계획|방침|겠|[가-힣](?= ?(?:것|전망))|[가-힣]다(?:고|며|면서)?(?![가-힣])"
)


def _upcoming(text: str, start: int) -> bool:
    """Whether the sentence after ``start`` puts its first verb ahead of the article date:
    a plan, a forecast or the present tense before any verb in the past ("28일 연설한다" is
    upcoming; "28일 열린 회의에서 말했다", "28일 연설했다" are past)."""
    end = KO_SENTENCE_END.search(text, start)
    clause = text[start : end.start() if end else len(text)]
    for syllable_at, syllable in enumerate(clause):
        if _final(syllable) == PAST_FINAL and syllable not in "있겠":
            return False  # 했, 됐, 었, 였: the past
        found = KO_TO_COME.match(clause, syllable_at)
        if found is None:
            continue
        head = found.group(0)
        if head in ("예정", "계획", "방침", "겠"):
            return True
        if len(head) > 1:  # a verb ending its clause: "연설한다", "열린다고" (not "이다")
            return _final(head[0]) == PRESENT_FINAL or head[0] in "있없"
        return _final(head) == FUTURE_FINAL  # "낼 것", "될 전망" (not "발표한 것으로")
    return False


PAST_FINAL, PRESENT_FINAL, FUTURE_FINAL = 20, 4, 8  # final consonants ㅆ, ㄴ, ㄹ


def _final(syllable: str) -> int:
    """The final consonant's index of a Hangul syllable (0: none; -1: not a syllable)."""
    code = ord(syllable) - 0xAC00
    return code % 28 if 0 <= code < 11172 else -1


@rule("ko_weekday_day", digits=True, needs=("요일",), dated=True)
def weekday_day(scan: Scan) -> Iterator[Candidate]:
    """A day given with its weekday: "수요일인 9일", "14일(목요일)"."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_WEEKDAY_DAY):
        found = _day_in_context(int(m["d"] or m["d2"]), scan.ref, scan.text, m.start())
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


@rule("ko_weekday", needs=("요일",), dated=True)
def weekday(scan: Scan) -> Iterator[Candidate]:
    """A weekday: "지난 수요일", "다음 주 월요일", a bare "일요일에는" (this week's)."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_WEEKDAY):
        which = (m["which"] or "").replace(" ", "")
        if which != "매주":  # "매주 금요일": every Friday, no date
            if not which and KO_FUTURE_AFTER.match(scan.text, m.end()):
                which = "오는"  # "화요일에 발표할 예정이다": the next Tuesday
            found = _weekday_date(which, KO_WEEKDAY_NAMES[m["w"]], scan.ref)
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


def _weekday_date(which: str, weekday: int, ref: date) -> date:
    monday = ref - timedelta(days=ref.weekday())
    if which in ("지난", ""):
        back = (ref.weekday() - weekday) % 7
        return ref - timedelta(days=back or 7) if which else monday + timedelta(weekday)
    if which == "오는":
        return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    if which == "지난주":
        return monday - timedelta(days=7 - weekday)
    if which == "다음주":
        return monday + timedelta(days=7 + weekday)
    return monday + timedelta(days=weekday)


@rule("ko_relative_month", needs=("달",), dated=True)
def relative_month(scan: Scan) -> Iterator[Candidate]:
    """A month named from the article's: "지난달", "이달", "다음 달" (value "2020-09")."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_REL_MONTH_ONLY):
        year, number = _relative_month(m[1], scan.ref)
        yield Candidate(m.start(), m.end(), f"{year:04d}-{number:02d}", "", "date")


@rule("ko_election_day", digits=True, needs=("선", "전당대회"), dated=True)
def election_day(scan: Scan) -> Iterator[Candidate]:
    """An election named by its date: "오는 6·4 지방선거", "4.24 재보궐선거"."""
    if scan.ref is None:
        return
    for m in scan.matches(KO_ELECTION_DAY):
        number, day_of_month = int(m["m"]), int(m["d"])
        found = safe_date(_ko_year_for(m[1], number, day_of_month, scan.ref), number, day_of_month)
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
