import os
import subprocess
import sys

import pytest

from config.env import ImproperlyConfiguredEnv, envbool, envint, envsecret


def test_envbool_rejects_a_value_that_is_not_a_boolean(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_FLAG", "maybe")
    with pytest.raises(ImproperlyConfiguredEnv, match="CLAIMDESK_FLAG"):
        envbool("CLAIMDESK_FLAG")


def test_envint_rejects_a_value_that_is_not_a_number(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_N", "ten")
    with pytest.raises(ImproperlyConfiguredEnv, match="CLAIMDESK_N"):
        envint("CLAIMDESK_N", 3)


def test_server_refuses_to_start_without_a_secret_key_outside_debug():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    started = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], env=env, capture_output=True, text=True
    )
    assert started.returncode != 0
    assert "SECRET_KEY must be set" in started.stderr


def test_debug_has_a_development_secret(monkeypatch):
    monkeypatch.delenv("CLAIMDESK_SECRET", raising=False)
    assert envsecret("CLAIMDESK_SECRET", debug=True, debug_default="dev") == "dev"


def test_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("CLAIMDESK_SECRET_FILE", str(secret))
    assert envsecret("CLAIMDESK_SECRET", debug=False, debug_default="x") == "from-a-file"
