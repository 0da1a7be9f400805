"""Claim detection: which sentences assert something checkable, with kind, attribution and
a check-worthiness score that orders the review queue.

A sentence goes through the gates (too short, the page's chrome, a question, a line of the
page: ``chrome.py``), the rule engine (``rules.py``) and a check-worthiness model per
language (``checkworthiness.py``). Every verdict names the rules that decided it
(``rules.CLAIM_RULES``, ``chrome.CHROME_RULES``) and the model's probability when asked.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from claims.extraction import checkworthiness
from claims.extraction.attribution import attribution_of, ko_headline_speaker, resolve_speakers
from claims.extraction.chrome import (
    chrome_rule,
    en_page_line,
    ko_bracket_line,
    photo_caption,
    table_row,
)
from claims.extraction.features import engine_features, features_with_frame
from claims.extraction.figures import extract_figures
from claims.extraction.questions import asks_a_fact
from claims.extraction.rules import (
    QUESTION,
    WEIGHT,
    WEIGHTY,
    Assessment,
    ko_not_assertion,
    ko_quote_frame,
    rejected,
    rule_assessment,
)
from claims.extraction.sentences import split_sentences
from claims.extraction.types import ExtractedClaim, Figure
from lib.language import detect_language

# The language of a body is read from its first 5,000 characters: enough to tell, and a
# bounded cost on a body of 500,000.
BODY_SAMPLE = 5000


def assess(text: str, figures: list[Figure], language: str, offset: int) -> Assessment:
    """Whether a sentence is a claim worth checking, and how worth it."""
    stripped = text.strip()
    gate = "too_short" if len(stripped) < 12 else chrome_rule(stripped)
    if gate:
        return rejected(gate)
    if asks_a_fact(stripped, language):
        # "Did X say 35 …?", "…17조원이면 된다는 주장은 사실일까": the fact asked about is
        # the claim, when it carries a figure to check.
        if not figures:
            return rejected("asked_fact", "asked_without_figure")
        rules = rule_assessment(text, figures, language, offset)
        rules.rules.insert(0, "asked_fact")
        return rules
    gate = _not_an_assertion(stripped, language)
    if gate:
        return rejected(gate)
    rules = rule_assessment(text, figures, language, offset)
    if language == "ko":
        return _korean_assessment(text, figures, rules)
    if language != "en":
        return rules
    return _english_assessment(text, figures, rules)


def _not_an_assertion(stripped: str, language: str) -> str | None:
    """The rule that reads a sentence as a question or a line of the page, if one does."""
    if QUESTION.search(stripped):
        return "question"
    if language == "ko" and ko_bracket_line(stripped):
        return "ko_bracket_line"
    if language == "ko" and ko_not_assertion(stripped):
        return "ko_not_assertion"
    if table_row(stripped, language):
        return "table_row"
    if language == "en" and en_page_line(stripped):
        return "en_page_line"
    return None


def _english_assessment(text: str, figures: list[Figure], rules: Assessment) -> Assessment:
    """The model decides, with the rules as a second opinion: a sentence the rules read as a
    figure, comparison or superlative claim stays a claim whatever the model says, and a
    figure-less reported fact the rules accept needs half the model's threshold."""
    probability = checkworthiness.model().probability(text, engine_features(text, figures))
    threshold = checkworthiness.model().threshold
    if probability >= threshold:
        decision = "model_accepts"
    elif rules.is_claim and rules.kind != "factual":
        decision = "en_rules_keep"
    elif rules.is_claim and probability >= threshold / 2:
        decision = "en_half_threshold"
    else:
        return rejected(*rules.rules, "model_rejects", model=probability)
    return Assessment(
        True,
        kind=rules.kind if rules.is_claim else "factual",
        score=round(min(0.99, max(0.01, probability)), 4),
        attribution=rules.attribution if rules.is_claim else attribution_of(text, "en"),
        rules=[*rules.rules, decision],
        model=probability,
    )


def _korean_assessment(text: str, figures: list[Figure], rules: Assessment) -> Assessment:
    """The Korean model decides whether a sentence is a claim, reading the rule engine's
    verdict among its inputs (a sentence the rules accept needs only the model's lower
    ``rule_floor``); the rules' score still orders the queue, as the model learned "is it
    checkable", not "how much is it worth checking"."""
    if rules.is_claim and rules.kind in ("statistical", "comparison"):
        # As in English: a sentence the rules read as a figure claim stays a claim whatever
        # the model says; a missed figure costs a desk more than one more line to dismiss.
        rules.rules.append("ko_figure_claim")
        return rules
    speaker = ko_headline_speaker(text)
    if speaker and rules.kind in ("quote", "factual") and any(f.kind in WEIGHTY for f in figures):
        # A figure in a speaker's words, in a headline's form ("문재인 “개성공단 폐쇄로 12만
        # 명 일자리 잃어”", "안철수 “…손뗀 지 10년도 넘어”"): what fact-check desks put to
        # the test, clipped as headlines are.
        score = rules.score if rules.is_claim else WEIGHT["ko_headline_quote"]
        named = [*rules.rules, "ko_headline_quote"]
        return Assessment(True, kind="quote", score=score, attribution=speaker, rules=named)
    frame = ko_quote_frame(text)
    if not rules.is_claim and frame is False:
        return rules  # a speaker's opinion, intention or feeling, quoted ("ko_quote_opinion")
    scorer = checkworthiness.model("ko")
    probability = scorer.probability(text, features_with_frame(text, figures, rules, frame))
    threshold = min(scorer.threshold, scorer.rule_floor) if rules.is_claim else scorer.threshold
    if probability < threshold:
        return rejected(*rules.rules, "model_rejects", model=probability)
    if rules.is_claim:
        rules.rules.append("model_confirms")
        rules.model = probability
        return rules
    # The model reads a claim the rules missed; the rules' signals of worth (figures,
    # attribution, records) are absent, so it ranks with the least of the queue.
    return Assessment(
        True,
        kind="factual",
        score=WEIGHT["model_only"],
        attribution=attribution_of(text, "ko"),
        rules=[*rules.rules, "model_only"],
        model=probability,
    )


def fingerprint(text: str, occurrence: int = 1) -> str:
    """Stable identity of a claim's text (not its offsets), so re-extraction finds it again."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    digest = hashlib.sha256(normal.encode("utf-8")).hexdigest()[:40]
    return digest if occurrence == 1 else f"{digest}-{occurrence}"


@dataclass(frozen=True, slots=True)
class SentenceReading:
    """One sentence of a body as the extractor read it, claim or not."""

    start: int
    end: int
    language: str
    figures: tuple[Figure, ...]
    verdict: Assessment


def read_sentences(
    body: str, *, language: str = "", published_at: datetime | None = None
) -> Iterator[SentenceReading]:
    """Every sentence of an article body with its figures and verdict; ``extract_claims``
    keeps the claims."""
    if language not in ("ko", "en"):
        language = detect_language(body, sample=BODY_SAMPLE)
    reference = published_at.date() if published_at else None
    for start, end in split_sentences(body, language=language):
        text = body[start:end]
        # Korean articles quote English sentences and vice versa: read each in its own.
        sentence_language = detect_language(text)
        figures = extract_figures(
            text, language=sentence_language, reference_date=reference, offset=start
        )
        if photo_caption(body, start, text, sentence_language):
            verdict = rejected("photo_caption")
        else:
            verdict = assess(text, figures, sentence_language, start)
        yield SentenceReading(start, end, sentence_language, tuple(figures), verdict)


def extract_claims(
    body: str, *, language: str = "", published_at: datetime | None = None
) -> list[ExtractedClaim]:
    """The checkable claims of an article body, each anchored by offsets into ``body``."""
    seen: Counter[str] = Counter()
    claims = []
    readings = list(read_sentences(body, language=language, published_at=published_at))
    speakers = resolve_speakers(body, [(s.start, s.end, s.language) for s in readings])
    for sentence, speaker in zip(readings, speakers, strict=True):
        verdict = sentence.verdict
        if not verdict.is_claim:
            continue
        text = body[sentence.start : sentence.end]
        seen[" ".join(text.split())] += 1
        claims.append(
            ExtractedClaim(
                text=text,
                start=sentence.start,
                end=sentence.end,
                kind=verdict.kind,
                score=verdict.score,
                attribution=speaker or verdict.attribution,
                figures=sentence.figures,
                fingerprint=fingerprint(text, seen[" ".join(text.split())]),
                rules=tuple(verdict.rules),
                model_score=verdict.model,
            )
        )
    return claims
