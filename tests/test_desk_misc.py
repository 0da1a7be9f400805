"""The smaller things of the review desk (issue 18 item 6): the ingest form after a
success, the API's index and the links to it, the favicon."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import client_for

TEXT = (
    "Exports rose 12 percent in March, the ministry said on Tuesday.\n\n"
    "The government sent letters to 35 countries last month."
)


def textarea(html: str) -> str:
    area = html[html.index('name="text"') :]
    return area[area.index(">") + 1 : area.index("</textarea>")].strip()


def test_pasted_text_is_cleared_after_a_successful_ingest(team):
    response = client_for("alice").post(reverse("claims:ingest"), {"text": TEXT, "title": "Up"})
    assert response.status_code == 200 and response.context["results"]
    html = response.content.decode()
    assert textarea(html) == ""
    assert 'name="title"' in html and 'value="Up"' not in html


def test_a_failed_ingest_keeps_what_was_typed(team):
    response = client_for("alice").post(
        reverse("claims:ingest"), {"text": TEXT, "url": "https://news.example/a"}
    )
    assert response.status_code == 422
    assert "Exports rose 12 percent" in textarea(response.content.decode())


def test_the_ingest_page_has_a_progress_indicator_that_counts(team):
    html = client_for("alice").get(reverse("claims:ingest")).content.decode()
    progress = html[html.index("data-progress") :]
    progress = progress[: progress.index("</div>")]
    assert "<progress" in progress and "data-elapsed" in progress


def test_the_api_answers_an_index_at_its_root(team):
    response = Client().get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    index = response.json()
    for name in ("claims", "articles", "schema", "docs"):
        assert index[name].startswith("http"), name
    assert set(index["exports"]) == {"csv", "jsonl", "claimreview"}
    assert index["claims"].endswith("/api/v1/claims/")
    # Other unknown addresses under /api/ stay a JSON 404.
    assert Client().get("/api/v1/nothing/").status_code == 404


@pytest.mark.parametrize("path", ["/", "/dashboard/"])
def test_the_interface_links_the_api_docs_and_the_exports(team, path):
    html = client_for("victor").get(path).content.decode()
    assert 'href="/api/docs/"' in html and 'href="/api/v1/"' in html
    if path == "/":
        assert 'href="/api/v1/export/claims.csv' in html


def test_the_favicon_is_served(db):
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = Client().get("/accounts/login/").content.decode()
    assert 'rel="icon"' in page
