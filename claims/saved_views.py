"""Saved views of the queue: saving, checking on apply, renaming and deleting.

A view stores the queue's query parameters. They are checked when saved and again each
time the view is applied, against the queue's filter form as it is now: a parameter the
queue does not have, or a value that no longer exists (a deleted reviewer or outlet) is
left out, and the caller says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from claims import roles
from claims.forms import QueueFilterForm
from claims.models import SavedView
from claims.selectors import outlet_choices, reviewer_choices

QUEUE_FILTERS = tuple(QueueFilterForm.base_fields)
# Where the queue is in its pages is not part of a view.
NOT_SAVED = frozenset({"after", "back"})


@dataclass(frozen=True, slots=True)
class CheckedFilters:
    kept: dict[str, str]
    unknown: list[str] = field(default_factory=list)  # parameters the queue does not have
    gone: list[str] = field(default_factory=list)  # labels of filters whose value is gone


def check_filters(raw: Mapping[str, Any]) -> CheckedFilters:
    """The filters of ``raw`` the queue takes today (two queries: outlets and reviewers)."""
    unknown = sorted(str(k) for k in raw if k not in QUEUE_FILTERS and k not in NOT_SAVED)
    # In the form's order: PostgreSQL's jsonb keeps its own order of keys.
    given = {key: str(raw[key]) for key in QUEUE_FILTERS if raw.get(key) not in (None, "", False)}
    form = QueueFilterForm(given, outlets=outlet_choices(), reviewers=reviewer_choices())
    form.is_valid()
    gone = [str(form.fields[key].label) for key in given if key in form.errors]
    kept = {key: value for key, value in given.items() if key not in form.errors}
    return CheckedFilters(kept, unknown, gone)


def describe(filters: Mapping[str, str], form: QueueFilterForm) -> list[str]:
    """The filters in words, as the queue's form labels them ("Language: Korean")."""
    words = []
    for key, form_field in form.fields.items():
        value = filters.get(key)
        if value in (None, ""):
            continue
        if key == "mine":
            words.append(str(form_field.label))
            continue
        choices = {str(k): v for k, v in getattr(form_field, "choices", [])}
        words.append(f"{form_field.label}: {choices.get(str(value), value)}")
    return words


def filter_form() -> QueueFilterForm:
    """The queue's filter form with today's outlets and reviewers (two queries)."""
    return QueueFilterForm(outlets=outlet_choices(), reviewers=reviewer_choices())


def can_manage(user: Any, view: SavedView) -> bool:
    """Its owner manages a view of their own; editors manage the shared ones."""
    if view.shared:
        return roles.can_settle(user)
    return bool(view.owner_id == user.pk)


def _name_taken(*, owner: Any, name: str, shared: bool, exclude: int | None = None) -> str:
    """Why ``name`` cannot be used, or ''."""
    mine = SavedView.objects.filter(owner_id=owner.pk, name__iexact=name)
    shared_ones = SavedView.objects.filter(shared=True, name__iexact=name)
    if exclude is not None:
        mine, shared_ones = mine.exclude(pk=exclude), shared_ones.exclude(pk=exclude)
    if mine.exists():
        return _("You already have a view named “%(name)s”: choose another name.") % {"name": name}
    if shared and shared_ones.exists():
        return _("A shared view is already named “%(name)s”: choose another name.") % {"name": name}
    return ""


def _store(view: SavedView, fields: list[str] | None = None) -> SavedView:
    try:
        with transaction.atomic():
            view.save(update_fields=fields)
    except IntegrityError:
        # Another tab saved the same name in between.
        raise ValidationError(
            _("A view named “%(name)s” was just saved: choose another name.") % {"name": view.name}
        ) from None
    return view


def save_view(*, owner: Any, name: str, filters: dict[str, str], shared: bool) -> SavedView:
    if shared and not roles.can_settle(owner):
        raise PermissionDenied(_("Only editors share views with the desk."))
    problem = _name_taken(owner=owner, name=name, shared=shared)
    if problem:
        raise ValidationError(problem)
    return _store(SavedView(owner=owner, name=name, filters=filters, shared=shared))


def rename_view(*, view: SavedView, actor: Any, name: str) -> SavedView:
    if not can_manage(actor, view):
        raise PermissionDenied(_("Only its owner renames a view; editors rename shared ones."))
    owner = view.owner
    problem = _name_taken(owner=owner, name=name, shared=view.shared, exclude=view.pk)
    if problem:
        raise ValidationError(problem)
    view.name = name
    return _store(view, ["name", "updated_at"])


def delete_view(*, view: SavedView, actor: Any) -> None:
    if not can_manage(actor, view):
        raise PermissionDenied(_("Only its owner deletes a view; editors delete shared ones."))
    view.delete()
