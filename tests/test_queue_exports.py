"""The queue's downloads (issue 19 item 7): CSV and JSON Lines of exactly the claims the
queue's filter shows, every page, each with its latest verdict, streamed."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from claims import export_verdicts, exports
from claims.export_verdicts import VERDICT_COLUMNS, export_filename, queue_jsonl_chunks
from claims.exports import CSV_COLUMNS
from claims.models import Claim
from claims.services import SourceInput, claim_record_verdict
from claims.views import queue as queue_view
from tests.factories import client_for, make_article, make_claims, make_user

CSV_URL = reverse("claims:queue_csv")
JSONL_URL = reverse("claims:queue_jsonl")


def body_of(response: Any) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def desk(team: dict[str, Any]) -> dict[str, Any]:
    ko = make_article(
        sentences=["정부는 친서를 35개국에 보냈다.", "지분 61.57%를 인수한다."], language="ko"
    )
    en = make_article(sentences=["The city spent $12 million.", "Officials counted 35 bridges."])
    ko_claims, en_claims = make_claims(ko), make_claims(en)
    first = [SourceInput(url="https://old.example/a", stance="refutes")]
    claim_record_verdict(
        claim=ko_claims[0], reviewer=team["bob"], verdict="disputed", sources=first
    )
    latest = [
        SourceInput(url="https://stats.example/t1", title="Table 1"),
        SourceInput(url="https://stats.example/t2", stance="context"),
    ]
    claim_record_verdict(
        claim=ko_claims[0],
        reviewer=team["alice"],
        verdict="verified",
        sources=latest,
        note='=HYPERLINK("https://evil.example")',
    )
    claim_record_verdict(claim=ko_claims[1], reviewer=team["bob"], verdict="unverifiable")
    return {"ko": ko_claims, "en": en_claims}


def test_csv_download_has_the_filtered_claims_with_their_latest_verdict(desk, team):
    response = client_for("victor").get(CSV_URL, {"language": "ko", "status": "all"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(body_of(response))
    assert tuple(rows[0]) == CSV_COLUMNS + VERDICT_COLUMNS
    by_id = {int(r["id"]): r for r in rows}
    assert set(by_id) == {c.pk for c in desk["ko"]}
    first = by_id[desk["ko"][0].pk]
    assert first["status"] == "contested"
    assert first["verdict"] == "verified" and first["verdict_grade"] == "verified"
    assert first["verdict_reviewer"] == "alice"
    assert first["verdict_at"].endswith("Z")
    assert first["verdict_note"] == '\'=HYPERLINK("https://evil.example")'
    assert json.loads(first["verdict_sources"]) == [
        {"url": "https://stats.example/t1", "stance": "supports"},
        {"url": "https://stats.example/t2", "stance": "context"},
    ]
    second = by_id[desk["ko"][1].pk]
    assert (second["verdict"], second["verdict_sources"]) == ("unverifiable", "[]")


def test_csv_download_of_open_work_leaves_out_what_the_queue_leaves_out(desk):
    rows = read_csv(body_of(client_for("victor").get(CSV_URL)))
    shown = {int(r["id"]) for r in rows}
    # Open work: unreviewed and contested; the unverifiable claim is not open work.
    assert shown == {desk["ko"][0].pk, *(c.pk for c in desk["en"])}
    for row in rows:
        if int(row["id"]) in {c.pk for c in desk["en"]}:
            assert [row[c] for c in VERDICT_COLUMNS] == [""] * len(VERDICT_COLUMNS)


def test_csv_download_takes_the_queues_other_filters_too(desk, team):
    rows = read_csv(body_of(client_for("victor").get(CSV_URL, {"q": "bridges"})))
    assert [int(r["id"]) for r in rows] == [desk["en"][1].pk]
    by_bob = {"reviewer": team["bob"].pk, "status": "all"}
    rows = read_csv(body_of(client_for("alice").get(CSV_URL, by_bob)))
    assert {int(r["id"]) for r in rows} == {desk["ko"][0].pk, desk["ko"][1].pk}


def test_csv_download_covers_every_page_of_the_queue(team, monkeypatch):
    monkeypatch.setattr(queue_view, "PAGE_SIZE", 2)
    claims = make_claims(make_article(sentences=[f"Item {n} cost {n} dollars." for n in range(5)]))
    page = client_for("victor").get(reverse("claims:queue"))
    assert len(page.context["claims"]) == 2
    rows = read_csv(body_of(client_for("victor").get(CSV_URL)))
    assert [int(r["id"]) for r in rows] == sorted(c.pk for c in claims)


def test_reviewer_and_note_cells_are_neutralised_against_formulas(team):
    [claim] = make_claims(make_article())
    hostile = make_user("-2+3", "reviewer")
    claim_record_verdict(claim=claim, reviewer=hostile, verdict="unverifiable", note="@SUM(A1)")
    [row] = read_csv(body_of(client_for("victor").get(CSV_URL, {"status": "all"})))
    assert row["verdict_reviewer"] == "'-2+3"
    assert row["verdict_note"] == "'@SUM(A1)"


def test_csv_is_the_same_bytes_from_postgres_copy_and_from_python(desk):
    claims = Claim.objects.all()
    tail = export_verdicts.verdict_tail()
    python = b"".join(exports._python_csv_chunks(claims, tail))
    assert python.count(b"\n") == 4
    if connection.vendor == "postgresql":
        assert b"".join(exports._copy_chunks(claims, tail)) == python


def test_jsonl_download_adds_the_latest_verdict_to_the_api_record(desk):
    response = client_for("victor").get(JSONL_URL, {"language": "ko", "status": "all"})

    assert response["Content-Type"] == "application/x-ndjson"
    records = [json.loads(line) for line in body_of(response).splitlines()]
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == {c.pk for c in desk["ko"]}
    latest = by_id[desk["ko"][0].pk]["latest_verdict"]
    assert (latest["verdict"], latest["reviewer"]) == ("verified", "alice")
    assert latest["grade"] == "verified"
    assert [s["url"] for s in latest["sources"]] == [
        "https://stats.example/t1",
        "https://stats.example/t2",
    ]
    assert len(by_id[desk["ko"][0].pk]["sources"]) == 3  # every verdict's, as the API has them


@pytest.mark.parametrize("n", [2, 9])
def test_downloads_take_a_constant_number_of_queries(team, django_assert_num_queries, n):
    article = make_article(sentences=[f"Item {i} cost {i} dollars." for i in range(n)])
    for claim in make_claims(article):
        claim_record_verdict(
            claim=claim,
            reviewer=team["alice"],
            verdict="verified",
            sources=[SourceInput(url="https://stats.example/x")],
        )
    client = client_for("victor")
    # Session, the user with their permissions, outlets and reviewers, then the export's own reads.
    csv_queries = 4 if connection.vendor == "postgresql" else 7
    with django_assert_num_queries(csv_queries):
        assert len(read_csv(body_of(client.get(CSV_URL, {"status": "all"})))) == n
    with django_assert_num_queries(4 if connection.vendor == "postgresql" else 10):
        lines = body_of(client.get(JSONL_URL, {"status": "all"})).splitlines()
        assert len(lines) == n


def test_download_filename_says_the_date_and_the_filter(desk):
    response = client_for("victor").get(CSV_URL, {"language": "ko", "q": "지분 61%"})
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "claims-" in disposition and "-open-q-" in disposition and ".csv" in disposition


def test_export_filename_is_plain_letters_and_dashes():
    name = export_filename(
        date(2026, 12, 6), {"q": '"a/b\\c" 예산', "mine": True, "kind": ""}, "open", "csv"
    )
    assert name == "claims-2026-12-06-open-q-a-b-c-예산-mine.csv"


def test_downloads_need_the_queue_role(team):
    assert client_for("oscar").get(CSV_URL).status_code == 403
    assert client_for("oscar").get(JSONL_URL).status_code == 403
    assert Client().get(CSV_URL).status_code == 302


def test_queue_links_its_downloads_with_its_filter(desk):
    page = client_for("victor").get(reverse("claims:queue"), {"language": "ko", "after": "x"})
    html = page.content.decode()
    assert f'href="{CSV_URL}?language=ko"' in html
    assert f'href="{JSONL_URL}?language=ko"' in html


def test_jsonl_records_are_the_same_built_by_postgres_or_by_python(desk, monkeypatch):
    claims = Claim.objects.all()
    built = [json.loads(line) for line in b"".join(queue_jsonl_chunks(claims)).splitlines()]
    monkeypatch.setattr(export_verdicts, "builds_json", lambda claims: False)
    python = [json.loads(line) for line in b"".join(queue_jsonl_chunks(claims)).splitlines()]
    assert len(python) == 4
    assert built == python
    assert python[0]["latest_verdict"]["sources"][1] == {
        "url": "https://stats.example/t2",
        "stance": "context",
    }


def test_the_csv_carries_the_grade_rated_on_the_desks_scale(team):
    """A verdict rated 대체로 사실 아님 on the SNU FactCheck scale downloads as disputed with
    its grade, from PostgreSQL's COPY and from Python alike."""
    from claims.models import RatingScale
    from claims.scales import resolve_grade, scale_activate

    scale = scale_activate(RatingScale.objects.get(code="snu-factcheck"))
    claim = make_claims(make_article(sentences=["Exports rose 12 percent in 2024."]))[0]
    grade = resolve_grade("mostly_false", scale=scale)
    claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict=grade.verdict,
        grade=grade,
        sources=[SourceInput(url="https://stats.example/t", title="t")],
    )
    response = client_for("victor").get(reverse("claims:queue_csv"), {"status": "all"})
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode())))
    assert [(r["verdict"], r["verdict_grade"]) for r in rows] == [("disputed", "mostly_false")]
