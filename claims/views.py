"""The review interface: thin views that authorize, parse, call a service and render.

Every view that answers an htmx request returns a named partial (the claim panel), with
the claim's highlight in the article swapped out of band, so the page updates in place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article, ArticleRevision, Outlet
from claims import roles
from claims.forms import (
    AddClaimForm,
    AssignForm,
    DismissForm,
    IngestForm,
    MergeForm,
    QueueFilterForm,
    SourceFormSet,
    SpanForm,
    VerdictForm,
    sources_from,
)
from claims.models import Claim, ClaimEvent, ClaimStatus, Verdict
from claims.services import (
    claim_add,
    claim_adjust_span,
    claim_assign,
    claim_dismiss,
    claim_merge,
    claim_record_verdict,
    claim_restore,
)
from claims.templatetags.claimdesk import claim_mark

PAGE_SIZE = 50
UNPROCESSABLE = 422
View = Callable[..., HttpResponse]


def role_required(check: Callable[[Any], bool]) -> Callable[[View], View]:
    """Anonymous users go to sign in; signed-in users without the role get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                if _is_htmx(request):
                    # Signed out mid-review: refuse without swapping anything, so what the
                    # reviewer typed stays on the page (the page says what happened).
                    return HttpResponse(status=401)
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _reviewer_choices() -> list[tuple[int, str]]:
    users = (
        get_user_model()
        .objects.filter(groups__name__in=[roles.REVIEWER, roles.EDITOR], is_active=True)
        .distinct()
        .order_by("username")
        .values_list("id", "username")
    )
    return list(users)


# --- The queue ---------------------------------------------------------------------------


def _filtered(form: QueueFilterForm, user: Any) -> tuple[Any, Any]:
    """The current claims matching the filters, with and without the status filter."""
    claims = Claim.objects.current()
    if not form.is_valid():
        return claims, claims
    data = form.cleaned_data
    if data["q"]:
        claims = claims.filter(text__icontains=data["q"])
    if data["kind"]:
        claims = claims.filter(kind=data["kind"])
    if data["outlet"]:
        claims = claims.filter(article__outlet_id=data["outlet"])
    if data["language"]:
        claims = claims.filter(article__language=data["language"])
    if data["since"]:
        claims = claims.filter(article__published_at__date__gte=data["since"])
    if data["until"]:
        claims = claims.filter(article__published_at__date__lte=data["until"])
    if data["reviewer"]:
        reviewed = Verdict.objects.filter(claim=OuterRef("pk"), reviewer_id=data["reviewer"])
        claims = claims.filter(Exists(reviewed))
    if data["mine"]:
        claims = claims.filter(assigned_to=user)
    with_status = claims.filter(status=data["status"]) if data["status"] else claims
    return with_status, claims


def _after(raw: str) -> Q | None:
    """Keyset position "score:id": the rows after it in (-score, -id) order."""
    try:
        score_text, id_text = raw.split(":", 1)
        score, pk = float(score_text), int(id_text)
    except ValueError:
        return None
    return Q(score__lt=score) | Q(score=score, id__lt=pk)


