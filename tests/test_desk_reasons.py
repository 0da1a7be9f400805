"""Why a source failed: the plain-Python layers raise a code with an English sentence, and
the interface says it in its language from the code (issue 18, Translation)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from articles.fetch import FetchError
from articles.parsing import ParseError, parse_document
from articles.presentation import REASON_TEXT, reason_text
from lib.reasons import REASONS, Reason, parse_reason

SAMPLE = {
    "size": 12345678,
    "limit": 10485760,
    "length": 600000,
    "status": 503,
    "kind": "application/pdf",
    "what": "a PDF document",
    "host": "news.example",
    "why": "private",
    "scheme": "ftp",
    "error": "Timeout",
    "reason": "the feed is empty",
    "count": 2,
}


@pytest.mark.parametrize("code", sorted(REASONS))
def test_every_reason_reads_back_into_its_code_and_has_a_korean_sentence(code):
    params = {name: SAMPLE[name] for name in re.findall(r"\{(\w+)", REASONS[code])}
    found = parse_reason(str(Reason(code, params)))
    assert found is not None and found.code == code
    assert code in REASON_TEXT
    with translation.override("ko"):
        korean = str(reason_text(str(Reason(code, params))))
    assert re.search(r"[가-힣]", korean), korean


def test_the_parsing_layer_raises_codes():
    with pytest.raises(ParseError) as error:
        parse_document(b"%PDF-1.4 ...", filename="a.pdf")
    assert error.value.code == "binary"
    assert str(error.value) == "the file is a PDF document, not an HTML page or text"
    with translation.override("ko"):
        assert str(reason_text(str(error.value))) == (
            "파일이 PDF 문서(이)라서 HTML 페이지나 텍스트가 아닙니다"
        )


def test_a_fetch_error_has_its_code_and_its_english_sentence():
    error = FetchError.because("https://x.example/", "not_found", status=404)
    assert error.code == "not_found"
    assert error.reason == "the page was not found (HTTP 404); check the URL"
    with translation.override("ko"):
        assert "페이지를 찾을 수 없습니다 (HTTP 404)" in str(reason_text(error.reason))


def test_a_reason_without_a_code_is_shown_as_it_came():
    with translation.override("ko"):
        assert str(reason_text("something <new> happened")) == "something &lt;new&gt; happened"
