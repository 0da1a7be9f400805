"""Comments on a claim (issue 19): posted and replied to from the panel and the API, with
@mentions stored and shown marked, editable by their author for ten minutes, never by
anyone else, escaped when shown, in the claim's history, in a constant number of queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from claims.comments import comment_edit, comment_post
from claims.inbox_models import COMMENT_MAX_LENGTH, Comment, Notification
from tests.factories import client_for, make_user, token_client

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def _age(comment: Comment, minutes: int) -> None:
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


# --- The service ------------------------------------------------------------------------------


def test_a_comment_stores_its_mentions_of_active_users_only(team, claim):
    make_user("gone", "reviewer", is_active=False)
    comment = comment_post(
        claim=claim, author=team["alice"], body="@bob @erin. @gone @nobody @Bob look"
    )
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.mentions == ["bob", "erin"]
    assert stored.author_id == team["alice"].pk and stored.claim_id == claim.pk


def test_a_comment_is_cleaned_like_other_typed_text(team, claim):
    comment = comment_post(claim=claim, author=team["alice"], body="  line one\r\nline\x07 two  ")
    assert Comment.objects.get(pk=comment.pk).body == "line one\nline two"


@pytest.mark.parametrize("body", ["", "   ", "\x00\x01"])
def test_an_empty_comment_is_refused_saying_so(team, claim, body):
    with pytest.raises(ValidationError) as refused:
        comment_post(claim=claim, author=team["alice"], body=body)
    assert "Write the comment" in str(refused.value)
    assert not Comment.objects.exists()


def test_a_comment_over_the_length_limit_is_refused(team, claim):
    with pytest.raises(ValidationError) as refused:
        comment_post(claim=claim, author=team["alice"], body="x" * (COMMENT_MAX_LENGTH + 1))
    assert "at most" in str(refused.value)
    assert not Comment.objects.exists()


def test_a_reply_to_a_reply_joins_the_thread_of_the_first_comment(team, claim):
    first = comment_post(claim=claim, author=team["alice"], body="first")
    reply = comment_post(claim=claim, author=team["bob"], body="reply", parent=first)
    deeper = comment_post(claim=claim, author=team["alice"], body="deeper", parent=reply.pk)
    assert Comment.objects.get(pk=reply.pk).parent_id == first.pk
    assert Comment.objects.get(pk=deeper.pk).parent_id == first.pk


def test_a_reply_to_a_comment_of_another_claim_is_refused(team, claims):
    other = comment_post(claim=claims[1], author=team["alice"], body="elsewhere")
    with pytest.raises(ValidationError):
        comment_post(claim=claims[0], author=team["alice"], body="reply", parent=other)
    assert Comment.objects.count() == 1


def test_its_author_edits_a_comment_within_ten_minutes_and_it_says_edited(team, claim):
    comment = comment_post(claim=claim, author=team["alice"], body="typo hre")
    _age(comment, 9)
    comment_edit(comment=comment, editor=team["alice"], body="typo here @bob")
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.body == "typo here @bob" and stored.mentions == ["bob"]
    assert stored.edited_at is not None


def test_a_comment_cannot_be_edited_after_ten_minutes(team, claim):
    comment = comment_post(claim=claim, author=team["alice"], body="first words")
    _age(comment, 11)
    with pytest.raises(PermissionDenied) as refused:
        comment_edit(comment=comment, editor=team["alice"], body="changed")
    assert "10 minutes" in str(refused.value.args[0])
    assert Comment.objects.get(pk=comment.pk).body == "first words"


def test_nobody_but_its_author_edits_a_comment_not_even_an_editor(team, claim):
    comment = comment_post(claim=claim, author=team["alice"], body="mine")
    for other in ("bob", "erin"):
        with pytest.raises(PermissionDenied):
            comment_edit(comment=comment, editor=team[other], body="theirs")
    assert Comment.objects.get(pk=comment.pk).body == "mine"


# --- The panel --------------------------------------------------------------------------------


def test_posting_from_the_panel_shows_the_comment_threaded_with_its_mention_marked(team, claim):
    client = client_for("alice")
    url = reverse("claims:comment", args=[claim.pk])
    response = client.post(url, {"body": "Source? @bob <script>x</script>"}, **HTMX)
    assert response.status_code == 200
    first = Comment.objects.get()
    client_for("bob").post(url, {"body": "On it", "parent": first.pk}, **HTMX)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert '<b class="mention" translate="no">@bob</b>' in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x</script>" not in html
    thread = html[html.index(f'id="comment-{first.pk}"') :]
    assert thread.index("On it") < thread.index("Post reply")  # the reply sits in the thread
    assert "Commented" in html and "Replied" in html  # both in the history


def test_an_empty_comment_from_the_panel_comes_back_422_saying_why(team, claim):
    response = client_for("alice").post(
        reverse("claims:comment", args=[claim.pk]), {"body": "  "}, **HTMX
    )
    assert response.status_code == 422
    assert "Write the comment before posting it." in response.content.decode()
    assert not Comment.objects.exists()


def test_the_edit_form_shows_for_its_author_within_ten_minutes_only(team, claim):
    comment = comment_post(claim=claim, author=team["alice"], body="hello")
    edit = reverse("claims:comment_edit", args=[claim.pk, comment.pk])
    assert edit in client_for("alice").get(claim.get_absolute_url()).content.decode()
    assert edit not in client_for("bob").get(claim.get_absolute_url()).content.decode()
    _age(comment, 11)
    assert edit not in client_for("alice").get(claim.get_absolute_url()).content.decode()


def test_a_late_edit_from_the_panel_is_refused_with_the_reason(team, claim):
    comment = comment_post(claim=claim, author=team["alice"], body="hello")
    _age(comment, 11)
    response = client_for("alice").post(
        reverse("claims:comment_edit", args=[claim.pk, comment.pk]), {"body": "bye"}, **HTMX
    )
    assert response.status_code == 403
    assert "no longer be changed" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).body == "hello"


def test_viewers_read_comments_but_cannot_post(team, claim):
    comment_post(claim=claim, author=team["alice"], body="visible to viewers")
    client = client_for("victor")
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "visible to viewers" in page and 'id="comment-form"' not in page
    response = client.post(reverse("claims:comment", args=[claim.pk]), {"body": "x"}, **HTMX)
    assert response.status_code == 403
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("n", [1, 30])
def test_the_panel_reads_comments_in_a_constant_number_of_queries(
    team, claim, n, django_assert_max_num_queries
):
    for i in range(n):
        comment_post(claim=claim, author=team["alice" if i % 2 else "bob"], body=f"c{i} @erin")
    client = client_for("alice")
    client.get(claim.get_absolute_url(), **HTMX)  # sessions and permissions warmed
    with django_assert_max_num_queries(22) as captured:
        response = client.get(claim.get_absolute_url(), **HTMX)
    assert response.content.decode().count('class="comment"') == n
    queries = len(captured.captured_queries)
    with django_assert_max_num_queries(queries):
        client.get(claim.get_absolute_url(), **HTMX)


# --- The API ----------------------------------------------------------------------------------


def test_the_api_posts_and_lists_comments_with_their_mentions(team, claim):
    api = token_client(team["alice"])
    url = reverse("api:comments", args=[claim.pk])
    created = api.post(url, {"body": "Check this @bob"}, format="json")
    assert created.status_code == 201
    record = created.json()
    assert record["author"] == "alice" and record["mentions"] == ["bob"]
    assert record["parent"] is None and record["edited_at"] is None
    reply = api.post(url, {"body": "and this", "parent": record["id"]}, format="json").json()
    listed = token_client(team["victor"]).get(url).json()
    assert [c["id"] for c in listed] == [record["id"], reply["id"]]
    assert listed[1]["parent"] == record["id"]
    assert Comment.objects.get(pk=reply["id"]).parent_id == record["id"]


def test_the_api_refuses_viewers_comments_and_empty_ones(team, claim):
    url = reverse("api:comments", args=[claim.pk])
    assert token_client(team["victor"]).post(url, {"body": "hi"}, format="json").status_code == 403
    empty = token_client(team["alice"]).post(url, {"body": " \x01 "}, format="json")
    assert empty.status_code == 400 and "body" in empty.json()
    assert token_client().get(url).status_code == 401
    assert not Comment.objects.exists()


def test_the_api_edit_is_its_authors_for_ten_minutes(team, claim):
    comment = comment_post(claim=claim, author=team["alice"], body="before")
    url = reverse("api:comment", args=[claim.pk, comment.pk])
    bob = token_client(team["bob"]).patch(url, {"body": "bob's"}, format="json")
    assert bob.status_code == 403 and "Only its author" in bob.json()["detail"]
    mine = token_client(team["alice"]).patch(url, {"body": "after"}, format="json")
    assert mine.status_code == 200 and mine.json()["edited_at"] is not None
    _age(comment, 10)
    late = token_client(team["alice"]).patch(url, {"body": "later"}, format="json")
    assert late.status_code == 403
    assert Comment.objects.get(pk=comment.pk).body == "after"


@pytest.mark.parametrize("n", [1, 40])
def test_the_comment_list_takes_the_same_queries_however_many(
    team, claim, n, django_assert_num_queries
):
    for i in range(n):
        comment_post(claim=claim, author=team["alice"], body=f"c{i}")
    api = token_client(team["victor"])
    # the token with its user's permissions, the claim, the claims merged into it, the comments
    with django_assert_num_queries(4):
        response = api.get(reverse("api:comments", args=[claim.pk]))
    assert len(response.json()) == n


def test_mentioning_yourself_notifies_nobody(team, claim):
    comment_post(claim=claim, author=team["alice"], body="note to self @alice")
    assert not Notification.objects.exists()


# --- A merged duplicate's discussion --------------------------------------------------------------


def _merged_pair(team: dict[str, Any]) -> tuple[Any, Any, Comment, Comment]:
    from claims.services import claim_merge
    from tests.factories import make_article, make_claims

    dup, target = make_claims(
        make_article(sentences=["Exports rose 12 percent in 2024.", "Exports grew 12% in 2024."])
    )
    said = comment_post(claim=dup, author=team["alice"], body="Customs table 4 says 11.8.")
    reply = comment_post(claim=dup, author=team["bob"], body="Agreed, see p. 12.", parent=said)
    claim_merge(duplicate=dup, into=target, actor=team["erin"])
    return dup, target, said, reply


def test_a_merged_duplicates_comments_show_on_the_claim_it_was_merged_into(team):
    dup, target, said, reply = _merged_pair(team)
    panel = client_for("erin").get(target.get_absolute_url(), **HTMX).content.decode()
    comments = panel.split('id="comments"')[1].split("</section>")[0]
    assert "Customs table 4 says 11.8." in comments and "Agreed, see p. 12." in comments
    assert f"From claim #{dup.pk}, merged into this one" in comments
    history = panel.split('<ol class="history">')[1].split("</ol>")[0]
    assert f"on claim #{dup.pk} (merged here)" in history
    api = token_client(team["victor"]).get(reverse("api:comments", args=[target.pk])).json()
    assert [(c["id"], c["claim"]) for c in api] == [(said.pk, dup.pk), (reply.pk, dup.pk)]
    # Nothing moved: the duplicate keeps its own thread.
    assert set(Comment.objects.filter(claim=dup).values_list("pk", flat=True)) == {
        said.pk,
        reply.pk,
    }


def test_a_restored_duplicate_takes_its_comments_back_and_none_is_lost(team):
    from claims.services import claim_restore

    dup, target, said, reply = _merged_pair(team)
    comment_post(claim=target, author=team["bob"], body="Merged, thanks.")
    claim_restore(claim=dup, actor=team["erin"])
    erin = client_for("erin")
    on_target = erin.get(target.get_absolute_url(), **HTMX).content.decode()
    assert "Customs table 4" not in on_target and "Merged, thanks." in on_target
    on_dup = erin.get(dup.get_absolute_url(), **HTMX).content.decode()
    assert "Customs table 4 says 11.8." in on_dup and "Agreed, see p. 12." in on_dup
    api = token_client(team["victor"]).get(reverse("api:comments", args=[target.pk])).json()
    assert [c["body"] for c in api] == ["Merged, thanks."]
    assert Comment.objects.count() == 3


def test_editing_a_comment_of_an_impossible_claim_id_is_a_404(team):
    url = f"/api/v1/claims/{2**100}/comments/1/"
    response = token_client(team["alice"]).patch(url, {"body": "x"}, format="json")
    assert response.status_code == 404
