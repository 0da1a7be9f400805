"""A verdict's source archived and held against its claim: the WARC record in the archive
storage with a hash that holds across re-reads, the figures found with their passage, the
excerpt checked, a changed page diffed with every version kept, a vanished page kept and
dated, an unreachable page reported as such, and the SSRF guard on this path too."""

from __future__ import annotations

import pytest
from django.core.files.storage import storages

from bench.pdfs import encrypt_pdf, make_pdf
from claims.archiving import (
    archived_response,
    refresh_corroboration,
    source_archive,
    source_corroboration,
)
from claims.extraction.figures import extract_figures
from claims.models import SourceArchive
from claims.services import SourceInput, claim_record_verdict
from tests.factories import make_article, make_claims
from tests.localserver import QuietHandler, serve_handler

CLAIM = "베인캐피탈은 2021년 초 클래시스 지분 61.57%를 약 6700억원에 인수했다."
FIRST = (
    "<html><head><title>클래시스 매각</title></head><body><article>"
    "<p>매각 대상은 베인캐피탈이 보유한 클래시스 지분 61.57%다. 베인캐피탈은 2021년 초 이 "
    "지분을 6,700억 원에 인수했다.</p><p>시가총액은 3조7800억원 수준이다.</p>"
    "</article></body></html>"
)
CHANGED = FIRST.replace("6,700억 원에 인수했다", "7,100억 원에 인수했다")


class Handler(QuietHandler):
    pages: dict[str, tuple[int, str | bytes]] = {}

    def do_GET(self):  # noqa: N802
        status, page = self.pages.get(self.path, (404, "missing"))
        body = page.encode() if isinstance(page, str) else page
        pdf = body.startswith(b"%PDF")
        self.send_response(status)
        self.send_header("Content-Type", "application/pdf" if pdf else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    Handler.pages = {"/report": (200, FIRST)}
    with serve_handler(Handler) as base:
        yield base


@pytest.fixture
def archives(settings, tmp_path, fetch_loopback):
    """Archives as files in this test's own folder; fetching from the test server."""
    settings.STORAGES = {
        **settings.STORAGES,
        "archives": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "archives")},
        },
    }
    return tmp_path / "archives"


def cite(team, url: str, excerpt: str = ""):
    """A verified verdict by alice on the claim, citing ``url``; its source."""
    article = make_article(sentences=[CLAIM], language="ko")
    figures = [f.as_dict() for f in extract_figures(CLAIM, language="ko")]
    [claim] = make_claims(article, figures=figures)
    verdict = claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="verified",
        sources=[SourceInput(url=url, title="Report", excerpt=excerpt)],
    )
    return verdict.sources.get()


def test_attaching_a_source_archives_its_page_with_hash_status_and_text(team, site, archives):
    source = cite(team, f"{site}/report", excerpt="베인캐피탈이 보유한 클래시스 지분 61.57%다")
    archive = source_archive(source=source)
    assert archive.is_version and archive.status == 200
    assert archive.final_url == f"{site}/report"
    assert archive.sha256 == SourceArchive.objects.get().sha256 and len(archive.sha256) == 64
    assert (archives / archive.warc_path).is_file()
    assert "6,700억 원에 인수했다" in archive.text
    assert archive.as_api()["changed_since"] is None


def test_the_archives_hash_is_stable_across_re_reads(team, site, archives):
    archive = source_archive(source=cite(team, f"{site}/report"))
    first, second = archived_response(archive), archived_response(archive)
    assert first.sha256 == second.sha256 == archive.sha256
    assert first.body == FIRST.encode() and first.url == f"{site}/report"


def test_the_claims_figures_are_found_with_their_passage_in_the_archived_text(team, site, archives):
    source = cite(team, f"{site}/report", excerpt="베인캐피탈이 보유한 클래시스 지분 61.57%다")
    archive = source_archive(source=source)
    corroboration = source_corroboration(source)
    assert corroboration["state"] == "found" and corroboration["excerpt_found"] is True
    by_figure = {f["figure"]: f for f in corroboration["figures"]}
    money = by_figure["6700억원"]
    assert money["state"] == "found" and money["found_text"] == "6,700억 원"
    assert archive.text[money["start"] : money["end"]] == money["passage"]
    assert archive.text[money["found_start"] : money["found_end"]] == "6,700억 원"


def test_an_excerpt_that_is_not_on_the_page_is_flagged(team, site, archives):
    source = cite(team, f"{site}/report", excerpt="베인캐피탈은 지분을 1조원에 팔았다")
    source_archive(source=source)
    assert source_corroboration(source)["excerpt_found"] is False


def test_a_refetch_of_an_unchanged_page_keeps_one_version_and_moves_its_check_time(
    team, site, archives
):
    source = cite(team, f"{site}/report")
    first = source_archive(source=source)
    again = source_archive(source=source)
    assert again.pk == first.pk and again.checked_at > first.checked_at
    assert SourceArchive.objects.count() == 1


