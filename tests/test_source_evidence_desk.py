"""Sources in the product: a source attached to a verdict (in the panel or through the API)
is fetched through the guarded fetcher once the verdict commits, archived and held against
the claim; the panel shows what was found beside the source with the passage and the
figure marked, the archived copy is served as plain text, a changed or vanished page brings
the claim back to the queue as due for re-check, and the API's source objects carry
``corroboration`` and ``archive`` (PRODUCT.md section 9)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims.archiving import source_archive, sources_to_refetch
from claims.extraction.figures import extract_figures
from claims.models import Claim, ClaimEvent, Source, SourceArchive
from claims.services import SourceInput, claim_record_verdict, claims_mark_due
from tests.factories import make_article, make_claims, token_client
from tests.localserver import QuietHandler, serve_handler
from tests.test_ui_views import HTMX, client_for, verdict_data

CLAIM = "베인캐피탈은 2021년 초 클래시스 지분 61.57%를 약 6700억원에 인수했다."
PAGE = (
    "<html><head><title>클래시스 매각</title></head><body><article>"
    "<p>매각 대상은 베인캐피탈이 보유한 클래시스 지분 61.57%다. 베인캐피탈은 2021년 초 이 "
    "지분을 6,700억 원에 인수했다.</p><p>시가총액은 3조7800억원 수준이다.</p>"
    "<script>alert('scraped')</script><p>&lt;b&gt;굵게&lt;/b&gt; 표시는 글자 그대로다.</p>"
    "</article></body></html>"
)
CHANGED = PAGE.replace("6,700억 원에 인수했다", "7,100억 원에 인수했다")
EXCERPT = "베인캐피탈이 보유한 클래시스 지분 61.57%다"


class Handler(QuietHandler):
    pages: dict[str, tuple[int, str]] = {}

    def do_GET(self) -> None:  # noqa: N802
        status, page = self.pages.get(self.path, (404, "missing"))
        body = page.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site(fetch_loopback: None, settings: Any, tmp_path: Any) -> Any:
    settings.STORAGES = {
        **settings.STORAGES,
        "archives": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "archives")},
        },
    }
    Handler.pages = {"/report": (200, PAGE)}
    with serve_handler(Handler) as base:
        yield base


STAKE = "베인캐피탈은 클래시스 지분 61.57%를 보유하고 있다."


@pytest.fixture
def stake(team: dict[str, Any]) -> Claim:
    """A claim whose truth ages: who holds a stake."""
    article = make_article(sentences=[STAKE], language="ko")
    figures = [f.as_dict() for f in extract_figures(STAKE, language="ko")]
    return make_claims(article, figures=figures)[0]


@pytest.fixture
def claim(team: dict[str, Any]) -> Claim:
    article = make_article(sentences=[CLAIM], language="ko")
    figures = [f.as_dict() for f in extract_figures(CLAIM, language="ko")]
    return make_claims(article, figures=figures)[0]


def cite(claim: Claim, user: Any, url: str, excerpt: str = EXCERPT) -> Source:
    verdict = claim_record_verdict(
        claim=claim,
        reviewer=user,
        verdict="verified",
        sources=[SourceInput(url=url, title="Report", excerpt=excerpt)],
    )
    return verdict.sources.get()


def test_a_source_attached_in_the_panel_is_archived_and_shown_found_with_its_passage(
    team, claim, site, django_capture_on_commit_callbacks
):
    data = verdict_data(url=f"{site}/report") | {"source-0-excerpt": EXCERPT}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for("alice").post(reverse("claims:verdict", args=[claim.pk]), data)
    assert response.status_code == 302
    # The source's archiving is handed over once, after the commit (the desk's events too).
    handed = [c for c in callbacks if c.__qualname__.startswith("queue_source_archiving")]
    assert len(handed) == 1
    source = Source.objects.get()
    assert source.corroboration["state"] == "found"
    assert source.corroboration["excerpt_found"] is True
    assert source.archive is not None
    assert len(source.archive["sha256"]) == 64 and source.archive["status"] == 200
    assert SourceArchive.objects.filter(source=source).count() == 1
    page = client_for("alice").get(reverse("claims:claim", args=[claim.pk])).content.decode()
    assert 'data-state="found"' in page
    assert "<mark>6,700억 원</mark>" in page  # the figure marked in its passage
    assert "The quoted passage is on the archived page." in page
    assert reverse("claims:source_archive", args=[source.pk]) in page


def test_a_source_not_fetched_yet_is_pending_and_the_panel_asks_again(team, claim, site):
    """Without the commit hook running (as when a worker has it), the source is pending."""
    source = cite(claim, team["alice"], f"{site}/report")
    assert Source.objects.get(pk=source.pk).corroboration["state"] == "pending"
    page = client_for("alice").get(reverse("claims:claim", args=[claim.pk])).content.decode()
    evidence = reverse("claims:source_evidence", args=[source.pk])
    assert f'hx-get="{evidence}"' in page
    source_archive(source=source)
    again = client_for("alice").get(evidence, **HTMX).content.decode()
    assert 'data-state="found"' in again and "hx-get" not in again


def test_an_unreachable_source_says_so_with_its_status_never_not_found(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/gone")
    source_archive(source=source)
    stored = Source.objects.get(pk=source.pk)
    assert stored.corroboration["state"] == "unreachable"
    assert stored.corroboration["status"] == 404 and stored.archive is None
    page = client_for("alice").get(reverse("claims:claim", args=[claim.pk])).content.decode()
    assert 'data-state="unreachable"' in page and "HTTP 404" in page


def test_an_excerpt_not_on_the_page_is_flagged_in_the_panel_and_the_api(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/report", excerpt="지분을 1조원에 팔았다")
    source_archive(source=source)
    page = client_for("alice").get(reverse("claims:claim", args=[claim.pk])).content.decode()
    assert "The quoted passage is not on the archived page." in page
    body = token_client(team["victor"]).get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["sources"][0]["corroboration"]["excerpt_found"] is False


def test_the_archived_copy_is_served_as_plain_text_never_as_html(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/report")
    source_archive(source=source)
    response = client_for("victor").get(reverse("claims:source_archive", args=[source.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "alert('scraped')" not in page  # the script is not part of the text
    assert "&lt;b&gt;굵게&lt;/b&gt;" in page and "<b>굵게</b>" not in page
    assert "<mark>6,700억 원</mark>" in page  # the claim's figure marked in the text
    archive = SourceArchive.objects.get()
    warc = client_for("victor").get(reverse("claims:source_warc", args=[source.pk, archive.pk]))
    assert (
        warc["Content-Type"] == "application/warc" and "attachment" in warc["Content-Disposition"]
    )


def test_the_archived_copy_needs_a_desk_role_unless_the_desk_makes_it_public(
    team, claim, site, settings
):
    source = cite(claim, team["alice"], f"{site}/report")
    source_archive(source=source)
    url = reverse("claims:source_archive", args=[source.pk])
    assert Client().get(url).status_code == 302  # to sign in
    assert client_for("oscar").get(url).status_code == 403
    settings.CLAIMDESK_PUBLIC_ARCHIVES = True
    assert Client().get(url).status_code == 200


def test_a_changed_page_shows_its_diff_and_brings_the_claim_back_as_due(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/report")
    first = source_archive(source=source)
    Handler.pages["/report"] = (200, CHANGED)
    second = source_archive(source=source)
    claim.refresh_from_db()
    assert claim.recheck_due == timezone.localdate() and claim.is_due
    assert claim.status == "verified"  # the verdict stands until a new one
    event = claim.events.get(action=ClaimEvent.Action.SOURCE_CHANGED)
    assert event.detail["source"] == source.pk and event.detail["recheck_due"]
    stored = Source.objects.get(pk=source.pk)
    assert stored.archive is not None
    assert stored.archive["versions"] == 2 and stored.archive["changed_since"]
    assert stored.archive["sha256"] == first.sha256  # the page as cited
    page = (
        client_for("alice")
        .get(reverse("claims:source_archive", args=[source.pk]) + f"?version={second.pk}")
        .content.decode()
    )
    assert "7,100억 원에 인수했다" in page and 'class="del"' in page
    queue = client_for("alice").get(reverse("claims:queue")).content.decode()
    assert claim.text[:20] in queue  # open work holds it again
    due = client_for("alice").get(reverse("claims:queue") + "?status=due").content.decode()
    assert claim.text[:20] in due
    panel = client_for("alice").get(reverse("claims:claim", args=[claim.pk])).content.decode()
    assert "Due for re-check since" in panel and "A cited source changed" in panel


def test_a_vanished_page_keeps_its_archive_and_brings_the_claim_back(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/report")
    source_archive(source=source)
    Handler.pages.clear()
    source_archive(source=source)
    claim.refresh_from_db()
    stored = Source.objects.get(pk=source.pk)
    assert stored.archive is not None
    assert stored.archive["vanished_at"] and stored.corroboration["state"] == "found"
    assert claim.is_due and claim.events.filter(action=ClaimEvent.Action.SOURCE_VANISHED).exists()
    source_archive(source=source)  # still gone: said once
    assert claim.events.filter(action=ClaimEvent.Action.SOURCE_VANISHED).count() == 1


def test_a_refetch_asked_in_the_panel_fetches_again(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/report")
    source_archive(source=source)
    Handler.pages["/report"] = (200, CHANGED)
    response = client_for("alice").post(reverse("claims:source_refetch", args=[source.pk]), **HTMX)
    assert response.status_code == 200 and "changed since" in response.content.decode()
    assert SourceArchive.objects.filter(source=source).versions().count() == 2
    assert (
        client_for("victor").post(reverse("claims:source_refetch", args=[source.pk])).status_code
        == 403
    )


def test_the_source_path_through_the_panel_refuses_loopback_without_the_test_setting(
    team, claim, site, settings, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK = False
    with django_capture_on_commit_callbacks(execute=True):
        client_for("alice").post(
            reverse("claims:verdict", args=[claim.pk]), verdict_data(url=f"{site}/report")
        )
    source = Source.objects.get()
    assert source.corroboration["state"] == "unreachable"
    assert "loopback" in source.corroboration["error"] and source.archive is None


def test_the_api_source_objects_carry_corroboration_and_archive(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/report")
    source_archive(source=source)
    client = token_client(team["victor"])
    detail = client.get(f"/api/v1/claims/{claim.pk}/").json()
    listed = client.get("/api/v1/claims/").json()["results"][0]
    for record in (detail, listed, detail["verdicts"][0]):
        [api_source] = record["sources"]
        assert api_source["id"] == source.pk
        corroboration = api_source["corroboration"]
        assert set(corroboration) >= {"state", "figures", "excerpt_found"}
        assert corroboration["state"] == "found"
        money = next(f for f in corroboration["figures"] if f["figure"] == "6700억원")
        assert set(money) >= {"figure", "state", "passage", "start", "end"}
        assert set(api_source["archive"]) >= {
            "sha256",
            "fetched_at",
            "status",
            "final_url",
            "changed_since",
        }
        assert api_source["archive"]["final_url"] == f"{site}/report"
    # A past transaction (2021) does not age: no re-check date, and the field says so.
    assert "recheck_due" in detail and detail["recheck_due"] is None


def test_a_verdict_posted_through_the_api_is_archived_once_it_commits(
    team, claim, site, django_capture_on_commit_callbacks
):
    body = {
        "verdict": "verified",
        "sources": [{"url": f"{site}/report", "excerpt": EXCERPT}],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = token_client(team["alice"]).post(
            f"/api/v1/claims/{claim.pk}/verdicts/", body, format="json"
        )
    assert response.status_code == 201
    assert response.json()["sources"][0]["corroboration"]["state"] == "pending"
    assert Source.objects.get().corroboration["state"] == "found"


def test_the_api_lists_claims_due_for_recheck_with_status_due(team, claim, site):
    other = make_claims(make_article(sentences=["Prices rose 3 percent in May."]))[0]
    cite(claim, team["alice"], f"{site}/report")
    Claim.objects.filter(pk=claim.pk).update(recheck_due=timezone.localdate())
    Claim.objects.filter(pk=other.pk).update(recheck_due=timezone.localdate() + timedelta(days=3))
    claims_mark_due()  # the hourly task flags the claims whose date has come
    ids = [
        r["id"]
        for r in token_client(team["victor"]).get("/api/v1/claims/?status=due").json()["results"]
    ]
    assert ids == [claim.pk]


def test_a_verdict_sets_the_recheck_date_of_a_claim_that_ages(team, stake, site):
    cite(stake, team["alice"], f"{site}/report")
    stored = Claim.objects.get(pk=stake.pk)
    # A stake: the desk's period (90 days by default) after the verdict, the article being old.
    assert stored.recheck_due == timezone.localdate() + timedelta(days=90)
    event = stored.events.get(action=ClaimEvent.Action.RECHECK_SET)
    assert event.detail["reason"] == "stake"


def test_the_desk_setting_gives_the_periods(team, stake, site, settings):
    settings.CLAIMDESK_RECHECK_DAYS = {"stake": 10}
    cite(stake, team["alice"], f"{site}/report")
    assert Claim.objects.get(pk=stake.pk).recheck_due == timezone.localdate() + timedelta(days=10)


def test_a_claim_that_does_not_age_gets_no_recheck_date(team):
    [claim] = make_claims(make_article(sentences=["The mayor was born in 1961 in Busan."]))
    claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="verified",
        sources=[SourceInput(url="https://records.example/a")],
    )
    assert Claim.objects.get(pk=claim.pk).recheck_due is None


def test_a_reviewer_edits_the_recheck_date_in_the_panel(team, claim):
    url = reverse("claims:recheck", args=[claim.pk])
    response = client_for("alice").post(url, {"due": "2030-01-31"}, **HTMX)
    assert response.status_code == 200
    assert str(Claim.objects.get(pk=claim.pk).recheck_due) == "2030-01-31"
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.RECHECK_SET)
    assert event.detail == {"from": None, "to": "2030-01-31", "by_hand": True}
    client_for("alice").post(url, {"due": ""}, **HTMX)
    assert Claim.objects.get(pk=claim.pk).recheck_due is None
    assert client_for("victor").post(url, {"due": "2030-01-31"}).status_code == 403


def test_a_claim_whose_date_comes_is_marked_due_once_in_its_history(team, claim, site):
    cite(claim, team["alice"], f"{site}/report")
    Claim.objects.filter(pk=claim.pk).update(recheck_due=timezone.localdate())
    assert claims_mark_due() == 1
    assert claims_mark_due() == 0
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.RECHECK_DUE)
    assert event.detail["status"] == "verified"
    panel = client_for("alice").get(reverse("claims:claim", args=[claim.pk])).content.decode()
    assert "Due for re-check (date" in panel and "Verdict until now" in panel


def test_a_new_verdict_answers_the_recheck(team, claim, site):
    cite(claim, team["alice"], f"{site}/report")
    Claim.objects.filter(pk=claim.pk).update(recheck_due=timezone.localdate())
    claims_mark_due()
    assert Claim.objects.get(pk=claim.pk).is_due
    cite(claim, team["bob"], f"{site}/report")
    assert not Claim.objects.get(pk=claim.pk).is_due


def test_the_schedule_refetches_sources_of_standing_claims_not_checked_lately(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/report")
    assert sources_to_refetch() == [source.pk]  # never fetched
    source_archive(source=source)
    assert sources_to_refetch() == []
    later = timezone.now() + timedelta(hours=25)
    assert sources_to_refetch(now=later) == [source.pk]
    Claim.objects.filter(pk=claim.pk).update(status="dismissed", dismissed_reason="x")
    assert sources_to_refetch(now=later) == []


# --- Query counts --------------------------------------------------------------------------


def _sources(claim: Claim, user: Any, site: str, n: int) -> None:
    for i in range(n):
        source = cite(claim, user, f"{site}/report" if i % 2 == 0 else f"{site}/gone")
        source_archive(source=source)


@pytest.mark.parametrize("n", [1, 4])
def test_the_panel_takes_a_constant_number_of_queries_whatever_its_sources(
    team, claim, site, django_assert_num_queries, n
):
    _sources(claim, team["alice"], site, n)
    client = client_for("alice")
    client.get(reverse("claims:claim", args=[claim.pk]))
    # the panel as before (with the same fact across articles: its links, canonical members
    # and arithmetic checks, the desk's rating scale's grades): its sources carry their
    # evidence, no query per source; the claim's comments (the header's unread
    # notifications come with the user, claims.auth_backend); the article beside it from
    # the article page's cache: its version in one query, where its revision, claims and
    # flagged revisions took three (issue 18)
    with django_assert_num_queries(14):
        response = client.get(reverse("claims:claim", args=[claim.pk]))
    assert response.content.decode().count('class="evidence') == n


@pytest.mark.parametrize("n", [1, 4])
def test_the_archive_page_takes_a_constant_number_of_queries_whatever_its_versions(
    team, claim, site, django_assert_num_queries, n
):
    source = cite(claim, team["alice"], f"{site}/report")
    for i in range(n):
        Handler.pages["/report"] = (200, PAGE.replace("3조7800억원", f"3조{7800 + i}억원"))
        source_archive(source=source)
    client = client_for("victor")
    url = reverse("claims:source_archive", args=[source.pk])
    client.get(url)
    # session, the user with their permissions and unread notifications, the source, its
    # fetches, the version shown
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count("?version=") == n


@pytest.mark.parametrize("n", [1, 4])
def test_the_claims_api_takes_a_constant_number_of_queries_with_archived_sources(
    team, site, django_assert_num_queries, n
):
    for _ in range(n):
        article = make_article(sentences=[CLAIM], language="ko")
        [claim] = make_claims(article)
        _sources(claim, team["alice"], site, 2)
    client = token_client(team["victor"])
    client.get("/api/v1/claims/")
    # the token with its user's permissions, data version, the page and (not on PostgreSQL,
    # which builds the records in the page's query) its reviews with their sources' evidence
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 6):
        body = client.get("/api/v1/claims/?status=verified").json()
    assert len(body["results"]) == n
    assert all(s["corroboration"]["state"] for r in body["results"] for s in r["sources"])


# --- Reviewer agreement on the dashboard -----------------------------------------------------


def test_the_dashboard_shows_agreement_per_pair_and_overall_as_computed_by_hand(team):
    """alice V V D D, bob V D D D on four claims: observed agreement 3/4; expected
    (2x1 + 2x3) / 16 = 1/2; Cohen's kappa (0.75 - 0.5) / 0.5 = 0.5; one claim in four
    contested this month."""
    claims = make_claims(
        make_article(sentences=[f"Exports rose {i} percent in March." for i in range(1, 5)])
    )
    for claim, (first, second) in zip(
        claims, [("verified", "verified"), ("verified", "disputed"), ("disputed", "disputed"),
                 ("disputed", "disputed")], strict=True
    ):  # fmt: skip
        for user, verdict in ((team["alice"], first), (team["bob"], second)):
            claim_record_verdict(
                claim=claim,
                reviewer=user,
                verdict=verdict,
                sources=[SourceInput(url="https://stats.example/r")],
            )
    response = client_for("victor").get(reverse("claims:dashboard"))
    agreement = response.context["agreement"]
    [pair] = agreement.pairs
    assert (pair.first, pair.second, pair.claims) == ("alice", "bob", 4)
    assert pair.kappa == pytest.approx(0.5) and pair.observed == pytest.approx(0.75)
    assert agreement.claims == 4
    [month] = response.context["contested"]
    assert (month["contested"], month["rated"]) == (1, 4)
    page = response.content.decode()
    assert "0.500" in page and "75%" in page and "25%" in page


# --- The source endpoints --------------------------------------------------------------------


def test_the_api_gives_a_sources_archive_with_every_fetch(team, claim, site):
    source = cite(claim, team["alice"], f"{site}/report")
    source_archive(source=source)
    Handler.pages["/report"] = (200, CHANGED)
    body = token_client(team["alice"]).post(f"/api/v1/sources/{source.pk}/refetch/").json()
    assert [f["kept"] for f in body["fetches"]] == [True, True]
    assert "7,100억 원" in body["fetches"][1]["text"] and body["fetches"][1]["diff"]
    assert body["archive"]["versions"] == 2 and body["claim"] == claim.pk
    again = token_client(team["victor"]).get(f"/api/v1/sources/{source.pk}/archive/").json()
    assert again == body
    assert (
        token_client(team["victor"]).post(f"/api/v1/sources/{source.pk}/refetch/").status_code
        == 403
    )
    assert token_client(team["victor"]).get("/api/v1/sources/999999/archive/").status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_a_sources_archive_takes_a_constant_number_of_queries(
    team, claim, site, django_assert_num_queries, n
):
    source = cite(claim, team["alice"], f"{site}/report")
    for i in range(n):
        Handler.pages["/report"] = (200, PAGE.replace("3조7800억원", f"3조{7800 + i}억원"))
        source_archive(source=source)
    client = token_client(team["victor"])
    # the token with its user's permissions, the source, its fetches
    with django_assert_num_queries(3):
        body = client.get(f"/api/v1/sources/{source.pk}/archive/").json()
    assert len(body["fetches"]) == n


def test_claimreview_links_the_archived_copy_only_where_the_desk_allows_it(
    team, claim, site, settings
):
    source = cite(claim, team["alice"], f"{site}/report")
    source_archive(source=source)
    client = token_client(team["victor"])
    review = client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert "citation" not in review
    settings.CLAIMDESK_PUBLIC_ARCHIVES = True
    review = client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    [citation] = review["citation"]
    assert citation["url"] == f"{site}/report"
    assert citation["archivedAt"].endswith(f"/sources/{source.pk}/archive/")
    assert Client().get(citation["archivedAt"].split("testserver")[-1]).status_code == 200


def test_backup_says_where_the_warc_records_are_and_how_to_copy_them(team, tmp_path, settings):
    from tests.factories import run_command

    folder = tmp_path / "archives"
    settings.STORAGES = {
        **settings.STORAGES,
        "archives": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    out, _err, code = run_command("backup", str(tmp_path / "b.jsonl.gz"))
    assert code == 0 and str(folder) in out and "WARC records are not" in out


def test_a_pending_source_is_not_asked_for_again_when_nothing_archives_it(
    team, claim, site, settings
):
    settings.CLAIMDESK_ARCHIVE_SOURCES = False
    source = cite(claim, team["alice"], f"{site}/report")
    page = client_for("alice").get(reverse("claims:claim", args=[claim.pk])).content.decode()
    assert 'data-state="pending"' in page
    assert reverse("claims:source_evidence", args=[source.pk]) not in page
