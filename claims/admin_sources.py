"""The admin of what the archive keeps of cited sources: a source's corroboration in words
and its fetches; source archives read-only (the archive is evidence, and its text is read on
the desk's archived-copy page, as plain text)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.forms import CleanTextAdmin
from claims.models import Source, SourceArchive
from claims.presentation_checks import corroboration_label


class Evidence:
    """A source's corroboration in words, with its archived copy (no raw JSON)."""

    @admin.display(description=_("corroboration"))
    def corroboration_shown(self, source: Source) -> str:
        state = (source.corroboration or {}).get("state") or "pending"
        label = corroboration_label(state)
        if source.archive:
            url = reverse("claims:source_archive", args=[source.pk])
            return format_html('{} · <a href="{}">{}</a>', label, url, gettext("Archived copy"))
        return label


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SourceArchiveInline(ReadOnly, admin.TabularInline[SourceArchive, Source]):
    model = SourceArchive
    fields = readonly_fields = (
        "fetched_at",
        "checked_at",
        "status",
        "sha256",
        "final_url",
        "changed_since",
        "vanished_at",
        "error",
    )
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[SourceArchive]:
        return super().get_queryset(request).defer("text", "diff")


@admin.register(SourceArchive)
class SourceArchiveAdmin(CleanTextAdmin, admin.ModelAdmin[SourceArchive]):
    """Every fetch of a cited page: read-only (the archive is evidence); the text is read on
    the desk's archived-copy page, as plain text."""

    list_display = ["source", "fetched_at", "status", "short_hash", "changed_since", "vanished_at"]
    list_filter = ["status", "transient"]
    search_fields = ["source__url", "final_url", "sha256"]
    list_select_related = ["source"]
    exclude = ["text", "diff", "corroboration", "transient", "language"]
    readonly_fields = ["archived_copy"]

    @admin.display(description=_("SHA-256"))
    def short_hash(self, archive: SourceArchive) -> str:
        return archive.sha256[:12] or "—"

    @admin.display(description=_("archived text"))
    def archived_copy(self, archive: SourceArchive) -> str:
        url = reverse("claims:source_archive", args=[archive.source_id])
        return format_html(
            '<a href="{}?version={}">{}</a>', url, archive.pk, gettext("Archived copy")
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[SourceArchive]:
        return super().get_queryset(request).defer("text", "diff")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
