"""The pipeline is the only way in, and no web input reaches the file reader.

A "URL" such as ``"ht\\ttp://x/../../etc/passwd"`` once passed the API's check (urlsplit
drops tabs) and was then read as a file path on the worker. Every hostile variant is now
refused at the edge with a message on the ``url`` field, and even a job row holding one
never reaches ``read_source_file()``.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from articles import services as article_services
from articles.models import Article, IngestJob
from claims import pipeline
from claims.models import Claim, Source, Verdict
from claims.pipeline import TextSource, UploadSource, UrlSource, run_ingest_job, submit
from tests.factories import make_article, make_claims, make_team, run_command, token_client

HOSTILE_URLS = [
    "ht\ttp://news.example/a",
    "\u0001http://news.example/a",
    "h\nttp://news.example/a",
    "ht\ttp://x/../../etc/passwd",
    "http://news.example/a\rb",
    "https://news.example/\u200ba",
]
HOSTILE_IDS = ["tab", "leading control", "newline", "tab to a path", "carriage return", "zwsp"]
SENTENCE = "The ministry said exports rose 12 percent in 2024 to $3.5 billion."


@pytest.fixture
def people(db):
    return make_team()


@pytest.fixture
def file_reader_forbidden(monkeypatch) -> list[str]:
    """read_source_file raises (and records the path) wherever it is called from."""
    calls: list[str] = []

    def forbidden(path: str, *, max_bytes: int) -> bytes:
        calls.append(path)
        raise AssertionError(f"read_source_file reached with {path!r}")

    monkeypatch.setattr(article_services, "read_source_file", forbidden)
    monkeypatch.setattr(pipeline, "read_source_file", forbidden)
    return calls


@pytest.fixture
def queued(settings, monkeypatch) -> list[int]:
    """Workers run: URL submissions become jobs, handed over (not run) to a fake queue."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    handed: list[int] = []
    monkeypatch.setattr(pipeline.ingest_job_task, "delay", handed.append)
    return handed


def ui_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def stored() -> tuple[int, int]:
    return Article.objects.count(), IngestJob.objects.count()


# The API --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=HOSTILE_IDS)
def test_api_refuses_a_hostile_url_with_a_400_on_the_url_field(people, url):
    response = token_client(people["alice"]).post("/api/v1/articles/", {"url": url}, format="json")
    assert response.status_code == 400
    [message] = response.json()["url"]
    assert "cannot be used" in message and "character" in message
    assert stored() == (0, 0)


def test_api_names_the_character_and_where_it_is(people):
    response = token_client(people["alice"]).post(
        "/api/v1/articles/", {"url": "ht\ttp://x/../../etc/passwd"}, format="json"
    )
    assert "a tab at character 3" in response.json()["url"][0]
    response = token_client(people["alice"]).post(
        "/api/v1/articles/", {"url": "\u0001http://x/"}, format="json"
    )
    assert "(U+0001) at character 1" in response.json()["url"][0]


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=HOSTILE_IDS)
def test_api_refuses_a_hostile_address_given_with_html(people, url):
    payload = {"html": f"<html><body><p>{SENTENCE}</p></body></html>", "url": url}
    response = token_client(people["alice"]).post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400 and "url" in response.json()
    assert stored() == (0, 0)


