"""Backup and restore: everything comes back unchanged on an empty database."""

import errno
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.authtoken.models import Token

from articles.models import Feed, FeedEntry, IngestJob, Outlet
from claims import backup
from claims.models import ClaimEvent, Source, Verdict
from claims.services import SourceInput, claim_dismiss, claim_record_verdict
from tests.factories import make_article, make_claims, make_team

ROOT = Path(__file__).resolve().parent.parent

MODELS = [
    "auth.User",
    "auth.Group",
    "authtoken.Token",
    "articles.Outlet",
    "articles.Article",
    "articles.ArticleRevision",
    "articles.Feed",
    "articles.FeedEntry",
    "articles.IngestJob",
    "claims.Claim",
    "claims.Verdict",
    "claims.Source",
    "claims.ClaimEvent",
]
# Ids of users, groups and rating grades may differ after a restore; rows point at them by
# name.
BY_NAME = {"auth.User": "username", "auth.Group": "name"}


def _snapshot():
    rows = {}
    for label in MODELS:
        model = apps.get_model(label)
        values = list(model.objects.order_by("pk").values())
        for row in values:
            if label in BY_NAME:
                row.pop("id")
            for key in ("user_id", "reviewer_id", "actor_id", "created_by_id", "assigned_to_id"):
                if key in row and row[key] is not None:
                    row[key] = apps.get_model("auth.User").objects.get(pk=row[key]).username
            # A rating grade is named by its scale's code and its own (natural key), like users.
            if row.get("scale_grade_id") is not None:
                grade = apps.get_model("claims.RatingGrade").objects.get(pk=row["scale_grade_id"])
                row["scale_grade_id"] = list(grade.natural_key())
        rows[label] = sorted(values, key=repr)
    groups = apps.get_model("auth.Group").objects.order_by("name")
    rows["memberships"] = [
        (g.name, sorted(g.user_set.values_list("username", flat=True)),
         sorted(g.permissions.values_list("codename", flat=True)))
        for g in groups
    ]  # fmt: skip
    return rows


def _populate():
    team = make_team()
    Token.objects.create(user=team["alice"])
    article = make_article(
        sentences=["정부는 35개국에 친서를 보냈다.", "The city spent $5 million."]
    )
    first, second = make_claims(article)
    claim_record_verdict(
        claim=first,
        reviewer=team["alice"],
        verdict="verified",
        note="checked <b>",
        sources=[SourceInput(url="https://stats.example/a", title="표 1", excerpt="35개국")],
    )
    claim_record_verdict(claim=first, reviewer=team["bob"], verdict="unverifiable")
    claim_dismiss(claim=second, actor=team["erin"], reason="not a claim")
    feed = Feed.objects.create(url="https://news.example/feed.xml")
    FeedEntry.objects.create(feed=feed, guid="g1", url="https://news.example/1", article=article)
    IngestJob.objects.create(
        source="https://news.example/1",
        state=IngestJob.State.DONE,
        article_ids=[article.pk],
        created_by=team["erin"],
    )
    return team


# Committed rows, because a database cannot be flushed inside a test's transaction; the
# serialized rollback puts back the roles that a migration made once the test is done.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_on_an_empty_database_brings_everything_back_unchanged(tmp_path):
    _populate()
    before = _snapshot()
    assert all(before.values()), [label for label, rows in before.items() if not rows]
    path = tmp_path / "claimdesk.jsonl.gz"
    call_command("backup", str(path), stdout=StringIO())
    call_command("flush", "--no-input", verbosity=0)
    assert apps.get_model("claims.Claim").objects.count() == 0
    call_command("restore", str(path), stdout=StringIO())
    after = _snapshot()
    for label, rows in before.items():
        assert after[label] == rows, label


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_data(tmp_path):
    _populate()
    path = tmp_path / "claimdesk.jsonl.gz"
    call_command("backup", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="empty, migrated database"):
        call_command("restore", str(path), stdout=StringIO())


# Issue 17 item 2: a backup is written whole or not at all, and verified by a restore -------


def _pre_fix_rows() -> dict[str, Any]:
    """Rows holding control characters, written straight to the tables as they could be
    before every input was cleaned (the inputs now clean them: test_control_characters),
    and values with spaces and line breaks at their ends."""
    source = Source.objects.get()
    values = {
        "note": " line one\r\nline\x01 two\x0b\ufffe end\n",
        "title": "표\x1f 1",
        "excerpt": "\t35\x08개국\r",
        "outlet": "Test\x07 Wire",
        "detail": {"reason": "a\x01b"},
    }
    Verdict.objects.filter(pk=source.verdict_id).update(note=values["note"])
    Source.objects.filter(pk=source.pk).update(title=values["title"], excerpt=values["excerpt"])
    Outlet.objects.update(name=values["outlet"])
    ClaimEvent.objects.filter(action="dismissed").update(detail=values["detail"])
    return values


