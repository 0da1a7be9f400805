"""ClaimReview JSON-LD, validated against the schema.org vocabulary file (release 30.0)."""

import json
from functools import cache as memo
from pathlib import Path

import pytest

from claims.services import SourceInput, claim_dismiss, claim_record_verdict
from tests.factories import make_article, make_claim, make_claims

VOCAB = Path(__file__).resolve().parent.parent.parent / "shared" / "vocab"
SOURCE = SourceInput(url="https://stats.example/t1", title="Table 1")
TEXT_TYPES = {"Text", "URL", "Date", "DateTime", "Time", "Language"}
NUMBER_TYPES = {"Number", "Integer", "Float", "Text"}


@memo
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """Classes with all their superclasses, and properties with (domains, ranges)."""
    path = VOCAB / "schemaorg-current-https.jsonld"
    if not path.exists():
        pytest.fail(f"schema.org vocabulary missing: {path}")
    graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]

    def ids(value):
        items = value if isinstance(value, list) else [value] if value else []
        return {item["@id"].removeprefix("schema:") for item in items}

    def types(entry):
        t = entry["@type"]
        return set(t if isinstance(t, list) else [t])

    parents, properties = {}, {}
    for entry in graph:
        name = entry["@id"].removeprefix("schema:")
        if "rdfs:Class" in types(entry):
            parents[name] = ids(entry.get("rdfs:subClassOf"))
        if "rdf:Property" in types(entry):
            properties[name] = (
                ids(entry.get("schema:domainIncludes")),
                ids(entry.get("schema:rangeIncludes")),
            )

    def ancestors(name, seen=()):
        found = {name}
        for parent in parents.get(name, ()):
            if parent not in seen:
                found |= ancestors(parent, (*seen, name))
        return found

    return {name: ancestors(name) for name in parents}, properties


def violations(node, where="$") -> list[str]:
    """Every type or property of ``node`` that schema.org does not allow where it is used."""
    classes, properties = vocabulary()
    problems = []
    kind = node.get("@type")
    if kind not in classes:
        return [f"{where}: unknown type {kind!r}"]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in properties:
            problems.append(f"{where}.{key}: unknown property")
            continue
        domains, ranges = properties[key]
        if not domains & classes[kind]:
            problems.append(f"{where}.{key}: not a property of {kind}")
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            problems += _check_value(item, ranges, f"{where}.{key}[{i}]")
    return problems


def _check_value(item, ranges, where) -> list[str]:
    classes, _ = vocabulary()
    if isinstance(item, dict) and "@type" in item:
        problems = violations(item, where)
        if item["@type"] in classes and not ranges & classes[item["@type"]]:
            problems.append(f"{where}: {item['@type']} is not in the range {sorted(ranges)}")
        return problems
    if isinstance(item, dict) and "@value" in item:
        ok = bool(ranges & TEXT_TYPES) and isinstance(item["@value"], str)
        return [] if ok and item.get("@language") else [f"{where}: bad language-tagged text"]
    if isinstance(item, bool):
        return [] if "Boolean" in ranges else [f"{where}: a boolean where {ranges} is expected"]
    if isinstance(item, int | float):
        return [] if ranges & NUMBER_TYPES else [f"{where}: a number where {ranges} is expected"]
    if isinstance(item, str):
        return [] if ranges & TEXT_TYPES else [f"{where}: text where {ranges} is expected"]
    return [f"{where}: unexpected value {item!r}"]


def test_the_validator_catches_misused_properties():
    assert violations({"@type": "Claim", "reviewRating": {"@type": "Rating"}})
    assert violations({"@type": "ClaimReview", "itemReviewed": {"@type": "Nonsense"}})
    assert violations({"@type": "ClaimReview", "author": {"@type": "Rating"}})
    assert violations({"@type": "Rating", "ratingValue": True})
    assert not violations({"@type": "NewsArticle", "headline": "x", "inLanguage": "ko"})


