"""Forms of the review interface: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.forms import CleanLineField, CleanTextField, url_message
from claims.models import DUE, ClaimKind, ClaimStatus, Priority, Stance, VerdictChoice
from claims.scale_models import RatingGrade
from claims.scales import active_grades
from claims.services import SourceInput
from lib.urls import URLError, clean_http_url

SOURCE_ROWS = 2


def url_problem(value: str) -> URLError | None:
    """Why ``value`` is not a usable http(s) address (``lib.urls``' check), or None."""
    try:
        clean_http_url(value)
    except URLError as error:
        return error
    return None


class Form(forms.Form):
    """Labels without a trailing colon: they sit above or beside their fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


OPEN_WORK, ANY_STATUS = "open", "all"
# The queue's order by assignment due date (``QueueFilterForm.sort``): claims with a due date.
DUE_SORT = "due"


class QueueFilterForm(Form):
    q = CleanLineField(label=_("Search"), required=False, max_length=200)
    # Open work (unreviewed and contested claims: models.OPEN_STATUSES) unless asked.
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        initial=OPEN_WORK,
        choices=[
            (OPEN_WORK, _("Open work")),
            *ClaimStatus.choices,
            (DUE, _("due for re-check")),
            (ANY_STATUS, _("Any status")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *ClaimKind.choices]
    )
    outlet = forms.TypedChoiceField(label=_("Outlet"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), ("ko", _("Korean")), ("en", _("English"))],
    )
    since = forms.DateField(
        label=_("Published from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Published until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reviewer = forms.TypedChoiceField(
        label=_("Reviewed by"), required=False, coerce=int, empty_value=None
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    conflict = forms.ChoiceField(
        label=_("Conflicts"),
        required=False,
        choices=[
            ("", _("With or without")),
            ("any", _("Any conflict")),
            ("figures", _("Conflicting figures across articles")),
            ("arithmetic", _("Inconsistent arithmetic")),
        ],
    )

    priority = forms.ChoiceField(
        label=_("Priority"), required=False, choices=[("", _("Any priority")), *Priority.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    due_before = forms.DateField(
        label=_("Due by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Most check-worthy first")), (DUE_SORT, _("Due date, soonest first"))],
    )

    def __init__(
        self,
        *args: Any,
        outlets: list[tuple[int, str]] = (),  # type: ignore[assignment]
        reviewers: list[tuple[int, str]] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outlet"].choices = [("", _("Any outlet")), *outlets]  # type: ignore[attr-defined]
        self.fields["reviewer"].choices = [("", _("Anyone")), *reviewers]  # type: ignore[attr-defined]


class GradeRadioSelect(forms.RadioSelect):
    """Radio buttons whose inputs say the status each grade gives (``data-verdict``), for
    the stances and the keys that follow the verdict (claimdesk.js)."""

    statuses: dict[str, str] = {}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["attrs"]["data-verdict"] = self.statuses.get(str(option["value"]), "")
        option["status"] = option["attrs"]["data-verdict"]
        return option


class VerdictForm(Form):
    """The verdict is a grade of the desk's scale (posted as ``verdict``; on the three-grade
    scale the grade codes are the verdicts); ``grade()`` is the one chosen."""

    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=VerdictChoice.choices,
        widget=GradeRadioSelect,
        error_messages={
            "invalid_choice": _(
                "This grade is not on the desk's rating scale (it may have just changed): "
                "choose one of the grades shown."
            )
        },
    )
    note = CleanTextField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    settles = forms.BooleanField(label=_("Settle this claim (editor's decision)"), required=False)

    def __init__(self, *args: Any, grades: list[RatingGrade] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grades = {g.code: g for g in grades or active_grades()}
        field = self.fields["verdict"]
        assert isinstance(field, forms.ChoiceField) and isinstance(field.widget, GradeRadioSelect)
        field.choices = [(code, g.display_label) for code, g in self.grades.items()]
        field.widget.statuses = {code: g.verdict for code, g in self.grades.items()}

    def grade(self) -> RatingGrade:
        return self.grades[self.cleaned_data["verdict"]]


class SourceForm(Form):
    url = forms.CharField(
        label=_("Source URL"),
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )
    title = CleanLineField(label=_("Title"), required=False, max_length=500)
    publisher = CleanLineField(label=_("Publisher"), required=False, max_length=200)
    excerpt = CleanTextField(
        label=_("Quoted passage"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # Blank until the reviewer (or claimdesk.js, when a verdict is chosen) picks one; a blank
    # stance is stored as the verdict's (services.STANCE_FOR_VERDICT).
    stance = forms.ChoiceField(
        label=_("Stance"),
        choices=[("", _("as the verdict says")), *Stance.choices],
        initial="",
        required=False,
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data.get("url", "")
        problem = url_problem(url) if url else None
        # A scheme that is not http(s) is left to the verdict's check, which names the row.
        if problem is not None and problem.code != "scheme":
            raise forms.ValidationError(url_message(problem))
        return url

    def has_source(self) -> bool:
        data = self.cleaned_data
        return any(data.get(k) for k in ("url", "title", "publisher", "excerpt"))


SourceFormSet = forms.formset_factory(SourceForm, extra=SOURCE_ROWS, max_num=10)


def sources_from(formset: Any) -> list[SourceInput]:
    """The filled-in source rows; a row with anything but a URL still counts (and fails)."""
    return [
        SourceInput(
            url=f.cleaned_data.get("url", ""),
            title=f.cleaned_data.get("title", ""),
            publisher=f.cleaned_data.get("publisher", ""),
            excerpt=f.cleaned_data.get("excerpt", ""),
            stance=f.cleaned_data.get("stance") or "",
        )
        for f in formset.forms
        if f.cleaned_data and f.has_source()
    ]


class DismissForm(Form):
    reason = CleanLineField(label=_("Why is this not a claim?"), max_length=500)


class SpanForm(Form):
    start = forms.IntegerField(label=_("Start"), min_value=0)
    end = forms.IntegerField(label=_("End"), min_value=1)


class RecheckForm(Form):
    due = forms.DateField(
        label=_("Re-check on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for no re-check."),
    )


class AddClaimForm(Form):
    start = forms.IntegerField(label=_("Start"), min_value=0, required=False)
    end = forms.IntegerField(label=_("End"), min_value=1, required=False)
    text = CleanTextField(
        label=_("Claim text (exactly as in the article)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ClaimKind.choices, initial=ClaimKind.FACTUAL)

    def span_in(self, body: str) -> tuple[int, int] | None:
        """Offsets from the selection, or the first occurrence of the typed text."""
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if start is not None and end is not None:
            return start, end
        text = (self.cleaned_data.get("text") or "").strip()
        at = body.find(text) if text else -1
        return (at, at + len(text)) if at >= 0 else None


class AssignmentTermsForm(Form):
    """The due date and priority that go with an assignment."""

    due = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL, required=False
    )

    def terms(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"due": data.get("due"), "priority": data.get("priority") or Priority.NORMAL}


class AssignForm(AssignmentTermsForm):
    assignee = forms.TypedChoiceField(
        label=_("Assign to"), required=False, coerce=int, empty_value=None
    )
    field_order = ["assignee", "due", "priority"]

    def __init__(self, *args: Any, reviewers: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("Nobody")), *reviewers]  # type: ignore[attr-defined]


NOBODY = "none"


class BulkAssignForm(AssignmentTermsForm):
    """The queue's assignment of ticked claims: whom must be chosen (unassigning too), so
    one careless click changes nothing."""

    assignee = forms.ChoiceField(label=_("Assign to"))
    field_order = ["assignee", "due", "priority"]

    def __init__(self, *args: Any, reviewers: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose…")),
            *[(str(pk), name) for pk, name in reviewers],
            (NOBODY, _("Nobody (unassign)")),
        ]
        self.fields["assignee"].error_messages["required"] = _(
            "Choose whom to assign the ticked claims to."
        )

    def assignee_id(self) -> int | None:
        value = self.cleaned_data["assignee"]
        return None if value == NOBODY else int(value)


class BulkDismissForm(Form):
    reason = CleanLineField(label=_("Why are these not claims?"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _(
            "Say why the ticked claims are not claims."
        )


class BulkVerdictForm(Form):
    """A verdict for the ticked claims: only one that needs no source (claims.bulk)."""

    verdict = forms.ChoiceField(label=_("Verdict without a source"))
    note = CleanLineField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from claims.bulk import sourceless_verdicts

        super().__init__(*args, **kwargs)
        self.fields["verdict"].choices = sourceless_verdicts()  # type: ignore[attr-defined]


class MergeForm(Form):
    into = forms.IntegerField(label=_("Merge into claim number"), min_value=1)


class IngestForm(Form):
    url = forms.CharField(
        label=_("Article URL"),
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    text = forms.CharField(
        label=_("Or paste the article text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    title = CleanLineField(label=_("Title (for pasted text)"), required=False, max_length=500)
    file = forms.FileField(label=_("Or upload an HTML or text file"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [k for k in ("url", "text", "file") if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError(_("Give exactly one of: a URL, pasted text, or a file."))
        problem = url_problem(data["url"]) if data.get("url") else None
        if problem is not None:
            self.add_error("url", url_message(problem))
        return data
