"""Bytes in, articles out: main text and metadata of HTML pages and text documents.

Plain Python: nothing here imports Django.
"""

from __future__ import annotations

import re

from articles.parsing.decode import decode_bytes, sniff_binary
from articles.parsing.html import parse_html
from articles.parsing.text import detect_language, finish, parse_text
from articles.parsing.types import MAX_BODY_CHARS, ParsedArticle, ParseError

__all__ = [
    "MAX_BODY_CHARS",
    "ParseError",
    "ParsedArticle",
    "decode_bytes",
    "detect_language",
    "parse_document",
    "parse_html",
    "parse_text",
]

HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.I | re.S,
)
REFUSED_TYPES = (
    "application/pdf",
    "image/",
    "audio/",
    "video/",
    "application/zip",
    "application/octet-stream",
)


def _charset(content_type: str) -> str:
    match = re.search(r"charset=([\w.:-]+)", content_type, re.I)
    return match.group(1) if match else ""


def _is_html(data: bytes, *, filename: str, content_type: str) -> bool:
    if "html" in content_type.lower():
        return True
    if filename.lower().endswith((".html", ".htm", ".xhtml", ".html.gz")):
        return True
    return bool(HTML_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")))


def parse_document(
    data: bytes,
    *,
    filename: str = "",
    url: str = "",
    content_type: str = "",
    max_bytes: int = 10 * 1024 * 1024,
    max_chars: int = MAX_BODY_CHARS,
    fallbacks: bool = True,
) -> list[ParsedArticle]:
    """The articles in a document (HTML or plain text, any encoding); ParseError says why not.
    ``fallbacks=False`` skips searching a page's text for an author or date its metadata
    does not give (see ``parse_html``)."""
    if not data:
        raise ParseError.because("empty")
    if len(data) > max_bytes:
        raise ParseError.because("too_large", size=len(data), limit=max_bytes)
    kind = content_type.split(";")[0].strip().lower()
    if kind.startswith(REFUSED_TYPES):
        raise ParseError.because("refused_type", kind=kind)
    binary = sniff_binary(data)
    if binary:
        raise ParseError.because("binary", what=binary)
    text = decode_bytes(data, declared=_charset(content_type))
    if not text.strip():
        raise ParseError.because("blank")
    if _is_html(data, filename=filename, content_type=content_type):
        return finish(parse_html(text, url=url, fallbacks=fallbacks), max_chars=max_chars)
    return parse_text(text, url=url, max_chars=max_chars)
