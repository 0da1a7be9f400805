"""Shapes of Korean news with no counter after the number (KLUE-NER news).

Scores ("2-3으로", "0대 1로": one count per side, unit "score"), bases ("1,2루"), pars
("(파5)"), ordinals ("제24회": the unit from the counter), school years ("고3"), the top N
("톱10"), measures named before their number ("승점 4", "타율 0.338", "규모 8.2") and ages
in brackets after a name ("박씨(32)", "최모 (41)씨").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.extraction.figures.engine import Candidate, Scan, rule
from claims.extraction.figures.numbers import format_decimal, to_decimal
from claims.extraction.figures.tables import KO_LABEL_UNITS, KO_ORDINAL_UNITS

# Scores: "2-3으로", "0대 1로", "1 대 0 승리", "63 대 36": one count per side.
# A tally spelt out with spaces ("63 대 36 득표율") needs no word after it.
KO_SCORE = re.compile(
    r"(?<![\d.,:\-–])(?P<a>\d{1,3})(?:\s?(?:[-–]|\s?대\s?)(?P<b>\d{1,3})(?![\d.,:\-–%])"
    r"(?=\s?(?:으로|로|의|\)|(?:역전)?(?:승리|패배|완승|완패|승|패)|무승부|동점|리드|앞선|뒤진))"
    r"|\s대\s(?P<b2>\d{1,3})(?![\d.,:\-–%])(?=\s|[,.)]|$))"
)
# "1,2루": two bases; "(파5)": a hole's par; "1심", "2심" are counters (tables.KO_COUNTERS).
KO_BASES = re.compile(r"(?<![\d,])(?P<a>[1-3]),\s?(?P<b>[2-3])루")
KO_PAR = re.compile(r"(?<![가-힣A-Za-z])파\s?(?P<num>[3-6]|7[0-3])(?!\d)")
# "제24회", "제1위원장", "제 2의 소니": an ordinal.
KO_ORDINAL = re.compile(
    r"제\s?(?P<num>\d{1,4})(?P<unit>차|회|호|대|조|항|기|강|주|권|편|부)?(?![\d.]|,\d)"
    r"(?:,\s?(?P<num2>\d{1,2})(?![\d.,]))?"  # "제1, 2 연평해전": the first and the second
)
# "제2의 고향", "제2의 인생", "제2의 전성기": "a second home, life, heyday", no rank.
KO_FIGURATIVE_ORDINAL = re.compile(
    r"의\s?(?:고향|인생|전성기|도약|삶|탄생|르네상스|부흥|출발|시작|기회|도전|직업|황금기|청춘|"
    r"전성시대|사춘기|창업|건국|개국|물결|성장|봄|한강의\s?기적|신화|집)"
)
# "A(16·고1)양", "고3 학생": a school year.
KO_SCHOOL_YEAR = re.compile(
    r"(?:(?<=[(·\s'\"‘“])|^)(?:고|중)(?P<num>[1-3])"
    r"(?=[)\s양군,]|(?:이|은|는|의|들|생)(?![가-힣]))"
)
# "톱10", "탑2", "베스트11": the top N.
KO_TOP = re.compile(r"(?<![가-힣])(?:톱|탑|베스트)\s?(?P<num>\d{1,3})(?!\d)")
# A measure named before its number: "승점 4", "골득실 -1", "타율 0.338", "규모 8.2".
KO_LABELLED = re.compile(
    r"(?P<label>승점|골득실|득실차|타율|방어율|평균자책점|평균자책|규모)(?:을|은|이|는)?\s?\(?"
    r"(?P<num>[-−]?\d{1,3}(?:\.\d+)?)(?!\d|[.,]\d)(?!\s?[조억만천%])"
    r"(?=\s|[)·,.]|으로|로|을|를|의|에|이|가|은|는|$)"
    r"(?:에서\s?(?P<num2>\d{1,3}(?:\.\d+)?)(?=으로|로))?"
)
# "박씨(32)": Korean news gives a person's age in brackets after the name.
# Also "(본명 박재상·35)", "(22·이지은)", "A(10)군".
KO_BRACKET_AGE = re.compile(
    r"(?<=[가-힣A-Z])\((?:[^()\d]{1,12}[·,.\s-]\s?)?(?P<num>\d{1,3})"
    r"(?:[·,.]\s?[^()\d]{1,16})?\)"
)
# "최모 (41)씨": an age in brackets after a space.
KO_SPACED_AGE = re.compile(r"(?<=[가-힣]\s)\((?P<num>\d{1,2})\)(?=\s?(?:씨|군|양))")


@rule("ko_bracket_age", digits=True)
def bracket_age(scan: Scan) -> Iterator[Candidate]:
    """An age in brackets after a name: "박씨(32)", "(본명 박재상·35)", "A(10)군"."""
    for m in scan.matches(KO_BRACKET_AGE):
        yield Candidate(m.start("num"), m.end("num"), m["num"], "years", "age")


@rule("ko_score", digits=True, needs=("-", "–", "대"))
def score(scan: Scan) -> Iterator[Candidate]:
    """A score, one count per side: "2-3으로", "0대 1로", "63 대 36"."""
    for m in scan.matches(KO_SCORE):
        for side in ("a", "b" if m["b"] else "b2"):
            yield Candidate(m.start(side), m.end(side), str(int(m[side])), "score", "count")


@rule("ko_bases", digits=True, needs=("루",))
def bases(scan: Scan) -> Iterator[Candidate]:
    """Two bases: "1,2루"."""
    for m in scan.matches(KO_BASES):
        yield Candidate(m.start("a"), m.end("a"), m["a"], "base", "rank")
        yield Candidate(m.start("b"), m.end(), m["b"], "base", "rank")


@rule("ko_par", digits=True, needs=("파",))
def par(scan: Scan) -> Iterator[Candidate]:
    """A golf hole's par: "(파5)"."""
    for m in scan.matches(KO_PAR):
        yield Candidate(m.start(), m.end(), m["num"], "par", "quantity")


