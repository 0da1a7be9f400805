"""Small typed readers for environment settings that fail loudly on bad values.

A secret may also be given as a file: ``NAME_FILE=/run/secrets/name`` (as in healthchecks).
"""

import json
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class ImproperlyConfiguredEnv(RuntimeError):
    """An environment variable holds a value that cannot be used."""


def envstr(name: str, default: str = "") -> str:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfiguredEnv(f"{name} must be true or false, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfiguredEnv(f"{name} must be a whole number, not {raw!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envjson(name: str, default: dict[str, object]) -> dict[str, object]:
    """A JSON object (``{"bucket_name": "x"}``); the default when the variable is unset."""
    raw = envstr(name)
    if not raw.strip():
        return default
    try:
        value = json.loads(raw)
    except ValueError:
        raise ImproperlyConfiguredEnv(f"{name} must be a JSON object, not {raw!r}") from None
    if not isinstance(value, dict):
        raise ImproperlyConfiguredEnv(f"{name} must be a JSON object, not {raw!r}")
    return value


def envsecret(name: str, *, debug: bool, debug_default: str) -> str:
    """Return a secret (directly or through ``NAME_FILE``); a development default in debug.

    Outside debug a missing secret is empty: Django refuses to use an empty SECRET_KEY, and
    the WSGI, ASGI and Celery entry points read it at start-up, so serving fails loudly
    while offline commands that sign nothing (``extract``) still run.
    """
    value = envstr(name)
    if value:
        return value
    return debug_default if debug else ""


def require_secret_key() -> None:
    """Fail at start-up, naming the variable, when the server has no secret key."""
    message = "SECRET_KEY must be set when DEBUG is off (or SECRET_KEY_FILE)"
    try:
        present = bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        present = False
    if not present:
        raise ImproperlyConfiguredEnv(message)
