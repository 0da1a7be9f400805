"""The fact-checker's day in a real browser: sign in, queue, article, verdict by keyboard,
dismiss, add a claim by selecting text, switch to Korean."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.models import Claim, ClaimStatus
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_article, make_claims, make_team

pytestmark = pytest.mark.browser

SENTENCES = [
    "The city spent $12 million on roads in 2024.",
    "Unemployment fell to 3.5 percent last year.",
    "The mayor said it was a good year.",
    "Officials counted 35 new bridges.",
]


@pytest.fixture
def one_article_desk(roles: None) -> dict[str, Any]:
    """One English article whose third sentence is left for the reviewer to add."""
    team = make_team()
    article = make_article(sentences=SENTENCES)
    claims = make_claims(article)
    claims[2].delete()  # "The mayor said..." is left for the reviewer to add
    return {"team": team, "article": article, "claims": [claims[0], claims[1], claims[3]]}


def test_review_by_keyboard_dismiss_add_and_korean(
    page: Any, live_server: Any, one_article_desk: dict
):
    base = live_server.url
    first, second, _third = one_article_desk["claims"]

    # Anonymous users are sent to sign in; signing in lands on the queue.
    sign_in(page, base, "alice", PASSWORD)
    assert page.locator("h1").inner_text() == "Claims to review"
    assert page.locator("table.queue tbody tr").count() == 3

    # The queue works from the keyboard: j moves to a claim, Enter opens it.
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.closest('td.claim-text') !== null")
    page.keyboard.press("Enter")
    # The claim's page carries its place in the queue (next in queue) as a query.
    page.wait_for_url(re.compile(r"/claims/\d+/(\?.*)?$"))
    page.go_back()

    # Open the article from the queue.
    page.locator("table.queue td.meta a").first.click()
    page.wait_for_url(f"**/articles/{one_article_desk['article'].pk}/")
    marks = page.locator("#article-body mark.claim")
    assert marks.count() == 3
    assert page.locator("#article-body").inner_text().count("The mayor said") == 1

    # Keyboard: j opens the first claim, v chooses verified and focuses the source URL.
    page.locator("body").press("j")
    page.wait_for_selector(f'#claim-panel[data-claim="{first.pk}"]')
    page.keyboard.press("v")
    assert page.evaluate("document.activeElement.name") == "source-0-url"
    page.keyboard.type("https://stats.example/roads-2024")
    page.keyboard.press("Tab")
    page.keyboard.type("Road budget 2024")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#claim-{first.pk}.st-verified")
    assert "Road budget 2024" in page.locator("#claim-panel ol.history").inner_text()
    first.refresh_from_db()
    assert first.status == ClaimStatus.VERIFIED

    # A verified verdict without a source is refused, in words. After the save, focus is
    # back on the claim in the text, so j moves on to the next one.
    page.keyboard.press("j")
    page.wait_for_selector(f'#claim-panel[data-claim="{second.pk}"]')
    page.keyboard.press("v")
    page.keyboard.press("Enter")
    page.wait_for_selector("#claim-panel .error")
    assert "needs at least one source" in page.locator("#claim-panel .error").inner_text()

    # Dismiss the second claim with a reason.
    page.locator("#claim-panel details summary", has_text="Dismiss").click()
    page.fill("#dismiss-form input[name=reason]", "Not checkable: a forecast")
    page.locator("#dismiss-form button[type=submit]").click()
    page.wait_for_selector(f"#claim-{second.pk}.st-dismissed")
    second.refresh_from_db()
    assert second.status == ClaimStatus.DISMISSED

    # Add the missed claim by selecting its text in the article.
    page.evaluate(
        """() => {
          const body = document.getElementById('article-body');
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const at = node.data.indexOf('The mayor said it was a good year.');
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + 'The mayor said it was a good year.'.length);
              const sel = window.getSelection();
              sel.removeAllRanges();
              sel.addRange(range);
              return;
            }
          }
        }"""
    )
    expect(page.locator("#add-start")).not_to_have_value("")
    page.locator("#add-claim-form button[type=submit]").click()
    added = None
    for _ in range(50):
        added = Claim.objects.filter(origin="reviewer").first()
        if added:
            break
        page.wait_for_timeout(100)
    assert added is not None and added.text == "The mayor said it was a good year."
    page.wait_for_selector(f"#claim-{added.pk}")

    # Adjust its span to part of the sentence, by selecting that part.
    page.wait_for_selector(f'#claim-panel[data-claim="{added.pk}"]')
    page.evaluate(
        """(pk) => {
          const text = document.querySelector('#claim-' + pk + ' [data-o]').firstChild;
          const at = text.data.indexOf('it was a good year.');
          const range = document.createRange();
          range.setStart(text, at);
          range.setEnd(text, at + 'it was a good year.'.length);
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(range);
        }""",
        added.pk,
    )
    page.locator("#claim-panel details summary", has_text="Adjust the span").click()
    page.locator("[data-span-from-selection]").click()
    page.locator("#span-form button[type=submit]").click()
    # Polled by Playwright itself: the page's CSP forbids evaluating strings as script.
    expect(page.locator(f"#claim-{added.pk}")).to_contain_text("it was a good")
    expect(page.locator(f"#claim-{added.pk}")).not_to_contain_text("mayor")
    added.refresh_from_db()
    assert added.text == "it was a good year."

    # Switch to Korean.
    page.locator("form.lang button[value=ko]").click()
    page.wait_for_selector("html[lang=ko]")
    assert "단축키" in page.content()
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "검증할 주장"


def test_a_claim_removed_while_open_says_so(page: Any, live_server: Any, one_article_desk: dict):
    base = live_server.url
    sign_in(page, base, "alice", PASSWORD)
    page.goto(f"{base}/articles/{one_article_desk['article'].pk}/")
    gone = one_article_desk["claims"][1]
    Claim.objects.filter(pk=gone.pk).delete()
    page.locator(f"#claim-{gone.pk} a").click()
    page.wait_for_selector("#page-error:not([hidden])")
    assert "Reload the page" in page.locator("#page-error").inner_text()
