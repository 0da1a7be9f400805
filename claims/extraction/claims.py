"""Claim detection: which sentences assert something checkable, with kind, attribution and
a check-worthiness score that orders the review queue.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from claims.extraction import checkworthiness
from claims.extraction.attribution import QUOTED, attribution_of, ko_headline_speaker
from claims.extraction.figures import extract_figures
from claims.extraction.questions import asks_a_fact
from claims.extraction.sentences import split_sentences
from claims.extraction.types import ExtractedClaim, Figure
from lib.language import detect_language

STRONG = {"money", "percent", "percentage_point", "count", "quantity", "ratio", "age", "rank"}
# The figures that make a sentence a figure claim by themselves (a duration outside a quote).
WEIGHTY = STRONG | {"duration"}
CHROME = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|기자\s*=|\[\s*사진|\(\s*사진\s*=|무단\s*전재|재배포\s*금지|Copyright|"
    r"All rights reserved|ⓒ|©|기사입력|최종수정|Top으로 이동|전체기사|베스트 기사|"
    r"^\s*(?:사진|더보기|속보|Subscribe|Read more|Related|Advertisement)\s*$|"
    # Programme details of a broadcast transcript: "□ 방송일시 : 2023년 4월 10일 (월요일)".
    r"^\W*(?:방송\s*일시|방송|일시|일자|날짜|진행|출연|대담|정리)\s*[:：]|"
    # "▲위 사진은 기사 내용과 직접적인 관련이 없습니다."
    r"사진은\s*기사\s*내용과|"
    # What follows is a gallery or a text in full: "...고아라, 조윤희 씨 사진 7장이다", "...에
    # 올린 글 전문이다", "수상자들을 사진으로 정리해봤습니다".
    r"사진\s*\d+\s*장(?:이다|입니다)\W*$|전문(?:이다|입니다)\W*$|"
    r"사진으로\s*정리해\s*(?:봤|보았)습니다|(?:올라온|올린)\s*(?:사진|영상|글)(?:이다|입니다)\W*$|"
    # A programme's schedule ("...는 매주 수요일 밤 10시 30분에 방송된다") and an anchor's
    # hand-over ("취재기자 전화 연결돼 있습니다", "홍길동 교수 나와 계십니다").
    r"매주\s*[월화수목금토일,·\s]+요일[^.]{0,30}방송(?:된다|됩니다)|"
    r"연결(?:돼|되어)\s*있습니다|연결해\s*보겠습니다|나와\s*계십니다|"
    # A photo caption's position markers ("Gen. Kim (3rd from L) speaks with ...", "(C)"), a
    # graphic's label, a numbered reference, a journal citation or a DOI.
    r"\((?:(?:\d+(?:st|nd|rd|th)|second|third|fourth|far)\s+from\s+(?:L|R|left|right)|L|C)\)|"
    r"^\W*(?:Graphic|Chart|Infographic)\s*:|^\s*\[\d+\]\s|^\s*\d{4};\s*\d+|\bDOI:\s*10\.",
    re.I,
)
HEDGE = re.compile(
    r"전망이다|전망된다|관측이다|관측된다|예상된다|예정이다|계획이다|방침이다|것으로 보인다|"
    r"보인다|추정된다|가능성|수 있다|수도 있다|해석된다|풀이된다|분석된다|기대된다|"
    r"\b(?:may|might|could|would|expects?|expected|plans?|planned|forecasts?|likely|hopes?)\b"
)
# English words in lower case only: "First Look" is a name, "the first" a claim.
SUPERLATIVE = re.compile(
    # "최대한"/"최소한" are "as much/little as possible", not a record; "최고위원",
    # "최고경영자" and "최고재판소" are titles and bodies.
    r"처음|최초|최대(?!한)|최고(?!위원|경영자|책임자|재판소|법원|사령관|지도자)|"
    r"최저|최다|최소(?!한)|유일|역대|사상 최|가장|"
    r"\b(?:first|largest|biggest|highest|lowest|record|only|most|least|never|all-time)\b"
)
COMPARISON = re.compile(
    r"보다|대비|비해|견줘|뛰어넘|앞서|웃돌|밑돌|증가|감소|상승|하락|늘었|줄었|올랐|내렸|"
    r"\b(?:than|compared|up from|down from|rose|fell|increased|decreased|grew|dropped|"
    r"higher|lower|more|fewer|less)\b",
    re.I,
)
CAPTION_BEFORE = re.compile(r"(?:\[\s*(?:사진|그래픽|자료|Photo)[^\]]*\]|\(\s*사진\s*=[^)]*\))\s*$")
KO_PREDICATE_END = re.compile(r"[다요죠까니][.!?\"'”’)\]]*$")
QUESTION = re.compile(r"[?？][\"'”’)]*$")


@dataclass(slots=True)
class Assessment:
    is_claim: bool
    kind: str = "factual"
    score: float = 0.0
    attribution: str = ""


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    # A sentence that is one quotation from end to end is the claim itself, not a remark
    # inside a reported sentence.
    if len(spans) == 1 and text[: spans[0][0]].strip() == "" and len(text[spans[0][1] :]) <= 2:
        return []
    return spans


def _speech_spans(text: str) -> list[tuple[int, int]]:
    """The quotations that hold someone's words: one of a few characters ("118위", "완 2.1")
    only marks out a term or a figure."""
    return [(s, e) for s, e in _quoted_spans(text) if e - s > 10]


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, at = [], 0
    for start, end in spans:
        pieces.append(text[at:start])
        at = end
    pieces.append(text[at:])
    return " ".join(pieces)


def _kind(text: str, figures: list[Figure], quoted: bool) -> str:
    if quoted:
        return "quote"
    if COMPARISON.search(text) and ("보다" in text or "대비" in text or " than " in text):
        return "comparison"
    strong = [f for f in figures if f.kind in WEIGHTY]
    if strong:
        return "comparison" if re.search(r"보다|뛰어넘|\bthan\b", text) else "statistical"
    if figures or re.search(r"처음|최초|\bfirst\b", text, re.I):
        return "temporal"
    return "factual"


def assess(text: str, figures: list[Figure], language: str, offset: int) -> Assessment:
    """Whether a sentence is a claim worth checking, and how worth it."""
    stripped = text.strip()
    if len(stripped) < 12 or CHROME.search(stripped):
        return Assessment(False)
    if asks_a_fact(stripped, language):
        # "Did X say 35 …?", "…17조원이면 된다는 주장은 사실일까": the fact asked about is
        # the claim, when it carries a figure to check.
        rules = _rule_assessment(text, figures, language, offset)
        return rules if rules.is_claim and figures else Assessment(False)
    if QUESTION.search(stripped):
        return Assessment(False)
    if language == "ko" and (_ko_bracket_line(stripped) or _ko_not_assertion(stripped)):
        return Assessment(False)
    if _table_row(stripped, language) or (language == "en" and _en_page_line(stripped)):
        return Assessment(False)
    rules = _rule_assessment(text, figures, language, offset)
    if language == "ko":
        return _korean_assessment(text, figures, offset, rules)
    if language != "en":
        return rules
    probability = checkworthiness.model().probability(text, engine_features(text, figures))
    # The model decides, with the rules as a second opinion: a sentence the rules read as a
    # figure, comparison or superlative claim stays a claim whatever the model says, and a
    # figure-less reported fact the rules accept needs half the model's threshold.
    threshold = checkworthiness.model().threshold
    rules_keep = rules.is_claim and (rules.kind != "factual" or probability >= threshold / 2)
    if probability < threshold and not rules_keep:
        return Assessment(False)
    return Assessment(
        True,
        kind=rules.kind if rules.is_claim else "factual",
        score=round(min(0.99, max(0.01, probability)), 4),
        attribution=rules.attribution if rules.is_claim else attribution_of(text, language),
    )


def _korean_assessment(
    text: str, figures: list[Figure], offset: int, rules: Assessment
) -> Assessment:
    """The Korean model decides whether a sentence is a claim, reading the rule engine's
    verdict among its inputs (a sentence the rules accept needs only the model's lower
    ``rule_floor``); the rules' score still orders the queue, as the model learned "is it
    checkable", not "how much is it worth checking"."""
    if rules.is_claim and rules.kind in ("statistical", "comparison"):
        # As in English: a sentence the rules read as a figure claim stays a claim whatever
        # the model says; a missed figure costs a desk more than one more line to dismiss.
        return rules
    speaker = ko_headline_speaker(text)
    if speaker and rules.kind in ("quote", "factual") and any(f.kind in WEIGHTY for f in figures):
        # A figure in a speaker's words, in a headline's form ("문재인 “개성공단 폐쇄로 12만
        # 명 일자리 잃어”", "안철수 “…손뗀 지 10년도 넘어”"): what fact-check desks put to
        # the test, clipped as headlines are.
        score = rules.score if rules.is_claim else 0.2
        return Assessment(True, kind="quote", score=score, attribution=speaker)
    frame = _ko_quote_frame(text)
    if not rules.is_claim and frame is False:
        return Assessment(False)  # a speaker's opinion, intention or feeling, quoted
    scorer = checkworthiness.model("ko")
    probability = scorer.probability(text, _korean_features(text, figures, rules, frame))
    threshold = min(scorer.threshold, scorer.rule_floor) if rules.is_claim else scorer.threshold
    if probability < threshold:
        return Assessment(False)
    if rules.is_claim:
        return rules
    # The model reads a claim the rules missed; the rules' signals of worth (figures,
    # attribution, records) are absent, so it ranks with the least of the queue.
    return Assessment(True, kind="factual", score=0.1, attribution=attribution_of(text, "ko"))


