"""Claims as plain records, and the streamed exports (CSV, JSON Lines, ClaimReview JSON-LD).

The REST API, the export endpoints and ``manage.py export_claims`` all read claims
through this module, so a claim looks the same wherever it is read.

Reads are lean on purpose: ``.values()`` rows plus one query for the sources of a whole
page or batch, never a query per claim. Exports stream in flat memory:

- CSV on PostgreSQL is PostgreSQL's own ``COPY (SELECT ...) TO STDOUT WITH CSV`` output,
  passed through in 64 KB chunks; elsewhere claims are read in keyset batches. Both write
  the same bytes for the same rows.
- The CSV is UTF-8 with a byte order mark (BOM) so that spreadsheet programs (Excel in
  particular) read Korean text correctly; times are ISO 8601 in UTC
  (``2025-01-01T09:00:00.000000Z``) and ``figures`` is a JSON array.
- Formula injection (OWASP "CSV Injection"): every cell is quoted (so a comma, semicolon
  or tab inside a value never starts a new cell, whatever separator a spreadsheet
  assumes), and a free-text cell (``FREE_TEXT``) whose first character is ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return gets a ``'`` in front, which spreadsheets read
  as "text, not a formula". A free-text cell that already starts with ``'`` followed by
  one of those (after any further ``'``) gets one too, so the rule can be undone: drop
  the first ``'`` of a free-text cell whose first character after its leading ``'`` is
  one of the six. Numbers (``id``, ``article_id``, ``score``), times, ``figures`` (JSON:
  it starts with ``[``) and the vocabularies ``kind``, ``status`` and ``is_current`` are
  written as they are: a leading ``-`` there is data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Generator, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import orjson
from django.db import connections
from django.db.models import CharField, F, Func, QuerySet, TextField
from django.db.models.expressions import RawSQL

from claims.models import Claim, Verdict
from claims.selectors import checks_by_claim, suggestions_by_claim

if TYPE_CHECKING:
    from claims.export_verdicts import CsvTail

BOM = "\ufeff".encode()
CHUNK_BYTES = 64 * 1024
BATCH = 2000

CLAIM_VALUES = (
    "id",
    "article_id",
    "article__title",
    "article__url",
    "article__outlet__name",
    "article__published_at",
    "article__language",
    "text",
    "start",
    "end",
    "kind",
    "figures",
    "attribution",
    "score",
    "status",
    "is_current",
    "recheck_due",
    "assigned_to__username",
    "assignment_due",
    "priority",
    "created_at",
    "updated_at",
    "canonical_id",
    "revision_id",
)
REVIEW_VALUES = (
    "claim_id",
    "id",
    "verdict",
    "created_at",
    "sources__url",
    "sources__title",
    "sources__publisher",
    "sources__excerpt",
    "sources__stance",
    "sources__accessed_at",
    "sources__id",
    "sources__corroboration",
    "sources__archive",
)

# Formula triggers: a spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")
_SQL_FORMULA_CODES = "(" + ", ".join(str(ord(c)) for c in sorted(FORMULA_STARTS)) + ")"
CSV_COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "article_published_at",
    "language",
    "text",
    "kind",
    "status",
    "attribution",
    "score",
    "figures",
    "is_current",
    "updated_at",
)


def claim_values(claims: QuerySet[Claim]) -> QuerySet[Claim, dict[str, Any]]:
    """The rows behind claim records: one query, joined with article and outlet."""
    return claims.values(*CLAIM_VALUES)


def reviews_by_claim(claim_ids: list[int]) -> dict[int, tuple[datetime, list[dict[str, Any]]]]:
    """For each reviewed claim: its last verdict's time and the sources of its verdicts,
    newest verdict first (one query: verdicts left-joined with their sources)."""
    found: dict[int, tuple[datetime, list[dict[str, Any]]]] = {}
    if not claim_ids:
        return found
    rows = (
        Verdict.objects.filter(claim_id__in=claim_ids)
        .order_by("-created_at", "-id", "sources__id")
        .values(*REVIEW_VALUES)
    )
    for row in rows:
        _, sources = found.setdefault(row["claim_id"], (row["created_at"], []))
        if row["sources__url"] is not None:
            sources.append(source_record(row))
    return found


def source_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A source from a row of REVIEW_VALUES: with what its archive found
    (``corroboration``) and keeps (``archive``, null before a copy was kept)."""
    return {
        "id": row["sources__id"],
        "url": row["sources__url"],
        "title": row["sources__title"],
        "publisher": row["sources__publisher"],
        "excerpt": row["sources__excerpt"],
        "stance": row["sources__stance"],
        "accessed_at": row["sources__accessed_at"],
        "verdict_id": row["id"],
        "verdict": row["verdict"],
        "corroboration": row["sources__corroboration"],
        "archive": row["sources__archive"],
    }


