"""The claim panel after a save: a source's stance follows the verdict, the form shows my
verdict as saved, the article's counts follow, and figures read as people write them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from claims.models import Source, Stance
from claims.services import SourceInput, claim_record_verdict
from tests.factories import client_for, token_client

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
FORMSET = {
    "source-TOTAL_FORMS": "2",
    "source-INITIAL_FORMS": "0",
    "source-MIN_NUM_FORMS": "0",
    "source-MAX_NUM_FORMS": "10",
}


# --- Item 3: a source's stance follows the verdict ----------------------------------------------


@pytest.mark.parametrize(
    ("verdict", "stance"),
    [("verified", "supports"), ("disputed", "refutes"), ("unverifiable", "context")],
)
def test_a_source_without_a_stance_takes_the_verdicts(team, claims, verdict, stance):
    claim_record_verdict(
        claim=claims[0],
        reviewer=team["alice"],
        verdict=verdict,
        sources=[SourceInput(url="https://stats.example/t1")],
    )
    assert Source.objects.get().stance == stance


def test_the_verdict_form_stores_a_disputed_verdicts_source_as_refuting(team, claims):
    data = {"verdict": "disputed", **FORMSET, "source-0-url": "https://stats.example/t1"}
    data |= {"source-0-stance": "", "source-1-stance": ""}
    response = client_for("alice").post(
        reverse("claims:verdict", args=[claims[0].pk]), data, **HTMX
    )
    assert response.status_code == 200
    assert Source.objects.get().stance == Stance.REFUTES


def test_the_stance_is_not_preset_to_supports(team, claims):
    html = client_for("alice").get(reverse("claims:claim", args=[claims[0].pk]), **HTMX)
    page = html.content.decode()
    stance = page[page.index('name="source-0-stance"') :]
    stance = stance[: stance.index("</select>")]
    assert '<option value="" selected>' in stance
    assert 'value="supports" selected' not in stance


def test_a_stance_chosen_against_the_verdict_is_kept(team, claims):
    data = {"verdict": "disputed", **FORMSET, "source-0-url": "https://stats.example/t1"}
    data |= {"source-0-stance": "supports", "source-1-stance": ""}
    client_for("alice").post(reverse("claims:verdict", args=[claims[0].pk]), data, **HTMX)
    assert Source.objects.get().stance == Stance.SUPPORTS


def test_the_api_stores_a_disputed_verdicts_source_as_refuting(team, claims):
    response = token_client(team["alice"]).post(
        f"/api/v1/claims/{claims[0].pk}/verdicts/",
        {"verdict": "disputed", "sources": [{"url": "https://stats.example/t1"}]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["sources"][0]["stance"] == "refutes"
    assert Source.objects.get().stance == Stance.REFUTES


# --- Item 6: after a save the form shows my verdict, saved; the article's counts follow ----------


def test_after_a_save_the_form_shows_my_verdict_as_saved(team, claims):
    data = {"verdict": "disputed", **FORMSET, "source-0-url": "https://stats.example/t1"}
    response = client_for("alice").post(
        reverse("claims:verdict", args=[claims[0].pk]), data, **HTMX
    )
    html = response.content.decode()
    mine = re.search(r'<input type="radio" name="verdict" value="disputed"[^>]*>', html)
    assert mine and "checked" in mine.group(0), "my verdict is the form's choice"
    assert 'class="saved"' in html and "Saved" in html
    # Focus goes back to the claim in the text (claimdesk.js listens for this event).
    assert "claimdesk:saved" in response["HX-Trigger-After-Settle"]
    # Opened again later, the panel still shows my current verdict, without "Saved".
    again = client_for("alice").get(reverse("claims:claim", args=[claims[0].pk]), **HTMX)
    page = again.content.decode()
    assert "Your current verdict" in page and 'class="saved"' not in page


def test_the_article_counts_follow_a_verdict(team, claims):
    data = {"verdict": "unverifiable", **FORMSET}
    response = client_for("alice").post(
        reverse("claims:verdict", args=[claims[0].pk]), data, **HTMX
    )
    html = response.content.decode()
    counts = html[html.index('id="article-counts"') :]
    counts = counts[: counts.index("</p>")]
    assert 'hx-swap-oob="true"' in counts
    assert "st-unverifiable" in counts and 'data-count="1"' in counts
    assert 'data-status="unreviewed" data-count="2"' in counts
