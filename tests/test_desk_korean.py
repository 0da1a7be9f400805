"""Korean mode is Korean everywhere a person reads: every page of the review interface and
the admin console, walked in Korean, holds no English word outside what people and articles
wrote (stripped first) and an explicit list of names (issue 18, Translation)."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from claims.models import ClaimStatus, Source
from tests.korean_desk import SHOWN_ATTRIBUTES, Desk, build_korean_desk, english_in


def english_words(html: str, user_content: list[str]) -> list[str]:
    """English words a person reads on the page, outside user content and ``ALLOWED``."""
    tree = lxml.html.fromstring(html)
    # Not words: scripts, styles, what is marked as not ours, and a password's masked hash.
    dropped = "//script|//style|//*[@translate='no']|//*[@id='id_password']//bdi"
    for element in tree.xpath(dropped):
        element.drop_tree()
    texts = list(tree.xpath("//text()"))
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        texts += [element.get(name) for name in SHOWN_ATTRIBUTES if element.get(name)]
        if element.tag == "input" and element.get("type") in ("submit", "button"):
            texts.append(element.get("value") or "")
        if element.tag == "option":
            texts.append(element.text_content())
    return english_in(texts, user_content)


@pytest.fixture
def desk(db: Any) -> Desk:
    return build_korean_desk()


def korean(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    if user is not None:
        client.force_login(user)
    return client


def review_pages(desk: Desk) -> list[str]:
    ko, en = desk.ko, desk.en
    pages = [
        "/",
        "/?status=all",
        "/?status=verified",
        "/?status=dismissed",
        "/?status=contested&language=ko",
        "/?q=nothing-matches-this",
        "/dashboard/",
        "/ingest/",
        reverse("claims:article", args=[ko.pk]),
        reverse("claims:article", args=[en.pk]),
    ]
    pages += [reverse("claims:claim", args=[c.pk]) for c in desk.ko_claims + desk.en_claims]
    pages += [reverse("claims:ingest_job", args=[job.pk]) for job in desk.jobs]
    pages += ["/?status=due", "/?sort=due&overdue=on&priority=urgent"]
    # A claim opened from the queue: its panel's "previous" / "next in queue".
    pages += [reverse("claims:claim", args=[desk.ko_claims[0].pk]) + "?back=&at=ko~1~"]
    pages += [
        reverse("claims:source_archive", args=[pk])
        for pk in Source.objects.filter(archive__isnull=False).values_list("pk", flat=True)
    ]
    return pages


def admin_pages(desk: Desk) -> list[str]:
    from django.contrib.auth.models import Group

    from articles.models import ArticleRevision, Feed, FeedEntry, IngestJob, Outlet
    from claims.models import ClaimEvent, RatingScale, Source, SourceArchive, Verdict

    pages = ["/admin/"]
    objects = {
        "claims/claim": desk.ko_claims[2],
        "claims/verdict": Verdict.objects.filter(settles=True).first(),
        "claims/source": Source.objects.first(),
        "claims/sourcearchive": SourceArchive.objects.first(),
        "claims/claimevent": ClaimEvent.objects.filter(action="span_changed").first(),
        "articles/article": desk.ko,
        "articles/articlerevision": ArticleRevision.objects.first(),
        "articles/outlet": Outlet.objects.first(),
        "articles/feed": Feed.objects.first(),
        "articles/feedentry": FeedEntry.objects.first(),
        "articles/ingestjob": IngestJob.objects.first(),
        "auth/user": desk.team["alice"],
        "auth/group": Group.objects.get(name="reviewer"),
        "claims/ratingscale": RatingScale.objects.get(code="snu-factcheck"),
    }
    for path, obj in objects.items():
        pages.append(f"/admin/{path}/")
        if obj is not None:
            pages.append(f"/admin/{path}/{obj.pk}/change/")
    pages += [f"/admin/claims/claim/{c.pk}/change/" for c in desk.ko_claims]
    pages += ["/admin/claims/claim/?status=disputed", "/admin/claims/claim/?language=ko"]
    pages += ["/admin/articles/article/?language=en", "/admin/claims/ratingscale/add/"]
    return pages


def walk(client: Client, pages: list[str], desk: Desk, **extra: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page in pages:
        response = client.get(page, **extra)
        assert response.status_code == 200, (page, response.status_code)
        words = english_words(response.content.decode(), desk.user_content)
        if words:
            found[page] = words
    return found


def test_every_review_page_is_korean(desk):
    found: dict[str, list[str]] = {}
    for who in ("erin", "alice", "victor"):
        client = korean(desk.team[who])
        pages = review_pages(desk)
        if who == "victor":  # a viewer does not ingest
            pages = [p for p in pages if not p.startswith("/ingest/")]
        found |= {f"{who} {k}": v for k, v in walk(client, pages, desk).items()}
        panels = [reverse("claims:claim", args=[c.pk]) for c in desk.ko_claims]
        found |= {
            f"{who} htmx {k}": v
            for k, v in walk(client, panels, desk, HTTP_HX_REQUEST="true").items()
        }
    found |= {f"anonymous {k}": v for k, v in walk(korean(), ["/accounts/login/"], desk).items()}
    assert not found, found


def test_every_admin_page_is_korean(desk):
    found = walk(korean(desk.team["root"]), admin_pages(desk), desk)
    editor_pages = [p for p in admin_pages(desk) if "/feed" not in p and "ingestjob" not in p]
    editor_pages = [p for p in editor_pages if "/auth/" not in p and "/ratingscale/" not in p]
    found |= {
        f"editor {k}": v for k, v in walk(korean(desk.team["erin"]), editor_pages, desk).items()
    }
    assert not found, found


def test_what_the_desk_answers_after_actions_is_korean(desk):
    """Saved, refused, failed: the answers to writes, in Korean."""
    alice, erin = korean(desk.team["alice"]), korean(desk.team["erin"])
    answers = {
        "saved verdict": alice.post(
            reverse("claims:verdict", args=[desk.ko_claims[4].pk]),
            {"verdict": "unverifiable", "source-TOTAL_FORMS": "2", "source-INITIAL_FORMS": "0"},
            HTTP_HX_REQUEST="true",
        ),
        "verdict without a source": alice.post(
            reverse("claims:verdict", args=[desk.ko_claims[4].pk]),
            {"verdict": "verified", "source-TOTAL_FORMS": "2", "source-INITIAL_FORMS": "0"},
            HTTP_HX_REQUEST="true",
        ),
        "refused by the editor rule": alice.post(
            reverse("claims:verdict", args=[desk.ko_claims[2].pk]),
            {"verdict": "unverifiable", "source-TOTAL_FORMS": "2", "source-INITIAL_FORMS": "0"},
            HTTP_HX_REQUEST="true",
        ),
        "bulk assign with nothing ticked": erin.post(
            reverse("claims:queue_assign"), {"assignee": desk.team["bob"].pk}, follow=True
        ),
        "bulk assign without an assignee": erin.post(
            reverse("claims:queue_assign"), {"claim": [desk.ko_claims[0].pk]}, follow=True
        ),
        "bulk dismiss, one refused": alice.post(
            reverse("claims:queue_dismiss"),
            {"claim": [desk.ko_claims[2].pk], "reason": "의견"},
            follow=True,
        ),
        "bulk verdict with nothing ticked": alice.post(
            reverse("claims:queue_verdict"), {"verdict": "unverifiable"}, follow=True
        ),
        "end of the queue": alice.get(
            reverse("claims:queue_step", args=[desk.ko_claims[0].pk]),
            {"at": "ko~1~", "back": "q=nothing-matches"},
            follow=True,
        ),
        "ingest a PDF": alice.post(
            reverse("claims:ingest"),
            {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 binary", "application/pdf")},
        ),
        "ingest nothing": alice.post(reverse("claims:ingest"), {}),
        "ingest text without an article": alice.post(reverse("claims:ingest"), {"text": "…"}),
        "ingest text": alice.post(
            reverse("claims:ingest"),
            {"text": "정부는 지난달 35개국에 친서를 보냈다고 청와대 대변인이 밝혔다.\n\n"
             "수출은 지난해보다 12% 늘었다."},
        ),
        "not found": alice.get("/articles/987654/"),
    }  # fmt: skip
    found: dict[str, list[str]] = {}
    for name, response in answers.items():
        words = english_words(response.content.decode(), [*desk.user_content, "a.pdf"])
        if words:
            found[name] = words
    assert not found, found
    assert "PDF 문서" in answers["ingest a PDF"].content.decode()
    assert "대기열의 끝입니다" in answers["end of the queue"].content.decode()
    assert "그대로 두었습니다" in answers["bulk dismiss, one refused"].content.decode()
    assert answers["refused by the editor rule"].status_code == 403


def test_a_failed_jobs_reason_is_translated_from_its_code(desk):
    html = (
        korean(desk.team["alice"])
        .get(reverse("claims:ingest_job", args=[desk.jobs[0].pk]))
        .content.decode()
    )
    assert "여러 번 다시 시도했지만 실패했습니다: 서버가 HTTP 503 응답을 보냈습니다." in html
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.force_login(desk.team["alice"])
    html = english.get(reverse("claims:ingest_job", args=[desk.jobs[0].pk])).content.decode()
    assert "Gave up after retries: the server answered HTTP 503; try again later" in html


def test_language_codes_are_named(desk):
    html = (
        korean(desk.team["alice"])
        .get(reverse("claims:article", args=[desk.ko.pk]))
        .content.decode()
    )
    assert "<dd>한국어</dd>" in html
    assert ClaimStatus.VERIFIED  # the statuses are the catalog's ("사실")


def test_the_admin_says_claimdesk_and_its_apps_in_korean(desk):
    html = korean(desk.team["root"]).get("/admin/").content.decode()
    assert "Claimdesk 관리" in html and "Django 관리" not in html
    assert "ARTICLES" not in html.upper().replace("ARTICLES/", "") or "기사" in html
    assert ">기사<" in html and ">주장<" in html


def test_event_titles_use_the_sites_time_zone(desk):
    """The admin shows an event's title beside its time column: both in the site's zone."""
    from django.utils import timezone

    from claims.models import ClaimEvent

    event = ClaimEvent.objects.earliest("id")
    local = timezone.localtime(event.created_at)
    assert f"{local:%Y-%m-%d %H:%M}" in str(event)
    html = korean(desk.team["root"]).get(f"/admin/claims/claimevent/{event.pk}/change/")
    assert f"{local:%H:%M}" in html.content.decode()


def test_a_verdicts_title_is_a_korean_sentence(desk):
    from django.utils import translation

    from claims.models import Verdict

    verdict = Verdict.objects.filter(settles=True).select_related("reviewer").get()
    with translation.override("ko"):
        assert str(verdict) == "erin의 판정: 사실 아님"
    with translation.override("en"):
        assert str(verdict) == "disputed by erin"