@require_GET
@role_required(roles.can_view)
def queue(request: HttpRequest) -> HttpResponse:
    reviewers = _reviewer_choices()
    form = QueueFilterForm(
        request.GET or None,
        outlets=list(Outlet.objects.order_by("name").values_list("id", "name")),
        reviewers=reviewers,
    )
    claims, unfiltered_status = _filtered(form, request.user)
    counts = dict(
        unfiltered_status.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    position = _after(request.GET.get("after", ""))
    page_qs = claims.select_related("article", "article__outlet", "assigned_to").order_by(
        "-score", "-id"
    )
    if position is not None:
        page_qs = page_qs.filter(position)
    rows = list(page_qs[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    params = request.GET.copy()
    params.pop("after", None)
    next_query = ""
    if more:
        params["after"] = f"{rows[-1].score!r}:{rows[-1].pk}"
        next_query = params.urlencode()
    status_params = request.GET.copy()
    for key in ("after", "status"):
        status_params.pop(key, None)
    statuses = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "query": _with(status_params, status=value),
        }
        for value, label in ClaimStatus.choices
    ]
    return render(
        request,
        "claims/queue.html",
        {
            "form": form,
            "claims": rows,
            "statuses": statuses,
            "total": sum(counts.values()),
            "all_query": status_params.urlencode(),
            "next_query": next_query,
            "paged": position is not None,
            "first_query": params.urlencode() if position is not None else "",
            "can_settle": roles.can_settle(request.user),
            "assign_form": AssignForm(reviewers=reviewers),
        },
    )


@require_POST
@role_required(roles.can_settle)
def queue_assign(request: HttpRequest) -> HttpResponse:
    """An editor assigns the claims ticked in the queue to one reviewer (or to nobody)."""
    form = AssignForm(request.POST, reviewers=_reviewer_choices())
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("claims:queue")
    if not form.is_valid():
        return HttpResponseRedirect(back)
    ids = [int(v) for v in request.POST.getlist("claim") if v.isdigit()][:PAGE_SIZE]
    assignee_id = form.cleaned_data["assignee"]
    assignee = get_user_model().objects.get(pk=assignee_id) if assignee_id else None
    for claim in Claim.objects.filter(pk__in=ids):
        claim_assign(claim=claim, actor=request.user, assignee=assignee)
    return HttpResponseRedirect(back)


def _with(params: Any, **values: str) -> str:
    copy = params.copy()
    for key, value in values.items():
        copy[key] = value
    return str(copy.urlencode())


# --- The article view and the claim panel ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int
    claim: Claim | None = None


def segments_of(body: str, claims: list[Claim]) -> list[Segment]:
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


def _article_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    revision = (
        ArticleRevision.objects.filter(article=article)
        .order_by("-number")
        .only("id", "number", "body", "article_id")
    ).first()
    claims = list(
        Claim.objects.current()
        .filter(article=article)
        .order_by("start", "id")
        .only("id", "text", "start", "end", "status", "kind", "revision_id", "article_id")
    )
    in_revision = [c for c in claims if revision and c.revision_id == revision.pk]
    segments = segments_of(revision.body, in_revision) if revision else []
    placed = {s.claim.pk for s in segments if s.claim}
    tally = Counter(c.status for c in claims)
    return {
        "status_counts": [(value, tally.get(value, 0)) for value in ClaimStatus.values],
        "article": article,
        "revision": revision,
        "segments": segments,
        "claims": claims,
        "unplaced": [c for c in claims if c.pk not in placed],
        "add_form": AddClaimForm(),
        "can_review": roles.can_review(request.user),
        "can_settle": roles.can_settle(request.user),
    }


@require_GET
@role_required(roles.can_view)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_outlet(), pk=pk)
    return render(request, "claims/article.html", _article_context(request, article))


def _panel_claim(pk: int) -> Claim:
    return get_object_or_404(
        Claim.objects.select_related(
            "article", "article__outlet", "revision", "assigned_to", "created_by"
        ),
        pk=pk,
    )


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: Any
    who: Any
    verdict: Verdict | None = None
    event: ClaimEvent | None = None


def _panel_context(
    request: HttpRequest,
    claim: Claim,
    *,
    verdict_form: VerdictForm | None = None,
    sources: Any = None,
    errors: list[str] | None = None,
    dismiss_form: DismissForm | None = None,
    span_form: SpanForm | None = None,
    merge_form: MergeForm | None = None,
) -> dict[str, Any]:
    verdicts = list(
        claim.verdicts.select_related("reviewer")
        .prefetch_related("sources")
        .order_by("created_at", "id")
    )
    events = list(claim.events.select_related("actor").order_by("created_at", "id"))
    opinions: dict[int, Verdict] = {}
    for verdict in verdicts:
        if verdict.settles:
            opinions = {}
        opinions[verdict.reviewer_id] = verdict
    history = sorted(
        [HistoryEntry(v.created_at, v.reviewer, verdict=v) for v in verdicts]
        + [HistoryEntry(e.created_at, e.actor, event=e) for e in events],
        key=lambda h: h.when,
        reverse=True,
    )
    can_settle = roles.can_settle(request.user)
    return {
        "claim": claim,
        "history": history,
        "opinions": list(opinions.values()),
        "verdict_form": verdict_form or VerdictForm(),
        "sources": sources or SourceFormSet(prefix="source"),
        "errors": errors or [],
        "dismiss_form": dismiss_form or DismissForm(),
        "span_form": span_form or SpanForm(initial={"start": claim.start, "end": claim.end}),
        "merge_form": merge_form or MergeForm(),
        "assign_form": AssignForm(
            initial={"assignee": claim.assigned_to_id},
            reviewers=_reviewer_choices() if can_settle else [],
        ),
        "can_review": roles.can_review(request.user),
        "can_settle": can_settle,
    }


