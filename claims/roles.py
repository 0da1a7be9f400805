"""The roles of Claimdesk, as permissions a user holds through the role groups.

Viewers and reviewers work in the review interface; the admin console is for editors (and
admins): there they correct what the services do not own and see the rest read-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q

VIEWER, REVIEWER, EDITOR = "viewer", "reviewer", "editor"

_VIEW = [
    "articles.view_outlet",
    "articles.view_article",
    "articles.view_articlerevision",
    "claims.view_claim",
    "claims.view_verdict",
    "claims.view_source",
    "claims.view_sourcearchive",
    "claims.view_claimevent",
    "claims.view_canonicalclaim",
    "claims.view_claimlink",
    "claims.view_arithmeticcheck",
    "claims.view_entityalias",
]
# What each role holds ("app.codename"). Reviewers hold no admin "add" or "change": their
# writes go through the review interface and the API, which record who did what.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    VIEWER: _VIEW,
    REVIEWER: [*_VIEW, "claims.review_claim"],
    EDITOR: [
        *_VIEW,
        "claims.review_claim",
        "claims.settle_claim",
        "claims.change_claim",  # kind and attribution only; the rest is read-only
        "articles.change_article",
        "articles.add_outlet",
        "articles.change_outlet",
        # The matcher's alias table (베인캐피탈 = Bain Capital) is the editors' to keep.
        "claims.add_entityalias",
        "claims.change_entityalias",
        "claims.delete_entityalias",
    ],
}
# The roles that open the admin console (with superusers).
STAFF_ROLES = {EDITOR}


def can_review(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.review_claim"))


def can_settle(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.settle_claim"))


def can_see_job(user: Any, job: Any) -> bool:
    """An ingestion job shows what a reviewer sent: its submitter and editors see it."""
    mine = job.created_by_id is not None and job.created_by_id == user.pk
    return bool(user.is_authenticated and (mine or can_settle(user)))


def can_view(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.view_claim"))


def can_use_admin(user: Any) -> bool:
    """Editors and superusers; a staff flag alone (a reviewer made staff by hand) is not enough."""
    if not (user.is_active and user.is_staff):
        return False
    return bool(user.is_superuser or can_settle(user))


def grant_role(user: Any, role: str) -> None:
    """Give ``user`` a role; editors get the admin console, the other roles do not."""
    user.groups.add(Group.objects.get(name=role))
    staff = (
        user.is_superuser
        or role in STAFF_ROLES
        or user.groups.filter(name__in=STAFF_ROLES).exists()
    )
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


def editors_among(user_ids: Iterable[int]) -> set[int]:
    """Which of these users can settle claims (one query, as ``can_settle`` would say)."""
    ids = set(user_ids)
    if not ids:
        return set()
    perm = {"codename": "settle_claim", "content_type__app_label": "claims"}
    holds = (
        Q(is_superuser=True)
        | Q(**{f"user_permissions__{k}": v for k, v in perm.items()})
        | Q(**{f"groups__permissions__{k}": v for k, v in perm.items()})
    )
    users = get_user_model().objects.filter(holds, pk__in=ids, is_active=True)
    return set(users.values_list("pk", flat=True).distinct())
