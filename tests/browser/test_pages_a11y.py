"""Every page of the review interface in both languages: axe-core finds no serious or
critical violation. Screenshots go to $CLAIMDESK_SHOTS when it is set (for a human to look at).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from claims.services import SourceInput, claim_dismiss, claim_record_verdict
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_article, make_claims, make_team

pytestmark = pytest.mark.browser

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
