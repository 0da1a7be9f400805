"""Admin console for outlets, articles, revisions, feeds and ingest jobs.

Claims are not known here: claims/admin.py extends the article pages with their claims
(counts, the claims inline, re-extraction and the link to the review page).
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from articles.diff import revision_changes
from articles.forms import CleanTextAdmin, HttpURLField
from articles.models import Article, ArticleRevision, Feed, FeedEntry, IngestJob, Outlet
from articles.presentation import language_name, reason_text
from lib.urls import URLError, clean_http_url

OPS = {"+": "added", "-": "removed"}


def language_label(code: str) -> str:
    """A language code named in the reader's language ("ko" -> "한국어")."""
    return language_name(code) or "—"


def boolean_icon(value: bool | None) -> str:
    """Django's yes/no icon with its text in the reader's language (Django's own writes
    alt="True"/"False" in every language)."""
    name = {True: "yes", False: "no", None: "unknown"}[value]
    text = {True: _("yes"), False: _("no"), None: _("unknown")}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), text)


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(code, language_label(code)) for code in ("ko", "en")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(language=value) if value else queryset


@admin.register(Outlet)
class OutletAdmin(CleanTextAdmin, admin.ModelAdmin[Outlet]):
    list_display = ["name", "domain", "known_domains", "article_count", "created_at"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Outlet]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, outlet: Outlet) -> int:
        return outlet.article_count  # type: ignore[attr-defined]


class RevisionInline(admin.TabularInline[ArticleRevision, Article]):
    model = ArticleRevision
    readonly_fields = (
        "number",
        "title",
        "published_at",
        "modified_at",
        "content_hash",
        "flagged_shown",
        "created_at",
    )
    fields = tuple(readonly_fields)
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("flagged for an editor"), ordering="flagged")
    def flagged_shown(self, revision: ArticleRevision) -> str:
        return flag_icon(revision.flagged)


def flag_icon(flagged: bool) -> str:
    """A "yes" icon on what awaits an editor, nothing on the rest."""
    return boolean_icon(True) if flagged else ""


class FlaggedFilter(admin.SimpleListFilter):
    title = _("flagged for an editor")
    parameter_name = "flagged"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", str(_("yes"))), ("no", str(_("no")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("yes", "no"):
            return queryset.filter(is_flagged=self.value() == "yes")
        return queryset


