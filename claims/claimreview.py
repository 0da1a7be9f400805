"""schema.org ClaimReview for a reviewed claim (https://schema.org/ClaimReview).

One ClaimReview per claim whose reviewers agree: the claim as ``itemReviewed`` (a
``Claim`` whose ``appearance`` is the article), the verdict's grade as ``reviewRating`` with
an ``alternateName`` in the article's language and in English, and for a grade on its
scale's range a numeric ``ratingValue`` between the scale's ``worstRating`` and
``bestRating`` (claims.scales; unverifiable grades have none).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, QuerySet

from articles.models import ArticleRevision
from claims.exports import _chunked, claim_batches, dumps
from claims.models import Claim, ClaimStatus, Verdict
from claims.scales import BUILT_IN

# What claims.exports.deciding_verdicts reads of the deciding verdict's grade and scale.
GRADE_VALUES = (
    "grade",
    "scale_grade__alternate_name",
    "scale_grade__alternate_name_ko",
    "scale_grade__label",
    "scale_grade__label_ko",
    "scale_grade__rating_value",
    "scale_grade__scale__best_rating",
    "scale_grade__scale__worst_rating",
)
LANGUAGES = ("en", "ko")


def organization_name() -> str:
    return str(getattr(settings, "CLAIMDESK_ORGANIZATION", "Claimdesk"))


def _grade(verdict: dict[str, Any]) -> dict[str, Any]:
    """The verdict's grade as ClaimReview publishes it: names per language, ratingValue
    (None for a grade off the scale, e.g. unverifiable), bestRating and worstRating. A
    verdict without a stored grade is the three-grade scale's grade of its name."""
    if verdict.get("scale_grade__label"):
        return {
            "en": verdict["scale_grade__alternate_name"] or verdict["scale_grade__label"],
            "ko": verdict["scale_grade__alternate_name_ko"] or verdict["scale_grade__label_ko"],
            "value": verdict["scale_grade__rating_value"],
            "best": verdict["scale_grade__scale__best_rating"],
            "worst": verdict["scale_grade__scale__worst_rating"],
        }
    scale = BUILT_IN[0]
    spec = next(g for g in scale.grades if g.code == verdict["verdict"])
    return {
        "en": spec.alternate_name,
        "ko": spec.alternate_name_ko,
        "value": spec.rating_value,
        "best": scale.best,
        "worst": scale.worst,
    }


def rating_names(grade: dict[str, Any], language: str) -> list[dict[str, str]]:
    """The grade's name in the article's language first, then in English."""
    languages = [language, "en"] if language in LANGUAGES and language != "en" else ["en"]
    return [{"@value": grade[lang], "@language": lang} for lang in languages]


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _reviewer_name(verdict: dict[str, Any]) -> str:
    full = f"{verdict['reviewer__first_name']} {verdict['reviewer__last_name']}".strip()
    return full or str(verdict["reviewer__username"])


def _appearance(article: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "NewsArticle",
        "url": article["url"] or None,
        "headline": article["title"],
        "datePublished": _date(article["published_at"]),
        "inLanguage": article["language"],
    }
    if article["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": article["outlet"]}
    return {key: value for key, value in work.items() if value is not None}


def _rating(verdict: dict[str, Any], language: str) -> dict[str, Any]:
    grade = _grade(verdict)
    names = rating_names(grade, language)
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": names if len(names) > 1 else names[0]["@value"],
        "author": {"@type": "Person", "name": _reviewer_name(verdict)},
    }
    if grade["value"] is not None:
        rating |= {
            "ratingValue": grade["value"],
            "bestRating": grade["best"],
            "worstRating": grade["worst"],
        }
    if verdict["note"]:
        rating["ratingExplanation"] = verdict["note"]
    return rating


