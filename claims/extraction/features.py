"""What the claim model reads of a unit: the rule engine's view of it, where it stands in its
article, and the structure of its predicate and quotations (Korean morphemes from kiwipiepy,
English modals, person and reporting verbs).

Order matters: each exported model's ``extra_weights`` follow the order of ``unit_extras``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.extraction.en_stance import FEELINGS
from claims.extraction.ko_marks import mark as ko_mark
from claims.extraction.rules import (
    COMPARISON,
    EN_NOT_FACT,
    HEDGE,
    QUESTION,
    SUPERLATIVE,
    WEIGHTY,
    Assessment,
    ko_fact_end,
    ko_not_assertion,
    ko_quote_frame,
    outside,
    quoted_spans,
    without_trailing_heading,
)
from claims.extraction.sentences import Morpheme
from claims.extraction.types import Figure

KO_BROADCAST_MARK = re.compile(r"^\W*(?:【|\[앵커|\[기자|▶|▷|◇|◆|■|□|인터뷰\s*:|스탠딩\s*:)")


# The unit model's inputs (``unit_extras``, ``structure_tokens``): what the rules read, where
# the unit stands in its article, and the shape of its predicate and its quotations.
KO_CONTENT_TAGS = {"NNG", "NNP", "NR", "NP", "SN", "SL", "SH", "SW", "SO", "W_URL", "W_EMAIL"}
# Nouns that carry modality or the kind of saying ("...할 예정이다", "...라고 주장했다").
KO_MODAL_NOUNS = frozenset(
    "예정 계획 방침 전망 예상 기대 가능성 필요 주장 우려 비판 강조 설명 발표 확인 의혹 "
    "추정 관측 분석 판단 입장 요구 촉구 지적 반발 평가 소감 각오 다짐 약속 의지 생각 "
    "말 밝히 논란 혐의 부인 사과 감사 축하 예보 예고 목표 검토 추진 방안 희망 바람".split()
)
KO_OPEN = '“"‘'
# Marks that say nothing of the predicate's stance: the last other mark outside quotations
# is repeated as "$..." (what the sentence ends on: "$BELIEF", "$REPORT", "$PREDICT").
KO_TENSE_MARKS = frozenset(("PAST", "NEG", "WHEN"))
EN_WORD = re.compile(r"[A-Za-z']+|\d+|[“”\"]")
EN_MARKS = {
    "MODAL": r"\b(?:will|would|should|must|could|may|might|can|shall|ought)\b",
    "FUTURE": r"\b(?:expected|plans?|planned|likely|going to|aims?|intends?|hopes?|wants?)\b",
    "FIRST": r"\b(?:I|we|my|our|me|us)\b",
    "SECOND": r"\b(?:you|your)\b",
    "REPORT": r"\b(?:said|says|told|stated|added|noted|explained|announced|reported|wrote)\b",
    "BELIEF": r"\b(?:believes?|believed|thinks?|thought|feels?|felt|argued?|insisted|claimed)\b",
    "ACCORDING": r"\baccording to\b",
    # Modality and stance (issue 16's English false positives): what a reported clause
    # holds (a feeling, a judgement, a plan), whether a time point fixes a future, a
    # definition's frame, the tense of a reported event. In text order, so the token pairs
    # read "REPORT FEEL", "REPORT BELIEF", "MODAL WHEN", "PAST".
    "FEEL": rf"\b(?:{FEELINGS}|love[sd]?|hate[sd]?|enjoy(?:s|ed)?|wish(?:es|ed)?|fear(?:s|ed)?)\b",
    "EVAL": r"\b(?:clearly|obviously|arguably|certainly|surely|undoubtedly|simply|truly|really|"
    r"perhaps|probably|possibly|widely|apparently|seemingly|essentially|basically|important|"
    r"crucial|essential|vital|great|good|bad|better|worse|best|worst|perfect|amazing|"
    r"wonderful|terrible|awful|beautiful|delicious|easy|hard|difficult|interesting|"
    r"favou?rite|fantastic|excellent|incredible|remarkable|ridiculous|absurd|unfair|fair|"
    r"right|wrong|seems?|seemed|appears? to)\b",
    "OBLIGE": r"\b(?:need(?:s|ed)? to|ha(?:ve|s) to|ought to|urged?|called for|calls? for|"
    r"demand(?:s|ed)?|insist(?:s|ed)?)\b",
    "MAYHAVE": r"\b(?:may|might|could|must) (?:not )?have\b",
    "DEFINE": r"\b(?:refers? to|is defined as|are defined as|is known as|are known as|"
    r"stands? for|is (?:a|an) (?:type|kind|form|way|term|process|method|word|measure) of|"
    r"are (?:a )?(?:type|kind|form)s? of|is used to|are used to|is called|are called)\b",
    "WHEN": r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|"
    r"today|yesterday|next (?:week|month|year)|last (?:week|month|year)|this (?:week|month|"
    r"year)|january|february|march|april|june|july|august|september|october|november|"
    r"december|jan|feb|aug|sept?|oct|nov|dec|(?:19|20)\d\d)\b",
    "PAST": r"\b(?:was|were|had|did|been|ago|[a-z]{3,}ed)\b",
    "PRESENT": r"\b(?:is|are|has|have|does|do)\b",
    "NEG": r"\b(?:not|no|never|n't)\b|n't\b",
    "GENERIC": r"\b(?:always|usually|often|generally|typically|sometimes|every|any|anyone|"
    r"everyone|people)\b",
}
# The stance marks read case-insensitively ("Clearly", "Friday"); the first marks as they were
# ("May" the month is no modal). A hedge of the past ("may have") before the modal.
EN_STANCE = ("FEEL", "EVAL", "OBLIGE", "DEFINE", "WHEN", "PAST", "PRESENT", "NEG", "GENERIC")
EN_MARK = re.compile(
    "|".join(
        f"(?P<{k}>(?i:{v}))" if k in EN_STANCE or k == "MAYHAVE" else f"(?P<{k}>{v})"
        for k, v in sorted(EN_MARKS.items(), key=lambda kv: kv[0] != "MAYHAVE")
    )
)


def _ko_token(form: str, tag: str) -> str:
    if tag in KO_CONTENT_TAGS and not (tag == "NNG" and form in KO_MODAL_NOUNS):
        return tag
    return f"{form}/{tag}"


def korean_structure(text: str, offset: int, morphemes: Sequence[Morpheme]) -> str:
    """A Korean unit's morphemes as tokens: function morphemes, predicates and modal nouns by
    form and tag ("어야/EC", "하/VX", "예정/NNG"), other content words by tag alone; inside a
    quotation prefixed "q:"; the stance and modality marks in text order (``ko_marks``:
    "OBLIGE", "BELIEF", "qPAST" inside a quotation); the last six outside quotations again as
    "$..." (the final ending) and the last four of each quotation as "q$..." (what the quoted
    words end in)."""
    spans = [(s + offset, e + offset) for s, e in quoted_spans(text)]
    outside_tokens, tokens, marks = [], [], []
    quoted: dict[int, list[str]] = {}
    # Morphemes and quotations both run in text order: one walk finds each morpheme's.
    at, last = 0, len(spans) - 1
    previous_form = previous_tag = last_mark = ""
    for start, form, tag in morphemes:
        if tag[0] == "S" and tag not in ("SN", "SL", "SH"):
            continue
        token = (
            tag
            if tag in KO_CONTENT_TAGS and not (tag == "NNG" and form in KO_MODAL_NOUNS)
            else f"{form}/{tag}"
        )
        found = ko_mark(form, tag, previous_form, previous_tag)
        previous_form, previous_tag = form, tag
        if spans:
            while at < last and spans[at][1] <= start:
                at += 1
            span_start, span_end = spans[at]
            if span_start <= start < span_end:
                quoted.setdefault(at, []).append(token)
                tokens.append("q:" + token)
                if found:
                    marks.append("q" + found)
                continue
        outside_tokens.append(token)
        tokens.append(token)
        if found:
            marks.append(found)
            if found not in KO_TENSE_MARKS:
                last_mark = found
    tokens += marks
    if last_mark:
        tokens.append("$" + last_mark)
    tokens += ["$" + t for t in outside_tokens[-6:]]
    for words in quoted.values():
        tokens += ["q$" + t for t in words[-4:]]
    if _mostly_quoted(text):
        tokens.append("MOSTLY_QUOTED")
    return " ".join(tokens)


def english_structure(text: str) -> str:
    """An English unit's words as tokens (lower case; in a quotation prefixed "q:"), the
    marks of modality, person and saying ("MODAL", "FIRST", "REPORT", "BELIEF"), and the last
    three words outside quotations again as "$..." and of each quotation as "q$..."."""
    spans = quoted_spans(text)
    tokens, outside_words = [], []
    for match in EN_WORD.finditer(text):
        word = match.group(0).lower()
        if word in '“”"':
            continue
        if any(s <= match.start() < e for s, e in spans):
            tokens.append("q:" + word)
        else:
            tokens.append(word)
            outside_words.append(word)
    tokens += [m.lastgroup or "" for m in EN_MARK.finditer(outside(text, spans))]
    tokens += ["$" + w for w in outside_words[-3:]]
    for s, e in spans:
        tokens += ["q$" + w.lower() for w in EN_WORD.findall(text[s:e]) if w not in '“”"'][-3:]
    if re.match(r"^\W*[A-Z][a-z]+\b", text) and text.split()[0].lower().strip('"“') in IMPERATIVE:
        tokens.append("IMPERATIVE")
    if _mostly_quoted(text):
        tokens.append("MOSTLY_QUOTED")
    return " ".join(tokens)


IMPERATIVE = frozenset(
    "let please do don't make take try be get read see watch check find call visit keep "
    "remember consider imagine join sign click subscribe follow share".split()
)
KINDS = ("statistical", "comparison", "temporal", "quote", "factual")


def unit_extras(
    text: str,
    figures: list[Figure],
    language: str,
    rules: Assessment,
    position: tuple[int, int],
) -> list[float]:
    """The unit model's numeric inputs (order matters: the exported model's
    ``extra_weights`` follow it). ``position`` is (index, count) of the unit in its
    article."""
    stripped = text.strip()
    spans = quoted_spans(text)
    quoted_chars = sum(e - s for s, e in spans)
    outside_text = outside(text, spans)
    strong = [f for f in figures if f.kind in WEIGHTY]
    dated = [f for f in figures if f.kind in ("date", "time")]
    index, count = position
    solo = count == 1
    frame = ko_quote_frame(text) if language == "ko" else None
    return [
        math.log1p(len(figures)),
        math.log1p(len(strong)),
        1.0 if dated else 0.0,
        1.0 if rules.attribution else 0.0,
        1.0 if HEDGE.search(outside_text) else 0.0,
        1.0 if SUPERLATIVE.search(outside_text) else 0.0,
        1.0 if COMPARISON.search(outside_text) else 0.0,
        quoted_chars / max(1, len(stripped)),
        1.0 if frame is True else 0.0,
        1.0 if frame is False else 0.0,
        1.0 if rules.is_claim else 0.0,
        rules.score,
        *(1.0 if rules.is_claim and rules.kind == kind else 0.0 for kind in KINDS),
        # A body of one unit (a claim pasted alone) has no place in an article: "solo".
        1.0 if solo else 0.0,
        0.0 if solo else index / max(1, count - 1),
        1.0 if index == 0 and not solo else 0.0,
        1.0 if index == count - 1 and not solo else 0.0,
        0.0 if solo else math.log1p(count) / 4.0,
        math.log1p(len(stripped.split())) / 4.0,
        1.0 if QUESTION.search(stripped) else 0.0,
        1.0 if language == "en" and EN_NOT_FACT.search(stripped) else 0.0,
        1.0 if language == "ko" and ko_not_assertion(stripped) else 0.0,
        1.0
        if language == "ko" and ko_fact_end(without_trailing_heading(outside_text.strip()))
        else 0.0,
    ]


@dataclass(frozen=True, slots=True)
class UnitInput:
    """What the unit model reads: the text (word and character n-grams), the structure
    tokens and the numeric inputs."""

    text: str
    tokens: str
    extra: list[float]


def unit_input(
    text: str,
    figures: list[Figure],
    language: str,
    rules: Assessment,
    *,
    offset: int = 0,
    morphemes: Sequence[Morpheme] = (),
    position: tuple[int, int] = (0, 1),
) -> UnitInput:
    """The unit model's input for a unit starting at ``offset`` of its body, whose Korean
    morphemes (body offsets) are ``morphemes``."""
    if language == "ko":
        tokens = korean_structure(text, offset, morphemes)
    else:
        tokens = english_structure(text)
    return UnitInput(text, tokens, unit_extras(text, figures, language, rules, position))


QUOTE_CHARS = "“”\"‘’'"


def _mostly_quoted(text: str) -> bool:
    stripped = text.strip()
    if stripped[:1] in QUOTE_CHARS and stripped.rstrip(".!?,")[-1:] in QUOTE_CHARS:
        return True
    return sum(e - s for s, e in quoted_spans(text)) * 2 > len(stripped)


def signature(text: str, language: str, morphemes: Sequence[Morpheme]) -> list[str]:
    """How a unit ends, for its neighbours' inputs: its last three morphemes (Korean) or
    words (English), and "Q" when it is mostly a quotation."""
    marks = ["Q"] if _mostly_quoted(text) else []
    if language == "ko" and morphemes:
        # Only the last three count: read from the end.
        words: list[str] = []
        for m in reversed(morphemes):
            if m.tag[0] != "S":
                words.append(_ko_token(m.form, m.tag))
                if len(words) == 3:
                    break
        return marks + words[::-1]
    words = [w.lower() for w in EN_WORD.findall(text) if w not in '“”"']
    return marks + words[-3:]


# What kind of page an English unit stands on: a news story reports (said, was, figures,
# quotations), a recipe, a guide or a blog addresses its reader ("you", "I") and explains.
ARTICLE_MARKS = {
    "REPORT": "ART_REPORT",
    "PAST": "ART_PAST",
    "SECOND": "ART_YOU",
    "FIRST": "ART_I",
    "MODAL": "ART_MODAL",
    "EVAL": "ART_EVAL",
}


def article_tokens(units: Sequence[tuple[str, bool]], count: int) -> list[str]:
    """Tokens for what an article's English units hold, shared by all of them: for each
    mark of ``ARTICLE_MARKS`` and for figures, the share of units that hold it, in quarters
    ("ART_PAST2": between a half and three quarters), and the article's length in units
    (``units``: each unit's structure tokens and whether it holds a figure)."""
    total = len(units)
    shares = dict.fromkeys(ARTICLE_MARKS.values(), 0)
    figures = 0
    for tokens, figure in units:
        figures += figure
        for mark in set(tokens.split()) & ARTICLE_MARKS.keys():
            shares[ARTICLE_MARKS[mark]] += 1
    shares["ART_FIGURE"] = figures
    result = [f"{name}{min(3, int(4 * found / total))}" for name, found in shares.items()]
    result.append(f"ART_UNITS{min(4, int(math.log2(1 + count)) // 2)}")
    return result