def _name_tag(text: str, figure: Figure, offset: int) -> bool:
    """An age in brackets after a name ("배우 진구(33)가", "은하(정은비·19)씨") tells who the
    person is; the sentence's claim, if any, lies elsewhere."""
    start, end = figure.start - offset, figure.end - offset
    return (
        figure.kind == "age"
        and text[start:end].isdigit()
        and text[end : end + 1] == ")"
        and text[start - 1 : start] in ("(", "·", " ")
    )


def _rule_assessment(text: str, figures: list[Figure], language: str, offset: int) -> Assessment:
    figures = [f for f in figures if not _name_tag(text, f, offset)]
    quotes = _speech_spans(text)
    spans = [(s + offset, e + offset) for s, e in quotes]
    inside = [f for f in figures if any(s <= f.start and f.end <= e for s, e in spans)]
    outside_figures = [f for f in figures if f not in inside]
    outside_text = _outside(text, quotes)
    strong = [f for f in outside_figures if f.kind in WEIGHTY]
    superlative = bool(SUPERLATIVE.search(outside_text))
    if not outside_figures and not superlative and not [f for f in inside if f.kind in STRONG]:
        quote_frame = _ko_quote_frame(text) if language == "ko" else None
        fact = _plain_fact(outside_text, language) if quote_frame is None else quote_frame
        if not fact:
            return Assessment(False)
        return Assessment(
            True,
            "factual",
            0.15 if not HEDGE.search(outside_text) else 0.05,
            attribution_of(text, language),
        )
    attribution = attribution_of(text, language)
    quoted = bool(inside) and not outside_figures
    score = 0.3
    score += 0.3 if strong else 0.0
    score += min(0.15, 0.05 * max(0, len(strong) - 1))
    score += 0.1 if attribution else 0.0
    score += 0.1 if superlative or COMPARISON.search(outside_text) else 0.0
    score -= 0.2 if HEDGE.search(outside_text) else 0.0
    score -= 0.15 if not strong and not quoted else 0.0
    score -= 0.1 if quoted else 0.0
    return Assessment(
        True,
        kind=_kind(outside_text, outside_figures or inside, quoted),
        score=round(min(0.99, max(0.01, score)), 4),
        attribution=attribution,
    )


