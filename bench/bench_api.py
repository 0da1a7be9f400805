"""API and export benchmark on PostgreSQL (issue 6), ratios against references in the same run.

1. CSV export of 100,000 claims: rows per second of ``/api/v1/export/claims.csv`` (through
   gunicorn) and of the export code in-process, against ``psql`` running PostgreSQL's own
   ``COPY (SELECT the same columns) TO STDOUT WITH CSV`` of the columns as stored (the
   export's statement before issue 17 quoted every cell and neutralised formulas:
   ``REFERENCE_COPY``, so the ratios before and after compare); target >= 0.5. Also the
   Python path (SQLite's) in-process on the same rows, against the same reference. Memory
   growth of the in-process export; target < 50 MB.
2. ``GET /api/v1/claims/`` (a page of 50) under 32 concurrent keep-alive connections
   against gunicorn (config/gunicorn.py, 2 workers) on 127.0.0.1, against a bare Django
   ``JsonResponse`` view served by the same gunicorn; target >= 1/3, zero errors; p99.

Creates and drops its own database (claimdesk_bench). Loopback traffic only.
Run: .venv/bin/python -m bench.run_all api
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}
DB = os.environ.get("BENCH_API_DB", "claimdesk_bench")
DATABASE_URL = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB}"
CLAIMS = int(os.environ.get("BENCH_API_CLAIMS", 100_000))
PER_ARTICLE = 100
CONNECTIONS = 32
LOAD_SECONDS = float(os.environ.get("BENCH_API_SECONDS", 6))
ROUNDS = 2
PORT = int(os.environ.get("BENCH_API_PORT", 8765))
ENV = {
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "SECRET_KEY": "bench-api-secret-key-not-for-production-0123456789abcdef",
    "DEBUG": "0",
    "CLAIMDESK_API_PUBLIC_READ": "1",
    "CLAIMDESK_API_THROTTLE_ANON": "1000000/second",
    "CLAIMDESK_API_THROTTLE_USER": "1000000/second",
    "LOG_LEVEL": "WARNING",
    "DATABASE_POOL_MAX": "8",
}


# The gunicorn app: the project plus one bare JsonResponse view --------------------------


def bare(request: Any) -> Any:
    from django.http import JsonResponse

    return JsonResponse({"status": "ok"})


urlpatterns: list[Any] = []


def serve() -> Any:
    """gunicorn "bench.bench_api:serve()": the project's URLs plus /bench/bare/."""
    import django
    from django.conf import settings
    from django.urls import include, path

    django.setup()
    settings.ROOT_URLCONF = "bench.bench_api"
    urlpatterns[:] = [path("bench/bare/", bare), path("", include("config.urls"))]
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


# Database --------------------------------------------------------------------------------


def psql(sql: str, db: str = "postgres", out: Any = None) -> None:
    subprocess.run(
        ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", db, "-qAtc", sql],
        check=True,
        stdout=out if out is not None else subprocess.DEVNULL,
    )


def create_database() -> None:
    psql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{DB}"')


def drop_database() -> None:
    from django.db import connections

    connections.close_all()
    psql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')


POPULATE = """
INSERT INTO articles_outlet (name, domain, known_domains, created_at)
SELECT 'Outlet ' || i, 'outlet' || i || '.example', '[]'::jsonb, now()
FROM generate_series(1, 20) i;

INSERT INTO articles_article (key, outlet_id, url, canonical_url, title, authors,
    published_at, modified_at, language, created_at, updated_at)
SELECT 'bench:' || i, (SELECT min(id) FROM articles_outlet) + i % 20,
    'https://news.example/' || i, '', '기사 제목 ' || i || ' / Article ' || i,
    '["기자"]'::jsonb, now() - i * interval '1 hour', NULL,
    CASE WHEN i % 2 = 0 THEN 'ko' ELSE 'en' END, now(), now()
FROM generate_series(1, {ARTICLES}) i;

INSERT INTO articles_articlerevision (article_id, number, title, authors, published_at,
    modified_at, language, body, content_hash, source, named_canonical_url, flagged,
    flag_reason, created_at)
SELECT id, 1, title, authors, published_at, NULL, language, 'body', md5(key), '', '', false,
    '', now()
FROM articles_article;

INSERT INTO claims_claim (article_id, revision_id, text, start, "end", kind, figures,
    attribution, score, status, fingerprint, is_current, origin, dismissed_reason,
    match_features, recheck_due, is_due, blind, created_at, updated_at)
SELECT article_id, revision_id, text, at, at + length(text),
    (ARRAY['statistical','comparison','temporal','quote','factual'])[1 + n % 5],
    jsonb_build_array(jsonb_build_object('text', n || '개국', 'value', n::text,
        'unit', 'countries', 'kind', 'count', 'start', 4, 'end', 4 + length(n || '개국'),
        'approximate', false)),
    CASE WHEN n % 3 = 0 THEN '블룸버그통신에 따르면' ELSE '' END,
    (n % 100) / 100.0,
    CASE WHEN n % 10 = 0 THEN 'verified' WHEN n % 10 = 1 THEN 'disputed' ELSE 'unreviewed' END,
    md5(article_id || ':' || n), true, 'extractor', '', '{}'::jsonb,
    -- One claim in a hundred (a verified one) is due for re-check: open work again.
    CASE WHEN n % 100 = 10 THEN current_date - 1 END, n % 100 = 10, false, now(),
    now() - n * interval '1 second'
FROM (
    -- Each claim placed after the ones before it in its article, one space apart, so that
    -- a body of the claims joined by spaces holds each at its offsets (bench_load).
    SELECT a.id AS article_id, r.id AS revision_id, n, t.text,
        (sum(length(t.text) + 1) OVER (PARTITION BY a.id ORDER BY n)
            - length(t.text) - 1)::int AS at
    FROM articles_article a
    JOIN articles_articlerevision r ON r.article_id = a.id
    CROSS JOIN generate_series(1, {PER_ARTICLE}) n
    CROSS JOIN LATERAL (SELECT '정부는 "' || n || '개국"에 친서를 보냈다, 기사 ' || a.id
        || E'. Exports rose ' || n || ' percent.' AS text) t) placed;

INSERT INTO claims_verdict (claim_id, reviewer_id, verdict, grade, scale_grade_id, note,
    settles, created_at)
SELECT c.id, {REVIEWER}, c.status, c.status, g.id, 'checked against the source', false, now()
FROM claims_claim c
JOIN claims_ratinggrade g ON g.code = c.status
JOIN claims_ratingscale s ON s.id = g.scale_id AND s.code = 'three-grade'
WHERE c.status IN ('verified', 'disputed');

INSERT INTO claims_source (verdict_id, url, title, publisher, excerpt, stance, accessed_at,
    corroboration)
SELECT id, 'https://kosis.kr/table/' || id, '통계표 ' || id, '통계청', '35개국',
    CASE WHEN verdict = 'verified' THEN 'supports' ELSE 'refutes' END, now(), '{}'::jsonb
FROM claims_verdict;
ANALYZE;
"""


