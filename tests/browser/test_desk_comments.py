"""Comments and notifications in Chromium (issue 19): a reviewer comments with a mention,
the mentioned colleague sees the unread count in the header and the notification in the
inbox, and opening it brings the claim's panel with the comment; in Korean and at 390px.
Screenshots go to $CLAIMDESK_SHOTS when it is set (for a person to look at)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.comments import comment_post
from tests.browser.conftest import ENGLISH, KOREAN, sign_in
from tests.factories import PASSWORD, make_article, make_claims, make_team

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def desk(roles: None) -> dict[str, Any]:
    team = make_team()
    en = make_claims(make_article(sentences=ENGLISH, language="en", outlet="City Wire"))
    ko = make_claims(make_article(sentences=KOREAN, language="ko", outlet="뉴스핌"))
    return {"team": team, "en": en, "ko": ko}


def shoot(page: Any, name: str) -> None:
    folder = os.environ.get("CLAIMDESK_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.evaluate(
        "() => { const p = document.getElementById('panel');"
        " if (p) { p.style.maxHeight = 'none'; p.style.position = 'static'; } }"
    )
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def context_for(browser: Any, locale: str, viewport: dict[str, int] | None = None) -> Any:
    options: dict[str, Any] = {
        "locale": locale,
        "viewport": viewport or {"width": 1366, "height": 900},
    }
    if viewport == PHONE:
        options |= {"has_touch": True, "is_mobile": True}
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


def test_a_mention_reaches_the_colleagues_inbox_and_opens_the_claim(
    browser: Any, live_server: Any, desk: dict
):
    base, claim = live_server.url, desk["en"][0]
    alice = context_for(browser, "en-US").new_page()
    sign_in(alice, base, "alice", PASSWORD)
    alice.goto(f"{base}/claims/{claim.pk}/")
    alice.fill("#comment-body", "@bob can you check the budget office's figure?")
    alice.get_by_role("button", name="Post comment").click()
    expect(alice.locator("#comments .comment .mention")).to_have_text("@bob")
    expect(alice.locator("#comments")).to_contain_text("Comment saved.")
    expect(alice.locator(".history")).to_contain_text("Commented")
    shoot(alice, "comments-panel-en")

    bob = context_for(browser, "en-US").new_page()
    sign_in(bob, base, "bob", PASSWORD)
    expect(bob.locator(".inbox-link .unread-count")).to_have_text("1")
    bob.locator(".inbox-link").click()
    item = bob.locator("ol.inbox .notification.unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"alice mentioned you in a comment on claim #{claim.pk}")
    shoot(bob, "inbox-en")
    item.get_by_role("link").click()
    bob.wait_for_selector(f'#claim-panel[data-claim="{claim.pk}"]')
    assert f"/claims/{claim.pk}/#comment-" in bob.url
    expect(bob.locator("#comments .comment-body")).to_contain_text("budget office")
    expect(bob.locator(".inbox-link .unread-count")).to_have_count(0)


def test_the_panel_and_inbox_in_korean(browser: Any, live_server: Any, desk: dict):
    base, claim, team = live_server.url, desk["ko"][0], desk["team"]
    first = comment_post(claim=claim, author=team["alice"], body="@bob 출처를 확인해 주세요.")
    comment_post(claim=claim, author=team["erin"], body="저도 봤습니다 @alice", parent=first)
    page = context_for(browser, "ko-KR").new_page()
    sign_in(page, base, "bob", PASSWORD)
    expect(page.locator(".inbox-link")).to_contain_text("알림함")
    page.goto(f"{base}/claims/{claim.pk}/")
    expect(page.locator("#comments-title")).to_contain_text("댓글")
    expect(page.locator("#comments .replies .comment")).to_have_count(1)
    shoot(page, "comments-panel-ko")
    page.goto(f"{base}/inbox/")
    expect(page.locator("ol.inbox .notification")).to_contain_text("나를 언급했습니다")
    shoot(page, "inbox-ko")


def test_the_inbox_and_comments_fit_a_phone(browser: Any, live_server: Any, desk: dict):
    base, claim, team = live_server.url, desk["ko"][2], desk["team"]
    comment_post(
        claim=claim,
        author=team["alice"],
        body="@bob 지분 61.57%와 6700억원 두 숫자를 공시와 맞춰 봐야 합니다. " * 3,
    )
    page = context_for(browser, "ko-KR", PHONE).new_page()
    sign_in(page, base, "bob", PASSWORD)
    page.goto(f"{base}/inbox/")
    expect(page.locator("ol.inbox .notification")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "inbox-ko-390")
    page.locator("ol.inbox .notification a").first.tap()
    page.wait_for_selector(f'#claim-panel[data-claim="{claim.pk}"]')
    page.locator("#comments").scroll_into_view_if_needed()
    expect(page.locator("#comments .mention")).to_have_text(["@bob"] * 3)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    comments = page.locator("#comments").bounding_box()
    assert comments["x"] >= 0 and comments["x"] + comments["width"] <= PHONE["width"]
    shoot(page, "comments-panel-ko-390")
