"""How articles' sources are spoken of to a person, in the interface's language: why a source
could not be read (``lib.reasons``' codes, translated here), a source without an address,
a language code's name. The review interface (``claims.presentation``) and the admin use it.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language_info, gettext_lazy, pgettext_lazy

from lib.reasons import BINARY_KINDS, parse_reason


def _say(template: Any, **params: Any) -> SafeString:
    """A translated sentence with its parameters escaped."""
    return SafeString(str(template) % {k: conditional_escape(v) for k, v in params.items()})


def language_name(code: str) -> str:
    """A language code in the interface's language: "ko" -> "한국어" / "Korean"."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


REASON_TEXT: dict[str, Promise] = {
    "empty": gettext_lazy("the document is empty"),
    "too_large": gettext_lazy("the document is %(size)s bytes, over the %(limit)s-byte limit"),
    "refused_type": gettext_lazy("the content is %(kind)s, not an HTML page or text"),
    "binary": gettext_lazy("the file is %(what)s, not an HTML page or text"),
    "blank": gettext_lazy("the document holds only white space"),
    "empty_or_blank": gettext_lazy("the document is empty or holds only white space"),
    "encoding": gettext_lazy(
        "the text's encoding could not be recognised (it is not valid UTF-8 or EUC-KR); "
        "save it as UTF-8 and try again"
    ),
    "bad_html": gettext_lazy("the HTML could not be read (%(error)s)"),
    "no_article_in_page": gettext_lazy("no article text was found in the page"),
    "no_article_in_document": gettext_lazy("no article text was found in the document"),
    "too_long": gettext_lazy(
        "the %(what)s is %(length)s characters long, over the %(limit)s-character limit; "
        "split it into several articles"
    ),
    "bad_port": gettext_lazy("the URL has an invalid port; check it"),
    "unresolved": gettext_lazy("could not resolve %(host)s; check the address or try again later"),
    "refused_address": gettext_lazy(
        "%(host)s resolves to a %(why)s address; only public web pages are fetched"
    ),
    "private_address": gettext_lazy(
        "%(host)s resolves to a private or local address; only public web pages are fetched"
    ),
    "scheme": gettext_lazy("the address is a %(scheme)s: URL; only http(s) is fetched"),
    "redirect_scheme": gettext_lazy(
        "a redirect pointed to a %(scheme)s: URL; only http(s) is fetched"
    ),
    "no_host": gettext_lazy("the URL has no host name; check it"),
    "timeout": gettext_lazy("the server took too long to answer; try again later"),
    "connect": gettext_lazy("could not connect to %(host)s; check the address or try again later"),
    "request_failed": gettext_lazy("the request failed (%(error)s); check the URL"),
    "not_found": gettext_lazy("the page was not found (HTTP %(status)s); check the URL"),
    "forbidden": gettext_lazy(
        "the site refused access (HTTP %(status)s); the page may need a login"
    ),
    "http_retry": gettext_lazy("the server answered HTTP %(status)s; try again later"),
    "http_error": gettext_lazy("the server answered HTTP %(status)s; check the URL"),
    "fetch_type": gettext_lazy("the content is %(kind)s, not a web page or feed"),
    "page_too_large": gettext_lazy("the page is over the %(limit)s-byte limit"),
    "slow": gettext_lazy("the server took too long to send the page; try again later"),
    "broken": gettext_lazy("the connection broke while reading the page; try again later"),
    "robots": gettext_lazy("the site's robots.txt does not allow fetching this page"),
    "redirects": gettext_lazy("too many redirects (more than %(limit)s); check the URL"),
    "feed_empty": gettext_lazy("the feed is empty"),
    "not_a_feed": gettext_lazy("the document is not an RSS or Atom feed"),
    "feed_is_html": gettext_lazy(
        "the document is not an RSS or Atom feed (it is an HTML page; look for the site's "
        "feed link)"
    ),
    "url_empty": gettext_lazy("the address is empty"),
    "url_characters": gettext_lazy(
        "the address contains %(what)s; addresses hold no spaces or controls"
    ),
    "url_unreadable": gettext_lazy("the address cannot be read (%(error)s); check it"),
    "url_scheme": gettext_lazy("only http:// and https:// addresses can be used"),
    "url_host": gettext_lazy("the address has no host name; check it"),
    "no_file": gettext_lazy("no such file; check the path"),
    "not_a_file": gettext_lazy("not a regular file"),
    "file_too_large": gettext_lazy(
        "the file is %(size)s bytes, over the %(limit)s-byte limit; split it"
    ),
    "unreadable_file": gettext_lazy("cannot read the file (%(error)s)"),
    "no_stored_text": gettext_lazy("the article has no stored text"),
    "retrying": gettext_lazy("Temporary failure, retrying: %(reason)s"),
    "gave_up": gettext_lazy("Gave up after retries: %(reason)s"),
    "worker_lost": gettext_lazy(
        "the worker running this job stopped before it finished (killed or lost); "
        "queued again (%(count)s of %(limit)s)"
    ),
    "worker_lost_gave_up": gettext_lazy(
        "the worker running this job stopped before it finished %(count)s times; gave up "
        "(submit the source again, and check the workers' logs and memory)"
    ),
    "database": gettext_lazy("database error: %(error)s"),
}
# Words inside reasons: what a binary file is, why an address is refused, what is too long.
REASON_WORDS: dict[str, Promise] = {
    BINARY_KINDS["pdf"]: gettext_lazy("a PDF document"),
    BINARY_KINDS["png"]: gettext_lazy("a PNG image"),
    BINARY_KINDS["gif"]: gettext_lazy("a GIF image"),
    BINARY_KINDS["jpeg"]: gettext_lazy("a JPEG image"),
    BINARY_KINDS["zip"]: gettext_lazy("a ZIP archive (or an Office document)"),
    BINARY_KINDS["gzip"]: gettext_lazy("a gzip archive"),
    BINARY_KINDS["media"]: gettext_lazy("a media file"),
    BINARY_KINDS["program"]: gettext_lazy("a program"),
    BINARY_KINDS["old_office"]: gettext_lazy("an old Office document"),
    BINARY_KINDS["binary"]: gettext_lazy("binary data"),
    "loopback": pgettext_lazy("address", "loopback"),
    "link-local": pgettext_lazy("address", "link-local"),
    "multicast": pgettext_lazy("address", "multicast"),
    "unspecified": pgettext_lazy("address", "unspecified"),
    "reserved": pgettext_lazy("address", "reserved"),
    "site-local": pgettext_lazy("address", "site-local"),
    "private": pgettext_lazy("address", "private"),
    "cloud metadata": pgettext_lazy("address", "cloud metadata"),
    "relative": pgettext_lazy("address", "relative"),
    "article text": gettext_lazy("article text"),
    "text": gettext_lazy("text"),
}


