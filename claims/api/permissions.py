"""Who may use the API: readers (viewer role, or anyone when public read is on), reviewers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from claims.roles import can_review, can_view

READ_MESSAGE = (
    "Reading claims needs an account with the viewer, reviewer or editor role. "
    "Ask an admin for a role."
)
REVIEW_MESSAGE = (
    "This needs a reviewer's account (the reviewer or editor role). "
    "Ask an admin for the reviewer role."
)


def public_read() -> bool:
    return bool(getattr(settings, "CLAIMDESK_API_PUBLIC_READ", False))


class CanRead(BasePermission):
    """Viewers and above; anyone when CLAIMDESK_API_PUBLIC_READ is on."""

    message = READ_MESSAGE

    def has_permission(self, request: Request, view: Any) -> bool:
        return public_read() or can_view(request.user)


class CanReview(BasePermission):
    message = REVIEW_MESSAGE

    def has_permission(self, request: Request, view: Any) -> bool:
        return can_review(request.user)


class ReadOrReview(BasePermission):
    """Reads as :class:`CanRead`; writes need a reviewer."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            self.message = READ_MESSAGE
            return public_read() or can_view(request.user)
        self.message = REVIEW_MESSAGE
        return can_review(request.user)
