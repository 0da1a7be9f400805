"""The desk's decisions as claim labels (``manage.py export_claim_labels``), and the trainer
reading them back (``bench.desk_labels``): a dismissal says "not a claim", a verdict or a
reviewer's addition says "a claim"; unreviewed and merged claims say nothing."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.desk_labels import read_desk_labels
from claims.models import Claim
from claims.services import (
    SourceInput,
    claim_add,
    claim_dismiss,
    claim_merge,
    claim_record_verdict,
    claim_restore,
)
from tests.factories import make_article, make_claims, run_command

SOURCE = SourceInput(url="https://stats.example/roads", title="Road spending")
SENTENCES = [
    "The city spent $40 million on roads in 2024.",
    "Roads are the backbone of a city.",
    "The mayor opened a bridge on Monday.",
    "The council approved the budget by 7 votes to 2.",
    "Residents said they were delighted.",
]


def export(*args: str) -> list[dict]:
    out, err, code = run_command("export_claim_labels", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def desk_article(team):
    article = make_article(sentences=SENTENCES)
    spent, roads, bridge, council, residents = make_claims(article)
    claim_record_verdict(claim=spent, reviewer=team["alice"], verdict="disputed", sources=[SOURCE])
    claim_dismiss(claim=roads, actor=team["alice"], reason="Background, not checkable")
    claim_merge(duplicate=council, into=spent, actor=team["erin"])
    start = article.revisions.get().body.index("Residents")
    added = claim_add(article=article, actor=team["bob"], start=start, end=start + 9)
    return article, {"spent": spent, "roads": roads, "bridge": bridge, "added": added}


def test_export_labels_dismissals_no_and_verdicts_and_additions_yes(team):
    article, claims = desk_article(team)

    lines = export()

    [revision] = [line for line in lines if line["type"] == "revision"]
    body = article.revisions.get().body
    assert revision == {
        "type": "revision",
        "revision": article.revisions.get().pk,
        "article": article.pk,
        "language": "en",
        "body": body,
    }
    labels = {line["claim_id"]: line for line in lines if line["type"] == "label"}
    assert set(labels) == {claims["spent"].pk, claims["roads"].pk, claims["added"].pk}
    assert labels[claims["spent"].pk]["claim"] is True
    assert labels[claims["spent"].pk]["decided"] == "verdict"
    assert labels[claims["spent"].pk]["status"] == "disputed"
    assert labels[claims["roads"].pk]["claim"] is False
    assert labels[claims["roads"].pk]["decided"] == "dismissed"
    assert labels[claims["roads"].pk]["reason"] == "Background, not checkable"
    assert labels[claims["added"].pk]["decided"] == "added"
    for label in labels.values():
        assert body[label["start"] : label["end"]] == label["text"]
    assert lines.index(revision) < min(lines.index(label) for label in labels.values())


def test_export_of_a_restored_claim_drops_its_dismissal(team):
    _, claims = desk_article(team)

    claim_restore(claim=Claim.objects.get(pk=claims["roads"].pk), actor=team["alice"])

    labelled = {line["claim_id"] for line in export() if line["type"] == "label"}
    assert claims["roads"].pk not in labelled


def test_export_filters_by_language(team):
    desk_article(team)
    korean = make_article(sentences=["정부는 35개국에 친서를 보냈다."], language="ko")
    [sent] = make_claims(korean)
    claim_record_verdict(claim=sent, reviewer=team["alice"], verdict="verified", sources=[SOURCE])

    lines = export("--language", "ko")

    assert [line["claim_id"] for line in lines if line["type"] == "label"] == [sent.pk]
    assert [line["language"] for line in lines if line["type"] == "revision"] == ["ko"]


def test_export_reads_a_fixed_number_of_queries_however_many_articles(team):
    for _ in range(2):
        desk_article(team)
    with CaptureQueriesContext(connection) as two:
        export()
    for _ in range(3):
        desk_article(team)
    with CaptureQueriesContext(connection) as five:
        lines = export()
    assert sum(line["type"] == "revision" for line in lines) == 5
    assert len(five.captured_queries) == len(two.captured_queries)


def test_trainer_reads_the_exported_labels_as_units_of_their_revisions(team, tmp_path):
    article, claims = desk_article(team)
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in export()), encoding="utf-8")

    units, bodies = read_desk_labels(path, "en")

    body = article.revisions.get().body
    assert bodies == {f"desk:{article.revisions.get().pk}": body}
    by_text = {unit.text: unit for unit in units}
    assert len(by_text) == 3
    assert by_text[SENTENCES[0]].claim is True
    assert by_text[SENTENCES[1]].claim is False
    assert by_text["Residents"].claim is True
    for unit in units:
        assert bodies[unit.article][unit.start : unit.end] == unit.text
    assert read_desk_labels(path, "ko") == ([], {})


def test_trainer_refuses_a_label_whose_text_is_not_its_revisions(tmp_path):
    path = tmp_path / "labels.jsonl"
    lines = [
        {"type": "revision", "revision": 1, "article": 1, "language": "en", "body": "A b c."},
        {"type": "label", "revision": 1, "claim_id": 9, "start": 0, "end": 3, "text": "xyz",
         "claim": False, "decided": "dismissed", "reason": "no"},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    try:
        read_desk_labels(path, "en")
    except ValueError as error:
        assert "claim 9" in str(error)
    else:
        raise AssertionError("a label off its revision's text was read")


def test_trainer_rows_of_the_desk_are_the_extractors_units_and_never_scored(team, tmp_path):
    from bench.train_checkworthiness import desk_rows

    article, _ = desk_article(team)
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in export()), encoding="utf-8")

    rows = desk_rows("en", path)

    # "Residents" (added) lies inside the unit "Residents said ...": that unit is a claim,
    # which a rule decides before the model (en_reported_stance), so the model never reads it.
    assert [(row.inputs.text if row.inputs else None, row.label) for row in rows] == [
        (SENTENCES[0], 1),
        (SENTENCES[1], 0),
        (None, 1),
    ]
    assert all(row.desk and row.group == f"desk:{article.revisions.get().pk}" for row in rows)
    assert desk_rows("en", None) == []
