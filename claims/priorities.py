"""An assignment's priority (``Claim.priority``); no other dependency, so that the models,
forms and API all name it from here."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Priority(models.TextChoices):
    """Lowest first."""

    LOW = "low", pgettext_lazy("priority", "low")
    NORMAL = "normal", pgettext_lazy("priority", "normal")
    HIGH = "high", pgettext_lazy("priority", "high")
    URGENT = "urgent", pgettext_lazy("priority", "urgent")