def _verify_scratch_left() -> set[str]:
    """Scratch databases and folders that a verification of this database could leave
    behind: named after it (PostgreSQL), or in the temporary folder, which the test makes
    its own (SQLite), so that another xdist worker's verification running meanwhile is not
    counted."""
    if connection.vendor == "postgresql":
        prefix = str(connection.settings_dict["NAME"])[:40]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s)",
                [f"{prefix}_verify_"],
            )
            return {row[0] for row in cursor.fetchall()}
    return {p.name for p in Path(tempfile.gettempdir()).glob("claimdesk-verify-*")}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_verify_restores_into_a_scratch_database_and_compares_every_table(
    tmp_path, tmp_path_factory, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("scratch")))
    _populate()
    before = _snapshot()
    left = _verify_scratch_left()
    path = tmp_path / "claimdesk.jsonl.gz"
    out, err = StringIO(), StringIO()
    call_command("backup", str(path), "--verify", verbosity=2, stdout=out, stderr=err)
    printed = out.getvalue()
    assert "Verified: restored into" in printed, printed
    for table in ("auth_user", "auth_user_groups", "claims_claim", "claims_verdict"):
        assert f"  {table} " in printed, table
    assert err.getvalue() == ""  # nothing to clean
    assert path.stat().st_size > 0 and list(tmp_path.iterdir()) == [path]
    assert path.stat().st_mode & 0o777 == 0o600  # password hashes and tokens: owner only
    assert _verify_scratch_left() == left  # the scratch database is gone
    assert _snapshot() == before  # migrating the scratch database wrote nothing here
    # What was verified is what restores here.
    call_command("flush", "--no-input", verbosity=0)
    call_command("restore", str(path), stdout=StringIO())
    assert _snapshot() == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_stored_with_control_characters_are_backed_up_and_restored_exactly(tmp_path):
    # Before the fix: "unserializable characters", and a truncated file at the target path.
    _populate()
    values = _pre_fix_rows()
    path = tmp_path / "claimdesk.jsonl.gz"
    out, err = StringIO(), StringIO()
    call_command("backup", str(path), "--verify", stdout=out, stderr=err)
    assert "Verified" in out.getvalue() and err.getvalue() == ""

    before = _snapshot()
    call_command("flush", "--no-input", verbosity=0)
    call_command("restore", str(path), stdout=StringIO())
    assert _snapshot() == before
    source = Source.objects.get()
    assert Verdict.objects.get(pk=source.verdict_id).note == values["note"]
    assert (source.title, source.excerpt) == (values["title"], values["excerpt"])
    assert Outlet.objects.get().name == values["outlet"]
    assert ClaimEvent.objects.get(action="dismissed").detail == values["detail"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_times_keep_their_microseconds(tmp_path):
    _populate()
    stamp = datetime(2025, 3, 1, 8, 15, 30, 123456, tzinfo=UTC)
    ClaimEvent.objects.update(created_at=stamp)
    path = tmp_path / "claimdesk.jsonl.gz"
    call_command("backup", str(path), stdout=StringIO())
    call_command("flush", "--no-input", verbosity=0)
    call_command("restore", str(path), stdout=StringIO())
    assert set(ClaimEvent.objects.values_list("created_at", flat=True)) == {stamp}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_of_the_xml_days_still_restores(tmp_path):
    _populate()
    before = _snapshot()
    path = tmp_path / "claimdesk.xml.gz"  # as `backup` wrote them before issue 17
    call_command(
        "dumpdata",
        *backup.LABELS,
        format="xml",
        natural_foreign=True,
        natural_primary=True,
        output=str(path),
        verbosity=0,
    )
    call_command("flush", "--no-input", verbosity=0)
    call_command("restore", str(path), stdout=StringIO())
    assert _snapshot() == before


@pytest.mark.django_db
def test_a_failed_backup_leaves_nothing_at_the_target_path(tmp_path, monkeypatch):
    _populate()
    path = tmp_path / "claimdesk.jsonl.gz"
    real = backup._objects

    def disk_full(using):
        for n, row in enumerate(real(using)):
            if n == 5:
                raise OSError(errno.ENOSPC, "No space left on device")
            yield row

    monkeypatch.setattr(backup, "_objects", disk_full)
    with pytest.raises(CommandError) as failed:
        call_command("backup", str(path), stdout=StringIO())
    assert str(failed.value) == (
        f"Backup failed: No space left on device. Nothing was written to {path}."
    )
    assert list(tmp_path.iterdir()) == []  # no file, and no partial file beside it

    # A backup already at the target path stays as it was.
    path.write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError):
        call_command("backup", str(path), stdout=StringIO())
    assert path.read_bytes() == b"yesterday's backup"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_that_does_not_restore_the_same_rows_is_not_kept(tmp_path, monkeypatch):
    _populate()
    path = tmp_path / "claimdesk.jsonl.gz"
    real = backup.backup_restore

    def restore_losing_a_source(*, path, using):
        real(path=path, using=using)
        Source.objects.using(using).get().delete()

    monkeypatch.setattr(backup, "backup_restore", restore_losing_a_source)
    with pytest.raises(CommandError) as failed:
        call_command("backup", str(path), "--verify", stdout=StringIO())
    message = str(failed.value)
    assert "does not match: claims_source: 1 rows in the database, 0 restored" in message
    assert message.endswith(f"Nothing was written to {path}.")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_backup_refuses_a_name_restore_cannot_read(tmp_path):
    with pytest.raises(CommandError, match=r"ends in \.jsonl\.gz"):
        call_command("backup", str(tmp_path / "claimdesk.tar"), stdout=StringIO())
    with pytest.raises(CommandError, match=r"restore still reads \.xml\.gz"):
        call_command("backup", str(tmp_path / "claimdesk.xml.gz"), stdout=StringIO())
    assert list(tmp_path.iterdir()) == []


def test_a_failed_backup_command_exits_non_zero_saying_why(tmp_path):
    target = tmp_path / "missing" / "claimdesk.jsonl.gz"
    result = subprocess.run(
        [sys.executable, "manage.py", "backup", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result
    assert f"Backup failed: {target.parent}: no such folder." in result.stderr
    assert not target.parent.exists()