def claim_record(
    row: dict[str, Any],
    reviewed_at: datetime | None,
    sources: list[dict[str, Any]],
    suggested: list[int] | None = None,
    checks: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "id": row["id"],
        "article": {
            "id": row["article_id"],
            "title": row["article__title"],
            "url": row["article__url"],
            "outlet": row["article__outlet__name"],
            "published_at": row["article__published_at"],
            "language": row["article__language"],
        },
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "kind": row["kind"],
        "figures": row["figures"],
        "attribution": row["attribution"],
        "score": row["score"],
        "status": row["status"],
        "is_current": row["is_current"],
        "recheck_due": row["recheck_due"],
        "assignment": {
            "assignee": row["assigned_to__username"],
            "due": row["assignment_due"],
            "priority": row["priority"],
        },
        "sources": sources,
        "reviewed_at": reviewed_at,
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "canonical": row["canonical_id"],
        "suggested_duplicates": suggested or [],
        "checks": checks or [],
    }


def claim_records(rows: Iterable[dict[str, Any]], *, linked: bool = True) -> list[dict[str, Any]]:
    """Records for rows of :func:`claim_values`, with their sources, suggested duplicates
    and arithmetic checks (three more queries; one without ``linked``, as ClaimReview
    needs no more)."""
    rows = list(rows)
    ids = [row["id"] for row in rows]
    reviews = reviews_by_claim(ids)
    suggested = suggestions_by_claim(ids) if linked else {}
    checks = checks_by_claim(rows) if linked else {}
    records = []
    for row in rows:
        reviewed_at, sources = reviews.get(row["id"], (None, []))
        records.append(
            claim_record(row, reviewed_at, sources, suggested.get(row["id"]), checks.get(row["id"]))
        )
    return records


def claim_batches(
    claims: QuerySet[Claim], size: int | None = None, *, linked: bool = True
) -> Iterator[list[dict[str, Any]]]:
    """Claim records in id order, ``size`` at a time (keyset batches: flat memory)."""
    size = size or BATCH
    rows = claim_values(claims).order_by("id")
    last = 0
    while True:
        batch = list(rows.filter(id__gt=last)[:size])
        if not batch:
            return
        last = batch[-1]["id"]
        yield claim_records(batch, linked=linked)


def _chunked(parts: Iterable[bytes]) -> Iterator[bytes]:
    """Join small pieces into chunks of about CHUNK_BYTES (fewer writes to the socket)."""
    buffer = bytearray()
    for part in parts:
        buffer += part
        if len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer)
            buffer.clear()
    if buffer:
        yield bytes(buffer)


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=str, option=orjson.OPT_UTC_Z)


# JSON Lines ---------------------------------------------------------------------------


def jsonl_chunks(claims: QuerySet[Claim]) -> Iterator[bytes]:
    """One claim record per line, as the API shows it."""
    if builds_json(claims):
        return _copy_jsonl_chunks(claims)
    return _chunked(dumps(record) + b"\n" for batch in claim_batches(claims) for record in batch)


