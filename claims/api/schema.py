"""The OpenAPI schema's conventions, held in one place for every view."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.openapi import AutoSchema


class ApiSchema(AutoSchema):
    """One naming scheme for operation ids, which generated clients turn into function
    names: the path's words after ``/api/v1/`` (path parameters left out) joined by ``_``,
    then the action, e.g. ``claims_list``, ``claims_retrieve``, ``claims_verdicts_create``,
    ``export_claims_csv_retrieve``. Only letters, digits and ``_``: no dots or dashes."""

    def get_operation_id(self) -> str:
        return re.sub(r"[^0-9A-Za-z]+", "_", super().get_operation_id()).strip("_")


def describe_one_of(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: the ingest body is exactly one of its three forms.

    A URL alone takes no other field, so that a body with ``url`` and ``html`` matches the
    HTML form only (``oneOf`` allows one match).
    """
    schemas = result.get("components", {}).get("schemas", {})
    if "ArticleInput" in schemas:
        schemas["ArticleInput"]["description"] = (
            "Exactly one of: `url` alone (a page to fetch), `html` (with `url`, where it "
            "came from, if known) or `text` (with `title`)."
        )
        schemas["UrlIngest"]["additionalProperties"] = False
    return result