# The syllable that closes a past-tense stem: "했", "됐", "밝혔", "떠났".
KO_PAST = "[었았였했됐렸혔졌겼냈켰웠왔갔섰났쳤]"
# A reported event or state in the past or present tense: "...구속영장이 청구됐습니다".
KO_FACT_END = re.compile(
    rf"{KO_PAST}(?:다|습니다|고요|는데요)[.!\"'”’)\]]*$"
    r"|(?:상탭니다|상태입니다|상황입니다)[.!\"'”’)\]]*$"
    r"|(?:이다|입니다|있다|있습니다|없다|없습니다|한다|합니다|된다|됩니다)[.!\"'”’)\]]*$"
)
KO_NOT_FACT = re.compile(
    r"모습이다|모습입니다|화제다|화제입니다|반응|기자입니다|보도입니다|취재했습니다|"
    r"고 말했다|고 말했습니다|고 털어놨다|고 외쳤다|감탄|눈길|관심이 쏠|싶었다|것 같다|"
    r"예정이다|예정입니다|계획이다|방침이다|하겠다|겠다고|바란다|축하|"
    # An anchor's lead-in and a reading of what came before, not a reported fact.
    r"속보입니다|소식입니다|시간입니다|뜻이다|뜻입니다|의미다|의미입니다|셈이다|셈입니다|얘기다|"
    # A reaction on a show ("폭소하며", "웃음 짓게 했다", "감동을 받은").
    r"폭소|웃음|감동을 받|눈물을 보|미소를"
)
# The final predicate of a plan, forecast or guess ("개최할 예정이다", "속도가 붙을 것으로
# 보입니다"), a reading of the news rather than news ("치닫는 양상이다", "다를 수밖에
# 없다"; not "...때문이다", which states a cause a fact-checker can test), a reaction
# ("불쾌감을 표했다", "애정을 드러냈다") or a rhetorical question ("공개하는 일이 될까."):
# whatever figures it holds, the sentence asserts nothing a fact-checker can source yet.
KO_NOT_ASSERTION = re.compile(
    r"(?:(?:예정|계획|전망|구상)(?:이다|입니다|이에요|이라고\s*(?:했다|밝혔다|전했다)|)|"
    r"것으로\s*(?:보인다|보입니다|예상된다|예상됩니다|전망된다|전망됩니다|관측된다|관측됩니다)|"
    r"양상이다|양상입니다|수밖에\s*없다|수밖에\s*없습니다|"
    r"(?:있|다가올|될|할)\s*수\s*있는\s*일이다|잘못된\s*일이다|"
    r"(?:모습|태도|반응)을\s*보였다|(?:불쾌감|유감|아쉬움|기대감|애정|자신감)을\s*(?:표했다|드러냈다|나타냈다|보였다)|"
    r"놀라움을\s*안겼다|눈길을\s*끌었다|관심을\s*모았다|까"
    r")$"
)
KO_PAST_CLAUSE = re.compile(rf"{KO_PAST}(?:고|으며|는데)[,\s]")
KO_FINAL_PUNCT = re.compile(r"[.!?\"'”’)\]\s]*$")


