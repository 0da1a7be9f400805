"""Admin console for signed webhooks (``claims.webhooks``): the endpoints, whose signing
secret is shown once, when it is made, and masked after; the delivery log, read-only, with
an action that sends a failed delivery again. Admins only: no role holds these models'
permissions, so editors do not see them."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.admin import boolean_icon
from articles.forms import CleanTextAdmin, HttpURLField
from articles.presentation import REASON_WORDS, _say
from claims import webhooks
from claims.webhook_http import LOOPBACK_NETWORKS, EndpointRefused, check_endpoint_address
from claims.webhook_models import (
    WEBHOOK_EVENTS,
    WebhookDelivery,
    WebhookEndpoint,
)

# claims.webhook_http.ERRORS in the reader's language, by code.
ERROR_TEXT = {
    "url": _("the address is not usable: %(detail)s"),
    "unresolved": _("could not resolve %(host)s; check the address"),
    "refused": _("%(host)s resolves to a %(why)s address; webhooks go to public addresses only"),
    "timeout": _("the endpoint took longer than %(seconds)s s to answer"),
    "connect": _("could not connect to %(host)s"),
    "redirect": _("the endpoint answered HTTP %(status)s (a redirect, which is not followed)"),
    "status": _("the endpoint answered HTTP %(status)s"),
    "request_failed": _("the request failed (%(detail)s)"),
    "endpoint_off": _("the endpoint is switched off"),
}
# articles.fetch's names of refused address ranges.
RANGE_TEXT = {**REASON_WORDS, "private or local": pgettext_lazy("address", "private or local")}


def error_text(code: str, params: dict[str, Any]) -> str:
    """A delivery error in the reader's language ("" for none)."""
    if code not in ERROR_TEXT:
        return ""
    shown = dict(params)
    if "why" in shown:
        shown["why"] = RANGE_TEXT.get(str(shown["why"]), shown["why"])
    if code == "url":
        shown["detail"] = gettext("only http:// and https:// addresses with a host name")
    return str(_say(ERROR_TEXT[code], **shown))


def _allowed_networks() -> tuple[str, ...]:
    return LOOPBACK_NETWORKS if settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK else ()


