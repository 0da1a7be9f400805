"""The webhook console in Chromium (English and Korean, 1280 and 390 pixels wide): an admin
adds an endpoint and sees its secret once, reads the delivery log and sends a failed
delivery again. Screenshots go to $CLAIMDESK_SHOTS when it is set (for a human to look at)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from claims.models import Claim, WebhookDelivery, WebhookEndpoint
from claims.services import claim_assign
from tests.browser.conftest import sign_in
from tests.browser.test_desk_same_fact import shoot
from tests.factories import PASSWORD, make_claim, make_team
from tests.test_webhooks import Receiver, receiver  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["en-US", "ko-KR"])
@pytest.mark.parametrize("width", [1280, 390])
def test_an_admin_adds_an_endpoint_and_resends_a_failed_delivery(
    browser: Any,
    live_server: Any,
    roles: None,
    settings: Any,
    receiver: Receiver,  # noqa: F811
    locale: str,
    width: int,
):
    settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK = True
    settings.CLAIMDESK_WEBHOOK_RETRY_SECONDS = []  # one attempt: a 500 fails the delivery
    team = make_team()
    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, "root", PASSWORD)
    tag = f"{locale[:2]}-{width}"

    page.goto(f"{live_server.url}/admin/claims/webhookendpoint/add/")
    page.fill("#id_name", "Wire desk")
    page.fill("#id_url", receiver.url)
    page.check("input[name=events][value='claim.assigned']")
    shoot(page, f"webhook-endpoint-add-{tag}")
    page.locator("input[name=_save]").click()
    endpoint = WebhookEndpoint.objects.get()
    expect(page.locator(".messagelist")).to_contain_text(endpoint.secret)
    shoot(page, f"webhook-endpoint-secret-once-{tag}")

    receiver.answers = [500]
    claim: Claim = make_claim()
    claim_assign(claim=claim, actor=team["erin"], assignee=team["bob"])
    failed = WebhookDelivery.objects.get()
    assert failed.state == WebhookDelivery.State.FAILED
    page.goto(f"{live_server.url}/admin/claims/webhookdelivery/{failed.pk}/change/")
    expect(page.locator("body")).to_contain_text("HTTP 500")
    shoot(page, f"webhook-delivery-failed-{tag}")

    page.goto(f"{live_server.url}/admin/claims/webhookdelivery/")
    page.check(f"input[name=_selected_action][value='{failed.pk}']")
    page.select_option("select[name=action]", "send_again")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    shoot(page, f"webhook-delivery-log-{tag}")
    assert WebhookDelivery.objects.get().state == WebhookDelivery.State.DELIVERED
    assert len(receiver.got) == 2
    context.close()
