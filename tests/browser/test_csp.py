"""The Content Security Policy holds on every page a person opens: the review pages, the
admin console and the API docs load with no violation reported by the browser."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _violations(page: Any) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def test_pages_load_without_content_security_policy_violations(
    page: Any, live_server: Any, desk: dict
) -> None:
    found = _violations(page)
    base = live_server.url
    response = page.goto(base + "/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    sign_in(page, base, "erin", PASSWORD)
    claim = desk["ko_claims"][1]
    page.goto(f"{base}/articles/{desk['ko'].pk}/")
    page.locator(f"#claim-{claim.pk} a").click()
    page.wait_for_selector(f'#claim-panel[data-claim="{claim.pk}"]')
    for path in ("/dashboard/", "/ingest/", "/api/docs/"):
        page.goto(base + path)
    page.wait_for_selector(".swagger-ui .info")  # the docs rendered with their own script
    assert found == []


def test_admin_console_loads_without_content_security_policy_violations(
    page: Any, live_server: Any, desk: dict, admin_user: Any
) -> None:
    found = _violations(page)
    base = live_server.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/admin/")
    claim = desk["ko_claims"][0]
    for path in ("/admin/claims/claim/", f"/admin/claims/claim/{claim.pk}/change/"):
        page.goto(base + path)
    page.goto(f"{base}/admin/articles/article/{desk['ko'].pk}/change/")
    assert found == []
