"""A scale change in a real browser (issue 19): an admin makes the SNU FactCheck scale the
desk's in the Django admin, a reviewer records "대체로 사실 아님" in the panel, and the claim
becomes disputed. Screenshots of the panel (Korean, English, 390px) go to $CLAIMDESK_SHOTS
when it is set, for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.models import Claim, Verdict
from claims.scales import ensure_builtin_scales
from tests.browser.conftest import KOREAN, sign_in
from tests.factories import PASSWORD, make_article, make_claims, make_team, make_user

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("CLAIMDESK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def scale_desk(roles: None) -> dict[str, Any]:
    ensure_builtin_scales()  # transactional tests flush what the data migration made
    team = make_team()
    make_user("root", is_superuser=True, is_staff=True)
    article = make_article(sentences=KOREAN, language="ko", outlet="뉴스핌")
    return {"team": team, "article": article, "claims": make_claims(article)}


def _admin_switches_to_snu(browser: Any, base: str) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(base + "/admin/login/?next=/admin/claims/ratingscale/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/claims/ratingscale/")
    page.get_by_role("link", name="SNU FactCheck (six grades)").click()
    page.check("#id_active")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/claims/ratingscale/")
    expect(page.locator(".messagelist")).to_contain_text("SNU FactCheck")
    context.close()


def _open_claim(page: Any, base: str, article_pk: int, claim_pk: int) -> None:
    page.goto(f"{base}/articles/{article_pk}/")
    page.locator(f"#claim-{claim_pk} a").click()
    page.wait_for_selector(f'#claim-panel[data-claim="{claim_pk}"]')


def test_an_admin_switches_to_the_snu_scale_and_a_reviewer_rates_mostly_false(
    browser: Any, live_server: Any, scale_desk: dict[str, Any]
) -> None:
    base = live_server.url
    article, claim = scale_desk["article"], scale_desk["claims"][0]
    _admin_switches_to_snu(browser, base)

    context = browser.new_context(locale="ko-KR", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, base, "alice", PASSWORD)
    _open_claim(page, base, article.pk, claim.pk)
    choices = page.locator("#verdict-form fieldset.choices label")
    assert [t.strip() for t in choices.all_inner_texts()] == [
        "✓ 사실",
        "✓ 대체로 사실",
        "✗ 절반의 사실",
        "✗ 대체로 사실 아님",
        "✗ 사실 아님",
        "? 판단 유보",
    ]
    page.get_by_label("대체로 사실 아님").check()
    # The source's stance follows the grade's status (disputed: refutes).
    assert page.locator("#id_source-0-stance").input_value() == "refutes"
    page.fill("#id_source-0-url", "https://stats.example/letters")
    _shot(page, "scale-panel-ko-chosen")
    page.locator("#verdict-form button[type=submit]").click()
    page.wait_for_selector(f"#claim-{claim.pk}.st-disputed")
    expect(page.locator("#claim-panel ol.history")).to_contain_text("대체로 사실 아님")
    _shot(page, "scale-panel-ko-saved")
    assert Claim.objects.get(pk=claim.pk).status == "disputed"
    assert Verdict.objects.get(claim_id=claim.pk).grade == "mostly_false"

    # The v key picks the scale's first grade giving verified.
    _open_claim(page, base, article.pk, scale_desk["claims"][1].pk)
    page.locator("body").press("v")
    assert page.locator('#verdict-form input[value="true"]').is_checked()
    context.close()

    english = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    page = english.new_page()
    sign_in(page, base, "bob", PASSWORD)
    _open_claim(page, base, article.pk, claim.pk)
    expect(page.locator("#claim-panel ol.history")).to_contain_text("mostly false")
    _shot(page, "scale-panel-en")
    english.close()

    phone = browser.new_context(locale="ko-KR", viewport=PHONE, has_touch=True, is_mobile=True)
    page = phone.new_page()
    sign_in(page, base, "bob", PASSWORD)
    _open_claim(page, base, article.pk, claim.pk)
    page.locator("#verdict-form").scroll_into_view_if_needed()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    _shot(page, "scale-panel-ko-390")
    phone.close()
