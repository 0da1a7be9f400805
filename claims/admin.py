"""Admin console for claims, verdicts, sources and the claim history.

Verdicts and the history are append-only here too: they are shown, never edited. Bulk
actions go through claims.services so that who did what is recorded as a ClaimEvent.
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.admin import ArticleAdmin, RevisionInline
from articles.models import Article
from claims import roles
from claims.models import Claim, ClaimEvent, Source, Verdict
from claims.roles import can_review
from claims.services import claim_assign, claim_correct, claim_dismiss
from claims.tasks import reextract_article_task

ADMIN_DISMISS_REASON = "Dismissed in bulk from the admin console"


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


class VerdictInline(ReadOnlyInline, admin.TabularInline[Verdict, Claim]):
    """A claim's verdicts with their sources (an inline cannot nest a second inline)."""

    model = Verdict
    readonly_fields = ("verdict", "reviewer", "note", "settles", "sources_cited", "created_at")
    fields = readonly_fields
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Verdict]:
        return super().get_queryset(request).select_related("reviewer").prefetch_related("sources")

    @admin.display(description=_("sources"))
    def sources_cited(self, verdict: Verdict) -> str:
        return _source_links(list(verdict.sources.all()))


class ClaimEventInline(ReadOnlyInline, admin.TabularInline[ClaimEvent, Claim]):
    model = ClaimEvent
    readonly_fields = ("action", "actor", "detail", "created_at")
    fields = readonly_fields
    verbose_name_plural = _("history")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClaimEvent]:
        return super().get_queryset(request).select_related("actor")


class SourceInline(ReadOnlyInline, admin.TabularInline[Source, Verdict]):
    model = Source
    readonly_fields = ("url", "title", "publisher", "stance", "excerpt", "accessed_at")
    fields = readonly_fields


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin[Claim]):
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
        "is_current",
        "updated_at",
    ]
    list_filter = ["status", "kind", "is_current", "origin", "article__language"]
    search_fields = ["text", "attribution", "article__title"]
    list_select_related = ["article", "article__outlet", "assigned_to"]
    fields = [
        "text",
        "review_page",
        "article",
        "revision",
        "start",
        "end",
        "figures",
        "score",
        "kind",
        "attribution",
        "status",
        "dismissed_reason",
        "origin",
        "created_by",
        "assigned_to",
        "is_current",
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
class VerdictAdmin(admin.ModelAdmin[Verdict]):
    list_display = ["claim", "verdict", "reviewer", "settles", "created_at"]
    list_filter = ["verdict", "settles", "created_at"]
    search_fields = ["claim__text", "note", "reviewer__username"]
    list_select_related = ["claim", "reviewer"]
    readonly_fields = ["claim", "reviewer", "verdict", "note", "settles", "created_at"]
    inlines = [SourceInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The verdict history is append-only.
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Verdicts are recorded through the review interface or the API (sources checked).
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin[Source]):
    list_display = ["__str__", "publisher", "stance", "verdict", "accessed_at"]
    list_filter = ["stance"]
    search_fields = ["url", "title", "publisher", "excerpt"]
    list_select_related = ["verdict", "verdict__reviewer", "verdict__claim"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin[ClaimEvent]):
    list_display = ["claim", "action", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["claim__text"]
    list_select_related = ["claim", "actor"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ClaimInline(admin.TabularInline[Claim, Article]):
    """An article's claims, read-only here; open one to review its history."""

    model = Claim
    readonly_fields = ("text", "status", "kind", "score", "is_current", "start", "end")
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

    list_display = ["title", "outlet", "language", "published_at", "claim_count", "created_at"]
    inlines = [RevisionInline, ClaimInline]
    actions = ["reextract"]

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
        articles = list(queryset)
        for article in articles:
            reextract_article_task.delay(article.pk)
            self.log_change(request, article, "Re-extraction queued")
        ids = [article.pk for article in articles]
        self.message_user(
            request,
            ngettext(
                "Re-extraction queued for %d article.",
                "Re-extraction queued for %d articles.",
                len(ids),
            )
            % len(ids),
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
