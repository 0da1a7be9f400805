"""The fetcher's SSRF guard, limits and errors, against servers on 127.0.0.1 (no internet).

Every refusal is checked on both paths that fetch what people give: ingestion (an article's
URL, ``articles.fetch.fetch``) and the source archive (a verdict's source URL,
``articles.snapshot.take_snapshot``), through the ``fetcher`` fixture.
"""

import gzip
import socket
import time
import zlib

import pytest

from articles.fetch import FetchError, fetch, refused_address
from articles.snapshot import SnapshotLimits, Unreachable, take_snapshot
from tests.localserver import QuietHandler, serve_handler

# One server serves the whole module: each test starts with a fetcher that remembers no
# robots.txt and no last request to it.
pytestmark = pytest.mark.usefixtures("fresh_fetcher")

PAGE = (
    "<html><head><title>t</title></head><body><p>정부는 35개국에 친서를 보냈다.</p></body></html>"
)
BOMB = gzip.compress(b"a" * (20 * 1024 * 1024))
DEFLATE_BOMB = zlib.compress(b"a" * (20 * 1024 * 1024))


class Handler(QuietHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802
        route = self.routes.get(self.path)
        if route is None:
            self._send(404, "text/plain", b"missing")
            return
        route(self)

    def _send(self, status, content_type, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if not any(name == "Content-Length" for name, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _redirect(to):
    return lambda h: h._send(302, "text/html", b"", [("Location", to)])


def _drip(h):
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100")
    h.end_headers()
    for _ in range(100):
        try:
            h.wfile.write(b"a")
            h.wfile.flush()
        except OSError:
            return
        time.sleep(0.1)


ROUTES = {
    "/ok": lambda h: h._send(200, "text/html; charset=utf-8", PAGE.encode()),
    "/euckr": lambda h: h._send(200, "text/html; charset=euc-kr", PAGE.encode("euc-kr")),
    "/hop": _redirect("/ok"),
    "/to-private": _redirect("http://10.0.0.1/x"),
    "/to-metadata": _redirect("http://169.254.169.254/latest/meta-data/"),
    "/to-loopback": _redirect("http://127.0.0.2/x"),
    "/to-ipv6-loopback": _redirect("http://[::1]/x"),
    "/to-file": _redirect("file:///etc/passwd"),
    "/to-ftp": _redirect("ftp://example.com/x"),
    "/loop": _redirect("/loop"),
    "/404": lambda h: h._send(404, "text/html", b"no"),
    "/500": lambda h: h._send(500, "text/html", b"no"),
    "/503": lambda h: h._send(503, "text/html", b"no"),
    "/pdf": lambda h: h._send(200, "application/pdf", b"%PDF-1.4"),
    "/png": lambda h: h._send(200, "image/png", b"\x89PNG"),
    "/big": lambda h: h._send(200, "text/html", b"a" * 300_000),
    "/big-declared": lambda h: h._send(200, "text/html", b"a", [("Content-Length", "999999999")]),
    "/bomb": lambda h: h._send(200, "text/html", BOMB, [("Content-Encoding", "gzip")]),
    "/deflate-bomb": lambda h: h._send(
        200, "text/html", DEFLATE_BOMB, [("Content-Encoding", "deflate")]
    ),
    "/octet": lambda h: h._send(200, "application/octet-stream", b"\x00\x01"),
    "/zip": lambda h: h._send(200, "application/zip", b"PK\x03\x04"),
    "/hang": lambda h: time.sleep(3),
    "/drip": _drip,
    "/robots.txt": lambda h: h._send(200, "text/plain", b"User-agent: *\nDisallow: /private\n"),
    "/private/page": lambda h: h._send(200, "text/html", PAGE.encode()),
}


@pytest.fixture(scope="module")
def server():
    Handler.routes = ROUTES
    with serve_handler(Handler) as base:
        yield base


def archive_source(url, **options):
    """The source archive's fetch, with ``fetch``'s arguments; a FetchError when refused."""
    options.setdefault("timeout", 20.0)
    result = take_snapshot(url, limits=SnapshotLimits(**options))
    if isinstance(result, Unreachable):
        raise FetchError(url, result.reason, transient=result.transient, status=result.status)
    return result


@pytest.fixture(params=["ingestion", "source archive"])
def fetcher(request):
    """Each path that fetches a URL a person gave: an article's, or a verdict's source."""
    return fetch if request.param == "ingestion" else archive_source


def get(url, fetcher=fetch, **kwargs):
    options = {
        "allowed_networks": ("127.0.0.1/32",),
        "min_delay": 0,
        "timeout": 5,
        "user_agent": "TestBot",
    }
    return fetcher(url, **{**options, **kwargs})


def test_fetches_a_page_with_its_charset(server):
    result = get(f"{server}/euckr")
    assert result.status == 200
    assert result.charset.lower() == "euc-kr"
    assert "35개국".encode("euc-kr") in result.data


def test_follows_a_redirect_and_reports_the_final_url(server):
    result = get(f"{server}/hop")
    assert result.final_url.endswith("/ok")


def test_loopback_is_refused_unless_allowed(server, fetcher):
    local = server.replace("127.0.0.1", "localhost")  # a host name that resolves to loopback
    with pytest.raises(FetchError, match="loopback address; only public"):
        fetcher(f"{local}/ok", min_delay=0, respect_robots=False, user_agent="TestBot")
    assert get(f"{local}/ok", fetcher, allow_loopback=True).status == 200


@pytest.mark.parametrize(
    ("path", "why"),
    [("/to-private", "private"), ("/to-metadata", "cloud metadata"),
     ("/to-loopback", "loopback"), ("/to-ipv6-loopback", "loopback")],
)  # fmt: skip
def test_a_redirect_to_a_private_address_is_refused(server, fetcher, path, why):
    with pytest.raises(FetchError, match=f"{why} address; only public"):
        get(f"{server}{path}", fetcher)


@pytest.mark.parametrize(("address", "why"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.0.0.1", "private"),
    ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("169.254.1.1", "link-local"),
    ("169.254.169.254", "cloud metadata"), ("fd00:ec2::254", "cloud metadata"),
    ("100.64.0.1", "reserved"), ("fd12:3456::1", "private"), ("fec0::1", "site-local"),
    ("fe80::1", "link-local"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "reserved"),
    ("::ffff:10.0.0.1", "private"), ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:169.254.169.254", "cloud metadata"),
])  # fmt: skip
def test_each_refused_range_is_named(address, why):
    assert refused_address(address) == why


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1::1", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert refused_address(address) is None


def test_allowed_networks_open_only_their_range():
    assert refused_address("127.0.0.1", ("127.0.0.1/32",)) is None
    assert refused_address("127.0.0.2", ("127.0.0.1/32",)) == "loopback"
    assert refused_address("10.0.0.1", ("127.0.0.1/32",)) == "private"


def test_credentials_in_the_url_do_not_bypass_the_guard(server, fetcher):
    with_user = server.replace("http://", "http://user:pw@")
    assert get(f"{with_user}/ok", fetcher).status == 200
    with pytest.raises(FetchError, match="loopback address"):
        fetcher(f"{with_user}/ok", min_delay=0, respect_robots=False, user_agent="TestBot")
    with pytest.raises(FetchError, match="loopback address"):
        fetcher("http://10.0.0.1@127.0.0.1:8080/", user_agent="TestBot", min_delay=0)


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/", "http://127.0.0.1:x/"])
def test_an_odd_port_is_refused_clearly(url, fetcher):
    with pytest.raises(FetchError, match="invalid port"):
        get(url, fetcher)


@pytest.mark.parametrize(("path", "scheme"), [("/to-file", "file"), ("/to-ftp", "ftp")])
def test_a_redirect_to_another_scheme_is_refused(server, fetcher, path, scheme):
    with pytest.raises(FetchError, match=f"{scheme}: URL"):
        get(f"{server}{path}", fetcher)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/", "javascript:alert(1)", "gopher://x/"]
)
def test_only_http_urls_are_fetched(url, fetcher):
    with pytest.raises(FetchError, match="only http"):
        fetcher(url, user_agent="TestBot")


@pytest.mark.parametrize(
    "address", ["10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.169.254", "100.64.0.1", "::1",
                "fd00:ec2::254", "::ffff:127.0.0.1", "0.0.0.0"]
)  # fmt: skip
def test_a_host_resolving_to_a_refused_address_is_refused(monkeypatch, fetcher, address):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    info = [
        (
            family,
            socket.SOCK_STREAM,
            6,
            "",
            (address, 80, 0, 0) if ":" in address else (address, 80),
        )
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: info)
    with pytest.raises(FetchError, match="address; only public web pages"):
        fetcher("http://innocent.example/page", min_delay=0, respect_robots=False, user_agent="T")


def test_too_many_redirects(server, fetcher):
    with pytest.raises(FetchError, match="too many redirects"):
        get(f"{server}/loop", fetcher)


@pytest.mark.parametrize(("path", "words", "transient"), [
    ("/404", "not found", False), ("/500", "HTTP 500", True), ("/503", "HTTP 503", True),
])  # fmt: skip
def test_http_errors_say_what_happened(server, fetcher, path, words, transient):
    with pytest.raises(FetchError, match=words) as error:
        get(f"{server}{path}", fetcher)
    assert error.value.transient is transient
    assert error.value.status == int(path[1:])


@pytest.mark.parametrize("path", ["/pdf", "/png", "/octet", "/zip"])
def test_non_html_content_is_refused(server, path):
    with pytest.raises(FetchError, match="not a web page"):
        get(f"{server}{path}")


@pytest.mark.parametrize("path", ["/png", "/octet", "/zip"])
def test_the_source_archive_takes_pdf_but_refuses_other_binary_content(server, path):
    with pytest.raises(FetchError, match="not a web page"):
        get(f"{server}{path}", archive_source)
    assert get(f"{server}/pdf", archive_source).status == 200


@pytest.mark.parametrize("path", ["/big", "/big-declared", "/bomb", "/deflate-bomb"])
def test_bodies_over_the_limit_are_refused(server, fetcher, path):
    with pytest.raises(FetchError, match="limit"):
        get(f"{server}{path}", fetcher, max_bytes=100_000)


def test_a_dripping_server_hits_the_total_deadline(server, fetcher):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too long") as error:
        get(f"{server}/drip", fetcher, timeout=1.5)
    assert time.monotonic() - started < 5
    assert error.value.transient


def test_robots_txt_is_honoured(server, fetcher):
    with pytest.raises(FetchError, match="robots.txt"):
        get(f"{server}/private/page", fetcher)
    assert get(f"{server}/private/page", fetcher, respect_robots=False).status == 200


def test_unreachable_host_is_a_transient_error(fetcher):
    with pytest.raises(FetchError, match="could not connect") as error:
        get("http://127.0.0.1:1/", fetcher, respect_robots=False)
    assert error.value.transient


def test_a_silent_server_times_out_as_a_transient_error(server, fetcher):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too long") as error:
        get(f"{server}/hang", fetcher, timeout=1)
    assert time.monotonic() - started < 2.5
    assert error.value.transient


def test_a_missing_robots_txt_allows_every_page(server, monkeypatch):
    monkeypatch.delitem(Handler.routes, "/robots.txt")
    assert get(f"{server}/private/page").status == 200
