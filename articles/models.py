"""Articles and their revisions. This app knows nothing of claims."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Outlet(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    domain = models.CharField(_("domain"), max_length=253, blank=True, db_index=True)
    known_domains = models.JSONField(
        _("other domains"),
        default=list,
        blank=True,
        help_text=_(
            "Other domains this outlet publishes under, as a list of host names. A page "
            "fetched from one of its domains may name a page on another as its canonical "
            "address; any other site may not."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        domains = self.known_domains
        if not isinstance(domains, list) or not all(
            isinstance(d, str) and d and "/" not in d and ":" not in d and d.strip() == d
            for d in domains
        ):
            raise ValidationError(
                {"known_domains": _("Give a JSON list of host names, each in double quotes.")}
            )


MAX_ID = 2**63 - 1  # the largest row id the databases hold


def outlet_match(outlet: int | str, *, through: str = "") -> Q:
    """Rows of an outlet given by id (a number, or a string of digits) or by exact name,
    in any case; ``through`` is the path to the outlet's owner (``"article__"``)."""
    if isinstance(outlet, str):
        name = outlet.strip()
        if not (name.isdecimal() and int(name) <= MAX_ID):
            return Q(**{f"{through}outlet__name__iexact": name})
        outlet = int(name)
    return Q(**{f"{through}outlet_id": outlet})


class ArticleQuerySet(models.QuerySet["Article"]):
    def with_outlet(self) -> ArticleQuerySet:
        return self.select_related("outlet")

    def from_outlet(self, outlet: int | str) -> ArticleQuerySet:
        return self.filter(outlet_match(outlet))


class Article(models.Model):
    """One news article. Its current text and metadata mirror its latest revision.

    ``key`` identifies the article across ingestions: its canonical URL when it has one,
    otherwise a digest of outlet, title and publication time, so the same article
    ingested twice is one article and a changed text becomes a new revision.
    """

    key = models.CharField(_("identity key"), max_length=300, unique=True)
    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("outlet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    canonical_url = models.URLField(_("canonical URL"), max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    modified_at = models.DateTimeField(_("updated"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, db_index=True)
    created_at = models.DateTimeField(_("ingested"), auto_now_add=True)
    # Indexed: the queue's cache reads its latest value (claims.selectors.queue_version).
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "url"],
                condition=~Q(url=""),
                name="article_unique_url_per_outlet",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def original_url(self) -> str:
        """Where the article was published: its canonical URL, else the URL it came from."""
        return self.canonical_url or self.url

    @property
    def current_revision(self) -> ArticleRevision | None:
        """The latest revision: the article's text as it stands (one query per use)."""
        return self.revisions.current()


class RevisionQuerySet(models.QuerySet["ArticleRevision"]):
    def current(self) -> ArticleRevision | None:
        """The latest of these revisions; of one article's, its current text."""
        return self.order_by("-number").first()


class ArticleRevision(models.Model):
    """The text of an article as it stood at one ingestion; never changed afterwards."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=500)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    modified_at = models.DateTimeField(_("updated"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8)
    body = models.TextField(_("body"))
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True)
    source = models.CharField(_("source"), max_length=2000, blank=True)
    named_canonical_url = models.CharField(
        _("canonical URL the page names"),
        max_length=2000,
        blank=True,
        help_text=_(
            "The canonical address the page named when it lies on another site than the page "
            "came from: kept as what the page says, never used as the article's address."
        ),
    )
    flagged = models.BooleanField(
        _("flagged for an editor"),
        default=False,
        db_index=True,
        help_text=_(
            "This revision replaced most of the article's text and reviewed work left it; "
            "an editor checks it and clears the flag."
        ),
    )
    flag_reason = models.CharField(_("why flagged"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("ingested"), auto_now_add=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (r{self.number})"


class Feed(models.Model):
    """An RSS or Atom feed polled for new articles."""

    url = models.URLField(_("feed URL"), max_length=2000, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("outlet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feeds",
    )
    active = models.BooleanField(_("polled"), default=True)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["url"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")

    def __str__(self) -> str:
        return self.title or self.url


class FeedEntry(models.Model):
    """An entry seen in a feed; each is ingested once."""

    feed = models.ForeignKey(
        Feed, verbose_name=_("feed"), on_delete=models.CASCADE, related_name="entries"
    )
    guid = models.CharField(_("entry id"), max_length=500)
    url = models.URLField(_("URL"), max_length=2000)
    title = models.CharField(_("title"), max_length=500, blank=True)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    error = models.CharField(_("error"), max_length=500, blank=True)
    seen_at = models.DateTimeField(_("seen"), auto_now_add=True)

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = _("feed entry")
        verbose_name_plural = _("feed entries")
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="feed_entry_unique_guid"),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class JobSourceKind(models.TextChoices):
    """What an ingest job's source holds, so a worker runs the matching entry.

    A file path is no kind: jobs come from the web, and only the command line reads files.
    """

    URL = "url", _("web address")


class IngestJob(models.Model):
    """Ingestion work queued for a background worker, polled through the API."""

    Kind = JobSourceKind

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(
        _("kind of source"), max_length=10, choices=Kind.choices, default=Kind.URL
    )
    source = models.CharField(_("source"), max_length=2000)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.CharField(_("error"), max_length=1000, blank=True)
    article_ids = models.JSONField(_("articles"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # While running: the time by which the worker must renew the lease, or the job is
    # taken for lost (its worker killed) and queued again.
    lease_expires_at = models.DateTimeField(_("lease expires"), null=True, blank=True)
    requeues = models.PositiveSmallIntegerField(_("times queued again"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ingest job")
        verbose_name_plural = _("ingest jobs")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=JobSourceKind.values), name="ingest_job_kind_vocabulary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_state_display()})"
