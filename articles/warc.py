"""Fetched pages kept as WARC records (ISO 28500, by warcio). No Django here.

A page is written as one gzipped WARC ``response`` record: the final URL after redirects,
the fetch time, the HTTP status line and headers, and the body. The fetcher hands over the
body decoded from any Content-Encoding (it checks the size limit on the decoded bytes), so
the record keeps the body as decoded, with the headers saying so: Content-Encoding and
Transfer-Encoding are dropped and Content-Length is the stored length, and the original
values are kept as ``X-Archive-Original-*`` headers. The payload's SHA-256 is the record's
``WARC-Payload-Digest``; reading the record back gives the same bytes and the same hash.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
from warcio.warcwriter import WARCWriter

# Headers that describe the bytes on the wire, not the body kept.
WIRE_HEADERS = ("content-encoding", "transfer-encoding", "content-length")


class WarcError(ValueError):
    """A stored record cannot be read back."""


@dataclass(frozen=True, slots=True)
class WarcResponse:
    """A response as read back from its WARC record."""

    url: str
    fetched_at: datetime
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    payload_digest: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def _kept_headers(headers: Iterable[tuple[str, str]], length: int) -> list[tuple[str, str]]:
    kept = []
    for name, value in headers:
        if name.lower() in WIRE_HEADERS:
            kept.append((f"X-Archive-Original-{name}", value))
        else:
            kept.append((name, value))
    kept.append(("Content-Length", str(length)))
    return kept


def write_response(
    stream: BinaryIO,
    *,
    url: str,
    fetched_at: datetime,
    status: int,
    headers: Iterable[tuple[str, str]],
    body: bytes,
) -> str:
    """Write one gzipped WARC response record of a fetched page to ``stream``; returns the
    body's SHA-256 (hex)."""
    digest = sha256(body)
    http_headers = StatusAndHeaders(
        _status_line(status), _kept_headers(headers, len(body)), protocol="HTTP/1.1"
    )
    when = fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    writer = WARCWriter(stream, gzip=True)
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": when, "WARC-Payload-Digest": f"sha256:{digest}"},
    )
    writer.write_record(record)
    return digest


def response_bytes(
    *,
    url: str,
    fetched_at: datetime,
    status: int,
    headers: Iterable[tuple[str, str]],
    body: bytes,
) -> bytes:
    """The gzipped WARC record of a fetched page, as bytes."""
    buffer = io.BytesIO()
    write_response(
        buffer, url=url, fetched_at=fetched_at, status=status, headers=headers, body=body
    )
    return buffer.getvalue()


def read_response(stream: BinaryIO) -> WarcResponse:
    """The first response record of a WARC file."""
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            when = record.rec_headers.get_header("WARC-Date") or ""
            http = record.http_headers
            body = record.content_stream().read()
            return WarcResponse(
                url=record.rec_headers.get_header("WARC-Target-URI") or "",
                fetched_at=datetime.fromisoformat(when.replace("Z", "+00:00")),
                status=int(http.get_statuscode() or 0) if http else 0,
                headers=list(http.headers) if http else [],
                body=body,
                payload_digest=record.rec_headers.get_header("WARC-Payload-Digest") or "",
            )
    except (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        OSError,
        ValueError,
        EOFError,
    ) as error:
        raise WarcError(f"the archived record cannot be read ({error})") from error
    raise WarcError("the archive holds no response record")
