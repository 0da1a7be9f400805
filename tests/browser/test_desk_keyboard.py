"""The keyboard flow goes on after a save, Esc closes the claim, and a source's stance
follows the verdict (issue 18 items 2 and 3), in real Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from claims.models import Source, Verdict
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_article, make_claims, make_team

pytestmark = pytest.mark.browser

SENTENCES = [
    "The city spent $12 million on roads in 2024.",
    "Unemployment fell to 3.5 percent last year.",
    "Officials counted 35 new bridges.",
]


@pytest.fixture
def desk(roles: None) -> dict[str, Any]:
    make_team()
    article = make_article(sentences=SENTENCES)
    return {"article": article, "claims": make_claims(article)}


def active(page: Any, expression: str) -> Any:
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def test_after_a_save_focus_is_on_the_claim_and_j_moves_on(page: Any, live_server: Any, desk):
    base = live_server.url
    first, second, _ = desk["claims"]
    sign_in(page, base, "alice", PASSWORD)
    page.goto(f"{base}/articles/{desk['article'].pk}/")
    page.locator("body").press("j")
    page.wait_for_selector(f'#claim-panel[data-claim="{first.pk}"]')
    page.keyboard.press("d")
    assert active(page, "el.name") == "source-0-url"
    # The stance followed the verdict: a disputed verdict's source refutes.
    expect(page.locator("select[name=source-0-stance]")).to_have_value("refutes")
    page.keyboard.type("https://stats.example/roads-2024")
    page.keyboard.press("Enter")
    expect(page.locator("#claim-panel .saved")).to_be_visible()
    expect(page.locator(f"#claim-{first.pk}.st-disputed")).to_have_count(1)
    # Focus is back on the claim in the text, not in the emptied source field ...
    assert active(page, "el.closest('mark') && el.closest('mark').id") == f"claim-{first.pk}"
    # ... and the form shows the verdict just saved.
    expect(page.locator("#verdict-form input[value=disputed]")).to_be_checked()
    assert Source.objects.get().stance == "refutes"
    # So j opens the next claim instead of typing a "j".
    page.keyboard.press("j")
    page.wait_for_selector(f'#claim-panel[data-claim="{second.pk}"]')
    assert Verdict.objects.count() == 1
    expect(page.locator("input[name=source-0-url]")).to_have_value("")


def test_escape_leaves_the_field_then_closes_the_claim(page: Any, live_server: Any, desk):
    base = live_server.url
    article, first = desk["article"], desk["claims"][0]
    sign_in(page, base, "alice", PASSWORD)
    page.goto(f"{base}/articles/{article.pk}/")
    page.locator("body").press("j")
    page.wait_for_selector(f'#claim-panel[data-claim="{first.pk}"]')
    page.keyboard.press("s")
    assert active(page, "el.name") == "source-0-url"
    page.keyboard.press("Escape")
    assert active(page, "el.name || ''") != "source-0-url"
    expect(page.locator("#claim-panel")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator("#claim-panel")).to_have_count(0)
    expect(page.locator("#panel .shortcuts")).to_be_visible()
    assert page.url == f"{base}/articles/{article.pk}/"
    assert active(page, "el.closest('mark') && el.closest('mark').id") == f"claim-{first.pk}"
    # The close button does the same.
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#claim-panel[data-claim="{first.pk}"]')
    page.locator("#claim-panel [data-close-panel]").click()
    expect(page.locator("#claim-panel")).to_have_count(0)


def test_a_stance_that_contradicts_the_verdict_is_asked_again(page: Any, live_server: Any, desk):
    base = live_server.url
    first = desk["claims"][0]
    sign_in(page, base, "alice", PASSWORD)
    page.goto(f"{base}/claims/{first.pk}/")
    stance = page.locator("select[name=source-0-stance]")
    stance.select_option("supports")
    page.fill("input[name=source-0-url]", "https://stats.example/roads-2024")
    page.locator("#verdict-form label.st-disputed").click()
    # The hand-picked "supports" contradicts "disputed": cleared, flagged, not sent.
    expect(stance).to_have_value("")
    expect(stance).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".need-stance")).to_be_visible()
    page.locator("#verdict-form button[type=submit]").click()
    page.wait_for_timeout(300)
    assert not Verdict.objects.exists()
    assert active(page, "el.name") == "source-0-stance"
    stance.select_option("supports")  # chosen on purpose
    page.locator("#verdict-form button[type=submit]").click()
    expect(page.locator("#claim-panel .saved")).to_be_visible()
    assert Source.objects.get().stance == "supports"
