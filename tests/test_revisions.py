"""A changed article becomes a new revision; claims that still stand keep their verdicts."""

from datetime import UTC, datetime

import pytest

from articles.models import Article, ArticleRevision
from articles.parsing.types import ParsedArticle
from claims.models import ClaimEvent, ClaimStatus
from claims.pipeline import extract_parsed, reextract_article, store_extraction
from claims.services import SourceInput, claim_record_verdict

URL = "https://news.example/2025/budget"
FIRST = (
    "The council approved a budget of $2.1 billion on Tuesday.\n\n"
    "Unemployment in the region stood at 4.2 percent in February, the statistics office said.\n\n"
    "The council said 4,500 households would benefit from the new housing grants."
)


def ingest(body: str):
    parsed = ParsedArticle(
        title="Council passes budget",
        body=body,
        language="en",
        url=URL,
        outlet="Test Wire",
        published_at=datetime(2025, 3, 4, 9, tzinfo=UTC),
    )
    return store_extraction(extract_parsed([parsed], source=URL))


@pytest.fixture
def reviewed(team):
    outcome = ingest(FIRST)
    article = outcome.articles[0].article
    claim = article.claims.get(text__contains="4.2 percent")
    claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="verified",
        sources=[SourceInput(url="https://stats.example/feb")],
    )
    return article, claim


def test_same_text_again_makes_no_revision(reviewed):
    article, _claim = reviewed
    outcome = ingest(FIRST)
    assert not outcome.stored_anything
    assert ArticleRevision.objects.filter(article=article).count() == 1


def test_changed_text_makes_a_new_revision_and_unchanged_claims_keep_verdicts(reviewed):
    article, claim = reviewed
    changed = FIRST.replace("$2.1 billion", "$2.4 billion")
    outcome = ingest(changed)
    assert outcome.articles[0].revision_created
    assert Article.objects.count() == 1
    assert list(article.revisions.values_list("number", flat=True)) == [2, 1]
    claim.refresh_from_db()
    assert claim.is_current and claim.status == ClaimStatus.VERIFIED
    assert claim.revision.number == 2
    assert claim.verdicts.count() == 1
    assert changed[claim.start : claim.end] == claim.text


def test_a_claim_that_vanished_is_kept_with_its_history_but_not_current(reviewed):
    article, claim = reviewed
    before = claim.updated_at
    ingest(FIRST.replace("Unemployment in the region stood at 4.2 percent", "Jobs grew"))
    claim.refresh_from_db()
    assert not claim.is_current
    assert claim.updated_at > before
    assert claim.verdicts.count() == 1
    assert claim.events.filter(action=ClaimEvent.Action.GONE).exists()


def test_reextraction_keeps_verdicts_and_changes_nothing_when_the_extractor_agrees(reviewed):
    article, claim = reviewed
    before = set(article.claims.values_list("fingerprint", flat=True))
    result = reextract_article(article)
    assert result.claims_new == 0
    assert set(article.claims.values_list("fingerprint", flat=True)) == before
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED and claim.is_current


def test_the_admin_shows_what_changed_between_revisions_escaped(reviewed, client):
    article, _claim = reviewed
    ingest(FIRST.replace("$2.1 billion", "$2.4 billion <script>alert(1)</script>"))
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123")
    client.force_login(admin)
    revision = article.revisions.get(number=2)
    page = client.get(f"/admin/articles/articlerevision/{revision.pk}/change/").content.decode()
    assert "- The council approved a budget of $2.1 billion on Tuesday." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_reextract_command_reports_and_keeps_verdicts(reviewed):
    from io import StringIO

    from django.core.management import call_command

    article, claim = reviewed
    out = StringIO()
    call_command("reextract", stdout=out, stderr=StringIO())
    assert "0 new claim(s)" in out.getvalue()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED
