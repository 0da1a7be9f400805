"""An assignment's priority (``Claim.priority``); no other dependency, so that the models,
forms and API all name it from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Priority(models.TextChoices):
    """Lowest first."""

    LOW = "low", pgettext_lazy("priority", "low")
    NORMAL = "normal", pgettext_lazy("priority", "normal")
    HIGH = "high", pgettext_lazy("priority", "high")
    URGENT = "urgent", pgettext_lazy("priority", "urgent")


def priority_field() -> models.CharField:
    """``Claim.priority``, with a database default too: raw inserts (the bench) leave it."""
    return models.CharField(
        _("priority"),
        max_length=10,
        choices=Priority.choices,
        default=Priority.NORMAL,
        db_default=Priority.NORMAL,
    )