# PostgreSQL builds claim records itself: the same JSON as claim_record() through orjson
# (times in UTC with "Z", fractions of seconds only when there are some).


def _pg_time(column: str) -> str:
    return (
        f"CASE WHEN mod(date_part('microseconds', {column})::bigint, 1000000) = 0 "
        f"THEN to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
        f"ELSE to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END"
    )


# Built from constants only (no input reaches it); filters are bound parameters.
CLAIM_JSON_SQL = f"""json_build_object(
    'id', claims_claim.id,
    'article', (
        SELECT json_build_object('id', a.id, 'title', a.title, 'url', a.url,
            'outlet', o.name, 'published_at', {_pg_time("a.published_at")},
            'language', a.language)
        FROM articles_article a LEFT JOIN articles_outlet o ON o.id = a.outlet_id
        WHERE a.id = claims_claim.article_id),
    'text', claims_claim.text,
    'start', claims_claim.start,
    'end', claims_claim."end",
    'kind', claims_claim.kind,
    'figures', claims_claim.figures,
    'attribution', claims_claim.attribution,
    'score', claims_claim.score,
    'status', claims_claim.status,
    'is_current', claims_claim.is_current,
    'recheck_due', to_char(claims_claim.recheck_due, 'YYYY-MM-DD'),
    'assignment', json_build_object(
        'assignee', (SELECT u.username FROM auth_user u WHERE u.id = claims_claim.assigned_to_id),
        'due', to_char(claims_claim.assignment_due, 'YYYY-MM-DD'),
        'priority', claims_claim.priority),
    'sources', COALESCE((
        SELECT json_agg(json_build_object('id', s.id, 'url', s.url, 'title', s.title,
            'publisher', s.publisher, 'excerpt', s.excerpt, 'stance', s.stance,
            'accessed_at', {_pg_time("s.accessed_at")}, 'verdict_id', v.id,
            'verdict', v.verdict, 'corroboration', s.corroboration,
            'archive', s.archive) ORDER BY v.created_at DESC, v.id DESC, s.id)
        FROM claims_verdict v JOIN claims_source s ON s.verdict_id = v.id
        WHERE v.claim_id = claims_claim.id), '[]'::json),
    'reviewed_at', (
        SELECT {_pg_time("max(v.created_at)")}
        FROM claims_verdict v WHERE v.claim_id = claims_claim.id),
    'created_at', {_pg_time("claims_claim.created_at")},
    'updated_at', {_pg_time("claims_claim.updated_at")},
    'canonical', claims_claim.canonical_id,
    'suggested_duplicates', COALESCE((
        SELECT json_agg(CASE WHEN l.claim_a_id = claims_claim.id THEN l.claim_b_id
            ELSE l.claim_a_id END ORDER BY l.score DESC, l.id)
        FROM claims_claimlink l
        WHERE (l.claim_a_id = claims_claim.id OR l.claim_b_id = claims_claim.id)
            AND l.state = 'suggested'), '[]'::json),
    'checks', COALESCE((
        SELECT json_agg(json_build_object('kind', 'arithmetic', 'outcome', k.outcome,
            'relation', k.relation,
            'figures', COALESCE((SELECT json_agg(f.item->>'text' ORDER BY f.n)
                FROM jsonb_array_elements(k.figures) WITH ORDINALITY AS f(item, n)), '[]'::json),
            'explanation', k.explanation) ORDER BY k.start, k.id)
        FROM claims_arithmeticcheck k
        WHERE k.revision_id = claims_claim.revision_id
            AND k.start < claims_claim."end" AND k."end" > claims_claim.start), '[]'::json)
)::text"""  # noqa: S608


def builds_json(claims: QuerySet[Claim]) -> bool:
    """True when the database builds claim records as JSON itself (PostgreSQL)."""
    return connections[claims.db].vendor == "postgresql"


