"""Input serializers validate what clients send; output serializers document what they get.

Responses are built as plain records by claims.exports (lean: no per-object serializer
work on the hot path); the output serializers here describe those records for the
OpenAPI schema, and the contract tests hold the two together.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from claims.api.fields import CleanLineField, CleanTextField
from claims.models import ClaimKind, ClaimStatus, Priority, Stance, VerdictChoice
from claims.scales import active_scale, scale_grades
from claims.services import SourceInput
from lib.urls import URLError, clean_http_url

# Input -------------------------------------------------------------------------------


def checked_url(value: str, *, what: str) -> str:
    """``value`` when ``lib.urls`` accepts it; otherwise a field error naming the problem."""
    try:
        return clean_http_url(value)
    except URLError as error:
        if error.code == "scheme":
            message = f"Give {what} web address starting with http:// or https://."
        else:
            message = f"This web address cannot be used: {error.reason}."
        raise serializers.ValidationError(message) from None


class SourceInputSerializer(serializers.Serializer[Any]):
    url = serializers.CharField(max_length=2000, help_text="http(s) URL of the source.")
    title = CleanLineField(max_length=500, required=False, allow_blank=True, default="")
    publisher = CleanLineField(max_length=200, required=False, allow_blank=True, default="")
    excerpt = CleanTextField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The quoted passage that supports the verdict.",
    )
    stance = serializers.ChoiceField(
        choices=Stance.choices,
        required=False,
        help_text="Defaults to the verdict's: supports for verified, refutes for disputed, "
        "context for unverifiable.",
    )
    accessed_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Defaults to now."
    )

    def validate_url(self, value: str) -> str:
        return checked_url(value, what="the source's")


MAX_SOURCES = 20


class VerdictInputSerializer(serializers.Serializer[Any]):
    """A reviewer's verdict. A verified or disputed verdict needs a source: at least one
    item in `sources`, with an http(s) `url` (400 without). An unverifiable verdict may
    have none."""

    verdict = serializers.ChoiceField(
        choices=VerdictChoice.choices,
        required=False,
        help_text="verified and disputed need at least one source; unverifiable does not. "
        "Give `verdict` or `grade` (or both, in agreement).",
    )
    grade = serializers.CharField(
        required=False,
        max_length=40,
        help_text="A grade code of the desk's rating scale in place of `verdict`, e.g. "
        "`mostly_false` on the SNU FactCheck scale; the verdict is the status it maps to "
        "(an unknown grade is a 400 listing the scale's codes).",
    )
    note = CleanTextField(required=False, allow_blank=True, default="", max_length=10000)
    sources = SourceInputSerializer(  # type: ignore[call-arg]
        many=True,
        required=False,
        default=list,
        max_length=MAX_SOURCES,
        help_text="Required (at least one) for a verified or disputed verdict.",
    )
    settles = serializers.BooleanField(
        required=False,
        default=False,
        help_text="An editor's verdict that settles a contested claim (editors only).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """``grade`` becomes the desk scale's grade and ``verdict`` its status."""
        code, verdict = attrs.get("grade"), attrs.get("verdict")
        if code is None:
            if verdict is None:
                raise serializers.ValidationError(
                    {"verdict": "Give a verdict (verified, disputed or unverifiable) or a grade."}
                )
            return attrs
        scale = active_scale()
        grade = next((g for g in scale_grades(scale) if g.code == code), None)
        if grade is None:
            raise serializers.ValidationError(
                {
                    "grade": f"Unknown grade {code!r}: the desk's scale ({scale.name}) has "
                    + ", ".join(g.code for g in scale_grades(scale))
                    + "."
                }
            )
        if verdict is not None and verdict != grade.verdict:
            raise serializers.ValidationError(
                {
                    "grade": f"The grade {code!r} gives {grade.verdict}, not {verdict}: send one "
                    "of them, or both in agreement."
                }
            )
        return {**attrs, "grade": grade, "verdict": grade.verdict}

    def source_inputs(self) -> list[SourceInput]:
        return [SourceInput(**item) for item in self.validated_data["sources"]]


