"""Every page's scripts and stylesheets come from our own static files: no CDN, nothing missing."""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from .pages import asset_urls

PAGES = [
    "/",
    "/vendors/",
    "/vendors/?q=odds",
    "/vendors/?max_rate=cheap",
    "/vendors/maple-odds/",
    "/vendors/nobody/",
    "/no-such-page/",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_nothing_from_other_sites(client, vendor, url):
    urls = asset_urls(client.get(url))

    assert urls
    for asset in urls:
        assert not asset.startswith(("http:", "https:", "//")), asset


@pytest.mark.parametrize("url", PAGES)
def test_the_static_files_pages_reference_exist(client, vendor, url):
    for asset in asset_urls(client.get(url)):
        assert asset.startswith(f"{settings.STATIC_URL}"), asset
        path = asset.removeprefix(f"{settings.STATIC_URL}")
        assert finders.find(path), f"{asset} is not a static file"


def test_pages_load_the_vendored_htmx_and_the_stylesheet(client, db):
    urls = asset_urls(client.get("/"))

    assert f"{settings.STATIC_URL}vendor/htmx/htmx.min.js" in urls
    assert f"{settings.STATIC_URL}css/norte.css" in urls


def test_vendored_files_keep_their_licence():
    assert finders.find("vendor/htmx/LICENSE")
