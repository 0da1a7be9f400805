"""Admin console for claims, verdicts, sources and the claim history.

Verdicts and the history are append-only here too: they are shown, never edited. Bulk
actions go through claims.services so that who did what is recorded as a ClaimEvent.
"""

import html
import logging
from typing import Any

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin, RevisionInline, boolean_icon
from articles.forms import CleanTextAdmin
from articles.models import Article, ArticleRevision
from articles.presentation import language_name
from claims import roles
from claims.admin_scales import GradeShown
from claims.admin_sources import Evidence, SourceArchiveInline
from claims.models import (
    Claim,
    ClaimEvent,
    Source,
    Verdict,
)
from claims.presentation import event_sentence, figure_rows
from claims.roles import can_review
from claims.services import claim_assign, claim_correct, claim_dismiss
from claims.tasks import BrokerError, reextract_article_task

log = logging.getLogger(__name__)

ADMIN_DISMISS_REASON = "Dismissed in bulk from the admin console"


class ClaimLanguageFilter(admin.SimpleListFilter):
    """Claims by their article's language, named in the reader's language."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(code, language_name(code)) for code in ("ko", "en")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        value = self.value()
        return queryset.filter(article__language=value) if value else queryset


class ReadOnlyInline:
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _source_links(sources: list[Source]) -> str:
    return format_html_join(
        "",
        '<div><a href="{}" rel="noopener noreferrer nofollow">{}</a> ({})</div>',
        ((s.url, s.title or s.url, s.get_stance_display()) for s in sources),
    )


class Shown:
    """Yes/no columns with their text in the reader's language (see ``boolean_icon``)."""

    @admin.display(description=_("editor's settlement"), ordering="settles")
    def settles_shown(self, verdict: Verdict) -> str:
        return boolean_icon(verdict.settles)

    @admin.display(description=_("in current revision"), ordering="is_current")
    def current_shown(self, claim: Claim) -> str:
        return boolean_icon(claim.is_current)


class VerdictInline(Shown, ReadOnlyInline, admin.TabularInline[Verdict, Claim]):
    """A claim's verdicts with their sources (an inline cannot nest a second inline)."""

    model = Verdict
    readonly_fields = (
        "verdict",
        "reviewer",
        "note",
        "settles_shown",
        "sources_cited",
        "created_at",
    )
    fields = readonly_fields
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Verdict]:
        return super().get_queryset(request).select_related("reviewer").prefetch_related("sources")

    @admin.display(description=_("sources"))
    def sources_cited(self, verdict: Verdict) -> str:
        return _source_links(list(verdict.sources.all()))


class EventDescription:
    @admin.display(description=_("what happened"))
    def description(self, event: ClaimEvent) -> str:
        """The event as a sentence in the reader's language (its stored detail is data)."""
        return event_sentence(event)

    @admin.display(description=_("what happened"))
    def summary(self, event: ClaimEvent) -> str:
        """The sentence cut short for a list (quoted texts can be long)."""
        return Truncator(html.unescape(strip_tags(event_sentence(event)))).chars(120)

    @admin.display(description=_("claim"), ordering="claim")
    def short_claim(self, event: ClaimEvent) -> str:
        return Truncator(event.claim.text).chars(60)


class ClaimEventInline(EventDescription, ReadOnlyInline, admin.TabularInline[ClaimEvent, Claim]):
    model = ClaimEvent
    readonly_fields = ("action", "actor", "description", "created_at")
    fields = readonly_fields
    verbose_name_plural = _("history")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClaimEvent]:
        return super().get_queryset(request).select_related("actor")


class SourceInline(Evidence, ReadOnlyInline, admin.TabularInline[Source, Verdict]):
    model = Source
    readonly_fields = (
        "url",
        "title",
        "publisher",
        "stance",
        "excerpt",
        "accessed_at",
        "corroboration_shown",
    )
    fields = readonly_fields


