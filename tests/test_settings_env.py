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


def test_secret_is_required_outside_debug(monkeypatch):
    monkeypatch.delenv("CLAIMDESK_SECRET", raising=False)
    with pytest.raises(ImproperlyConfiguredEnv, match="CLAIMDESK_SECRET"):
        envsecret("CLAIMDESK_SECRET", debug=False, debug_default="x")


def test_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("CLAIMDESK_SECRET_FILE", str(secret))
    assert envsecret("CLAIMDESK_SECRET", debug=False, debug_default="x") == "from-a-file"
