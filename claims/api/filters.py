"""Query filters of the claims and articles lists (and the exports, which share them).

Each claim filter is a ``ClaimQuerySet`` method, so the review queue means the same by it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from articles.models import MAX_ID, Article, ArticleQuerySet
from claims.models import (
    DUE,
    CanonicalClaim,
    CanonicalClaimQuerySet,
    Claim,
    ClaimKind,
    ClaimQuerySet,
    ClaimStatus,
)
from claims.priorities import Priority


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number in the database's range (larger ones are a 400, not a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, min_value=0, max_value=MAX_ID, **kwargs)


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 time, held in UTC (databases refuse offsets beyond +-15:59). A time
    filter given with no value (``?updated_since=``) is refused: it would match all."""

    def to_python(self, value: Any) -> datetime | None:
        if value is not None and not str(value).strip():
            raise forms.ValidationError(
                "Give a time, e.g. 2025-01-31T09:00:00+09:00, or leave the filter out."
            )
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError(
                "Give a time between the years 1 and 9999, e.g. 2025-01-31T09:00:00+09:00."
            ) from None


class TimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class StrictBooleanField(forms.Field):
    """true or false (also 1 or 0, any case); anything else is an error, not "no filter".
    An empty value means no filter, as with the other filters."""

    TRUE, FALSE = {"true", "1"}, {"false", "0"}

    def to_python(self, value: Any) -> bool | None:
        if value is None or value == "":
            return None
        word = str(value).strip().lower()
        if word in self.TRUE:
            return True
        if word in self.FALSE:
            return False
        raise forms.ValidationError("Give true or false.")

    def validate(self, value: Any) -> None:
        return None


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        method="filter_status",
        choices=[*ClaimStatus.choices, (DUE, "due for re-check")],
        help_text="Claim status, or `due`: claims whose re-check date (`recheck_due`) has "
        "come, whatever their status.",
    )
    kind = django_filters.ChoiceFilter(
        method="filter_kind", choices=ClaimKind.choices, help_text="Claim kind."
    )
    article = IdFilter(field_name="article_id", help_text="Article id.")
    outlet = django_filters.CharFilter(
        method="filter_outlet", help_text="Outlet id or exact outlet name (any case)."
    )
    language = django_filters.CharFilter(
        method="filter_language", help_text="Article language code, e.g. ko or en."
    )
    q = django_filters.CharFilter(
        method="filter_q", help_text="Text search in the claim and its attribution."
    )
    updated_since = TimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Claims changed at or after this ISO 8601 time.",
    )
    reviewed_since = TimeFilter(
        method="filter_reviewed_since",
        help_text="Claims that received a verdict at or after this ISO 8601 time.",
    )
    current = StrictBooleanFilter(
        field_name="is_current",
        help_text="true: only claims in the article's current revision; false: only gone ones.",
    )
    conflict = django_filters.ChoiceFilter(
        method="filter_conflict",
        choices=[("figures", "figures"), ("arithmetic", "arithmetic"), ("any", "any")],
        help_text="figures: another article reports the fact with figures that cannot agree; "
        "arithmetic: an inconsistent arithmetic check touches it; any: either.",
    )

    priority = django_filters.ChoiceFilter(
        method="filter_priority",
        choices=Priority.choices,
        help_text="The assignment's priority.",
    )
    overdue = StrictBooleanFilter(
        method="filter_overdue",
        help_text="true: assigned claims past their due date and still open (unreviewed or "
        "contested).",
    )
    due_before = django_filters.DateFilter(
        method="filter_due_before",
        help_text="Claims whose assignment is due on this date (YYYY-MM-DD) or before.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_priority(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.filter(priority=value)

    def filter_overdue(self, queryset: ClaimQuerySet, name: str, value: bool) -> ClaimQuerySet:
        return queryset.overdue(value)

    def filter_due_before(self, queryset: ClaimQuerySet, name: str, value: date) -> ClaimQuerySet:
        return queryset.due_before(value)

    def filter_status(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.due() if value == DUE else queryset.with_status(value)

    def filter_kind(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.of_kind(value)

    def filter_outlet(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.from_outlet(value)

    def filter_language(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.in_language(value)

    def filter_q(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.search(value)

    def filter_reviewed_since(
        self, queryset: ClaimQuerySet, name: str, value: datetime
    ) -> ClaimQuerySet:
        return queryset.reviewed_since(value)

    def filter_conflict(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.with_conflict(value)


class CanonicalClaimFilter(django_filters.FilterSet):
    conflict = django_filters.BooleanFilter(
        field_name="conflict", help_text="true: appearances report conflicting figures."
    )
    q = django_filters.CharFilter(
        method="filter_q", help_text="Text search in the canonical claim and its appearances."
    )
    language = django_filters.CharFilter(
        method="filter_language", help_text="With an appearance in this language (ko, en)."
    )
    updated_since = TimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Canonical claims changed at or after this ISO 8601 time.",
    )

    class Meta:
        model = CanonicalClaim
        fields: list[str] = []

    def filter_q(
        self, queryset: CanonicalClaimQuerySet, name: str, value: str
    ) -> CanonicalClaimQuerySet:
        return queryset.search(value)

    def filter_language(
        self, queryset: CanonicalClaimQuerySet, name: str, value: str
    ) -> CanonicalClaimQuerySet:
        return queryset.in_language(value)


class ArticleFilter(django_filters.FilterSet):
    outlet = django_filters.CharFilter(
        method="filter_outlet", help_text="Outlet id or exact outlet name (any case)."
    )
    language = django_filters.CharFilter(help_text="Language code, e.g. ko or en.")
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", help_text="Text search in the title."
    )
    published_since = TimeFilter(
        field_name="published_at",
        lookup_expr="gte",
        help_text="Articles published at or after this ISO 8601 time.",
    )
    updated_since = TimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Articles changed at or after this ISO 8601 time.",
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_outlet(self, queryset: ArticleQuerySet, name: str, value: str) -> ArticleQuerySet:
        return queryset.from_outlet(value)
