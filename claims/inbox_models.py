"""Comments on claims and the notifications of the in-app inbox (``claims.comments``,
``claims.notifications``). Part of the claims app's models (``claims.models`` imports it)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A comment can be corrected by its author for this long after posting, then it stands.
EDIT_WINDOW = timedelta(minutes=10)
COMMENT_MAX_LENGTH = 4000


class Comment(models.Model):
    """A reviewer's remark on a claim, apart from the verdicts. One level of replies: a reply
    to a reply is filed under the comment that started the thread. Never deleted (the
    discussion is part of the claim's record); its author may edit it for ``EDIT_WINDOW``."""

    claim = models.ForeignKey(
        "claims.Claim", verbose_name=_("claim"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="claim_comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    # The usernames the body mentions that named active users when it was saved.
    mentions = models.JSONField(_("mentions"), default=list, blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["claim", "created_at"], name="comment_claim_idx")]

    def __str__(self) -> str:
        return self.body[:80]

    def editable_by(self, user: object) -> bool:
        """Its author, within ``EDIT_WINDOW`` of posting."""
        return (
            getattr(user, "pk", None) == self.author_id
            and timezone.now() - self.created_at < EDIT_WINDOW
        )


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("assigned to you")
    MENTIONED = "mentioned", _("mentioned you")
    CONTESTED = "contested", _("became contested")
    SETTLED = "settled", _("settled by an editor")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something on the desk that concerns one user, in their inbox until they read it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    claim = models.ForeignKey(
        "claims.Claim",
        verbose_name=_("claim"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_vocabulary"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.claim_id}"


class InboxSettings(models.Model):
    """A user's choices for their notifications: e-mail (off until they turn it on), in the
    language they used when they turned it on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="inbox_settings",
    )
    email = models.BooleanField(_("send notifications by e-mail"), default=False)
    language = models.CharField(_("language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("inbox settings")
        verbose_name_plural = _("inbox settings")

    def __str__(self) -> str:
        return str(self.user)
