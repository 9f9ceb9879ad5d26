"""A company's way through Norte in a real browser: sign up, confirm the emailed link, register the company, describe the
work, publish it, and read the vendors ranked for it with what each meets and does not meet."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from marketplace.models import Vendor
from tests.factories import VendorExpertiseFactory, VendorFactory, rfc_for, sector, skill

from .browser import E2E, confirm_emailed_address, field, screenshot, wait_for_htmx

pytestmark = E2E


@pytest.fixture
def vendors(db):
    """Approved vendors with sports-betting expertise of different depth, one that only knows a
    related sector, and two the ranking must leave out: one shares no working language with the
    request, one is not approved yet."""
    odds = VendorFactory(
        name="Maple Odds", slug="maple-odds", speaks_es=True, hourly_rate_min=Decimal("40")
    )
    odds.skills.set([skill("sportsbook"), skill("odds-feeds")])
    VendorExpertiseFactory(vendor=odds, level=5, years=10)
    boreal = VendorFactory(name="Boreal Bets", slug="boreal-bets")
    boreal.skills.set([skill("sportsbook")])
    VendorExpertiseFactory(vendor=boreal, level=3, years=4)
    prairie = VendorFactory(name="Prairie Casino Works", slug="prairie-casino-works")
    VendorExpertiseFactory(vendor=prairie, sector=sector("igaming"), level=4)
    french = VendorFactory(
        name="Érable Paris", slug="erable-paris", speaks_en=False, speaks_fr=True
    )
    VendorExpertiseFactory(vendor=french, level=5, years=12)
    waiting = VendorFactory(name="Pending Odds", slug="pending-odds", status=Vendor.Status.PENDING)
    VendorExpertiseFactory(vendor=waiting, level=5, years=12)


def test_a_company_signs_up_publishes_a_request_and_sees_ranked_matches_with_reasons(
    open_page, vendors
):
    page = open_page()
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    main = page.get_by_role("main")
    field(main, "Username").fill("lucia")
    field(main, "Email").fill("lucia@apuestas-bajio.example")
    field(main, "Password").fill("Quiniela-2026-bajio")
    field(main, "Password (again)").fill("Quiniela-2026-bajio")
    main.get_by_role("button", name="Create account").click()

    # Norte emails a link to confirm the address; confirming it logs her in.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")
    confirm_emailed_address(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your organisation")
    page.get_by_role("link", name="Register a company").click()
    field(main, "Name").fill("Apuestas del Bajío")
    field(main, "RFC").fill(rfc_for(901))
    field(main, "State").select_option(label="Guanajuato")
    field(main, "City").fill("León")
    main.get_by_role("button", name="Register the company").click()

    expect(page.get_by_role("status")).to_contain_text("Apuestas del Bajío is on Norte.")
    page.get_by_role("link", name="New request").click()
    # Each change re-validates the form through htmx, which swaps in its errors: let every check
    # land before the next field (test_request_form.py types fast without waiting).
    for label, value in [
        ("Title", "Casa de apuestas con momios en vivo"),
        ("Description", "Buscamos un equipo para construir nuestra casa de apuestas deportivas."),
        ("Minimum budget", "1500000"),
        ("Maximum budget", "3000000"),
        ("Team size", "5"),
        ("Duration (weeks)", "20"),
    ]:
        field(main, label).fill(value)
        field(main, label).press("Tab")
        wait_for_htmx(page)
    for label, option in [("Sector", "Sports betting"), ("Currency", "Mexican peso")]:
        field(main, label).select_option(label=option)
        wait_for_htmx(page)
    for language in ("English", "Spanish"):
        main.get_by_role("group", name="Working languages").get_by_label(language).check()
        wait_for_htmx(page)
    for name in ("Sportsbook", "Odds feeds"):
        field(main, name).check()
        wait_for_htmx(page)
    screenshot(page, "company-journey-request-form")
    main.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Casa de apuestas con momios en vivo")
    main.get_by_role("button", name="Publish").click()

    matches = page.locator("#matches .match-list > li")
    expect(matches.first).to_be_visible()
    # The strong match first; the others, and who was left out (the vendor speaking only
    # French; the one not approved is not on Norte yet), are a click away.
    expect(matches.locator("h4")).to_have_text(["Maple Odds"])
    expect(page.locator("#matches")).to_contain_text(
        "1 shares no working language with the request"
    )
    page.get_by_role("link", name="Show 2 more matches scoring below 60").click()
    expect(matches.locator("h4")).to_have_text(
        ["Maple Odds", "Boreal Bets", "Prairie Casino Works"]
    )
    best, second, related = matches.all()
    expect(best.locator(".reasons--met li")).to_contain_text(
        [
            "Level 5 of 5 in Sports betting, 10 years of practice.",
            "Has the skills: Odds feeds, Sportsbook.",
            "Works in English, Spanish.",
            "Rates from CAD 40/h fit the budget",
        ]
    )
    expect(second.locator(".reasons--met li")).to_contain_text(
        ["Level 3 of 5 in Sports betting, 4 years of practice.", "Has the skills: Sportsbook."]
    )
    expect(second.locator(".reasons--unmet li")).to_contain_text(
        ["Does not list: Odds feeds.", "Does not work in Spanish."]
    )
    expect(related.locator(".reasons--met li").first).to_contain_text(
        "No Sports betting expertise listed, but level 4 of 5 in the related sector"
    )
    scores = [
        int(float(text.split()[1])) for text in matches.locator(".match__score").all_inner_texts()
    ]
    assert scores == sorted(scores, reverse=True)
    screenshot(page, "company-journey-matches")
