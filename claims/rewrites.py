"""Rewrites: a new revision that replaces most of an article's text, taking reviewed claims
with it, is flagged for an editor rather than dropping their verdicts without a word.

Called by ``claims.pipeline`` when it stores a new revision's claims.
"""

from __future__ import annotations

import logging

from articles.diff import replaced_share
from articles.models import Article, ArticleRevision
from claims.models import Claim, ClaimStatus

log = logging.getLogger(__name__)

# A new revision that leaves out more than this share of the previous text (by characters
# of its sentences) is a rewrite, not a correction: when reviewed claims leave with it, the
# revision is flagged for an editor instead of the verdicts quietly dropping out.
REWRITE_SHARE = 0.5


def flag_rewrite(article: Article, revision: ArticleRevision, leaving: list[Claim]) -> set[int]:
    """Flag a revision that replaced most of the text and took reviewed claims with it.

    Returns the ids of the reviewed claims that left (their events say "flagged"), or
    nothing when the revision is no such rewrite.
    """
    reviewed = [c for c in leaving if c.status != ClaimStatus.UNREVIEWED]
    if not reviewed:
        return set()
    previous = (
        ArticleRevision.objects.filter(article=article, number__lt=revision.number)
        .order_by("-number")
        .values_list("body", flat=True)
        .first()
    )
    share = replaced_share(previous or "", revision.body)
    if previous is None or share <= REWRITE_SHARE:
        return set()
    revision.flagged = True
    revision.flag_reason = (
        f"{share:.0%} of the previous text was replaced; {len(reviewed)} reviewed "
        f"claim(s) left the article with it"
    )[:500]
    revision.save(update_fields=["flagged", "flag_reason"])
    log.warning(
        "article %s revision %s flagged for an editor: %s",
        article.pk,
        revision.number,
        revision.flag_reason,
    )
    return {c.pk for c in reviewed}
