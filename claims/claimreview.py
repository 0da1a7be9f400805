"""schema.org ClaimReview for a reviewed claim (https://schema.org/ClaimReview).

One ClaimReview per claim whose reviewers agree: the claim as ``itemReviewed`` (a
``Claim`` whose ``appearance`` is the article), the verdict as ``reviewRating`` with an
``alternateName`` in the article's language and in English, and for verified and disputed
claims a numeric ``ratingValue`` on a 1 (disputed) to 5 (verified) scale.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings

from claims.models import VerdictChoice

BEST, WORST = 5, 1
RATING_VALUE = {VerdictChoice.VERIFIED: BEST, VerdictChoice.DISPUTED: WORST}

# The rating names fact-checkers publish, per language (SNU FactCheck's scale for Korean).
RATING_NAMES: dict[str, dict[str, str]] = {
    "en": {
        VerdictChoice.VERIFIED: "True",
        VerdictChoice.DISPUTED: "False",
        VerdictChoice.UNVERIFIABLE: "Unverifiable",
    },
    "ko": {
        VerdictChoice.VERIFIED: "사실",
        VerdictChoice.DISPUTED: "사실 아님",
        VerdictChoice.UNVERIFIABLE: "판단 유보",
    },
}


def organization_name() -> str:
    return str(getattr(settings, "CLAIMDESK_ORGANIZATION", "Claimdesk"))


def rating_names(verdict: str, language: str) -> list[dict[str, str]]:
    """The verdict's name in the article's language first, then in English."""
    languages = [language, "en"] if language in RATING_NAMES and language != "en" else ["en"]
    return [{"@value": RATING_NAMES[lang][verdict], "@language": lang} for lang in languages]


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
    names = rating_names(verdict["verdict"], language)
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": names if len(names) > 1 else names[0]["@value"],
        "author": {"@type": "Person", "name": _reviewer_name(verdict)},
    }
    if verdict["verdict"] in RATING_VALUE:
        rating |= {
            "ratingValue": RATING_VALUE[verdict["verdict"]],
            "bestRating": BEST,
            "worstRating": WORST,
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
