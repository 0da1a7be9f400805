from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, ClaimEvent, Source, Verdict


class VerdictInline(admin.TabularInline[Verdict, Claim]):
    model = Verdict
    fields = ["verdict", "reviewer", "note", "settles", "created_at"]
    readonly_fields = ["verdict", "reviewer", "note", "settles", "created_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class SourceInline(admin.TabularInline[Source, Verdict]):
    model = Source
    fields = ["url", "title", "publisher", "stance", "excerpt", "accessed_at"]
    readonly_fields = ["url", "title", "publisher", "stance", "excerpt", "accessed_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin[Claim]):
    list_display = ["short_text", "status", "kind", "score", "article", "is_current", "updated_at"]
    list_filter = ["status", "kind", "is_current", "origin", "article__language"]
    search_fields = ["text", "attribution", "article__title"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "revision", "created_by", "assigned_to"]
    readonly_fields = ["fingerprint", "status", "created_at", "updated_at"]
    inlines = [VerdictInline]

    @admin.display(description=_("claim"))
    def short_text(self, claim: Claim) -> str:
        return claim.text[:90]


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin[Verdict]):
    list_display = ["claim", "verdict", "reviewer", "settles", "created_at"]
    list_filter = ["verdict", "settles", "created_at"]
    search_fields = ["claim__text", "note", "reviewer__username"]
    list_select_related = ["claim", "reviewer"]
    readonly_fields = ["claim", "reviewer", "verdict", "note", "settles", "created_at"]
    inlines = [SourceInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # The verdict history is append-only.
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin[Source]):
    list_display = ["__str__", "publisher", "stance", "verdict", "accessed_at"]
    list_filter = ["stance"]
    search_fields = ["url", "title", "publisher", "excerpt"]
    list_select_related = ["verdict", "verdict__reviewer"]


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin[ClaimEvent]):
    list_display = ["claim", "action", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["claim__text"]
    list_select_related = ["claim", "actor"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
