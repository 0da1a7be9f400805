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
