"""Claim detection: which sentences assert something checkable, with kind, attribution and
a check-worthiness score that orders the review queue.

A body is cut into units (sentences; a quotation of several sentences is one unit:
``sentences.claim_units``). A unit goes through the gates (too short, the page's chrome, a
question, a line of the page: ``chrome.py``), the rule engine (``rules.py``) and a claim
model per language (``checkworthiness.py``), whose calibrated probability decides and is
the claim's score. Every verdict names the rules that decided it (``rules.CLAIM_RULES``,
``chrome.CHROME_RULES``) and the model's probability when asked.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import cast

from claims.extraction import checkworthiness, embedding_blend
from claims.extraction.attribution import attribution_of, ko_headline_speaker
from claims.extraction.chrome import (
    chrome_rule,
    en_label_value,
    en_page_line,
    ko_bracket_line,
    photo_caption,
    table_row,
)
from claims.extraction.en_stance import reported_stance, voiced_stance
from claims.extraction.features import UnitInput, article_tokens, signature, unit_input
from claims.extraction.figures import extract_figures
from claims.extraction.ko_stance import reported_stance as ko_reported_stance
from claims.extraction.narrative import narrative_line
from claims.extraction.questions import asks_a_fact
from claims.extraction.rules import (
    QUESTION,
    WEIGHTY,
    Assessment,
    rejected,
    rule_assessment,
)
from claims.extraction.sentences import Morpheme, claim_units
from claims.extraction.speakers import resolve_speakers
from claims.extraction.types import ExtractedClaim, Figure
from lib.language import detect_language

# A Korean question without its question mark: "...실효를 거둘 수 있을까."
KO_QUESTION_END = re.compile(r"(?:까|나요|는가|을까요|ㄹ까)[.\"'”’)\]]*$")

# A sentence standing alone with a figure or a record is a claim from this calibrated
# probability up (rules.CLAIM_RULES["solo_figure"]): a claim pasted on its own, as checked
# claims are (QuanTemp's and SNU FactCheck's), has no article around it to read.
SOLO_FIGURE_FLOOR = 0.2
# A body of one paragraph and at most this many units is a claim pasted alone, as a checked
# claim of two to four sentences is ("... ab dem 1. Oktober ..."), not an article: each of
# its units is read by the solo floor, as a lone sentence is.
LONE_UNITS = 4

# The language of a body is read from its first 5,000 characters: enough to tell, and a
# bounded cost on a body of 500,000.
BODY_SAMPLE = 5000


def assess(
    text: str,
    figures: list[Figure],
    language: str,
    offset: int,
    *,
    morphemes: Sequence[Morpheme] = (),
    position: tuple[int, int] = (0, 1),
) -> Assessment:
    """Whether a unit is a claim worth checking, and the calibrated probability that it is
    (``position`` is its index and the count of units in its article)."""
    prepared = prepare(text, figures, language, offset, morphemes=morphemes, position=position)
    return prepared if isinstance(prepared, Assessment) else decide(prepared)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A unit past the gates: the rules' reading and the model's input, not yet decided."""

    language: str
    rules: Assessment
    inputs: UnitInput
    figure_claim: bool
    # The speaker of a figure quoted in a headline's form ("문재인 “12만 명 …”"), if any.
    speaker: str = ""
    # A unit standing alone (a body of one unit) in which the rules read a figure or record.
    solo_figure: bool = False
    # A line that only hands over to what follows or tells how the story was reported
    # (narrative.narrative_line): no claim, whatever the model makes of it.
    narrative: bool = False
    # A Korean unit without figures: where it starts in its body and its morphemes, for the
    # rule ``ko_reported_stance`` (ko_stance.reported_stance), read only when the model would
    # take the unit (a bounded cost: issue 16's budget is 1.5x the bare tokenizer).
    stance_input: tuple[int, Sequence[Morpheme]] | None = None