def export(viewer) -> list[dict]:
    response = viewer.get("/api/v1/export/claimreview.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = json.loads(b"".join(response))
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def test_one_valid_claimreview_per_reviewed_claim(team, viewer):
    verified, disputed, unverifiable = make_claim(), make_claim(), make_claim()
    contested, dismissed, _unreviewed = make_claim(), make_claim(), make_claim()
    claim_record_verdict(
        claim=verified, reviewer=team["alice"], verdict="verified", sources=[SOURCE]
    )
    claim_record_verdict(
        claim=disputed, reviewer=team["bob"], verdict="disputed", sources=[SOURCE], note="No."
    )
    claim_record_verdict(claim=unverifiable, reviewer=team["bob"], verdict="unverifiable")
    claim_record_verdict(
        claim=contested, reviewer=team["alice"], verdict="verified", sources=[SOURCE]
    )
    claim_record_verdict(
        claim=contested, reviewer=team["bob"], verdict="disputed", sources=[SOURCE]
    )
    claim_dismiss(claim=dismissed, actor=team["alice"], reason="navigation")

    reviews = export(viewer)

    assert sorted(r["claimReviewed"] for r in reviews) == sorted(
        c.text for c in (verified, disputed, unverifiable)
    )
    for review in reviews:
        assert violations(review) == []
    by_text = {r["claimReviewed"]: r for r in reviews}
    assert by_text[verified.text]["reviewRating"]["ratingValue"] == 5
    assert by_text[disputed.text]["reviewRating"]["ratingValue"] == 1
    assert by_text[disputed.text]["reviewRating"]["ratingExplanation"] == "No."
    assert "ratingValue" not in by_text[unverifiable.text]["reviewRating"]
    for review in (by_text[verified.text], by_text[disputed.text]):
        assert review["reviewRating"]["bestRating"] == 5
        assert review["reviewRating"]["worstRating"] == 1


def test_claimreview_carries_the_fields_fact_check_readers_need(team, viewer):
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    [review] = export(viewer)
    assert review["@type"] == "ClaimReview"
    assert review["itemReviewed"]["@type"] == "Claim"
    appearance = review["itemReviewed"]["appearance"]
    assert appearance["url"] == claim.article.url
    assert appearance["headline"] == claim.article.title
    assert appearance["datePublished"].startswith("2025-01-01")
    assert appearance["publisher"] == {"@type": "Organization", "name": "Test Wire"}
    assert review["author"]["@type"] == "Organization"
    assert review["reviewRating"]["author"] == {"@type": "Person", "name": "alice"}
    assert review["datePublished"]
    assert review["url"].endswith(f"/api/v1/claims/{claim.pk}/")
    assert review["reviewRating"]["alternateName"] == "True"
    assert review["inLanguage"] == "en"


def test_korean_claim_is_rated_in_korean_and_english(team, viewer):
    article = make_article(sentences=["정부는 35개국에 친서를 보냈다."], language="ko")
    [claim] = make_claims(article)
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE])
    [review] = export(viewer)
    assert violations(review) == []
    assert review["inLanguage"] == "ko"
    assert review["reviewRating"]["alternateName"] == [
        {"@value": "사실 아님", "@language": "ko"},
        {"@value": "False", "@language": "en"},
    ]


def test_contested_claim_that_an_editor_settles_gets_the_settled_rating(team, viewer):
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE])
    assert export(viewer) == []
    claim_record_verdict(
        claim=claim, reviewer=team["erin"], verdict="disputed", sources=[SOURCE], settles=True
    )
    [review] = export(viewer)
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["reviewRating"]["author"]["name"] == "erin"


def test_a_reviewed_claim_has_its_own_claimreview_and_others_are_404(team, viewer):
    claim, unreviewed = make_claim(), make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    response = viewer.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    review = response.json()
    assert review["@context"] == "https://schema.org"
    assert violations(review) == []
    missing = viewer.get(f"/api/v1/claims/{unreviewed.pk}/claimreview/")
    assert missing.status_code == 404
    assert "no ClaimReview" in missing.json()["detail"]
    assert viewer.get("/api/v1/claims/999999/claimreview/").status_code == 404


@pytest.mark.parametrize("n", [10, 20])
def test_a_claims_claimreview_takes_a_constant_number_of_queries(
    team, viewer, django_assert_num_queries, n
):
    claim = make_claim()
    for i in range(n):
        reviewer = team["alice" if i % 2 else "bob"]
        claim_record_verdict(
            claim=claim, reviewer=reviewer, verdict="verified", sources=[SOURCE, SOURCE]
        )
    # the token with its user's permissions, the claim, its verdicts with sources, the rating
    # verdicts, and the empty batch that ends the walk.
    with django_assert_num_queries(5):
        response = viewer.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    assert response.json()["claimReviewed"] == claim.text


@pytest.mark.parametrize("n", [10, 20])
def test_the_claimreview_export_takes_a_constant_number_of_queries(
    team, viewer, django_assert_num_queries, n
):
    for claim in make_claims(
        make_article(sentences=[f"Item {i} costs {i} won." for i in range(n)])
    ):
        claim_record_verdict(
            claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE]
        )
    # the token with its user's permissions, one batch of (claims, verdicts with sources,
    # rating verdicts) and the empty batch that ends it.
    with django_assert_num_queries(5):
        reviews = export(viewer)
    assert len(reviews) == n