KO_QUOTE_FACT_END = re.compile(
    rf"{KO_PAST}(?:다|습니다|어요|죠)$|"
    r"(?:않는다|않습니다|없다|없습니다|있다|있습니다|된다|됩니다|이다|입니다)$|"
    # A figure and the copula after a vowel: "…통일부 자료로 44억 달러다", "…1위다".
    r"(?:\d|%|달러|유로|개|배|위|포인트|퍼센트)다$"
)
KO_QUOTE_OPINION = re.compile(
    r"겠다|겠습니다|싶다|싶습니다|것 같|바란다|바랍니다|감사|죄송|사과드|느낌|생각한다|"
    r"생각합니다|해야 한다|해야 합니다|야 한다|것$|거$|[?？]$"
)


# A frame that makes the quotation banter or a show of feeling ("라는 말에 폭소하며",
# "라고 외쳤다", "고 가능성을 열어놨다").
KO_FRAME_NOT_FACT = re.compile(
    r"폭소|웃음|외쳤다|감탄|너스레|농담|가능성을 열어|여지를 남|애정을|소감을|각오를|"
    r"고 하며|라고 하며"
)


def _ko_quote_frame(text: str) -> bool | None:
    """A Korean sentence that is mostly a quotation in a speaker's frame ("조 씨는 "..."라고
    밝혔습니다") asserts what its last quotation asserts: a fact on the record (True), or an
    opinion, intention or feeling (False). None when the sentence is not such a frame."""
    spans = _speech_spans(text)
    frame = _outside(text, spans)
    frame_chars = len("".join(frame.split()))
    if not spans or (sum(e - s for s, e in spans) * 2 < len(text.strip()) and frame_chars > 20):
        return None
    if KO_FRAME_NOT_FACT.search(frame):
        return False
    if frame_chars > 35 and _plain_fact(frame, "ko"):
        return True  # "...라고 항의했으나 결국 열차는 조 씨를 태우지 않은 채로 떠났습니다"
    quoted = [text[s + 1 : e - 1] for s, e in spans]
    pieces = [p.strip() for q in quoted for p in re.split(r"[.!?]\s*", q) if p.strip()]
    # The last thing said carries the point: "...선전했다"며 "진심으로 축하한다" is a
    # congratulation, "...감사드린다. ...연을 맺게 됐다" an announcement.
    last = pieces[-1] if pieces else ""
    fact = KO_QUOTE_FACT_END.search(last) or KO_PAST_CLAUSE.search(last)
    return bool(fact) and not KO_QUOTE_OPINION.search(last)


