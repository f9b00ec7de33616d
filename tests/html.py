"""Small helpers for asserting on rendered HTML the way a reader sees it."""

import re
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


def without_nonce(content: bytes) -> bytes:
    """A page's HTML without its CSP nonce, which is new on every response, cached page or not."""
    return re.sub(rb' nonce="[^"]*"', b"", content)
