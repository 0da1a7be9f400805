"""PDF documents: their text, by pypdf, within limits. No Django here.

A PDF is read page by page up to ``max_pages`` (the rest is left unread and said so) and
``max_chars`` characters; an encrypted PDF that opens with the empty password (many are
"protected" only against printing) is read, any other is refused by name, and so is a
file that is not a readable PDF.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

from articles.parsing.types import ParseError

PDF_MAGIC = b"%PDF-"
ENCRYPTED = "the PDF is encrypted and cannot be read without its password"
SPACES = re.compile(r"[ \t\u00a0]+")
BLANK_LINES = re.compile(r"\n{3,}")
# What pypdf raises on a broken or hostile file (it reads untrusted structure throughout).
BROKEN = (
    PdfReadError,
    PdfStreamError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    ArithmeticError,
    RecursionError,
    UnicodeError,
)


@dataclass(frozen=True, slots=True)
class PdfText:
    """A PDF's text, its title when it names one, and a note when not all of it was read."""

    text: str
    title: str
    pages: int
    note: str = ""


def is_pdf(data: bytes, content_type: str = "") -> bool:
    """Whether a document is a PDF, by its type or its first bytes."""
    kind = content_type.split(";")[0].strip().lower()
    return kind in ("application/pdf", "application/x-pdf") or data[:1024].lstrip().startswith(
        PDF_MAGIC
    )


def pdf_text(data: bytes, *, max_pages: int = 200, max_chars: int = 2_000_000) -> PdfText:
    """The text of a PDF; ParseError says why there is none."""
    if not data.lstrip()[:8].startswith(PDF_MAGIC):
        raise ParseError("the file is not a PDF (it does not start with %PDF-)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files log page by page
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _open(reader)
        count = len(reader.pages)
        pages = [_page_text(reader, i) for i in range(min(count, max_pages))]
        title = str(reader.metadata.title or "").strip() if reader.metadata else ""
    except ParseError:
        raise
    except BROKEN as error:
        reason = f"the PDF could not be read ({type(error).__name__}); it may be broken"
        raise ParseError(reason) from error
    text = BLANK_LINES.sub("\n\n", "\n\n".join(p for p in pages if p)).strip()
    notes = []
    if count > max_pages:
        notes.append(f"only the first {max_pages:,} of {count:,} pages were read")
    if len(text) > max_chars:
        text = text[:max_chars]
        notes.append(f"the text was cut at {max_chars:,} characters")
    if not text:
        raise ParseError("the PDF holds no text (it may be scanned images)")
    return PdfText(text, title, count, "; ".join(notes))


def _open(reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except (NotImplementedError, FileNotDecryptedError, PdfReadError) as error:
        raise ParseError(ENCRYPTED) from error
    if not opened:
        raise ParseError(ENCRYPTED)


def _page_text(reader: PdfReader, index: int) -> str:
    try:
        raw = reader.pages[index].extract_text() or ""
    except FileNotDecryptedError as error:
        raise ParseError(ENCRYPTED) from error
    lines = (SPACES.sub(" ", line).strip() for line in raw.splitlines())
    return "\n".join(line for line in lines if line)
