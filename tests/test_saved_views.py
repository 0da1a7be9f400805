"""Saved views of the queue (issue 19 item 6): saved per user, shared by editors, listed in
the header's menu, applied in one click with what no longer exists left out and said."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Outlet
from claims.models import SavedView
from claims.saved_views import check_filters
from tests.factories import client_for, make_article, make_claims, make_user
from tests.test_desk_korean import english_words

QUEUE = reverse("claims:queue")
SAVE = reverse("claims:save_view")
MENU = reverse("claims:views_menu")


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def save(client: Any, name: str, query: str, **extra: Any) -> Any:
    return client.post(SAVE, {"name": name, "query": query, **extra}, follow=True)


def test_a_reviewer_saves_the_queues_filter_under_a_cleaned_name(team):
    response = save(
        client_for("alice"), "  Korean\tstakes \x07 ", "language=ko&kind=statistical&after=0.5:3"
    )

    view = SavedView.objects.get(owner=team["alice"])
    assert view.name == "Korean stakes"
    assert view.filters == {"language": "ko", "kind": "statistical"}
    assert view.shared is False
    assert response.redirect_chain[-1][0] == f"{QUEUE}?kind=statistical&language=ko"
    assert any("Korean stakes" in m for m in messages_of(response))


def test_the_same_name_twice_for_one_owner_is_refused_and_said(team):
    client = client_for("alice")
    save(client, "Mine", "language=ko")
    response = save(client, "mine", "language=en")

    assert [v.filters for v in SavedView.objects.filter(owner=team["alice"])] == [
        {"language": "ko"}
    ]
    assert any("already have a view" in m for m in messages_of(response))
    # Another reviewer may use the name.
    save(client_for("bob"), "Mine", "language=en")
    assert SavedView.objects.filter(owner=team["bob"], name="Mine").exists()


def test_an_empty_name_is_refused_with_the_reason(team):
    response = save(client_for("alice"), "   ", "language=ko")
    assert not SavedView.objects.exists()
    assert any("not saved" in m for m in messages_of(response))


def test_only_editors_share_views(team):
    save(client_for("alice"), "Team view", "language=ko", shared="on")
    assert not SavedView.objects.filter(shared=True).exists()

    save(client_for("erin"), "Desk: Korean", "language=ko", shared="on")
    shared = SavedView.objects.get(shared=True)
    assert (shared.name, shared.owner_id) == ("Desk: Korean", team["erin"].pk)


def test_the_header_menu_lists_own_and_shared_views_only(team):
    SavedView.objects.create(owner=team["alice"], name="Alice's", filters={"language": "ko"})
    SavedView.objects.create(owner=team["bob"], name="Bob's", filters={})
    SavedView.objects.create(owner=team["erin"], name="Desk", filters={}, shared=True)

    html = client_for("alice").get(MENU).content.decode()

    assert "Alice&#x27;s" in html and "Desk" in html
    assert "Bob" not in html
    assert html.index("Desk") < html.index("Alice")  # shared first


def test_every_page_has_the_views_menu_without_a_query_for_it(team, django_assert_num_queries):
    SavedView.objects.create(owner=team["alice"], name="Alice's", filters={})
    client = client_for("alice")
    page = client.get(reverse("claims:dashboard")).content.decode()
    assert 'class="views-menu"' in page and f'hx-get="{MENU}"' in page
    assert "Alice" not in page.split("<main")[0]  # listed when the menu opens
    with django_assert_num_queries(3):  # session, the user with their roles, the views
        assert client.get(MENU).status_code == 200


def test_applying_a_view_opens_the_queue_with_its_filters(team):
    view = SavedView.objects.create(
        owner=team["alice"], name="K", filters={"language": "ko", "status": "all"}
    )
    response = client_for("alice").get(reverse("claims:apply_view", args=[view.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status=all&language=ko"


def test_a_view_of_someone_else_is_not_found(team):
    view = SavedView.objects.create(owner=team["bob"], name="Bob's", filters={})
    assert client_for("alice").get(reverse("claims:apply_view", args=[view.pk])).status_code == 404


def test_a_deleted_reviewer_or_unknown_parameter_is_dropped_with_a_message(team):
    gone = make_user("gone", "reviewer")
    view = SavedView.objects.create(
        owner=team["alice"],
        name="Gone's",
        filters={"reviewer": str(gone.pk), "language": "ko", "colour": "red"},
    )
    get_user_model().objects.filter(pk=gone.pk).delete()

    response = client_for("alice").get(reverse("claims:apply_view", args=[view.pk]), follow=True)

    assert response.redirect_chain[-1][0] == f"{QUEUE}?language=ko"
    said = " ".join(messages_of(response))
    assert "colour" in said and "left out" in said
    assert "Reviewed by" in said and "no longer exists" in said


def test_a_deleted_outlet_is_dropped_on_apply(team):
    outlet = Outlet.objects.create(name="Gone Wire")
    checked = check_filters({"outlet": str(outlet.pk), "q": "budget"})
    assert checked.kept == {"outlet": str(outlet.pk), "q": "budget"}
    outlet.delete()
    checked = check_filters({"outlet": str(outlet.pk), "q": "budget"})
    assert (checked.kept, checked.gone) == ({"q": "budget"}, ["Outlet"])


def test_owners_rename_and_delete_their_views(team):
    view = SavedView.objects.create(owner=team["alice"], name="Old", filters={})
    client = client_for("alice")

    client.post(reverse("claims:rename_view", args=[view.pk]), {"name": " New "})
    assert SavedView.objects.get(pk=view.pk).name == "New"

    client.post(reverse("claims:delete_view", args=[view.pk]))
    assert not SavedView.objects.filter(pk=view.pk).exists()


def test_a_rename_to_a_taken_name_is_refused(team):
    SavedView.objects.create(owner=team["alice"], name="One", filters={})
    two = SavedView.objects.create(owner=team["alice"], name="Two", filters={})
    response = client_for("alice").post(
        reverse("claims:rename_view", args=[two.pk]), {"name": "one"}, follow=True
    )
    assert SavedView.objects.get(pk=two.pk).name == "Two"
    assert any("already have a view" in m for m in messages_of(response))


@pytest.mark.parametrize("who", ["bob", "alice"])
def test_only_editors_manage_shared_views(team, who):
    shared = SavedView.objects.create(owner=team["erin"], name="Desk", filters={}, shared=True)
    own = SavedView.objects.create(owner=team["bob"], name="Bob's", filters={})

    client = client_for(who)
    assert client.post(reverse("claims:delete_view", args=[shared.pk])).status_code == 403
    assert (
        client.post(reverse("claims:rename_view", args=[shared.pk]), {"name": "X"}).status_code
        == 403
    )
    assert SavedView.objects.get(pk=shared.pk).name == "Desk"
    other = client.post(reverse("claims:delete_view", args=[own.pk])).status_code
    assert SavedView.objects.filter(pk=own.pk).exists() is (who != "bob")
    assert other == (302 if who == "bob" else 404)

    client_for("erin").post(reverse("claims:rename_view", args=[shared.pk]), {"name": "Desk 2"})
    assert SavedView.objects.get(pk=shared.pk).name == "Desk 2"


@pytest.mark.parametrize("n", [1, 6])
def test_the_views_page_lists_views_with_their_filters_in_words(team, django_assert_num_queries, n):
    for i in range(n):
        SavedView.objects.create(
            owner=team["alice"], name=f"V{i}", filters={"language": "ko", "mine": "on"}
        )
    SavedView.objects.create(owner=team["erin"], name="Desk", filters={}, shared=True)
    client = client_for("alice")
    # Session, the user with their permissions and unread count, the views with their
    # owners, outlets, reviewers.
    with django_assert_num_queries(5):
        html = client.get(reverse("claims:saved_views")).content.decode()
    assert html.count("Language: Korean · Assigned to me") == n
    assert "Desk" in html and "Open work, no filter" in html


def test_the_queue_offers_save_this_view_without_breaking_its_cache(team):
    make_claims(make_article(sentences=["The city spent $12 million."]))
    client = client_for("victor")
    first = client.get(QUEUE, {"language": "en"}).content.decode()
    again = client.get(QUEUE, {"language": "en"}).content.decode()
    for html in (first, again):
        assert f'action="{SAVE}"' in html
        assert 'name="query" value="language=en"' in html
        assert "csrfmiddlewaretoken" in html
        assert 'name="shared"' not in html  # viewers do not share
    assert 'name="shared"' in client_for("erin").get(QUEUE).content.decode()


def test_saved_view_pages_and_answers_are_korean_in_korean_mode(team):
    SavedView.objects.create(owner=team["erin"], name="데스크 보기", filters={}, shared=True)
    gone = make_user("gone", "reviewer")
    view = SavedView.objects.create(
        owner=team["alice"],
        name="내 보기",
        filters={"language": "ko", "mine": "on", "reviewer": str(gone.pk), "colour": "red"},
    )
    get_user_model().objects.filter(pk=gone.pk).delete()
    client = client_for("alice")
    client.cookies["django_language"] = "ko"
    pages = {
        "menu": client.get(MENU),
        "views": client.get(reverse("claims:saved_views")),
        "applied": client.get(reverse("claims:apply_view", args=[view.pk]), follow=True),
        "saved": save(client, "내 보기", "language=ko"),
        "empty name": save(client, " ", "language=ko"),
        "renamed": client.post(
            reverse("claims:rename_view", args=[view.pk]), {"name": "새 이름"}, follow=True
        ),
    }
    found = {
        name: english_words(response.content.decode(), ["colour", "red", "gone", *team])
        for name, response in pages.items()
    }
    assert all(r.status_code == 200 for r in pages.values())
    assert not {name: words for name, words in found.items() if words}
    said = pages["applied"].content.decode()
    assert "colour" in said and "대기열에 없는 필터" in said


def test_a_view_name_is_shown_as_text_never_as_html(team):
    save(client_for("alice"), '<img src=x onerror="alert(1)">', "language=ko")
    view = SavedView.objects.get(owner=team["alice"])
    assert view.name == '<img src=x onerror="alert(1)">'
    for url in (MENU, reverse("claims:saved_views")):
        html = client_for("alice").get(url).content.decode()
        assert "<img" not in html and "&lt;img src=x" in html
