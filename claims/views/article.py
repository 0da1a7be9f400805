"""An article's page: its text with every claim highlighted in place, and adding a claim."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article, ArticleRevision, Outlet
from claims import blind, roles
from claims.article_text import ArticleClaim, article_text
from claims.forms import AddClaimForm
from claims.models import Claim, ClaimStatus
from claims.services import claim_add
from claims.views.common import (
    CSRF_MARK,
    UNPROCESSABLE,
    cached_part,
    error_messages,
    htmx_redirect,
    is_htmx,
    role_required,
)
from claims.views.queue import queue_url


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int
    claim: ArticleClaim | None = None


def segments_of(body: str, claims: list[ArticleClaim]) -> list[Segment]:
    """The body cut into plain text and claims, in order; overlapping claims are skipped."""
    out: list[Segment] = []
    at = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.start < at or claim.end > len(body) or body[claim.start : claim.end] != claim.text:
            continue
        if claim.start > at:
            out.append(Segment(body[at : claim.start], at))
        out.append(Segment(claim.text, claim.start, claim))
        at = claim.end
    if at < len(body):
        out.append(Segment(body[at:], at))
    return out


def article_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    """What the article page shows (the claim panel adds to it when opened without htmx)."""
    text = article_text(article)
    revision, claims = text.revision, text.claims
    in_revision = [c for c in claims if revision and c.revision_id == revision.pk]
    segments = segments_of(revision.body, in_revision) if revision else []
    placed = {s.claim.pk for s in segments if s.claim}
    blind.mask_claims(request.user, claims)  # display only: a blind reviewer's statuses
    tally = Counter(c.status for c in claims)
    shown = [*ClaimStatus.values, blind.IN_REVIEW] if tally[blind.IN_REVIEW] else ClaimStatus.values
    return {
        "status_counts": [(value, tally.get(value, 0)) for value in shown],
        "article": article,
        "revision": revision,
        "flagged_revisions": _flagged_revisions(article),
        "segments": segments,
        "claims": claims,
        "unplaced": [c for c in claims if c.pk not in placed],
        "add_form": AddClaimForm(),
        "can_review": roles.can_review(request.user),
        "can_settle": roles.can_settle(request.user),
        "queue_url": queue_url(request),
    }


def _flagged_revisions(article: Article) -> list[int]:
    """The numbers of the article's revisions flagged for an editor (none without a query
    when the article was loaded with its version, which counts them)."""
    if getattr(article, "page_flagged", None) == 0:
        return []
    flagged = article.revisions.filter(flagged=True).order_by("number")
    return list(flagged.values_list("number", flat=True))


# The article page below the header is cached whole, keyed on what it shows: the article's
# fields as loaded, its claims' last change (``updated_at``: verdicts, dismissals, span
# changes, claims gone; the newest claim and their number: claims added or deleted), its
# revisions (the newest, and how many are flagged: an editor clears a flag), the interface
# language, the role, the editor's admin link, the URL ("← Queue" keeps the queue's filters)
# and, for a reviewer whom blind review may keep from some claims, the user (claims.blind).
# Loading the version is part of the article's own query. The CSRF token goes in per request.
ARTICLE_CACHE_SECONDS = 300


def _article_page_sql() -> str:
    """The article with its outlet's name and what its page's cache key needs from its
    claims and revisions, in one query (the article's id a parameter). Written as SQL, the
    names taken from the models: built with the ORM (select_related and the subqueries as
    expressions) it took 0.5 to 0.9 ms of CPU per request, against 0.25."""
    quote = connection.ops.quote_name
    article, outlet, claim, revision = (
        model._meta for model in (Article, Outlet, Claim, ArticleRevision)
    )

    def column(meta: Any, name: str) -> str:
        return f"{quote(meta.db_table)}.{quote(meta.get_field(name).column)}"

    article_id = column(article, "id")
    of_claims = f"FROM {quote(claim.db_table)} WHERE {column(claim, 'article')} = {article_id}"
    of_revisions = (
        f"FROM {quote(revision.db_table)} WHERE {column(revision, 'article')} = {article_id}"
    )
    version = {
        # The claims' last change, newest claim and number, as one string.
        "page_claims": f"SELECT CAST(max({column(claim, 'updated_at')}) AS TEXT) || ' ' ||"
        f" CAST(max({column(claim, 'id')}) AS TEXT) || ' ' || CAST(count(*) AS TEXT) {of_claims}",
        "page_revision": f"SELECT max({column(revision, 'number')}) {of_revisions}",
        "page_flagged": f"SELECT count(*) {of_revisions} AND {column(revision, 'flagged')}",
    }
    selected = [
        f"{quote(article.db_table)}.*",
        f"{column(outlet, 'name')} AS page_outlet_name",
        *(f"({sql}) AS {name}" for name, sql in version.items()),
    ]
    joined = f"{quote(outlet.db_table)} ON {column(outlet, 'id')} = {column(article, 'outlet')}"
    return (
        f"SELECT {', '.join(selected)} FROM {quote(article.db_table)}"  # noqa: S608
        f" LEFT JOIN {joined} WHERE {article_id} = %s"
    )


def article_with_version(pk: int) -> Article:
    """The article (404 if none) with its outlet's name and what its page's cache key needs
    (``page_claims``, ``page_revision``, ``page_flagged``)."""
    article = next(iter(Article.objects.raw(_article_page_sql(), [pk])), None)
    if article is None:
        raise Http404
    # The outlet as the page shows it: its name (other fields load if asked for).
    name = article.page_outlet_name  # type: ignore[attr-defined]
    if article.outlet_id is not None:
        article.outlet = Outlet.from_db(
            article._state.db, ["id", "name"], [article.outlet_id, name]
        )
    return article


def _article_cache_key(request: HttpRequest, article: Article) -> list[str]:
    user = request.user
    fields = [
        getattr(article, name)
        for name in (
            "pk",
            "title",
            "authors",
            "published_at",
            "modified_at",
            "language",
            "original_url",
            "page_claims",
            "page_revision",
            "page_flagged",
        )
    ]
    return [
        *map(repr, fields),
        repr(article.outlet.name if article.outlet else None),
        get_language() or "",
        repr((roles.can_review(user), roles.can_settle(user))),
        repr(user.is_staff and user.has_perm("articles.change_article")),
        str(user.pk if blind.kept_blind(user) else ""),
    ]


def article_main(request: HttpRequest, article: Article) -> SafeString:
    """The article with its claims in place, from the cache when it holds this version of
    it (``article`` loaded by ``article_with_version``). The article page and a claim's page
    opened without htmx share it: the part takes only "← Queue"'s filters from the URL."""
    key = _article_cache_key(request, article)

    def build() -> str:
        context = article_context(request, article) | {"csrf_mark": CSRF_MARK}
        return render_to_string("claims/_article_main.html", context, request=request)

    # The CSRF token goes in the add-claim form (reviewers and editors).
    part = cached_part(
        request, "article", key, ARTICLE_CACHE_SECONDS, build, where=queue_url(request)
    )
    return SafeString(part)


@require_GET
@role_required(roles.can_view)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_with_version(pk)
    page = {"article": article, "article_main": article_main(request, article)}
    return render(request, "claims/article.html", page)


@require_POST
@role_required(roles.can_review)
def article_add_claim(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_outlet(), pk=pk)
    form = AddClaimForm(request.POST)
    context = article_context(request, article)
    if not form.is_valid():
        context |= {"add_form": form}
        return render(request, "claims/article.html", context, status=UNPROCESSABLE)
    revision = context["revision"]
    span = form.span_in(revision.body) if revision else None
    try:
        if span is None:
            raise ValidationError({"text": _("That text is not in the article.")})
        claim = claim_add(
            article=article,
            actor=request.user,
            start=span[0],
            end=span[1],
            kind=form.cleaned_data["kind"],
        )
    except ValidationError as error:
        context |= {"add_form": form, "add_errors": error_messages(error)}
        return render(request, "claims/article.html", context, status=UNPROCESSABLE)
    if is_htmx(request):
        return htmx_redirect(claim.get_absolute_url())
    return HttpResponseRedirect(claim.get_absolute_url())
