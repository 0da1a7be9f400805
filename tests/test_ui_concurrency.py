"""Two reviewers saving verdicts on the same claim at the same moment, through the views.

Both verdicts are kept and the status is computed from both. SQLite serialises writers
with a database-wide lock and has no row locks, so the race is only real on PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from claims.models import ClaimStatus, Verdict
from tests.factories import PASSWORD, make_claim, make_team

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks (set DATABASE_URL=postgres://...); SQLite has none",
)


def _post(username: str, verdict: str, url: str, barrier: threading.Barrier, out: list) -> None:
    try:
        client = Client()
        assert client.login(request=HttpRequest(), username=username, password=PASSWORD)
        data = {
            "verdict": verdict,
            "source-TOTAL_FORMS": "1",
            "source-INITIAL_FORMS": "0",
            "source-MIN_NUM_FORMS": "0",
            "source-MAX_NUM_FORMS": "10",
            "source-0-url": f"https://{username}.example/evidence",
            "source-0-stance": "supports",
        }
        barrier.wait(timeout=10)
        out.append(client.post(url, data).status_code)
    finally:
        connections.close_all()


# Serialized rollback: the flush after this test would otherwise leave later transactional
# tests without the content types and permissions the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("round_", range(3))
def test_simultaneous_verdicts_are_both_kept(round_: int) -> None:
    make_team()
    claim = make_claim()
    url = reverse("claims:verdict", args=[claim.pk])
    barrier = threading.Barrier(2)
    out: list[int] = []
    threads = [
        threading.Thread(target=_post, args=("alice", "verified", url, barrier, out)),
        threading.Thread(target=_post, args=("bob", "disputed", url, barrier, out)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert out == [302, 302]
    assert Verdict.objects.filter(claim=claim).count() == 2
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONTESTED
