"""Query filters of the claims and articles lists (and the exports, which share them)."""

from __future__ import annotations

from datetime import datetime

import django_filters
from django.db.models import Q, QuerySet

from articles.models import Article
from claims.exports import reviewed_since
from claims.models import Claim, ClaimKind, ClaimStatus


def _outlet(queryset: QuerySet, prefix: str, value: str) -> QuerySet:
    value = value.strip()
    if value.isdigit():
        return queryset.filter(**{f"{prefix}outlet_id": int(value)})
    return queryset.filter(**{f"{prefix}outlet__name__iexact": value})


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices, help_text="Claim status.")
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices, help_text="Claim kind.")
    article = django_filters.NumberFilter(field_name="article_id", help_text="Article id.")
    outlet = django_filters.CharFilter(
        method="filter_outlet", help_text="Outlet id or exact outlet name (any case)."
    )
    language = django_filters.CharFilter(
        field_name="article__language", help_text="Article language code, e.g. ko or en."
    )
    q = django_filters.CharFilter(
        method="filter_q", help_text="Text search in the claim and its attribution."
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Claims changed at or after this ISO 8601 time.",
    )
    reviewed_since = django_filters.IsoDateTimeFilter(
        method="filter_reviewed_since",
        help_text="Claims that received a verdict at or after this ISO 8601 time.",
    )
    current = django_filters.BooleanFilter(
        field_name="is_current",
        help_text="true: only claims in the article's current revision; false: only gone ones.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_outlet(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _outlet(queryset, "article__", value)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(text__icontains=value) | Q(attribution__icontains=value))

    def filter_reviewed_since(self, queryset: QuerySet, name: str, value: datetime) -> QuerySet:
        return reviewed_since(queryset, value)


class ArticleFilter(django_filters.FilterSet):
    outlet = django_filters.CharFilter(
        method="filter_outlet", help_text="Outlet id or exact outlet name (any case)."
    )
    language = django_filters.CharFilter(help_text="Language code, e.g. ko or en.")
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", help_text="Text search in the title."
    )
    published_since = django_filters.IsoDateTimeFilter(
        field_name="published_at",
        lookup_expr="gte",
        help_text="Articles published at or after this ISO 8601 time.",
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Articles changed at or after this ISO 8601 time.",
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_outlet(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _outlet(queryset, "", value)
