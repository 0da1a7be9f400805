"""Blind review in Chromium: a reviewer opens a claim an editor marked blind and sees "in
review" and no other verdict, source or note (English and Korean, 1280 and 390 pixels
wide), records their own verdict in the panel, and then sees the other reviewer's.
Screenshots go to $CLAIMDESK_SHOTS when it is set (for a human to look at)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from claims.services import SourceInput, claim_record_verdict, claim_set_blind
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_article, make_claims, make_team

pytestmark = pytest.mark.browser

SECRET_URL = "https://ledger.example/alice-table"
SECRET_NOTE = "matched against the ministry ledger"
SENTENCE = "정부는 유명희 본부장 지지를 요청하는 친서를 35개국에 보냈다."


@pytest.fixture
def judged(roles: None) -> Claim:
    team = make_team()
    claim = make_claims(make_article(sentences=[SENTENCE], language="ko"))[0]
    claim_set_blind(claim=claim, actor=team["erin"], blind=True)
    claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="verified",
        note=SECRET_NOTE,
        sources=[SourceInput(url=SECRET_URL, title="Ministry table")],
    )
    return claim


def shoot(page: Any, name: str) -> None:
    shots = os.environ.get("CLAIMDESK_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("locale", ["en-US", "ko-KR"])
@pytest.mark.parametrize("width", [1280, 390])
def test_a_blind_reviewer_sees_in_review_and_nothing_of_the_other_verdict(
    browser: Any, live_server: Any, judged: Claim, locale: str, width: int
):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, "bob", PASSWORD)
    page.goto(f"{live_server.url}/claims/{judged.pk}/")
    box = page.locator("#claim-panel .blind-box")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Blind review" if locale == "en-US" else "블라인드 검증")
    expect(page.locator("#panel-title .badge")).to_contain_text(
        "in review" if locale == "en-US" else "검증 중"
    )
    html = page.content()
    assert SECRET_URL not in html and SECRET_NOTE not in html
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box.scroll_into_view_if_needed()
    shoot(page, f"blind-panel-{locale[:2]}-{width}")
    context.close()


def test_the_other_verdict_shows_once_the_reviewer_records_their_own(
    page: Any, live_server: Any, judged: Claim
):
    sign_in(page, live_server.url, "bob", PASSWORD)
    page.goto(f"{live_server.url}/articles/{judged.article_id}/")
    page.locator(f"#claim-{judged.pk} a").click()
    page.wait_for_selector(f'#claim-panel[data-claim="{judged.pk}"]')
    expect(page.locator(f"#claim-{judged.pk}")).to_have_class(re.compile(r"\bst-in_review\b"))
    page.locator("#verdict-form input[name=verdict][value=disputed]").check()
    page.fill("#verdict-form [name=source-0-url]", "https://stats.example/bob")
    page.locator("#verdict-form button[type=submit]").click()
    expect(page.locator("#claim-panel .history")).to_contain_text(SECRET_NOTE)
    expect(page.locator(f'#claim-panel a[href="{SECRET_URL}"]')).to_have_count(1)
    expect(page.locator("#claim-panel .blind-box")).to_have_count(0)
    expect(page.locator("#panel-title .badge")).to_contain_text("contested")
    assert Claim.objects.get(pk=judged.pk).status == "contested"
    shoot(page, "blind-panel-after-own-verdict-en-1280")
