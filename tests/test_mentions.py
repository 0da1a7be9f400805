"""@username mentions in comment text (lib.mentions): pure text, no database."""

from __future__ import annotations

from lib.mentions import mention_candidates, resolve_mentions, split_mentions


def test_a_mention_is_at_and_a_django_username():
    text = "@alice and @bob.smith, see @e-rin+x (cc @Carol)"
    assert mention_candidates(text) == ["alice", "bob.smith", "e-rin+x", "Carol"]


def test_an_email_address_is_no_mention():
    assert mention_candidates("write to erin@example.org or @erin") == ["erin"]


def test_a_full_stop_after_a_name_is_not_part_of_it_unless_a_user_has_that_name():
    assert mention_candidates("ask @alice.") == ["alice.", "alice"]
    assert resolve_mentions("ask @alice.", {"alice"}) == ["alice"]
    assert resolve_mentions("ask @alice.", {"alice", "alice."}) == ["alice."]


def test_resolved_mentions_keep_their_order_without_repeats_and_drop_unknown_names():
    assert resolve_mentions("@bob @nobody @alice @bob", {"alice", "bob"}) == ["bob", "alice"]


def test_mentions_are_case_sensitive_as_usernames_are():
    assert resolve_mentions("@Alice", {"alice"}) == []


def test_split_marks_only_the_known_mentions_and_keeps_every_character():
    text = "Hi @alice. Not @nobody <b>@bob</b>"
    pieces = split_mentions(text, {"alice", "bob"})
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, mention in pieces if mention] == ["@alice", "@bob"]
    assert ("@nobody", True) not in pieces
