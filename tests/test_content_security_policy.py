"""The Content-Security-Policy header (django-csp, settings/base.py) on the site, the admin
and the API's docs. tests/e2e/ checks that a browser under it blocks nothing on those pages."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/vendors/", "/accounts/login/", "/admin/login/", "/api/v1/docs/"]
)
def test_every_page_allows_only_its_own_origin_and_no_inline_script(client, url):
    policy = client.get(url)["Content-Security-Policy"]

    directives = dict(directive.strip().split(" ", 1) for directive in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert "script-src" not in directives and "style-src" not in directives  # default-src rules
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_htmx_is_told_not_to_inject_its_style_nor_to_eval_nor_to_restore_snapshots(client, db):
    html = client.get("/").content.decode()

    assert (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        '"allowEval": false, "allowScriptTags": false, "historyCacheSize": 0, '
        '"refreshOnHistoryMiss": true}\'>'
    ) in html