class ArticleInputSerializer(serializers.Serializer[Any]):
    """Exactly one of ``url``, ``html`` or ``text``; ``url`` may accompany ``html``.

    The schema documents it as ``oneOf`` the three forms below (the view validates with
    this one serializer, so that a request mixing them gets one clear message).
    """

    url = serializers.CharField(
        required=False, max_length=2000, help_text="Page to fetch, or the address of `html`."
    )
    html = serializers.CharField(required=False, trim_whitespace=False)
    text = serializers.CharField(required=False, trim_whitespace=False)
    title = CleanLineField(
        required=False, allow_blank=True, default="", max_length=500, help_text="For `text`."
    )

    def validate_url(self, value: str) -> str:
        return checked_url(value, what="the article's")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [name for name in ("html", "text") if attrs.get(name) is not None]
        if len(given) > 1:
            raise serializers.ValidationError("Send either html or text, not both.")
        if not given and not attrs.get("url"):
            raise serializers.ValidationError(
                "Send one of: url (a page to fetch), html (a page's source) or text."
            )
        if "text" in given and attrs.get("url"):
            raise serializers.ValidationError("url goes with html or alone, not with text.")
        return attrs


class UrlIngestSerializer(serializers.Serializer[Any]):
    """A page to fetch."""

    url = serializers.CharField(max_length=2000, help_text="http(s) address of the page.")


class HtmlIngestSerializer(serializers.Serializer[Any]):
    """A page's HTML as sent, with the address it came from when known."""

    html = serializers.CharField(trim_whitespace=False)
    url = serializers.CharField(
        required=False, max_length=2000, help_text="Where the HTML came from, if known."
    )


