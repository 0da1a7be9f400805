"""Bad documents give a ParseError whose message says why; odd encodings decode correctly."""

import gzip
import io
import zipfile

import pytest

from articles.parsing import ParseError, decode_bytes, parse_document, parse_html

KOREAN = (
    "정부는 8일 세계무역기구 사무총장 선거 결과를 발표했다. 유명희 본부장이 최종 라운드에 진출했다."
)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


def test_empty_document_is_refused_as_empty() -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_document(b"")


def test_whitespace_only_document_is_refused() -> None:
    with pytest.raises(ParseError, match="white space"):
        parse_document(b"  \n\t \r\n ")


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n1 0 obj<<>>endobj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (_zip(), "ZIP"),
        (gzip.compress(b"<html></html>", mtime=0), "gzip"),  # fixed bytes: xdist workers must agree
        (b"abc\x00def\x00\x01\x02", "binary"),
    ],
)
def test_binary_files_are_refused_naming_their_kind(data: bytes, named: str) -> None:
    with pytest.raises(ParseError, match=named):
        parse_document(data, filename="upload.txt")


def test_binary_content_type_is_refused() -> None:
    with pytest.raises(ParseError, match="application/pdf"):
        parse_document(b"hello world", content_type="application/pdf")


def test_document_over_the_size_limit_is_refused_with_both_sizes() -> None:
    with pytest.raises(ParseError, match=r"2,000 bytes, over the 1,000-byte limit"):
        parse_document(b"a" * 2000, max_bytes=1000)


def test_invalid_utf8_that_is_no_known_encoding_is_refused() -> None:
    junk = bytes(range(0x80, 0x100)) * 40
    with pytest.raises(ParseError, match="encoding"):
        decode_bytes(junk, declared="utf-8")


def test_euc_kr_without_declared_charset_decodes_to_korean() -> None:
    data = KOREAN.encode("euc-kr")
    assert decode_bytes(data) == KOREAN
    (article,) = parse_document(data, filename="note.txt")
    assert "세계무역기구" in article.body
    assert article.language == "ko"


def test_euc_kr_html_declared_in_meta_decodes() -> None:
    html = (
        '<html><head><meta charset="euc-kr"><title>제목입니다</title></head>'
        f"<body><article><p>{KOREAN}</p><p>{KOREAN}</p></article></body></html>"
    )
    (article,) = parse_document(html.encode("euc-kr"))
    assert "세계무역기구" in article.body


def test_wrongly_declared_charset_falls_back_to_the_real_encoding() -> None:
    data = KOREAN.encode("utf-8")
    assert decode_bytes(data, declared="euc-kr") == KOREAN
    data = KOREAN.encode("cp949")
    assert decode_bytes(data, declared="utf-8") == KOREAN


def test_mojibake_decoding_is_never_returned() -> None:
    text = decode_bytes(KOREAN.encode("cp949"), declared="iso-8859-1")
    assert text == KOREAN


def test_malformed_html_still_gives_its_text() -> None:
    html = (
        "<html><head><title>Broken page</title><body><div><p>"
        + "The minister said unemployment fell to 3.1 percent in March, the lowest in years. " * 5
        + "<p><b>Unclosed <i>tags everywhere</div>"
    )
    (article,) = parse_html(html)
    assert "3.1 percent" in article.body


def test_page_with_no_article_is_refused_saying_so() -> None:
    html = (
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with pytest.raises(ParseError, match="no article text"):
        parse_html(html)


def test_html_that_is_only_markup_is_refused() -> None:
    with pytest.raises(ParseError):
        parse_document(b"<html><body><script>var a = 1;</script></body></html>")
