"""Request rates with one cache increment a request.

DRF's throttles keep each client's request times in a list that is read, trimmed and
written back whole on every request, so their cost grows with the rate allowed. These
count requests in fixed windows instead (as django-ratelimit does): a window of the
rate's length, one counter per client and window.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class FixedWindow(SimpleRateThrottle):
    num_requests: int
    duration: int
    window_end = 0.0

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        counter = f"{key}:{window}"
        self.cache.add(counter, 0, self.duration + 1)
        try:
            count = self.cache.incr(counter)
        except ValueError:  # the counter expired between add and incr
            self.cache.set(counter, 1, self.duration + 1)
            count = 1
        return count <= self.num_requests

    def wait(self) -> float:
        return max(self.window_end - self.now, 0.0)


class AnonThrottle(FixedWindow, AnonRateThrottle):
    """Anonymous clients, by address (rate "anon")."""


class UserThrottle(FixedWindow, UserRateThrottle):
    """Signed-in users (rate "user"); anonymous clients are AnonThrottle's."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class IngestThrottle(UserThrottle):
    """Ingestion fetches pages and runs the extractor: a tighter rate than reads."""

    scope = "ingest"

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)
