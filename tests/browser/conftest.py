"""Real headless Chromium (Debian's package) driven by Playwright against live_server.

Without /usr/bin/chromium these tests skip, unless CLAIMDESK_REQUIRE_BROWSER=1 says the
browser must be there, and then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.factories import ensure_roles

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
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


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