class TextIngestSerializer(serializers.Serializer[Any]):
    """Plain article text, with its title."""

    text = serializers.CharField(trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


# Output ------------------------------------------------------------------------------


class ArticleRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    outlet = serializers.CharField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField()


CORROBORATION_STATES = ["pending", "found", "found_derived", "not_found", "unreachable"]
JOB_STATES = ["queued", "running", "done", "failed"]


class FigureCorroborationSerializer(serializers.Serializer[Any]):
    figure = serializers.CharField(help_text="The figure as the claim prints it.")
    value = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    state = serializers.ChoiceField(choices=CORROBORATION_STATES)
    passage = serializers.CharField(
        allow_blank=True, help_text="The passage of the archived text that holds it."
    )
    start = serializers.IntegerField(
        allow_null=True, help_text="The passage's offsets in the archived text."
    )
    end = serializers.IntegerField(allow_null=True)
    found_text = serializers.CharField(
        allow_blank=True, help_text="The figure as the source prints it."
    )
    found_start = serializers.IntegerField(
        allow_null=True, help_text="Its offsets in the archived text."
    )
    found_end = serializers.IntegerField(allow_null=True)
    computation = serializers.CharField(
        allow_blank=True, help_text="For found_derived: how the source's figures give it."
    )


class CorroborationSerializer(serializers.Serializer[Any]):
    state = serializers.ChoiceField(
        choices=CORROBORATION_STATES,
        help_text="pending before the first fetch; unreachable (with status or error) when "
        "the page could not be fetched or read, never not_found.",
    )
    figures = FigureCorroborationSerializer(many=True)
    excerpt_found = serializers.BooleanField(
        allow_null=True,
        help_text="Whether the source's excerpt is in the archived text (whitespace and quote "
        "styles tolerated); null without an excerpt or a text.",
    )
    excerpt_start = serializers.IntegerField(allow_null=True)
    excerpt_end = serializers.IntegerField(allow_null=True)
    status = serializers.IntegerField(allow_null=True, help_text="HTTP status when unreachable.")
    error = serializers.CharField(allow_null=True, allow_blank=True)


class ArchiveSerializer(serializers.Serializer[Any]):
    sha256 = serializers.CharField(help_text="SHA-256 of the page as first archived.")
    fetched_at = serializers.DateTimeField()
    status = serializers.IntegerField(allow_null=True)
    final_url = serializers.CharField(help_text="After redirects.")
    changed_since = serializers.DateTimeField(
        allow_null=True, help_text="When a re-fetch first found the page changed."
    )
    versions = serializers.IntegerField(help_text="Versions kept (each change is one more).")
    checked_at = serializers.DateTimeField(help_text="Last fetch.")
    vanished_at = serializers.DateTimeField(
        allow_null=True, help_text="Since when the page no longer answers."
    )


class FetchSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kept = serializers.BooleanField(help_text="A copy was kept (false: the fetch failed).")
    fetched_at = serializers.DateTimeField()
    checked_at = serializers.DateTimeField(help_text="Last fetch that found this same page.")
    status = serializers.IntegerField(allow_null=True)
    error = serializers.CharField(allow_blank=True, help_text="Why it could not be fetched.")
    final_url = serializers.CharField(allow_blank=True)
    content_type = serializers.CharField(allow_blank=True)
    sha256 = serializers.CharField(allow_blank=True)
    size = serializers.IntegerField()
    changed_since = serializers.DateTimeField(allow_null=True)
    vanished_at = serializers.DateTimeField(allow_null=True)
    text = serializers.CharField(allow_blank=True, help_text="The page's text as archived.")
    diff = serializers.CharField(allow_blank=True, help_text="Changes from the version before.")


class SourceArchiveSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    url = serializers.CharField()
    claim = serializers.IntegerField()
    verdict = serializers.IntegerField()
    corroboration = CorroborationSerializer()
    archive = ArchiveSerializer(allow_null=True)
    fetches = FetchSerializer(many=True, help_text="Every fetch, oldest first.")


class SourceOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(help_text="Its archive: /api/v1/sources/{id}/archive/.")
    url = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    excerpt = serializers.CharField()
    stance = serializers.ChoiceField(choices=Stance.choices)
    accessed_at = serializers.DateTimeField()
    verdict_id = serializers.IntegerField()
    verdict = serializers.ChoiceField(choices=VerdictChoice.choices)
    corroboration = CorroborationSerializer()
    archive = ArchiveSerializer(allow_null=True, help_text="Null until a copy is kept.")


class FigureSerializer(serializers.Serializer[Any]):
    text = serializers.CharField()
    value = serializers.CharField(help_text="Decimal string; an ISO date for date figures.")
    unit = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    approximate = serializers.BooleanField()


class CheckSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField(help_text='"arithmetic"')
    outcome = serializers.ChoiceField(choices=["consistent", "inconsistent", "undecidable"])
    relation = serializers.CharField(
        help_text="stake_value, growth, difference, share, sum, per_unit, age, elapsed_years."
    )
    figures = serializers.ListField(
        child=serializers.CharField(), help_text="The figures it reads, as printed."
    )
    explanation = serializers.CharField(
        help_text="The formula and each figure's interval (the values that round to it)."
    )


class AssignmentSerializer(serializers.Serializer[Any]):
    assignee = serializers.CharField(allow_null=True, help_text="Username; null: unassigned.")
    due = serializers.DateField(allow_null=True, help_text="When the assigned work is due.")
    priority = serializers.ChoiceField(choices=Priority.choices)


class ClaimOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    article = ArticleRefSerializer()
    text = serializers.CharField()
    start = serializers.IntegerField(help_text="Offset of the claim in the article body.")
    end = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    figures = FigureSerializer(many=True)
    attribution = serializers.CharField(allow_blank=True)
    score = serializers.FloatField(help_text="Check-worthiness, 0 to 1.")
    status = serializers.ChoiceField(
        choices=ClaimStatus.choices,
        help_text="On a claim under blind review, a reviewer who has not recorded a verdict "
        "on it is shown `unreviewed` (and no sources) in place of what others decided.",
    )
    is_current = serializers.BooleanField(
        help_text="False when the claim is gone from the article's latest revision."
    )
    recheck_due = serializers.DateField(
        allow_null=True,
        help_text="When the claim should be checked again (its truth ages); "
        "`status=due` lists claims whose date has come.",
    )
    assignment = AssignmentSerializer(
        help_text="Who works on the claim, by when and how urgently (`overdue=true` lists "
        "open claims past their due date)."
    )
    sources = SourceOutputSerializer(many=True, help_text="Sources of its verdicts, newest first.")
    reviewed_at = serializers.DateTimeField(allow_null=True, help_text="Time of the last verdict.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    canonical = serializers.IntegerField(
        allow_null=True, help_text="The canonical claim (one fact across articles), if grouped."
    )
    suggested_duplicates = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Claims of other articles suggested as the same fact, not yet confirmed or "
        "rejected (best first).",
    )
    checks = CheckSerializer(
        many=True, help_text="Arithmetic checks of the article's figures that touch this claim."
    )


