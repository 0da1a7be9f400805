"""Article text that a page carries only inside a script's data.

Some outlets send a shell page and the article as an HTML string in the data their script
renders it from (a React Query or Next.js state: ``"contentHtml": "<p>...</p>"``). When the
page itself has no text, that string is the article.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any

import lxml.etree
import lxml.html

from articles.parsing.meta import names

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


ARC_CONTENT = "Fusion.globalContent="
TAGS = re.compile(r"<[^>]+>")


def arc_content(tree: Any) -> dict[str, Any]:
    """Body and bylines of Arc XP pages (Chosun Ilbo) that render the article by script."""
    for script in tree.xpath(f"//script[contains(., '{ARC_CONTENT}')]/text()")[:1]:
        start = script.index(ARC_CONTENT) + len(ARC_CONTENT)
        try:
            data, _ = json.JSONDecoder().raw_decode(script, start)
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        paragraphs = [
            html_lib.unescape(TAGS.sub("", str(element.get("content") or ""))).strip()
            for element in data.get("content_elements") or []
            if isinstance(element, dict) and element.get("type") == "text"
        ]
        authors = []
        for person in (data.get("credits") or {}).get("by") or []:
            if isinstance(person, dict):
                original = (person.get("additional_properties") or {}).get("original") or {}
                authors.extend(names(original.get("byline") or person.get("name") or ""))
        return {"text": "\n".join(p for p in paragraphs if p), "authors": authors}
    return {"text": "", "authors": []}
