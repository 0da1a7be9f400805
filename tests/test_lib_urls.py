"""lib.urls: the one check of web addresses people give; refuses rather than cleans."""

from __future__ import annotations

import pytest

from lib.urls import URLError, clean_http_url, is_http_url, looks_like_url


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("ht\ttp://host/x", "characters", "a tab at character 3"),
        ("\u0001http://host/x", "characters", "(U+0001) at character 1"),
        ("h\nttp://host/x", "characters", "a line break at character 2"),
        ("ht\ttp://x/../../etc/passwd", "characters", "a tab"),
        ("https://host/x ", "characters", "a space at character 15"),
        (" https://host/x", "characters", "a space at character 1"),
        ("https://ho\u00a0st/", "characters", "(U+00A0)"),
        ("https://\u202eelpmaxe.news/", "characters", "(U+202E)"),
        ("https://host/\x7f", "characters", "(U+007F)"),
        ("", "empty", "empty"),
        ("http://[::1", "unreadable", "cannot be read"),
        ("https://host:99999999/", "unreadable", "cannot be read"),
        ("https://host:port/", "unreadable", "cannot be read"),
        ("file:///etc/passwd", "scheme", "only http:// and https://"),
        ("javascript:alert(1)//https://x", "scheme", "only http:// and https://"),
        ("/etc/passwd", "scheme", "only http:// and https://"),
        ("http:///path", "host", "no host name"),
    ],
)
def test_refused_addresses_say_why(value, code, words):
    with pytest.raises(URLError) as refused:
        clean_http_url(value)
    assert refused.value.code == code
    assert words in refused.value.reason
    assert not is_http_url(value)


@pytest.mark.parametrize(
    "value",
    [
        "https://news.example/a",
        "HTTP://NEWS.EXAMPLE/A?q=1#top",
        "http://127.0.0.1:8080/x",
        "https://[2001:db8::1]/",
        "https://뉴스.example/기사/1",
        "https://news.example/a%09b",
    ],
)
def test_plain_http_addresses_come_back_unchanged(value):
    assert clean_http_url(value) == value
    assert is_http_url(value)


def test_the_command_line_tells_addresses_from_paths():
    assert looks_like_url("https://news.example/a")
    assert looks_like_url("ht\ttp://x/../../etc/passwd")  # an address, refused as one
    assert looks_like_url("ftp://files.example/a")
    assert not looks_like_url("samples/article.html")
    assert not looks_like_url("/tmp/page.txt")
