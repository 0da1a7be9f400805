"""The interface's exports: the claims of a queue filter with each claim's latest verdict.

The CSV is ``claims.exports``' CSV (same columns, quoting, formula neutralising and, on
PostgreSQL, the same ``COPY``) with five columns after the claim's:

- ``verdict``: the latest verdict recorded on the claim (verified, disputed, unverifiable);
- ``verdict_reviewer``: who recorded it (username, neutralised like any free text);
- ``verdict_at``: when (ISO 8601, UTC);
- ``verdict_note``: its note (free text, neutralised);
- ``verdict_sources``: its sources as a JSON array of ``{"url", "stance"}`` in the order
  they were given (``[]`` for a verdict without sources).

A claim without a verdict has the five cells empty. "Latest" is the last one recorded,
whoever recorded it; the claim's ``status`` says what all its verdicts add up to.

The JSON Lines export is the API's claim record with ``"latest_verdict"`` added
(``{"id", "verdict", "reviewer", "created_at", "note", "settles", "sources": [{"url",
"stance"}]}`` or null), read in keyset batches: a constant number of queries per batch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from claims.exports import (
    CLAIM_JSON_SQL,
    _chunked,
    _copy_jsonl_chunks,
    _iso,
    _json_text,
    _pg_time,
    builds_json,
    claim_batches,
    csv_chunks,
    dumps,
    formula_safe,
)
from claims.models import Claim, Verdict


@dataclass(frozen=True, slots=True)
class CsvTail:
    """Columns after CSV_COLUMNS (the interface's export adds the latest verdict's): their
    names, which are free text, their cells by claim id for a batch (Python path), and for
    COPY their SQL over ``lv``, a ``LEFT JOIN LATERAL`` on ``c."x_id"`` (``join``)."""

    columns: tuple[str, ...]
    free_text: frozenset[str]
    cells: Callable[[list[int]], dict[int, tuple[str, ...]]]
    select: tuple[str, ...]
    join: str


VERDICT_COLUMNS = (
    "verdict",
    "verdict_grade",
    "verdict_reviewer",
    "verdict_at",
    "verdict_note",
    "verdict_sources",
)
LATEST_VALUES = (
    "id",
    "claim_id",
    "verdict",
    "grade",
    "note",
    "settles",
    "created_at",
    "reviewer__username",
    "sources__id",
    "sources__url",
    "sources__stance",
)


def latest_verdicts(claim_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each claim's latest verdict with its sources (one query: verdicts left-joined with
    their sources, newest first; only the first verdict of each claim is kept)."""
    rows = (
        Verdict.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "-created_at", "-id", "sources__id")
        .values(*LATEST_VALUES)
    )
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        latest = found.setdefault(
            row["claim_id"],
            {
                "id": row["id"],
                "verdict": row["verdict"],
                # The grade on the desk's scale as rated (rows from before scales: the verdict).
                "grade": row["grade"] or row["verdict"],
                "reviewer": row["reviewer__username"],
                "created_at": row["created_at"],
                "note": row["note"],
                "settles": row["settles"],
                "sources": [],
            },
        )
        if latest["id"] == row["id"] and row["sources__id"] is not None:
            latest["sources"].append({"url": row["sources__url"], "stance": row["sources__stance"]})
    return found


def _verdict_cells(claim_ids: list[int]) -> dict[int, tuple[str, ...]]:
    return {
        claim_id: (
            v["verdict"],
            v["grade"],
            formula_safe(v["reviewer"]),
            _iso(v["created_at"]),
            formula_safe(v["note"]),
            _json_text(v["sources"]),
        )
        for claim_id, v in latest_verdicts(claim_ids).items()
    }


def _lateral_join() -> str:
    users = get_user_model()._meta.db_table
    # Built from constants only (table names); no input reaches it.
    return f"""LEFT JOIN LATERAL (
    SELECT v.verdict, COALESCE(NULLIF(v.grade, ''), v.verdict) AS grade, u.username, v.note,
        to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
        COALESCE((SELECT jsonb_agg(jsonb_build_object('url', s.url, 'stance', s.stance)
            ORDER BY s.id) FROM claims_source s WHERE s.verdict_id = v.id), '[]'::jsonb)::text
            AS sources
    FROM claims_verdict v JOIN {users} u ON u.id = v.reviewer_id
    WHERE v.claim_id = c."x_id" ORDER BY v.created_at DESC, v.id DESC LIMIT 1) AS lv ON true"""  # noqa: S608


def verdict_tail() -> CsvTail:
    return CsvTail(
        columns=VERDICT_COLUMNS,
        free_text=frozenset({"verdict_reviewer", "verdict_note"}),
        cells=_verdict_cells,
        select=("lv.verdict", "lv.grade", "lv.username", "lv.at", "lv.note", "lv.sources"),
        join=_lateral_join(),
    )


def queue_csv_chunks(claims: QuerySet[Claim]) -> Iterator[bytes]:
    """The CSV of these claims, each with its latest verdict (see the module's docstring)."""
    return csv_chunks(claims, verdict_tail())


def _latest_json_sql() -> str:
    """The API's claim record as PostgreSQL builds it, with ``latest_verdict`` added."""
    users = get_user_model()._meta.db_table
    latest = f"""(
        SELECT json_build_object('id', v.id, 'verdict', v.verdict,
            'grade', COALESCE(NULLIF(v.grade, ''), v.verdict), 'reviewer', u.username,
            'created_at', {_pg_time("v.created_at")}, 'note', v.note, 'settles', v.settles,
            'sources', COALESCE((SELECT json_agg(json_build_object('url', s.url,
                'stance', s.stance) ORDER BY s.id)
                FROM claims_source s WHERE s.verdict_id = v.id), '[]'::json))
        FROM claims_verdict v JOIN {users} u ON u.id = v.reviewer_id
        WHERE v.claim_id = claims_claim.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1)"""  # noqa: S608
    end = "\n)::text"
    assert CLAIM_JSON_SQL.endswith(end)
    return CLAIM_JSON_SQL[: -len(end)] + f",\n    'latest_verdict', {latest}{end}"


def queue_jsonl_chunks(claims: QuerySet[Claim]) -> Iterator[bytes]:
    """One API claim record a line, with ``latest_verdict`` (on PostgreSQL built by the
    database and copied out, as the API's JSON Lines export is)."""
    if builds_json(claims):
        return _copy_jsonl_chunks(claims, _latest_json_sql())

    def lines() -> Iterator[bytes]:
        for batch in claim_batches(claims):
            latest = latest_verdicts([record["id"] for record in batch])
            for record in batch:
                record["latest_verdict"] = latest.get(record["id"])
                yield dumps(record) + b"\n"

    return _chunked(lines())


_UNSAFE = re.compile(r"[^\w.]+")


def export_filename(day: date, filters: dict[str, Any], status: str, extension: str) -> str:
    """``claims-2026-12-06-open-language-ko-q-예산.csv``: the date, then the status and each
    filter given, as letters, digits, dots and dashes (any script), 120 characters at most."""
    parts = ["claims", day.isoformat(), status]
    for key, value in filters.items():
        if value not in (None, "", False):
            parts += [key] if value is True else [key, str(value)]
    stem = _UNSAFE.sub("-", "-".join(parts)).strip("-_")[:120].rstrip("-")
    return f"{stem}.{extension}"
