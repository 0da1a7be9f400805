"""The roles of Claimdesk, as permissions a user holds through the role groups."""

from __future__ import annotations

from typing import Any

VIEWER, REVIEWER, EDITOR = "viewer", "reviewer", "editor"


def can_review(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.review_claim"))


def can_settle(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.settle_claim"))


def can_view(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.view_claim"))
