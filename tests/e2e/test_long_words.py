"""A word longer than the screen (a pasted hash, a URL, a joke) wraps where it must instead of
widening the page: a 10,000-character one once made a vendor's profile 81,723 px wide."""

from django.utils import timezone

from marketplace.models import OutsourcingRequest
from tests.factories import OutsourcingRequestFactory

from .browser import E2E, screenshot

pytestmark = E2E

WORD = "apuestas" * 250  # 2,000 characters, no break


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def viewport_width(page) -> int:
    return page.evaluate("document.documentElement.clientWidth")


def test_a_long_word_in_a_vendors_description_does_not_widen_its_profile(open_page, vendor):
    vendor.description_en = f"Experts in: {WORD}"
    vendor.save()
    page = open_page()

    page.goto(f"/vendors/{vendor.slug}/")

    assert WORD in page.locator("main").inner_text()
    assert page_width(page) <= viewport_width(page)
    screenshot(page, "vendor-profile-long-word")


def test_a_long_word_in_a_request_does_not_widen_its_pages(open_page, alice, vera, company):
    request = OutsourcingRequestFactory(
        company=company,
        title="x" * 200,
        description=f"Buscamos: {WORD}",
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now(),
        speaks_en=True,
    )

    company_page = open_page(user=alice)
    company_page.goto(f"/requests/{request.pk}/")
    assert page_width(company_page) <= viewport_width(company_page)
    screenshot(company_page, "request-detail-long-word")

    vendor_page = open_page(user=vera)
    vendor_page.goto(f"/opportunities/{request.pk}/")
    assert page_width(vendor_page) <= viewport_width(vendor_page)

    list_page = open_page(user=alice)
    list_page.goto("/requests/")
    assert page_width(list_page) <= viewport_width(list_page)
