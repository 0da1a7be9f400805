"""Saved views: a named set of the queue's filters, a user's own or shared by an editor.
Part of the claims app's models (``claims.models`` imports it)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SavedViewQuerySet(models.QuerySet["SavedView"]):
    def visible_to(self, user: Any) -> SavedViewQuerySet:
        """The user's own views and every shared one."""
        return self.filter(Q(owner_id=user.pk) | Q(shared=True))


class SavedView(models.Model):
    """The queue's filters under a name: ``filters`` holds the queue's query parameters
    (``{"status": "open", "language": "ko"}``), checked again each time the view is applied."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("saved view", "owner"),
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    name = models.CharField(_("name"), max_length=80)
    shared = models.BooleanField(
        _("shared with the desk"), default=False, help_text=_("Only editors share views.")
    )
    filters = models.JSONField(pgettext_lazy("saved view", "filters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SavedViewQuerySet.as_manager()

    class Meta:
        ordering = ["-shared", "name", "id"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_view_name_per_owner"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(shared=True), name="shared_view_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name