def claim_json(claims: QuerySet[Claim]) -> QuerySet[Claim, dict[str, Any]]:
    """Rows of ``id`` and ``json``: the claim record as JSON text, built by PostgreSQL."""
    document = RawSQL(CLAIM_JSON_SQL, (), output_field=TextField())  # noqa: S611
    return claims.annotate(json=document).values("id", "json")


def _copy_jsonl_chunks(claims: QuerySet[Claim], json_sql: str = CLAIM_JSON_SQL) -> Iterator[bytes]:
    document = RawSQL(json_sql, (), output_field=TextField())  # noqa: S611
    rows = claims.order_by("id").annotate(json=document).values_list("json")
    sql, params = rows.query.sql_with_params()
    # CSV with quote and delimiter characters that JSON text never holds unescaped: each
    # line is the JSON text, untouched.
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
    with connections[claims.db].cursor() as cursor:
        with cursor.cursor.copy(statement, tuple(params)) as copy:
            yield from _chunked(bytes(data) for data in copy)


# CSV ----------------------------------------------------------------------------------


# Columns people or pages wrote, neutralised against formulas (see the module's docstring).
# ``language`` is one: the parser writes ko or en, but the admin takes any eight characters.
FREE_TEXT = ("article_title", "article_url", "outlet", "language", "text", "attribution")


class IsoUTC(Func):
    """A timestamp as ISO 8601 text in UTC, formatted by PostgreSQL ('' for none)."""

    template = (
        "COALESCE(to_char(%(expressions)s AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), '')"
    )
    output_field = CharField()


class BoolText(Func):
    template = "CASE WHEN %(expressions)s THEN 'true' ELSE 'false' END"
    output_field = CharField()


def formula_safe(value: str | None) -> str:
    """A free-text cell that no spreadsheet reads as a formula: ``'`` in front of a value
    starting with a formula trigger (or with ``'``s and then one); ``None`` is ``''``."""
    if not value:
        return ""
    first = value[0]
    if first in FORMULA_STARTS or (first == "'" and value.lstrip("'")[:1] in FORMULA_STARTS):
        return "'" + value
    return value


def _jsonb_order(value: Any) -> Any:
    # PostgreSQL's jsonb keeps object keys shortest first, then bytewise.
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(k.encode()), k.encode()))
        return {k: _jsonb_order(value[k]) for k in keys}
    if isinstance(value, list):
        return [_jsonb_order(v) for v in value]
    return value


def _json_text(value: Any) -> str:
    """JSON as PostgreSQL prints jsonb, so both CSV paths write the same bytes."""
    return json.dumps(_jsonb_order(value), ensure_ascii=False)


def _float_text(value: float) -> str:
    """A float as PostgreSQL prints float8: shortest exact digits, no ".0" on whole numbers."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _iso(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if value else ""


def csv_header(tail: CsvTail | None = None) -> bytes:
    columns = CSV_COLUMNS + (tail.columns if tail is not None else ())
    return BOM + (",".join(columns) + "\n").encode()


def _formula_safe_sql(column: str) -> str:
    """SQL for a free-text column as :func:`formula_safe` writes it (``column`` a quoted
    name); ``ascii()`` reads the first character's code without copying the text."""
    return (
        f"CASE WHEN ascii({column}) IN {_SQL_FORMULA_CODES} OR (ascii({column}) = 39 "
        f"AND ascii(ltrim({column}, '''')) IN {_SQL_FORMULA_CODES}) "
        f"THEN '''' || {column} ELSE COALESCE({column}, '') END"
    )


