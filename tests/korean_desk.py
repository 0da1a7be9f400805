"""A desk with every kind of thing a page can show (both languages' articles, verdicts with
sources, a contested, a settled, a dismissed, a merged and a moved claim, assignments, an
editor's correction, failed ingest jobs), for the walks that check Korean mode is Korean.

``user_content`` lists what people and articles wrote: the walks strip it before looking for
English, since an English article's text or a reviewer's note is not the interface's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article, Feed, FeedEntry, IngestJob
from claims.models import Claim
from claims.roles import EDITOR, grant_role
from claims.services import (
    SourceInput,
    claim_adjust_span,
    claim_assign,
    claim_correct,
    claim_dismiss,
    claim_merge,
    claim_record_verdict,
)
from tests.factories import PASSWORD, ensure_roles, make_article, make_claims, make_team

KOREAN = [
    "정부는 유명희 본부장 지지를 요청하는 친서를 35개국에 보냈다.",
    "문 대통령은 독일과 러시아 등 5개국 정상과 전화통화를 했다.",
    "삼성전자는 클래시스 지분 61.57%를 약 6700억원에 인수한다.",
    "회사는 좋은 결과를 기대한다고 밝혔다.",
    "클래시스의 시가총액은 3조7800억원이다.",
    "알리바바 주가는 올해 들어서만 66% 상승했다.",
    "올해 66세인 오콘조는 유 본부장보다 13살이 많다.",
]
ENGLISH = [
    "The city spent $12 million on roads in 2024, according to the budget office.",
    "Unemployment fell to 3.5 percent last year.",
    "The mayor said it was a good year.",
    "Officials counted 35 new bridges.",
]
MONEY = [{"text": "6700억원", "value": "670000000000", "unit": "KRW", "kind": "money"}]


# Names and symbols that stay as they are in a Korean interface: the product, formats and
# protocols, keys on the keyboard (and Django's Korean text names Control, Command and Mac),
# time zones, units of measure, and a third-party product's name.
ALLOWED = {
    "Claimdesk", "API", "CSV", "JSON", "Lines", "ClaimReview", "URL", "HTTP", "HTML", "https",
    "http", "RSS", "Atom", "UTF", "EUC", "KR", "PDF", "KST", "UTC", "Esc", "Enter", "Tab",
    "Axes", "kg", "km", "cm", "mm", "ID", "Control", "Command", "Mac", "WARC", "SHA",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-message", "data-need-stance")


def english_in(texts: Iterable[str], user_content: list[str]) -> list[str]:
    """The English words of ``texts`` once user content is taken out, outside ``ALLOWED``."""
    text = "\n".join(texts)
    for content in user_content:
        text = text.replace(content, " ")
    # User content cut short ("The city spent $12 million…" in a page title).
    for cut in re.findall(r"[^\n·…]+…", text):
        if any(content.startswith(cut.strip(" …")) for content in user_content):
            text = text.replace(cut, " ")
    return sorted({w for w in WORD.findall(text) if len(w) > 1 and w not in ALLOWED})


@dataclass
class Desk:
    team: dict[str, Any]
    ko: Article
    en: Article
    ko_claims: list[Claim]
    en_claims: list[Claim]
    jobs: list[IngestJob]
    user_content: list[str] = field(default_factory=list)


def build_korean_desk() -> Desk:
    ensure_roles()
    team = make_team()
    root = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    team["root"] = root
    grant_role(team["erin"], EDITOR)
    ko = make_article(sentences=KOREAN, language="ko", outlet="뉴스핌")
    en = make_article(sentences=ENGLISH, language="en", outlet="City Wire")
    ko_claims = make_claims(ko, attribution="청와대 대변인")
    en_claims = make_claims(en, attribution="the budget office")
    Claim.objects.filter(pk=ko_claims[2].pk).update(figures=MONEY)
    Claim.objects.filter(pk=ko_claims[4].pk).update(
        figures=[{"text": "3조7800억원", "value": "3780000000000", "unit": "KRW", "kind": "money"}]
    )
    src = [
        SourceInput(
            "https://stats.example/report",
            title="Report",
            publisher="Office",
            excerpt="35 countries",
        )
    ]
    a, b, e = team["alice"], team["bob"], team["erin"]
    # Verified, contested, settled, unverifiable, dismissed, merged, moved, assigned.
    claim_record_verdict(claim=ko_claims[0], reviewer=a, verdict="verified", sources=src)
    claim_record_verdict(claim=ko_claims[1], reviewer=a, verdict="verified", sources=src)
    claim_record_verdict(claim=ko_claims[1], reviewer=b, verdict="disputed", sources=src)
    claim_record_verdict(
        claim=ko_claims[2], reviewer=a, verdict="verified", sources=src, note="checked"
    )
    claim_record_verdict(claim=ko_claims[2], reviewer=b, verdict="disputed", sources=src)
    claim_record_verdict(
        claim=ko_claims[2], reviewer=e, verdict="disputed", sources=src, settles=True
    )
    claim_dismiss(claim=ko_claims[3], actor=a, reason="의견일 뿐")
    claim_record_verdict(claim=ko_claims[4], reviewer=b, verdict="unverifiable")
    claim_merge(duplicate=ko_claims[5], into=ko_claims[0], actor=e)
    claim_record_verdict(claim=ko_claims[6], reviewer=a, verdict="verified", sources=src)
    moved = ko_claims[6]
    claim_adjust_span(claim=moved, actor=b, start=moved.start, end=moved.end - 1)
    claim_assign(claim=ko_claims[0], actor=e, assignee=a)
    claim_assign(claim=ko_claims[0], actor=e, assignee=None)
    claim_assign(claim=ko_claims[4], actor=e, assignee=b)
    # Overdue urgent work: the queue's priority and due date columns and their history.
    claim_assign(claim=en_claims[1], actor=e, assignee=b, due=date(2025, 1, 2), priority="urgent")
    claim_correct(claim=ko_claims[4], actor=e, kind="comparison", attribution="블룸버그통신")
    claim_record_verdict(claim=en_claims[0], reviewer=b, verdict="disputed", sources=src)
    claim_dismiss(claim=en_claims[2], actor=a, reason="an opinion")
    jobs = [
        IngestJob.objects.create(
            source="https://news.example/gone",
            state=IngestJob.State.FAILED,
            error="Gave up after retries: the server answered HTTP 503; try again later",
            created_by=a,
        ),
        IngestJob.objects.create(
            source="https://news.example/a.pdf",
            state=IngestJob.State.FAILED,
            error="the content is application/pdf, not a web page or feed",
            created_by=a,
        ),
        IngestJob.objects.create(
            source="https://news.example/ok",
            state=IngestJob.State.QUEUED,
            created_by=a,
        ),
    ]
    feed = Feed.objects.create(url="https://news.example/feed.xml", title="Example feed")
    FeedEntry.objects.create(
        feed=feed, guid="1", url="https://news.example/1", title="Entry", article=en
    )
    _archive_sources(ko_claims[0])
    desk = Desk(team, ko, en, ko_claims, en_claims, jobs)
    desk.user_content = user_content()
    return desk


ARCHIVED = "정부는 친서를 35개국에 보냈다고 밝혔다. 보고서는 지난해 말 작성됐다."


def _archive_sources(claim: Claim) -> None:
    """A source of the claim archived in two versions (the page changed), another that
    could not be fetched, and the claim due for re-check: what the panel, the archive page
    and the history then show (rows written directly: no fetch)."""
    from datetime import timedelta

    from django.utils import timezone

    from claims.archiving import corroboration_of, store_source_evidence
    from claims.models import ClaimEvent, Source, SourceArchive

    Claim.objects.filter(pk=claim.pk).update(
        figures=[{"text": "35개국", "value": "35", "unit": "countries", "kind": "count"}]
    )
    source = Source.objects.filter(verdict__claim=claim).select_related("verdict__claim").first()
    assert source is not None
    source.excerpt = "정부는 친서를 35개국에 보냈다"
    source.save(update_fields=["excerpt"])
    source.verdict.claim.refresh_from_db()
    first = timezone.now() - timedelta(days=2)
    texts = [ARCHIVED, ARCHIVED.replace("35개국", "53개국")]
    for i, text in enumerate(texts):
        when = first + timedelta(days=i)
        SourceArchive.objects.create(
            source=source,
            fetched_at=when,
            checked_at=when,
            status=200,
            final_url=source.url,
            content_type="text/html; charset=utf-8",
            sha256=f"{i:064x}",
            size=len(text.encode()),
            text=text,
            language="ko",
            diff="" if i == 0 else f"-{texts[0]}\n+{text}",
            changed_since=None if i else first + timedelta(days=1),
            corroboration=corroboration_of(
                source, text=text, language="ko", reference=when.date(), status=200, note=""
            ),
        )
    store_source_evidence(source)
    gone = Source.objects.filter(verdict__claim=claim).exclude(pk=source.pk).first()
    if gone is not None:
        SourceArchive.objects.create(
            source=gone,
            fetched_at=first,
            checked_at=first,
            status=404,
            error="the server answered HTTP 404 (not found)",
            corroboration={"state": "unreachable", "figures": [], "status": 404},
        )
        store_source_evidence(gone)
    Claim.objects.filter(pk=claim.pk).update(recheck_due=timezone.localdate(), is_due=True)
    ClaimEvent.objects.create(
        claim=claim,
        action=ClaimEvent.Action.SOURCE_CHANGED,
        detail={"source": source.pk, "url": source.url, "recheck_due": "2025-01-01"},
    )
    ClaimEvent.objects.create(
        claim=claim,
        action=ClaimEvent.Action.RECHECK_DUE,
        detail={"due": timezone.localdate().isoformat(), "status": "verified"},
    )


def user_content() -> list[str]:
    """Every string people or articles wrote, longest first (so parts go after wholes)."""
    from articles.models import ArticleRevision, Outlet
    from claims.models import ClaimEvent, Source, SourceArchive, Verdict

    found: set[str] = set()
    for article in Article.objects.all():
        found |= {article.title, article.url, article.key, *article.authors}
    for revision in ArticleRevision.objects.all():
        found |= {revision.title, revision.body, revision.content_hash, revision.source}
        found |= set(revision.body.split(". "))
    found |= set(Outlet.objects.values_list("name", flat=True))
    for claim in Claim.objects.all():
        found |= {claim.text, claim.attribution, claim.dismissed_reason, claim.fingerprint}
        found |= {f.get("text", "") for f in claim.figures}
    found |= set(get_user_model().objects.values_list("username", flat=True))
    # A group's name is stored data (the console shows the roles' names translated where it
    # can; Django's own titles and breadcrumbs show the stored name).
    found |= set(Group.objects.values_list("name", flat=True))
    found |= set(get_user_model().objects.values_list("email", flat=True))
    for password in get_user_model().objects.values_list("password", flat=True):
        found |= set(password.split("$"))  # the hash shown on a user's page is data
    for source in Source.objects.all():
        found |= {source.url, source.title, source.publisher, source.excerpt}
    for archive in SourceArchive.objects.all():
        found |= {archive.text, archive.final_url, archive.content_type, archive.error}
        found |= {archive.sha256, archive.sha256[:12], *archive.diff.splitlines()}
        found |= {str(v) for v in _leaves(archive.corroboration) if isinstance(v, str)}
    found |= set(Verdict.objects.values_list("note", flat=True))
    for event in ClaimEvent.objects.all():
        found |= {str(v) for v in _leaves(event.detail)}
    for job in IngestJob.objects.all():
        found |= {job.source}
    found |= set(Feed.objects.values_list("url", flat=True)) | set(
        Feed.objects.values_list("title", flat=True)
    )
    for entry in FeedEntry.objects.all():
        found |= {entry.url, entry.title, entry.guid}
    return sorted((s for s in found if s and len(s) > 1), key=len, reverse=True)


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]
