"""Snapshots of cited pages, fetched from a server on 127.0.0.1 through the real fetcher:
the WARC record reads back to the same bytes and hash, text comes out of HTML in any
encoding and of PDF within limits, and a page that cannot be fetched says why."""

from __future__ import annotations

import gzip
import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from articles.diff import text_diff
from articles.parsing import ParseError
from articles.snapshot import Snapshot, SnapshotLimits, Unreachable, take_snapshot
from articles.warc import WarcError, read_response, sha256
from bench.pdfs import encrypt_pdf, make_pdf
from tests.localserver import QuietHandler, serve_handler

pytestmark = pytest.mark.usefixtures("fresh_fetcher")

ARTICLE = (
    "<html><head><title>클래시스 매각</title>"
    '<meta property="article:published_time" content="2025-02-26T06:00:00+09:00"></head>'
    "<body><nav>전체기사 최신뉴스</nav><article><p>베인캐피탈이 보유한 클래시스 지분 61.57%가 "
    "매물로 나왔다. 베인캐피탈은 2021년 초 이 지분을 약 6700억원에 인수했다.</p>"
    "<p>클래시스 시가총액은 3조7800억원 수준이다.</p></article></body></html>"
)
REPORT = make_pdf(
    [["Annual report 2024.", "Bain Capital holds 61.57 percent."], ["Revenue: 242.9 billion won."]],
    title="Classys annual report",
)
LIMITS = SnapshotLimits(user_agent="TestBot", timeout=5, min_delay=0, respect_robots=False)


class Handler(QuietHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802
        status, headers, body = self.routes.get(self.path, (404, {}, b"missing"))
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


ROUTES = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE.encode()),
    "/euckr": (200, {"Content-Type": "text/html; charset=euc-kr"}, ARTICLE.encode("euc-kr")),
    "/undeclared": (200, {"Content-Type": "text/html"}, ARTICLE.encode("cp949")),
    "/gzip": (
        200,
        {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
        gzip.compress(ARTICLE.encode()),
    ),
    "/report.pdf": (200, {"Content-Type": "application/pdf"}, REPORT),
    "/locked.pdf": (
        200,
        {"Content-Type": "application/pdf"},
        encrypt_pdf(REPORT, user_password="secret"),
    ),
    "/open-locked.pdf": (
        200,
        {"Content-Type": "application/pdf"},
        encrypt_pdf(REPORT, user_password=""),
    ),
    "/broken.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n" + b"\x00" * 500),
    "/table": (
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        b"<html><body><table><tr><td>61.57%</td><td>3.78 trillion won</td></tr></table>"
        b"</body></html>",
    ),
    "/moved": (301, {"Location": "/article"}, b""),
    "/gone": (410, {"Content-Type": "text/html"}, b"gone"),
    "/error": (503, {"Content-Type": "text/html"}, b"busy"),
    "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n"),
}


@pytest.fixture(scope="module")
def server():
    Handler.routes = ROUTES
    with serve_handler(Handler) as base:
        yield base


def snap(url, **limits):
    options = {"allowed_networks": ("127.0.0.1/32",), **limits}
    return take_snapshot(url, limits=replace(LIMITS, **options))


def test_a_page_is_kept_with_its_main_text_status_final_url_and_hash(server):
    page = snap(f"{server}/moved")
    assert isinstance(page, Snapshot)
    assert page.status == 200 and page.final_url == f"{server}/article"
    assert page.text.startswith("클래시스 매각\n\n")  # the title, then the main text
    assert "지분 61.57%가 매물로 나왔다" in page.text
    assert page.page.language == "ko"
    assert page.page.published_at == datetime(2025, 2, 25, 21, 0, tzinfo=UTC)
    assert page.sha256 == sha256(ARTICLE.encode())
    assert page.fetched_at.tzinfo is not None


def test_the_warc_record_reads_back_to_the_same_bytes_and_hash_every_time(server):
    page = snap(f"{server}/article")
    record = page.warc()
    for _ in range(2):
        back = read_response(io.BytesIO(record))
        assert back.body == page.body and back.sha256 == page.sha256
        assert back.payload_digest == f"sha256:{page.sha256}"
        assert back.url == page.final_url and back.status == 200
        assert back.fetched_at == page.fetched_at.replace(microsecond=0)