def populate() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    reviewer = get_user_model().objects.create_user("bench-reviewer")
    sql = (
        POPULATE.replace("{ARTICLES}", str(CLAIMS // PER_ARTICLE))
        .replace("{PER_ARTICLE}", str(PER_ARTICLE))
        .replace("{REVIEWER}", str(reviewer.pk))
    )
    with connection.cursor() as cursor:
        for statement in sql.split(";\n"):
            if statement.strip():
                cursor.execute(statement)


# Measurements -------------------------------------------------------------------------


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def copy_reference(statement: str) -> float:
    """Seconds for psql to run PostgreSQL's COPY of the export's own SELECT to a pipe."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", DB, "-qAt"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write(statement.encode() + b";\n")
    proc.stdin.close()
    size = 0
    while chunk := proc.stdout.read(1 << 16):
        size += len(chunk)
    proc.wait()
    assert proc.returncode == 0 and size > 0
    return time.perf_counter() - started


# The CSV export's statement as it was before issue 17 (the columns as stored): fixed, so
# that changes to the export show in its ratio rather than in the reference's speed.
REFERENCE_COPY = """COPY (
SELECT c.id, c.article_id, NULLIF(a.title, ''), NULLIF(a.url, ''), o.name,
    to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), a.language,
    c.text, c.kind, c.status, NULLIF(c.attribution, ''), c.score, c.figures,
    CASE WHEN c.is_current THEN 'true' ELSE 'false' END,
    to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
FROM claims_claim c JOIN articles_article a ON a.id = c.article_id
LEFT JOIN articles_outlet o ON o.id = a.outlet_id ORDER BY c.id
) TO STDOUT WITH (FORMAT csv)"""


def export_in_process(python_path: bool = False) -> tuple[float, int, int]:
    """Seconds, bytes and peak memory growth of the CSV export code, consumed in-process
    (with ``python_path``, the code SQLite uses, on the same PostgreSQL rows)."""
    from claims.exports import _python_csv_chunks, csv_chunks
    from claims.models import Claim

    before, size = rss_bytes(), 0
    peak = before
    export = _python_csv_chunks if python_path else csv_chunks
    started = time.perf_counter()
    for chunk in export(Claim.objects.all()):
        size += len(chunk)
        peak = max(peak, rss_bytes())
    return time.perf_counter() - started, size, peak - before


def http_get_all(path: str) -> tuple[float, int, int]:
    """Seconds, status and body size of one GET through gunicorn, body read to the end."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", PORT)) as sock:
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        received = bytearray()
        while chunk := sock.recv(1 << 16):
            received += chunk
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return time.perf_counter() - started, status, len(body)


COUNTER = itertools.count()


async def _one_connection(
    path: str, deadline: float, latencies: list[float], errors: list[str]
) -> None:
    reader = writer = None
    while time.perf_counter() < deadline:
        target = path.replace("{n}", str(next(COUNTER)))
        request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
        assert reader is not None
        started = time.perf_counter()
        try:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            # The server closed an idle keep-alive connection before this request: reconnect.
            writer.close()
            reader = writer = None
            continue
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        lowered = {k.lower(): v for k, v in headers.items()}
        await reader.readexactly(int(lowered.get("content-length", "0")))
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors.append(str(status))
        if lowered.get("connection", "").lower() == "close":
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _load(path: str, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(_one_connection(path, deadline, latencies, errors) for _ in range(CONNECTIONS))
    )
    return latencies, errors


