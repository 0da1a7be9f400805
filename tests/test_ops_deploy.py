"""Production settings (HTTPS=on behind a proxy): what a probe and `check --deploy` see.

Each case loads the settings in a new process, since they are read from the environment
once, at start-up.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys

from tests.ops_server import ROOT, server_env

PRODUCTION = {
    "HTTPS": "on",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "claims.example.org,127.0.0.1,testserver",
}


def statuses(tmp_path, env: dict[str, str], requests: dict[str, dict[str, str]]) -> dict:
    """The status of a GET of each path (with its extra headers) in a new process."""
    code = (
        "import django, json, sys; django.setup(); from django.test import Client; "
        "asked = json.loads(sys.argv[1]); "
        "print(json.dumps({p: Client().get(p, headers=h).status_code for p, h in asked.items()}))"
    )
    env = server_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env)
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(requests)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_health_answers_plain_http_probes_under_https(tmp_path):
    """A load balancer probes the server directly, over plain HTTP: no redirect for it."""
    got = statuses(tmp_path, PRODUCTION, {"/healthz": {}, "/accounts/login/": {}})
    assert got == {"/healthz": 200, "/accounts/login/": 301}


def test_pages_behind_the_proxy_are_not_redirected(tmp_path):
    https = {"X-Forwarded-Proto": "https"}
    got = statuses(tmp_path, PRODUCTION, {"/healthz": https, "/accounts/login/": https})
    assert got == {"/healthz": 200, "/accounts/login/": 200}


def test_check_deploy_is_clean_under_production_settings():
    for extra in ({}, {"REDIS_URL": "redis://cache.internal:6379/1"}):
        env = server_env(
            DJANGO_SETTINGS_MODULE="config.settings",
            DATABASE_URL="postgres://claimdesk@db.internal/claimdesk",
            **PRODUCTION,
            **extra,
        )
        out = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, out.stdout + out.stderr
        assert "no issues" in out.stdout
