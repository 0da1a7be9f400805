"""One fact across articles: canonical claims and the links the matcher (or an editor)
found between claims. Part of this app's models (``claims.models`` imports them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, _choices_check


class CanonicalClaimQuerySet(models.QuerySet["CanonicalClaim"]):
    def search(self, text: str) -> CanonicalClaimQuerySet:
        """Canonical claims with an appearance whose text contains ``text`` (any case)."""
        text = text.strip()
        if not text:
            return self
        found = Claim.objects.filter(canonical=OuterRef("pk"), text__icontains=text)
        return self.filter(Q(text__icontains=text) | Exists(found))

    def in_language(self, language: str) -> CanonicalClaimQuerySet:
        """Canonical claims with an appearance in an article of ``language``."""
        found = Claim.objects.filter(canonical=OuterRef("pk"), article__language=language)
        return self.filter(Exists(found))


class CanonicalClaim(models.Model):
    """One fact as several articles report it: its appearances are the claims grouped
    under it (``Claim.canonical``), automatically when the matcher is sure, or when a
    reviewer confirms a suggestion, or as a flagged conflict (README "One fact across
    articles"). ``conflicting_figures`` lists the pairs of appearances whose figures for
    one slot cannot agree; ``conflict`` says whether there is any.
    """

    text = models.TextField(_("text"))
    conflict = models.BooleanField(_("conflicting figures"), default=False, db_index=True)
    conflicting_figures = models.JSONField(_("conflicting figures"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = CanonicalClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("canonical claim")
        verbose_name_plural = _("canonical claims")

    def __str__(self) -> str:
        return f"#{self.pk} {self.text[:70]}"


class LinkState(models.TextChoices):
    AUTO = "auto", _("grouped automatically")
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class ClaimLink(models.Model):
    """Two claims of different articles that the matcher (or an editor) found to state one
    fact, with the evidence: the tier, score and explanation (the slot, the intervals),
    and for a conflict the two figures that cannot agree.

    ``claim_a`` has the lower id. A reviewer's decision (confirmed or rejected) is kept:
    the matcher never changes it and never suggests a rejected pair again.
    """

    State = LinkState

    claim_a = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="links_as_a"
    )
    claim_b = models.ForeignKey(
        Claim, verbose_name=_("other claim"), on_delete=models.CASCADE, related_name="links_as_b"
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, db_index=True)
    conflict = models.BooleanField(_("conflicting figures"), default=False)
    score = models.FloatField(_("score"), default=0.0)
    explanation = models.TextField(_("evidence"), blank=True)
    conflicting_figures = models.JSONField(_("conflicting figures"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("found"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("claim link")
        verbose_name_plural = _("claim links")
        constraints = [
            models.UniqueConstraint(fields=["claim_a", "claim_b"], name="claim_link_unique_pair"),
            models.CheckConstraint(
                condition=Q(claim_a__lt=F("claim_b")), name="claim_link_ordered"
            ),
            _choices_check("state", LinkState, "claim_link_state_vocabulary"),
        ]

    def __str__(self) -> str:
        return f"#{self.claim_a_id} ~ #{self.claim_b_id} ({self.state})"

    @property
    def groups(self) -> bool:
        """Whether the link puts its two claims under one canonical claim: grouped
        automatically, confirmed, or a conflict not rejected (flagged for a reviewer)."""
        if self.state == self.State.REJECTED:
            return False
        return self.state != self.State.SUGGESTED or self.conflict

    def other(self, claim_id: int) -> int:
        return self.claim_b_id if claim_id == self.claim_a_id else self.claim_a_id


GROUPING_LINKS = Q(state__in=[ClaimLink.State.AUTO, ClaimLink.State.CONFIRMED]) | Q(
    state=ClaimLink.State.SUGGESTED, conflict=True
)