@admin.register(Claim)
class ClaimAdmin(CleanTextAdmin, Shown, admin.ModelAdmin[Claim]):
    """Claims for editors: kind and attribution can be corrected (recorded in the history);
    everything the services own (text, offsets, figures, score, article, status,
    assignment) is read-only here and changes in the review interface."""

    list_display = [
        "short_text",
        "status",
        "kind",
        "score",
        "article",
        "outlet",
        "assigned_to",
        "current_shown",
        "updated_at",
    ]
    list_filter = ["status", "kind", "is_current", "origin", ClaimLanguageFilter]
    search_fields = ["text", "attribution", "article__title"]
    list_select_related = ["article", "article__outlet", "assigned_to"]
    fields = [
        "text",
        "review_page",
        "article",
        "revision",
        "start",
        "end",
        "figure_list",
        "score",
        "kind",
        "attribution",
        "status",
        "dismissed_reason",
        "origin",
        "created_by",
        "assigned_to",
        "assignment_due",
        "priority",
        "current_shown",
        "fingerprint",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [str(f) for f in fields if f not in ("kind", "attribution")]
    inlines = [VerdictInline, ClaimEventInline]
    actions = ["assign_to_me", "dismiss"]
    date_hierarchy = "updated_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims come from ingestion, or from "add a missed claim" in the review interface.
        return False

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        # Through the service, which records the correction in the claim's history.
        claim_correct(
            claim=obj,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            attribution=form.cleaned_data["attribution"],
        )

    @admin.display(description=_("figures"))
    def figure_list(self, claim: Claim) -> str:
        rows = figure_rows(claim.figures or [])
        if not rows:
            return "—"
        return format_html(
            '<ul class="figures">{}</ul>',
            format_html_join(
                "",
                "<li>{} → {}{} ({})</li>",
                (
                    (r["text"], "≈ " if r["approximate"] else "", r["phrase"], r["kind"])
                    for r in rows
                ),
            ),
        )

    @admin.display(description=_("review page"))
    def review_page(self, claim: Claim) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            claim.get_absolute_url(),
            _("Open in the review interface (verdicts, dismissal, span)"),
        )

    @admin.display(description=_("claim"))
    def short_text(self, claim: Claim) -> str:
        return claim.text[:90]

    @admin.display(description=_("outlet"), ordering="article__outlet__name")
    def outlet(self, claim: Claim) -> str:
        outlet = claim.article.outlet
        return outlet.name if outlet else ""

    def has_review_permission(self, request: HttpRequest) -> bool:
        return can_review(request.user)

    @admin.action(description=_("Assign the selected claims to me"), permissions=["review"])
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        claims = list(queryset)
        for claim in claims:
            claim_assign(claim=claim, actor=request.user, assignee=request.user)
        count = len(claims)
        self.message_user(
            request,
            ngettext("%d claim assigned to you.", "%d claims assigned to you.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Dismiss the selected claims (not claims)"), permissions=["review"])
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        claims = list(queryset.exclude(status="dismissed"))
        try:
            for claim in claims:
                claim_dismiss(claim=claim, actor=request.user, reason=ADMIN_DISMISS_REASON)
        except (ValidationError, PermissionDenied) as error:
            # The editor rule (claims.services) refuses what a reviewer may not undo.
            self.message_user(request, "; ".join(map(str, error.args)), messages.ERROR)
            return
        count = len(claims)
        self.message_user(
            request,
            ngettext("%d claim dismissed.", "%d claims dismissed.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Verdict)
class VerdictAdmin(Shown, GradeShown, admin.ModelAdmin[Verdict]):
    list_display = ["claim", "verdict", "grade_shown", "reviewer", "settles_shown", "created_at"]
    list_filter = ["verdict", "settles", "created_at"]
    search_fields = ["claim__text", "note", "reviewer__username"]
    list_select_related = ["claim", "reviewer", "scale_grade"]
    readonly_fields = ["claim", "reviewer", "verdict", "grade_shown", "note", "settles_shown"]
    readonly_fields += ["created_at"]
    exclude = ["grade", "scale_grade"]  # grade_shown says both

    inlines = [SourceInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The verdict history is append-only.
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Verdicts are recorded through the review interface or the API (sources checked).
        return False


@admin.register(Source)
class SourceAdmin(CleanTextAdmin, Evidence, admin.ModelAdmin[Source]):
    list_display = [
        "__str__",
        "publisher",
        "stance",
        "corroboration_shown",
        "verdict",
        "accessed_at",
    ]
    list_filter = ["stance"]
    search_fields = ["url", "title", "publisher", "excerpt"]
    list_select_related = ["verdict", "verdict__reviewer", "verdict__claim"]
    exclude = ["corroboration", "archive"]
    readonly_fields = ["corroboration_shown"]
    inlines = [SourceArchiveInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ClaimEvent)
class ClaimEventAdmin(EventDescription, admin.ModelAdmin[ClaimEvent]):
    list_display = ["created_at", "action", "summary", "actor", "short_claim"]
    fields = ["claim", "action", "description", "actor", "created_at"]
    readonly_fields = ["claim", "action", "description", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["claim__text"]
    list_select_related = ["claim", "actor"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ClaimInline(Shown, admin.TabularInline[Claim, Article]):
    """An article's claims, read-only here; open one to review its history."""

    model = Claim
    readonly_fields = ("text", "status", "kind", "score", "current_shown", "start", "end")
    fields = readonly_fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["start", "id"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ArticleWithClaimsAdmin(ArticleAdmin):
    """The article pages with what claims add: counts, the claims, re-extraction, and
    "View on site" opening the article's review page."""

    list_display = [
        "title",
        "outlet",
        "language_shown",
        "published_at",
        "claim_count",
        "flag",
        "created_at",
    ]
    inlines = [RevisionInline, ClaimInline]
    actions = ["reextract", "clear_flag"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, article: Article) -> int:
        return article.claim_count  # type: ignore[attr-defined]

    def view_on_site(self, article: Article) -> str:
        return reverse("claims:article", args=[article.pk])

    def has_review_permission(self, request: HttpRequest) -> bool:
        return can_review(request.user)

    @admin.action(
        description=_("Re-extract claims of the selected articles (verdicts kept)"),
        permissions=["review"],
    )
    def reextract(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        """Queue a re-extraction per article. When the background queue cannot be reached
        nothing more is queued and the editor is told so, and what to do: re-extracting
        many articles inline would hold the request past the proxy's time limit."""
        articles = list(queryset)
        queued = 0
        for article in articles:
            try:
                reextract_article_task.delay(article.pk)
            except BrokerError:
                log.warning("re-extraction: background queue unreachable", exc_info=True)
                self.message_user(
                    request,
                    gettext(
                        "The background queue cannot be reached, so %(left)d of %(total)d "
                        "articles were not queued for re-extraction. Check that Redis and "
                        "the workers run and try again, or re-extract on the server with: "
                        "manage.py reextract --article ID"
                    )
                    % {"left": len(articles) - queued, "total": len(articles)},
                    messages.ERROR,
                )
                break
            self.log_change(request, article, "Re-extraction queued")
            queued += 1
        if not queued:
            return
        self.message_user(
            request,
            ngettext(
                "Re-extraction queued for %d article.",
                "Re-extraction queued for %d articles.",
                queued,
            )
            % queued,
            messages.SUCCESS,
        )

    def has_settle_permission(self, request: HttpRequest) -> bool:
        return roles.can_settle(request.user)

    @admin.action(
        description=_("Clear the editor flag of the selected articles (rewrite checked)"),
        permissions=["settle"],
    )
    def clear_flag(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        revisions = ArticleRevision.objects.filter(article__in=queryset, flagged=True)
        for revision in revisions.select_related("article"):
            self.log_change(
                request, revision.article, f"Flag cleared on revision {revision.number}"
            )
        count = revisions.update(flagged=False)
        self.message_user(
            request,
            ngettext("Flag cleared on %d revision.", "Flag cleared on %d revisions.", count)
            % count,
            messages.SUCCESS,
        )


# The article page shows its claims; articles/ knows nothing of claims, so it is extended here.
admin.site.unregister(Article)
admin.site.register(Article, ArticleWithClaimsAdmin)


# The console is the editors' and admins': a reviewer or viewer flagged staff by hand still
# works in the review interface (claims.roles.can_use_admin).
def _admin_permission(request: HttpRequest) -> bool:
    return roles.can_use_admin(request.user)


admin.site.has_permission = _admin_permission  # type: ignore[method-assign]
admin.site.site_header = _("Claimdesk administration")
admin.site.site_title = _("Claimdesk administration")
admin.site.index_title = _("Claims, articles and users")


# --- Users and roles in the reader's language -------------------------------------------------

ROLE_NAMES = {
    roles.VIEWER: _("viewer"),
    roles.REVIEWER: _("reviewer"),
    roles.EDITOR: _("editor"),
}
PERMISSION_ACTIONS = {
    "add": _("add"),
    "change": _("change"),
    "delete": _("delete"),
    "view": _("view"),
}
# Names third-party apps show in the console without a Korean catalog of their own
# (django-axes, DRF's tokens): listed here so that ours carries them.
THIRD_PARTY_NAMES = (
    gettext_noop("Auth Token"),
    gettext_noop("Token"),
    gettext_noop("Tokens"),
    gettext_noop("Key"),
    gettext_noop("User"),
    gettext_noop("Created"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Failed Logins"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Form Data"),
    gettext_noop("Not set"),
    gettext_noop("Expires At"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
)


def role_name(group: Group) -> str:
    return str(ROLE_NAMES.get(group.name, group.name))


def permission_label(permission: Permission) -> str:
    """A permission in the reader's language: the built-in ones ("Can add claim", stored in
    English when the table was made) from their model's name, ours from the catalog."""
    model = permission.content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is None:
        return str(permission)
    app = apps.get_app_config(model._meta.app_label).verbose_name
    if action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        name = _("%(model)s: %(action)s") % {
            "model": model._meta.verbose_name,
            "action": PERMISSION_ACTIONS[action],
        }
    else:
        name = gettext(permission.name)
    return f"{app} | {name}"


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(name, str(label)) for name, label in ROLE_NAMES.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(groups__name=value) if value else queryset


class TranslatedChoices:
    """Roles and permissions in the reader's language in the user and group forms."""

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        if field is not None and db_field.name == "groups":
            field.label_from_instance = role_name
        return field


class DeskUserAdmin(CleanTextAdmin, TranslatedChoices, UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "staff_shown", "roles_shown")
    list_filter = ("is_staff", "is_superuser", "is_active", RoleFilter)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("staff status"), ordering="is_staff")
    def staff_shown(self, user: Any) -> str:
        return boolean_icon(user.is_staff)

    @admin.display(description=_("roles"))
    def roles_shown(self, user: Any) -> str:
        return ", ".join(role_name(g) for g in user.groups.all()) or "—"


class DeskGroupAdmin(CleanTextAdmin, TranslatedChoices, GroupAdmin):
    list_display = ("role_shown",)

    @admin.display(description=_("name"), ordering="name")
    def role_shown(self, group: Group) -> str:
        return role_name(group)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), DeskUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, DeskGroupAdmin)

# Canonical claims, links, aliases, arithmetic checks, webhooks (registered on import).
from claims import admin_links, admin_webhooks  # noqa: E402, F401