def test_a_compressed_page_is_kept_decoded_with_headers_that_say_so(server):
    page = snap(f"{server}/gzip")
    assert page.body == ARTICLE.encode()
    headers = dict(read_response(io.BytesIO(page.warc())).headers)
    assert "Content-Encoding" not in headers
    assert headers["X-Archive-Original-Content-Encoding"] == "gzip"
    assert headers["Content-Length"] == str(len(ARTICLE.encode()))


@pytest.mark.parametrize("path", ["/euckr", "/undeclared"])
def test_korean_pages_in_legacy_encodings_give_their_text(server, path):
    assert "약 6700억원에 인수했다" in snap(f"{server}{path}").text


def test_a_pdf_gives_its_text_and_title(server):
    page = snap(f"{server}/report.pdf")
    assert "61.57 percent" in page.text and "242.9 billion won" in page.text
    assert page.page.title == "Classys annual report" and page.page.note == ""


def test_a_pdf_over_the_page_limit_is_read_in_part_and_says_so(server):
    page = snap(f"{server}/report.pdf", max_pdf_pages=1)
    assert "61.57 percent" in page.text and "242.9" not in page.text
    assert page.page.note == "only the first 1 of 2 pages were read"


def test_an_encrypted_pdf_is_archived_with_the_reason_it_gives_no_text(server):
    page = snap(f"{server}/locked.pdf")
    assert isinstance(page, Snapshot) and page.text == ""
    assert page.page.note == "the PDF is encrypted and cannot be read without its password"
    assert "61.57 percent" in snap(f"{server}/open-locked.pdf").text


def test_a_broken_pdf_is_archived_with_the_reason(server):
    page = snap(f"{server}/broken.pdf")
    assert page.text == "" and "could not be read" in page.page.note


def test_a_page_without_an_article_keeps_its_whole_visible_text(server, monkeypatch):
    def no_article(*args, **kwargs):
        raise ParseError("no article text was found in the page")

    monkeypatch.setattr("articles.snapshot.parse_document", no_article)
    page = snap(f"{server}/table")
    assert "61.57%" in page.text and "3.78 trillion won" in page.text
    assert page.page.note.startswith("no article was found")


def test_the_text_is_cut_at_the_limit_and_says_so(server):
    page = snap(f"{server}/article", max_chars=20)
    assert len(page.text) == 20 and "cut at 20 characters" in page.page.note


@pytest.mark.parametrize(
    ("path", "status", "vanished", "transient"),
    [("/gone", 410, True, False), ("/nowhere", 404, True, False), ("/error", 503, False, True)],
)
def test_a_page_that_cannot_be_fetched_reports_its_status(
    server, path, status, vanished, transient
):
    page = snap(f"{server}{path}")
    assert isinstance(page, Unreachable)
    assert page.status == status and page.vanished is vanished and page.transient is transient
    assert f"HTTP {status}" in page.reason


def test_an_unreachable_host_reports_the_error_and_no_status():
    page = snap("http://127.0.0.1:1/page")
    assert isinstance(page, Unreachable) and page.status is None
    assert "could not connect" in page.reason


def test_content_that_is_no_document_is_refused_by_the_fetcher(server):
    page = snap(f"{server}/image")
    assert isinstance(page, Unreachable) and "image/png" in page.reason


def test_a_stored_record_that_is_no_warc_is_refused_clearly():
    with pytest.raises(WarcError):
        read_response(io.BytesIO(b"not a warc record"))


def test_a_changed_text_shows_a_sentence_diff_and_the_same_text_none():
    before = "시가총액은 3조7800억원이다. 지분은 61.57%다."
    after = "시가총액은 3조1200억원이다. 지분은 61.57%다."
    diff = text_diff(before, after)
    assert "-시가총액은 3조7800억원이다." in diff and "+시가총액은 3조1200억원이다." in diff
    assert text_diff(before, before.replace(" ", "  ")) == ""


def test_a_snapshot_does_not_search_the_page_for_a_byline_or_date(server, monkeypatch):
    """The article parser's slow fallbacks (trafilatura's author and date finders) are for
    articles; a cited page needs only its text."""

    def refuse(*args, **kwargs):
        raise AssertionError("fallback called")

    monkeypatch.setattr("articles.parsing.html._fallback_author", refuse)
    monkeypatch.setattr("articles.parsing.html._fallback_date", refuse)
    page = snap(f"{server}/euckr")
    assert "지분 61.57%" in page.text
