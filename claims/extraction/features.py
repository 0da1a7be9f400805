"""The rule engine's view of a sentence, as the check-worthiness models' extra inputs.

Order matters: each exported model's ``extra_weights`` follow the order of these lists.
"""

from __future__ import annotations

import math
import re

from claims.extraction.attribution import attribution_of
from claims.extraction.chrome import KO_PREDICATE_END
from claims.extraction.rules import (
    COMPARISON,
    EN_NOT_FACT,
    HEDGE,
    KO_FACT_END,
    KO_NOT_FACT,
    KO_TRAILING_HEADING,
    QUESTION,
    SUPERLATIVE,
    WEIGHTY,
    Assessment,
    ko_quote_frame,
    outside,
    quoted_spans,
    rule_assessment,
)
from claims.extraction.types import Figure

KO_BROADCAST_MARK = re.compile(r"^\W*(?:【|\[앵커|\[기자|▶|▷|◇|◆|■|□|인터뷰\s*:|스탠딩\s*:)")


def engine_features(text: str, figures: list[Figure]) -> list[float]:
    """The rule engine's view of an English sentence, as the learned scorer's extra inputs
    (order matters: the exported model's ``extra_weights`` follow it)."""
    spans = quoted_spans(text)
    outside_text = outside(text, spans)
    strong = [f for f in figures if f.kind in WEIGHTY]
    dated = [f for f in figures if f.kind in ("date", "time")]
    words = text.split()
    return [
        math.log1p(len(figures)),
        math.log1p(len(strong)),
        1.0 if dated else 0.0,
        1.0 if attribution_of(text, "en") else 0.0,
        1.0 if HEDGE.search(outside_text) else 0.0,
        1.0 if SUPERLATIVE.search(outside_text) else 0.0,
        1.0 if COMPARISON.search(outside_text) else 0.0,
        1.0 if spans else 0.0,
        1.0 if EN_NOT_FACT.search(text.strip()) else 0.0,
        1.0 if QUESTION.search(text.strip()) else 0.0,
        math.log1p(len(words)) / 4.0,
    ]


def korean_features(
    text: str, figures: list[Figure], offset: int = 0, rules: Assessment | None = None
) -> list[float]:
    """The rule engine's view of a Korean sentence, as the Korean model's extra inputs
    (order matters: the exported model's ``extra_weights`` follow it). ``offset`` is where
    ``text`` starts in the body the figures' offsets index."""
    if rules is None:
        rules = rule_assessment(text, figures, "ko", offset)
    return features_with_frame(text, figures, rules, ko_quote_frame(text))


def features_with_frame(
    text: str, figures: list[Figure], rules: Assessment, frame: bool | None
) -> list[float]:
    """``korean_features``, with the rules' verdict and the quote frame already read."""
    stripped = text.strip()
    spans = quoted_spans(text)
    outside_text = outside(text, spans)
    strong = [f for f in figures if f.kind in WEIGHTY]
    dated = [f for f in figures if f.kind in ("date", "time")]
    ending = KO_TRAILING_HEADING.sub("", outside_text.strip())
    return [
        math.log1p(len(figures)),
        math.log1p(len(strong)),
        1.0 if dated else 0.0,
        1.0 if (rules.attribution if rules.is_claim else attribution_of(text, "ko")) else 0.0,
        1.0 if HEDGE.search(outside_text) else 0.0,
        1.0 if SUPERLATIVE.search(outside_text) else 0.0,
        1.0 if COMPARISON.search(outside_text) else 0.0,
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
