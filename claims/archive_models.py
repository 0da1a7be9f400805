"""The source archive's model: each fetch of a cited source's page (``claims.archiving``).
Part of the claims app's models (``claims.models`` imports it)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceArchiveQuerySet(models.QuerySet["SourceArchive"]):
    def versions(self) -> SourceArchiveQuerySet:
        """Archived copies of the page (fetches that failed left out)."""
        return self.exclude(sha256="")


class SourceArchive(models.Model):
    """What the archive keeps of a source's page: each version of it (its WARC record in the
    "archives" storage, and its text), and the first failure to reach it after a success.

    A re-fetch that finds the same text only moves ``checked_at``; a changed text becomes a
    new version with its ``diff`` from the one before, and the one before gets
    ``changed_since``; a page that no longer answers gets ``vanished_at`` on its last
    version (cleared when it answers again) and a failure row with the status and reason.
    ``corroboration`` is the claim's figures and the excerpt looked for in ``text``
    (``claims.evidence.Corroboration.as_dict()``).
    """

    source = models.ForeignKey(
        "claims.Source",
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        related_name="archives",
    )
    fetched_at = models.DateTimeField(_("fetched"), db_index=True)
    checked_at = models.DateTimeField(_("last checked"))
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("why it could not be fetched"), max_length=500, blank=True)
    transient = models.BooleanField(
        _("worth another try"),
        default=False,
        help_text=_("The fetch failed in a way that may pass (a timeout, a server error)."),
    )
    final_url = models.URLField(_("final URL"), max_length=2000, blank=True)
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    size = models.PositiveIntegerField(_("bytes"), default=0)
    warc_path = models.CharField(_("WARC record"), max_length=500, blank=True)
    text = models.TextField(_("archived text"), blank=True)
    text_note = models.CharField(_("text note"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    diff = models.TextField(_("changes from the previous version"), blank=True)
    changed_since = models.DateTimeField(_("changed since"), null=True, blank=True)
    vanished_at = models.DateTimeField(_("vanished"), null=True, blank=True)
    corroboration = models.JSONField(_("corroboration"), default=dict, blank=True)

    objects = SourceArchiveQuerySet.as_manager()

    class Meta:
        ordering = ["fetched_at", "id"]
        verbose_name = _("source archive")
        verbose_name_plural = _("source archives")

    def __str__(self) -> str:
        what = self.sha256[:12] if self.sha256 else f"unreachable ({self.status or self.error})"
        return f"{self.source_id} {self.fetched_at:%Y-%m-%d %H:%M} {what}"

    @property
    def is_version(self) -> bool:
        """An archived copy (not a failure to fetch)."""
        return bool(self.sha256)

    def as_api(self) -> dict[str, Any]:
        """The API's ``archive`` object of a source (PRODUCT.md section 9)."""
        return {
            "sha256": self.sha256,
            "fetched_at": self.fetched_at,
            "status": self.status,
            "final_url": self.final_url,
            "changed_since": self.changed_since,
            "vanished_at": self.vanished_at,
        }
