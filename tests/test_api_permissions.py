"""Who may do what through the API: every endpoint against anonymous and each role."""

import pytest
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from articles.models import IngestJob
from claims.models import Verdict
from claims.services import SourceInput, claim_record_verdict
from tests.factories import make_claim, token_client

USERS = ["anonymous", "oscar", "victor", "alice", "erin"]
READERS = {"victor", "alice", "erin"}
REVIEWERS = {"alice", "erin"}


@pytest.fixture
def world(team):
    claim = make_claim()
    claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="verified",
        sources=[SourceInput(url="https://stats.example/t")],
    )
    job = IngestJob.objects.create(source="https://news.example/a", created_by=team["alice"])
    return {"team": team, "claim": claim, "job": job}


def client(world, who: str) -> APIClient:
    return token_client(None if who == "anonymous" else world["team"][who])


def read_urls(world) -> list[str]:
    claim = world["claim"]
    return [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/claimreview/",
        "/api/v1/articles/",
        f"/api/v1/articles/{claim.article_id}/",
        "/api/v1/export/claims.csv",
        "/api/v1/export/claims.jsonl",
        "/api/v1/export/claimreview.jsonld",
    ]


def expected_read(who: str) -> int:
    if who == "anonymous":
        return 401
    return 200 if who in READERS else 403


@pytest.mark.parametrize("who", USERS)
def test_reading_needs_a_role_when_public_read_is_off(world, who):
    api = client(world, who)
    for url in read_urls(world):
        response = api.get(url)
        assert response.status_code == expected_read(who), (url, response.status_code)


def test_anonymous_request_is_told_how_to_authenticate(world):
    response = APIClient().get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "Authorization: Token" in response.json()["detail"]


def test_user_without_a_role_is_told_to_ask_for_one(world):
    response = client(world, "oscar").get("/api/v1/claims/")
    assert response.status_code == 403
    assert "role" in response.json()["detail"]


@override_settings(CLAIMDESK_API_PUBLIC_READ=True)
@pytest.mark.parametrize("who", USERS)
def test_everyone_reads_when_public_read_is_on(world, who):
    api = client(world, who)
    for url in read_urls(world):
        assert api.get(url).status_code == 200, url


# A job shows what a reviewer sent: its submitter and editors read it, nobody else (404).
JOB_READERS = {"alice", "erin"}


@pytest.mark.parametrize("public", [False, True])
@pytest.mark.parametrize("who", USERS)
def test_a_job_is_read_by_its_submitter_and_editors_only(world, who, public, settings):
    settings.CLAIMDESK_API_PUBLIC_READ = public
    response = client(world, who).get(f"/api/v1/jobs/{world['job'].pk}/")
    if who in JOB_READERS:
        assert response.status_code == 200
        assert response.json()["source"] == "https://news.example/a"
    elif who == "anonymous" and not public:
        assert response.status_code == 401
    elif who == "oscar" and not public:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
        assert "news.example" not in response.content.decode()


def test_another_reviewers_job_is_not_found_for_a_reviewer(world):
    response = token_client(world["team"]["bob"]).get(f"/api/v1/jobs/{world['job'].pk}/")
    assert response.status_code == 404
    assert "news.example" not in response.content.decode()


@override_settings(CLAIMDESK_API_PUBLIC_READ=True)
@pytest.mark.parametrize("who", USERS)
def test_public_read_never_opens_writes(world, who):
    api = client(world, who)
    response = api.post(
        f"/api/v1/claims/{world['claim'].pk}/verdicts/", {"verdict": "unverifiable"}
    )
    expected = 201 if who in REVIEWERS else (401 if who == "anonymous" else 403)
    assert response.status_code == expected


@pytest.mark.parametrize("who", USERS)
def test_recording_a_verdict_needs_a_reviewer(world, who):
    response = client(world, who).post(
        f"/api/v1/claims/{world['claim'].pk}/verdicts/",
        {"verdict": "unverifiable", "note": "no data"},
        format="json",
    )
    expected = 201 if who in REVIEWERS else (401 if who == "anonymous" else 403)
    assert response.status_code == expected
    if who in {"oscar", "victor"}:
        assert "reviewer" in response.json()["detail"]
    assert Verdict.objects.filter(note="no data").exists() == (who in REVIEWERS)


@pytest.mark.parametrize("who", USERS)
def test_ingesting_an_article_needs_a_reviewer(world, who):
    # An empty body: a reviewer gets past the permission check to the validation error.
    response = client(world, who).post("/api/v1/articles/", {}, format="json")
    expected = 400 if who in REVIEWERS else (401 if who == "anonymous" else 403)
    assert response.status_code == expected


def test_a_wrong_token_is_401_even_when_public_read_is_on(world):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    with override_settings(CLAIMDESK_API_PUBLIC_READ=True):
        response = api.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_reads_are_throttled_with_a_json_429(world, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    api = client(world, "victor")
    codes = [api.get("/api/v1/claims/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    third = api.get("/api/v1/claims/")
    assert "throttled" in third.json()["detail"]
    assert int(third["Retry-After"]) > 0


def test_a_key_made_by_drf_create_token_authenticates(world):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("drf_create_token", "victor", stdout=out)
    key = Token.objects.get(user__username="victor").key
    assert key in out.getvalue()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/claims/").status_code == 200


def test_ingestion_has_its_own_tighter_rate_and_reads_are_not_counted(world, monkeypatch):
    from claims.api.throttles import IngestThrottle

    monkeypatch.setattr(IngestThrottle, "THROTTLE_RATES", {"ingest": "1/minute"})
    api = client(world, "alice")
    assert api.post("/api/v1/articles/", {}, format="json").status_code == 400
    assert api.post("/api/v1/articles/", {}, format="json").status_code == 429
    assert api.get("/api/v1/articles/").status_code == 200


def test_anonymous_reads_have_their_own_rate(world, monkeypatch, settings):
    from rest_framework.throttling import AnonRateThrottle

    settings.CLAIMDESK_API_PUBLIC_READ = True
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    api = APIClient()
    assert [api.get("/api/v1/claims/").status_code for _ in range(3)] == [200, 200, 429]
    assert client(world, "victor").get("/api/v1/claims/").status_code == 200
