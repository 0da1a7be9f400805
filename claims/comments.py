"""Comments on a claim: post, reply, edit (their author, for ten minutes), with ``@username``
mentions that notify the users they name. Comments are never deleted, by anyone: the
discussion is part of the claim's record, and its author corrects a slip by editing it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import blind
from claims.inbox_models import COMMENT_MAX_LENGTH, EDIT_WINDOW, Comment, NotificationKind
from claims.models import Claim, ClaimEvent
from claims.notifications import notify
from claims.selectors import HistoryEntry
from lib.mentions import mention_candidates, resolve_mentions
from lib.text import clean_typed_text


def claim_comments(claim: Claim) -> QuerySet[Comment]:
    """The claim's comments, oldest first, with their authors (one query)."""
    return Comment.objects.filter(claim=claim).select_related("author").order_by("created_at", "id")


def merged_here(claim: Claim, events: list[ClaimEvent] | None = None) -> list[int]:
    """The claims merged into ``claim`` and not restored or merged elsewhere since: their
    comments are shown with it (``claims.services.claim_merge`` moves the verdicts, not the
    discussion, which stays on the duplicate and so comes back with it on a restore).
    ``events`` are the claim's own if the caller has them (the panel's history); one query
    for them otherwise, and one more when any merge came in."""
    if events is None:
        events = list(ClaimEvent.objects.filter(claim=claim, action=ClaimEvent.Action.MERGED))
    froms = {
        e.detail["from"]
        for e in events
        if e.action == ClaimEvent.Action.MERGED and isinstance(e.detail.get("from"), int)
    }
    if not froms:
        return []
    latest: dict[int, ClaimEvent] = {}
    moves = (ClaimEvent.Action.MERGED, ClaimEvent.Action.RESTORED)
    rows = ClaimEvent.objects.filter(claim_id__in=froms, action__in=moves)
    for event in rows.order_by("created_at", "id").only("claim_id", "action", "detail"):
        latest[event.claim_id] = event
    return sorted(
        pk
        for pk, e in latest.items()
        if e.action == ClaimEvent.Action.MERGED and e.detail.get("into") == claim.pk
    )


def comment_threads(comments: list[Comment]) -> list[tuple[Comment, list[Comment]]]:
    """Comments as threads: each comment that starts one, with its replies, oldest first."""
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [(c, replies.get(c.pk, [])) for c in comments if c.parent_id is None]


def _checked_body(body: str) -> str:
    body = clean_typed_text(body).strip()
    if not body:
        raise ValidationError({"body": [_("Write the comment before posting it.")]})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "body": [
                    _(
                        "A comment holds at most %(max)s characters (this one has %(n)s): "
                        "shorten it."
                    )
                    % {"max": COMMENT_MAX_LENGTH, "n": len(body)}
                ]
            }
        )
    return body


def mentioned_users(body: str) -> list[Any]:
    """The active users ``body`` mentions by their exact username, in order (one query)."""
    candidates = mention_candidates(body)
    if not candidates:
        return []
    users = get_user_model().objects.filter(username__in=candidates, is_active=True)
    by_name = {u.get_username(): u for u in users}
    return [by_name[name] for name in resolve_mentions(body, set(by_name))]


def _thread_start(claim: Claim, parent: Comment | int | None) -> Comment | None:
    if parent is None:
        return None
    parent_id = parent.pk if isinstance(parent, Comment) else parent
    found = Comment.objects.filter(pk=parent_id, claim=claim).first()
    if found is None:
        raise ValidationError(
            {"parent": [_("The comment you reply to is not on this claim: reload the claim.")]}
        )
    # One level of replies: a reply to a reply joins the thread's first comment.
    return found.parent if found.parent_id is not None else found


@transaction.atomic
def comment_post(
    *, claim: Claim, author: Any, body: str, parent: Comment | int | None = None
) -> Comment:
    """Post a comment (a reply when ``parent`` is given); the users it mentions are notified."""
    body = _checked_body(body)
    users = mentioned_users(body)
    comment = Comment.objects.create(
        claim=claim,
        author=author,
        parent=_thread_start(claim, parent),
        body=body,
        mentions=[u.get_username() for u in users],
    )
    _notify_mentioned(comment, users, author)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, editor: Any, body: str) -> Comment:
    """Change a comment's text: its author only, within ``EDIT_WINDOW`` of posting. Users it
    newly mentions are notified; those mentioned before are not notified again."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.author_id != editor.pk:
        raise PermissionDenied(_("Only its author can edit a comment. Reply to it instead."))
    if timezone.now() - locked.created_at >= EDIT_WINDOW:
        raise PermissionDenied(
            _(
                "A comment can be edited for %(minutes)s minutes after posting; this one can "
                "no longer be changed. Reply to it to add a correction."
            )
            % {"minutes": int(EDIT_WINDOW.total_seconds() // 60)}
        )
    body = _checked_body(body)
    users = mentioned_users(body)
    before = set(locked.mentions)
    locked.body = body
    locked.mentions = [u.get_username() for u in users]
    locked.edited_at = timezone.now()
    locked.save(update_fields=["body", "mentions", "edited_at"])
    _notify_mentioned(locked, [u for u in users if u.get_username() not in before], editor)
    return locked


def _notify_mentioned(comment: Comment, users: list[Any], actor: Any) -> None:
    """Notify the users a comment mentions, with an excerpt of it, but for a user blind
    review keeps from the claim's other comments (claims.blind): theirs says only that they
    were mentioned, since the comment may tell what the hidden verdicts said."""
    kept = {u.pk for u in users if u.pk != comment.author_id and blind.hides(u, comment.claim)}
    told = [u.pk for u in users if u.pk not in kept]
    shown = {"comment": comment.pk, "excerpt": comment.body[:200]}
    for recipients, data in ((told, shown), (sorted(kept), {"comment": comment.pk, "blind": True})):
        if recipients:
            notify(
                recipients=recipients,
                kind=NotificationKind.MENTIONED,
                claim=comment.claim,
                actor=actor,
                data=data,
            )


# The panel ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PanelComments:
    threads: list[tuple[Comment, list[Comment]]]
    count: int
    editable: set[int]  # the ones the reader may still edit
    all: list[Comment]
    # The threads of each claim merged into this one, by that claim's id (read-only here).
    merged: list[tuple[int, list[tuple[Comment, list[Comment]]]]] = field(default_factory=list)

    def history(self, entries: list[HistoryEntry]) -> list[HistoryEntry]:
        """The claim's history with a line for each comment, newest first."""
        posted = [HistoryEntry(c.created_at, c.author, comment=c) for c in self.all]
        return sorted([*entries, *posted], key=lambda h: h.when, reverse=True)


def panel_comments(
    claim: Claim, user: Any, *, others_hidden: bool = False, merged: list[int] | None = None
) -> PanelComments:
    """What the claim's panel shows of its comments (one query), with those of the claims
    ``merged`` into it; only the reader's own when blind review hides the others'
    (claims.blind)."""
    ids = [claim.pk, *(merged or [])]
    rows = Comment.objects.filter(claim_id__in=ids).select_related("author")
    comments = list(rows.order_by("created_at", "id"))
    if others_hidden:
        comments = [c for c in comments if c.author_id == user.pk]
    own = [c for c in comments if c.claim_id == claim.pk]
    return PanelComments(
        threads=comment_threads(own),
        count=len(comments),
        editable={c.pk for c in own if c.editable_by(user)},
        all=comments,
        merged=[
            (pk, threads)
            for pk in merged or []
            if (threads := comment_threads([c for c in comments if c.claim_id == pk]))
        ],
    )
