"""Who works where: reviewers and viewers in the review interface, editors and admins in the
admin console (issue 18 item 7), and the admin changes nothing the services record
(issue 17 item 6)."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group

from claims import roles
from claims.models import Claim, ClaimEvent, ClaimStatus
from claims.services import SourceInput, claim_record_verdict
from tests.factories import make_article, make_claims, make_user

SOURCE = SourceInput(url="https://stats.example/t1", title="Table 1")


def test_the_migration_takes_the_admin_from_reviewers_and_viewers(team):
    """Existing staff reviewers and viewers lose the admin; editors get it; admins keep it."""
    staff_reviewer = make_user("sr", "reviewer", is_staff=True)
    staff_viewer = make_user("sv", "viewer", is_staff=True)
    both = make_user("both", "reviewer", is_staff=True)
    both.groups.add(Group.objects.get(name="editor"))
    root = make_user("root", is_staff=True, is_superuser=True)
    migration = importlib.import_module("claims.migrations.0004_desk_roles")
    migration.reviewers_leave_the_admin(global_apps, None)
    staff = dict(
        get_user_model()
        .objects.filter(
            pk__in=[staff_reviewer.pk, staff_viewer.pk, both.pk, root.pk, team["erin"].pk]
        )
        .values_list("username", "is_staff")
    )
    assert staff == {"sr": False, "sv": False, "both": True, "root": True, "erin": True}
    reviewer_perms = set(
        Group.objects.get(name="reviewer").permissions.values_list("codename", flat=True)
    )
    assert not {p for p in reviewer_perms if p.startswith(("add_", "change_", "delete_"))}


def get_user_model() -> Any:
    from django.contrib.auth import get_user_model as model

    return model()


def test_the_roles_after_migrating_are_the_roles_module(db):
    """claims/roles.py says what each role holds, and the migrated groups hold exactly that."""
    for role, names in roles.ROLE_PERMISSIONS.items():
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=role).permissions.select_related("content_type")
        }
        assert held == set(names), role


def test_granting_a_role_sets_who_may_open_the_admin(db):
    reviewer = make_user("rita")
    roles.grant_role(reviewer, roles.REVIEWER)
    editor = make_user("ed")
    roles.grant_role(editor, roles.EDITOR)
    reviewer.refresh_from_db()
    editor.refresh_from_db()
    assert not reviewer.is_staff and roles.can_review(reviewer)
    assert editor.is_staff and roles.can_settle(editor)


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_a_staff_flag_alone_does_not_open_the_admin_to_reviewers_or_viewers(client, db, role):
    client.force_login(make_user("legacy", role, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/admin/claims/claim/add/").status_code == 302
    assert client.get("/").status_code == 200  # the review interface is theirs


def test_an_editor_uses_the_admin_without_adding_claims_or_verdicts(client, team):
    editor = make_user("eddie")
    roles.grant_role(editor, roles.EDITOR)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/claims/claim/").status_code == 200
    assert client.get("/admin/claims/claim/add/").status_code == 403
    assert client.get("/admin/claims/verdict/add/").status_code == 403
    assert client.get("/admin/articles/articlerevision/add/").status_code == 403


def test_the_admin_keeps_a_claims_text_offsets_figures_score_and_article(client, team):
    """Editing the change form cannot move a claim off its text or out of its history."""
    article, other = make_article(), make_article()
    [claim] = make_claims(article, figures=[{"text": "$1", "value": "1"}], score=0.4)
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    client.force_login(team["erin"])
    team["erin"].is_staff = True
    team["erin"].save()
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    for field in ("text", "start", "end", "figures", "score", "article", "revision"):
        assert f'name="{field}"' not in page, field
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    client.post(
        f"/admin/claims/claim/{claim.pk}/change/",
        hidden
        | {
            "text": "Something else entirely.",
            "start": 0,
            "end": 24,
            "figures": "[]",
            "score": "0.99",
            "article": other.pk,
            "kind": "quote",
            "attribution": "the mayor",
        },
    )
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.text, stored.start, stored.end) == (claim.text, claim.start, claim.end)
    assert stored.figures == claim.figures and stored.score == 0.4
    assert stored.article_id == article.pk and stored.status == ClaimStatus.VERIFIED
    # What an editor may correct here is recorded in the claim's history.
    assert (stored.kind, stored.attribution) == ("quote", "the mayor")
    event = stored.events.get(action=ClaimEvent.Action.CORRECTED)
    assert event.actor == team["erin"]
    assert event.detail["kind"] == {"from": "statistical", "to": "quote"}


def test_an_ingestion_job_page_is_its_submitters_and_editors_only(team):
    from django.urls import reverse

    from articles.models import IngestJob
    from tests.factories import client_for

    job = IngestJob.objects.create(
        kind="url", source="https://news.example/a", created_by=team["alice"]
    )
    page = reverse("claims:ingest_job", args=[job.pk])
    assert client_for("alice").get(page).status_code == 200
    assert client_for("erin").get(page).status_code == 200
    assert client_for("bob").get(page).status_code == 404
    assert client_for("bob").get(f"/api/v1/jobs/{job.pk}/").status_code in (401, 403, 404)
