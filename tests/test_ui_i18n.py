"""Languages of the review interface: complete catalogs, browser language, the switcher."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["ko", "en"])
def test_catalog_is_complete_and_compiled(language: str) -> None:
    po = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = po.split("\n\n")[1:]
    # An empty translation is `msgstr ""` with no continuation line after it.
    empty = [e for e in entries if re.search(r'^msgstr(\[0\])? ""(?!\n")', e, re.M)]
    assert not empty, empty[:3]
    assert "#, fuzzy" not in po
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    assert mo.exists() and mo.stat().st_mtime >= (mo.with_suffix(".po")).stat().st_mtime - 5


@pytest.fixture
def client(team) -> Client:
    """A browser session signed in as alice through the sign-in form's backend."""
    c = Client()
    assert c.login(request=HttpRequest(), username="alice", password=PASSWORD)
    return c


def test_language_follows_the_browser(client: Client) -> None:
    html = client.get(reverse("claims:queue"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'lang="ko"' in html and "검증할 주장" in html
    html = client.get(reverse("claims:queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Claims to review" in html


def test_switcher_sets_the_language(client: Client) -> None:
    response = client.post(
        reverse("set_language"), {"language": "ko", "next": reverse("claims:dashboard")}
    )
    assert response.status_code == 302
    html = client.get(reverse("claims:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "현황판" in html


def test_login_page_is_in_korean_for_a_korean_browser(db) -> None:
    html = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "Claimdesk 로그인" in html
