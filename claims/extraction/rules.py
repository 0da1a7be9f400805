"""The rule engine's reading of a sentence: is it a claim, of what kind, how worth checking.

Every rule that decides a claim has a name, an effect and a reason in ``CLAIM_RULES``;
an assessment lists the names of the rules that decided it, and so does each extracted
claim (``extract --json --explain`` prints them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from claims.extraction.attribution import QUOTED, attribution_of
from claims.extraction.types import Figure


@dataclass(frozen=True, slots=True)
class ClaimRule:
    """``effect``: "rejects" or "keeps" the sentence (a kept sentence the rules gave no score
    takes ``weight``), "drops" a figure from its reading, "adds" ``weight`` to the score or
    "scores" (sets the score to ``weight``)."""

    effect: str
    why: str
    weight: float = 0.0


CLAIM_RULES: dict[str, ClaimRule] = {
    # Before any reading: what is no sentence of the story (chrome.CHROME_RULES name the
    # page's chrome).
    "too_short": ClaimRule("rejects", "under 12 characters: a fragment, not a sentence"),
    "question": ClaimRule("rejects", "a question asserts nothing"),
    "asked_fact": ClaimRule(
        "keeps", "a question about a stated fact ('Did X say 35 ...?') asks about a claim"
    ),
    "asked_without_figure": ClaimRule(
        "rejects", "a question about a fact, with no figure to check in it"
    ),
    "ko_bracket_line": ClaimRule(
        "rejects", "a programme or section title ending in a bracketed label, no predicate"
    ),
    "table_row": ClaimRule("rejects", "a run of figures and names: a price list or table"),
    "en_page_line": ClaimRule(
        "rejects", "a tweet's signature, a time stamp, a call to act or a listing's entry"
    ),
    "en_label_value": ClaimRule(
        "rejects", "a label and a short value, no verb: a specification ('Fill: 650 Fill Power')"
    ),
    "photo_caption": ClaimRule("rejects", "the words after a photo marker describe the photo"),
    # The rule engine's reading (``rule_assessment``).
    "name_tag_age": ClaimRule(
        "drops", "an age in brackets after a name ('진구(33)') tells who, it is no figure"
    ),
    "idiom_figure": ClaimRule(
        "drops",
        "a number in an idiom is no figure of the world: '제2의 고향', '4차 산업혁명', "
        "'100% 안전한', 'one of the shows', 'a thing or two'",
    ),
    "date_of_saying": ClaimRule(
        "drops",
        "a date that only says when a quoted opinion was said ('he said on Tuesday: \"...\"')",
    ),
    "figure_or_record": ClaimRule(
        "scores", "a figure, or a record ('최초', 'largest'), to check", 0.3
    ),
    "weighty_figure": ClaimRule(
        "adds", "a figure that measures (money, percent, count, ...) outside quotes", 0.3
    ),
    "more_weighty_figures": ClaimRule(
        "adds", "each measuring figure after the first, up to 0.15 in all", 0.05
    ),
    "attributed": ClaimRule("adds", "a named source a desk can ask", 0.1),
    "superlative_or_comparison": ClaimRule(
        "adds", "records and comparisons are checkable, and often wrong", 0.1
    ),
    "hedged": ClaimRule("adds", "a forecast or a guess asserts less", -0.2),
    "scheduled": ClaimRule(
        "adds",
        "a fixed arrangement with a date or a figure ('다음 달 3일 공개될 예정이다', 'will "
        "announce ... on Friday') is a schedule on a record, no forecast: not hedged",
        0.1,
    ),
    "no_weighty_figure": ClaimRule(
        "adds", "only dates, times or durations outside quotes: little to measure", -0.15
    ),
    "quoted_figure": ClaimRule(
        "adds", "the figures are all in someone's words: a quote to attribute first", -0.1
    ),
    "plain_fact": ClaimRule(
        "scores", "no figure, but a reported event or state: checkable, low in the queue", 0.15
    ),
    "ko_quote_fact": ClaimRule(
        "scores", "mostly a quotation, whose last words state a fact on the record", 0.15
    ),
    "hedged_future": ClaimRule(
        "rejects",
        "no figure, and the final predicate is a forecast, an expectation or a possibility "
        "('상용화될 수 있을 것으로 기대된다', 'is expected to'): a prediction, not a claim",
    ),
    "hedged_fact": ClaimRule("scores", "a figure-less fact, hedged: the least of the queue", 0.05),
    "no_checkable_fact": ClaimRule(
        "rejects", "no figure, no record and no reported event or state"
    ),
    "ko_quote_opinion": ClaimRule(
        "rejects", "mostly a quotation of an opinion, an intention or a feeling"
    ),
    "en_reported_stance": ClaimRule(
        "rejects",
        "no figure, and the sentence only reports its speaker's belief in a forecast, a wish, "
        "an intention or a feeling ('He said he believed the vote would unite the country', "
        "'She said she was shocked'): a reported opinion (en_stance.reported_stance)",
    ),
    "en_voiced_stance": ClaimRule(
        "rejects",
        "no figure, and the line or its quotation opens with its speaker's own stance, "
        "obligation, wish or feeling ('I think they were being overly cautious', 'We need to "
        "preserve ...', 'We are very glad to see this'), no other clause beside it: an "
        "opinion (en_stance.voiced_stance)",
    ),
    "ko_reported_stance": ClaimRule(
        "rejects",
        "no figure, and the Korean sentence only reports, in one clause ending in a saying, an "
        "obligation, a judgement, a feeling, a hedge or an intention ('김 교수는 \"제도를 "
        "고쳐야 한다\"고 말했다', '그는 \"이번 결정은 유감스럽다\"고 밝혔다'), with no past "
        "tense or reported fact before it: a reported opinion (ko_stance.reported_stance), "
        "whatever the model makes of it",
    ),
    # The model's part (claims.decide): its calibrated probability decides.
    "model_accepts": ClaimRule(
        "keeps", "the model's calibrated probability is above its threshold"
    ),
    "figure_floor": ClaimRule(
        "keeps",
        "the rules read a figure claim, and the model's probability is above its lower floor",
    ),
    "solo_figure": ClaimRule(
        "keeps",
        "a sentence standing alone (a claim pasted on its own, not a line of an article) in "
        "which the rules read a figure or a record, and the model's probability is above "
        "the solo floor: whoever pastes one sentence with a figure asks for it to be checked",
    ),
    "model_rejects": ClaimRule("rejects", "the model's calibrated probability is below its bar"),
    "narrative_line": ClaimRule(
        "rejects",
        "a line that only hands over to what follows ('she also said:', '이렇게 말했다', "
        "'다음과 같다') or tells how the story was reported ('declined to comment', 'spoke to "
        "reporters'), with no measuring figure: narrative, whatever the model makes of it",
    ),
}
WEIGHT = {name: rule.weight for name, rule in CLAIM_RULES.items()}
MORE_WEIGHTY_CAP = 0.15

STRONG = {"money", "percent", "percentage_point", "count", "quantity", "ratio", "age", "rank"}
# The figures that make a sentence a figure claim by themselves (a duration outside a quote).
WEIGHTY = STRONG | {"duration"}


class Alternatives:
    """Korean phrases and English words searched as two patterns: the Korean phrases start
    with literal characters, so the regex engine skips every position their first characters
    rule out, and the English words are looked for only in text holding a Latin letter (most
    Korean sentences hold none). ``search`` tells whether either is found."""

    __slots__ = ("english", "korean")

    def __init__(self, korean: str, english: str, flags: int = 0) -> None:
        self.korean = re.compile(korean)
        self.english = re.compile(english, flags)

    def search(self, text: str) -> bool:
        # The rules and the model's inputs ask of the same text (a unit without quotations
        # is its own text outside them): answered once.
        return _alternatives_found(self, text)

    def _search(self, text: str) -> bool:
        if self.korean.search(text):
            return True
        return LATIN.search(text) is not None and self.english.search(text) is not None


@lru_cache(maxsize=32)
def _alternatives_found(alternatives: Alternatives, text: str) -> bool:
    return alternatives._search(text)


LATIN = re.compile(r"[A-Za-z]")
HEDGE = Alternatives(
    r"전망이다|전망된다|관측이다|관측된다|예상된다|예정이다|계획이다|방침이다|것으로 보인다|"
    r"보인다|추정된다|가능성|수 있다|수도 있다|해석된다|풀이된다|분석된다|기대된다",
    r"\b(?:may|might|could|would|expects?|expected|plans?|planned|forecasts?|likely|hopes?)\b",
)
# English words in lower case only: "First Look" is a name, "the first" a claim.
SUPERLATIVE = Alternatives(
    # "최대한"/"최소한" are "as much/little as possible", not a record; "최고위원",
    # "최고경영자" and "최고재판소" are titles and bodies.
    r"처음|최초|최대(?!한)|최고(?!위원|경영자|책임자|재판소|법원|사령관|지도자)|"
    r"최저|최다|최소(?!한)|유일|역대|사상 최|가장",
    r"\b(?:first|largest|biggest|highest|lowest|record|only|most|least|never|all-time)\b",
)
COMPARISON = Alternatives(
    r"보다|대비|비해|견줘|뛰어넘|앞서|웃돌|밑돌|증가|감소|상승|하락|늘었|줄었|올랐|내렸",
    r"\b(?:than|compared|up from|down from|rose|fell|increased|decreased|grew|dropped|"
    r"higher|lower|more|fewer|less)\b",
    re.I,
)
# A fixed arrangement: "...할 예정이다", "will open", "is scheduled to"; hedged ones
# ("예정일 것으로 보인다", "may open") stay hedged.
SCHEDULE = re.compile(
    r"(?:예정|일정)(?:이다|입니다|이며|이고|이라고)|(?:열린다|개최된다|시행된다|발효된다|출시된다)[.\"'”’)]*$|"
    r"\b(?:will|is scheduled to|are scheduled to|is set to|are set to|takes effect|take effect)\b"
)
SCHEDULE_HEDGE = re.compile(
    r"것으로\s*(?:보인다|예상|전망|관측)|수\s*있|가능성|\b(?:may|might|could|likely|expected)\b"
)


# The final predicate of a forecast, an expectation or a possibility (codebook rule 8).
FUTURE_HEDGE = re.compile(
    r"(?:수\s*(?:있|없)(?:을\s*것|겠)|것으로\s*(?:기대|전망|예상|관측)|"
    r"(?:기대|전망|예상|관측)(?:된다|됩니다|이다|입니다)|가능성이\s*(?:있다|높다|크다))[^.]{0,12}$|"
    r"\b(?:is|are) (?:expected|likely|poised) to\b|\b(?:could|might|may) (?:well |also |soon )?be\b"
)


def _scheduled(outside_text: str, figures: list[Figure]) -> bool:
    """A fixed arrangement with a time point or a figure (codebook rule 8, ``schedule``)."""
    return (
        bool(figures)
        and bool(SCHEDULE.search(outside_text))
        and not SCHEDULE_HEDGE.search(outside_text)
    )


QUESTION = re.compile(r"[?？][\"'”’)]*$")


@dataclass(slots=True)
class Assessment:
    """A sentence's verdict: ``rules`` names the rules that decided it (``CLAIM_RULES``,
    ``chrome.CHROME_RULES``); ``model`` is the model's probability when it was asked."""

    is_claim: bool
    kind: str = "factual"
    score: float = 0.0
    attribution: str = ""
    rules: list[str] = field(default_factory=list)
    model: float | None = None


