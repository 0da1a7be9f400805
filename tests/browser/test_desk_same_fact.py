"""The panel in Chromium: a conflict across articles shown side by side (Korean and
English, 1280 and 390 pixels wide), and a suggested match confirmed with one click.
Screenshots go to $CLAIMDESK_SHOTS when it is set (for a human to look at)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.models import Claim, ClaimEvent, ClaimLink
from claims.pipeline import ingest_text
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_team

pytestmark = pytest.mark.browser

NEWSPIM = (
    "문재인 대통령은 8일 유명희 산업통상자원부 통상교섭본부장과 통화했다. 정부는 유명희 "
    "본부장의 WTO 사무총장 선출을 지지해 달라며 35개국에 친서를 보냈다고 청와대가 밝혔다."
)
OTHER_KO = (
    "청와대에 따르면 정부는 유명희 통상교섭본부장의 WTO 사무총장 당선을 지지해 달라며 "
    "30개국에 친서를 보냈다. 문 대통령은 이날 통화에서 격려했다."
)
ENGLISH = (
    "The government sent letters to 35 countries asking them to back Yoo Myung-hee for WTO "
    "director-general, the presidential office said."
)


@pytest.fixture
def stories(roles: None) -> dict[str, Claim]:
    """Three reports ingested as the pipeline does (the analysis runs after each commit)."""
    make_team()
    for text in (NEWSPIM, OTHER_KO, ENGLISH):
        ingest_text(text, title="친서")
    return {
        "ko30": Claim.objects.get(text__contains="30개국"),
        "ko35": Claim.objects.get(text__contains="35개국"),
        "call": Claim.objects.get(text__startswith="문재인 대통령은 8일"),
    }


def shoot(page: Any, name: str) -> None:
    shots = os.environ.get("CLAIMDESK_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("locale", ["en-US", "ko-KR"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_panel_shows_a_conflict_side_by_side(
    browser: Any, live_server: Any, stories: dict[str, Claim], locale: str, width: int
):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, "alice", PASSWORD)
    page.goto(f"{live_server.url}/claims/{stories['ko30'].pk}/")
    card = page.locator(".conflict-card").first
    expect(card).to_be_visible()
    title = "Conflicting figures" if locale == "en-US" else "수치 충돌"
    expect(card.locator(".conflict-title")).to_contain_text(title)
    expect(card.locator(".conflict-title")).to_contain_text("30개국")
    expect(card.locator(".conflict-title")).to_contain_text("35")
    passages = card.locator(".side-by-side blockquote")
    expect(passages).to_have_count(2)
    expect(passages.nth(0)).to_contain_text("30개국")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    card.scroll_into_view_if_needed()
    shoot(page, f"same-fact-conflict-{locale[:2]}-{width}")
    context.close()


def test_a_reviewer_confirms_a_suggested_match_in_the_panel(
    page: Any, live_server: Any, stories: dict[str, Claim]
):
    call = stories["call"]
    pending = ClaimLink.objects.get(state=ClaimLink.State.SUGGESTED, conflict=False, claim_a=call)
    sign_in(page, live_server.url, "alice", PASSWORD)
    page.goto(f"{live_server.url}/articles/{call.article_id}/")
    page.locator(f"#claim-{call.pk} a").click()
    page.wait_for_selector(f'#claim-panel[data-claim="{call.pk}"]')
    suggestion = page.locator(".suggestion-card")
    expect(suggestion).to_contain_text(f"#{pending.claim_b_id}")
    shoot(page, "same-fact-suggestion-en-1280")
    suggestion.get_by_role("button", name="Same fact").click()
    expect(page.locator(".appearances")).to_contain_text("confirmed")
    expect(page.locator(".suggestion-card")).to_have_count(0)
    assert ClaimLink.objects.get(pk=pending.pk).state == ClaimLink.State.CONFIRMED
    assert ClaimEvent.objects.filter(
        claim=call, action=ClaimEvent.Action.LINK_CONFIRMED, actor__username="alice"
    ).exists()
    expect(page.locator(".history")).to_contain_text(f"#{pending.claim_b_id}")


def test_the_panel_explains_an_inconsistent_stake_in_both_languages(
    browser: Any, live_server: Any, roles: None
):
    """The seed page with the stake's value edited (2조8000억원): the panel shows the check
    flagged, the formula in the reader's language and each figure's interval."""
    from tests.conftest import corpus_path

    make_team()
    page_text = corpus_path("newspim-2020-10-08-wto-page.txt").read_text(encoding="utf-8")
    ingest_text(page_text.replace("2조3000억원", "2조8000억원"))
    claim = Claim.objects.get(text__contains="2조8000억원")
    looked = 0
    for locale, width in (("en-US", 1280), ("ko-KR", 1280), ("ko-KR", 390), ("en-US", 390)):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server.url, "alice", PASSWORD)
        page.goto(f"{live_server.url}/claims/{claim.pk}/")
        card = page.locator(".check-card.outcome-inconsistent")
        expect(card).to_have_count(1)
        formula = "stake value = market value × share" if locale == "en-US" else "지분 가치"
        expect(card.locator(".formula")).to_contain_text(formula)
        expect(card.locator(".intervals")).to_contain_text("2조8000억원")
        expect(card.locator(".intervals")).to_contain_text("61.57%")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        card.scroll_into_view_if_needed()
        shoot(page, f"arithmetic-inconsistent-{locale[:2]}-{width}")
        context.close()
        looked += 1
    assert looked == 4