def claim_review(
    record: dict[str, Any], verdict: dict[str, Any], *, base_url: str = ""
) -> dict[str, Any]:
    """The ClaimReview of a claim record (claims.exports) and the verdict that decides it."""
    article, language = record["article"], record["article"]["language"]
    claim: dict[str, Any] = {
        "@type": "Claim",
        "text": record["text"],
        "appearance": _appearance(article),
    }
    if article["published_at"]:
        claim["datePublished"] = _date(article["published_at"])
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": record["text"],
        "itemReviewed": claim,
        "author": {"@type": "Organization", "name": organization_name()},
        "datePublished": _date(verdict["created_at"]),
        "inLanguage": language,
        "reviewRating": _rating(verdict, language),
    }
    if base_url:
        review["url"] = f"{base_url.rstrip('/')}/api/v1/claims/{record['id']}/"
        if settings.CLAIMDESK_PUBLIC_ARCHIVES:
            citations = _archived_citations(record, verdict, base_url)
            if citations:
                review["citation"] = citations
    return review


def _archived_citations(
    record: dict[str, Any], verdict: dict[str, Any], base_url: str
) -> list[dict[str, Any]]:
    """The deciding verdict's sources with the copy Claimdesk archived of each
    (``archivedAt``), when the desk makes archived copies public."""
    root = base_url.rstrip("/")
    citations = []
    for source in record.get("sources", []):
        if source.get("verdict_id") != verdict["id"] or not source.get("archive"):
            continue
        work: dict[str, Any] = {
            "@type": "CreativeWork",
            "url": source["url"],
            "archivedAt": f"{root}/sources/{source['id']}/archive/",
        }
        if source.get("title"):
            work["name"] = source["title"]
        citations.append(work)
    return citations


# ClaimReview ----------------------------------------------------------------------------

REVIEWED = (ClaimStatus.VERIFIED, ClaimStatus.DISPUTED, ClaimStatus.UNVERIFIABLE)


def reviewed_claims(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims whose verdicts agree (contested, dismissed and unreviewed claims have no review),
    of articles no rewrite has flagged: a verdict is not published beside a text that
    replaced what it judged until an editor has checked the rewrite and cleared the flag."""
    flagged = ArticleRevision.objects.filter(article=OuterRef("article"), flagged=True)
    return claims.filter(status__in=REVIEWED).exclude(Exists(flagged))


def deciding_verdicts(claim_ids: list[int]) -> dict[int, dict[str, Any]]:
    """For each claim, its latest verdict that agrees with its status (one query)."""
    rows = (
        Verdict.objects.filter(claim_id__in=claim_ids, verdict=F("claim__status"))
        .order_by("claim_id", "-created_at", "-id")
        .values(
            "id",
            "claim_id",
            "verdict",
            "note",
            "created_at",
            "reviewer__username",
            "reviewer__first_name",
            "reviewer__last_name",
            *GRADE_VALUES,
        )
    )
    found: dict[int, Any] = {}
    for row in rows:
        found.setdefault(row["claim_id"], row)
    return found


def claimreview_batches(
    claims: QuerySet[Claim], *, base_url: str = ""
) -> Iterator[list[dict[str, Any]]]:
    for batch in claim_batches(reviewed_claims(claims), linked=False):
        verdicts = deciding_verdicts([record["id"] for record in batch])
        yield [
            claim_review(record, verdicts[record["id"]], base_url=base_url)
            for record in batch
            if record["id"] in verdicts
        ]


def claimreview_chunks(claims: QuerySet[Claim], *, base_url: str = "") -> Iterator[bytes]:
    """One JSON-LD document: ``{"@context": ..., "@graph": [ClaimReview, ...]}``."""

    def parts() -> Iterator[bytes]:
        yield b'{"@context":"https://schema.org","@graph":['
        first = True
        for batch in claimreview_batches(claims, base_url=base_url):
            for review in batch:
                review.pop("@context", None)
                yield (b"" if first else b",\n") + dumps(review)
                first = False
        yield b"]}\n"

    return _chunked(parts())
