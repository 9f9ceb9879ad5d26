"""Tables in a browser: a cell's words stay whole on a phone and on a desktop.

The page's `overflow-wrap: anywhere` (there so that a pathological word cannot widen a page)
once reached every table cell, and auto table layout squeezed columns down to one letter: on a
390 px phone the requests dashboard stacked its titles and budgets a letter a line (20,624 px
tall), and at 1280 px headers read "Invita|ciones" and dates "28/ 11/ 202 6"."""

import pytest

from marketplace.models import OutsourcingRequest
from tests.factories import BidInvitationFactory, OutsourcingRequestFactory, ProposalFactory

from .browser import E2E, axe_violations, screenshot

pytestmark = E2E

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Every word of every table cell (headers, dates, money, buttons) whose letters lie on more
# than one line. Text a sighted reader never sees (a button's visually hidden name) is skipped.
BROKEN_WORDS = r"""() => {
  const broken = [];
  for (const cell of document.querySelectorAll("main table th, main table td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden")) continue;
      for (const match of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = [...range.getClientRects()].map((rect) => rect.top);
        if (tops.length && Math.max(...tops) - Math.min(...tops) > 2) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def desk(published_request, alice, vera):
    """Alice's dashboard has three requests; Vera's desk an invitation, a proposal and
    published requests in her sectors; the moderation queue a pending and a suspended vendor."""
    company = alice.membership.company
    for title in ("Integración de pagos para lotería", "Auditoría de cumplimiento"):
        OutsourcingRequestFactory(company=company, title=title)
    maple_odds = vera.membership.vendor
    other = OutsourcingRequestFactory(
        title="Plataforma omnicanal de apuestas", status=OutsourcingRequest.Status.PUBLISHED
    )
    BidInvitationFactory(request=published_request, vendor=maple_odds)
    ProposalFactory(request=other, vendor=maple_odds)
    return published_request


@pytest.mark.parametrize("locale", ["es-MX", "fr-CA", "en-US"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_table_cells_never_break_inside_a_word(
    open_page, desk, alice, vera, staff, locale, viewport
):
    for user, path, name in (
        (alice, "/requests/", "requests-dashboard"),
        (vera, "/vendor/", "vendor-desk"),
        (staff, "/moderation/", "moderation"),
    ):
        page = open_page(user, locale)
        page.set_viewport_size(viewport)
        page.goto(path)

        assert page.evaluate(BROKEN_WORDS) == [], (path, locale, viewport)
        # A wide table scrolls in its own box: the page itself never does.
        assert page_width(page) <= viewport["width"], (path, page_width(page))
        print(f"{path} {locale} {viewport['width']} px wide: {page_height(page)} px tall")
        screenshot(page, f"{name}-{viewport['width']}")
        if viewport == PHONE and locale == "es-MX":
            # The tables' scrolling boxes are named regions a keyboard can scroll.
            assert axe_violations(page, f"{name}-phone") == []
        page.close()


def test_a_proposals_milestones_scroll_in_their_own_box_on_a_phone(open_page, vera):
    """The vendor's opportunity page shows its proposal's milestones: on a phone the table
    scrolls, the page does not (it was 450 px wide at 390)."""
    request = OutsourcingRequestFactory(
        title="Plataforma omnicanal de apuestas", status=OutsourcingRequest.Status.PUBLISHED
    )
    ProposalFactory(
        request=request,
        vendor=vera.membership.vendor,
        milestones=[
            {"title": "Integración de la billetera de jugadores", "week": 1, "amount": "468100.00"},
            {"title": "Pruebas de carga con momios en vivo", "week": 2, "amount": "312000.00"},
        ],
    )
    page = open_page(vera, "es-MX")
    page.set_viewport_size(PHONE)

    page.goto(f"/opportunities/{request.pk}/")

    assert page_width(page) <= PHONE["width"], page_width(page)
    assert page.get_by_role("region", name="Hitos").is_visible()
