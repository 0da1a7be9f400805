"""Control characters at every input edge (issue 17 item 2): the API, the review
interface's forms, the admin console and the services clean them (``lib.text``) the way
pasted article text has always been cleaned; each test reads the stored row afresh.

Before the fix each of these values was stored as sent, and one of them was enough to
make ``manage.py backup`` fail (tests/test_backup.py holds the backup's own tests).
"""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Feed, IngestJob, Outlet
from claims.models import Claim, ClaimEvent, Source, Verdict
from claims.services import SourceInput, claim_correct, claim_dismiss, claim_record_verdict
from lib.text import clean_line, clean_text, clean_typed_line, clean_typed_text, needs_cleaning
from tests.factories import PASSWORD, make_article, make_claims, token_client

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
FORMSET = {
    "source-TOTAL_FORMS": "1",
    "source-INITIAL_FORMS": "0",
    "source-MIN_NUM_FORMS": "0",
    "source-MAX_NUM_FORMS": "10",
}
# What people paste: a vertical tab, a bell, a unit separator, DEL and a textarea's Windows
# line break (a bidi override is kept: what people type keeps its invisible formatting).
NOTE_SENT = "Checked\x0b against\x07 the\x1f table\x7f.\r\nSecond line\u202e."
NOTE_STORED = "Checked against the table.\nSecond line\u202e."
TITLE_SENT = "Table\x01 1\x1f:\tmonthly\r\nfigures\x0c"
TITLE_STORED = "Table 1: monthly figures"


@pytest.fixture
def claims(team: dict[str, Any]) -> list[Claim]:
    article = make_article(
        sentences=["The city spent $12 million on roads in 2024.", "The mayor was pleased."]
    )
    return make_claims(article)


def signed_in(username: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=PASSWORD)
    return client


# The cleaning itself ------------------------------------------------------------------


def test_multiline_text_keeps_tabs_and_line_breaks_and_loses_every_other_control():
    assert clean_text("a\tb\r\nc\rd\ne") == "a\tb\nc\nd\ne"
    controls = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127]))
    assert clean_text(f"x{controls}y") == "xy"
    assert clean_text("lone \ud800 surrogate \ufffe\uffff") == "lone  surrogate "
    assert clean_text("정부는 35개국에\u200b 친서를") == "정부는 35개국에 친서를"


def test_a_line_folds_every_space_and_break_into_one_space():
    assert clean_line(" a\t b\r\n\x0b c ") == "a b c"
    assert clean_line(TITLE_SENT) == TITLE_STORED


def test_needs_cleaning_tells_a_clean_value():
    assert not needs_cleaning("plain\ttext\nwith lines")
    assert needs_cleaning("a\rb") and needs_cleaning("a\x01") and not needs_cleaning("\u202e")


def test_article_parsing_uses_the_same_cleaning():
    from articles.parsing import text

    assert text.clean_text is clean_text and text.clean_line is clean_line
    assert clean_typed_text("a\x01\u202eb\r\n") == "a\u202eb\n"  # typed: formatting kept
    assert clean_typed_line(" a\x0b\u200b b ") == "a\u200b b"


# The API ------------------------------------------------------------------------------


