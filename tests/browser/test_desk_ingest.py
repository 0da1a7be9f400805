"""A slow ingest shows a progress indicator that counts, and the pasted text is gone once
the article is stored (issue 18 item 6)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.views import ingest as ingest_views
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_team

pytestmark = pytest.mark.browser

TEXT = (
    "Exports rose 12 percent in March, the ministry said on Tuesday.\n\n"
    "The government sent letters to 35 countries last month."
)


def test_a_slow_ingest_counts_its_seconds_and_clears_the_text(
    page: Any, live_server: Any, roles: None, monkeypatch: Any
):
    make_team()
    real = ingest_views.submit

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(3)  # the live server runs in a thread of this process
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest_views, "submit", slow)
    base = live_server.url
    sign_in(page, base, "alice", PASSWORD)
    page.goto(base + "/ingest/")
    page.fill("textarea[name=text]", TEXT)
    # Submitted and watched from the page itself: Playwright's own waits would wait for the
    # slow answer, and the page shows its progress only while the answer is awaited.
    seen = page.evaluate(
        """() => new Promise((done) => {
          const form = document.getElementById('ingest-form');
          form.requestSubmit(form.querySelector('[data-ingest-button]'));
          const box = form.querySelector('[data-progress]');
          setTimeout(() => done({
            hidden: box.hidden,
            elapsed: box.querySelector('[data-elapsed]').textContent,
            disabled: form.querySelector('[data-ingest-button]').disabled,
          }), 2300);
        })"""
    )
    assert seen == {"hidden": False, "elapsed": "2", "disabled": True}
    expect(page.locator("section.card h2 a")).to_be_visible(timeout=15_000)
    expect(page.locator("textarea[name=text]")).to_have_value("")
    expect(page.locator("[data-progress]")).to_be_hidden()
