"""The OpenAPI schema and its docs, served without any CDN."""

import re

import pytest
import yaml
from rest_framework.test import APIClient

# Every public endpoint of the API with its methods.
PUBLIC_PATHS = {
    "/api/v1/claims/": {"get"},
    "/api/v1/claims/{id}/": {"get"},
    "/api/v1/claims/{id}/verdicts/": {"post"},
    "/api/v1/claims/{id}/claimreview/": {"get"},
    "/api/v1/articles/": {"get", "post"},
    "/api/v1/articles/{id}/": {"get"},
    "/api/v1/jobs/{id}/": {"get"},
    "/api/v1/export/claims.csv": {"get"},
    "/api/v1/export/claims.jsonl": {"get"},
    "/api/v1/export/claimreview.jsonld": {"get"},
}


@pytest.fixture
def schema(db):
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_documents_every_public_endpoint_with_its_methods(schema):
    for path, methods in PUBLIC_PATHS.items():
        assert methods <= set(schema["paths"][path]), path


def test_claims_list_documents_its_filters_and_cursor(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert {"status", "kind", "article", "outlet", "language", "q", "updated_since"} <= names
    assert {"reviewed_since", "cursor"} <= names


def test_exports_document_the_same_filters_as_the_list(schema):
    listed = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    for path in ("/api/v1/export/claims.csv", "/api/v1/export/claims.jsonl"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert names == listed - {"cursor", "page_size"}


def test_claim_schema_carries_the_claim_record_fields_and_every_status(schema):
    claim = schema["components"]["schemas"]["ClaimOutput"]
    required = {"id", "article", "text", "kind", "figures", "attribution", "status"}
    assert required | {"sources", "updated_at"} <= set(claim["properties"])
    statuses = schema["components"]["schemas"]["StatusEnum"]["enum"]
    assert set(statuses) == {
        "unreviewed",
        "verified",
        "disputed",
        "unverifiable",
        "contested",
        "dismissed",
    }


def test_schema_declares_token_and_session_auth(schema):
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_docs_page_loads_swagger_ui_from_the_server_not_a_cdn(db):
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui" in s for s in scripts)
    assert all(not s.startswith(("http://", "https://", "//")) for s in scripts), scripts
    # The page's own script is a file too (the CSP allows no inline script); it loads the schema.
    assert "<script>" not in html
    [init] = [s for s in scripts if s.startswith("/api/docs/")]
    script = APIClient().get(init.replace("&amp;", "&"))
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


# Issue 17, items 14 and 15: what the schema promises, and one naming scheme --------------

OPERATION_IDS = {
    ("/api/v1/", "get"): "api_index",
    ("/api/v1/claims/", "get"): "claims_list",
    ("/api/v1/claims/{id}/", "get"): "claims_retrieve",
    ("/api/v1/claims/{id}/", "patch"): "claims_partial_update",
    ("/api/v1/claims/{id}/verdicts/", "post"): "claims_verdicts_create",
    ("/api/v1/claims/{id}/claimreview/", "get"): "claims_claimreview_retrieve",
    ("/api/v1/articles/", "get"): "articles_list",
    ("/api/v1/articles/", "post"): "articles_create",
    ("/api/v1/articles/{id}/", "get"): "articles_retrieve",
    ("/api/v1/jobs/{id}/", "get"): "jobs_retrieve",
    ("/api/v1/export/claims.csv", "get"): "export_claims_csv_retrieve",
    ("/api/v1/export/claims.jsonl", "get"): "export_claims_jsonl_retrieve",
    ("/api/v1/export/claimreview.jsonld", "get"): "export_claimreview_jsonld_retrieve",
    ("/api/v1/canonical-claims/", "get"): "canonical_claims_list",
    ("/api/v1/canonical-claims/{id}/", "get"): "canonical_claims_retrieve",
    ("/api/v1/sources/{id}/archive/", "get"): "sources_archive_retrieve",
    ("/api/v1/sources/{id}/refetch/", "post"): "sources_refetch_create",
    ("/api/v1/claims/{id}/comments/", "get"): "claims_comments_list",
    ("/api/v1/claims/{id}/comments/", "post"): "claims_comments_create",
    ("/api/v1/claims/{id}/comments/{comment_id}/", "patch"): "claims_comments_partial_update",
    ("/api/v1/notifications/", "get"): "notifications_list",
    ("/api/v1/notifications/read/", "post"): "notifications_read_create",
    ("/api/v1/rating-scale/", "get"): "rating_scale_retrieve",
}


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_every_operation_has_its_stable_id_of_one_scheme(schema):
    found = {(path, method): op["operationId"] for path, method, op in operations(schema)}
    assert found == OPERATION_IDS
    for operation_id in found.values():
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", operation_id), operation_id


def test_request_bodies_are_json_only(schema):
    bodies = [op["requestBody"] for _, _, op in operations(schema) if "requestBody" in op]
    # The verdict, the ingestion, a claim's re-check date, a comment, a comment's edit,
    # marking notifications read.
    assert len(bodies) == 6
    for body in bodies:
        assert set(body["content"]) == {"application/json"}


def test_ingest_body_is_exactly_one_of_url_html_or_text(schema):
    components = schema["components"]["schemas"]
    body = schema["paths"]["/api/v1/articles/"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    article_input = components[ref.rsplit("/", 1)[1]]
    forms = [components[item["$ref"].rsplit("/", 1)[1]] for item in article_input["oneOf"]]
    assert [f["required"] for f in forms] == [["url"], ["html"], ["text"]]
    assert forms[0]["additionalProperties"] is False  # url alone, so oneOf matches once
    assert "Exactly one of" in article_input["description"]


def test_verdict_body_says_a_verified_or_disputed_verdict_needs_a_source(schema):
    verdict = schema["components"]["schemas"]["VerdictInput"]
    assert "verified or disputed verdict needs a source" in verdict["description"]
    assert "verified or disputed" in verdict["properties"]["sources"]["description"]


def test_current_filter_is_documented_as_a_boolean(schema):
    [current] = [
        p for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"] if p["name"] == "current"
    ]
    assert current["schema"]["type"] == "boolean"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/articles/", {"text": "The city spent 5 million won on roads."}),
        ("/api/v1/claims/{claim}/verdicts/", {"verdict": "unverifiable"}),
    ],
)
@pytest.mark.parametrize("form", ["multipart", "urlencoded"])
def test_api_refuses_form_bodies_with_415(team, path, body, form):
    from urllib.parse import urlencode

    from articles.models import Article
    from claims.models import Verdict
    from tests.factories import make_claim, token_client

    path = path.format(claim=make_claim().pk)
    articles = Article.objects.count()
    api = token_client(team["alice"])
    if form == "multipart":
        response = api.post(path, body, format="multipart")
    else:
        response = api.generic(
            "POST", path, urlencode(body), content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code == 415
    assert response["Content-Type"].startswith("application/json")
    assert "Content-Type: application/json" in response.json()["detail"]
    assert Article.objects.count() == articles and not Verdict.objects.exists()
