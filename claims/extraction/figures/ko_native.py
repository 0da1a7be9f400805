"""Native Korean numerals: "네 가지", "세 번째", "두 차례", "첫 경기", "두 회사", "첫째".

A native numeral before any noun ("두 회사", "세 학자") is a count with no unit, but not
한, 열 or 첫 before an arbitrary noun ("한 결과" is "the result of doing"), nor 두 before a
part of the body that comes in pairs ("두 손을 모았다": no figure of a claim).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.extraction.figures.engine import Candidate, Scan, rule
from claims.extraction.figures.ko_amounts import KO_AFTER_COUNTER, ko_unit
from claims.extraction.figures.numbers import KO_NATIVE
from claims.extraction.figures.tables import KO_NATIVE_NAMES, KO_NATIVE_UNITS

KO_NATIVE_COUNTERS = "가지|번째|차례|명|개국|개|곳|번|배|살|시간|달|해|마리|척|채|건|표|구|점"
# Counters that read as a count only after a space and a numeral other than 첫 ("한편" is
# "meanwhile", "석방" a release, "첫 경기" the opening game).
KO_NATIVE_SPACED = (
    "개비|사람|쌍|갑|병|잔|장|폭|골|방|줄|종류|갈래|가족|모녀|부자|형제|자매|자녀|아들|딸|시즌|"
    "벌|켤레|그루|송이|끼|바퀴|군데|경기|세트|이닝|라운드|회|나라|국가|팀"
)  # not 권: "한 권 변호사" (a surname)
KO_NATIVE_RE = re.compile(
    r"(?<![가-힣])(?:(?P<num>"
    + "|".join(sorted(KO_NATIVE, key=len, reverse=True))
    + rf")(?:\s?(?P<unit>{KO_NATIVE_COUNTERS})|\s(?P<vehicle>대))"
    + r"|(?P<num2>"
    + "|".join(sorted(set(KO_NATIVE) - {"첫"}, key=len, reverse=True))
    + rf")\s(?P<unit2>{KO_NATIVE_SPACED}))"
    + KO_AFTER_COUNTER
)
# "두 회사", "세 학자": a native numeral before any noun counts it (not 한, 열, 첫: "한
# 결과" is "the result of doing", "열 계획" is "plan to open").
KO_NATIVE_NOUN = re.compile(
    r"(?<![가-힣])(?P<num>두|세|네|다섯|여섯|일곱|여덟|아홉|스무|서른|마흔|쉰)"
    r"\s(?P<noun>[가-힣]{1,4})"
)
# "두 손", "두 다리로", "두 눈으로": a pair of hands, legs, eyes.
KO_BODY_PAIR = re.compile(
    r"(?:손목|발목|팔목|손|다리|팔|눈|귀|무릎|어깨|주먹|뺨|눈동자|날개)(?:[을를이가은는의에로과와도만]|으로|$)"
)
KO_NOUN_PARTICLE = re.compile(r"(?:은|는|을|를|에게|에서|와|과|도|로|으로)$")
# Only after two syllables: 아이, 국가, 혐의, 회의 end in them.
KO_NOUN_PARTICLE_LONG = re.compile(r"(?:이|가|인|의|에)$")
# "첫째", "둘째": ordinals.
KO_NATIVE_ORDINAL = re.compile(r"(?<![가-힣])(?P<num>첫|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열)째")


def _native_unit(unit: str) -> tuple[str, str]:
    if unit in KO_NATIVE_NAMES:
        return "count", KO_NATIVE_NAMES[unit]
    return ko_unit(unit)


@rule("ko_native_counter")
def native_counter(scan: Scan) -> Iterator[Candidate]:
    """A native numeral and its counter: "네 가지", "두 차례", "세 번째", "첫 경기"."""
    for m in scan.matches(KO_NATIVE_RE):
        unit = m["unit"] or m["vehicle"] or m["unit2"]
        kind, unit_name = KO_NATIVE_UNITS.get(unit) or _native_unit(unit)
        if m["num"] == "첫":
            kind, unit_name = "rank", "rank"
        value = str(KO_NATIVE[m["num"] or m["num2"]])
        yield Candidate(m.start(), m.end(), value, unit_name, kind)


@rule("ko_native_noun")
def native_noun(scan: Scan) -> Iterator[Candidate]:
    """A native numeral before a noun it counts: "두 회사", "세 학자" (no unit)."""
    counted = {m.start() for m in scan.matches(KO_NATIVE_RE)}
    for m in scan.matches(KO_NATIVE_NOUN):
        noun = m["noun"]
        if m.start() in counted:
            continue  # read with its counter by ko_native_counter
        counter = re.match(r"가지|번째|차례|명|개국|시간|마리", noun)
        if counter:  # "세 명입니다", "두 가지죠": the counter ends in a verb ending
            kind, unit_name = _native_unit(counter.group(0))
            end = m.start("noun") + counter.end()
            yield Candidate(m.start(), end, str(KO_NATIVE[m["num"]]), unit_name, kind)
            continue
        if re.match(f"(?:{KO_NATIVE_COUNTERS}|{KO_NATIVE_SPACED}|대){KO_AFTER_COUNTER}", noun):
            continue  # a counter: ko_native_counter's
        if re.match(r"(?:부담|수입|수|율|금|제|멋대로|마음|말)", noun):
            continue  # "세 부담" is a tax burden, "네 멋대로" is "your way"
        if m["num"] == "두" and KO_BODY_PAIR.fullmatch(noun):
            continue  # "두 손을 모았다": a pair of hands
        stripped = KO_NOUN_PARTICLE.sub("", noun) or noun
        if len(stripped) > 2:
            stripped = KO_NOUN_PARTICLE_LONG.sub("", stripped)
        end = m.start("noun") + len(stripped)
        yield Candidate(m.start(), end, str(KO_NATIVE[m["num"]]), "", "count")


@rule("ko_native_ordinal", needs=("째",))  # every ordinal ends in 째
def native_ordinal(scan: Scan) -> Iterator[Candidate]:
    """A native ordinal: "첫째", "둘째"."""
    for m in scan.matches(KO_NATIVE_ORDINAL):
        rank = 1 if m["num"] == "첫" else KO_NATIVE.get(m["num"], 0)
        yield Candidate(m.start(), m.end(), str(rank), "rank", "rank")
