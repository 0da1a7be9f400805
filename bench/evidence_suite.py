"""The rendering suite, run: each rendering and decoy of ``bench/evidence_data.py`` served as
a page on 127.0.0.1 (HTML in UTF-8 or EUC-KR, with the charset in the header or only in the
page, plain text, and PDF), fetched through the real fetcher (``articles.snapshot``, the
source archive's path, loopback opened for the test server only) and held against the
claim's figure with ``claims.evidence.corroborate``.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from articles.snapshot import Snapshot, SnapshotLimits, take_snapshot
from bench.evidence_data import CASES, Case
from claims.evidence import corroborate
from claims.extraction.figures import extract_figures
from lib.language import detect_language

LIMITS = SnapshotLimits(
    user_agent="ClaimdeskBench", timeout=10, min_delay=0, respect_robots=False,
    allowed_networks=("127.0.0.1/32",),
)  # fmt: skip
FILLER = {
    "ko": (
        "업계에 따르면 이번 일은 지난 2019년부터 시장의 관심을 끌어 왔다.",
        "회사 측은 구체적인 내용은 밝히지 않았다. 관계자는 추가 설명을 거부했다.",
    ),
    "en": (
        "Industry officials said the matter had drawn attention since 2019.",
        "The company declined to give details, and officials would not comment further.",
    ),
}
Page = tuple[int, str, bytes]  # status, content type, body


class PageServer:
    """Pages by path on a free port of 127.0.0.1; ``pages`` may change while it serves."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                status, kind, body = pages.get(self.path, (404, "text/plain", b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator[PageServer]:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()


def page_of(sentence: str, variant: int) -> tuple[str, bytes]:
    """A page carrying ``sentence`` between two paragraphs of filler, in one of five forms."""
    language = detect_language(sentence)
    first, last = FILLER[language]
    paragraphs = (first, sentence, last)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    head = "<title>기사</title>" if language == "ko" else "<title>Report</title>"
    document = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    if variant == 1 and language == "ko":
        meta = '<meta charset="euc-kr">'
        return "text/html; charset=euc-kr", document.replace("<head>", "<head>" + meta).encode(
            "cp949"
        )
    if variant == 2:
        meta = '<meta charset="utf-8">'
        return "text/html", document.replace("<head>", "<head>" + meta).encode()
    if variant == 3:
        return "text/plain; charset=utf-8", "\n\n".join(paragraphs).encode()
    if variant == 4 and language == "en" and sentence.isascii():
        from bench.pdfs import make_pdf

        return "application/pdf", make_pdf([list(paragraphs)], title="Report")
    return "text/html; charset=utf-8", document.encode()


def claim_figure(case: Case) -> dict[str, object]:
    """The figure of a case's claim as ``Claim.figures`` stores it."""
    language = detect_language(case.claim)
    [figure] = [f for f in extract_figures(case.claim, language=language) if f.text == case.figure]
    return figure.as_dict()


@dataclass
class SuiteResult:
    renderings: int = 0
    found: int = 0
    decoys: int = 0
    false_found: int = 0
    unreachable: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    forms: dict[str, int] = field(default_factory=dict)


def run_suite(cases: tuple[Case, ...] = CASES) -> SuiteResult:
    """Every rendering and decoy, served, fetched and corroborated."""
    result = SuiteResult()
    server = PageServer()
    with server.running():
        for number, case in enumerate(cases):
            figure = claim_figure(case)
            for kind, sentences in (("rendering", case.renderings), ("decoy", case.decoys)):
                for index, sentence in enumerate(sentences):
                    path = f"/{number}/{kind}/{index}"
                    content_type, body = page_of(sentence, (number + index) % 5)
                    server.pages[path] = (200, content_type, body)
                    form = content_type.split(";")[0] + (
                        "" if "charset" not in content_type else " " + content_type.split("=")[-1]
                    )
                    result.forms[form] = result.forms.get(form, 0) + 1
                    state = _state(server.base + path, figure)
                    _count(result, kind, state, f"{case.figure} | {sentence} -> {state}")
    return result


def _state(url: str, figure: dict[str, object]) -> str:
    snapshot = take_snapshot(url, limits=LIMITS)
    if not isinstance(snapshot, Snapshot):
        return "unreachable"
    found = corroborate([figure], snapshot.text, language=snapshot.page.language)
    return found.figures[0].state


def _count(result: SuiteResult, kind: str, state: str, what: str) -> None:
    if state == "unreachable":
        result.unreachable += 1
    if kind == "rendering":
        result.renderings += 1
        if state == "found":
            result.found += 1
        else:
            result.misses.append(what)
    else:
        result.decoys += 1
        if state in ("found", "found_derived"):
            result.false_found += 1
            result.false.append(what)