def _panel_response(
    request: HttpRequest, claim: Claim, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The panel alone for htmx (plus the claim's highlight out of band), else the page."""
    context = _panel_context(request, claim, **extra)
    if _is_htmx(request):
        html = render_to_string("claims/_claim_panel.html", context, request=request) + str(
            claim_mark(claim, oob=True)
        )
        return HttpResponse(html, status=status)
    article = claim.article
    page = _article_context(request, article) | context
    return render(request, "claims/article.html", page, status=status)


@require_GET
@role_required(roles.can_view)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _panel_response(request, _panel_claim(pk))


def _done(request: HttpRequest, claim: Claim) -> HttpResponse:
    """After a successful write: the fresh panel for htmx, a redirect otherwise."""
    if _is_htmx(request):
        return _panel_response(request, _panel_claim(claim.pk))
    return HttpResponseRedirect(claim.get_absolute_url())


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


@require_POST
@role_required(roles.can_review)
def claim_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = VerdictForm(request.POST)
    sources = SourceFormSet(request.POST, prefix="source")
    if not (form.is_valid() and sources.is_valid()):
        return _panel_response(
            request, claim, status=UNPROCESSABLE, verdict_form=form, sources=sources
        )
    settles = form.cleaned_data["settles"]
    if settles and not roles.can_settle(request.user):
        raise PermissionDenied
    try:
        claim_record_verdict(
            claim=claim,
            reviewer=request.user,
            verdict=form.cleaned_data["verdict"],
            note=form.cleaned_data["note"],
            sources=sources_from(sources),
            settles=settles,
        )
    except ValidationError as error:
        return _panel_response(
            request,
            claim,
            status=UNPROCESSABLE,
            verdict_form=form,
            sources=sources,
            errors=_messages(error),
        )
    return _done(request, claim)


@require_POST
@role_required(roles.can_review)
def claim_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE, dismiss_form=form)
    try:
        claim_dismiss(claim=claim, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _panel_response(request, claim, status=UNPROCESSABLE, errors=_messages(error))
    return _done(request, claim)


@require_POST
@role_required(roles.can_review)
def claim_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    claim_restore(claim=claim, actor=request.user)
    return _done(request, claim)


@require_POST
@role_required(roles.can_review)
def claim_span(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = SpanForm(request.POST)
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE, span_form=form)
    try:
        claim_adjust_span(
            claim=claim,
            actor=request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    except ValidationError as error:
        return _panel_response(
            request, claim, status=UNPROCESSABLE, span_form=form, errors=_messages(error)
        )
    if _is_htmx(request):
        # The highlight moved: the whole article text must be drawn again.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = claim.get_absolute_url()
        return response
    return HttpResponseRedirect(claim.get_absolute_url())


@require_POST
@role_required(roles.can_settle)
def claim_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = AssignForm(request.POST, reviewers=_reviewer_choices())
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE)
    assignee_id = form.cleaned_data["assignee"]
    assignee = get_user_model().objects.get(pk=assignee_id) if assignee_id else None
    claim_assign(claim=claim, actor=request.user, assignee=assignee)
    return _done(request, claim)


@require_POST
@role_required(roles.can_settle)
def claim_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE, merge_form=form)
    into = Claim.objects.filter(pk=form.cleaned_data["into"]).first()
    if into is None:
        return _panel_response(
            request,
            claim,
            status=UNPROCESSABLE,
            merge_form=form,
            errors=[_("That claim does not exist.")],
        )
    try:
        claim_merge(duplicate=claim, into=into, actor=request.user)
    except ValidationError as error:
        return _panel_response(
            request, claim, status=UNPROCESSABLE, merge_form=form, errors=_messages(error)
        )
    return _done(request, claim)


@require_POST
@role_required(roles.can_review)
def article_add_claim(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_outlet(), pk=pk)
    form = AddClaimForm(request.POST)
    context = _article_context(request, article)
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
        context |= {"add_form": form, "add_errors": _messages(error)}
        return render(request, "claims/article.html", context, status=UNPROCESSABLE)
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = claim.get_absolute_url()
        return response
    return HttpResponseRedirect(claim.get_absolute_url())


# --- Ingest and dashboard -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(roles.can_review)
def ingest(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    from articles.parsing import ParseError, parse_document, parse_text
    from claims.jobs import ingest_job_queue, work_is_queued
    from claims.pipeline import IngestError, extract_parsed, ingest_source, store_extraction

    form = IngestForm(request.POST or None, request.FILES or None)
    outcome, error, job = None, "", None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["url"] and work_is_queued():
                job = ingest_job_queue(source=data["url"].strip(), user=request.user)
            elif data["url"]:
                outcome = ingest_source(data["url"].strip())
            elif data["text"]:
                source = "pasted text"
                try:
                    parsed = parse_text(
                        data["text"],
                        title=data["title"],
                        max_chars=settings.CLAIMDESK_MAX_BODY_CHARS,
                    )
                except ParseError as failure:
                    raise IngestError(source, str(failure)) from failure
                outcome = store_extraction(extract_parsed(parsed, source=source))
            else:
                upload = data["file"]
                if upload.size > settings.CLAIMDESK_MAX_DOCUMENT_BYTES:
                    raise IngestError(upload.name, _("The file is too large."))
                try:
                    parsed = parse_document(
                        upload.read(),
                        filename=upload.name,
                        max_bytes=settings.CLAIMDESK_MAX_DOCUMENT_BYTES,
                        max_chars=settings.CLAIMDESK_MAX_BODY_CHARS,
                    )
                except ParseError as failure:
                    raise IngestError(upload.name, str(failure)) from failure
                outcome = store_extraction(extract_parsed(parsed, source=upload.name))
        except IngestError as failure:
            error = _("%(source)s could not be ingested: %(reason)s") % {
                "source": failure.source,
                "reason": failure.reason,
            }
            status = UNPROCESSABLE
        if outcome is not None and not outcome.articles:
            error = _("No article was found in this source.")
            status = UNPROCESSABLE
    elif request.method == "POST":
        status = UNPROCESSABLE
    results = []
    if outcome is not None:
        for item in outcome.articles:
            results.append(
                {
                    "outcome": item,
                    "claims": list(
                        Claim.objects.current().filter(article=item.article).order_by("start")[:200]
                    ),
                }
            )
    return render(
        request,
        "claims/ingest.html",
        {"form": form, "error": error, "results": results, "job": job},
        status=status,
    )


@require_GET
@role_required(roles.can_review)
def ingest_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A queued ingestion's progress; the page polls it until the job is done or failed."""
    from articles.models import IngestJob

    job = get_object_or_404(IngestJob, pk=pk)
    articles = list(Article.objects.with_outlet().filter(pk__in=job.article_ids or []))
    return render(request, "claims/_ingest_job.html", {"job": job, "articles": articles})


CHART_DAYS = 30


@require_GET
@role_required(roles.can_view)
def dashboard(request: HttpRequest) -> HttpResponse:
    by_status = dict(
        Claim.objects.current().order_by().values_list("status").annotate(n=Count("id"))
    )
    statuses = [
        {"value": v, "label": label, "count": by_status.get(v, 0)}
        for v, label in ClaimStatus.choices
    ]
    by_outlet = list(
        Claim.objects.current()
        .order_by()
        .values("article__outlet__name")
        .annotate(
            total=Count("id"),
            reviewed=Count("id", filter=~Q(status=ClaimStatus.UNREVIEWED)),
        )
        .order_by("-total")[:20]
    )
    today = timezone.localdate()
    first = today - timedelta(days=CHART_DAYS - 1)
    per_day = dict(
        Verdict.objects.filter(created_at__date__gte=first)
        .order_by()
        .annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("id"))
    )
    days = [first + timedelta(days=i) for i in range(CHART_DAYS)]
    return render(
        request,
        "claims/dashboard.html",
        {
            "statuses": statuses,
            "total": sum(by_status.values()),
            "by_outlet": by_outlet,
            "chart": bar_chart([(d, per_day.get(d, 0)) for d in days]),
        },
    )


def bar_chart(points: list[tuple[Any, int]], *, width: int = 900, height: int = 200) -> dict:
    """Bars for a small SVG chart, computed here so the page needs no JavaScript."""
    top = max([n for _, n in points] + [1])
    gap, left, bottom = 2, 30, 20
    bar = (width - left) / max(len(points), 1)
    bars = []
    for i, (day, n) in enumerate(points):
        h = (height - bottom - 20) * n / top
        bars.append(
            {
                "x": round(left + i * bar + gap / 2, 1),
                "y": round(height - bottom - h, 1),
                "w": round(bar - gap, 1),
                "h": round(h, 1),
                "day": day,
                "n": n,
                "label": i % 5 == 0,
                "tx": round(left + i * bar + bar / 2, 1),
            }
        )
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "top": top,
        "base": height - bottom,
        "left": left,
        "total": sum(n for _, n in points),
    }