def rejected(*rules: str, model: float | None = None) -> Assessment:
    return Assessment(False, rules=list(rules), model=model)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The quotations of a sentence, (start, end) each; none for a sentence that is one
    quotation from end to end."""
    return list(_quoted_spans(text))


# The rules, the features and the neighbours' inputs all ask for a unit's quotations: found
# once per unit (a few units are kept, not a body's worth).
@lru_cache(maxsize=64)
def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    if '"' not in text and "“" not in text and "‘" not in text:  # QUOTED's openers
        return ()
    spans = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    # A sentence that is one quotation from end to end is the claim itself, not a remark
    # inside a reported sentence.
    if len(spans) == 1 and text[: spans[0][0]].strip() == "" and len(text[spans[0][1] :]) <= 2:
        return ()
    return tuple(spans)


def speech_spans(text: str) -> list[tuple[int, int]]:
    """The quotations that hold someone's words: one of a few characters ("118위", "완 2.1")
    only marks out a term or a figure."""
    return [(s, e) for s, e in quoted_spans(text) if e - s > 10]


def outside(text: str, spans: list[tuple[int, int]]) -> str:
    """The text outside ``spans``, the pieces joined by spaces."""
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


# Numbers inside idioms (codebook rule 10: "a figure that is not a figure of the world").
IDIOM = re.compile(
    r"제\s?\d+\s?의\s|\d+\s?차\s?산업\s?혁명|"
    r"100\s?(?:%|퍼센트|프로)\s?(?:안전|확신|완벽|확실|만족|신뢰|정확|동의|책임|진심)|"
    r"\b100\s?(?:%|percent|per cent)\s(?:sure|safe|certain|confident|committed|right|true|"
    r"accurate|honest|behind)\b|\bone of (?:the|my|our|his|her|their|its|those|these)\b|"
    r"\ba thing or two\b|\bnumber one\b",
    re.I,
)


def _idiom(text: str, figure: Figure, offset: int) -> bool:
    start, end = figure.start - offset, figure.end - offset
    return any(s < end and start < e for s, e in _idioms(text))


@lru_cache(maxsize=8)
def _idioms(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``IDIOM`` in a unit, found once for all its figures."""
    return tuple((m.start(), m.end()) for m in IDIOM.finditer(text))