class WebhookEndpointForm(forms.ModelForm[WebhookEndpoint]):
    events = forms.MultipleChoiceField(
        label=capfirst(pgettext_lazy("webhook", "events")),
        choices=WEBHOOK_EVENTS,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "active"]
        field_classes = {"url": HttpURLField}

    def clean_url(self) -> str:
        url = str(self.cleaned_data["url"])
        try:
            check_endpoint_address(url, _allowed_networks())
        except EndpointRefused as refused:
            message = error_text(refused.code, refused.params)
            raise forms.ValidationError(message, code=refused.code) from None
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(CleanTextAdmin, admin.ModelAdmin[WebhookEndpoint]):
    form = WebhookEndpointForm
    list_display = ["name", "url", "events_shown", "active_shown", "consecutive_failures"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    readonly_fields = [
        "secret_shown",
        "previous_secret_shown",
        "switched_off",
        "consecutive_failures",
        "created_at",
    ]
    actions = ["rotate_secret", "new_secret"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = ["name", "url", "events", "active"]
        return fields if obj is None else [*fields, *self.readonly_fields]

    @admin.display(description=pgettext_lazy("webhook", "events"))
    def events_shown(self, endpoint: WebhookEndpoint) -> str:
        names = dict(WEBHOOK_EVENTS)
        return ", ".join(str(names.get(e, e)) for e in endpoint.events or [])

    @admin.display(description=_("active"), ordering="active")
    def active_shown(self, endpoint: WebhookEndpoint) -> str:
        return boolean_icon(endpoint.active)

    @admin.display(description=pgettext_lazy("webhook", "signing secret"))
    def secret_shown(self, endpoint: WebhookEndpoint) -> str:
        """Masked: the secret is shown once, when it is made."""
        if not endpoint.secret:
            return "—"
        return format_html('<span translate="no">whsec_••••••{}</span>', endpoint.secret[-4:])

    @admin.display(description=pgettext_lazy("webhook", "previous signing secret"))
    def previous_secret_shown(self, endpoint: WebhookEndpoint) -> str:
        """Masked, with the time it stops signing (none once its grace period is over)."""
        if len(endpoint.signing_secrets(timezone.now())) < 2:
            return "—"
        until = localize(timezone.localtime(endpoint.previous_secret_until))
        return format_html(
            '<span translate="no">whsec_••••••{}</span> {}',
            endpoint.previous_secret[-4:],
            gettext("signs beside the new one until %(until)s") % {"until": until},
        )

    @admin.display(description=pgettext_lazy("webhook", "switched off"))
    def switched_off(self, endpoint: WebhookEndpoint) -> str:
        if not endpoint.disabled_reason:
            return "—"
        return gettext(
            "after %(count)s failed deliveries in a row; fix the receiver, then switch it on"
        ) % {"count": endpoint.consecutive_failures}

    def save_model(
        self, request: HttpRequest, obj: WebhookEndpoint, form: Any, change: bool
    ) -> None:
        if obj.active:  # switched on (again): the count of failures starts over
            obj.consecutive_failures, obj.disabled_reason = 0, ""
        super().save_model(request, obj, form, change)
        if not change:
            self._show_secret(request, obj)

    def _show_secret(self, request: HttpRequest, endpoint: WebhookEndpoint) -> None:
        message = gettext(
            "The signing secret of “%(name)s” is %(secret)s. Copy it now: it is not shown again."
        )
        messages.warning(request, message % {"name": endpoint.name, "secret": endpoint.secret})

    @admin.action(
        description=_("Rotate the signing secret: a new one, the old one signing beside it a while")
    )
    def rotate_secret(self, request: HttpRequest, queryset: QuerySet[WebhookEndpoint]) -> None:
        for endpoint in queryset:
            until = webhooks.rotate_secret(endpoint)
            self._show_secret(request, endpoint)
            message = gettext(
                "Deliveries to “%(name)s” are signed with both secrets until %(until)s: give "
                "the receiver the new one before then."
            )
            shown = localize(timezone.localtime(until))
            messages.info(request, message % {"name": endpoint.name, "until": shown})

    @admin.action(description=_("Make a new signing secret (shown once)"))
    def new_secret(self, request: HttpRequest, queryset: QuerySet[WebhookEndpoint]) -> None:
        """At once, the old secret no longer signing (a secret that leaked)."""
        for endpoint in queryset:
            webhooks.replace_secret(endpoint)
            self._show_secret(request, endpoint)


LOG_FIELDS = (
    "endpoint",
    "event",
    "message_id",
    "state",
    "attempts",
    "last_status",
    "error_shown",
    "response_snippet",
    "created_at",
    "last_attempt_at",
    "next_attempt_at",
    "delivered_at",
    "body_shown",
)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    """The delivery log: read-only; a failed delivery can be sent again."""

    list_display = [
        "created_at",
        "event",
        "endpoint",
        "state",
        "attempts",
        "last_status",
        "error_shown",
        "next_attempt_at",
    ]
    list_filter = ["state", "event", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["message_id"]
    fields = LOG_FIELDS
    readonly_fields = LOG_FIELDS
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("last error"))
    def error_shown(self, delivery: WebhookDelivery) -> str:
        text = error_text(delivery.error_code, delivery.error_params or {})
        return Truncator(text).chars(120) if text else "—"

    @admin.display(description=_("body"))
    def body_shown(self, delivery: WebhookDelivery) -> str:
        try:
            pretty = json.dumps(json.loads(delivery.body), ensure_ascii=False, indent=2)
        except ValueError:
            pretty = delivery.body
        return format_html('<pre translate="no">{}</pre>', pretty)

    @admin.action(description=_("Send the failed deliveries again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        chosen = list(queryset)
        sent = sum(webhooks.resend(d) for d in chosen)
        skipped = len(chosen) - sent
        if sent:
            text = ngettext(
                "%(count)d failed delivery is sent again.",
                "%(count)d failed deliveries are sent again.",
                sent,
            )
            messages.success(request, text % {"count": sent})
        if skipped:
            text = ngettext(
                "%(count)d delivery had not failed and was left as it is.",
                "%(count)d deliveries had not failed and were left as they are.",
                skipped,
            )
            messages.warning(request, text % {"count": skipped})
