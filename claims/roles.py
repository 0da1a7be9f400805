"""The roles of Claimdesk, as permissions a user holds through the role groups."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

VIEWER, REVIEWER, EDITOR = "viewer", "reviewer", "editor"


def can_review(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.review_claim"))


def can_settle(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.settle_claim"))


def can_view(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.view_claim"))


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