def _dates_of_saying(text: str, figures: list[Figure], offset: int) -> list[Figure]:
    """The dates and times outside quotations of a unit that is mostly a quotation of
    opinion: they say when it was said, not what is claimed."""
    spans = speech_spans(text)
    quoted = sum(e - s for s, e in spans)
    if not spans or quoted * 2 < len(text.strip()) or ko_quote_frame(text) is not False:
        return []
    return [
        f
        for f in figures
        if f.kind in ("date", "time")
        and not any(s <= f.start - offset and f.end - offset <= e for s, e in spans)
    ]


def _kept_figures(text: str, figures: list[Figure], offset: int) -> tuple[list[Figure], list[str]]:
    """The figures that count for the claim decision, and the rules that dropped the rest."""
    named, kept = [], list(figures)
    for name, drop in (("name_tag_age", _name_tag), ("idiom_figure", _idiom)):
        left = [f for f in kept if not drop(text, f, offset)]
        if len(left) < len(kept):
            named.append(name)
        kept = left
    saying = _dates_of_saying(text, kept, offset)
    if saying:
        named.append("date_of_saying")
        kept = [f for f in kept if f not in saying]
    return kept, named


def rule_assessment(text: str, figures: list[Figure], language: str, offset: int) -> Assessment:
    """The rules' verdict on a sentence whose figures are ``figures`` (offsets into a body
    where the sentence starts at ``offset``), before any model is asked."""
    kept, tagged = _kept_figures(text, figures, offset)
    quotes = speech_spans(text)
    spans = [(s + offset, e + offset) for s, e in quotes]
    inside = [f for f in kept if any(s <= f.start and f.end <= e for s, e in spans)]
    outside_figures = [f for f in kept if f not in inside]
    outside_text = outside(text, quotes)
    superlative = bool(SUPERLATIVE.search(outside_text))
    if not outside_figures and not superlative and not [f for f in inside if f.kind in STRONG]:
        verdict = _figureless(text, outside_text, language)
        verdict.rules[:0] = tagged
        return verdict
    quoted = bool(inside) and not outside_figures
    attribution = attribution_of(text, language)
    strong = [f for f in outside_figures if f.kind in WEIGHTY]
    scheduled = _scheduled(outside_text, outside_figures)
    signals = {
        "weighty_figure": bool(strong),
        "more_weighty_figures": len(strong) > 1,
        "attributed": bool(attribution),
        "superlative_or_comparison": superlative or bool(COMPARISON.search(outside_text)),
        "hedged": bool(HEDGE.search(outside_text)) and not scheduled,
        "scheduled": scheduled,
        "no_weighty_figure": not strong and not quoted,
        "quoted_figure": quoted,
    }
    fired = [name for name, on in signals.items() if on]
    return Assessment(
        True,
        kind=_kind(outside_text, outside_figures or inside, quoted),
        score=round(min(0.99, max(0.01, _score(fired, len(strong)))), 4),
        attribution=attribution,
        rules=[*tagged, "figure_or_record", *fired],
    )