def prepare(
    text: str,
    figures: list[Figure],
    language: str,
    offset: int,
    *,
    morphemes: Sequence[Morpheme] = (),
    position: tuple[int, int] = (0, 1),
    lone: bool = False,
) -> Assessment | Prepared:
    """The gates' verdict (too short, the page's chrome, a question, a line of the page), or
    the unit ready for the model: the rules' reading and the model's input. ``lone``: the
    unit is one of a short paragraph pasted alone (``lone_body``); a body of one unit is
    always alone."""
    stripped = text.strip()
    gate = "too_short" if len(stripped) < 12 else chrome_rule(stripped)
    if gate == "chrome_caps_headline" and position[1] == 1:
        # A claim pasted alone in capitals is a claim; between a story's paragraphs, a
        # line in capitals is another story's headline.
        gate = None
    if gate:
        return rejected(gate)
    asked = asks_a_fact(stripped, language)
    if asked and not figures:
        return rejected("asked_fact", "asked_without_figure")
    gate = None if asked else _not_an_assertion(stripped, language)
    if not gate and language == "en" and position[1] > 1 and en_label_value(stripped):
        # (A line pasted alone is left to the model: "Deaths: 1,234" may be what is checked.)
        gate = "en_label_value"
    if not gate and language == "en" and not figures:
        if reported_stance(stripped):
            gate = "en_reported_stance"
        elif voiced_stance(stripped):
            gate = "en_voiced_stance"
    if gate:
        return rejected(gate)
    rules = rule_assessment(text, figures, language, offset)
    if asked:
        # "Did X say 35 …?", "…17조원이면 된다는 주장은 사실일까": the fact asked about is
        # the claim, when it carries a figure to check.
        rules.rules.insert(0, "asked_fact")
    if language not in ("ko", "en"):
        return rules
    inputs = unit_input(
        text, figures, language, rules, offset=offset, morphemes=morphemes, position=position
    )
    speaker = _headline_speaker(text, figures, rules) if language == "ko" else ""
    figure_claim = rules.is_claim and rules.kind in ("statistical", "comparison")
    solo_figure = (lone or position[1] == 1) and "figure_or_record" in rules.rules
    return Prepared(
        language,
        rules,
        inputs,
        asked or figure_claim or bool(speaker),
        speaker,
        solo_figure,
        narrative_line(stripped, figures, language),
        (offset, morphemes) if language == "ko" and not figures else None,
    )


def lone_body(body: str, units: int) -> bool:
    """Whether a body is a claim pasted alone: one paragraph of at most ``LONE_UNITS``
    units (an article's body has paragraphs, or more sentences)."""
    return units <= LONE_UNITS and "\n" not in body.strip()


def _headline_speaker(text: str, figures: list[Figure], rules: Assessment) -> str:
    """The speaker of a figure in a headline's form ("문재인 “개성공단 폐쇄로 12만 명 일자리
    잃어”"): what fact-check desks put to the test, clipped as headlines are."""
    if not any(f.kind in WEIGHTY for f in figures) or rules.kind not in ("quote", "factual"):
        return ""
    return ko_headline_speaker(text)


def decide(prepared: Prepared, vector: Sequence[float] | None = None) -> Assessment:
    """The unit model decides, on its calibrated probability: a claim from the model's
    threshold up, or from its lower ``rule_floor`` when the rules read a figure claim (a
    missed figure costs a desk more than one more line to dismiss). The probability is the
    claim's score, the same scale in both languages. With an English unit's sentence
    embedding (``vector``), the probability is the blend's (``embedding_blend``), cut
    at the blend's own threshold and floor."""
    rules, inputs = prepared.rules, prepared.inputs
    scorer = checkworthiness.model(prepared.language)
    raw = scorer.probability(inputs.text, inputs.extra, inputs.tokens)
    threshold, floor = scorer.threshold, scorer.rule_floor
    if vector is not None and embedding_blend.blended(prepared.language):
        blend = embedding_blend.blend(prepared.language)
        probability = round(blend.probability(raw, vector), 4)
        threshold, floor = blend.threshold, blend.rule_floor
    else:
        probability = round(scorer.calibrated(raw), 4)
    if prepared.narrative:
        return rejected(*rules.rules, "narrative_line", model=probability)
    if probability >= threshold:
        decision = "model_accepts"
    elif prepared.figure_claim and probability >= floor:
        decision = "figure_floor"
    elif prepared.solo_figure and probability >= SOLO_FIGURE_FLOOR:
        decision = "solo_figure"
    else:
        return rejected(*rules.rules, "model_rejects", model=probability)
    if prepared.stance_input and ko_reported_stance(inputs.text, *prepared.stance_input):
        return rejected(*rules.rules, "ko_reported_stance", model=probability)
    if rules.is_claim:
        kind, attribution = rules.kind, rules.attribution
    elif prepared.speaker:
        kind, attribution = "quote", prepared.speaker
    else:
        kind, attribution = "factual", attribution_of(inputs.text, prepared.language)
    return Assessment(
        True,
        kind=kind,
        score=min(0.99, max(0.01, probability)),
        attribution=attribution,
        rules=[*rules.rules, decision],
        model=probability,
    )