# What the pipeline calls a source that has no address.
SOURCE_NAMES: dict[str, Promise] = {
    "pasted text": gettext_lazy("pasted text"),
    "pasted HTML": gettext_lazy("pasted HTML"),
    "upload": gettext_lazy("uploaded file"),
}


def source_name(source: str) -> SafeString:
    """A source as the pipeline names it: its address or file name as given (escaped), or
    what it was ("pasted text") in the interface's language."""
    return format_html("{}", SOURCE_NAMES.get(source, source))


# Parameters that are data (a MIME type, a host, an exception's name), not words to translate.
REASON_DATA = {"kind", "host", "error", "scheme"}


def reason_text(reason: str) -> SafeString:
    """A reason from the parsing, fetching or feed layer (or a job's stored error) in the
    interface's language; a reason without a code is shown as it came. Escaped HTML: data
    inside the sentence (a MIME type, a host) is marked as not the interface's words."""
    found = parse_reason(reason)
    if found is None or found.code not in REASON_TEXT:
        return format_html("{}", reason)
    params: dict[str, Any] = {}
    for name, value in found.params.items():
        if name == "reason":
            params[name] = reason_text(str(value))
        elif name in REASON_DATA:
            params[name] = format_html('<span translate="no">{}</span>', value)
        else:
            params[name] = str(REASON_WORDS.get(str(value), value))
    return _say(REASON_TEXT[found.code], **params)
