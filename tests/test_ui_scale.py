"""The queue with 100,000 claims: the same number of queries on every page, and fast.

Slow to set up (bulk-inserts 100,000 claims), so it runs when CLAIMDESK_SCALE=1.
"""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from tests.factories import PASSWORD, make_article, make_team

pytestmark = pytest.mark.skipif(
    os.environ.get("CLAIMDESK_SCALE") != "1", reason="set CLAIMDESK_SCALE=1 to run (slow)"
)

ARTICLES, PER_ARTICLE = 100, 1000


def test_queue_with_100k_claims(db: Any) -> None:
    make_team()
    rows = []
    for a in range(ARTICLES):
        article = make_article(sentences=[f"Figure {a} rose 5 percent."])
        revision = article.revisions.get()
        rows += [
            Claim(
                article=article,
                revision=revision,
                text=f"Claim {a}-{i} rose {i} percent.",
                start=0,
                end=len(f"Claim {a}-{i} rose {i} percent."),
                kind="statistical",
                score=((a * PER_ARTICLE + i) % 997) / 997,
                fingerprint=f"{a}-{i}",
            )
            for i in range(PER_ARTICLE)
        ]
    Claim.objects.bulk_create(rows, batch_size=5000)
    assert Claim.objects.count() == ARTICLES * PER_ARTICLE
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    client.login(request=HttpRequest(), username="alice", password=PASSWORD)
    url = reverse("claims:queue")
    counts, times, query = [], [], ""
    for _ in range(20):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url + "?" + query)
            times.append(time.perf_counter() - started)
        counts.append(len(ctx.captured_queries))
        query = response.context["next_query"]
    assert len(set(counts)) == 1, counts
    filtered = client.get(url, {"kind": "statistical", "q": "rose 7", "language": "en"})
    assert filtered.status_code == 200
    assert max(times) < 2.0, times
