"""Why a source could not be read: one code per reason, and its sentence in English.

The plain-Python layers (``articles.parsing``, ``articles.fetch``, ``articles.feeds``,
``lib.urls``) raise their errors with a code from this table and the parameters its
sentence needs; the sentence is the error's English message (the API, the commands and the
logs show it). The review interface translates by code at the edge:
``claims/presentation.py`` holds the same codes with translatable sentences. A code never
changes meaning; add a code rather than reword one into something else.

Messages stored as text (a job's error, a feed entry's) are read back into their code with
:func:`parse_reason`, so they are translated too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

# code -> English sentence; ``{name}`` and ``{name:,}`` are the parameters.
REASONS: dict[str, str] = {
    # Reading a document (articles.parsing)
    "empty": "the document is empty",
    "too_large": "the document is {size:,} bytes, over the {limit:,}-byte limit",
    "refused_type": "the content is {kind}, not an HTML page or text",
    "binary": "the file is {what}, not an HTML page or text",
    "blank": "the document holds only white space",
    "empty_or_blank": "the document is empty or holds only white space",
    "encoding": (
        "the text's encoding could not be recognised (it is not valid UTF-8 or EUC-KR); "
        "save it as UTF-8 and try again"
    ),
    "bad_html": "the HTML could not be read ({error})",
    "no_article_in_page": "no article text was found in the page",
    "no_article_in_document": "no article text was found in the document",
    "too_long": (
        "the {what} is {length:,} characters long, over the {limit:,}-character limit; "
        "split it into several articles"
    ),
    # Fetching a page (articles.fetch)
    "bad_port": "the URL has an invalid port; check it",
    "unresolved": "could not resolve {host}; check the address or try again later",
    "refused_address": "{host} resolves to a {why} address; only public web pages are fetched",
    "private_address": (
        "{host} resolves to a private or local address; only public web pages are fetched"
    ),
    "scheme": "the address is to a {scheme}: URL; only http(s) is fetched",
    "redirect_scheme": "a redirect pointed to a {scheme}: URL; only http(s) is fetched",
    "no_host": "the URL has no host name; check it",
    "timeout": "the server took too long to answer; try again later",
    "connect": "could not connect to {host}; check the address or try again later",
    "request_failed": "the request failed ({error}); check the URL",
    "not_found": "the page was not found (HTTP {status}); check the URL",
    "forbidden": "the site refused access (HTTP {status}); the page may need a login",
    "http_retry": "the server answered HTTP {status}; try again later",
    "http_error": "the server answered HTTP {status}; check the URL",
    "fetch_type": "the content is {kind}, not a web page or feed",
    "page_too_large": "the page is over the {limit:,}-byte limit",
    "slow": "the server took too long to send the page; try again later",
    "broken": "the connection broke while reading the page; try again later",
    "robots": "the site's robots.txt does not allow fetching this page",
    "redirects": "too many redirects (more than {limit}); check the URL",
    # Feeds (articles.feeds)
    "feed_empty": "the feed is empty",
    "not_a_feed": "the document is not an RSS or Atom feed",
    "feed_is_html": (
        "the document is not an RSS or Atom feed (it is an HTML page; look for the site's "
        "feed link)"
    ),
    # Web addresses people give (lib.urls)
    "url_empty": "the address is empty",
    "url_characters": "the address contains {what}; addresses hold no spaces or controls",
    "url_unreadable": "the address cannot be read ({error}); check it",
    "url_scheme": "only http:// and https:// addresses can be used",
    "url_host": "the address has no host name; check it",
    # Files and stored articles (articles.services, claims.pipeline: matched as text)
    "no_file": "no such file; check the path",
    "not_a_file": "not a regular file",
    "file_too_large": "the file is {size:,} bytes, over the {limit:,}-byte limit; split it",
    "unreadable_file": "cannot read the file ({error})",
    "no_stored_text": "the article has no stored text",
    # A job's error as the worker records it (claims.pipeline), around another reason
    "retrying": "Temporary failure, retrying: {reason}",
    "gave_up": "Gave up after retries: {reason}",
    "database": "database error: {error}",
    "worker_lost": (
        "the worker running this job stopped before it finished (killed or lost); "
        "queued again ({count} of {limit})"
    ),
    "worker_lost_gave_up": (
        "the worker running this job stopped before it finished {count} times; gave up "
        "(submit the source again, and check the workers' logs and memory)"
    ),
}

# What a binary file is ({what} of "binary"), by code.
BINARY_KINDS: dict[str, str] = {
    "pdf": "a PDF document",
    "png": "a PNG image",
    "gif": "a GIF image",
    "jpeg": "a JPEG image",
    "zip": "a ZIP archive (or an Office document)",
    "gzip": "a gzip archive",
    "media": "a media file",
    "program": "a program",
    "old_office": "an old Office document",
    "binary": "binary data",
}


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason with its code and parameters; ``str()`` is the English sentence."""

    code: str
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return REASONS[self.code].format(**self.params)


def reason(code: str, **params: object) -> str:
    """The English sentence of ``code`` with its parameters."""
    return str(Reason(code, params))


@cache
def _pattern(code: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)(?::[^}]*)?\}", REASONS[code])
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex + r"\Z", re.S)


def parse_reason(text: str) -> Reason | None:
    """The code and parameters of an English reason (as stored or raised), or None.

    The most specific sentence wins: the one that leaves the fewest characters to its
    parameters ("the feed is empty" before "the {what} is ...").
    """
    found: list[tuple[int, Reason]] = []
    for code in REASONS:
        match = _pattern(code).match(text.strip())
        if match:
            params: dict[str, object] = dict(match.groupdict())
            found.append((sum(len(str(v)) for v in params.values()), Reason(code, params)))
    return min(found, key=lambda f: f[0])[1] if found else None
