"""English dates: "June 24", "24 June 2020", "June 2020", years, decades ("the 1990s", "the
'80s": a date of the decade's first year, unit "decade") and days named from the article's
date ("last Tuesday", "yesterday") or months so named ("last August", "next June"). A month
and day without a year, a weekday and a month after last or next need the article date.

A bare weekday ("on Friday") is the last one on or before the article date, unless its
clause speaks of what is to come ("will announce a new strategy on Friday", "is expected to
raise rates again on Thursday", "is scheduled for Wednesday", "is to announce its decision
on Tuesday"): then it is the next one on or after the article date (the article's own day
when it is that weekday, as news writes it). A weekday after a capitalised name ("Congress
on Wednesday", "Biden on Tuesday") is a day all the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from claims.extraction.figures.dates import century, safe_date
from claims.extraction.figures.engine import Candidate, Scan, rule
from claims.extraction.figures.tables import EN_MONTHS, EN_WEEKDAYS

EN_MONTH_NAMES = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
EN_DATE = re.compile(
    rf"\b(?P<month>{EN_MONTH_NAMES})\.?\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?:,?\s(?P<year>(?:19|20)\d{2}))?"
    # "18 February", and "18February" glued (a capital month only: not "5mar").
    rf"|\b(?P<day2>\d{{1,2}})(?:\s|(?=(?-i:[A-Z])))(?P<month2>{EN_MONTH_NAMES})\b"
    r"(?:\s(?P<year2>(?:19|20)\d{2}))?"
    rf"|\b(?P<month3>{EN_MONTH_NAMES})\s(?P<year3>(?:19|20)\d{{2}})\b",
    re.I,
)
EN_REL_DAY = re.compile(
    r"\b(?:(?P<which>last|next|this|on)\s)?"
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?P<word>yesterday|today|tomorrow)\b",
    re.I,
)
# What is to come, before a weekday in its clause; and verbs in the past that, after it,
# put the weekday back in the past ("said on Monday").
EN_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|would)\b|['’]ll\b|\bgoing\sto\b|\bupcoming\b"
    r"|\b(?:expected|scheduled|set|due|slated|poised|planning|plans?|likely|aims?|hopes?)"
    r"\s(?:to|for)\b|\b(?:is|are)\sto\s",
    re.I,
)
EN_PAST = re.compile(
    r"\b(?:said|told|was|were|had|did|met|held|made|took|came|went|gave|rose|fell|won|lost|"
    r"began|[a-z]+ed)\b",
    re.I,
)
# "last August", "next June": a month named alone after last or next (a capital month: not
# "the last march", "the next may be"; not before a day or a year: "next June 5" is a date).
EN_REL_MONTH = re.compile(
    r"\b(?P<which>(?i:last|next))\s"
    rf"(?P<month>{'|'.join(sorted((m.capitalize() for m in EN_MONTHS), key=len, reverse=True))})"
    r"\b(?!\.?\s?\d)"
)
EN_NEXT_LAST = re.compile(r"\b(?P<which>next|last)\s$", re.I)
EN_CLAUSE_START = re.compile(r"[.!?;:]\s|[“”\"]")
EN_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})\b(?!\s?(?:%|percent))")
# "the 1990s", "the 1920's", "the '80s": a decade, dated by its first year (unit "decade").
EN_DECADE = re.compile(r"\b(?P<year>1\d\d0|20\d0)['’]?s\b|(?<![\w'’‘])['’‘](?P<two>\d0)s\b")


@rule("en_date")
def month_date(scan: Scan) -> Iterator[Candidate]:
    """A date: "June 24", "24 June 2020", "Sept. 3, 2019"; a month of a year, "June 2020"."""
    for m in scan.matches(EN_DATE):
        if m["month3"]:
            month = EN_MONTHS[m["month3"].lower()]
            yield Candidate(m.start(), m.end(), f"{int(m['year3']):04d}-{month:02d}", "", "date")
            continue
        month = EN_MONTHS[(m["month"] or m["month2"]).lower()]
        day = int(m["day"] or m["day2"])
        year_text = m["year"] or m["year2"]
        if year_text:
            year = int(year_text)
        elif scan.ref is not None:
            year = scan.ref.year
            # "next June 5": the next one after the article's day; "last June 20" the last
            # one before it.
            which = EN_NEXT_LAST.search(scan.text, max(0, m.start() - 6), m.start())
            here = safe_date(year, month, day)
            if which and here:
                if which["which"].lower() == "next" and here <= scan.ref:
                    year += 1
                elif which["which"].lower() == "last" and here >= scan.ref:
                    year -= 1
        else:
            continue
        found = safe_date(year, month, day)
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


@rule("en_year")
def year(scan: Scan) -> Iterator[Candidate]:
    """A year: "2020" (not "2020 percent")."""
    for m in scan.matches(EN_YEAR):
        yield Candidate(m.start(), m.end(), m["year"], "", "date")


@rule("en_decade", needs=("0s", "0's", "0’s"))
def decade(scan: Scan) -> Iterator[Candidate]:
    """A decade: "the 1990s", "the '80s" (the date of its first year, unit "decade")."""
    for m in scan.matches(EN_DECADE):
        if m["year"]:
            yield Candidate(m.start(), m.end(), m["year"], "decade", "date")
            continue
        # "'80s" is in the century that puts it no later than the article's year; without
        # an article date only the 1930s to 1990s are plain ("'20s" may be either century).
        if scan.ref is not None:
            first = century(m["two"], scan.ref.year)
        elif int(m["two"]) >= 30:
            first = "19" + m["two"]
        else:
            continue
        yield Candidate(m.start(), m.end(), first, "decade", "date")


@rule("en_relative_day", dated=True)
def relative_day(scan: Scan) -> Iterator[Candidate]:
    """A day named from the article's date: "last Tuesday", "on Monday", "yesterday"."""
    if scan.ref is None:
        return
    for m in scan.matches(EN_REL_DAY):
        found = _relative_date(m, scan.ref, _to_come(scan.text, m.start()))
        yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