def test_api_still_refuses_other_schemes_with_the_old_message(people):
    response = token_client(people["alice"]).post(
        "/api/v1/articles/", {"url": "file:///etc/passwd"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["url"] == [
        "Give the article's web address starting with http:// or https://."
    ]


# The ingest form --------------------------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=HOSTILE_IDS)
def test_ingest_form_refuses_a_hostile_url_with_a_form_error(people, url):
    response = ui_client(people["alice"]).post(reverse("claims:ingest"), {"url": url})
    assert response.status_code == 422
    assert response.context["form"].errors["url"] == [
        "This web address holds a space, a tab, a line break or a control character; "
        "type it again without it."
    ]
    assert stored() == (0, 0)


def test_ingest_form_refuses_a_file_url(people):
    response = ui_client(people["alice"]).post(
        reverse("claims:ingest"), {"url": "file:///etc/passwd"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["url"] == [
        "Only http:// and https:// addresses can be fetched."
    ]


# No input from the web reaches the file reader ----------------------------------------------


@pytest.mark.parametrize("mode", ["inline", "queued"])
def test_no_hostile_input_from_api_or_form_reaches_the_file_reader(
    people, file_reader_forbidden, request, mode
):
    handed = request.getfixturevalue("queued") if mode == "queued" else []
    api, ui = token_client(people["alice"]), ui_client(people["alice"])
    for url in HOSTILE_URLS:
        cache.clear()  # the ingest rate limit would answer 429 before the check
        for payload in ({"url": url}, {"html": "<p>x</p>", "url": url}):
            assert api.post("/api/v1/articles/", payload, format="json").status_code == 400
        assert ui.post(reverse("claims:ingest"), {"url": url}).status_code == 422
    assert handed == [] and not IngestJob.objects.exists()
    assert file_reader_forbidden == []


@pytest.mark.parametrize("source", HOSTILE_URLS, ids=HOSTILE_IDS)
def test_a_job_row_holding_a_hostile_source_fails_without_reading_a_file(
    people, file_reader_forbidden, source
):
    """A job stored before the check existed, or written by hand, is still only fetched."""
    job = IngestJob.objects.create(source=source)
    assert run_ingest_job(job.pk, last_attempt=True) == IngestJob.State.FAILED
    job.refresh_from_db()
    assert job.kind == IngestJob.Kind.URL
    assert "character" in job.error and not job.article_ids
    assert file_reader_forbidden == []


def test_a_job_records_that_it_holds_a_url(people, queued):
    result = submit(UrlSource("https://news.example/a"), user=people["alice"])
    assert isinstance(result, IngestJob)
    assert (result.kind, result.source, result.created_by) == (
        "url",
        "https://news.example/a",
        people["alice"],
    )


def test_a_job_of_another_kind_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        IngestJob.objects.create(kind="path", source="/etc/passwd")


# submit: queued or inline ------------------------------------------------------------------


def test_submit_queues_a_url_when_workers_run(people, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(UrlSource("https://news.example/a"), user=people["alice"])
    assert isinstance(job, IngestJob) and queued == [job.pk]
    assert not Article.objects.exists()


def test_submit_ingests_text_and_files_at_once_even_when_workers_run(people, queued):
    outcome = submit(TextSource(SENTENCE, title="Exports"), user=people["alice"])
    assert not isinstance(outcome, IngestJob)
    assert outcome.source == "pasted text" and outcome.stored_anything
    upload = SimpleUploadedFile("note.txt", f"Trade\n\n{SENTENCE} More.".encode(), "text/plain")
    outcome = submit(UploadSource(upload), user=people["alice"])
    assert not isinstance(outcome, IngestJob) and outcome.source == "note.txt"
    assert queued == [] and not IngestJob.objects.exists()


# The command line: paths there, and only there -------------------------------------------------


def test_ingest_command_refuses_a_hostile_url_as_an_address_not_a_file(db, file_reader_forbidden):
    out, err, code = run_command("ingest", "ht\ttp://x/../../etc/passwd")
    assert code != 0
    assert "a tab at character 3" in err
    assert file_reader_forbidden == []


def test_extract_command_refuses_a_non_http_address_without_looking_for_a_file(
    db, file_reader_forbidden
):
    out, err, code = run_command("extract", "ftp://files.example/a.html")
    assert code != 0 and "only http:// and https://" in out
    assert file_reader_forbidden == []


def test_ingest_command_still_reads_a_file_path(db, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(f"Trade\n\n{SENTENCE} More text follows.", encoding="utf-8")
    out, err, code = run_command("ingest", str(page))
    assert code == 0, err
    assert Article.objects.get().revisions.get().source == str(page)


# Source URLs of verdicts: a 400 (422 in the interface) naming the field, never a 500 --------


@pytest.mark.parametrize("url", ["\u0001http://stats.example/t", "https://stats.example/\tt"])
def test_api_verdict_with_a_hostile_source_url_is_a_400_on_sources(people, url):
    claim = make_claims(make_article())[0]
    payload = {"verdict": "verified", "sources": [{"url": url, "title": "Table"}]}
    response = token_client(people["alice"]).post(
        f"/api/v1/claims/{claim.pk}/verdicts/", payload, format="json"
    )
    assert response.status_code == 400
    assert "sources" in response.json()
    assert not Verdict.objects.exists() and not Source.objects.exists()


@pytest.mark.parametrize("url", ["\u0001http://stats.example/t", "https://stats.example/\tt"])
def test_ui_verdict_with_a_hostile_source_url_is_refused_on_the_form(people, url):
    claim = make_claims(make_article())[0]
    response = ui_client(people["alice"]).post(
        reverse("claims:verdict", args=[claim.pk]),
        {
            "verdict": "verified",
            "source-TOTAL_FORMS": "1",
            "source-INITIAL_FORMS": "0",
            "source-0-url": url,
            "source-0-stance": "supports",
        },
    )
    assert response.status_code == 422
    assert not Verdict.objects.exists()
    assert Claim.objects.get(pk=claim.pk).status == "unreviewed"