def _ko_question_end(stripped: str) -> bool:
    """``KO_QUESTION_END``, whose sentence ends in 까, 요 or 가 before its closing marks
    (tested first: the pattern, anchored at the end, is tried at every position)."""
    end = stripped[:-1] if stripped.endswith("\n") else stripped  # "$" before a last "\n"
    if end.rstrip(".\"'”’)]")[-1:] not in ("까", "요", "가"):
        return False
    return KO_QUESTION_END.search(stripped) is not None


def _not_an_assertion(stripped: str, language: str) -> str | None:
    """The rule that reads a sentence as a question or a line of the page, if one does."""
    if QUESTION.search(stripped) or (language == "ko" and _ko_question_end(stripped)):
        return "question"
    if language == "ko" and ko_bracket_line(stripped):
        return "ko_bracket_line"
    if table_row(stripped, language):
        return "table_row"
    if language == "en" and en_page_line(stripped):
        return "en_page_line"
    return None


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


@dataclass(frozen=True, slots=True)
class UnitReading:
    """One unit of a body past the figure grammar: the gates' verdict, or the rules' reading
    and the model's input (``prepared``) still to be decided."""

    start: int
    end: int
    language: str
    figures: tuple[Figure, ...]
    prepared: Assessment | Prepared


def read_units(
    body: str, *, language: str = "", published_at: datetime | None = None
) -> Iterator[UnitReading]:
    """Every unit of an article body (a sentence, or a quotation of several sentences) with
    its figures, ready for the model; ``read_sentences`` decides them."""
    if language not in ("ko", "en"):
        language = detect_language(body, sample=BODY_SAMPLE)
    reference = published_at.date() if published_at else None
    spans, morphemes = claim_units(body, language=language)
    starts = list(map(itemgetter(0), morphemes))  # each morpheme's start
    units, signatures = [], []
    lone = lone_body(body, len(spans))
    for index, (start, end) in enumerate(spans):
        text = body[start:end]
        # Korean articles quote English sentences and vice versa: read each in its own.
        sentence_language = detect_language(text)
        figures = extract_figures(
            text, language=sentence_language, reference_date=reference, offset=start
        )
        mine = morphemes[bisect_left(starts, start) : bisect_left(starts, end)]
        if photo_caption(body, start, text, sentence_language):
            prepared: Assessment | Prepared = rejected("photo_caption")
        else:
            position = (index, len(spans))
            prepared = prepare(
                text,
                figures,
                sentence_language,
                start,
                morphemes=mine,
                position=position,
                lone=lone,
            )
        units.append(UnitReading(start, end, sentence_language, tuple(figures), prepared))
        signatures.append(signature(text, sentence_language, mine))
    english = [
        (u.prepared.inputs.tokens, bool(u.figures))
        for u in units
        if u.language == "en" and isinstance(u.prepared, Prepared)
    ]
    article = article_tokens(english, len(units)) if english else []
    for index, unit in enumerate(units):
        yield _with_neighbours(unit, signatures, index, article)


