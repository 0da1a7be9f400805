"""The review interface, one module per page: the queue, an article, a claim's panel, the
ingest page and the dashboard. Views authorize, parse, call a service or a selector and
render; ``claims/urls.py`` names them.
"""
