"""Input serializers validate what clients send; output serializers document what they get.

Responses are built as plain records by claims.exports (lean: no per-object serializer
work on the hot path); the output serializers here describe those records for the
OpenAPI schema, and the contract tests hold the two together.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from claims.models import ClaimKind, ClaimStatus, Stance, VerdictChoice
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
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    excerpt = serializers.CharField(
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
    verdict = serializers.ChoiceField(choices=VerdictChoice.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)
    sources = SourceInputSerializer(many=True, required=False, default=list, max_length=MAX_SOURCES)  # type: ignore[call-arg]
    settles = serializers.BooleanField(
        required=False,
        default=False,
        help_text="An editor's verdict that settles a contested claim (editors only).",
    )

    def source_inputs(self) -> list[SourceInput]:
        return [SourceInput(**item) for item in self.validated_data["sources"]]


class ArticleInputSerializer(serializers.Serializer[Any]):
    """Exactly one of ``url``, ``html`` or ``text``; ``url`` may accompany ``html``."""

    url = serializers.CharField(
        required=False, max_length=2000, help_text="Page to fetch, or the address of `html`."
    )
    html = serializers.CharField(required=False, trim_whitespace=False)
    text = serializers.CharField(required=False, trim_whitespace=False)
    title = serializers.CharField(
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


# Output ------------------------------------------------------------------------------


class ArticleRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    outlet = serializers.CharField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField()


class SourceOutputSerializer(serializers.Serializer[Any]):
    url = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    excerpt = serializers.CharField()
    stance = serializers.ChoiceField(choices=Stance.choices)
    accessed_at = serializers.DateTimeField()
    verdict_id = serializers.IntegerField()
    verdict = serializers.ChoiceField(choices=VerdictChoice.choices)


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
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    is_current = serializers.BooleanField(
        help_text="False when the claim is gone from the article's latest revision."
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


class VerdictOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    claim = serializers.IntegerField()
    verdict = serializers.ChoiceField(choices=VerdictChoice.choices)
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
    state = serializers.ChoiceField(choices=["queued", "running", "done", "failed"])
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