def _ko_not_assertion(text: str) -> bool:
    """Whether a Korean sentence's final predicate, outside any quotation, is a plan, a
    forecast, a reading of the news, a reaction or a rhetorical question."""
    final = KO_FINAL_PUNCT.sub("", text)
    if KO_PAST_CLAUSE.search(_outside(final, _quoted_spans(final))):
        # "총괄 기획은 손지창이 맡았고, ... 이수근이 진행할 예정이다": a fact, then a plan.
        return False
    return bool(KO_NOT_ASSERTION.search(final))


# A subheading the sentence splitter left glued after the final period:
# "...발견됐습니다.‘몸값 요구’".
KO_COPULA_END = re.compile(r"(?:이다|입니다)[.!\"'”’)\]]*$")
KO_TRAILING_HEADING = re.compile(r"(?<=[.!?])\s*[‘“'\"][^‘“’”'\"]{1,20}[’”'\"]\s*$")
EN_FACT = re.compile(
    r"\b(?:was|were|is|are|has|have|had|did)\b|\b\w{3,}ed\b|\b(?:said|told|found|won|lost|made|"
    r"took|began|led|met|paid|sold|bought|left|became|rose|fell)\b",
    re.I,
)
EN_NOT_FACT = re.compile(r"^(?:I|We|You)\b|\b(?:I think|I believe|should|must|will|would)\b")


def engine_features(text: str, figures: list[Figure]) -> list[float]:
    """The rule engine's view of an English sentence, as the learned scorer's extra inputs
    (order matters: the exported model's ``extra_weights`` follow it)."""
    spans = _quoted_spans(text)
    outside = _outside(text, spans)
    strong = [f for f in figures if f.kind in WEIGHTY]
    dated = [f for f in figures if f.kind in ("date", "time")]
    words = text.split()
    return [
        math.log1p(len(figures)),
        math.log1p(len(strong)),
        1.0 if dated else 0.0,
        1.0 if attribution_of(text, "en") else 0.0,
        1.0 if HEDGE.search(outside) else 0.0,
        1.0 if SUPERLATIVE.search(outside) else 0.0,
        1.0 if COMPARISON.search(outside) else 0.0,
        1.0 if spans else 0.0,
        1.0 if EN_NOT_FACT.search(text.strip()) else 0.0,
        1.0 if QUESTION.search(text.strip()) else 0.0,
        math.log1p(len(words)) / 4.0,
    ]


