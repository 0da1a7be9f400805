"""Streamed exports: CSV (UTF-8 with BOM) and JSON Lines over HTTP and the command line."""

import csv
import io
import json

from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse

from claims import exports
from claims.exports import CSV_COLUMNS
from claims.services import SourceInput, claim_record_verdict
from tests.factories import make_article, make_claim, make_claims

SOURCE = SourceInput(url="https://stats.example/t1", title="Table 1")
KOREAN = '정부는 "35개국"에 친서를 보냈다, 그리고\n5개국 정상과 통화했다.'


def body_of(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for spreadsheets"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_export_streams_utf8_with_bom_and_keeps_korean_text(team, viewer):
    article = make_article(sentences=[KOREAN], language="ko", outlet="뉴스핌")
    [claim] = make_claims(article, figures=[{"text": "35개국", "value": "35"}])
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])

    response = viewer.get("/api/v1/export/claims.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="claims.csv"' in response["Content-Disposition"]
    [row] = read_csv(body_of(response))
    assert tuple(row) == CSV_COLUMNS
    assert row["text"] == KOREAN
    assert row["outlet"] == "뉴스핌"
    assert row["status"] == "verified"
    assert row["language"] == "ko"
    assert json.loads(row["figures"]) == [{"text": "35개국", "value": "35"}]
    assert row["article_published_at"] == "2025-01-01T09:00:00.000000Z"
    assert row["updated_at"].endswith("Z")
    assert row["is_current"] == "true"
    assert float(row["score"]) == 0.5


def test_csv_export_applies_the_list_filters(team, viewer):
    verified, other = make_claim(), make_claim()
    claim_record_verdict(
        claim=verified, reviewer=team["alice"], verdict="verified", sources=[SOURCE]
    )
    rows = read_csv(body_of(viewer.get("/api/v1/export/claims.csv?status=verified")))
    assert [int(r["id"]) for r in rows] == [verified.pk]
    rows = read_csv(body_of(viewer.get(f"/api/v1/export/claims.csv?article={other.article_id}")))
    assert [int(r["id"]) for r in rows] == [other.pk]


def test_csv_export_of_many_claims_is_in_id_order_across_batches(viewer, monkeypatch, db):
    monkeypatch.setattr(exports, "BATCH", 3)
    claims = make_claims(make_article(sentences=[f"Item {i} costs {i} won." for i in range(8)]))
    rows = read_csv(body_of(viewer.get("/api/v1/export/claims.csv")))
    assert [int(r["id"]) for r in rows] == [c.pk for c in claims]


def test_jsonl_export_has_one_api_claim_record_a_line(team, viewer):
    claim = make_claim()
    make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])

    response = viewer.get("/api/v1/export/claims.jsonl?status=verified")

    assert response["Content-Type"] == "application/x-ndjson"
    lines = body_of(response).decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    listed = viewer.get("/api/v1/claims/?status=verified").json()["results"][0]
    assert record == listed


def test_jsonl_export_walks_batches_in_a_constant_number_of_queries_each(
    viewer, monkeypatch, django_assert_num_queries, db
):
    monkeypatch.setattr(exports, "BATCH", 4)
    make_claims(make_article(sentences=[f"Item {i} costs {i} won." for i in range(10)]))
    response = viewer.get("/api/v1/export/claims.jsonl")
    # SQLite: 3 batches of (claims, reviews, suggestions, checks) and the empty batch that
    # ends it. PostgreSQL: one COPY on the raw connection, which Django does not count.
    expected = 0 if connection.vendor == "postgresql" else 13
    with django_assert_num_queries(expected):
        lines = body_of(response).splitlines()
    assert len(lines) == 10
    assert [json.loads(line)["id"] for line in lines] == sorted(
        json.loads(line)["id"] for line in lines
    )


def test_bad_export_filter_is_a_json_400(viewer, db):
    response = viewer.get("/api/v1/export/claims.csv?status=maybe")
    assert response.status_code == 400
    assert "status" in response.json()


