"""The admin of the desk's rating scales: an admin chooses the desk's scale and keeps
custom scales (grades inline, checked by ``claims.scales.check_grades``). Built-in scales
are read-only but for being the desk's; a grade stored verdicts carry keeps its code and
status, and is not deleted."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from articles.admin import boolean_icon
from claims.models import Verdict
from claims.scale_models import RatingGrade, RatingScale
from claims.scales import check_grades, grade_label, scale_activate


class GradeShown:
    """A verdict's grade as rated (for the verdict admin)."""

    @admin.display(description=_("grade"))
    def grade_shown(self, verdict: Verdict) -> str:
        return grade_label(verdict)


class GradeFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if self.instance.built_in:  # read-only: nothing posted to check
            return
        kept = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        problems = check_grades((row["code"], row["verdict"]) for row in kept)
        scale = self.instance
        low, high = scale.worst_rating, scale.best_rating
        values = [row["rating_value"] for row in kept if row.get("rating_value") is not None]
        if low is not None and high is not None and any(not low <= v <= high for v in values):
            problems.append(
                gettext("A rating value lies between the worst and the best rating (%s to %s).")
                % (low, high)
            )
        problems += self._used_grade_problems()
        if problems:
            raise ValidationError(problems)

    def _used_grade_problems(self) -> list[str]:
        """A grade that stored verdicts carry keeps its code and status, and stays."""
        problems = []
        for form in self.forms:
            grade = form.instance
            if not grade.pk or not form.cleaned_data or not grade.verdicts.exists():
                continue
            deleted = form.cleaned_data.get("DELETE")
            if deleted or {"code", "verdict"} & set(form.changed_data):
                problems.append(
                    gettext(
                        "Verdicts were recorded with the grade %s: it cannot be deleted, and "
                        "its code and status cannot change (add a new grade instead)."
                    )
                    % form.initial.get("code", grade.code)
                )
        return problems


def _as_written(value: str) -> str:
    """A code or an English name as the scale writes it (not a word to translate)."""
    return format_html('<span translate="no">{}</span>', value) if value else "—"


class GradeInline(admin.TabularInline[RatingGrade, RatingScale]):
    model = RatingGrade
    formset = GradeFormSet
    extra = 0
    fields = [
        "order",
        "code",
        "label",
        "label_ko",
        "verdict",
        "rating_value",
        "alternate_name",
        "alternate_name_ko",
    ]

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        return 0 if obj is not None else 3

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None or not obj.built_in:
            return self.fields
        return ["order", "code_shown", "label_shown", "label_ko", "verdict", "rating_value"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.get_fields(request, obj) if obj is not None and obj.built_in else []

    @admin.display(description=_("code"))
    def code_shown(self, grade: RatingGrade) -> str:
        return _as_written(grade.code)

    @admin.display(description=_("label (English)"))
    def label_shown(self, grade: RatingGrade) -> str:
        names = grade.published_names()
        return _as_written(f"{grade.label} ({names['en']})")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and obj.built_in) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and obj.built_in) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and obj.built_in) and super().has_delete_permission(request, obj)


class RatingScaleForm(forms.ModelForm):
    class Meta:
        model = RatingScale
        fields = ["code", "name", "name_ko", "best_rating", "worst_rating", "active"]

    def _get_validation_exclusions(self) -> set[str]:
        # Another scale is the desk's until this one is saved: save_model switches them.
        return {*super()._get_validation_exclusions(), "active"}  # type: ignore[misc]

    def clean_active(self) -> bool:
        active: bool = self.cleaned_data["active"]
        if self.instance.pk and self.instance.active and not active:
            raise ValidationError(
                _("The desk always rates on one scale: make another scale the desk's instead.")
            )
        return active


# Should two activations still meet on the one-active-scale constraint (claims.scales).
RACED = gettext_noop(
    "Another administrator changed the desk's rating scale at the same moment: the desk's "
    "scale is the one ticked in the list. Choose again if it should be another."
)

BUILT_IN_SHOWN = ["code_shown", "name_en_shown", "name_ko", "best_rating", "worst_rating"]


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin[RatingScale]):
    form = RatingScaleForm
    inlines = [GradeInline]
    list_display = ["name_shown", "active_shown", "built_in_shown", "grade_count"]
    actions = ["make_the_desks_scale"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RatingScale]:
        return super().get_queryset(request).annotate(n_grades=Count("grades"))

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.built_in:
            return [*BUILT_IN_SHOWN, "active"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return BUILT_IN_SHOWN if obj is not None and obj.built_in else []

    @admin.display(description=_("code"))
    def code_shown(self, scale: RatingScale) -> str:
        return _as_written(scale.code)

    @admin.display(description=_("name (English)"))
    def name_en_shown(self, scale: RatingScale) -> str:
        return _as_written(scale.name)

    @admin.display(description=_("the desk's scale"), ordering="active")
    def active_shown(self, scale: RatingScale) -> str:
        return boolean_icon(scale.active)

    @admin.display(description=_("built in"), ordering="built_in")
    def built_in_shown(self, scale: RatingScale) -> str:
        return boolean_icon(scale.built_in)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        built_in = obj is not None and (obj.built_in or obj.active)
        return not built_in and super().has_delete_permission(request, obj)

    @admin.display(description=_("name"), ordering="name")
    def name_shown(self, scale: RatingScale) -> str:
        return scale.display_name

    @admin.display(description=_("grades"), ordering="n_grades")
    def grade_count(self, scale: RatingScale) -> int:
        return int(getattr(scale, "n_grades", 0))

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: RatingScale, form: Any, change: bool) -> None:
        activate = obj.active
        obj.active = obj.active and change and RatingScale.objects.get(pk=obj.pk).active
        super().save_model(request, obj, form, change)
        if activate:
            try:
                with transaction.atomic():
                    scale_activate(obj)
            except IntegrityError:
                self.message_user(request, gettext(RACED), messages.ERROR)

    @admin.action(description=_("Make it the desk's rating scale"))
    def make_the_desks_scale(self, request: HttpRequest, queryset: QuerySet[RatingScale]) -> None:
        chosen = list(queryset[:2])
        if len(chosen) != 1:
            self.message_user(
                request, gettext("Choose exactly one scale for the desk."), messages.ERROR
            )
            return
        try:
            scale_activate(chosen[0])
        except IntegrityError:
            self.message_user(request, gettext(RACED), messages.ERROR)
            return
        self.message_user(
            request,
            gettext("The desk now rates on %s.") % chosen[0].display_name,
            messages.SUCCESS,
        )
