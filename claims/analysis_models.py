"""Models of the analysis after extraction (``claims.analysis``): the matching index,
the editors' entity aliases and each revision's arithmetic checks. Part of the claims
app's models (``claims.models`` imports them)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleRevision


def _choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)


class CheckOutcome(models.TextChoices):
    CONSISTENT = "consistent", _("consistent")
    INCONSISTENT = "inconsistent", _("inconsistent")
    UNDECIDABLE = "undecidable", _("undecidable")


class MatchKey(models.Model):
    """The matcher's index: one row per (claim, blocking key) (``ClaimFeatures``)."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=120, db_index=True)

    class Meta:
        verbose_name = _("matching key")
        verbose_name_plural = _("matching keys")

    def __str__(self) -> str:
        return self.key


class EntityAlias(models.Model):
    """A name of an entity in any language (베인캐피탈 = Bain Capital under one ``entity``):
    the matcher's bridge across languages beside the built-in table. Editors keep them."""

    entity = models.SlugField(_("entity"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["entity", "name"]
        verbose_name = _("entity alias")
        verbose_name_plural = _("entity aliases")
        constraints = [
            models.UniqueConstraint(fields=["entity", "name"], name="entity_alias_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.entity})"


class ArithmeticCheck(models.Model):
    """One relation an article's text ties its figures by, checked on their intervals
    (``claims.arithmetic.Check``), stored per revision. A claim's checks are those whose
    sentences overlap it."""

    Outcome = CheckOutcome

    revision = models.ForeignKey(
        ArticleRevision,
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        related_name="arithmetic_checks",
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    relation = models.CharField(_("relation"), max_length=40)
    formula = models.CharField(_("formula"), max_length=200)
    # [{"text", "start", "end", "interval"}], in the formula's order
    figures = models.JSONField(_("figures"), default=list)
    explanation = models.TextField(_("explanation"))
    implied = models.CharField(_("implied value"), max_length=200, blank=True)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("arithmetic check")
        verbose_name_plural = _("arithmetic checks")
        constraints = [_choices_check("outcome", CheckOutcome, "arithmetic_outcome_vocabulary")]

    def __str__(self) -> str:
        return f"{self.relation}: {self.outcome}"

    def as_api(self) -> dict[str, Any]:
        """The API's check (PRODUCT.md section 9)."""
        return {
            "kind": "arithmetic",
            "outcome": self.outcome,
            "relation": self.relation,
            "figures": [f["text"] for f in self.figures],
            "explanation": self.explanation,
        }