def test_export_claims_command_writes_csv_to_stdout(team):
    claim = make_claims(make_article(sentences=[KOREAN], language="ko"))[0]
    out = io.StringIO()
    call_command("export_claims", "--format", "csv", stdout=out)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text[1:])))
    assert int(row["id"]) == claim.pk and row["text"] == KOREAN


def test_export_claims_command_matches_the_http_export(team, viewer):
    claim = make_claim()
    make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="disputed", sources=[SOURCE])
    exports_of = {}
    for fmt, url in [
        ("csv", "/api/v1/export/claims.csv?status=disputed"),
        ("jsonl", "/api/v1/export/claims.jsonl?status=disputed"),
    ]:
        out = io.StringIO()
        call_command("export_claims", "--format", fmt, "--status", "disputed", stdout=out)
        assert out.getvalue().encode() == body_of(viewer.get(url)), fmt
        exports_of[fmt] = out.getvalue()
    # Both exports hold the disputed claim, and only it.
    [row] = read_csv(exports_of["csv"].encode())
    assert (int(row["id"]), row["text"], row["status"]) == (claim.pk, claim.text, "disputed")
    [line] = exports_of["jsonl"].splitlines()
    record = json.loads(line)
    assert (record["id"], record["text"], record["status"]) == (claim.pk, claim.text, "disputed")


def test_export_claims_command_writes_claimreview_jsonld(team):
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    out = io.StringIO()
    call_command("export_claims", "--format", "claimreview", stdout=out)
    document = json.loads(out.getvalue())
    assert document["@context"] == "https://schema.org"
    assert [r["claimReviewed"] for r in document["@graph"]] == [claim.text]


def test_csv_is_the_same_bytes_from_postgres_copy_and_from_python(db):
    figures = [
        {
            "text": "약 6700억원",
            "value": "670000000000",
            "unit": "KRW",
            "kind": "money",
            "start": 3,
            "end": 11,
            "approximate": True,
        }
    ]
    make_claims(make_article(sentences=[KOREAN, "Exports rose 3.5 percent."]), figures=figures)
    claims = exports.Claim.objects.all()
    python = b"".join(exports._python_csv_chunks(claims))
    assert python.count(b"\n") >= 2
    if connection.vendor == "postgresql":
        assert b"".join(exports._copy_chunks(claims)) == python
    else:
        assert b"".join(exports.csv_chunks(claims)) == exports.csv_header() + python


def test_a_download_abandoned_midway_leaves_the_connection_usable(db, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_BYTES", 10)
    make_claims(make_article(sentences=[f"Item {i} costs {i} won." for i in range(50)]))
    chunks = exports.csv_chunks(exports.Claim.objects.all())
    next(chunks), next(chunks)
    chunks.close()  # what the server does when the client goes away
    assert exports.Claim.objects.count() == 50


def test_claim_records_are_the_same_built_by_postgres_or_by_python(team):
    article = make_article(sentences=[KOREAN, "Exports rose 3.5 percent."], language="ko")
    claims = make_claims(article, figures=[{"text": "35개국", "value": "35", "start": 4}])
    claim_record_verdict(
        claim=claims[0], reviewer=team["alice"], verdict="verified", sources=[SOURCE, SOURCE]
    )
    claim_record_verdict(claim=claims[0], reviewer=team["bob"], verdict="unverifiable")
    python = [
        json.loads(exports.dumps(r))
        for batch in exports.claim_batches(exports.Claim.objects.all())
        for r in batch
    ]
    if connection.vendor == "postgresql":
        built = exports.claim_json(exports.Claim.objects.order_by("id"))
        assert [json.loads(row["json"]) for row in built] == python
    lines = b"".join(exports.jsonl_chunks(exports.Claim.objects.all())).splitlines()
    assert [json.loads(line) for line in lines] == python
