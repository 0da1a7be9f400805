"""Bytes to text: sniffing binary formats and finding the encoding (Korean pages included)."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from articles.parsing.types import ParseError

MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a media file"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
]
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def sniff_binary(data: bytes) -> str | None:
    """What a binary document is ("a PDF document"), or None when it may be text."""
    head = data[:16]
    for magic, what in MAGIC:
        if head.startswith(magic):
            return what
    if b"\x00" in data[:4096]:
        return "binary data"
    return None


def declared_charset(data: bytes) -> str:
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else ""


def _codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # Korean sites that say EUC-KR serve its superset CP949 in practice.
    return "cp949" if codec in {"euc_kr", "ks_c_5601-1987"} else codec


def _plausible(text: str) -> bool:
    """Rejects decodings that turn into replacement characters or Hanja soup (mojibake)."""
    if "\ufffd" in text:
        return False
    foreign = NON_ASCII.findall(text)
    if len(foreign) < 20:
        return True
    hangul = len(HANGUL.findall(text))
    hanja = sum(1 for ch in foreign if "\u4e00" <= ch <= "\u9fff")
    return hangul >= hanja or hanja / len(foreign) < 0.3


def _korean_elsewhere(data: bytes) -> bool:
    """The bytes decode strictly as UTF-8 or CP949 into mostly Hangul."""
    if data.isascii():
        return False
    for codec in ("utf-8", "cp949"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        foreign = NON_ASCII.findall(text)
        if foreign and len(HANGUL.findall(text)) / len(foreign) > 0.5:
            return True
    return False


def _strict(data: bytes, codec: str | None) -> str | None:
    if not codec:
        return None
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if codec != "cp949" and not codec.startswith("utf") and _korean_elsewhere(data):
        # Korean bytes read as Latin-1 or cp1252 are still "valid": refuse that mojibake.
        return None
    if codec.startswith("utf"):
        # Strictly valid UTF-8 is almost never an accident (and Japanese or Chinese pages
        # are full of Han characters, which the mojibake test would mistake).
        return text
    return text if _plausible(text) else None


def decode_bytes(data: bytes, *, declared: str = "") -> str:
    """Decode a document: the declared charset when it fits, else UTF-8, CP949, or detection."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    for codec in (_codec(declared), _codec(declared_charset(data)), "utf-8", "cp949"):
        text = _strict(data, codec)
        if text is not None:
            return text
    best = from_bytes(data[:200_000]).best()
    if best is not None:
        text = _strict(data, _codec(best.encoding))
        if text is not None:
            return text
    raise ParseError.because("encoding")
