"""Claims anchored to article revisions, and their review history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article, ArticleRevision, outlet_match
from claims.priorities import Priority, priority_field

if TYPE_CHECKING:  # the extractor is not loaded with the models, only named here
    from claims.extraction import Figure


class ClaimKind(models.TextChoices):
    STATISTICAL = "statistical", _("statistical")
    COMPARISON = "comparison", _("comparison")
    TEMPORAL = "temporal", _("temporal")
    QUOTE = "quote", _("quote")
    FACTUAL = "factual", _("factual")


class ClaimStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", _("unreviewed")
    VERIFIED = "verified", _("verified")
    DISPUTED = "disputed", _("disputed")
    UNVERIFIABLE = "unverifiable", _("unverifiable")
    CONTESTED = "contested", _("contested")
    DISMISSED = "dismissed", _("dismissed")


# Work still to do: the queue's default, with the claims due for re-check (``ClaimQuerySet.due``).
OPEN_STATUSES: tuple[str, ...] = (ClaimStatus.UNREVIEWED, ClaimStatus.CONTESTED)
# Not a status: the status filter's value for claims whose re-check date has come (their
# status stays that of their verdicts, shown beside it).
DUE = "due"


class VerdictChoice(models.TextChoices):
    VERIFIED = "verified", _("verified")
    DISPUTED = "disputed", _("disputed")
    UNVERIFIABLE = "unverifiable", _("unverifiable")


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("supports")
    REFUTES = "refutes", _("refutes")
    CONTEXT = "context", _("context")


class ClaimOrigin(models.TextChoices):
    EXTRACTOR = "extractor", _("extractor")
    REVIEWER = "reviewer", _("added by a reviewer")


def _choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def figures_as_json(figures: Iterable[Figure]) -> list[dict[str, Any]]:
    """Figures as ``Claim.figures`` stores them (and ``extract --json`` prints them)."""
    return [figure.as_dict() for figure in figures]


def due_q() -> Q:
    """Claims due for re-check: the flag the re-check task sets (``claims.rechecks``)."""
    return Q(is_due=True)


# Open work as one predicate over stored columns, which the partial index
# ``claim_open_work_idx`` repeats: the queue's first page reads the index in order.
OPEN_WORK_Q = Q(status__in=OPEN_STATUSES) | Q(is_due=True)


class ClaimQuerySet(models.QuerySet["Claim"]):
    """The filters of claims, one meaning each: the queue, the API and the exports use them."""

    def current(self) -> ClaimQuerySet:
        """Claims that stand in the current revision of their article."""
        return self.filter(is_current=True)

    def search(self, text: str) -> ClaimQuerySet:
        """Claims whose text or attribution contains ``text`` (any case)."""
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(text__icontains=text) | Q(attribution__icontains=text))

    def with_status(self, status: str) -> ClaimQuerySet:
        return self.filter(status=status)

    def open_work(self) -> ClaimQuerySet:
        """Claims that still need a reviewer or an editor (``OPEN_STATUSES``), and claims
        due for re-check."""
        return self.filter(OPEN_WORK_Q)

    def due(self) -> ClaimQuerySet:
        """Claims whose re-check date has come (today in the site's time zone, or before);
        a dismissed claim is never due. Read from ``is_due``, which the hourly re-check
        task sets when the date comes and every write of the date or the status keeps."""
        return self.filter(due_q())

    def of_kind(self, kind: str) -> ClaimQuerySet:
        return self.filter(kind=kind)

    def from_outlet(self, outlet: int | str) -> ClaimQuerySet:
        """Claims of an outlet given by id, or by exact name in any case."""
        return self.filter(outlet_match(outlet, through="article__"))

    def in_language(self, language: str) -> ClaimQuerySet:
        return self.filter(article__language=language)

    def published_between(self, since: date | None, until: date | None) -> ClaimQuerySet:
        """Claims of articles published on or after ``since`` and on or before ``until``."""
        claims = self
        if since:
            claims = claims.filter(article__published_at__date__gte=since)
        if until:
            claims = claims.filter(article__published_at__date__lte=until)
        return claims

    def reviewed_by(self, reviewer_id: int) -> ClaimQuerySet:
        """Claims on which this reviewer recorded a verdict."""
        verdicts = Verdict.objects.filter(claim=OuterRef("pk"), reviewer_id=reviewer_id)
        return self.filter(Exists(verdicts))

    def reviewed_since(self, since: datetime) -> ClaimQuerySet:
        """Claims that received a verdict at or after ``since``."""
        recent = Verdict.objects.filter(claim=OuterRef("pk"), created_at__gte=since)
        return self.filter(Exists(recent))

    def assigned_to(self, user: Any) -> ClaimQuerySet:
        return self.filter(assigned_to=user)

    def overdue(self, yes: bool = True) -> ClaimQuerySet:
        """Assigned claims past their due date and still open (``yes=False``: the others)."""
        late = Q(assignment_due__lt=timezone.localdate(), status__in=OPEN_STATUSES)
        return self.filter(late) if yes else self.exclude(late)

    def due_before(self, day: date) -> ClaimQuerySet:
        """Claims whose assignment is due on ``day`` or before."""
        return self.filter(assignment_due__lte=day)

    def with_conflict(self, which: str = "any") -> ClaimQuerySet:
        """Claims with a conflict: ``figures`` (another article reports the same fact with
        figures that cannot agree: a conflict link not rejected), ``arithmetic`` (an
        inconsistent check of its article's arithmetic touches it), or ``any``."""
        links = ClaimLink.objects.filter(conflict=True).exclude(state=ClaimLink.State.REJECTED)
        figures = Exists(links.filter(claim_a=OuterRef("pk"))) | Exists(
            links.filter(claim_b=OuterRef("pk"))
        )
        arithmetic = Exists(
            ArithmeticCheck.objects.filter(
                revision=OuterRef("revision"),
                outcome=ArithmeticCheck.Outcome.INCONSISTENT,
                start__lt=OuterRef("end"),
                end__gt=OuterRef("start"),
            )
        )
        if which == "figures":
            return self.filter(figures)
        if which == "arithmetic":
            return self.filter(arithmetic)
        return self.filter(figures | arithmetic)


class Claim(models.Model):
    """A checkable sentence of an article, anchored to a revision by character offsets.

    ``fingerprint`` is derived from the normalised text (not the offsets), so the claim is
    found again when the article is re-extracted and keeps its verdicts.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="claims"
    )
    revision = models.ForeignKey(
        ArticleRevision,
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    text = models.TextField(_("text"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    kind = models.CharField(_("kind"), max_length=20, choices=ClaimKind.choices, db_index=True)
    figures = models.JSONField(_("figures"), default=list, blank=True)
    attribution = models.CharField(_("attribution"), max_length=300, blank=True)
    score = models.FloatField(_("check-worthiness"), default=0.0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClaimStatus.choices,
        default=ClaimStatus.UNREVIEWED,
        db_index=True,
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    is_current = models.BooleanField(
        _("in current revision"),
        default=True,
        help_text=_("False when the claim no longer appears in the article's latest revision."),
    )
    origin = models.CharField(
        _("origin"), max_length=20, choices=ClaimOrigin.choices, default=ClaimOrigin.EXTRACTOR
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    # The assignment's due date and priority (set with the assignee; cleared on unassign).
    assignment_due = models.DateField(_("due date"), null=True, blank=True)
    priority = priority_field()
    dismissed_reason = models.CharField(_("dismissal reason"), max_length=500, blank=True)
    canonical = models.ForeignKey(
        "CanonicalClaim",
        verbose_name=_("canonical claim"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appearances",
    )
    # What the matcher knows of the claim (claims.matching.ClaimFeatures.as_json), computed
    # once after extraction; {} until then.
    match_features = models.JSONField(_("matching features"), default=dict, blank=True)
    recheck_due = models.DateField(
        _("re-check due"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When the claim comes back to the queue to be checked again: set from what makes "
            "its truth age, or by hand; a changed or vanished source brings it forward."
        ),
    )
    # Stored so that open work is a predicate the partial index covers (issue 18): set by
    # ``claims.rechecks.claims_mark_due`` when the date comes, kept by every write of the
    # date or the status (``Claim.due_on``); a new verdict moves the date on and clears it.
    is_due = models.BooleanField(
        _("due for re-check"), default=False, db_default=False, editable=False
    )
    # An editor's choice (claims.blind): reviewers see no one else's verdicts on the claim
    # until they have recorded their own.
    blind = models.BooleanField(_("blind review"), default=False, db_default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "-id"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        permissions = [
            ("review_claim", _("Can record verdicts, dismiss and add claims")),
            ("settle_claim", _("Can settle contested claims and merge duplicates")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="claim_unique_fingerprint_per_article"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_offsets_ordered"),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("text")), name="claim_offsets_match_text"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_in_unit_range"
            ),
            _choices_check("status", ClaimStatus, "claim_status_vocabulary"),
            _choices_check("kind", ClaimKind, "claim_kind_vocabulary"),
            _choices_check("priority", Priority, "claim_priority_vocabulary"),
        ]
        indexes = [
            models.Index(fields=["is_current", "-score", "-id"], name="claim_queue_idx"),
            models.Index(fields=["updated_at", "id"], name="claim_updated_idx"),
            # The queue's default (open work) and its one-status pages, each in the queue's
            # order: the first page reads 50 index entries instead of sorting the table.
            models.Index(
                fields=["-score", "-id"],
                condition=Q(is_current=True) & OPEN_WORK_Q,
                name="claim_open_work_idx",
            ),
            # The claims due for re-check (few at a time), counted per status on each page.
            models.Index(fields=["status"], condition=Q(is_due=True), name="claim_due_idx"),
            # Whether any claim is blind (claims.blind), asked on each page of a reviewer.
            models.Index(fields=["id"], condition=Q(blind=True), name="claim_blind_idx"),
            models.Index(
                fields=["status", "-score", "-id"],
                condition=Q(is_current=True),
                name="claim_status_queue_idx",
            ),
            # The queue sorted by due date: only assigned claims with a due date are in it.
            models.Index(
                fields=["assignment_due", "-score", "-id"],
                condition=Q(is_current=True, assignment_due__isnull=False),
                name="claim_assignment_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("claims:claim", args=[self.pk])

    def due_on(self, day: date) -> bool:
        """Whether the claim is due for re-check on ``day``: its date has come and it is
        not dismissed (what ``is_due`` stores)."""
        return (
            self.recheck_due is not None
            and self.recheck_due <= day
            and self.status != ClaimStatus.DISMISSED
        )

    @property
    def is_overdue(self) -> bool:
        """Its assignment's due date has passed and it is still open work."""
        due = self.assignment_due
        return due is not None and due < timezone.localdate() and self.status in OPEN_STATUSES


class ClaimTally(models.Model):
    """How many current claims have each status, per article language: the queue's counts.

    Kept by the database itself: triggers on claims and articles (migration
    ``0006_claim_tally``) change it in the same transaction as every write that adds,
    removes, re-states or moves a current claim, whichever code path makes it (services,
    bulk writes of re-extraction, the admin, raw SQL). The queue reads a dozen rows of it
    instead of counting the claims table on every request.
    """

    status = models.CharField(_("status"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    n = models.BigIntegerField(_("claims"), default=0)

    class Meta:
        verbose_name = _("claim tally")
        verbose_name_plural = _("claim tallies")
        constraints = [
            models.UniqueConstraint(fields=["status", "language"], name="claim_tally_unique")
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.language}: {self.n}"


class Verdict(models.Model):
    """One reviewer's verdict on a claim. Verdicts are never edited: history is append-only."""

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="verdicts"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="verdicts",
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=VerdictChoice.choices)
    # The grade as rated, on the scale the desk used then (claims.scale_models); ``verdict``
    # is its status. Verdicts from before scales carry the three-grade scale's grade.
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    scale_grade = models.ForeignKey(
        "claims.RatingGrade",
        verbose_name=_("grade on its scale"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verdicts",
    )
    note = models.TextField(_("note"), blank=True)
    settles = models.BooleanField(
        _("editor's settlement"),
        default=False,
        help_text=_("An editor's verdict that settles a contested claim."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        constraints = [_choices_check("verdict", VerdictChoice, "verdict_vocabulary")]

    def __str__(self) -> str:
        return str(
            _("%(verdict)s by %(reviewer)s")
            % {"verdict": self.get_verdict_display(), "reviewer": self.reviewer}
        )


class Source(models.Model):
    """Evidence cited by a verdict."""

    verdict = models.ForeignKey(
        Verdict, verbose_name=_("verdict"), on_delete=models.CASCADE, related_name="sources"
    )
    url = models.URLField(_("URL"), max_length=2000)
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    excerpt = models.TextField(_("quoted passage"), blank=True)
    stance = models.CharField(
        _("stance"), max_length=10, choices=Stance.choices, default=Stance.SUPPORTS
    )
    accessed_at = models.DateTimeField(_("accessed"))
    # What the archive found, kept on the source so that every read (the API's lists, the
    # exports, the panel) has it without another query: ``claims.archiving`` writes both.
    corroboration = models.JSONField(_("corroboration"), default=dict, blank=True)
    archive = models.JSONField(_("archive"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        # "Source" is evidence here (근거 자료), not where an article came from (출처).
        verbose_name = pgettext_lazy("evidence", "source")
        verbose_name_plural = _("sources")
        constraints = [
            _choices_check("stance", Stance, "source_stance_vocabulary"),
            models.CheckConstraint(
                condition=Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="source_url_is_http",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class ClaimEvent(models.Model):
    """Edits to a claim other than verdicts (dismissed, restored, span changed, assigned...)."""

    class Action(models.TextChoices):
        DISMISSED = "dismissed", _("dismissed")
        RESTORED = "restored", _("restored")
        ADDED = "added", _("added by a reviewer")
        SPAN_CHANGED = "span_changed", _("span adjusted")
        ASSIGNED = "assigned", _("assigned")
        MERGED = "merged", _("merged")
        CARRIED = "carried", _("carried to a new revision")
        GONE = "gone", _("gone from the current revision")
        FLAGGED = "flagged", _("left with a rewritten text; flagged for an editor")
        CORRECTED = "corrected", _("corrected by an editor")
        LINKED = "linked", _("found elsewhere")
        LINK_CONFIRMED = "link_confirmed", _("match confirmed")
        LINK_REJECTED = "link_rejected", _("match rejected")
        GROUPED = "grouped", _("grouped by an editor")
        SPLIT = "split", _("taken out of its group")
        VERDICT_APPLIED = "verdict_applied", _("verdict applied from another appearance")
        RECHECK_SET = "recheck_set", _("re-check date set")
        RECHECK_DUE = "recheck_due", _("due for re-check")
        SOURCE_CHANGED = "source_changed", _("source changed")
        SOURCE_VANISHED = "source_vanished", _("source vanished")
        BLIND_SET = "blind_set", _("blind review set")

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("claim event")
        verbose_name_plural = _("claim events")

    def __str__(self) -> str:
        # In the site's time zone, as the admin's columns show times.
        when = timezone.localtime(self.created_at) if self.created_at else None
        return (
            f"{self.get_action_display()} ({when:%Y-%m-%d %H:%M})"
            if when
            else str(self.get_action_display())
        )


# The app's other models live beside this file, part of its models: what the analysis after
# extraction stores (matching index, aliases, arithmetic checks), the source archive, comments
# and the inbox, saved views of the queue, signed webhooks' endpoints and deliveries, and
# one fact across articles (canonical claims and the links between claims).
from claims.analysis_models import (  # noqa: E402, F401
    ArithmeticCheck,
    CheckOutcome,
    EntityAlias,
    MatchKey,
)
from claims.archive_models import SourceArchive, SourceArchiveQuerySet  # noqa: E402, F401
from claims.inbox_models import Comment, InboxSettings, Notification  # noqa: E402, F401
from claims.link_models import (  # noqa: E402, F401
    GROUPING_LINKS,
    CanonicalClaim,
    CanonicalClaimQuerySet,
    ClaimLink,
    LinkState,
)
from claims.saved_view_models import SavedView, SavedViewQuerySet  # noqa: E402, F401
from claims.scale_models import RatingGrade, RatingScale  # noqa: E402, F401
from claims.webhook_models import WebhookDelivery, WebhookEndpoint  # noqa: E402, F401
