"""A real gunicorn (config/gunicorn.py) on a free port of 127.0.0.1, for operations tests.

The server runs the product's settings through ``tests.settings`` with DEBUG off, in its own
processes; the caller gives its environment (database, cache, rate limits). Its log goes to a
file, so that a chatty server never blocks on a full pipe.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


def server_env(**extra: str) -> dict[str, str]:
    """The environment of a server process: this one's, minus what would change its role."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "HTTPS", "REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL"}
        and not k.startswith(("PYTEST_", "CLAIMDESK_API_", "DJANGO_"))
    }
    return {**env, "DJANGO_SETTINGS_MODULE": "tests.settings", "LOG_LEVEL": "WARNING", **extra}


def migrated_sqlite(path: Path) -> str:
    """A DATABASE_URL for a new SQLite file at ``path`` with every migration applied."""
    url = f"sqlite:///{path}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=server_env(DATABASE_URL=url),
        check=True,
    )
    return url


@dataclass
class Server:
    host: str
    port: int
    log: Path

    def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        timeout: float = 30.0,
    ) -> tuple[int, dict[str, str], bytes, float]:
        """One request on a new connection: status, headers (lower-case), body, seconds."""
        started = time.monotonic()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, headers=headers or {})
            response = conn.getresponse()
            body = response.read()
            head = {k.lower(): v for k, v in response.getheaders()}
            return response.status, head, body, time.monotonic() - started
        finally:
            conn.close()

    def raw(self, data: bytes, timeout: float = 10.0) -> bytes:
        """Send ``data`` as is and return everything the server answers before closing."""
        with socket.create_connection((self.host, self.port), timeout=timeout) as sock:
            sock.sendall(data)
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)


@contextmanager
def gunicorn(
    env: dict[str, str], log: Path, *, workers: int = 1, threads: int = 2
) -> Iterator[Server]:
    """Run gunicorn with config/gunicorn.py until the block ends."""
    env = {
        **env,
        "BIND": "127.0.0.1:0",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "config/gunicorn.py",
                "tests.ops_wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        port = _wait_listening(process, log)
        server = Server("127.0.0.1", port, log)
        _wait_workers(server, workers, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_listening(process: subprocess.Popen[bytes], log: Path) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if match := LISTENING.search(log.read_text(errors="replace")):
            return int(match.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text(errors='replace')}")


def _wait_workers(server: Server, workers: int, log: Path) -> None:
    """Until every worker has loaded the application (config/gunicorn.py logs it)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log.read_text(errors="replace").count("Worker ready") >= workers:
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn workers did not start:\n{log.read_text(errors='replace')}")


class TcpSwitch:
    """A TCP forwarder to ``target`` that can be switched off like a server going down.

    Off, it drops every forwarded connection and resets each new one at once, as a host
    whose server has stopped does; on again, it forwards new connections.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.up = True
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        # The local ports of the connections it opened to the target (the server's sessions).
        self.upstream_ports: set[int] = set()
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def on(self) -> None:
        self.up = True

    def off(self) -> None:
        with self._lock:
            self.up = False
            sockets, self._open = self._open, []
        for sock in sockets:
            _reset(sock)

    def close(self) -> None:
        self.off()
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self.up:
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open += [client, upstream]
                self.upstream_ports.add(upstream.getsockname()[1])
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def _reset(sock: socket.socket) -> None:
    """Close with a reset, as a connection to a stopped server ends. Shutting the reading
    side first wakes the forwarding thread blocked reading it: while a thread is in recv()
    the kernel keeps the socket open past close(), so the connection lived on (the database's
    session too, which then kept the test database from being dropped at the end)."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RD)
    except OSError:
        pass
    sock.close()
