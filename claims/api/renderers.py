"""JSON through orjson: the API's hot path spends its time here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
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
