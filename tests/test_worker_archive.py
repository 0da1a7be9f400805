"""A cited source archived by a real Celery worker over a real Redis broker, then fetched
again after the page changed: two versions kept, the first as cited, the claim due.

Needs CLAIMDESK_TEST_BROKER_URL (``.ci/run`` sets it) and PostgreSQL, whose test database
the worker process shares; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.archiving import refetch_source
from claims.extraction.figures import extract_figures
from claims.models import Claim, Source, SourceArchive
from claims.services import SourceInput, claim_record_verdict
from config.celery import app as celery_app
from tests.factories import ensure_roles, make_article, make_claims, make_team
from tests.localserver import serve
from tests.workers import BROKER, need_broker_and_postgresql, switch_broker, wait_for, worker_env

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "베인캐피탈은 클래시스 지분 61.57%를 보유하고 있다."
PAGE = (
    "<html><body><article><p>베인캐피탈이 보유한 클래시스 지분 61.57%가 매각 대상이다.</p>"
    "</article></body></html>"
)
CHANGED = PAGE.replace("61.57%", "51.57%")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Path]:
    need_broker_and_postgresql()
    folder = tmp_path / "archives"
    celery = [sys.executable, "-m", "celery", "-A", "config", "worker"]
    process = subprocess.Popen(
        [*celery, "--pool=solo", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=worker_env(CLAIMDESK_TEST_ARCHIVE_ROOT=str(folder)),
    )
    previous = dict(celery_app.conf)
    switch_broker(BROKER, eager=False)
    celery_app.control.purge()
    yield folder
    switch_broker(previous["broker_url"], eager=previous["task_always_eager"])
    process.terminate()
    process.wait(timeout=30)


def test_a_worker_archives_a_cited_source_and_keeps_both_versions_when_it_changes(
    worker: Path, settings: Any
) -> None:
    ensure_roles()
    team = make_team()
    article = make_article(sentences=[CLAIM], language="ko")
    figures = [f.as_dict() for f in extract_figures(CLAIM, language="ko")]
    [claim] = make_claims(article, figures=figures)
    pages = {"/report": (200, "text/html; charset=utf-8", PAGE.encode())}
    with serve(pages) as base:
        # Committed at once (no surrounding transaction): the source goes to the worker.
        claim_record_verdict(
            claim=claim,
            reviewer=team["alice"],
            verdict="verified",
            sources=[SourceInput(url=f"{base}/report")],
        )
        source = Source.objects.get()
        assert wait_for(lambda: Source.objects.get(pk=source.pk).archive is not None)
        stored = Source.objects.get(pk=source.pk)
        assert stored.corroboration["state"] == "found"
        first = SourceArchive.objects.get(source=source)
        assert (worker / first.warc_path).is_file()

        pages["/report"] = (200, "text/html; charset=utf-8", CHANGED.encode())
        assert refetch_source(source=stored) is True  # queued for the worker
        assert wait_for(lambda: SourceArchive.objects.filter(source=source).count() == 2)
    versions = list(SourceArchive.objects.filter(source=source).order_by("fetched_at"))
    assert versions[0].sha256 == first.sha256 and "61.57%" in versions[0].text
    assert "51.57%" in versions[1].text and "51.57%" in versions[1].diff
    assert all((worker / v.warc_path).is_file() for v in versions)
    assert wait_for(lambda: Claim.objects.get(pk=claim.pk).is_due)
    summary = Source.objects.get(pk=source.pk).archive
    assert summary is not None and summary["changed_since"] is not None