def _score(fired: list[str], weighty: int) -> float:
    """The score of the rules that fired, added in this order (floating-point sums depend
    on it, and the stored scores with them)."""
    score = WEIGHT["figure_or_record"]
    if "weighty_figure" in fired:
        score += WEIGHT["weighty_figure"]
    score += min(MORE_WEIGHTY_CAP, WEIGHT["more_weighty_figures"] * max(0, weighty - 1))
    later = (
        "attributed",
        "superlative_or_comparison",
        "hedged",
        "scheduled",
        "no_weighty_figure",
        "quoted_figure",
    )
    for name in later:
        if name in fired:
            score += WEIGHT[name]
    return score


def _figureless(text: str, outside_text: str, language: str) -> Assessment:
    """A sentence with no figure or record outside quotes: a claim when it reports a fact,
    or (Korean) is mostly a quotation stating one."""
    if FUTURE_HEDGE.search(without_final_punct(outside_text.strip())):
        return rejected("hedged_future")
    frame = ko_quote_frame(text) if language == "ko" else None
    if frame is None:
        fact, name = plain_fact(outside_text, language), "plain_fact"
    else:
        fact, name = frame, "ko_quote_fact"
    if not fact:
        return rejected("no_checkable_fact" if frame is None else "ko_quote_opinion")
    if HEDGE.search(outside_text):
        name = "hedged_fact"
    return Assessment(True, "factual", WEIGHT[name], attribution_of(text, language), [name])


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
    r"(?:(?:예정|계획|전망|구상|방침)(?:이다|입니다|이에요|이라고\s*(?:했다|밝혔다|전했다)|)|"
    r"것으로\s*(?:보인다|보입니다|예상된다|예상됩니다|전망된다|전망됩니다|관측된다|관측됩니다)|"
    r"양상이다|양상입니다|수밖에\s*없다|수밖에\s*없습니다|"
    r"(?:있|다가올|될|할)\s*수\s*있는\s*일이다|잘못된\s*일이다|"
    r"(?:모습|태도|반응)을\s*보였다|"
    r"(?:불쾌감|유감|아쉬움|기대감|애정|자신감)을\s*(?:표했다|드러냈다|나타냈다|보였다)|"
    r"놀라움을\s*안겼다|눈길을\s*끌었다|관심을\s*모았다|까"
    r")$"
)
KO_PAST_CLAUSE = re.compile(rf"{KO_PAST}(?:고|으며|는데)[,\s]")
KO_FINAL_PUNCT = re.compile(r"[.!?\"'”’)\]\s]*$")
KO_FINAL_CHARS = frozenset(".!?\"'”’)]")


def without_final_punct(text: str) -> str:
    """``text`` without the marks and spaces that end it (``KO_FINAL_PUNCT``), stripped from
    the end: a pattern anchored at the end is tried at every position of the sentence."""
    end = len(text)
    while end and (text[end - 1] in KO_FINAL_CHARS or text[end - 1].isspace()):
        end -= 1
    return text[:end]


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


@lru_cache(maxsize=256)
def ko_quote_frame(text: str) -> bool | None:
    """A Korean sentence that is mostly a quotation in a speaker's frame ("조 씨는 "..."라고
    밝혔습니다") asserts what its last quotation asserts: a fact on the record (True), or an
    opinion, intention or feeling (False). None when the sentence is not such a frame."""
    spans = speech_spans(text)
    frame = outside(text, spans)
    frame_chars = len("".join(frame.split()))
    if not spans or (sum(e - s for s, e in spans) * 2 < len(text.strip()) and frame_chars > 20):
        return None
    if KO_FRAME_NOT_FACT.search(frame):
        return False
    if frame_chars > 35 and plain_fact(frame, "ko"):
        return True  # "...라고 항의했으나 결국 열차는 조 씨를 태우지 않은 채로 떠났습니다"
    quoted = [text[s + 1 : e - 1] for s, e in spans]
    pieces = [p.strip() for q in quoted for p in re.split(r"[.!?]\s*", q) if p.strip()]
    # The last thing said carries the point: "...선전했다"며 "진심으로 축하한다" is a
    # congratulation, "...감사드린다. ...연을 맺게 됐다" an announcement.
    last = pieces[-1] if pieces else ""
    fact = KO_QUOTE_FACT_END.search(last) or KO_PAST_CLAUSE.search(last)
    return bool(fact) and not KO_QUOTE_OPINION.search(last)


