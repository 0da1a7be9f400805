import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim, ClaimEvent, ClaimStatus, Source, Verdict
from claims.services import (
    SourceInput,
    claim_dismiss,
    claim_record_verdict,
    claim_restore,
    status_from_history,
)
from tests.factories import make_claim

SOURCE = SourceInput(url="https://stats.example/table-1", title="Table 1", publisher="Stats Office")


def test_verified_verdict_requires_a_source(team):
    claim = make_claim()
    with pytest.raises(ValidationError) as error:
        claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified")
    assert "sources" in error.value.message_dict
    assert Verdict.objects.count() == 0


def test_disputed_verdict_requires_a_source(team):
    claim = make_claim()
    with pytest.raises(ValidationError):
        claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="disputed")


def test_unverifiable_verdict_needs_no_source(team):
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="unverifiable")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNVERIFIABLE


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://x.example/a", "data:text/html,x", ""]
)
def test_source_url_must_be_http(team, url):
    claim = make_claim()
    with pytest.raises(ValidationError) as error:
        claim_record_verdict(
            claim=claim,
            reviewer=team["alice"],
            verdict="verified",
            sources=[SourceInput(url=url)],
        )
    assert "sources" in error.value.message_dict
    assert Source.objects.count() == 0


def test_verdict_stores_its_sources_and_sets_the_status(team):
    claim = make_claim()
    verdict = claim_record_verdict(
        claim=claim, reviewer=team["alice"], verdict="verified", note="matches", sources=[SOURCE]
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED
    assert [s.url for s in verdict.sources.all()] == [SOURCE.url]
    assert verdict.sources.get().accessed_at is not None


def test_reviewers_who_disagree_make_the_claim_contested_until_an_editor_settles(team):
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONTESTED
    claim_record_verdict(
        claim=claim, reviewer=team["erin"], verdict="disputed", sources=[SOURCE], settles=True
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    assert claim.verdicts.count() == 3


def test_a_reviewer_changing_their_mind_is_not_a_disagreement(team):
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="disputed", sources=[SOURCE])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    assert claim.verdicts.count() == 2


def test_status_from_history_follows_the_latest_opinions():
    assert status_from_history([]) == "unreviewed"
    assert status_from_history([(1, "verified", False), (2, "verified", False)]) == "verified"
    assert status_from_history([(1, "verified", False), (2, "disputed", False)]) == "contested"
    history = [(1, "verified", False), (2, "disputed", False), (3, "verified", True)]
    assert status_from_history(history) == "verified"
    assert status_from_history([*history, (2, "disputed", False)]) == "contested"


def test_dismissal_is_kept_and_reversible(team):
    """The dismissal and its reason are in the database row, not only in memory."""
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="unverifiable")
    claim_dismiss(claim=claim, actor=team["alice"], reason="an opinion, not a claim")
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.status == ClaimStatus.DISMISSED
    assert stored.dismissed_reason == "an opinion, not a claim"
    claim_restore(claim=stored, actor=team["bob"])
    claim = Claim.objects.get(pk=claim.pk)
    assert claim.status == ClaimStatus.UNVERIFIABLE
    assert claim.dismissed_reason == ""
    actions = list(claim.events.order_by("created_at", "id").values_list("action", flat=True))
    assert actions == [ClaimEvent.Action.DISMISSED, ClaimEvent.Action.RESTORED]


def test_dismissal_needs_a_reason(team):
    claim = make_claim()
    with pytest.raises(ValidationError):
        claim_dismiss(claim=claim, actor=team["alice"], reason="  ")
