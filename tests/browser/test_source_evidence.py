"""A source attached in a real browser is fetched from a local page, archived and
corroborated: the panel shows "found" beside it with the passage and the figure marked, and
the archived copy opens as plain text. Screenshots in both languages at 1280 and 390 px go
to CLAIMDESK_SHOTS (when set) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from claims.extraction.figures import extract_figures
from claims.models import Claim, Source
from claims.rechecks import claims_mark_due
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_article, make_claims, make_team
from tests.localserver import QuietHandler, serve_handler

pytestmark = pytest.mark.browser

CLAIM = "베인캐피탈은 2021년 초 클래시스 지분 61.57%를 약 6700억원에 인수했다."
PAGE = (
    "<html><head><title>클래시스 매각</title></head><body><nav>메뉴</nav><article>"
    "<h1>삼성전자 클래시스 인수 추진</h1>"
    "<p>매각 대상은 베인캐피탈이 보유한 클래시스 지분 61.57%다. 베인캐피탈은 2021년 초 이 "
    "지분을 6,700억 원에 인수했다.</p><p>클래시스의 시가총액은 3조7800억원 수준이다.</p>"
    "<script>document.title = 'scraped script ran'</script>"
    "</article></body></html>"
)
EXCERPT = "베인캐피탈이 보유한 클래시스 지분 61.57%다"


class Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802
        body = PAGE.encode() if self.path == "/report" else b"missing"
        self.send_response(200 if self.path == "/report" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site(settings: Any, fresh_fetcher: None) -> Any:
    settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK = True
    settings.CLAIMDESK_FETCH_MIN_DELAY = 0
    settings.CLAIMDESK_FETCH_RESPECT_ROBOTS = False
    with serve_handler(Handler) as base:
        yield base


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("CLAIMDESK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_a_source_attached_in_the_browser_shows_found_with_its_passage(
    browser: Any, live_server: Any, roles: None, site: str
) -> None:
    make_team()
    article = make_article(sentences=[CLAIM], language="ko", outlet="뉴스핌")
    figures = [f.as_dict() for f in extract_figures(CLAIM, language="ko")]
    [claim] = make_claims(article, figures=figures)
    base = live_server.url
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, base, "alice", PASSWORD)
    page.goto(f"{base}/claims/{claim.pk}/")
    page.locator('input[name="verdict"][value="verified"]').check()
    page.fill('input[name="source-0-url"]', f"{site}/report")
    page.fill('input[name="source-0-title"]', "클래시스 매각 보도")
    page.fill('textarea[name="source-0-excerpt"]', EXCERPT)
    page.get_by_role("button", name="Save verdict").click()

    evidence = page.locator('#claim-panel .evidence[data-state="found"]')
    expect(evidence).to_be_visible(timeout=30_000)
    expect(evidence.locator("mark", has_text="6,700억 원")).to_be_visible()
    expect(evidence).to_contain_text("The quoted passage is on the archived page.")
    assert Source.objects.get().corroboration["state"] == "found"
    evidence.scroll_into_view_if_needed()
    _shot(page, "panel-en-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/claims/{claim.pk}/")
    page.locator("#claim-panel .evidence").scroll_into_view_if_needed()
    _shot(page, "panel-en-390")

    # The archived copy: plain text, the figure marked, the page's script never run.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#claim-panel .evidence a", has_text="Archived copy").click()
    page.wait_for_url("**/sources/*/archive/")
    expect(page.locator("pre.archived-text mark", has_text="6,700억 원")).to_be_visible()
    assert "scraped script ran" not in page.title()
    _shot(page, "archive-en-1280")
    context.close()

    # The same in Korean.
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, base, "alice", PASSWORD)
    page.goto(f"{base}/claims/{claim.pk}/")
    evidence = page.locator('#claim-panel .evidence[data-state="found"]')
    expect(evidence).to_contain_text("확인됨")
    expect(evidence).to_contain_text("인용한 구절이 보관본에 있습니다.")
    evidence.scroll_into_view_if_needed()
    _shot(page, "panel-ko-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/claims/{claim.pk}/")
    page.locator("#claim-panel .evidence").scroll_into_view_if_needed()
    _shot(page, "panel-ko-390")
    page.goto(f"{base}/sources/{Source.objects.get().pk}/archive/")
    expect(page.locator("h1")).to_have_text("근거 자료 보관본")
    _shot(page, "archive-ko-390")

    # Its date come, the claim is back in the queue as due, its verdict still shown.
    Claim.objects.filter(pk=claim.pk).update(recheck_due=timezone.localdate())
    claims_mark_due()  # the hourly task flags it (claims.rechecks)
    page.goto(f"{base}/?status=due")
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    expect(page.locator("table.queue .badge.st-due")).to_contain_text("재확인 필요")
    _shot(page, "queue-due-ko-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/claims/{claim.pk}/")
    expect(page.locator("#claim-panel .due-box")).to_contain_text("지금까지의 판정")
    _shot(page, "panel-due-ko-1280")
    page.goto(f"{base}/dashboard/")
    expect(page.locator("#agreement")).to_be_visible()
    _shot(page, "dashboard-ko-1280")
    context.close()