@rule("en_relative_month", dated=True, needs=("ast", "ext"))  # [Ll]ast, [Nn]ext
def relative_month(scan: Scan) -> Iterator[Candidate]:
    """A month named from the article's, as Korean "지난 8월" is: "last August" is the last
    August before the article's month (a year back when the article is of August), "next
    June" the next June after it (value "2022-06")."""
    if scan.ref is None:
        return
    for m in scan.matches(EN_REL_MONTH):
        number = EN_MONTHS[m["month"].lower()]
        if m["which"].lower() == "last":
            year = scan.ref.year if number < scan.ref.month else scan.ref.year - 1
        else:
            year = scan.ref.year if number > scan.ref.month else scan.ref.year + 1
        yield Candidate(m.start(), m.end(), f"{year:04d}-{number:02d}", "", "date")


def _to_come(text: str, start: int) -> bool:
    """Whether the clause before ``start`` speaks of what is to come: a marker of the future
    with no verb in the past after it ("said on Monday it will ..." is past at "Monday")."""
    clause_start = 0
    for stop in EN_CLAUSE_START.finditer(text, 0, start):
        clause_start = stop.end()
    clause = text[clause_start:start]
    future = list(EN_FUTURE.finditer(clause))
    if not future:
        return False
    last = future[-1]
    for past in EN_PAST.finditer(clause, last.start()):
        if not any(f.start() <= past.start() < f.end() for f in future):
            return False
    return True


def _relative_date(m: re.Match[str], ref: date, to_come: bool = False) -> date:
    if m["word"]:
        return ref + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"].lower()])
    weekday = EN_WEEKDAYS[m["weekday"].lower()]
    which = (m["which"] or "").lower()
    if which == "next":
        return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    if to_come and which != "last":
        return ref + timedelta(days=(weekday - ref.weekday()) % 7)
    back = (ref.weekday() - weekday) % 7
    if which == "last" and back == 0:
        back = 7
    return ref - timedelta(days=back)