@rule("ko_ordinal", digits=True, needs=("제",))
def ordinal(scan: Scan) -> Iterator[Candidate]:
    """An ordinal with 제: "제24회" (unit "edition"), "제1조", "제1, 2 연평해전" (not
    "제2의 고향": a second home)."""
    for m in scan.matches(KO_ORDINAL):
        if not m["unit"] and KO_FIGURATIVE_ORDINAL.match(scan.text, m.end()):
            continue
        unit = KO_ORDINAL_UNITS.get(m["unit"] or "", "rank")
        end = m.end("unit") if m["unit"] else m.end("num")
        yield Candidate(m.start(), end, str(int(m["num"])), unit, "rank")
        if m["num2"]:
            yield Candidate(m.start("num2"), m.end("num2"), str(int(m["num2"])), unit, "rank")


@rule("ko_school_year", digits=True, needs=("고", "중"))
def school_year(scan: Scan) -> Iterator[Candidate]:
    """A school year: "고3 학생", "A(16·고1)양"."""
    for m in scan.matches(KO_SCHOOL_YEAR):
        yield Candidate(m.start(), m.end(), m["num"], "school_year", "rank")


@rule("ko_top", digits=True, needs=("톱", "탑", "베스트"))
def top(scan: Scan) -> Iterator[Candidate]:
    """The top N: "톱10", "탑2", "베스트11"."""
    for m in scan.matches(KO_TOP):
        yield Candidate(m.start(), m.end(), str(int(m["num"])), "top", "rank")


@rule("ko_labelled_measure", digits=True, needs=tuple(KO_LABEL_UNITS))
def labelled_measure(scan: Scan) -> Iterator[Candidate]:
    """A measure named before its number: "승점 4", "타율 0.338", "규모 8.2"."""
    text = scan.text
    for m in scan.matches(KO_LABELLED):
        unit = KO_LABEL_UNITS[m["label"]]
        number = format_decimal(to_decimal(m["num"].replace("−", "-")))
        # "타율(0.262)": the figure starts at the number after a bracket.
        start = m.start("num") if "(" in text[m.start() : m.start("num")] else m.start()
        yield Candidate(start, m.end("num"), number, unit, "quantity")
        if m["num2"]:
            number = format_decimal(to_decimal(m["num2"]))
            yield Candidate(m.start("num2"), m.end("num2"), number, unit, "quantity")


@rule("ko_spaced_age", digits=True, needs=("(",))
def spaced_age(scan: Scan) -> Iterator[Candidate]:
    """An age in brackets after a space: "최모 (41)씨"."""
    for m in scan.matches(KO_SPACED_AGE):
        yield Candidate(m.start("num"), m.end("num"), m["num"], "years", "age")
