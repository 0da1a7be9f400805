"""Real headless Chromium (Debian's package) driven by Playwright against live_server.

Without /usr/bin/chromium these tests skip, unless CLAIMDESK_REQUIRE_BROWSER=1 says the
browser must be there, and then they fail.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.services import SourceInput, claim_dismiss, claim_record_verdict
from tests.factories import ensure_roles, make_article, make_claims, make_team

# live_server runs the app in a thread while Playwright's sync API holds an event loop here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CLAIMDESK_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " and CLAIMDESK_REQUIRE_BROWSER=1")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(live_server: Any) -> Iterator[Any]:
    """One Chromium for the session, started after the live server and closed before it
    stops: the server's request threads for the browser's kept-alive connections end when
    the browser goes, and each closes the database connections it was lent, which must
    still be shared then (the live server stops sharing the in-memory SQLite connection
    when it stops; a thread closing it afterwards raised in its own thread)."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()
    _join_request_threads()


def _join_request_threads(timeout: float = 10.0) -> None:
    """Waits for the live server's request threads (the browser's connections, closed)."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and "process_request_thread" in thread.name:
            thread.join(timeout)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def roles(transactional_db: Any) -> None:
    """The role groups again: transactional tests flush what the data migration made."""
    ensure_roles()


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(base + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")


KOREAN = [
    "정부는 유명희 본부장 지지를 요청하는 친서를 35개국에 보냈다.",
    "문 대통령은 독일과 러시아 등 5개국 정상과 전화통화를 했다.",
    "베인캐피탈이 보유한 클래시스 지분 61.57%를 약 6700억원에 인수한다.",
    "회사는 좋은 결과를 기대한다고 밝혔다.",
    "알리바바 주가는 올해 들어서만 66% 상승했다.",
]
ENGLISH = [
    "The city spent $12 million on roads in 2024, according to the budget office.",
    "Unemployment fell to 3.5 percent last year.",
    "The mayor said it was a good year.",
    "Officials counted 35 new bridges.",
]


@pytest.fixture
def desk(roles: None) -> dict[str, Any]:
    team = make_team()
    ko = make_article(sentences=KOREAN, language="ko", outlet="뉴스핌")
    en = make_article(sentences=ENGLISH, language="en", outlet="City Wire")
    ko_claims = make_claims(ko, attribution="청와대 대변인")
    en_claims = make_claims(en)
    src = [SourceInput("https://stats.example/report", title="Report", publisher="Office")]
    claim_record_verdict(
        claim=ko_claims[0], reviewer=team["alice"], verdict="verified", sources=src
    )
    claim_record_verdict(
        claim=ko_claims[1], reviewer=team["alice"], verdict="verified", sources=src
    )
    claim_record_verdict(claim=ko_claims[1], reviewer=team["bob"], verdict="disputed", sources=src)
    claim_record_verdict(claim=ko_claims[2], reviewer=team["bob"], verdict="unverifiable")
    claim_dismiss(claim=ko_claims[3], actor=team["alice"], reason="의견")
    claim_record_verdict(claim=en_claims[0], reviewer=team["bob"], verdict="disputed", sources=src)
    return {"ko": ko, "en": en, "ko_claims": ko_claims, "en_claims": en_claims}