def _with_neighbours(
    unit: UnitReading, signatures: list[list[str]], index: int, article: list[str]
) -> UnitReading:
    """The unit, its model input joined by how the units before and after it end (a line
    that hands over to a quotation, a quotation's frame in the next sentence) and, for an
    English unit, by what kind of page its article is (``features.article_tokens``)."""
    if not isinstance(unit.prepared, Prepared) or len(signatures) == 1:
        return unit
    before = signatures[index - 1] if index else ["START"]
    after = signatures[index + 1] if index + 1 < len(signatures) else ["END"]
    # Built by hand, not by dataclasses.replace: this runs for every unit of every body.
    first = unit.prepared
    inputs = first.inputs
    pieces = [inputs.tokens, *["p:" + t for t in before], *["n:" + t for t in after]]
    if unit.language == "en":
        pieces += article
    tokens = " ".join(pieces)
    prepared = Prepared(
        first.language,
        first.rules,
        UnitInput(inputs.text, tokens, inputs.extra),
        first.figure_claim,
        first.speaker,
        first.solo_figure,
        first.narrative,
        first.stance_input,
    )
    return UnitReading(unit.start, unit.end, unit.language, unit.figures, prepared)


def _vectors(
    read: list[UnitReading], embedders: embedding_blend.Embedders
) -> dict[int, Sequence[float]]:
    """The vectors of the units a blend scores (a language in ``LANGUAGES`` or ``OPT_IN``,
    read by the model), by the embedder of their language's blend
    (``embedding_blend.embedder_for``), one batch per embedder; a unit whose embedder was
    not handed in gets none (so an opt-in language's units are rescored only when its
    embedder is handed in)."""
    by_key: dict[str, list[int]] = {}
    for i, unit in enumerate(read):
        if embedding_blend.blended(unit.language) and isinstance(unit.prepared, Prepared):
            key = embedding_blend.embedder_for(embedders, unit.language)
            if key is not None:
                by_key.setdefault(key, []).append(i)
    vectors: dict[int, Sequence[float]] = {}
    for key, indices in by_key.items():
        texts = [cast(Prepared, read[i].prepared).inputs.text for i in indices]
        vectors.update(zip(indices, embedders[key](texts), strict=True))
    return vectors


def read_sentences(
    body: str,
    *,
    language: str = "",
    published_at: datetime | None = None,
    embedder: embedding_blend.Embedder | embedding_blend.Embedders | None = None,
) -> Iterator[SentenceReading]:
    """Every unit of an article body with its figures and verdict; ``extract_claims`` keeps
    the claims. With an ``embedder`` (texts -> vectors; a lone one is the English blend's,
    else the embedders by encoder, ``embedding_blend.Embedders``), every unit of an article
    in a language with a wired blend (English) that reaches the model is embedded by its
    blend's embedder, one batch per embedder, and scored by the blend; a claim pasted alone
    (``lone_body``) keeps the claim model's score, as the blend was fitted on article units
    only (with it, QuanTemp's claims with digits giving a claim with a figure fell from
    95.3% to 95.0%)."""
    units: Iterable[UnitReading] = read_units(body, language=language, published_at=published_at)
    vectors: dict[int, Sequence[float]] = {}
    if embedder is not None:
        read = list(units)
        units = read
        if len(read) > 1 and not lone_body(body, len(read)):
            vectors = _vectors(read, embedding_blend.embedders(embedder))
    for index, unit in enumerate(units):
        prepared = unit.prepared
        if isinstance(prepared, Assessment):
            verdict = prepared
        else:
            verdict = decide(prepared, vectors.get(index))
        yield SentenceReading(unit.start, unit.end, unit.language, unit.figures, verdict)


def extract_claims(
    body: str,
    *,
    language: str = "",
    published_at: datetime | None = None,
    embedder: embedding_blend.Embedder | embedding_blend.Embedders | None = None,
) -> list[ExtractedClaim]:
    """The checkable claims of an article body, each anchored by offsets into ``body``;
    ``embedder`` turns on the English blend (``read_sentences``)."""
    seen: Counter[str] = Counter()
    claims = []
    readings = list(
        read_sentences(body, language=language, published_at=published_at, embedder=embedder)
    )
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
