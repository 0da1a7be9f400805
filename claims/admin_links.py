"""Admin console for one fact across articles: canonical claims with their appearances,
claim links with their evidence (confirmed or rejected through the service, so both
claims' history records it), the editors' entity aliases and the arithmetic checks."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims.admin import ReadOnlyInline
from claims.canonical import link_decide
from claims.models import ArithmeticCheck, CanonicalClaim, Claim, ClaimLink, EntityAlias
from claims.roles import can_review


class AppearanceInline(ReadOnlyInline, admin.TabularInline[Claim, CanonicalClaim]):
    model = Claim
    fk_name = "canonical"
    fields = ["text", "article", "status"]
    readonly_fields = [str(f) for f in fields]
    verbose_name = _("appearance")
    verbose_name_plural = _("appearances")


@admin.register(CanonicalClaim)
class CanonicalClaimAdmin(admin.ModelAdmin[CanonicalClaim]):
    """One fact across articles: grouped by the matcher and the reviewers' decisions, read
    here (editors group and split from a claim's panel, where it is recorded)."""

    list_display = ["id", "short_text", "conflict", "appearance_count", "updated_at"]
    list_filter = ["conflict"]
    search_fields = ["text", "appearances__text"]
    fields = ["text", "conflict", "conflicting_figures", "created_at", "updated_at"]
    readonly_fields = [str(f) for f in fields]
    inlines = [AppearanceInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CanonicalClaim]:
        return super().get_queryset(request).annotate(n=Count("appearances"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("text"))
    def short_text(self, obj: CanonicalClaim) -> str:
        return Truncator(obj.text).chars(90)

    @admin.display(description=_("appearances"), ordering="n")
    def appearance_count(self, obj: Any) -> int:
        return int(obj.n)


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin[ClaimLink]):
    """The matcher's findings with their evidence; confirming or rejecting goes through
    the service (recorded in both claims' history)."""

    list_display = ["__str__", "state", "conflict", "score", "decided_by", "created_at"]
    list_filter = ["state", "conflict"]
    search_fields = ["claim_a__text", "claim_b__text"]
    list_select_related = ["decided_by"]
    fields = [
        "claim_a",
        "claim_b",
        "state",
        "conflict",
        "conflicting_figures",
        "score",
        "explanation",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    readonly_fields = [str(f) for f in fields]
    actions = ["confirm", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _decide(self, request: HttpRequest, links: QuerySet[ClaimLink], confirm: bool) -> None:
        done = 0
        for link in links:
            try:
                link_decide(link=link, actor=request.user, confirm=confirm)
            except PermissionDenied as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                continue
            done += 1
        self.message_user(
            request, ngettext("%(n)d match decided.", "%(n)d matches decided.", done) % {"n": done}
        )

    def has_review_permission(self, request: HttpRequest) -> bool:
        return can_review(request.user)

    @admin.action(description=_("Confirm: the same fact"), permissions=["review"])
    def confirm(self, request: HttpRequest, queryset: QuerySet[ClaimLink]) -> None:
        self._decide(request, queryset, True)

    @admin.action(description=_("Reject: not the same fact"), permissions=["review"])
    def reject(self, request: HttpRequest, queryset: QuerySet[ClaimLink]) -> None:
        self._decide(request, queryset, False)


@admin.register(EntityAlias)
class EntityAliasAdmin(admin.ModelAdmin[EntityAlias]):
    """Names of one entity across languages, beside the matcher's built-in table."""

    list_display = ["entity", "name", "created_at"]
    search_fields = ["entity", "name"]


@admin.register(ArithmeticCheck)
class ArithmeticCheckAdmin(admin.ModelAdmin[ArithmeticCheck]):
    list_display = ["relation", "outcome", "formula", "revision"]
    list_filter = ["outcome", "relation"]
    list_select_related = ["revision", "revision__article"]
    fields = ["revision", "outcome", "relation", "formula", "figures", "explanation", "implied"]
    readonly_fields = [str(f) for f in fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
