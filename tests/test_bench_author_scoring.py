"""The metadata benchmark's author check compares people, whatever joins the gold uses."""

from bench.bench_articles import authors_ok


def test_gold_joining_two_people_with_and_matches_the_two_names_given_apart():
    assert authors_ok(["Ann Lee", "Bo Kim"], ["Ann Lee and Bo Kim"])


def test_gold_joining_people_with_commas_semicolons_or_a_slash_matches_them_apart():
    assert authors_ok(["Ann Lee", "Bo Kim"], ["Ann Lee, Bo Kim"])
    assert authors_ok(["Ann Lee", "Bo Kim"], ["Ann Lee; Bo Kim"])
    assert authors_ok(["AFP", "The Example"], ["AFP/The Example"])


def test_a_person_missing_or_added_still_fails():
    assert not authors_ok(["Ann Lee"], ["Ann Lee and Bo Kim"])
    assert not authors_ok(["Ann Lee", "Bo Kim", "Cy Day"], ["Ann Lee, Bo Kim"])


def test_names_joined_in_one_predicted_string_still_match_the_gold_apart():
    assert authors_ok(["Ann Lee and Bo Kim"], ["Ann Lee", "Bo Kim"])
    assert authors_ok(["홍길동 기자"], ["홍길동"])