def load(path: str, seconds: float = LOAD_SECONDS) -> dict[str, float]:
    asyncio.run(_load(path, 1.0))  # warm up every worker and connection pool
    started = time.perf_counter()
    latencies, errors = asyncio.run(_load(path, seconds))
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99_ms": p99 * 1000,
        "errors": len(errors),
        "requests": len(latencies),
    }


def start_gunicorn() -> subprocess.Popen[bytes]:
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    env = {**os.environ, **ENV, "WEB_CONCURRENCY": "2", "BIND": f"127.0.0.1:{PORT}"}
    proc = subprocess.Popen(
        [
            gunicorn,
            "-c",
            str(ROOT / "config" / "gunicorn.py"),
            "--access-logfile",
            "/dev/null",
            "--max-requests",
            "0",
            "bench.bench_api:serve()",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            if http_get_all("/bench/bare/")[1] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("gunicorn did not start")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def verdict(ok: bool) -> str:
    return "meets target" if ok else "BELOW TARGET"


def main() -> int:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    create_database()
    import django

    django.setup()
    from django.core.management import call_command

    failed = False
    server = None
    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        populate()
        from claims.models import Claim

        count = Claim.objects.count()
        print(f"database {DB}: {count} claims ready in {time.perf_counter() - started:.1f}s")

        copy_s = min(copy_reference(REFERENCE_COPY) for _ in range(3))
        inproc = [export_in_process() for _ in range(3)]
        inproc_s = min(run[0] for run in inproc)
        growth = max(run[2] for run in inproc)
        python_s = min(export_in_process(python_path=True)[0] for _ in range(2))
        server = start_gunicorn()
        http = [http_get_all("/api/v1/export/claims.csv") for _ in range(3)]
        assert all(status == 200 for _, status, _ in http), http
        http_s = min(run[0] for run in http)
        jsonl_s = min(http_get_all("/api/v1/export/claims.jsonl")[0] for _ in range(2))

        print(f"CSV export of {count} claims ({inproc[0][1] / 1e6:.1f} MB):")
        print(
            f"  psql COPY (SELECT ...) TO STDOUT WITH CSV: {count / copy_s:10,.0f} rows/s"
            "  (the reference)"
        )
        http_ratio, inproc_ratio = copy_s / http_s, copy_s / inproc_s
        print(
            f"  GET /api/v1/export/claims.csv (gunicorn): {count / http_s:10,.0f} rows/s"
            f"  ratio {http_ratio:.2f}  ({verdict(http_ratio >= 0.5)}: >= 0.5)"
        )
        print(
            f"  export code in-process:                   {count / inproc_s:10,.0f} rows/s"
            f"  ratio {inproc_ratio:.2f}"
        )
        print(
            f"  Python path (SQLite's) in-process:        {count / python_s:10,.0f} rows/s"
            f"  ratio {copy_s / python_s:.2f}"
        )
        print(
            f"  memory growth in-process: {growth / 1e6:.2f} MB over {rss_bytes() / 1e6:.0f} MB RSS"
            f"  ({verdict(growth < 50e6)}: < 50 MB)"
        )
        print(f"  (JSON Lines over HTTP, for reference: {count / jsonl_s:,.0f} rows/s)")
        failed |= http_ratio < 0.5 or growth >= 50e6

        # Interleaved rounds, best of each: other work on the machine hits both alike.
        rounds = [(load("/bench/bare/"), load("/api/v1/claims/")) for _ in range(ROUNDS)]
        bare_run = max((r[0] for r in rounds), key=lambda run: run["rps"])
        api_run = max((r[1] for r in rounds), key=lambda run: run["rps"])
        # A new URL each time (an ignored parameter): every page is built, never cached.
        uncached_run = load("/api/v1/claims/?nocache={n}")
        ratio = api_run["rps"] / bare_run["rps"]
        print(f"Claims list under load ({CONNECTIONS} connections, gunicorn 2 workers):")
        for name, run in (
            ("bare JsonResponse", bare_run),
            ("GET /api/v1/claims/", api_run),
            ("  same, never cached", uncached_run),
        ):
            print(
                f"  {name:22s} {run['rps']:8,.0f} req/s  p50 {run['p50_ms']:6.1f} ms"
                f"  p99 {run['p99_ms']:6.1f} ms  errors {run['errors']:.0f}"
                f" of {run['requests']:.0f}  ({run['rps'] / bare_run['rps']:.2f} of bare)"
            )
        print(f"  ratio {ratio:.2f}  ({verdict(ratio >= 1 / 3)}: >= 0.33, zero errors)")
        errors = sum(run["errors"] for pair in rounds for run in pair) + uncached_run["errors"]
        failed |= ratio < 1 / 3 or bool(errors)
    finally:
        if server is not None:
            stop(server)
        drop_database()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
