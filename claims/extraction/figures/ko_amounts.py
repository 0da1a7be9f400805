"""Korean numbers with a unit word after them: money ("3조7800억원", "100달러"), percentages
("61.57%", "3.5%p") and counters ("35개국", "15만 명", "66세", "20대"), with ranges
("3~4조원": the low end borrows the high end's scale); and numbers with a scale word but no
unit ("40억"), decimals before a particle ("합계출산율은 1.22로") and fractions ("5분의 3",
"1/4").

A counted named set ("이슬람 5대 루머", "3대쇼") is a count with no unit, but "4대강" is a
name. A decimal before a particle is a plain number, but not an event's date ("5.18을")
unless a rate or an index comes before it ("성장률 4.3으로"), nor a version ("버전 2.1로").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from claims.extraction.figures.en import absolute as en_absolute
from claims.extraction.figures.engine import Candidate, Scan, rule
from claims.extraction.figures.ko_dates import KO_EVEN_YEARS
from claims.extraction.figures.numbers import (
    DIGITS,
    KO_NUMBER,
    format_decimal,
    parse_korean_number,
    to_decimal,
)
from claims.extraction.figures.tables import (
    KO_COUNTERS,
    KO_CURRENCIES,
    KO_EVENT_DATES,
    KO_PERCENT,
)

KO_AMOUNT = re.compile(
    rf"(?P<num>{KO_NUMBER})\s*(?:(?P<range>[~∼])\s*(?P<num2>{KO_NUMBER})\s*)?"
    r"(?P<approx>여\s*)?(?P<unit>"
    + "|".join(
        re.escape(u)
        for u in sorted([*KO_PERCENT, *KO_CURRENCIES, *KO_COUNTERS], key=len, reverse=True)
    )
    + r")(?![A-Za-z])"
)
# What may follow a counter in the same word: a particle or a suffix ("한 명이다", "두 달간").
KO_AFTER_PARTICLE = (
    "이|가|을|를|은|는|의|에|과|와|도|만|꼴|쯤|씩|로|으로|나|당|간|치|째|여|부터|까지|"
    "인|께|마저|마다|밖에|짜리|때|뿐"
)
KO_AFTER_COUNTER = rf"(?:(?![가-힣])|(?=(?:{KO_AFTER_PARTICLE})))"
# A number after one of these in Korean text belongs to a name, not a measure.
KO_PARTICLES = "인의이에로가를은는으와과도만까부였이다며을씩짜때배당쯤께마밖나"
UNIT_STOP_AFTER = {
    "분": re.compile(r"^분(?:기|의)"),
    # "CES 2025 개막": 개 opening a word is no counter
    "개": re.compile(
        r"^개(?:막|최|발|선|인|편|정|설|혁|장|방|시|입|통|념|성|별|요|표|회|업|봉|원)"
    ),
    "세": re.compile(rf"^세[^{KO_PARTICLES}\s\W\d]"),
    "살": re.compile(rf"^살[^{KO_PARTICLES}\s\W\d]"),
    "주": re.compile(rf"^주[^{KO_PARTICLES}\s\W\d]"),
    "등": re.compile(rf"^등[^{KO_PARTICLES}\s\W\d]"),
    "대": re.compile(r"^대강"),  # "4대강" is a name; other words after 대 in _dae
    "보": re.compile(rf"^보[^{KO_PARTICLES}\s\W\d]"),
    "년": re.compile(rf"^년(?:생|(?!{KO_EVEN_YEARS})도)"),
    "인": re.compile(rf"^인[^{KO_PARTICLES}\s\W\d]"),
    "급": re.compile(rf"^급[^{KO_PARTICLES}\s\W\d]"),
    "기": re.compile(rf"^기[^{KO_PARTICLES}\s\W\d]"),
    "점": re.compile(rf"^점[^{KO_PARTICLES}\s\W\d]"),
    "구": re.compile(rf"^구[^{KO_PARTICLES}\s\W\d]"),
    "단": re.compile(rf"^단[^{KO_PARTICLES}\s\W\d]"),
    "층": re.compile(rf"^층[^{KO_PARTICLES}\s\W\d]"),
    # "2배체", "4배체": a diploid, a tetraploid; and words that open with 배 ("3배출").
    "배": re.compile(
        r"^배(?:수?체|출|당|포|치|우|터리|구|추|달|정|제|송|경|려|심|임|양|역|급|설|낭)"
    ),
    # "4차 산업혁명": a name.
    "차": re.compile(rf"^차(?:[^{KO_PARTICLES}\s\W\d]|\s?산업)"),
}
# Single-syllable counters count only right after the number (66세, not "66 세계").
TIGHT_UNITS = {"세", "살", "주", "등", "도", "m", "t", "초", "대", "차", "보", "인", "급", "기"}
TIGHT_UNITS |= {"점", "층", "구", "단"}
# One-syllable counters added for news (sports, media, courts): tight, and never followed
# by more of a word ("2심사", "3발사", "7화재" are not counts).
NEWS_TIGHT = {
    *("장", "편", "강", "골", "승", "패", "무", "타", "루", "사", "심", "호", "일", "발", "화"),
    *("종", "국", "자", "부", "면", "쪽", "병", "잔", "갑", "칸", "량", "실", "통", "집", "동"),
    *("롤", "범", "박", "막", "할", "촌", "권", "쌍", "g", "l", "선", "방", "성", "반"),
}
TIGHT_UNITS |= NEWS_TIGHT
for _unit in NEWS_TIGHT:
    UNIT_STOP_AFTER.setdefault(
        _unit, re.compile(rf"^{re.escape(_unit)}(?=[가-힣])(?!{KO_AFTER_PARTICLE})")
    )
# What after "대" makes a number a count of machines or vehicles, a rank or a term.
KO_DAE_UNITS_AFTER = r"\s(?:등|씩|가량|이상|정도|안팎|모두|중\s|가운데|뿐)"
KO_DAE_RANK = re.compile(r"\s?주주")
KO_DAE_TERM = re.compile(
    r"\s?(?:대통령|대선|총선|국회|의원|회장|위원장|총장|의장|교황|국왕|황제|총재|지사|시장|"
    r"구청장|군수|사장|원장|이사장|감독|주교|장관|총리|교육감|달라이)"
)
# Machines counted with 기 ("원전 4기", "미사일 2기"); other numbers before 기 are
# generations or cohorts ("1기 신도시", "7기 졸업생").
KO_MACHINES_BEFORE = re.compile(
    r"원전|원자로|발전소|발전기|미사일|전투기|항공기|헬기|발사대|포대|터빈|위성"
)
# Speeds: "시속 80km", "초속 40m", "한 시간에 40km", "시간당 30㎞" (the hour is part of the
# unit: km/h, not km); "시속 300∼320km" gives both ends.
KO_SPEED = re.compile(
    r"(?:(?P<label>시속|초속|분속)\s?(?:약\s?|최고\s?|최대\s?|평균\s?)?"
    r"|(?<![가-힣\d])(?:한|1)\s?시간(?:에|당|\s?동안|\s?만에)\s?(?:약\s?|최대\s?|평균\s?)?"
    r"|(?<![가-힣])시간당\s?)"
    rf"(?P<num>{KO_NUMBER})\s?(?:(?P<range>[~∼])\s?(?P<num2>{KO_NUMBER})\s?)?"
    r"(?P<unit>km|㎞|킬로미터|킬로|m|미터|마일)(?![A-Za-z/])"
)
KO_SPEED_UNITS = {"km": "km", "㎞": "km", "킬로미터": "km", "킬로": "km", "m": "m", "미터": "m"}
KO_SPEED_UNITS["마일"] = "mi"
KO_SPEED_PER = {"시속": "h", "초속": "s", "분속": "min"}
# "100% 확신", "100% 안전한 것은 없다": a hundred per cent as "absolutely", before how sure
# someone is, or before how safe or right something is when the sentence denies it ("100%
# 신뢰할 수 있다" is a claim a desk may check); not "100% 자회사", "지분 100%를".
KO_SURE_AFTER = re.compile(r"\s?(?:확신|믿|동의|공감|장담|자신[하할한있이]|진심)")
KO_SAFE_AFTER = re.compile(
    r"\s?(?:안전|확실|완벽|정확|만족|보장|책임|신뢰|옳|맞[다는아지]|틀[리렸린]|순수하|이해)"
)
KO_DENIED = re.compile(r"없|아니|않|못")
# "40억", "100조 이상": an amount with a scale word but no unit.
KO_BARE_SCALE = re.compile(
    rf"(?<![\d.,])(?:{DIGITS})(?:\s?(?:{DIGITS})?[조억만천]+)+(?![가-힣]*원)"
)
# "출산율은 1.22로", "0.84에서": a decimal before a particle is a plain number. Not dates
# naming past events ("제주 4.3은", "5.18을"), nor versions ("버전 2.1로", "웹 2.0은").
KO_BARE_DECIMAL = re.compile(
    r"(?<![\w.,'‘’\-])(?<!버전\s)(?<![A-Za-z]\s)(?P<num>\d{1,3}\.\d+)(?![\d.,])"
    r"(?=로|으로|에서|에|까지|부터|보다|를|을|이|가|은|는|의|와|과|였|이었|이다|이며|이고)"
)
# "성장률 4.3으로", "지수가 6.25에서": after a rate, an index or a score the decimal is that
# quantity, though it reads like an event's date.
KO_QUANTITY_BEFORE = re.compile(
    r"(?:[률율]|지수|점수|배율|수치|평점|평균|지표|금리)(?:은|는|이|가|을|를|도)?\s?$"
)
# "5분의 3": three fifths.
KO_FRACTION = re.compile(r"(?<![\d.])(?P<b>\d{1,3})\s?분의\s?(?P<a>\d{1,3})(?![\d.])")
# "전 정부의 1/4이다", "평균의 1/3 수준": a proper fraction of a small denominator before a
# particle or 수준. Larger denominators (5/12) are dates more often than fractions.
KO_SLASH_FRACTION = re.compile(
    r"(?<![\d./])(?<!\d\s)(?P<a>[1-9])/(?P<b>[2-9]|10)"
    r"(?=\s?(?:이|가|을|를|의|로|에|만|수준|밖에|\s|$))"
)


def ko_unit(unit: str) -> tuple[str, str]:
    if unit in KO_PERCENT:
        kind = KO_PERCENT[unit]
        return kind, "percent" if kind == "percent" else "percentage_points"
    if unit in KO_CURRENCIES:
        return "money", KO_CURRENCIES[unit]
    return KO_COUNTERS[unit]


@rule("ko_money", digits=True)
def money(scan: Scan) -> Iterator[Candidate]:
    """An amount of money: "3조7800억원", "4천만 원", "100달러", "3~4조원"."""
    for m in scan.matches(KO_AMOUNT):
        if m["unit"] in KO_CURRENCIES:
            yield from _amount(m, scan.text)


@rule("ko_percent", digits=True)
def percent(scan: Scan) -> Iterator[Candidate]:
    """A percentage or percentage points: "61.57%", "3 퍼센트", "3.5%p"."""
    for m in scan.matches(KO_AMOUNT):
        if m["unit"] in KO_PERCENT:
            yield from _amount(m, scan.text)


@rule("ko_counter", digits=True)
def counter(scan: Scan) -> Iterator[Candidate]:
    """A number and its counter: "35개국", "15만 명", "66세", "6개월", "20대", "1.8배"."""
    for m in scan.matches(KO_AMOUNT):
        if m["unit"] not in KO_PERCENT and m["unit"] not in KO_CURRENCIES:
            yield from _amount(m, scan.text)


def _amount(m: re.Match[str], text: str) -> Iterator[Candidate]:
    unit = m["unit"]
    stop = UNIT_STOP_AFTER.get(unit)
    if stop and stop.search(text[m.start("unit") :]):
        return
    if unit in TIGHT_UNITS and not _tight(m, text):
        return
    kind, unit_name = ko_unit(unit)
    if unit == "대":
        found = _dae(m, text)
        if found is None:
            return
        kind, unit_name = found
    approx = bool(m["approx"]) or "여" in m["num"]
    first = Candidate(m.start(), m.end(), "", unit_name, kind, approx)
    if m["range"]:
        low = Candidate(m.start("num"), m.end("num"), "", unit_name, kind, approx)
        low.value = _range_low(m["num"], m["num2"])
        yield low
        first = Candidate(m.start("num2"), m.end(), "", unit_name, kind, approx)
        first.value = format_decimal(parse_korean_number(m["num2"]))
    else:
        first.value = format_decimal(parse_korean_number(m["num"]))
    if _special(first, unit, text):
        yield first


def _tight(m: re.Match[str], text: str) -> bool:
    """Single-syllable counters count only right after the number (66세, not '66 세계')."""
    between = text[m.end("num") if not m["num2"] else m.end("num2") : m.start("unit")]
    return between in ("", "여", "여 ")


def _range_low(low: str, high: str) -> str:
    """The low end of a range borrows the scale of the high end: 3~4조 -> 3조."""
    value = parse_korean_number(low)
    if not re.search(r"[조억만천]", low):
        scale = re.search(r"[조억만천]", high)
        if scale:
            value = parse_korean_number(low + scale.group(0))
    return format_decimal(value)


def _dae(m: re.Match[str], text: str) -> tuple[str, str] | None:
    """ "대" after a number: an age group (20대), machines or vehicles (차량 2대가), a term
    of office (16대 국회, 3대 대통령) or a counted named set (이슬람 5대 루머, 3대쇼)."""
    after = text[m.end() : m.end() + 2]
    if re.fullmatch(r"[1-9]0", m["num"]) and not m["num2"]:
        return ("age", "years")
    if m["num2"] and re.fullmatch(r"[1-9]0", m["num2"]):
        return ("age", "years")
    if re.match(r"\s?\d", after):
        return None  # "0대 1로": a score
    if re.match(KO_DAE_UNITS_AFTER, text[m.end() :]):
        return ("count", "units")
    if re.match(KO_AFTER_COUNTER, after) and not re.match(r"\s[가-힣]", after):
        if not re.match(r"[가-힣]", after):
            return ("count", "units")
        if re.match(r"[이가을를은는의에와과도로등]", after):
            return ("count", "units")
    number = m["num2"] or m["num"]
    if re.search(r"[천만억]", number):
        return ("count", "units")  # "차량 2천여대 침수": thousands of vehicles
    if not re.match(r"\s?[가-힣]", after):
        return None
    if KO_DAE_RANK.match(text, m.end()):
        return ("rank", "rank")  # "2대 주주": the second-largest shareholder
    spaced = after.startswith(" ")
    two_digits = number.isdigit() and len(number) == 2  # not "2천": "차량 2천여대"
    if KO_DAE_TERM.match(text, m.end()) or (spaced and two_digits and int(number) > 10):
        return ("rank", "term")
    if re.fullmatch(r"[1-9]", number) and not m["num2"]:
        return ("count", "")  # "5대 루머": the five major rumours
    return None


def _special(c: Candidate, unit: str, text: str) -> bool:
    """Counters whose reading depends on the value or on what follows; False drops it."""
    value = Decimal(c.value or "0")
    after = text[c.end : c.end + 8]
    if unit in KO_PERCENT and value == 100 and _absolute(text, c.end):
        return False  # "100% 안전한 것은 없다": "absolutely", no share of anything
    if unit == "일":  # "300일", "4일뿐": a duration; "8일" is a day of the month
        return value > 31 or bool(re.match(r"뿐|밖에|짜리|씩", after))
    if unit == "선" and value > 9:
        return False
    if unit == "자" and value < 10:
        c.unit = "parties"  # "3자 회담"; "1천200자" counts characters
    elif unit == "기" and KO_MACHINES_BEFORE.search(text, max(0, c.start - 12), c.start):
        c.kind, c.unit = "count", "units"  # "화력발전소를 7기나": seven plants
    elif unit == "할":
        c.value = format_decimal(value / 10)
    elif unit == "학년도":
        if not re.fullmatch(r"(?:19|20)\d\d", c.value):
            return False
        c.unit = ""
    elif unit == "사" and re.match(r"\s?(?:\d(?:,\s?\d)?루|만루)", after):
        c.unit = "outs"
    elif unit == "호" and (value >= 1000 or re.search(r"[조억만천]", text[c.start : c.end])):
        c.kind, c.unit = "count", "households"  # "3만 5천호": housing units; "64호" a number
    elif unit == "분기" and re.match(r"\s?연속", after):
        c.kind, c.unit = "duration", "quarters"
    return True


def _absolute(text: str, end: int) -> bool:
    """Whether a hundred per cent ending at ``end`` means "absolutely" (see KO_SURE_AFTER)."""
    if KO_SURE_AFTER.match(text, end) or en_absolute(text, end, sign=False):
        return True
    return KO_SAFE_AFTER.match(text, end) is not None and KO_DENIED.search(text, end) is not None


@rule("ko_scaled_number", needs=("조", "억", "만"), digits=True)  # what it yields holds one
def scaled_number(scan: Scan) -> Iterator[Candidate]:
    """A number with a scale word and no unit: "40억", "100조 이상" (a count)."""
    for m in scan.matches(KO_BARE_SCALE):
        if re.search(r"[조억만]", m.group(0)):
            value = format_decimal(parse_korean_number(m.group(0)))
            yield Candidate(m.start(), m.end(), value, "", "count")


@rule("ko_bare_decimal", digits=True, needs=(".",))
def bare_decimal(scan: Scan) -> Iterator[Candidate]:
    """A decimal before a particle: "합계출산율은 1.22로" (not "5.18을", "버전 2.1로")."""
    text = scan.text
    for m in scan.matches(KO_BARE_DECIMAL):
        number = m["num"]
        measured = KO_QUANTITY_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if (number not in KO_EVENT_DATES or measured) and not number.endswith(".0"):
            yield Candidate(m.start(), m.end(), format_decimal(to_decimal(number)), "", "count")


@rule("ko_fraction", digits=True, needs=("분의",))
def fraction(scan: Scan) -> Iterator[Candidate]:
    """A fraction in words: "5분의 3" (0.6)."""
    for m in scan.matches(KO_FRACTION):
        if int(m["b"]):
            value = format_decimal(Decimal(m["a"]) / Decimal(m["b"]))
            yield Candidate(m.start(), m.end(), value, "fraction", "ratio")


@rule("ko_slash_fraction", digits=True, needs=("/",))
def slash_fraction(scan: Scan) -> Iterator[Candidate]:
    """A proper fraction before a particle: "전 정부의 1/4이다" (0.25)."""
    for m in scan.matches(KO_SLASH_FRACTION):
        if int(m["a"]) < int(m["b"]):
            value = format_decimal(Decimal(m["a"]) / Decimal(m["b"]))
            yield Candidate(m.start(), m.end(), value, "fraction", "ratio")


@rule("ko_speed", digits=True, needs=("속", "시간"))
def speed(scan: Scan) -> Iterator[Candidate]:
    """A speed: "시속 80km" (km/h), "초속 40m" (m/s), "한 시간에 40km", "시속 300∼320km"."""
    for m in scan.matches(KO_SPEED):
        per = KO_SPEED_PER.get(m["label"] or "", "h")
        unit = f"{KO_SPEED_UNITS[m['unit']]}/{per}"
        unit = "mph" if unit == "mi/h" else unit
        # The whole reading is taken before the hour another rule reads alone ("한 시간").
        if m["range"]:
            low = _range_low(m["num"], m["num2"])
            yield Candidate(m.start(), m.end("num"), low, unit, "quantity", first=True)
            high = format_decimal(parse_korean_number(m["num2"]))
            yield Candidate(m.start("num2"), m.end(), high, unit, "quantity", first=True)
        else:
            value = format_decimal(parse_korean_number(m["num"]))
            yield Candidate(m.start(), m.end(), value, unit, "quantity", first=True)
