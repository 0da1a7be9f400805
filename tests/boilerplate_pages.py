"""A small article page of a made-up story, for the tests of the chrome the markup names
(tests/test_parsing_html_boilerplate*.py): the chrome goes where a test puts it, the story's
four lines stay."""

import lxml.html

from articles.parsing import parse_html
from articles.parsing.boilerplate import drop_boilerplate

STORY = [
    "The city council approved a budget of $4.2 million for road repairs on Tuesday evening.",
    "The vote was 7 to 2, and work will start in March on 14 streets across the east side.",
    "The repairs will cost about $300,000 per mile, according to the city's chief engineer.",
    "Last year the city spent $1.1 million on the same streets, a record at the time it was.",
]
TITLE = "Council approves road budget"


def page(
    *, inside: str = "", end: str = "", after: str = "", before: str = "", title: str = TITLE
) -> str:
    """The page with ``inside`` between the story's second and third lines, ``end`` after its
    last line in the article's body, ``before`` and ``after`` outside the article."""
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY[:2])
    rest = "".join(f"<p>{line}</p>" for line in STORY[2:])
    return (
        f'<html lang="en"><head><title>{title}</title></head><body>{before}'
        f'<article><h1>{title}</h1><div class="article-body">'
        f"{paragraphs}{inside}{rest}{end}</div></article>{after}</body></html>"
    )


def pruned(html: str) -> str:
    """The page's text once its boilerplate is dropped (before the main text is taken:
    trafilatura alone keeps such boxes on some pages, when its cleaning would take too much)."""
    tree = lxml.html.fromstring(html)
    drop_boilerplate(tree)
    return " ".join(tree.xpath("//body")[0].text_content().split())


def body(html: str) -> str:
    """The article's body, with every line of the story in it."""
    (article,) = parse_html(html)
    for line in STORY:
        assert line in article.body
    return article.body
