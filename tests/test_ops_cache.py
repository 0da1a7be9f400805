"""The cache that rate limits count in: shared by every server process when Redis is there.

With one cache per gunicorn process, a limit of 10 a minute let 39 of 40 requests through
four workers. The cross-process test needs Redis (CLAIMDESK_TEST_BROKER_URL, which
``.ci/run`` sets); it keeps its keys under a prefix of its own and never empties the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.ops_server import ROOT, gunicorn, migrated_sqlite, server_env

REDIS = os.environ.get("CLAIMDESK_TEST_BROKER_URL", "")


def settings_of(env: dict[str, str], expression: str) -> Any:
    """``expression`` evaluated against the product's settings under ``env``, in a new process."""
    code = f"import json, config.settings as s; print(json.dumps({expression}))"
    env = server_env(SECRET_KEY="x" * 50, **env)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_cache_is_redis_when_redis_url_is_set():
    caches = settings_of({"REDIS_URL": "redis://cache.internal:6379/2"}, "s.CACHES")
    assert caches["default"]["BACKEND"] == "config.cache.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://cache.internal:6379/2"


def test_the_cache_follows_a_redis_broker_when_redis_url_is_not_set():
    caches = settings_of({"CELERY_BROKER_URL": "redis://queue.internal:6379/0"}, "s.CACHES")
    assert caches["default"]["LOCATION"] == "redis://queue.internal:6379/0"


@pytest.mark.parametrize("env", [{}, {"CELERY_BROKER_URL": "amqp://guest@rabbit//"}])
def test_the_cache_is_in_memory_without_redis(env):
    caches = settings_of(env, "s.CACHES")
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_the_memory_cache_holds_two_thousand_entries_unless_told_otherwise():
    # Django's default (300) is fewer article pages than a desk reads in a day.
    assert settings_of({}, "s.CACHES")["default"]["OPTIONS"]["MAX_ENTRIES"] == 2000
    told = settings_of({"CLAIMDESK_LOCAL_CACHE_ENTRIES": "500"}, "s.CACHES")
    assert told["default"]["OPTIONS"]["MAX_ENTRIES"] == 500


def test_one_server_process_without_redis_and_two_per_core_with_it():
    code = "import runpy; print(runpy.run_path('config/gunicorn.py')['workers'])"

    def workers(**env: str) -> int:
        env = {k: v for k, v in server_env(**env).items() if k != "WEB_CONCURRENCY"}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True)
        return int(out.stdout)

    assert workers() == 1
    assert workers(REDIS_URL="redis://cache.internal:6379/2") == 2 * (os.cpu_count() or 1)
    assert workers(CELERY_BROKER_URL="redis://queue.internal:6379/0") == 2 * (os.cpu_count() or 1)


@pytest.fixture
def anonymous_limit(db, settings, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    settings.CLAIMDESK_API_PUBLIC_READ = True
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    from django.core.cache import cache

    cache.clear()


def test_a_client_cannot_escape_the_anonymous_limit_by_inventing_forwarded_addresses(
    anonymous_limit,
):
    api = APIClient()
    codes = [
        api.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(6)
    ]
    assert codes == [200, 200, 200, 429, 429, 429]


@pytest.mark.parametrize(
    ("env", "proxies"), [({}, 0), ({"HTTPS": "on"}, 1), ({"HTTPS": "on", "NUM_PROXIES": "2"}, 2)]
)
def test_proxies_in_front_are_counted_one_with_https_and_none_without(env, proxies):
    assert settings_of(env, "s.REST_FRAMEWORK['NUM_PROXIES']") == proxies


def test_behind_one_proxy_each_client_is_counted_by_the_address_the_proxy_saw(
    anonymous_limit, settings
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    api = APIClient()

    def get(forwarded: str) -> int:
        return api.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR=forwarded).status_code

    # What the client wrote comes first; the proxy appends the address it saw.
    assert [get(f"6.6.6.{n}, 203.0.113.7") for n in range(4)] == [200, 200, 200, 429]
    assert get("198.51.100.9") == 200


def _align_to_a_fresh_minute() -> None:
    """The limit counts per calendar minute: start early in one so the run fits in it."""
    if time.time() % 60 > 50:
        time.sleep(60 - time.time() % 60 + 0.5)


@pytest.mark.redis
def test_ten_a_minute_allows_ten_in_total_across_server_processes(tmp_path):
    if not REDIS:
        pytest.skip("set CLAIMDESK_TEST_BROKER_URL=redis://127.0.0.1:6379/15 (.ci/run does)")
    env = server_env(
        DATABASE_URL=migrated_sqlite(tmp_path / "db.sqlite3"),
        REDIS_URL=REDIS,
        CACHE_KEY_PREFIX=f"claimdesk-test-{uuid.uuid4().hex}",
        CLAIMDESK_API_PUBLIC_READ="true",
        CLAIMDESK_API_THROTTLE_ANON="10/minute",
    )
    with gunicorn(env, tmp_path / "server.log", workers=2, threads=1) as server:
        _align_to_a_fresh_minute()
        # Eight at a time, so that both processes take requests.
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: server.request("GET", "/api/v1/claims/"), range(40)))
    codes = Counter(status for status, _, _, _ in answers)
    workers = {head["x-worker-pid"] for _, head, _, _ in answers}
    assert len(workers) == 2, "every request went to one process: the test proves nothing"
    assert codes == {200: 10, 429: 30}


def test_the_api_still_answers_at_once_when_redis_does_not(db, settings, monkeypatch, caplog):
    """Redis away costs one short socket timeout, then the cache is not asked for a while
    (no timing here: the attempts are counted, and the timeout is the configured one)."""
    import config.cache

    cache_settings = settings_of({"REDIS_URL": "redis://127.0.0.1:1/0"}, "s.CACHES")["default"]
    assert cache_settings["OPTIONS"]["socket_connect_timeout"] <= 0.5
    assert cache_settings["OPTIONS"]["socket_timeout"] <= 0.5
    settings.CACHES = {
        "default": {**cache_settings, "KEY_PREFIX": f"claimdesk-test-{uuid.uuid4().hex}"}
    }
    monkeypatch.setattr(config.cache, "RETRY_AFTER", 3600.0)
    settings.CLAIMDESK_API_PUBLIC_READ = True
    api = APIClient()
    with caplog.at_level("WARNING", logger="claimdesk.cache"):
        codes = [api.get("/api/v1/claims/").status_code for _ in range(5)]
    assert codes == [200] * 5
    attempts = [r for r in caplog.records if "cache unavailable" in r.getMessage()]
    assert len(attempts) == 1, [r.getMessage() for r in attempts]
