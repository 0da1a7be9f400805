"""Every page's header and footer, and the parts that show nothing of the page, are drawn
once and kept (claims.templatetags.page, issue 18): never shown to another user, role or
language, changed from the next request when what they show changes, with each request's
own CSRF token and address."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from claims.inbox_models import Notification, NotificationKind
from claims.templatetags import page
from tests.factories import client_for, make_article, make_claims

QUEUE = reverse("claims:queue")
INGEST = reverse("claims:ingest")
TOKENS = re.compile(r'(?:name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([A-Za-z0-9]+)"')


def header(html: str) -> str:
    return html[html.index('<header class="top">') : html.index("</header>")]


def footer(html: str) -> str:
    return html[html.index('<footer class="foot">') : html.index("</footer>")]


def test_two_users_and_roles_do_not_share_a_header(team):
    page.clear()
    alice = client_for("alice").get(INGEST).content.decode()  # reviewer: may ingest
    victor = client_for("victor").get(QUEUE).content.decode()  # viewer: may not
    assert ">alice<" in header(alice) and ">victor<" not in header(alice)
    assert ">victor<" in header(victor) and ">alice<" not in header(victor)
    assert f'href="{INGEST}"' in header(alice)
    assert f'href="{INGEST}"' not in header(victor)
    assert len(page._parts) >= 4  # a header and a footer kept for each


def test_languages_do_not_share_a_header_or_footer(team):
    page.clear()
    english = client_for("alice").get(QUEUE).content.decode()
    korean_client = client_for("alice")
    korean_client.cookies["django_language"] = "ko"
    korean = korean_client.get(QUEUE).content.decode()
    assert "Sign out" in header(english) and "Sign out" not in header(korean)
    assert "API documentation" in footer(english)
    assert "API documentation" not in footer(korean)
    again = client_for("alice").get(QUEUE).content.decode()
    assert "Sign out" in header(again)


def test_a_role_or_staff_flag_given_shows_from_the_next_request(team):
    page.clear()
    client = client_for("victor")
    before = client.get(QUEUE).content.decode()
    assert f'href="{INGEST}"' not in header(before)
    assert reverse("admin:index") not in footer(before)
    victor = get_user_model().objects.get(username="victor")
    victor.groups.add(Group.objects.get(name="reviewer"))
    get_user_model().objects.filter(pk=victor.pk).update(is_staff=True)
    after = client.get(QUEUE).content.decode()
    assert f'href="{INGEST}"' in header(after)
    assert reverse("admin:index") in footer(after)


def test_the_unread_count_is_the_current_one(team):
    page.clear()
    client = client_for("alice")
    assert 'class="unread-count"' not in header(client.get(QUEUE).content.decode())
    claim = make_claims(make_article())[0]
    for _ in range(2):
        Notification.objects.create(
            recipient=team["alice"], kind=NotificationKind.MENTIONED, claim=claim
        )
    html = client.get(QUEUE).content.decode()
    assert re.findall(r'class="unread-count"[^>]*>(\d+)<', header(html)) == ["2"]


def test_each_request_gets_its_own_csrf_token_and_address(team):
    page.clear()
    first, second = client_for("alice"), client_for("alice")
    one = first.get(QUEUE + "?language=ko&status=verified").content.decode()
    two = second.get(QUEUE).content.decode()
    tokens_one, tokens_two = TOKENS.findall(one), TOKENS.findall(two)
    assert len(tokens_one) >= 3 and len(set(tokens_one) & set(tokens_two)) == 0
    assert '"\x00' not in one and "claimdesk-csrf" not in one
    assert 'name="next" type="hidden" value="/?language=ko&amp;status=verified"' in one
    assert f'name="next" type="hidden" value="{QUEUE}"' in two
    # The token in the kept header is this session's: the language form posts with it.
    token = TOKENS.findall(header(one))[0]
    posted = first.post(reverse("set_language"), {"language": "ko", "csrfmiddlewaretoken": token})
    assert posted.status_code == 302


def test_the_empty_panel_and_the_add_claim_form_follow_the_language(team):
    page.clear()
    article = make_article()
    make_claims(article)
    url = reverse("claims:article", args=[article.pk])
    english = client_for("alice").get(url).content.decode()
    korean_client = client_for("alice")
    korean_client.cookies["django_language"] = "ko"
    korean = korean_client.get(url).content.decode()
    for text in ("Keyboard shortcuts", 'name="kind"', "Add as a claim"):
        assert text in english
    assert "Keyboard shortcuts" not in korean and "Add as a claim" not in korean
    assert 'name="kind"' in korean


def test_a_page_without_a_signed_in_user_has_no_user_header(db):
    page.clear()
    html = Client().get(reverse("login")).content.decode()
    assert "Sign out" not in header(html) and "<footer" not in html


def test_a_response_carries_one_csrf_token_and_the_next_another(team):
    client = client_for("erin")
    first, second = (client.get(QUEUE).content.decode() for _ in range(2))
    tokens = TOKENS.findall(first)
    assert len(tokens) >= 4  # the header's, the language form's, the queue's, "Save this view"
    assert len(set(tokens)) == 1
    assert set(TOKENS.findall(second)).isdisjoint(tokens)


def test_save_this_view_keeps_each_queue_its_query_and_each_role_its_share_box(team):
    page.clear()
    editor = client_for("erin").get(QUEUE + "?status=verified&language=ko").content.decode()
    reviewer = client_for("alice").get(QUEUE + "?status=disputed").content.decode()
    assert 'name="query" value="status=verified&amp;language=ko"' in editor
    assert 'name="query" value="status=disputed"' in reviewer
    assert 'name="shared"' in editor and 'name="shared"' not in reviewer
    korean_client = client_for("alice")
    korean_client.cookies["django_language"] = "ko"
    korean = korean_client.get(QUEUE).content.decode()
    assert "Save this view" in reviewer and "Save this view" not in korean
    assert 'name="query" value=""' in korean