KO_BROADCAST_MARK = re.compile(r"^\W*(?:【|\[앵커|\[기자|▶|▷|◇|◆|■|□|인터뷰\s*:|스탠딩\s*:)")


def korean_features(
    text: str, figures: list[Figure], offset: int = 0, rules: Assessment | None = None
) -> list[float]:
    """The rule engine's view of a Korean sentence, as the Korean model's extra inputs
    (order matters: the exported model's ``extra_weights`` follow it). ``offset`` is where
    ``text`` starts in the body the figures' offsets index."""
    if rules is None:
        rules = _rule_assessment(text, figures, "ko", offset)
    return _korean_features(text, figures, rules, _ko_quote_frame(text))


def _korean_features(
    text: str, figures: list[Figure], rules: Assessment, frame: bool | None
) -> list[float]:
    stripped = text.strip()
    spans = _quoted_spans(text)
    outside = _outside(text, spans)
    strong = [f for f in figures if f.kind in WEIGHTY]
    dated = [f for f in figures if f.kind in ("date", "time")]
    ending = KO_TRAILING_HEADING.sub("", outside.strip())
    return [
        math.log1p(len(figures)),
        math.log1p(len(strong)),
        1.0 if dated else 0.0,
        1.0 if (rules.attribution if rules.is_claim else attribution_of(text, "ko")) else 0.0,
        1.0 if HEDGE.search(outside) else 0.0,
        1.0 if SUPERLATIVE.search(outside) else 0.0,
        1.0 if COMPARISON.search(outside) else 0.0,
        1.0 if spans else 0.0,
        1.0 if frame is True else 0.0,
        1.0 if frame is False else 0.0,
        1.0 if KO_FACT_END.search(ending) else 0.0,
        1.0 if KO_NOT_FACT.search(ending) else 0.0,
        1.0 if KO_PREDICATE_END.search(stripped) else 0.0,
        1.0 if KO_BROADCAST_MARK.search(stripped) else 0.0,
        1.0 if rules.is_claim else 0.0,
        rules.score,
        math.log1p(len(stripped.split())) / 4.0,
    ]


def _plain_fact(text: str, language: str) -> bool:
    """A sentence without figures is a claim when it reports a specific event or state,
    not an opinion, reaction, intention or anchor line (these score low in the queue)."""
    stripped = text.strip()
    if len(stripped) < 20:
        return False
    if language == "ko":
        stripped = KO_TRAILING_HEADING.sub("", stripped)
        words = stripped.split()
        if len(words) < 4 and KO_COPULA_END.search(stripped):
            # "김현욱 국립외교원 미주연구부장입니다.": a name and a title, no subject.
            if not any(re.search(r"[은는이가도을를의에]$", w) for w in words[:-1]):
                return False
        return bool(KO_FACT_END.search(stripped)) and not KO_NOT_FACT.search(stripped)
    words = stripped.split()
    named = any(w[:1].isupper() for w in words[1:])
    return (
        len(words) >= 7
        and named
        and bool(EN_FACT.search(stripped))
        and not EN_NOT_FACT.search(stripped)
    )


def _table_row(text: str, language: str) -> bool:
    """A run of figures with names between them (a price list, a results table) is data,
    not a sentence: "Asiana Airlines 13,310 UP 70 POSCO Holdings 412,000 DN 2,500 ...".
    A Korean sentence ending in a predicate is a sentence however many figures it lists
    ("1심에서 법원은 A 씨에겐 징역 4년 6개월, B 씨에겐 ... 2년을 선고했습니다")."""
    if language == "ko" and KO_PREDICATE_END.search(text):
        return False
    words = text.split()
    numeric = sum(any(ch.isdigit() for ch in word) for word in words)
    return numeric >= 6 and numeric * 3 >= len(words)


