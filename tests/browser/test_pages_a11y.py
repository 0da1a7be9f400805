"""Every page of the review interface in both languages: axe-core finds no serious or
critical violation. Screenshots go to $CLAIMDESK_SHOTS when it is set (for a human to look at).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _check(page: Any, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    shots = os.environ.get("CLAIMDESK_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        # Unstick the panel so a full-page picture shows all of it.
        page.evaluate(
            "() => { const p = document.getElementById('panel');"
            " if (p) { p.style.maxHeight = 'none'; p.style.position = 'static'; } }"
        )
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)
    results = Axe().run(page)
    bad = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, (name, bad)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_pages_have_no_serious_accessibility_violations(
    browser: Any, live_server: Any, desk: dict, language: str
) -> None:
    context = browser.new_context(
        locale="ko-KR" if language == "ko" else "en-US", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    base = live_server.url
    try:
        page.goto(base + "/accounts/login/")
        assert page.locator("html").get_attribute("lang") == language
        _check(page, f"{language}-login")
        sign_in(page, base, "erin", PASSWORD)
        _check(page, f"{language}-queue")
        article = desk[language]
        page.goto(f"{base}/articles/{article.pk}/")
        _check(page, f"{language}-article")
        contested = desk[f"{language}_claims"][1 if language == "ko" else 0]
        page.locator(f"#claim-{contested.pk} a").click()
        page.wait_for_selector(f'#claim-panel[data-claim="{contested.pk}"]')
        _check(page, f"{language}-panel")
        page.goto(f"{base}/dashboard/")
        _check(page, f"{language}-dashboard")
        page.goto(f"{base}/ingest/")
        _check(page, f"{language}-ingest")
    finally:
        context.close()
