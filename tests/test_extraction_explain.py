"""`extract --json --explain` adds the rule of each figure and the reasons of each claim, and
changes nothing else; without it the output has neither."""

import json

import pytest

from claims.extraction.chrome import CHROME_RULES
from claims.extraction.figures.registry import ALL
from claims.extraction.rules import CLAIM_RULES
from tests.conftest import SEED_PAGE, corpus_path
from tests.factories import run_command

ENGLISH_PAGE = (
    "Exports rose for a third month\n\n"
    "South Korea's exports rose 7.3 percent in October from a year earlier to $52.4 billion, "
    "the trade ministry said on Monday.\n\n"
    "Shipments of chips, the country's biggest export item, grew 10 percent.\n\n"
    "Copyright 2020 Example News. All rights reserved.\n"
)


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    english = tmp_path_factory.mktemp("explain") / "exports.txt"
    english.write_text(ENGLISH_PAGE, encoding="utf-8")
    return [str(corpus_path(SEED_PAGE.name)), str(english)]


def _documents(*args):
    out, err, code = run_command("extract", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def _claims(documents):
    return [claim for d in documents for a in d["articles"] for claim in a["claims"]]


def test_explain_adds_only_rule_and_reasons(sources):
    plain = _documents(*sources, "--json")
    explained = _documents(*sources, "--json", "--explain")
    claims = _claims(explained)
    assert len(claims) > 20
    assert sum(len(c["figures"]) for c in claims) > 20
    for claim in claims:
        assert isinstance(claim.pop("reasons"), list)
        for figure in claim["figures"]:
            assert isinstance(figure.pop("rule"), str)
    assert explained == plain


def test_without_explain_no_rule_or_reasons_appear(sources):
    claims = _claims(_documents(*sources, "--json"))
    assert claims
    assert not any("reasons" in claim for claim in claims)
    assert not any("rule" in figure for claim in claims for figure in claim["figures"])


def test_explained_names_are_registered_rules_and_the_model_score_comes_last(sources):
    claims = _claims(_documents(*sources, "--json", "--explain"))
    figure_rules = {rule.name for rule in ALL}
    claim_rules = set(CLAIM_RULES) | set(CHROME_RULES)
    assert all(f["rule"] in figure_rules for c in claims for f in c["figures"])
    for claim in claims:
        *names, last = claim["reasons"]
        if last.startswith("model:"):
            assert 0.0 <= float(last.removeprefix("model:")) <= 1.0
        else:
            names.append(last)
        assert names and set(names) <= claim_rules, claim["reasons"]
    english = [c for c in claims if "$52.4 billion" in c["text"]]
    assert len(english) == 1
    assert english[0]["reasons"][-1].startswith("model:")
    rules = {f["text"]: f["rule"] for f in english[0]["figures"]}
    assert rules["$52.4 billion"] == "en_money"
    assert rules["7.3 percent"] == "en_percent"