EN_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
EN_PAGE_LINE = re.compile(
    # An embedded tweet's signature: "— PFF CLE Browns (@PFF_Browns) November 16, 2019".
    rf"\(@\w{{1,15}}\)\s*{EN_MONTH}\s+\d{{1,2}},\s*\d{{4}}\W*$|"
    # The page's time stamp: "(Published Monday, Nov. 18, 2019)", "Updated: March 3, 2021".
    r"^\W*(?:Published|Updated|Posted|Last updated)\b[\s:,]*(?:on\s+)?"
    rf"(?:\w+day,?\s+)?{EN_MONTH}\s+\d{{1,2}},?\s*\d{{4}}[^.]{{0,20}}$|"
    # The page's calls to act: "Sign up for our newsletter ...", "Catch up on ... podcast".
    r"^\W*(?:Sign up|Subscribe|Catch up on|Click|Tap|Download|Check out|Don['’]t miss|"
    r"Listen to|Watch|Follow us|Learn more|Find out more|Stay up to date|Join us)\b",
    re.I,
)
# A listing's entry: a date, a dash, and places or a venue ("June 20 – Raleigh, NC @ ...").
EN_LISTING = re.compile(rf"^{EN_MONTH}\s+\d{{1,2}}\s*(?:–|—|-{{1,2}})\s*(?P<rest>.+)$")
EN_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


def _en_page_line(text: str) -> bool:
    """A line of the page, not a sentence of the story: an embedded tweet's signature, a
    time stamp, a call to act, a listing's entry. (A related story's headline in title case
    stays: a headline is what a desk checks, "Adam Schiff Paid Witnesses Over $40 Million".)"""
    if EN_PAGE_LINE.search(text):
        return True
    listing = EN_LISTING.match(text)
    if listing:
        # A timeline's entry says what happened ("March 3 – The president signed ..."); a
        # listing names places only.
        words = re.findall(r"[A-Za-z][\w'’.-]*", listing["rest"])
        return all(w[0].isupper() or w in EN_SMALL_WORDS for w in words)
    return False


def _ko_bracket_line(text: str) -> bool:
    """A line that ends in a bracketed label with no predicate before it is a programme or
    section title ("YTN라디오(FM 94.5) [뉴스킹 박지훈입니다]"), not a sentence."""
    if not text.endswith("]"):
        return False
    before = text[: text.rfind("[")].strip()
    return not KO_PREDICATE_END.search(before)


def _caption_text(body: str, start: int, text: str, language: str) -> bool:
    """The words right after a photo marker, without a predicate, describe the photo."""
    if language != "ko" or KO_PREDICATE_END.search(text.strip()):
        return False
    return bool(CAPTION_BEFORE.search(body[max(0, start - 120) : start]))


def fingerprint(text: str, occurrence: int = 1) -> str:
    """Stable identity of a claim's text (not its offsets), so re-extraction finds it again."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    digest = hashlib.sha256(normal.encode("utf-8")).hexdigest()[:40]
    return digest if occurrence == 1 else f"{digest}-{occurrence}"


# The language of a body is read from its first 5,000 characters: enough to tell, and a
# bounded cost on a body of 500,000.
BODY_SAMPLE = 5000


def extract_claims(
    body: str, *, language: str = "", published_at: datetime | None = None
) -> list[ExtractedClaim]:
    """The checkable claims of an article body, each anchored by offsets into ``body``."""
    if language not in ("ko", "en"):
        language = detect_language(body, sample=BODY_SAMPLE)
    reference = published_at.date() if published_at else None
    seen: Counter[str] = Counter()
    claims = []
    for start, end in split_sentences(body, language=language):
        text = body[start:end]
        # Korean articles quote English sentences and vice versa: read each in its own.
        sentence_language = detect_language(text)
        figures = extract_figures(
            text, language=sentence_language, reference_date=reference, offset=start
        )
        if _caption_text(body, start, text, sentence_language):
            continue
        verdict = assess(text, figures, sentence_language, start)
        if not verdict.is_claim:
            continue
        seen[" ".join(text.split())] += 1
        claims.append(
            ExtractedClaim(
                text=text,
                start=start,
                end=end,
                kind=verdict.kind,
                score=verdict.score,
                attribution=verdict.attribution,
                figures=tuple(figures),
                fingerprint=fingerprint(text, seen[" ".join(text.split())]),
            )
        )
    return claims