def test_api_verdict_note_and_source_fields_are_cleaned(team, claims):
    response = token_client(team["alice"]).post(
        f"/api/v1/claims/{claims[0].pk}/verdicts/",
        {
            "verdict": "verified",
            "note": NOTE_SENT,
            "sources": [
                {
                    "url": "https://stats.example/t1",
                    "title": TITLE_SENT,
                    "publisher": "Statistics\x1c Office\x1b",
                    "excerpt": "12\x08 million\r\nwon\x0e",
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    verdict = Verdict.objects.get(pk=response.json()["id"])
    assert verdict.note == NOTE_STORED
    source = Source.objects.get(verdict=verdict)
    assert (source.title, source.publisher, source.excerpt) == (
        TITLE_STORED,
        "Statistics Office",
        "12 million\nwon",
    )
    assert response.json()["note"] == NOTE_STORED


def test_api_values_of_nothing_but_controls_are_blank(team, claims):
    response = token_client(team["alice"]).post(
        f"/api/v1/claims/{claims[0].pk}/verdicts/",
        {"verdict": "unverifiable", "note": "\x01\x02", "sources": []},
        format="json",
    )
    assert response.status_code == 201
    assert Verdict.objects.get(pk=response.json()["id"]).note == ""


def test_api_job_sources_with_controls_are_refused_and_nothing_is_queued(team):
    client = token_client(team["alice"])
    for url in ("https://news.example/a\x01b", "\x01https://news.example/a", "ht\ttps://x/"):
        response = client.post("/api/v1/articles/", {"url": url}, format="json")
        assert response.status_code == 400, url
        assert "url" in response.json()
    assert not IngestJob.objects.exists()
    assert not Article.objects.exists()


def test_api_pasted_text_title_is_cleaned(team):
    response = token_client(team["alice"]).post(
        "/api/v1/articles/",
        {"text": "The city spent $12 million on roads in 2024.", "title": TITLE_SENT},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Article.objects.get().title == TITLE_STORED


# The review interface's forms -----------------------------------------------------------


def test_verdict_form_note_and_source_fields_are_cleaned(team, claims):
    data = {
        "verdict": "disputed",
        "note": NOTE_SENT,
        **FORMSET,
        "source-0-url": "https://stats.example/t1",
        "source-0-title": TITLE_SENT,
        "source-0-publisher": "Statistics\x1d Office",
        "source-0-excerpt": "12\x08 million\r\nwon",
        "source-0-stance": "",
    }
    response = signed_in("alice").post(reverse("claims:verdict", args=[claims[0].pk]), data, **HTMX)
    assert response.status_code == 200, response.content[:500]
    verdict = Verdict.objects.get(claim=claims[0])
    assert verdict.note == NOTE_STORED
    source = Source.objects.get(verdict=verdict)
    assert (source.title, source.publisher, source.excerpt) == (
        TITLE_STORED,
        "Statistics Office",
        "12 million\nwon",
    )


def test_dismiss_form_reason_is_cleaned(team, claims):
    signed_in("alice").post(
        reverse("claims:dismiss", args=[claims[1].pk]), {"reason": "an\x01 opinion\x0b\r\n"}, **HTMX
    )
    claim = Claim.objects.get(pk=claims[1].pk)
    assert claim.dismissed_reason == "an opinion"
    assert ClaimEvent.objects.get(claim=claim).detail == {"reason": "an opinion"}


def test_a_dismissal_reason_of_nothing_but_controls_is_refused(team, claims):
    response = signed_in("alice").post(
        reverse("claims:dismiss", args=[claims[1].pk]), {"reason": "\x01\x02"}, **HTMX
    )
    assert response.status_code == 422
    assert Claim.objects.get(pk=claims[1].pk).dismissed_reason == ""


def test_ingest_form_title_is_cleaned(team):
    signed_in("alice").post(
        reverse("claims:ingest"),
        {"text": "The city spent $12 million on roads in 2024.", "title": TITLE_SENT},
    )
    assert Article.objects.get().title == TITLE_STORED


# The services, whoever calls them -------------------------------------------------------


def test_services_clean_what_any_caller_passes(team, claims):
    verdict = claim_record_verdict(
        claim=claims[0],
        reviewer=team["alice"],
        verdict="verified",
        note=NOTE_SENT,
        sources=[SourceInput(url="https://stats.example/t1", title=TITLE_SENT, excerpt="a\x01b")],
    )
    verdict = Verdict.objects.get(pk=verdict.pk)
    assert verdict.note == NOTE_STORED
    assert Source.objects.filter(verdict=verdict).values_list("title", "excerpt").get() == (
        TITLE_STORED,
        "ab",
    )
    claim_dismiss(claim=claims[1], actor=team["erin"], reason="dup\x1e licate")
    assert Claim.objects.get(pk=claims[1].pk).dismissed_reason == "dup licate"
    claim_correct(claim=claims[0], actor=team["erin"], kind="statistical", attribution="mayor\x01")
    assert Claim.objects.get(pk=claims[0].pk).attribution == "mayor"


def test_a_correction_that_only_cleans_spacing_records_no_attribution_change(team, claims):
    Claim.objects.filter(pk=claims[0].pk).update(attribution="the  mayor")
    claim_correct(claim=claims[0], actor=team["erin"], kind="quote", attribution="the mayor")
    event = ClaimEvent.objects.get(claim=claims[0], action="corrected")
    assert set(event.detail) == {"kind"}
    assert Claim.objects.get(pk=claims[0].pk).attribution == "the  mayor"


# The admin console ----------------------------------------------------------------------


@pytest.fixture
def admin_client(team) -> Client:
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client = Client()
    client.force_login(root)
    return client


def admin_form(client: Client, url: str) -> dict[str, Any]:
    """The change form's values as the browser would send them back."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = lxml.html.fromstring(response.content)
    [form] = page.xpath("//form[contains(@id, '_form')]")
    data: dict[str, Any] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()}


def admin_save(client: Client, page: str, **changes: str) -> Any:
    return client.post(page, admin_form(client, page) | changes)


def test_admin_outlet_article_and_feed_text_is_cleaned(admin_client, claims):
    article = claims[0].article
    outlet = article.outlet
    url = f"/admin/articles/outlet/{outlet.pk}/change/"
    assert admin_save(admin_client, url, name="Test\x07 Wire\x1f").status_code == 302
    assert Outlet.objects.get(pk=outlet.pk).name == "Test Wire"

    url = f"/admin/articles/article/{article.pk}/change/"
    assert admin_save(admin_client, url, title=TITLE_SENT).status_code == 302
    assert Article.objects.get(pk=article.pk).title == TITLE_STORED

    feed = Feed.objects.create(url="https://news.example/feed.xml")
    url = f"/admin/articles/feed/{feed.pk}/change/"
    assert admin_save(admin_client, url, title="Feed\x02 title\r\n").status_code == 302
    assert Feed.objects.get(pk=feed.pk).title == "Feed title"


def test_admin_refuses_web_addresses_with_controls(admin_client, claims):
    article = claims[0].article
    feed = Feed.objects.create(url="https://news.example/feed.xml")
    for page, field, value in [
        (f"/admin/articles/feed/{feed.pk}/change/", "url", "https://news.example/f\x01"),
        (f"/admin/articles/article/{article.pk}/change/", "url", "https://news.example/\x7f"),
        (f"/admin/articles/article/{article.pk}/change/", "canonical_url", "\x01https://a.b/"),
    ]:
        response = admin_save(admin_client, page, **{field: value})
        assert response.status_code == 200, (field, value)  # the form again, with the error
        assert "control character" in response.content.decode()
    assert Feed.objects.get(pk=feed.pk).url == "https://news.example/feed.xml"
    assert Article.objects.get(pk=article.pk).url == article.url


def test_admin_claim_attribution_is_cleaned_and_recorded_cleaned(admin_client, claims):
    url = f"/admin/claims/claim/{claims[0].pk}/change/"
    assert admin_save(admin_client, url, attribution="the\x0b mayor\x01").status_code == 302
    assert Claim.objects.get(pk=claims[0].pk).attribution == "the mayor"
    event = ClaimEvent.objects.get(claim=claims[0], action="corrected")
    assert event.detail["attribution"]["to"] == "the mayor"


def test_admin_user_names_are_cleaned_and_usernames_with_controls_refused(admin_client, team):
    alice = team["alice"]
    url = f"/admin/auth/user/{alice.pk}/change/"
    response = admin_save(admin_client, url, first_name="Al\x01ice\x1f", last_name="Kim\r\n")
    assert response.status_code == 302
    alice = get_user_model().objects.get(pk=alice.pk)
    assert (alice.first_name, alice.last_name) == ("Alice", "Kim")

    response = admin_save(admin_client, url, username="ali\x01ce")
    assert response.status_code == 200  # refused by Django's username check, never cleaned
    assert get_user_model().objects.get(pk=alice.pk).username == "alice"