def with_flag(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """Articles annotated with ``is_flagged``: a revision of theirs awaits an editor."""
    flagged = ArticleRevision.objects.filter(article=OuterRef("pk"), flagged=True)
    return queryset.annotate(is_flagged=Exists(flagged))


@admin.register(Article)
class ArticleAdmin(CleanTextAdmin, admin.ModelAdmin[Article]):
    list_display = ["title", "outlet", "language_shown", "published_at", "flag", "created_at"]
    list_filter = [FlaggedFilter, LanguageFilter, "outlet", "published_at"]
    search_fields = ["title", "url", "authors"]
    list_select_related = ["outlet"]
    date_hierarchy = "published_at"
    readonly_fields = ["key", "created_at", "updated_at"]
    inlines = [RevisionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # An article is made by ingestion (with its revision and claims), never by hand here.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return with_flag(super().get_queryset(request))

    @admin.display(description=_("flagged for an editor"), ordering="is_flagged")
    def flag(self, article: Article) -> str:
        return flag_icon(getattr(article, "is_flagged", False))

    @admin.display(description=_("language"), ordering="language")
    def language_shown(self, article: Article) -> str:
        return language_label(article.language)


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin[ArticleRevision]):
    list_display = [
        "title",
        "article",
        "number",
        "language_shown",
        "published_at",
        "flagged_shown",
        "created_at",
    ]
    list_filter = ["flagged", LanguageFilter]
    search_fields = ["title", "body", "source"]
    list_select_related = ["article"]
    readonly_fields = [
        "article",
        "number",
        "title",
        "authors",
        "published_at",
        "modified_at",
        "language_shown",
        "body",
        "content_hash",
        "source",
        "named_canonical_url",
        "flagged_shown",
        "flag_reason",
        "created_at",
        "changes",
    ]
    fields = tuple(readonly_fields)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Revisions are the record of what was ingested; they are never edited.
        return False

    @admin.display(description=_("language"), ordering="language")
    def language_shown(self, revision: ArticleRevision) -> str:
        return language_label(revision.language)

    @admin.display(description=_("flagged for an editor"), ordering="flagged")
    def flagged_shown(self, revision: ArticleRevision) -> str:
        return flag_icon(revision.flagged)

    @admin.display(description=_("changes from the previous revision"))
    def changes(self, revision: ArticleRevision) -> str | SafeString:
        previous = (
            ArticleRevision.objects.filter(article=revision.article_id, number__lt=revision.number)
            .order_by("-number")
            .values_list("body", flat=True)
            .first()
        )
        if previous is None:
            return str(_("This is the first revision."))
        changed = [c for c in revision_changes(previous, revision.body) if c.op != "="]
        if not changed:
            return str(_("No change."))
        # Scraped text: format_html_join escapes every sentence.
        return format_html_join(
            "", '<div class="diff-{}">{} {}</div>', ((OPS[c.op], c.op, c.text) for c in changed)
        )


class ErrorsInTheReadersLanguage:
    """A stored error (a job's, a feed's) said in the reader's language from its code."""

    @admin.display(description=_("error"))
    def error_shown(self, obj: Any) -> str:
        return reason_text(obj.error) if obj.error else "—"

    @admin.display(description=_("last error"))
    def last_error_shown(self, obj: Any) -> str:
        return reason_text(obj.last_error) if obj.last_error else "—"


# The same words as the ingest form's (claims.forms), so they share their translations.
URL_REFUSED = {
    "characters": _(
        "This web address holds a space, a tab, a line break or a control character; "
        "type it again without it."
    ),
    "scheme": _("Only http:// and https:// addresses can be fetched."),
}


class FeedForm(forms.ModelForm[Feed]):
    """A feed's address passes the one strict check of addresses people give (lib.urls)."""

    class Meta:
        model = Feed
        fields = ["url", "title", "outlet", "active"]
        field_classes = {"url": HttpURLField}

    def clean_url(self) -> str:
        url: str = self.cleaned_data.get("url", "")
        try:
            return clean_http_url(url)
        except URLError as error:
            message = URL_REFUSED.get(error.code, _("This web address cannot be read; check it."))
            raise forms.ValidationError(message) from None


@admin.register(Feed)
class FeedAdmin(CleanTextAdmin, ErrorsInTheReadersLanguage, admin.ModelAdmin[Feed]):
    form = FeedForm
    list_display = [
        "__str__",
        "url",
        "outlet",
        "active_shown",
        "last_polled_at",
        "last_error_shown",
    ]
    list_filter = ["active", "outlet"]
    search_fields = ["url", "title"]
    list_select_related = ["outlet"]
    readonly_fields = ["last_polled_at", "last_error_shown", "created_at"]

    @admin.display(description=_("active"), ordering="active")
    def active_shown(self, feed: Feed) -> str:
        return boolean_icon(feed.active)


@admin.register(FeedEntry)
class FeedEntryAdmin(CleanTextAdmin, ErrorsInTheReadersLanguage, admin.ModelAdmin[FeedEntry]):
    list_display = ["__str__", "feed", "article", "error_shown", "seen_at"]
    list_filter = ["feed"]
    search_fields = ["title", "url", "guid"]
    list_select_related = ["feed", "article"]
    readonly_fields = ["feed", "guid", "url", "title", "article", "error_shown", "seen_at"]


@admin.register(IngestJob)
class IngestJobAdmin(CleanTextAdmin, ErrorsInTheReadersLanguage, admin.ModelAdmin[IngestJob]):
    list_display = ["source", "state", "created_by", "created_at", "finished_at", "error_shown"]
    list_filter = ["state"]
    search_fields = ["source", "error"]
    list_select_related = ["created_by"]
    readonly_fields = [
        "kind",
        "source",
        "state",
        "error_shown",
        "article_ids",
        "created_by",
        "created_at",
        "finished_at",
        "lease_expires_at",
        "requeues",
    ]
