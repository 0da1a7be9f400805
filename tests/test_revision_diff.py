from articles.diff import Change, revision_changes


def test_changed_sentence_shows_as_removed_then_added_between_kept_ones():
    before = (
        "The council met on Tuesday. It approved $2.1 billion.\n\nUnemployment was 4.2 percent."
    )
    after = "The council met on Tuesday. It approved $2.4 billion.\n\nUnemployment was 4.2 percent."
    assert revision_changes(before, after) == [
        Change("=", "The council met on Tuesday."),
        Change("-", "It approved $2.1 billion."),
        Change("+", "It approved $2.4 billion."),
        Change("=", "Unemployment was 4.2 percent."),
    ]


def test_identical_bodies_have_no_additions_or_removals():
    body = "정부는 35개국에 친서를 보냈다. 문 대통령은 5개국 정상과 통화했다."
    assert {c.op for c in revision_changes(body, body)} == {"="}
