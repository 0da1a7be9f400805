"""Korean everywhere, as Chromium shows it: every page of the review interface and the
admin console, and what appears on them as a reviewer works (a panel opened, a verdict
chosen, a stance to choose again, a save), read from what is visible, with no English word
outside user content and the explicit list in tests/korean_desk.py."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.korean_desk import SHOWN_ATTRIBUTES, Desk, build_korean_desk, english_in

pytestmark = pytest.mark.browser

# What a person sees: visible text and the texts the browser shows for elements (titles,
# labels read aloud, placeholders), leaving out what is marked translate="no".
VISIBLE_TEXT = """(names) => {
  const out = [];
  const skip = (el) => el.closest('[translate="no"], script, style, template');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || skip(el) || !el.checkVisibility()) continue;
    if (node.data.trim()) out.push(node.data);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (skip(el)) continue;
    for (const name of names) { const v = el.getAttribute(name); if (v) out.push(v); }
    if (el.tagName === 'OPTION' || (el.tagName === 'INPUT' && /submit|button/.test(el.type)))
      out.push(el.textContent || el.value || '');
  }
  out.push(document.title);
  return out;
}"""


@pytest.fixture
def desk(roles: None) -> Desk:
    return build_korean_desk()


@pytest.fixture
def korean_page(browser: Any) -> Any:
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def english_on(page: Any, desk: Desk) -> list[str]:
    return english_in(page.evaluate(VISIBLE_TEXT, list(SHOWN_ATTRIBUTES)), desk.user_content)


def test_the_desk_in_korean_as_chromium_shows_it(korean_page: Any, live_server: Any, desk: Desk):
    page, base = korean_page, live_server.url
    found: dict[str, list[str]] = {}

    def look(name: str) -> None:
        words = english_on(page, desk)
        if words:
            found[name] = words

    page.goto(base + "/accounts/login/")
    look("login")
    sign_in(page, base, "erin", PASSWORD)
    assert page.locator("html").get_attribute("lang") == "ko"
    for path in ["/", "/?status=all", "/?status=dismissed", "/dashboard/", "/ingest/"]:
        page.goto(base + path)
        look(path)
    for job in desk.jobs:
        page.goto(f"{base}/ingest/")  # the job's partial, as the page polls it
        page.goto(f"{base}/ingest/jobs/{job.pk}/")
        look(f"job {job.pk}")
    for article in (desk.ko, desk.en):
        page.goto(f"{base}/articles/{article.pk}/")
        look(f"article {article.pk}")
        for claim in desk.ko_claims if article == desk.ko else desk.en_claims:
            page.locator(f"#claim-{claim.pk} a").first.click()
            page.wait_for_selector(f'#claim-panel[data-claim="{claim.pk}"]')
            look(f"panel {claim.pk}")
    # Working on a claim: a verdict chosen, a stance to choose again, a refusal, a save.
    page.goto(f"{base}/articles/{desk.ko.pk}/")
    open_claim = desk.ko_claims[4]
    page.locator(f"#claim-{open_claim.pk} a").click()
    page.wait_for_selector(f'#claim-panel[data-claim="{open_claim.pk}"]')
    page.locator("select[name=source-0-stance]").select_option("supports")
    page.locator("#verdict-form label.st-disputed").click()
    page.wait_for_selector(".need-stance")
    look("stance to choose again")
    page.locator("#verdict-form label.st-verified").click()
    page.locator("#verdict-form button[type=submit]").click()
    page.wait_for_selector("#claim-panel .error")
    look("verdict refused without a source")
    page.locator("#verdict-form label.st-unverifiable").click()
    page.locator("#verdict-form button[type=submit]").click()
    page.wait_for_selector("#claim-panel .saved")
    look("verdict saved")
    # The admin console.
    for path in [
        "/admin/",
        "/admin/claims/claim/",
        f"/admin/claims/claim/{desk.ko_claims[2].pk}/change/",
        "/admin/claims/claimevent/",
        "/admin/claims/verdict/",
        "/admin/articles/article/",
        f"/admin/articles/article/{desk.ko.pk}/change/",
    ]:
        page.goto(base + path)
        look(path)
    assert not found, found
