"""Copyright notices and photo credits in a page's paragraphs.

Only a paragraph that *is* a notice goes: a story paragraph about copyright infringement
stays, and a first paragraph that opens with a photo credit keeps its story, minus the credit.
"""

from __future__ import annotations

import re

NOTICE = re.compile(
    r"(?:Copyright|저작권자)?\s*(?:ⓒ|©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?|"
    r"Copyright\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?|저작권자|"
    r"All rights reserved\.?|무단\s*전재[^.\n]{0,20}?금지\.?|재배포\s*금지\.?|"
    r"This material may not be [^.]*\.|No part of this [^.]*\.",
    re.I,
)
# A notice says so with a sign or a formula, not with the word "copyright" alone.
STRONG = re.compile(
    r"ⓒ|©|\(c\)\s*\d{4}|Copyright\s*(?:ⓒ|©|\(c\)|\d{4})|All rights reserved|무단\s*전재|"
    r"재배포\s*금지|저작권자",
    re.I,
)
# A photo credit with its copyright opening a paragraph, before the story's first sentence:
# "Photo: Jane Roe/Sample Wire © 2019 A federal court ruled ...".
LEADING_CREDIT = re.compile(
    r"^\s*(?:(?:Photo|Image|Picture|Photograph|Credit)s?\s*(?:by\s+|:\s*))?[^.!?\n©ⓒ]{0,80}?"
    r"(?:©|ⓒ|\(c\)|Copyright)\s*\d{4}\s+(?=[A-Z\"“‘'])",
    re.I,
)


def copyright_notice(paragraph: str) -> bool:
    """Whether the paragraph is a copyright notice (and no more than one)."""
    if not STRONG.search(paragraph):
        return False
    # What the notice leaves around it: an outlet's name, a year ("The Sample Times.").
    rest = NOTICE.sub(" ", paragraph).strip()
    return len(rest) < 60 and len(rest.split()) <= 8


def drop_leading_credit(paragraph: str) -> str:
    """The paragraph without a photo credit and copyright that open it."""
    found = LEADING_CREDIT.match(paragraph)
    return paragraph[found.end() :] if found else paragraph