class GradeLabelSerializer(serializers.Serializer[Any]):
    en = serializers.CharField()
    ko = serializers.CharField()


class VerdictOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    claim = serializers.IntegerField()
    verdict = serializers.ChoiceField(choices=VerdictChoice.choices)
    grade = serializers.CharField(
        help_text="The grade as rated, on the scale the desk used then (`scale`); "
        "verdicts from before rating scales have the three-grade scale's."
    )
    grade_label = GradeLabelSerializer()
    scale = serializers.CharField(help_text="The code of the grade's rating scale.")
    note = serializers.CharField(allow_blank=True)
    settles = serializers.BooleanField()
    reviewer = serializers.CharField()
    created_at = serializers.DateTimeField()
    sources = SourceOutputSerializer(many=True)
    claim_status = serializers.CharField(help_text="The claim's status after this verdict.")


class ClaimDetailSerializer(ClaimOutputSerializer):
    verdicts = VerdictOutputSerializer(many=True, help_text="Verdict history, newest first.")


class ArticleOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    canonical_url = serializers.CharField(allow_blank=True)
    outlet = serializers.CharField(allow_null=True)
    authors = serializers.ListField(child=serializers.CharField())
    published_at = serializers.DateTimeField(allow_null=True)
    modified_at = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField()
    claim_count = serializers.IntegerField(help_text="Claims in the current revision.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ArticleDetailSerializer(ArticleOutputSerializer):
    revision = serializers.IntegerField(allow_null=True, help_text="Current revision number.")
    body = serializers.CharField(help_text="Text of the current revision; offsets refer to it.")
    claims = ClaimOutputSerializer(many=True, help_text="Claims of the current revision.")


class IngestedArticleSerializer(ArticleDetailSerializer):
    article_created = serializers.BooleanField()
    revision_created = serializers.BooleanField()


class IngestResultSerializer(serializers.Serializer[Any]):
    source = serializers.CharField()  # type: ignore[assignment]
    articles = IngestedArticleSerializer(many=True)


class JobOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    url = serializers.CharField(help_text="Poll this URL until state is done or failed.")
    source = serializers.CharField()  # type: ignore[assignment]
    state = serializers.ChoiceField(choices=JOB_STATES)
    error = serializers.CharField(allow_blank=True)
    articles = serializers.ListField(child=serializers.CharField(), help_text="Article URLs.")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()


class AppearanceSerializer(serializers.Serializer[Any]):
    claim = serializers.IntegerField()
    article = serializers.IntegerField()
    outlet = serializers.CharField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    figures = FigureSerializer(many=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    text = serializers.CharField()
    language = serializers.CharField()


class ConflictSerializer(serializers.Serializer[Any]):
    claims = serializers.ListField(child=serializers.IntegerField(), help_text="Two claim ids.")
    figures = serializers.ListField(
        child=serializers.CharField(), help_text="Their figures that cannot agree, in order."
    )
    confirmed = serializers.BooleanField(
        help_text="A reviewer confirmed the two are one fact (false: flagged, not yet decided)."
    )


class CanonicalClaimSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    text = serializers.CharField(help_text="The earliest appearance's sentence.")
    conflict = serializers.BooleanField(help_text="Appearances report conflicting figures.")
    appearances = AppearanceSerializer(many=True, help_text="Earliest first.")
    conflicting_figures = ConflictSerializer(many=True)
    updated_at = serializers.DateTimeField()