def ko_not_assertion(text: str) -> bool:
    """Whether a Korean sentence's final predicate, outside any quotation, is a plan, a
    forecast, a reading of the news, a reaction or a rhetorical question."""
    final = without_final_punct(text)
    if KO_PAST_CLAUSE.search(outside(final, quoted_spans(final))):
        # "총괄 기획은 손지창이 맡았고, ... 이수근이 진행할 예정이다": a fact, then a plan.
        return False
    return bool(KO_NOT_ASSERTION.search(final))


# A subheading the sentence splitter left glued after the final period:
# "...발견됐습니다.‘몸값 요구’".
KO_COPULA_END = re.compile(r"(?:이다|입니다)[.!\"'”’)\]]*$")
KO_TRAILING_HEADING = re.compile(r"(?<=[.!?])\s*[‘“'\"][^‘“’”'\"]{1,20}[’”'\"]\s*$")


def without_trailing_heading(text: str) -> str:
    """``text`` without a subheading glued after its final period (``KO_TRAILING_HEADING``),
    which can only be there when the text ends in a closing quotation mark."""
    if text.rstrip()[-1:] not in "’”'\"":
        return text
    return KO_TRAILING_HEADING.sub("", text)


def ko_fact_end(text: str) -> bool:
    """``KO_FACT_END`` finds a reported event or state at the end of ``text``, whose last
    character before the closing marks is then 다 or 요."""
    end = text[:-1] if text.endswith("\n") else text  # "$" also matches before a last "\n"
    if end.rstrip(".!\"'”’)]")[-1:] not in ("다", "요"):
        return False
    return KO_FACT_END.search(text) is not None


EN_FACT = re.compile(
    r"\b(?:was|were|is|are|has|have|had|did)\b|\b\w{3,}ed\b|\b(?:said|told|found|won|lost|made|"
    r"took|began|led|met|paid|sold|bought|left|became|rose|fell)\b",
    re.I,
)
EN_NOT_FACT = re.compile(r"^(?:I|We|You)\b|\b(?:I think|I believe|should|must|will|would)\b")


# An obligation is an opinion (codebook rule 7), except what a law or a rule requires.
KO_OBLIGATION = re.compile(r"야\s*(?:한다|합니다|된다|됩니다)[.!\"'”’)\]]*$")
KO_RULE_SOURCE = re.compile(r"법|규정|조례|규칙|지침|약관|계약|의무")


def plain_fact(text: str, language: str) -> bool:
    """A sentence without figures is a claim when it reports a specific event or state,
    not an opinion, reaction, intention or anchor line (these score low in the queue)."""
    stripped = text.strip()
    if len(stripped) < 20:
        return False
    if language == "ko":
        stripped = without_trailing_heading(stripped)
        words = stripped.split()
        if len(words) < 4 and KO_COPULA_END.search(stripped):
            # "김현욱 국립외교원 미주연구부장입니다.": a name and a title, no subject.
            if not any(re.search(r"[은는이가도을를의에]$", w) for w in words[:-1]):
                return False
        if KO_OBLIGATION.search(stripped) and not KO_RULE_SOURCE.search(stripped):
            return False  # "정부는 규제를 풀어야 한다": an opinion, unless a rule says it
        return ko_fact_end(stripped) and not KO_NOT_FACT.search(stripped)
    words = stripped.split()
    named = any(w[:1].isupper() for w in words[1:])
    return (
        len(words) >= 7
        and named
        and bool(EN_FACT.search(stripped))
        and not EN_NOT_FACT.search(stripped)
    )
