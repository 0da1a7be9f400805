"""Backup and restore of everything Claimdesk holds, through Django's serializers.

Users, roles, tokens, outlets, articles and revisions, feeds and jobs, claims, verdicts,
sources and events go into one gzip-compressed XML document with natural keys for users,
groups and permissions, so it loads into any empty, migrated database (SQLite or
PostgreSQL) whatever ids the target gives its users. XML rather than JSON because Django's
JSON encoder cuts times to milliseconds, and a backup must change nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from articles.models import Article, Outlet
from claims.models import Claim

LABELS = [
    "auth.group",
    "auth.user",
    "authtoken.token",
    "articles",
    "claims",
]


class RestoreError(Exception):
    """A backup cannot be restored here; the message says why and what to do."""


def backup_write(*, path: Path) -> None:
    """Write every row to ``path`` (a .xml.gz file)."""
    call_command(
        "dumpdata",
        *LABELS,
        format="xml",
        natural_foreign=True,
        natural_primary=True,
        output=str(path),
        verbosity=0,
    )


def restore_check_empty() -> None:
    if Article.objects.exists() or Claim.objects.exists() or Outlet.objects.exists():
        raise RestoreError(
            "the database already holds articles or claims; restore into an empty, "
            "migrated database (for example a new DATABASE_URL after `manage.py migrate`)"
        )


@transaction.atomic
def backup_restore(*, path: Path) -> None:
    """Load a backup into an empty database, all or nothing."""
    if not path.exists():
        raise RestoreError(f"{path}: no such file")
    restore_check_empty()
    call_command("loaddata", str(path), verbosity=0)


def archive_location() -> str:
    """Where the WARC records of source archives are (they are not in the backup file):
    a folder for the default storage, else the storage backend's name."""
    from django.conf import settings

    config = settings.STORAGES["archives"]
    location = config.get("OPTIONS", {}).get("location")
    return str(location) if location else str(config["BACKEND"])
