"""Article text that a page carries only inside a script's data.

Some outlets send a shell page and the article as an HTML string in the data their script
renders it from (a React Query or Next.js state: ``"contentHtml": "<p>...</p>"``). When the
page itself has no text, that string is the article.
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.etree
import lxml.html

# A JSON string field holding the article's HTML.
HTML_FIELD = re.compile(
    r'"(?:contentHtml|content_html|bodyHtml|body_html|articleBodyHtml)"\s*:\s*'
    r'"((?:[^"\\]|\\.){200,})"'
)
# Figures and their captions, the advertising slots' placeholders: not the story.
NOT_STORY = ".//figure | .//figcaption | .//*[contains(@class, 'caption')] | .//script"
PLACEHOLDER = re.compile(r"\$\$[A-Z_]+\$\$")


def script_html_text(tree: Any) -> str:
    """The paragraphs of the longest article HTML string in the page's scripts, one a line;
    "" when there is none."""
    best = ""
    for script in tree.iter("script"):
        text = script.text or ""
        if "Html" not in text and "_html" not in text:
            continue
        for match in HTML_FIELD.finditer(text):
            try:
                value = json.loads(f'"{match.group(1)}"')
            except ValueError:
                continue
            if isinstance(value, str) and len(value) > len(best):
                best = value
    if not best:
        return ""
    try:
        fragment = lxml.html.fragment_fromstring(PLACEHOLDER.sub("", best), create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for node in fragment.xpath(NOT_STORY):
        node.drop_tree()
    for br in fragment.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = fragment.xpath(".//p | .//h2 | .//h3 | .//li") or [fragment]
    lines = (
        " ".join(line.split()) for block in blocks for line in block.text_content().split("\n")
    )
    return "\n".join(line for line in lines if line)
