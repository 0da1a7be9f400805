"""API tokens read with their user's roles in one query, as the session's user is
(claims.auth_backend): DRF's TokenAuthentication reads the token and its user, then the
first permission check reads the user's own and their groups' permissions in two more.
Nothing is kept between requests: a role given or taken away counts from the next one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from claims.auth_backend import token_with_roles


class RoleTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, answered as DRF's TokenAuthentication answers."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        token = token_with_roles(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
