"""The JSON documents that ``extract --json`` prints: per source, its articles with their
metadata and body, and per article its claims with offsets into the body and figures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from claims.models import figures_as_json
from claims.pipeline import SourceExtraction


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def extraction_document(extraction: SourceExtraction) -> dict[str, Any]:
    return {
        "source": extraction.source,
        "articles": [
            {
                "title": item.parsed.title,
                "url": item.parsed.canonical_url or item.parsed.url,
                "outlet": item.parsed.outlet,
                "authors": list(item.parsed.authors),
                "published_at": _iso(item.parsed.published_at),
                "updated_at": _iso(item.parsed.updated_at),
                "language": item.parsed.language,
                "body": item.parsed.body,
                "claims": [
                    {
                        "text": claim.text,
                        "start": claim.start,
                        "end": claim.end,
                        "kind": claim.kind,
                        "score": round(claim.score, 4),
                        "attribution": claim.attribution,
                        "fingerprint": claim.fingerprint,
                        "figures": figures_as_json(claim.figures),
                    }
                    for claim in item.claims
                ],
            }
            for item in extraction.articles
        ],
    }
