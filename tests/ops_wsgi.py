"""The product's WSGI application as the operations tests serve it under gunicorn.

It says when a worker has loaded it, and names the worker process answering each request
(``X-Worker-Pid``), so that a test can tell that several processes took part.
"""

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

from config.wsgi import application as product

PID = str(os.getpid())


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    def start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
        return start_response(status, [*headers, ("X-Worker-Pid", PID)], *args)

    return product(environ, start)


sys.stderr.write(f"Worker ready (pid {os.getpid()})\n")
sys.stderr.flush()
