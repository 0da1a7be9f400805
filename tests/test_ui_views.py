"""The review interface: permissions per role, pages, actions, escaping and query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from claims.models import Claim, ClaimEvent, ClaimStatus, Verdict
from claims.services import SourceInput, claim_record_verdict
from tests.factories import PASSWORD, make_article, make_claims

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
SOURCE = {
    "source-TOTAL_FORMS": "2",
    "source-INITIAL_FORMS": "0",
    "source-MIN_NUM_FORMS": "0",
    "source-MAX_NUM_FORMS": "10",
}


@pytest.fixture
def article(team: dict[str, Any]) -> Any:
    return make_article(
        sentences=[
            "The city spent $12 million on roads in 2024.",
            "Unemployment fell to 3.5 percent last year.",
            "The mayor said it was a good year.",
        ]
    )


@pytest.fixture
def claims(article: Any) -> list[Claim]:
    return make_claims(article)


def client_for(name: str | None) -> Client:
    client = Client()
    if name:
        assert client.login(request=HttpRequest(), username=name, password=PASSWORD)
    return client


def verdict_data(verdict: str = "verified", url: str = "https://stats.example/report") -> dict:
    return {
        "verdict": verdict,
        "note": "checked",
        **SOURCE,
        "source-0-url": url,
        "source-0-title": "Report",
        "source-0-publisher": "Statistics Office",
        "source-0-excerpt": "12 million",
        "source-0-stance": "supports",
        "source-1-stance": "supports",
    }


# --- Permission matrix ---------------------------------------------------------------------

READ = "read"
REVIEW = "review"
SETTLE = "settle"
EXPECTED = {
    # role -> what it may do
    None: set(),
    "oscar": set(),
    "victor": {READ},
    "alice": {READ, REVIEW},
    "erin": {READ, REVIEW, SETTLE},
}


def actions(article: Any, claims: list[Claim], team: dict[str, Any]) -> list[tuple]:
    c = claims[0]
    return [
        # (name, method, url, data, needs, success statuses)
        ("queue", "get", reverse("claims:queue"), None, READ, {200}),
        ("dashboard", "get", reverse("claims:dashboard"), None, READ, {200}),
        ("article", "get", reverse("claims:article", args=[article.pk]), None, READ, {200}),
        ("claim", "get", reverse("claims:claim", args=[c.pk]), None, READ, {200}),
        ("ingest form", "get", reverse("claims:ingest"), None, REVIEW, {200}),
        (
            "ingest text",
            "post",
            reverse("claims:ingest"),
            {"text": "Exports rose 12 percent in March, the ministry said on Tuesday."},
            REVIEW,
            {200},
        ),
        ("verdict", "post", reverse("claims:verdict", args=[c.pk]), verdict_data(), REVIEW, {302}),
        (
            "dismiss",
            "post",
            reverse("claims:dismiss", args=[claims[2].pk]),
            {"reason": "opinion"},
            REVIEW,
            {302},
        ),
        ("restore", "post", reverse("claims:restore", args=[claims[2].pk]), {}, REVIEW, {302}),
        (
            "span",
            "post",
            reverse("claims:span", args=[claims[1].pk]),
            {"start": claims[1].start, "end": claims[1].end - 1},
            REVIEW,
            {302},
        ),
        (
            "add claim",
            "post",
            reverse("claims:add_claim", args=[article.pk]),
            {"text": "The mayor said", "kind": "quote"},
            REVIEW,
            {302},
        ),
        (
            "settle",
            "post",
            reverse("claims:verdict", args=[c.pk]),
            verdict_data() | {"settles": "on"},
            SETTLE,
            {302},
        ),
        (
            "assign",
            "post",
            reverse("claims:assign", args=[c.pk]),
            {"assignee": team["alice"].pk},
            SETTLE,
            {302},
        ),
        (
            "queue assign",
            "post",
            reverse("claims:queue_assign"),
            {"assignee": team["bob"].pk, "claim": [claims[2].pk], "next": "/?status=unreviewed"},
            SETTLE,
            {302},
        ),
        (
            "merge",
            "post",
            reverse("claims:merge", args=[claims[1].pk]),
            {"into": c.pk},
            SETTLE,
            {302},
        ),
    ]


@pytest.mark.parametrize("who", [None, "oscar", "victor", "alice", "erin"])
def test_each_role_may_do_what_it_is_allowed_and_is_refused_the_rest(
    team: dict[str, Any], article: Any, claims: list[Claim], who: Any
):
    client = client_for(who)
    for name, method, url, data, needs, ok in actions(article, claims, team):
        response = getattr(client, method)(url, data or {})
        if who is None:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name
        elif needs in EXPECTED[who]:
            assert response.status_code in ok, (name, response.status_code)
        else:
            assert response.status_code == 403, (name, response.status_code)


def test_nothing_is_written_by_refused_actions(team, article, claims):
    for who in (None, "oscar", "victor"):
        client = client_for(who)
        for _name, method, url, data, _needs, _ok in actions(article, claims, team):
            if method == "post":
                getattr(client, method)(url, data or {})
    assert not Verdict.objects.exists()
    assert not ClaimEvent.objects.exists()
    assert Claim.objects.count() == 3
    assert Article.objects.count() == 1


def test_reviewer_cannot_settle(team, claims):
    response = client_for("alice").post(
        reverse("claims:verdict", args=[claims[0].pk]), verdict_data() | {"settles": "on"}
    )
    assert response.status_code == 403
    assert not Verdict.objects.exists()


# --- Pages ---------------------------------------------------------------------------------


def test_signing_in_opens_the_queue_and_signing_out_closes_it(team):
    client = Client()
    page = client.get(reverse("login"))
    assert page.status_code == 200
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("claims:queue")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("claims:queue")).status_code == 302


def test_queue_orders_by_score_and_counts_statuses(team, article):
    low, high, mid = make_claims(article)
    Claim.objects.filter(pk=low.pk).update(score=0.1)
    Claim.objects.filter(pk=high.pk).update(score=0.9, status=ClaimStatus.VERIFIED)
    client = client_for("victor")
    page = client.get(reverse("claims:queue"), {"status": "all"}).content.decode()
    assert page.index(high.text) < page.index(mid.text) < page.index(low.text)
    verified = client.get(reverse("claims:queue"), {"status": "verified"}).content.decode()
    assert high.text in verified and low.text not in verified


def test_queue_filters_by_language_text_outlet_reviewer_assignee_and_date(team, article, claims):
    other = make_article(sentences=["Prices rose 7 percent in Seoul."], language="ko", outlet="B")
    (korean,) = make_claims(other)
    client = client_for("victor")
    by_lang = client.get(reverse("claims:queue"), {"language": "ko"}).content.decode()
    assert korean.text in by_lang and claims[0].text not in by_lang
    by_text = client.get(reverse("claims:queue"), {"q": "unemployment"}).content.decode()
    assert claims[1].text in by_text and claims[0].text not in by_text
    by_outlet = client.get(
        reverse("claims:queue"), {"outlet": str(other.outlet_id)}
    ).content.decode()
    assert korean.text in by_outlet and claims[0].text not in by_outlet
    claim_record_verdict(claim=claims[0], reviewer=team["bob"], verdict="unverifiable")
    by_rev = client.get(
        reverse("claims:queue"), {"reviewer": team["bob"].pk, "status": "all"}
    ).content.decode()
    assert claims[0].text in by_rev and claims[1].text not in by_rev
    Claim.objects.filter(pk=claims[2].pk).update(assigned_to=team["alice"])
    mine = client_for("alice").get(reverse("claims:queue"), {"mine": "on"}).content.decode()
    assert claims[2].text in mine and claims[0].text not in mine
    dated = client.get(reverse("claims:queue"), {"since": "2030-01-01"}).content.decode()
    assert claims[0].text not in dated


def test_queue_pages_walk_every_claim_once(team, article):
    from claims.views import queue as views

    claims = make_claims(make_article(sentences=[f"Item {i} cost {i} dollars." for i in range(7)]))
    client = client_for("victor")
    old = views.PAGE_SIZE
    views.PAGE_SIZE = 3
    try:
        seen: list[str] = []
        url = reverse("claims:queue")
        query = ""
        for _ in range(5):
            response = client.get(url + "?" + query)
            seen += [c.text for c in response.context["claims"]]
            query = response.context["next_query"]
            if not query:
                break
    finally:
        views.PAGE_SIZE = old
    assert sorted(seen) == sorted(c.text for c in claims)


def test_article_highlights_claims_in_place(team, article, claims):
    page = client_for("victor").get(reverse("claims:article", args=[article.pk]))
    html = page.content.decode()
    for claim in claims:
        assert f'id="claim-{claim.pk}"' in html
        assert f'data-o="{claim.start}"' in html
    assert "st-unreviewed" in html
    segments = page.context["segments"]
    assert "".join(s.text for s in segments) == article.revisions.get().body


def test_claim_panel_comes_alone_to_htmx_and_in_a_whole_page_otherwise(team, claims):
    client = client_for("victor")
    response = client.get(reverse("claims:claim", args=[claims[0].pk]), **HTMX)
    html = response.content.decode()
    assert 'id="claim-panel"' in html and "<html" not in html
    assert 'hx-swap-oob="true"' in html
    full = client.get(reverse("claims:claim", args=[claims[0].pk])).content.decode()
    assert "<html" in full and 'id="claim-panel"' in full


def test_viewer_sees_no_verdict_form(team, claims):
    html = client_for("victor").get(reverse("claims:claim", args=[claims[0].pk])).content.decode()
    assert 'id="verdict-form"' not in html


# --- Actions ---------------------------------------------------------------------------------


def test_verdict_with_source_updates_status_and_history(team, claims):
    client = client_for("alice")
    response = client.post(reverse("claims:verdict", args=[claims[0].pk]), verdict_data(), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "st-verified" in html and "Statistics Office" in html
    claims[0].refresh_from_db()
    assert claims[0].status == ClaimStatus.VERIFIED
    assert Verdict.objects.get().sources.get().url == "https://stats.example/report"


@pytest.mark.parametrize("verdict", ["verified", "disputed"])
def test_verdict_without_source_is_refused_with_the_error(team, claims, verdict):
    data = verdict_data(verdict) | {"source-0-url": "", "source-0-title": ""}
    data |= {"source-0-publisher": "", "source-0-excerpt": ""}
    response = client_for("alice").post(
        reverse("claims:verdict", args=[claims[0].pk]), data, **HTMX
    )
    assert response.status_code == 422
    assert "needs at least one source" in response.content.decode()
    assert not Verdict.objects.exists()


def test_verdict_error_is_in_korean_for_a_korean_browser(team, claims):
    data = verdict_data() | {"source-0-url": "", "source-0-title": ""}
    data |= {"source-0-publisher": "", "source-0-excerpt": ""}
    response = client_for("alice").post(
        reverse("claims:verdict", args=[claims[0].pk]),
        data,
        HTTP_ACCEPT_LANGUAGE="ko",
        **HTMX,
    )
    assert response.status_code == 422
    # A verdict's source is 근거 자료 (evidence); 출처 is where an article came from.
    assert "근거 자료" in response.content.decode()


def test_javascript_source_url_is_refused(team, claims):
    response = client_for("alice").post(
        reverse("claims:verdict", args=[claims[0].pk]),
        verdict_data(url="javascript:alert(1)"),
        **HTMX,
    )
    assert response.status_code == 422
    assert 'href="javascript:' not in response.content.decode()
    assert not Verdict.objects.exists()


def test_unverifiable_needs_no_source(team, claims):
    data = {"verdict": "unverifiable", "note": "", **SOURCE}
    response = client_for("alice").post(reverse("claims:verdict", args=[claims[0].pk]), data)
    assert response.status_code == 302
    claims[0].refresh_from_db()
    assert claims[0].status == ClaimStatus.UNVERIFIABLE


def test_disagreement_is_contested_and_editor_settles(team, claims):
    url = reverse("claims:verdict", args=[claims[0].pk])
    client_for("alice").post(url, verdict_data("verified"))
    client_for("bob").post(url, verdict_data("disputed"))
    claims[0].refresh_from_db()
    assert claims[0].status == ClaimStatus.CONTESTED
    html = client_for("erin").get(reverse("claims:claim", args=[claims[0].pk])).content.decode()
    assert "Reviewers disagree" in html and 'name="settles"' in html
    client_for("erin").post(url, verdict_data("disputed") | {"settles": "on"})
    claims[0].refresh_from_db()
    assert claims[0].status == ClaimStatus.DISPUTED
    assert Verdict.objects.filter(claim=claims[0]).count() == 3


def test_dismissal_needs_a_reason_and_restoring_brings_the_claim_back(team, claims):
    client = client_for("alice")
    response = client.post(
        reverse("claims:dismiss", args=[claims[2].pk]), {"reason": "an opinion"}, **HTMX
    )
    assert response.status_code == 200
    claims[2].refresh_from_db()
    assert claims[2].status == ClaimStatus.DISMISSED
    refused = client.post(reverse("claims:dismiss", args=[claims[1].pk]), {"reason": ""}, **HTMX)
    assert refused.status_code == 422
    client.post(reverse("claims:restore", args=[claims[2].pk]))
    claims[2].refresh_from_db()
    assert claims[2].status == ClaimStatus.UNREVIEWED
    assert list(claims[2].events.values_list("action", flat=True).order_by("id")) == [
        "dismissed",
        "restored",
    ]


def test_a_claim_is_added_by_offsets_and_text_outside_the_article_is_refused(team, article, claims):
    client = client_for("alice")
    body = article.revisions.get().body
    start = body.index("3.5 percent")
    response = client.post(
        reverse("claims:add_claim", args=[article.pk]),
        {"start": start, "end": start + len("3.5 percent"), "kind": "statistical"},
    )
    assert response.status_code == 302
    added = Claim.objects.get(origin="reviewer")
    assert added.text == "3.5 percent" and added.created_by == team["alice"]
    assert added.events.get().action == "added"
    assert any(f["unit"] == "percent" for f in added.figures)
    missing = client.post(
        reverse("claims:add_claim", args=[article.pk]), {"text": "not in there", "kind": "quote"}
    )
    assert missing.status_code == 422
    outside = client.post(
        reverse("claims:add_claim", args=[article.pk]),
        {"start": 5, "end": 99999, "kind": "quote"},
    )
    assert outside.status_code == 422


def test_adjusting_a_span_changes_the_claim_text_and_records_it(team, article, claims):
    claim = claims[0]
    response = client_for("alice").post(
        reverse("claims:span", args=[claim.pk]), {"start": claim.start + 4, "end": claim.end}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    body = article.revisions.get().body
    assert claim.text == body[claim.start : claim.end] == "city spent $12 million on roads in 2024."
    assert claim.events.get().action == "span_changed"


def test_merge_moves_verdicts_and_dismisses_the_duplicate(team, claims):
    claim_record_verdict(claim=claims[1], reviewer=team["bob"], verdict="unverifiable")
    client_for("erin").post(reverse("claims:merge", args=[claims[1].pk]), {"into": claims[0].pk})
    claims[0].refresh_from_db()
    claims[1].refresh_from_db()
    assert claims[1].status == ClaimStatus.DISMISSED
    assert claims[0].status == ClaimStatus.UNVERIFIABLE
    assert claims[0].verdicts.count() == 1


def test_editor_assigns_a_claim_to_a_reviewer(team, claims):
    client_for("erin").post(
        reverse("claims:assign", args=[claims[0].pk]), {"assignee": team["alice"].pk}
    )
    claims[0].refresh_from_db()
    assert claims[0].assigned_to == team["alice"]


def test_pasted_text_is_stored_with_its_claims(team):
    text = (
        "Exports rose 12 percent in March, the ministry said on Tuesday.\n\n"
        "The government sent letters to 35 countries last month."
    )
    response = client_for("alice").post(
        reverse("claims:ingest"), {"text": text, "title": "Exports up"}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response.context["results"]
    article = Article.objects.get()
    assert article.title == "Exports up"
    assert "35 countries" in article.revisions.get().body
    assert Claim.objects.filter(article=article, text__contains="12 percent").exists()


def test_ingest_without_input_with_a_javascript_url_or_blank_text_is_a_422(team):
    client = client_for("alice")
    none = client.post(reverse("claims:ingest"), {})
    assert none.status_code == 422
    js = client.post(reverse("claims:ingest"), {"url": "javascript:alert(1)"})
    assert js.status_code == 422
    assert "http://" in js.content.decode()
    blank = client.post(reverse("claims:ingest"), {"text": "   \n  "})
    assert blank.status_code == 422
    assert not Article.objects.exists()


def test_dashboard_draws_an_svg_chart(team, claims):
    claim_record_verdict(claim=claims[0], reviewer=team["bob"], verdict="unverifiable")
    html = client_for("victor").get(reverse("claims:dashboard")).content.decode()
    assert "<svg" in html and "<rect" in html and "Test Wire" in html


# --- Escaping ----------------------------------------------------------------------------------

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_claim_text_and_sources_render_inert(team):
    article = make_article(sentences=[f"The budget was {EVIL} 5 million dollars."])
    (claim,) = make_claims(article, attribution=EVIL)
    verdict = Verdict.objects.create(claim=claim, reviewer=team["bob"], verdict="verified")
    verdict.sources.create(
        url="https://ok.example/",
        title=EVIL,
        publisher=EVIL,
        excerpt=EVIL,
        accessed_at=verdict.created_at,
    )
    article.title = EVIL
    article.url = "javascript:alert(1)"
    article.save()
    client = client_for("victor")
    for url in (
        reverse("claims:article", args=[article.pk]),
        reverse("claims:claim", args=[claim.pk]),
        reverse("claims:queue"),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;" in html


def test_javascript_url_never_becomes_a_link():
    from claims.templatetags.claimdesk import safe_link

    assert "<a" not in safe_link("javascript:alert(1)")
    assert "<a" not in safe_link("JaVaScRiPt:alert(1)", "x")
    assert "<a" not in safe_link("data:text/html,hi")
    assert '<a href="https://a.example/"' in safe_link("https://a.example/")


# --- Query counts ------------------------------------------------------------------------------


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queue_and_article_queries_do_not_grow_with_claims(team):
    client = client_for("alice")
    small = make_article(sentences=[f"Item {i} cost {i} dollars." for i in range(5)])
    make_claims(small)
    queue_small = _count(client, reverse("claims:queue"))
    article_small = _count(client, reverse("claims:article", args=[small.pk]))
    big = make_article(sentences=[f"Thing {i} cost {i} won." for i in range(200)])
    big_claims = make_claims(big)
    for c in big_claims[:20]:
        claim_record_verdict(
            claim=c, reviewer=team["bob"], verdict="verified", sources=[SourceInput("https://a.b/")]
        )
    assert _count(client, reverse("claims:queue")) == queue_small
    assert _count(client, reverse("claims:article", args=[big.pk])) == article_small
    # The article beside the panel drawn afresh each time (the article page's cache would
    # serve it otherwise, with fewer queries: issue 18).
    cache.clear()
    panel_one = _count(client, reverse("claims:claim", args=[big_claims[1].pk]))
    for reviewer in ("alice", "erin"):
        claim_record_verdict(
            claim=big_claims[0],
            reviewer=team[reviewer],
            verdict="verified",
            sources=[SourceInput("https://a.b/"), SourceInput("https://c.d/")],
        )
    cache.clear()
    assert _count(client, reverse("claims:claim", args=[big_claims[0].pk])) == panel_one


def _reviewed_claims_in_outlets(team: dict[str, Any], n: int) -> None:
    for i in range(n):
        [claim] = make_claims(make_article(outlet=f"Outlet {i}"))
        claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="unverifiable")


@pytest.mark.parametrize("n", [10, 20])
def test_dashboard_takes_a_constant_number_of_queries(team, django_assert_num_queries, n):
    _reviewed_claims_in_outlets(team, n)
    client = client_for("victor")
    # session, the user with their permissions and unread notifications (claims.auth_backend),
    # then claims by status, claims by outlet, verdicts by day, the verdicts behind the
    # reviewers' agreement.
    with django_assert_num_queries(6):
        response = client.get(reverse("claims:dashboard"))
    assert response.status_code == 200
    assert response.context["total"] == n
    assert len(response.context["by_outlet"]) == n


@pytest.mark.parametrize("n", [10, 20])
def test_ingest_job_progress_takes_a_constant_number_of_queries(team, django_assert_num_queries, n):
    from articles.models import IngestJob

    articles = [make_article(outlet=f"Outlet {i}") for i in range(n)]
    job = IngestJob.objects.create(
        source="https://news.example/a",
        state=IngestJob.State.DONE,
        article_ids=[a.pk for a in articles],
        created_by=team["alice"],
    )
    client = client_for("alice")
    # session, the user with their permissions, the job, its articles with their outlets.
    with django_assert_num_queries(4):
        response = client.get(reverse("claims:ingest_job", args=[job.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('href="/articles/') == n
    assert "Outlet 0" in html and f"Outlet {n - 1}" in html


def test_an_uploaded_text_file_is_stored_with_its_claims(team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = (
        b"Exports rose 12 percent in March, the ministry said on Tuesday.\n\n"
        b"The government sent letters to 35 countries last month."
    )
    upload = SimpleUploadedFile("exports.txt", text, content_type="text/plain")
    response = client_for("alice").post(reverse("claims:ingest"), {"file": upload})
    assert response.status_code == 200
    (result,) = response.context["results"]
    assert result["claims"] and "35 countries" in response.content.decode()
    # A text file's first line is its title; the claims come from the lines after it.
    article = Article.objects.get()
    assert article.title.startswith("Exports rose 12 percent in March")
    revision = article.revisions.get()
    assert revision.body.startswith("The government sent letters to 35 countries")
    assert Claim.objects.filter(revision=revision, text__contains="35 countries").exists()


def test_ingest_refuses_a_binary_file_naming_it(team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    response = client_for("alice").post(reverse("claims:ingest"), {"file": upload})
    assert response.status_code == 422
    assert "photo.png could not be ingested" in response.content.decode()
    assert not Article.objects.exists()


def test_ingest_a_url_is_queued_when_workers_run(team, settings, monkeypatch):
    from articles.models import IngestJob

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr("claims.tasks.ingest_job_task.delay", lambda pk: None)
    client = client_for("alice")
    response = client.post(reverse("claims:ingest"), {"url": "https://news.example/a"})
    assert response.status_code == 200
    job = IngestJob.objects.get()
    assert job.source == "https://news.example/a" and job.created_by == team["alice"]
    html = response.content.decode()
    assert f'hx-get="{reverse("claims:ingest_job", args=[job.pk])}"' in html
    IngestJob.objects.filter(pk=job.pk).update(state="failed", error="HTTP 404")
    poll = client.get(reverse("claims:ingest_job", args=[job.pk]))
    assert "HTTP 404" in poll.content.decode() and "hx-trigger" not in poll.content.decode()
    assert client_for("victor").get(reverse("claims:ingest_job", args=[job.pk])).status_code == 403


def test_a_signed_out_in_page_request_is_a_401_that_writes_nothing(team, claims):
    response = Client().post(reverse("claims:verdict", args=[claims[0].pk]), verdict_data(), **HTMX)
    assert response.status_code == 401
    assert not Verdict.objects.exists()


def test_editor_assigns_ticked_claims_from_the_queue(team, claims):
    client = client_for("erin")
    page = client.get(reverse("claims:queue")).content.decode()
    assert 'id="assign-form"' in page
    assert (
        'id="assign-form"' not in client_for("alice").get(reverse("claims:queue")).content.decode()
    )
    response = client.post(
        reverse("claims:queue_assign"),
        {
            "assignee": team["bob"].pk,
            "claim": [claims[0].pk, claims[1].pk],
            "next": "//evil.example/",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("claims:queue")
    assert set(Claim.objects.filter(assigned_to=team["bob"]).values_list("pk", flat=True)) == {
        claims[0].pk,
        claims[1].pk,
    }
    mine = client_for("bob").get(reverse("claims:queue"), {"mine": "on"}).content.decode()
    assert claims[0].text in mine and claims[2].text not in mine


def test_article_from_a_file_links_to_its_canonical_url(client, team):
    article = make_article()
    article.url = ""
    article.canonical_url = "https://news.example/canonical"
    article.save()
    client.force_login(team["victor"])
    page = client.get(reverse("claims:article", args=[article.pk])).content.decode()
    assert 'href="https://news.example/canonical"' in page
