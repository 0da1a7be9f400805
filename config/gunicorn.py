"""gunicorn settings for production: ``gunicorn -c config/gunicorn.py config.wsgi``.

Worker model: synchronous Django views with threads (gthread), so a slow client or a
streamed export holds one thread, not a whole process. Workers default to 2 per core when
the cache is shared (Redis), and to one process otherwise: API rate limits are counted in
the cache, and a cache in each process's memory would multiply them by the processes.
"""

import multiprocessing
import os
from typing import Any

# As config/settings.py decides: the cache is Redis when REDIS_URL or a Redis broker is set.
SHARED_CACHE = bool(os.environ.get("REDIS_URL")) or os.environ.get(
    "CELERY_BROKER_URL", ""
).startswith(("redis://", "rediss://"))

bind = os.environ.get("BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(
    os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 if SHARED_CACHE else 1)
)
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# What gunicorn refuses before Django sees a request: it answers those itself, in HTML
# (414 for a longer request line, 431 for more or longer header fields, 400 for bytes a
# header may not hold). The request line may be as long as gunicorn allows, so that long API
# queries reach Django and get JSON answers; these equal nginx's default 8 KB buffers, so a
# proxy with its defaults in front refuses first (the README says what it must answer).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190


def on_starting(server: Any) -> None:
    if workers > 1 and not SHARED_CACHE:
        server.log.warning(
            "%d worker processes without Redis (REDIS_URL): each counts API rate limits "
            "on its own, so clients get %d times the configured rates",
            workers,
            workers,
        )
