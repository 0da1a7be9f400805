"""Load test (issue 4): the review queue, an article page and the claims API under concurrent
users, with locust against gunicorn on loopback and 100,000 claims in PostgreSQL.

Each target runs for a bounded time with the same number of users; the figures are requests,
failures (target: zero), p50/p95/p99 and requests per second, with the ratio against a bare
Django JsonResponse on the same server measured in the same run.

Full form:  .venv/bin/python -m bench.run_all load     (100,000 claims, 60 s per target)
Short form: .venv/bin/python -m bench.bench_load --smoke   (10,000 claims, 10 s; CI runs
it and fails on any failed request)
Creates and drops its own database (claimdesk_load). Loopback traffic only.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMOKE = "--smoke" in sys.argv
os.environ.setdefault("BENCH_API_DB", "claimdesk_load")
os.environ.setdefault("BENCH_API_CLAIMS", "10000" if SMOKE else "100000")
os.environ.setdefault("BENCH_API_PORT", "8766")

from bench import bench_api  # noqa: E402  (reads the settings above)

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 10 if SMOKE else 60))
USERS = int(os.environ.get("BENCH_LOAD_USERS", 8 if SMOKE else 32))
ALL_TARGETS = ["Bare", "Api", "Queue", "QueueFiltered", "Article"]
# BENCH_LOAD_TARGETS=Api,Queue runs those alone beside the bare view (always run: the ratios).
TARGETS = ["Bare"] + [
    t for t in os.environ.get("BENCH_LOAD_TARGETS", ",".join(ALL_TARGETS)).split(",") if t != "Bare"
]

# Bodies that hold the claims at their offsets (bench_api places them one space apart), so
# article pages render every claim in place.
CONSISTENT_BODIES = """
UPDATE articles_articlerevision r SET body = (
    SELECT string_agg(text, ' ' ORDER BY start) FROM claims_claim WHERE revision_id = r.id);
VACUUM ANALYZE;
"""
# VACUUM after the bulk update: left to autovacuum, it would run during the measurements,
# taking a core and moving the WAL position that keys the cached pages.


def prepare() -> dict[str, str]:
    """Data, a signed-in reviewer's session and an API token, for the locust processes."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
        load_backend,
    )
    from django.contrib.auth.models import Group
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from articles.models import Article

    bench_api.populate()
    with connection.cursor() as cursor:
        for statement in CONSISTENT_BODIES.split(";\n"):
            if statement.strip():
                cursor.execute(statement)
    reviewer = get_user_model().objects.get(username="bench-reviewer")
    reviewer.groups.add(Group.objects.get(name="reviewer"))
    # A session made directly, as a sign-in would (sign-in itself is rate limited).
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(reviewer.pk)
    # The backend a sign-in names: the first that loads users (after django-axes').
    session[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    session[HASH_SESSION_KEY] = reviewer.get_session_auth_hash()
    session.create()
    ids = Article.objects.order_by("id").values_list("id", flat=True)
    return {
        "LOAD_SESSION": session.session_key or "",
        "LOAD_TOKEN": Token.objects.create(user=reviewer).key,
        "LOAD_ARTICLES": f"{ids.first()}:{ids.last()}",
    }


def collect_static() -> None:
    """Static files for the pages' manifest, as bin/serve collects them but without
    whitenoise's compression (50 s to minutes on a busy 2-core machine): the manifest, the
    only part the pages read, is the same, and no target requests a static file.
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    plain = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    storages = {**settings.STORAGES, "staticfiles": plain}
    with override_settings(STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)


def run_locust(target: str, env: dict[str, str], out: Path) -> dict[str, float]:
    prefix = out / target
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(USERS),
            "--run-time",
            f"{SECONDS}s",
            "--host",
            f"http://127.0.0.1:{bench_api.PORT}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            target,
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=SECONDS + 120,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    parts = [r for r in rows if r["Name"] != "Aggregated"]
    if len(parts) > 1:  # the target's requests by name, e.g. the queue with and without filters
        for r in parts:
            print(
                f"  {target.lower()}: {r['Name']}: {int(r['Request Count']):,} requests,"
                f" {r['Failure Count']} failures, p50 {r['50%']} ms, p99 {r['99%']} ms"
            )
    failures = int(total["Failure Count"])
    if failures and Path(f"{prefix}_failures.csv").exists():
        print(Path(f"{prefix}_failures.csv").read_text()[:1000])
    if done.returncode not in (0, 1):
        print(done.stderr[-2000:])

    def number(value: str) -> float:  # locust writes N/A when no request completed
        return float(value) if value not in ("", "N/A") else float("nan")

    return {
        "requests": int(total["Request Count"]),
        "failures": failures,
        "p50": number(total["50%"]),
        "p95": number(total["95%"]),
        "p99": number(total["99%"]),
        "rps": number(total["Requests/s"]),
    }


def main() -> int:
    os.environ.update(bench_api.ENV)
    os.environ["CLAIMDESK_API_PUBLIC_READ"] = "0"  # the API is read with a reviewer's token
    sys.path.insert(0, str(ROOT))
    bench_api.create_database()
    import django

    django.setup()
    from django.core.management import call_command

    server = None
    started = time.perf_counter()
    try:
        call_command("migrate", verbosity=0)
        collect_static()
        loading = time.perf_counter()
        env = prepare()
        print(f"{bench_api.CLAIMS:,} claims loaded in {time.perf_counter() - loading:.1f}s")
        server = bench_api.start_gunicorn()
        print(f"database and server ready in {time.perf_counter() - started:.1f}s")
        print(
            f"{bench_api.CLAIMS:,} claims in PostgreSQL; gunicorn (config/gunicorn.py, "
            f"2 workers); locust {USERS} users x {SECONDS}s per target"
        )
        with tempfile.TemporaryDirectory() as tmp:
            results = {t: run_locust(t, env, Path(tmp)) for t in TARGETS}
    finally:
        if server is not None:
            bench_api.stop(server)
        bench_api.drop_database()
    bare = results["Bare"]["rps"] or 1.0
    print(f"{'target':<15}{'requests':>10}{'failures':>10}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'p99 ms':>9}{'req/s':>9}{'vs bare':>9}")  # fmt: skip
    for target, r in results.items():
        print(
            f"{target.lower():<15}{r['requests']:>10,}{r['failures']:>10}{r['p50']:>9.0f}"
            f"{r['p95']:>9.0f}{r['p99']:>9.0f}{r['rps']:>9.1f}{r['rps'] / bare:>9.2f}"
        )
    failed = sum(int(r["failures"]) for r in results.values())
    empty = [t for t, r in results.items() if not r["requests"]]
    print("zero failures" if not failed and not empty else f"FAILURES: {failed}, idle: {empty}")
    return 1 if failed or empty else 0


if __name__ == "__main__":
    sys.exit(main())
