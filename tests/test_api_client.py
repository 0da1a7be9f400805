"""A real client (issue 17, item 15): a Python client generated from /api/schema/ with
openapi-python-client imports whole and works against a live server: it lists claims,
records a verdict and reads it back."""

from __future__ import annotations

import importlib
import json
import pkgutil
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, Verdict
from tests.factories import make_article, make_claims, make_team

PACKAGE = "claimdesk_api_client"

# No formatting hooks (the generator would look for ruff on PATH); the JSON Lines export
# is text to the client.
CONFIG = """
post_hooks: []
content_type_overrides:
  application/x-ndjson: text/plain
  application/ld+json: application/json
"""


def generator() -> str:
    found = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
    assert found, "openapi-python-client is a test dependency (requirements.lock)"
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_blocker) -> Iterator[Path]:
    """The client package generated from the schema the server serves."""
    root = tmp_path_factory.mktemp("client")
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    (root / "schema.json").write_bytes(response.content)
    (root / "config.yml").write_text(CONFIG)
    done = subprocess.run(
        [
            generator(),
            "generate",
            "--path",
            str(root / "schema.json"),
            "--config",
            str(root / "config.yml"),
            "--output-path",
            str(root / PACKAGE),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # Every operation generated without a warning (a warning means a piece is missing).
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(root))
    yield root / PACKAGE
    sys.path.remove(str(root))
    for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
        del sys.modules[name]


def test_every_module_of_the_generated_client_imports(generated):
    modules = [
        f"{PACKAGE}.{info.name}"
        for info in pkgutil.walk_packages([str(generated)], prefix="")
        if not info.ispkg
    ]
    modules += [
        f"{PACKAGE}.api.{group}.{info.name}"
        for group in ("articles", "claims", "default", "export", "jobs")
        for info in pkgutil.iter_modules([str(generated / "api" / group)])
    ]
    assert len(modules) >= 12 + 3  # every operation, and client, errors, types
    for name in modules:
        importlib.import_module(name)
    verdicts = importlib.import_module(f"{PACKAGE}.api.claims.claims_verdicts_create")
    assert callable(verdicts.sync_detailed)


@pytest.mark.django_db(transaction=True)
def test_generated_client_lists_claims_posts_a_verdict_and_reads_it_back(generated, live_server):
    team = make_team()
    claims = make_claims(make_article(sentences=["One costs 5 won.", "Two costs 6 won."]))
    key = Token.objects.create(user=team["alice"]).key

    client_module = importlib.import_module(PACKAGE)
    claims_list = importlib.import_module(f"{PACKAGE}.api.claims.claims_list")
    claims_retrieve = importlib.import_module(f"{PACKAGE}.api.claims.claims_retrieve")
    verdicts_create = importlib.import_module(f"{PACKAGE}.api.claims.claims_verdicts_create")
    models = importlib.import_module(f"{PACKAGE}.models")

    client = client_module.AuthenticatedClient(
        base_url=live_server.url, token=key, prefix="Token", raise_on_unexpected_status=True
    )
    with client:
        listed = claims_list.sync_detailed(client=client)
        assert listed.status_code == 200
        page = listed.parsed
        assert sorted(item.id for item in page.results) == sorted(c.pk for c in claims)
        target = page.results[0]
        assert target.status == models.StatusEnum.UNREVIEWED

        body = models.VerdictInput(
            verdict=models.VerdictEnum.VERIFIED,
            note="matches the table",
            sources=[models.SourceInput(url="https://stats.example/t1", title="Table 1")],
        )
        created = verdicts_create.sync_detailed(id=target.id, client=client, body=body)
        assert created.status_code == 201, created.content
        verdict = created.parsed
        assert isinstance(verdict, models.VerdictOutput)
        assert verdict.verdict == models.VerdictEnum.VERIFIED
        assert verdict.claim_status == "verified"

        read = claims_retrieve.sync(id=target.id, client=client)
        assert isinstance(read, models.ClaimDetail)
        assert read.status == models.StatusEnum.VERIFIED
        [history] = read.verdicts
        assert history.id == verdict.id and history.note == "matches the table"
        assert [s.url for s in history.sources] == ["https://stats.example/t1"]

    stored = Verdict.objects.get(pk=verdict.id)
    assert (stored.claim_id, stored.reviewer.username) == (target.id, "alice")
    assert Claim.objects.get(pk=target.id).status == "verified"


def test_the_schema_the_client_is_made_from_is_json(generated):
    schema = json.loads((generated.parent / "schema.json").read_text())
    assert schema["openapi"].startswith("3.")