def copy_statement(
    claims: QuerySet[Claim], tail: CsvTail | None = None
) -> tuple[str, tuple[Any, ...]]:
    """``COPY (SELECT the CSV columns of these claims) TO STDOUT WITH CSV`` and its parameters.

    Every cell is quoted (``FORCE_QUOTE *``; none is NULL, so none is left unquoted) and the
    free-text columns are neutralised as :func:`formula_safe` does in the Python path. The
    neutralising is done over the rows as selected (a subquery), so the plan stays the one
    of the plain select: costed with the expressions in it, PostgreSQL would pick a parallel
    plan that is slower on a busy server.
    """
    sources = (
        F("id"),
        F("article_id"),
        F("article__title"),
        F("article__url"),
        F("article__outlet__name"),
        IsoUTC(F("article__published_at")),
        F("article__language"),
        F("text"),
        F("kind"),
        F("status"),
        F("attribution"),
        F("score"),
        F("figures"),
        BoolText(F("is_current")),
        IsoUTC(F("updated_at")),
    )
    columns = {f"x_{name}": source for name, source in zip(CSV_COLUMNS, sources, strict=True)}
    rows = claims.order_by("id").annotate(**columns).values_list(*columns)
    sql, params = rows.query.sql_with_params()
    cells = [
        _formula_safe_sql(f'c."x_{name}"') if name in FREE_TEXT else f'c."x_{name}"'
        for name in CSV_COLUMNS
    ]
    join = ""
    if tail is not None:
        cells += [
            _formula_safe_sql(sql_cell) if name in tail.free_text else f"COALESCE({sql_cell}, '')"
            for name, sql_cell in zip(tail.columns, tail.select, strict=True)
        ]
        join = " " + tail.join
    selected = ", ".join(cells)
    # Built from constants only (no input reaches it); filters are bound parameters.
    statement = f'COPY (SELECT {selected} FROM ({sql}) AS c{join} ORDER BY c."x_id") '  # noqa: S608
    return statement + "TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)", tuple(params)


def _copy_chunks(claims: QuerySet[Claim], tail: CsvTail | None = None) -> Iterator[bytes]:
    statement, params = copy_statement(claims, tail)
    connection = connections[claims.db]
    with connection.cursor() as cursor:
        with cursor.cursor.copy(statement, params) as copy:
            yield from _chunked(bytes(data) for data in copy)


def _python_csv_chunks(claims: QuerySet[Claim], tail: CsvTail | None = None) -> Iterator[bytes]:
    rows = claims.order_by("id").values_list(
        "id",
        "article_id",
        "article__title",
        "article__url",
        "article__outlet__name",
        "article__published_at",
        "article__language",
        "text",
        "kind",
        "status",
        "attribution",
        "score",
        "figures",
        "is_current",
        "updated_at",
    )
    last = 0
    while True:
        batch = list(rows.filter(id__gt=last)[:BATCH])
        if not batch:
            return
        last = batch[-1][0]
        cells = [_csv_row(row) for row in batch]
        if tail is not None:
            more = tail.cells([row[0] for row in batch])
            blank = ("",) * len(tail.columns)
            cells = [row + more.get(row[0], blank) for row in cells]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(cells)
        yield out.getvalue().encode()


def _csv_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row of the Python path's select as the CSV's cells."""
    pk, article, title, url, outlet, published, language, text = row[:8]
    kind, status, attribution, score, figures, current, updated = row[8:]
    safe = formula_safe
    return (
        pk,
        article,
        safe(title),
        safe(url),
        safe(outlet),
        _iso(published),
        safe(language),
        safe(text),
        kind,
        status,
        safe(attribution),
        _float_text(score),
        _json_text(figures),
        "true" if current else "false",
        _iso(updated),
    )


def csv_chunks(claims: QuerySet[Claim], tail: CsvTail | None = None) -> Generator[bytes]:
    """The CSV export: BOM and header, then one row per claim in id order (with the
    ``tail``'s columns after the claim's)."""
    yield csv_header(tail)
    if connections[claims.db].vendor == "postgresql":
        yield from _copy_chunks(claims, tail)
    else:
        yield from _chunked(_python_csv_chunks(claims, tail))
