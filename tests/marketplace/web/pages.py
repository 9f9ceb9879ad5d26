"""Reading rendered pages the way a person would: the vendor cards, the visible text, the assets."""

import re
from html import unescape
from html.parser import HTMLParser


def text(response) -> str:
    """The page's text with tags removed and whitespace collapsed (entities decoded)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Collapse ASCII whitespace only: the no-break spaces French uses in numbers are content.
    return re.sub(r"[ \t\r\n\f]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def card_names(response) -> list[str]:
    """The vendor names on the directory's cards, in page order."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    return [
        unescape(name)
        for name in re.findall(r'<h3 id="vendor-[^"]+"><a href="[^"]+">([^<]+)</a></h3>', html)
    ]


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])


def asset_urls(response) -> list[str]:
    """Every script `src` and link `href` on the page."""
    parser = _Assets()
    parser.feed(response.content.decode())
    return parser.urls
