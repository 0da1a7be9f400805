"""Backup and restore: everything comes back unchanged on an empty database."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from articles.models import Feed, FeedEntry, IngestJob
from claims.services import SourceInput, claim_dismiss, claim_record_verdict
from tests.factories import make_article, make_claims, make_team

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
# Ids of users and groups may differ after a restore; rows point at them by name.
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
    path = tmp_path / "claimdesk.xml.gz"
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
    path = tmp_path / "claimdesk.xml.gz"
    call_command("backup", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="empty, migrated database"):
        call_command("restore", str(path), stdout=StringIO())
