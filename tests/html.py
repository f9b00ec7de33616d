"""Small helpers for asserting on rendered HTML the way a reader sees it."""

from html.parser import HTMLParser


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str, name: str):
    """Every start tag called ``name``, as (tag, attrs) pairs."""
    collector = _TagCollector()
    collector.feed(html)
    return [t for t in collector.tags if t[0] == name]
