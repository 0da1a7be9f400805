"""Migrations run backwards to nothing and forwards again, on the database kind the suite
runs on (a scratch database of its own, in a separate process)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def scratch_database(tmp_path: Path) -> Iterator[str]:
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    import psycopg

    conf = settings.DATABASES["default"]
    name = f"claimdesk_migrations_{uuid.uuid4().hex[:8]}"
    server = f"postgres://{conf['USER']}@{conf['HOST']}:{conf['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _manage(database_url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_every_migration_reverses_to_zero_and_applies_again(scratch_database: str) -> None:
    _manage(scratch_database, "migrate", "--noinput")
    _manage(scratch_database, "migrate", "claims", "zero", "--noinput")
    _manage(scratch_database, "migrate", "articles", "zero", "--noinput")
    shown = _manage(scratch_database, "showmigrations", "articles", "claims")
    assert "[X]" not in shown
    _manage(scratch_database, "migrate", "--noinput")
    shown = _manage(scratch_database, "showmigrations", "articles", "claims")
    assert "[ ]" not in shown
    roles = _manage(
        scratch_database,
        "shell",
        "-c",
        "from django.contrib.auth.models import Group;"
        "print(sorted(Group.objects.values_list('name', flat=True)))",
    )
    assert roles.strip().splitlines()[-1] == "['editor', 'reviewer', 'viewer']"
