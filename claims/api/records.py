"""Plain records of verdicts, articles and jobs for API responses (claims: claims.exports)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from articles.models import Article, ArticleRevision, IngestJob
from claims.exports import REVIEW_VALUES, claim_records, claim_values, source_record
from claims.models import CanonicalClaim, Claim, Source, SourceArchive, Verdict
from claims.scales import grade_fields

ARTICLE_VALUES = (
    "id",
    "title",
    "url",
    "canonical_url",
    "outlet__name",
    "authors",
    "published_at",
    "modified_at",
    "language",
    "claim_count",
    "created_at",
    "updated_at",
)
VERDICT_VALUES = (
    "id",
    "claim_id",
    "verdict",
    "note",
    "settles",
    "reviewer__username",
    "created_at",
    "grade",
    "scale_grade__label",
    "scale_grade__label_ko",
    "scale_grade__scale__code",
)


def verdict_record(
    row: dict[str, Any], sources: list[dict[str, Any]], claim_status: str
) -> dict[str, Any]:
    return {
        "id": row["id"],
        "claim": row["claim_id"],
        "verdict": row["verdict"],
        **grade_fields(row),
        "note": row["note"],
        "settles": row["settles"],
        "reviewer": row["reviewer__username"],
        "created_at": row["created_at"],
        "sources": sources,
        "claim_status": claim_status,
    }


def claim_detail(pk: int) -> dict[str, Any] | None:
    """A claim record with its verdict history (three queries)."""
    records = claim_records(claim_values(Claim.objects.filter(pk=pk)))
    if not records:
        return None
    record = records[0]
    by_verdict: dict[int, list[dict[str, Any]]] = {}
    for source in record["sources"]:
        by_verdict.setdefault(source["verdict_id"], []).append(source)
    history = Verdict.objects.filter(claim_id=pk).order_by("-created_at", "-id")
    record["verdicts"] = [
        verdict_record(row, by_verdict.get(row["id"], []), record["status"])
        for row in history.values(*VERDICT_VALUES)
    ]
    return record


def stored_verdict(verdict: Verdict, claim_status: str) -> dict[str, Any]:
    row = Verdict.objects.filter(pk=verdict.pk).values(*VERDICT_VALUES).get()
    sources = [
        source_record(s)
        for s in Verdict.objects.filter(pk=verdict.pk, sources__isnull=False)
        .order_by("sources__id")
        .values(*REVIEW_VALUES)
    ]
    return verdict_record(row, sources, claim_status)


def article_values(articles: QuerySet[Article]) -> QuerySet[Article, dict[str, Any]]:
    current = (
        Claim.objects.filter(article=OuterRef("pk"), is_current=True)
        .order_by()
        .values("article")
        .annotate(n=Count("id"))
        .values("n")
    )
    return articles.annotate(
        claim_count=Coalesce(Subquery(current, output_field=IntegerField()), 0)
    ).values(*ARTICLE_VALUES)


def article_record(row: dict[str, Any]) -> dict[str, Any]:
    record = dict(row)
    record["outlet"] = record.pop("outlet__name")
    return record


def article_detail(pk: int) -> dict[str, Any] | None:
    """An article with the text of its current revision and that revision's claims."""
    rows = list(article_values(Article.objects.filter(pk=pk)))
    if not rows:
        return None
    record = article_record(rows[0])
    revision = ArticleRevision.objects.filter(article_id=pk).only("number", "body").current()
    record["revision"] = revision.number if revision else None
    record["body"] = revision.body if revision else ""
    current = Claim.objects.filter(article_id=pk, is_current=True).order_by("start", "id")
    record["claims"] = claim_records(claim_values(current))
    return record


def job_record(job: IngestJob, absolute: Callable[[str], str]) -> dict[str, Any]:
    return {
        "id": job.pk,
        "url": absolute(reverse("api:job", args=[job.pk])),
        "source": job.source,
        "state": job.state,
        "error": job.error,
        "articles": [absolute(reverse("api:article", args=[pk])) for pk in job.article_ids],
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }


APPEARANCE_VALUES = (
    "id",
    "canonical_id",
    "article_id",
    "article__outlet__name",
    "article__published_at",
    "article__language",
    "figures",
    "status",
    "text",
)


def _appearance(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "claim": row["id"],
        "article": row["article_id"],
        "outlet": row["article__outlet__name"],
        "published_at": row["article__published_at"],
        "figures": row["figures"],
        "status": row["status"],
        "text": row["text"],
        "language": row["article__language"],
    }


def canonical_records(canonicals: list[CanonicalClaim]) -> list[dict[str, Any]]:
    """Canonical claims with their appearances, earliest first (one query for a page)."""
    ids = [c.pk for c in canonicals]
    appearances: dict[int, list[dict[str, Any]]] = {}
    rows = (
        Claim.objects.filter(canonical__in=ids)
        .order_by("article__published_at", "id")
        .values(*APPEARANCE_VALUES)
    )
    for row in rows:
        appearances.setdefault(row["canonical_id"], []).append(_appearance(row))
    return [
        {
            "id": c.pk,
            "text": c.text,
            "conflict": c.conflict,
            "appearances": appearances.get(c.pk, []),
            "conflicting_figures": c.conflicting_figures,
            "updated_at": c.updated_at,
        }
        for c in canonicals
    ]


ARCHIVE_VALUES = (
    "id",
    "fetched_at",
    "checked_at",
    "status",
    "error",
    "final_url",
    "content_type",
    "sha256",
    "size",
    "changed_since",
    "vanished_at",
    "text",
    "diff",
)


def source_archive_record(pk: int) -> dict[str, Any] | None:
    """A source with what its archive found and every fetch it kept, texts and diffs
    included (two queries)."""
    row = (
        Source.objects.filter(pk=pk)
        .values("id", "url", "verdict_id", "verdict__claim_id", "corroboration", "archive")
        .first()
    )
    if row is None:
        return None
    fetches = SourceArchive.objects.filter(source_id=pk).order_by("fetched_at", "id")
    return {
        "id": row["id"],
        "url": row["url"],
        "claim": row["verdict__claim_id"],
        "verdict": row["verdict_id"],
        "corroboration": row["corroboration"],
        "archive": row["archive"],
        "fetches": [
            {**fetch, "kept": bool(fetch["sha256"])} for fetch in fetches.values(*ARCHIVE_VALUES)
        ],
    }
