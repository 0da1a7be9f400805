"""Saved views and the queue's downloads in a real browser (issue 19 items 6 and 7): save
the queue's filter, apply it from the header's menu on another page, download the CSV and
JSON Lines of the filter and read their rows; the menu and the buttons at 390px in Korean.
Screenshots go to $CLAIMDESK_SHOTS when it is set (for a person to look at)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from claims.models import SavedView
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def shot(page: Any, name: str) -> None:
    folder = os.environ.get("CLAIMDESK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def test_a_saved_view_is_applied_from_the_header_on_another_page(
    page: Any, live_server: Any, desk: dict
):
    base = live_server.url
    sign_in(page, base, "alice", PASSWORD)
    page.select_option("#id_language", "ko")
    page.select_option("#id_status", "all")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**language=ko**")
    page.fill("#id_view_name", "Korean, every status")
    page.get_by_role("button", name="Save this view").click()
    expect(page.locator(".messages")).to_contain_text("Korean, every status")
    view = SavedView.objects.get(owner__username="alice")
    assert view.filters == {"language": "ko", "status": "all"}

    page.goto(base + "/dashboard/")
    page.locator(".views-menu > summary").click()
    item = page.locator(".views-list a", has_text="Korean, every status")
    expect(item).to_be_visible()
    shot(page, "views-menu-en")
    item.click()
    page.wait_for_url("**language=ko**")
    assert "status=all" in page.url
    rows = page.locator("table.queue tbody tr td.claim-text")
    assert rows.count() == len(desk["ko_claims"])
    for i in range(rows.count()):
        assert rows.nth(i).get_attribute("lang") == "ko"


def test_the_downloads_hold_the_filtered_claims_with_their_latest_verdict(
    page: Any, live_server: Any, desk: dict, tmp_path: Path
):
    base = live_server.url
    sign_in(page, base, "victor", PASSWORD)
    page.goto(base + "/?language=ko&status=all")
    shot(page, "queue-downloads-en")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("claims-")
    assert download.suggested_filename.endswith("-all-language-ko.csv")
    path = tmp_path / "claims.csv"
    download.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert sorted(int(r["id"]) for r in rows) == sorted(c.pk for c in desk["ko_claims"])
    by_id = {int(r["id"]): r for r in rows}
    contested = by_id[desk["ko_claims"][1].pk]
    assert (contested["status"], contested["verdict"]) == ("contested", "disputed")
    assert contested["verdict_reviewer"] == "bob"
    assert json.loads(contested["verdict_sources"]) == [
        {"url": "https://stats.example/report", "stance": "refutes"}
    ]

    with page.expect_download() as info:
        page.get_by_role("link", name="Download JSONL").click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert sorted(r["id"] for r in records) == sorted(c.pk for c in desk["ko_claims"])


def test_the_views_menu_and_downloads_fit_a_phone_in_korean(
    browser: Any, live_server: Any, desk: dict
):
    SavedView.objects.create(
        owner=desk["ko_claims"][0].verdicts.first().reviewer,
        name="한국어 기사 전체",
        filters={"language": "ko", "status": "all"},
    )
    erin = get_user_model().objects.get(username="erin")
    SavedView.objects.create(owner=erin, name="데스크: 논란 주장", filters={}, shared=True)
    context = browser.new_context(locale="ko-KR", viewport=PHONE, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    base = live_server.url
    sign_in(phone, base, "alice", PASSWORD)
    expect(phone.get_by_role("link", name="CSV 내려받기")).to_be_visible()
    expect(phone.get_by_role("button", name="이 보기 저장")).to_be_visible()
    shot(phone, "queue-phone-ko")
    phone.locator(".views-menu > summary").tap()
    menu = phone.locator(".views-list")
    expect(menu.locator("a", has_text="한국어 기사 전체")).to_be_visible()
    expect(menu.locator("a", has_text="데스크: 논란 주장")).to_be_visible()
    shot(phone, "views-menu-phone-ko")
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.goto(base + "/views/")
    shot(phone, "saved-views-phone-ko")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_queue_with_its_views_menu_and_downloads_in_korean(
    browser: Any, live_server: Any, desk: dict
):
    context = browser.new_context(locale="ko-KR", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, "erin", PASSWORD)
    page.fill("#id_view_name", "남은 작업 전체")
    page.get_by_role("checkbox", name="데스크와 공유").check()
    page.get_by_role("button", name="이 보기 저장").click()
    expect(page.locator(".messages")).to_contain_text("남은 작업 전체")
    page.locator(".views-menu > summary").click()
    expect(page.locator(".views-list a", has_text="남은 작업 전체")).to_contain_text("공유")
    expect(page.get_by_role("link", name="JSON Lines 내려받기")).to_be_visible()
    shot(page, "queue-views-menu-ko")
    assert SavedView.objects.get(name="남은 작업 전체").shared
    context.close()


@pytest.mark.parametrize("viewport", [None, PHONE])
def test_the_header_views_menu_closes_on_escape_and_gives_focus_back(
    page: Any, live_server: Any, desk: dict, viewport: Any
):
    if viewport:
        page.set_viewport_size(viewport)
    base = live_server.url
    sign_in(page, base, "alice", PASSWORD)
    page.goto(base + "/dashboard/")
    menu = page.locator(".views-menu")
    summary = menu.locator("> summary")
    summary.click()
    expect(menu).to_have_attribute("open", "")
    expect(menu.locator(".views-list a").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()
    # Again from a link inside the menu, opened with the keyboard.
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    link = menu.locator(".views-list a").first
    link.focus()
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()
