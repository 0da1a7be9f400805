"""The signed-in user of a page, loaded in one query with what every page asks of them.

Django's ``ModelBackend`` loads the session's user, then the user's own permissions and their
groups' permissions in two more queries, the first time a page checks a role (every page
does). ``RoleBackend`` reads the user with both sets of permission codes and the count of
their unread notifications (the header's, ``claims.templatetags.inbox``) in the same query,
and fills the caches ``ModelBackend`` keeps on the user object. Nothing is kept between
requests: a role given or taken away counts from the next request, as before.

Sign-in is ``ModelBackend``'s. Sessions made before this backend name ``ModelBackend``, which
stays listed after it (settings.AUTHENTICATION_BACKENDS) so that they stay signed in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Aggregate, Count, IntegerField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat

from claims.inbox_models import Notification

# Between permission codes ("app_label.codename"); neither part holds a control character.
SEPARATOR = "\x1f"
# What the user object carries: ModelBackend's permission caches, the header's unread count.
USER_PERMS, GROUP_PERMS, ALL_PERMS = "_user_perm_cache", "_group_perm_cache", "_perm_cache"
UNREAD = "_claimdesk_unread"


class _Joined(Aggregate):
    """Strings joined by a separator: STRING_AGG in PostgreSQL, GROUP_CONCAT in SQLite."""

    function = "STRING_AGG"
    output_field = TextField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def _codes(through: str) -> Subquery:
    """The permission codes a user holds through ``through`` (a path from a permission to
    the user), joined by SEPARATOR in one row, or NULL when there are none."""
    code = Concat("content_type__app_label", Value("."), "codename", output_field=TextField())
    rows = (
        Permission.objects.filter(**{through: OuterRef("pk")})
        .order_by()
        .values(through)
        .annotate(codes=_Joined(code, Value(SEPARATOR)))
        .values("codes")
    )
    return Subquery(rows, output_field=TextField())


def _unread() -> Coalesce:
    rows = (
        Notification.objects.unread()
        .filter(recipient=OuterRef("pk"))
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _split(codes: str | None) -> set[str]:
    return set(codes.split(SEPARATOR)) if codes else set()


def user_with_roles(user_id: Any) -> Any:
    """The user with their permissions and unread count filled in (one query), or None."""
    users = get_user_model()._default_manager.annotate(
        role_user_codes=_codes("user"),
        role_group_codes=_codes("group__user"),
        role_unread=_unread(),
    )
    user = users.filter(pk=user_id).first()
    if user is None:
        return None
    setattr(user, UNREAD, user.role_unread)
    if user.is_active and not user.is_superuser:  # a superuser holds every permission
        own, grouped = _split(user.role_user_codes), _split(user.role_group_codes)
        setattr(user, USER_PERMS, own)
        setattr(user, GROUP_PERMS, grouped)
        setattr(user, ALL_PERMS, own | grouped)
    return user


class RoleBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def authenticate(
        self, request: Any, username: Any = None, password: Any = None, **kwargs: Any
    ) -> Any:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and password is not None:
            # Refused: stop here, so that ModelBackend (listed after this one for the
            # sessions made before it) does not hash the same password a second time.
            raise PermissionDenied
        return user
