"""JSON through orjson: the API's hot path spends its time here. And the request parser."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BaseRenderer


def _default(value: Any) -> str:
    # Lazy translations and decimals; everything else orjson handles itself.
    return str(value)


class ORJSONRenderer(BaseRenderer):
    media_type = "application/json"
    format = "json"
    charset = None

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(
            data, default=_default, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS
        )


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, with nesting too deep for Python's decoder a 400 rather than a 500."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
