"""The same new article ingested several times at once is one article, and no request fails
(issue 17, item 7).

``select_for_update().filter(key=...).first()`` locks nothing when the row does not exist
yet, so parallel ingestions of one new text all went on to insert it, and all but one met
the unique key: 10 parallel posts gave three 500s. The insert now runs in a savepoint and,
on the unique violation, the ingestion takes the article the other one stored.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, connections

from articles import services as article_services
from articles.models import Article, ArticleRevision
from claims import pipeline
from claims.models import Claim
from tests.factories import make_team, token_client

TEXT = (
    "The ministry said exports rose 12 percent in 2024 to $3.5 billion. "
    "Imports fell 4 percent over the same period, the customs office said."
)
PAYLOAD = {"text": TEXT, "title": "Exports rise"}


def counts() -> tuple[int, int]:
    return Article.objects.count(), ArticleRevision.objects.count()


def race_next_lookup(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The next lookup of a key misses, as when another ingestion stores the article
    between this one's lookup and its insert; later lookups see the row."""
    missed: list[str] = []
    real = article_services._locked

    def locked(key: str) -> Article | None:
        if not missed:
            missed.append(key)
            return None
        return real(key)

    monkeypatch.setattr(article_services, "_locked", locked)
    return missed


# The retry path, deterministic (both databases) ---------------------------------------------


def test_an_insert_that_meets_the_key_takes_the_stored_article(db, monkeypatch):
    first = pipeline.ingest_text(TEXT, title="Exports rise")
    raced_key = first.articles[0].article.key
    raced = race_next_lookup(monkeypatch)
    second = pipeline.ingest_text(TEXT, title="Exports rise")
    assert raced == [raced_key]
    [outcome] = second.articles
    assert outcome.article.pk == first.articles[0].article.pk
    assert (outcome.article_created, outcome.revision_created) == (False, False)
    assert counts() == (1, 1)
    assert Claim.objects.count() == len(first.articles[0].article.claims.all())


def test_a_raced_insert_of_a_changed_text_becomes_a_new_revision(db, monkeypatch):
    """The transaction stays usable after the violation (PostgreSQL would abort it)."""
    url = "https://news.example/2025/exports"

    def html(text: str) -> str:
        return f"<html><head><title>Exports rise</title></head><body><p>{text}</p></body></html>"

    pipeline.ingest_html(html(TEXT), url=url)
    raced = race_next_lookup(monkeypatch)
    changed = TEXT.replace("4 percent", "5 percent")
    outcome = pipeline.ingest_html(html(changed), url=url).articles[0]
    assert raced and (outcome.article_created, outcome.revision_created) == (False, True)
    assert counts() == (1, 2)
    latest = Article.objects.get().revisions.get(number=2)
    assert "5 percent" in latest.body


def test_the_api_answers_200_when_its_insert_meets_the_key(db, monkeypatch):
    team = make_team()
    api = token_client(team["alice"])
    cache.clear()
    pipeline.ingest_text(TEXT, title="Exports rise")
    raced = race_next_lookup(monkeypatch)
    response = api.post("/api/v1/articles/", PAYLOAD, format="json")
    assert raced, "the lookup must have missed"
    assert response.status_code == 200, response.content
    assert counts() == (1, 1)


def test_another_constraint_than_the_key_is_not_taken_for_a_race(db, monkeypatch):
    """Only a row with the same key is taken; any other violation still fails the ingest."""
    from django.db import IntegrityError

    article = Article(key="url:https://news.example/x", title="t", language="en")

    def failing_save(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("article_unique_url_per_outlet")

    monkeypatch.setattr(article, "save", failing_save)
    with pytest.raises(IntegrityError):
        article_services._insert_or_find(article)


# The real race, with threads (PostgreSQL) ----------------------------------------------------


def _post(api: Any, barrier: threading.Barrier, out: list[Any]) -> None:
    try:
        barrier.wait(timeout=20)
        response = api.post("/api/v1/articles/", PAYLOAD, format="json")
        out.append(response.status_code)
    except Exception as error:  # noqa: BLE001 - reported by the test
        out.append(repr(error))
    finally:
        connections.close_all()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite serialises writers "
    "with a database-wide lock, so ingestions never overlap there",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("round_", range(2))
def test_ten_parallel_posts_of_one_new_text_all_succeed_and_store_one_article(round_):
    team = make_team()
    cache.clear()
    clients = [token_client(team["alice"]), token_client(team["bob"])]
    barrier = threading.Barrier(10)
    out: list[Any] = []
    threads = [
        threading.Thread(target=_post, args=(clients[i % 2], barrier, out)) for i in range(10)
    ]
    connections.close_all()  # the pool holds 10 connections: one for each thread
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(out) == 10
    assert all(code in (200, 201) for code in out), out
    assert out.count(201) == 1, out
    assert counts() == (1, 1)
