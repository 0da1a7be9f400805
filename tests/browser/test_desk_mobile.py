"""At 390px: the queue's rows are cards that fit the screen, and tapping a claim opens its
panel as a bottom sheet with the claim in view above it (issue 18 item 5)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import KOREAN, sign_in
from tests.factories import PASSWORD, make_article, make_claims, make_team

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
FILLER = [f"문단 {i}: 이 문장은 화면을 채우는 설명으로, 확인할 주장이 아니다." for i in range(30)]


@pytest.fixture
def desk(roles: None) -> dict[str, Any]:
    make_team()
    article = make_article(sentences=[*FILLER, *KOREAN], language="ko", outlet="뉴스핌")
    claims = make_claims(article)
    return {"article": article, "claims": claims[len(FILLER) :]}


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(locale="ko-KR", viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def box(page: Any, selector: str) -> dict[str, float]:
    return page.locator(selector).first.bounding_box()


def test_the_queue_is_cards_that_fit_a_phone(phone: Any, live_server: Any, desk: dict):
    sign_in(phone, live_server.url, "erin", PASSWORD)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    rows = phone.locator("table.queue tbody tr")
    assert rows.count() >= 3
    for i in range(rows.count()):
        row = rows.nth(i).bounding_box()
        assert row["x"] >= 0 and row["x"] + row["width"] <= PHONE["width"], i


def test_a_tapped_claim_opens_a_bottom_sheet_with_the_claim_above_it(
    phone: Any, live_server: Any, desk: dict
):
    base = live_server.url
    sign_in(phone, base, "alice", PASSWORD)
    phone.goto(f"{base}/articles/{desk['article'].pk}/")
    claim = desk["claims"][2]  # far down the article, below the first screen
    assert box(phone, f"#claim-{claim.pk}")["y"] > PHONE["height"]
    phone.locator(f"#claim-{claim.pk} a").tap()
    phone.wait_for_selector(f'#claim-panel[data-claim="{claim.pk}"]')
    expect(phone.locator("#panel.open")).to_be_visible()
    sheet = box(phone, "#panel")
    assert sheet["y"] > 0 and sheet["y"] + sheet["height"] <= PHONE["height"] + 1
    assert sheet["y"] < PHONE["height"] * 0.6  # it shows, not a sliver
    mark = box(phone, f"#claim-{claim.pk}")
    assert mark["y"] >= 0 and mark["y"] + min(mark["height"], 40) <= sheet["y"], (mark, sheet)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The sheet closes, and the article is whole again.
    phone.locator("#claim-panel [data-close-panel]").tap()
    expect(phone.locator("#panel.open")).to_have_count(0)
    expect(phone.locator("#claim-panel")).to_have_count(0)
