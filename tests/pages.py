"""Small article pages and feeds written for tests."""

from __future__ import annotations

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - Test Wire</title>
<meta property="og:site_name" content="Test Wire">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "author": {{"@type": "Person", "name": "Ada Reporter"}},
"datePublished": "2025-03-0{day}T09:00:00+00:00"}}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>The regional council approved a budget of ${amount} million on Tuesday, according to the
council's finance office, an increase of 12 percent over last year.</p>
<p>The council said 4,500 households would benefit from the new housing grants, and that the
waiting list had fallen by a third since 2022.</p>
<p>Officials expect construction of 300 new homes to begin in the spring. The vote passed by
9 votes to 3 after a debate that lasted nearly four hours.</p>
<p>Unemployment in the region stood at 4.2 percent in February, the statistics office said.</p>
</article><footer>Copyright Test Wire</footer></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>{base}/</link>
<description>Test feed</description>
{items}
</channel></rss>
"""

RSS_ITEM = """<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>
<pubDate>Tue, 0{day} Mar 2025 09:00:00 +0000</pubDate></item>"""


def article_page(title: str, *, day: int = 1, amount: str = "2.1") -> bytes:
    return ARTICLE_HTML.format(title=title, day=day, amount=amount).encode()


def rss_feed(base: str, items: list[tuple[str, str]]) -> bytes:
    body = "\n".join(
        RSS_ITEM.format(title=title, base=base, path=path, day=i + 1)
        for i, (title, path) in enumerate(items)
    )
    return RSS.format(base=base, items=body).encode()
