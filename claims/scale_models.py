"""Rating scales: the grades a desk rates claims with, each mapped to a status.

A desk rates on one scale at a time (``RatingScale.active``); every grade maps to
``verified``, ``disputed`` or ``unverifiable``, which is what a claim's status, the
filters, the tallies and the API's ``verdict`` follow. A verdict stores its grade's code
and the grade itself (``Verdict.grade`` / ``Verdict.scale_grade``), so that changing the
desk's scale later never changes what a stored verdict said. ``claims.scales`` holds the
built-in scales and the helpers that read them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from claims.models import VerdictChoice


class RatingScaleManager(models.Manager["RatingScale"]):
    def get_by_natural_key(self, code: str) -> RatingScale:
        return self.get(code=code)


class RatingGradeManager(models.Manager["RatingGrade"]):
    def get_by_natural_key(self, scale: str, code: str) -> RatingGrade:
        return self.get(scale__code=scale, code=code)


class RatingScale(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (English)"), max_length=100)
    name_ko = models.CharField(_("name (Korean)"), max_length=100, blank=True)
    best_rating = models.PositiveSmallIntegerField(
        _("best rating"), default=5, help_text=_("ClaimReview's bestRating: the truest grade.")
    )
    worst_rating = models.PositiveSmallIntegerField(
        _("worst rating"), default=1, help_text=_("ClaimReview's worstRating: the falsest grade.")
    )
    active = models.BooleanField(
        _("the desk's scale"),
        default=False,
        help_text=_("Reviewers rate claims with the desk's scale; one scale at a time."),
    )
    built_in = models.BooleanField(_("built in"), default=False, editable=False)

    # Named by code across databases (a backup restores onto the migration's scales).
    objects = RatingScaleManager()

    class Meta:
        ordering = ["-active", "id"]
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="one_active_rating_scale"
            ),
            models.CheckConstraint(
                condition=Q(worst_rating__lt=models.F("best_rating")),
                name="rating_scale_worst_below_best",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def display_name(self) -> str:
        """The scale's name in the interface's language."""
        korean = (get_language() or "").startswith("ko")
        return self.name_ko if korean and self.name_ko else self.name


class RatingGrade(models.Model):
    scale = models.ForeignKey(
        RatingScale, verbose_name=_("scale"), on_delete=models.CASCADE, related_name="grades"
    )
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("What the API takes and returns as a grade.")
    )
    label = models.CharField(_("label (English)"), max_length=100)
    label_ko = models.CharField(_("label (Korean)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    verdict = models.CharField(
        _("status"),
        max_length=20,
        choices=VerdictChoice.choices,
        help_text=_("The claim status this grade gives."),
    )
    rating_value = models.PositiveSmallIntegerField(
        _("rating value"),
        null=True,
        blank=True,
        help_text=_(
            "ClaimReview's ratingValue, between the scale's worst and best rating; "
            "blank for a grade outside the scale (e.g. unverifiable)."
        ),
    )
    alternate_name = models.CharField(
        _("published name (English)"),
        max_length=100,
        blank=True,
        help_text=_("ClaimReview's alternateName in English; blank: the label."),
    )
    alternate_name_ko = models.CharField(
        _("published name (Korean)"),
        max_length=100,
        blank=True,
        help_text=_("ClaimReview's alternateName in Korean; blank: the Korean label."),
    )

    objects = RatingGradeManager()

    class Meta:
        ordering = ["scale_id", "order", "id"]
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="grade_code_unique_per_scale"),
            models.CheckConstraint(
                condition=Q(verdict__in=VerdictChoice.values), name="grade_verdict_vocabulary"
            ),
        ]

    def __str__(self) -> str:
        return self.display_label

    def natural_key(self) -> tuple[str, str]:
        return (self.scale.code, self.code)

    natural_key.dependencies = ["claims.ratingscale"]  # type: ignore[attr-defined]

    @property
    def display_label(self) -> str:
        """The grade's label in the interface's language."""
        korean = (get_language() or "").startswith("ko")
        return self.label_ko if korean and self.label_ko else self.label

    def published_names(self) -> dict[str, str]:
        """ClaimReview's ``alternateName`` per language."""
        return {
            "en": self.alternate_name or self.label,
            "ko": self.alternate_name_ko or self.label_ko or self.label,
        }
