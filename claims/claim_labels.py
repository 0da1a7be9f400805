"""The desk's decisions as claim labels, for retraining the claim model on the desk's own news
(``manage.py export_claim_labels``; ``bench/desk_labels.py`` reads them into the trainer).

Every dismissal is a reviewer saying "this is not a claim" (the form asks why not), every
verdict and every claim a reviewer added says "this is one": the extractor's precision and
recall errors, labelled in context by the people who know the desk's idea of a claim. A claim
nobody has decided on says nothing, nor does a duplicate merged into another (a claim, but the
merge says so of its wording, not of its sentence), nor a dismissal later undone.

The output is JSON Lines: a ``revision`` line (the revision's id, its article, language and
body) before the first ``label`` line of that revision, then one ``label`` line a decided claim
(its id, its span in that body and the text there, ``claim`` true or false, how it was
decided: ``dismissed``, ``verdict`` or ``added``, the claim's status, the dismissal's
reason, the extractor's kind and score). An "unverifiable" verdict labels a claim: the desk
found no source that settles it, which says nothing against its being checkable (a line
that cannot be checked at all is dismissed); its status is in the line for a trainer that
would rather leave such claims out. The bodies are the desk's own articles: the file is for
the desk's training machine, not for publishing.

Reads are batched: the decided claims in keyset batches of ``BATCH``, and the bodies of each
batch's revisions not yet written in one query, so the queries grow with the batches, never
with the claims or the articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from articles.models import ArticleRevision
from claims.models import Claim, ClaimEvent, ClaimOrigin, ClaimStatus

BATCH = 2000
VERDICT_STATUSES = (
    ClaimStatus.VERIFIED,
    ClaimStatus.DISPUTED,
    ClaimStatus.UNVERIFIABLE,
    ClaimStatus.CONTESTED,
)
FIELDS = ("pk", "revision_id", "start", "end", "status", "origin", "dismissed_reason", "kind")


def decided_claims(language: str | None = None) -> QuerySet[Claim]:
    """The claims a reviewer decided on: dismissed (the last removal a dismissal, not a
    merge), with a verdict, or added by a reviewer; of one language when given."""
    last_removal = (
        ClaimEvent.objects.filter(
            claim=OuterRef("pk"),
            action__in=[ClaimEvent.Action.DISMISSED, ClaimEvent.Action.MERGED],
        )
        .order_by("-pk")
        .values("action")[:1]
    )
    claims = Claim.objects.annotate(last_removal=Subquery(last_removal)).filter(
        Q(status=ClaimStatus.DISMISSED, last_removal=ClaimEvent.Action.DISMISSED)
        | Q(status__in=VERDICT_STATUSES)
        | (Q(origin=ClaimOrigin.REVIEWER) & ~Q(status=ClaimStatus.DISMISSED))
    )
    if language:
        claims = claims.filter(revision__language=language)
    return claims


def _label(row: dict[str, Any], body: str) -> dict[str, Any]:
    dismissed = row["status"] == ClaimStatus.DISMISSED
    if dismissed:
        decided = "dismissed"
    elif row["status"] in VERDICT_STATUSES:
        decided = "verdict"
    else:
        decided = "added"
    return {
        "type": "label",
        "revision": row["revision_id"],
        "claim_id": row["pk"],
        "start": row["start"],
        "end": row["end"],
        "text": body[row["start"] : row["end"]],
        "claim": not dismissed,
        "decided": decided,
        "status": row["status"],
        "reason": row["dismissed_reason"] if dismissed else "",
        "kind": row["kind"],
        "origin": row["origin"],
        "score": row["score"],
    }


def label_lines(language: str | None = None) -> Iterator[dict[str, Any]]:
    """The ``revision`` and ``label`` records of the decided claims, revision by revision."""
    rows = decided_claims(language).order_by("revision_id", "start", "pk")
    bodies: dict[int, str] = {}
    after: tuple[int, int, int] | None = None
    while True:
        batch = rows
        if after is not None:
            last_revision, start, pk = after
            batch = batch.filter(
                Q(revision_id__gt=last_revision)
                | Q(revision_id=last_revision, start__gt=start)
                | Q(revision_id=last_revision, start=start, pk__gt=pk)
            )
        found = list(batch.values(*FIELDS, "score")[:BATCH])
        if not found:
            return
        wanted = {row["revision_id"] for row in found} - set(bodies)
        revisions = ArticleRevision.objects.filter(pk__in=wanted).values(
            "pk", "article_id", "language", "body"
        )
        fresh = {r["pk"]: r for r in revisions}
        for row in found:
            revision = fresh.pop(row["revision_id"], None)
            if revision is not None:
                bodies = {row["revision_id"]: revision["body"]}  # ordered: one body at a time
                yield {
                    "type": "revision",
                    "revision": revision["pk"],
                    "article": revision["article_id"],
                    "language": revision["language"],
                    "body": revision["body"],
                }
            yield _label(row, bodies[row["revision_id"]])
        last = found[-1]
        after = (last["revision_id"], last["start"], last["pk"])
