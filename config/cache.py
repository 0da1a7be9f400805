"""Django's Redis cache, made to degrade instead of failing requests when Redis is away.

The cache holds rate-limit counters and cached API pages: losing it for a while costs
cache hits and lets rate limits lapse, which beats answering every request with a 500 (the
broker may be down on the same Redis, and ingestion then runs inline, as promised). While
Redis does not answer, the cache behaves as an empty one that keeps nothing, and it is not
asked again for a few seconds, so that a Redis that has stopped answering costs at most
one socket timeout per server thread every ``RETRY_AFTER`` seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("claimdesk.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 5.0


class RedisCache(DjangoRedisCache):
    _down_until = 0.0

    def _try(self, fallback: Any, operation: Callable[..., Any], *args: Any) -> Any:
        if time.monotonic() >= self._down_until:
            try:
                return operation(self, *args)
            except UNAVAILABLE as error:
                logger.warning("cache unavailable, running without it: %s", error)
                self._down_until = time.monotonic() + RETRY_AFTER
        return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._try(default, DjangoRedisCache.get, key, default, version)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._try({}, DjangoRedisCache.get_many, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._try(False, DjangoRedisCache.has_key, key, version)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._try(False, DjangoRedisCache.add, key, value, timeout, version)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._try(None, DjangoRedisCache.set, key, value, timeout, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return self._try(list(data), DjangoRedisCache.set_many, data, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._try(False, DjangoRedisCache.touch, key, timeout, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._try(False, DjangoRedisCache.delete, key, version)

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._try(None, DjangoRedisCache.delete_many, keys, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        missing = object()
        count = self._try(missing, DjangoRedisCache.incr, key, delta, version)
        if count is missing:
            # What Django's caches raise for a key they do not hold.
            raise ValueError(f"Key '{key}' not found")
        return int(count)
