"""Signed webhooks: the endpoints admins configure and the log of every delivery to them
(``claims.webhooks`` sends them). Part of the claims app's models (``claims.models``
imports it)."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from claims.signals import EVENTS

# The events an endpoint may subscribe to, named for the admin.
WEBHOOK_EVENTS = list(EVENTS.items())


def new_webhook_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def new_message_id() -> str:
    """A delivery's ``webhook-id``, kept across its retries so receivers drop duplicates."""
    return "msg_" + secrets.token_urlsafe(18)


class WebhookEndpoint(models.Model):
    """Another system's address that receives the desk's events, signed with ``secret``.

    After ``CLAIMDESK_WEBHOOK_DISABLE_AFTER`` deliveries in a row end failed the endpoint
    is switched off (``disabled_reason`` says so) until an admin switches it on again."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("URL"), max_length=2000)
    secret = models.CharField(
        pgettext_lazy("webhook", "signing secret"), max_length=100, default=new_webhook_secret
    )
    # A rotated secret signs beside the new one until ``previous_secret_until``, so the
    # receiver can switch to the new one without a delivery it cannot verify.
    previous_secret = models.CharField(
        pgettext_lazy("webhook", "previous signing secret"), max_length=100, blank=True
    )
    previous_secret_until = models.DateTimeField(
        pgettext_lazy("webhook", "previous secret signs until"), null=True, blank=True
    )
    events = models.JSONField(pgettext_lazy("webhook", "events"), default=list)
    active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(
        pgettext_lazy("webhook", "failed deliveries in a row"), default=0
    )
    disabled_reason = models.CharField(_("why it was switched off"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return self.active and event in (self.events or [])

    def signing_secrets(self, now: Any) -> list[str]:
        """The secrets a delivery made at ``now`` is signed with: the current one, and the
        previous one while its grace period runs."""
        until = self.previous_secret_until
        if self.previous_secret and until is not None and now < until:
            return [self.secret, self.previous_secret]
        return [self.secret]


class WebhookDeliveryQuerySet(models.QuerySet["WebhookDelivery"]):
    def due(self, now: Any) -> WebhookDeliveryQuerySet:
        """Deliveries to attempt now: waiting ones whose time has come, and attempts whose
        worker was lost (``sending`` past its lease)."""
        waiting = [WebhookDelivery.State.PENDING, WebhookDelivery.State.RETRYING]
        return self.filter(
            state__in=[*waiting, WebhookDelivery.State.SENDING], next_attempt_at__lte=now
        )


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: the exact body signed, and how its attempts went.

    ``body`` is stored as sent, so every retry signs the same bytes under the same
    ``message_id``. Of a response only the status and a short snippet are kept."""

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("webhook", "pending")
        SENDING = "sending", pgettext_lazy("webhook", "sending")
        RETRYING = "retrying", pgettext_lazy("webhook", "waiting to retry")
        DELIVERED = "delivered", pgettext_lazy("webhook", "delivered")
        FAILED = "failed", _("failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("webhook endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(
        pgettext_lazy("webhook", "event"), max_length=40, choices=WEBHOOK_EVENTS, db_index=True
    )
    message_id = models.CharField(
        pgettext_lazy("webhook", "message ID"), max_length=40, default=new_message_id
    )
    body = models.TextField(_("body"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(pgettext_lazy("webhook", "attempts"), default=0)
    last_status = models.PositiveSmallIntegerField(
        pgettext_lazy("webhook", "last HTTP status"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # The error's code and parameters (claims.webhook_http.ERRORS), to say it translated.
    error_code = models.CharField(pgettext_lazy("webhook", "error code"), max_length=20, blank=True)
    error_params = models.JSONField(
        pgettext_lazy("webhook", "error details"), default=dict, blank=True
    )
    response_snippet = models.CharField(
        pgettext_lazy("webhook", "response (start)"), max_length=200, blank=True
    )
    next_attempt_at = models.DateTimeField(
        pgettext_lazy("webhook", "next attempt"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField(
        pgettext_lazy("webhook", "last attempt"), null=True, blank=True
    )
    delivered_at = models.DateTimeField(
        pgettext_lazy("webhook", "delivered"), null=True, blank=True
    )

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "message_id"], name="webhook_delivery_message_once"
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return self.message_id