def test_a_changed_page_shows_a_diff_and_keeps_the_first_version(team, site, archives):
    source = cite(team, f"{site}/report")
    first = source_archive(source=source)
    Handler.pages["/report"] = (200, CHANGED)
    second = source_archive(source=source)
    first.refresh_from_db()
    assert second.pk != first.pk and second.sha256 != first.sha256
    assert "-" in second.diff and "7,100억 원에 인수했다" in second.diff
    assert first.changed_since == second.fetched_at
    assert archived_response(first).body == FIRST.encode()  # the first copy is still there
    assert "6,700억 원에 인수했다" in first.text
    # The corroboration stays that of the page as cited; the new version has its own.
    assert source_corroboration(source)["state"] == "found"
    assert second.corroboration["state"] == "not_found"


def test_a_vanished_page_keeps_its_archive_and_says_when_it_vanished(team, site, archives):
    source = cite(team, f"{site}/report")
    kept = source_archive(source=source)
    Handler.pages.pop("/report")
    failure = source_archive(source=source)
    kept.refresh_from_db()
    assert failure.status == 404 and not failure.is_version and "not found" in failure.error
    assert kept.vanished_at == failure.fetched_at
    assert archived_response(kept).sha256 == kept.sha256
    assert source_corroboration(source)["state"] == "found"
    again = source_archive(source=source)  # still gone: the same failure, checked again
    assert again.pk == failure.pk and SourceArchive.objects.count() == 2
    Handler.pages["/report"] = (200, FIRST)
    source_archive(source=source)
    kept.refresh_from_db()
    assert kept.vanished_at is None


def test_a_page_that_never_answered_is_unreachable_with_its_status_not_not_found(
    team, site, archives
):
    source = cite(team, f"{site}/missing")
    archive = source_archive(source=source)
    corroboration = source_corroboration(source)
    assert corroboration["state"] == "unreachable" and corroboration["status"] == 404
    assert {f["state"] for f in corroboration["figures"]} == {"unreachable"}
    assert archive.warc_path == "" and not any(archives.rglob("*.warc.gz"))


def test_a_source_not_fetched_yet_is_pending(team, site, archives):
    assert source_corroboration(cite(team, f"{site}/report"))["state"] == "pending"


def test_the_source_path_refuses_loopback_without_the_test_setting(team, site, archives, settings):
    settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK = False
    source = cite(team, f"{site}/report")
    archive = source_archive(source=source)
    assert not archive.is_version and "loopback address; only public" in archive.error
    assert source_corroboration(source)["state"] == "unreachable"
    assert not any(archives.rglob("*.warc.gz"))


def test_a_record_whose_row_cannot_be_written_is_removed_from_storage(
    team, site, archives, monkeypatch
):
    source = cite(team, f"{site}/report")

    def refuse(**fields):
        raise RuntimeError("database went away")

    monkeypatch.setattr(SourceArchive.objects, "create", refuse)
    with pytest.raises(RuntimeError):
        source_archive(source=source)
    assert not any(archives.rglob("*.warc.gz"))


def test_archives_go_to_the_archives_storage_of_the_settings(team, site, settings, fetch_loopback):
    """The default test storage is in memory; a backend is plugged in by settings alone."""
    archive = source_archive(source=cite(team, f"{site}/report"))
    assert storages["archives"].exists(archive.warc_path)


def test_a_page_without_text_to_search_is_archived_but_reported_unreachable(team, site, archives):
    """An encrypted PDF is kept (its bytes may open later), but nothing was looked at."""
    report = make_pdf([["Bain Capital paid 670 billion won for 61.57 percent."]])
    Handler.pages["/locked.pdf"] = (200, encrypt_pdf(report, user_password="secret"))
    source = cite(team, f"{site}/locked.pdf", excerpt="670 billion won")
    archive = source_archive(source=source)
    assert archive.is_version and archive.text == ""
    corroboration = source_corroboration(source)
    assert corroboration["state"] == "unreachable" and corroboration["status"] == 200
    assert "encrypted" in corroboration["error"]
    assert corroboration["excerpt_found"] is None


def test_a_readable_pdf_source_is_corroborated(team, site, archives):
    report = make_pdf(
        [["Annual report."], ["Bain Capital paid 670 billion won for 61.57 percent."]]
    )
    Handler.pages["/report.pdf"] = (200, report)
    source = cite(team, f"{site}/report.pdf")
    source_archive(source=source)
    states = {f["figure"]: f["state"] for f in source_corroboration(source)["figures"]}
    assert states["6700억원"] == "found" and states["61.57%"] == "found"


def test_a_corroboration_is_refreshed_from_the_archive_without_a_fetch(team, site, archives):
    source = cite(team, f"{site}/report", excerpt="this is not on the page")
    archive = source_archive(source=source)
    assert source_corroboration(source)["excerpt_found"] is False
    Handler.pages.clear()  # nothing to fetch any more
    source.excerpt = "시가총액은 3조7800억원 수준이다"
    source.save()
    refresh_corroboration(archive)
    assert source_corroboration(source)["excerpt_found"] is True


def test_a_failure_that_may_pass_is_marked_worth_another_try(team, site, archives):
    Handler.pages["/busy"] = (503, "busy")
    failure = source_archive(source=cite(team, f"{site}/busy"))
    assert failure.status == 503 and failure.transient is True
    gone = source_archive(source=cite(team, f"{site}/nowhere"))
    assert gone.status == 404 and gone.transient is False
