"""A Canadian vendor's way onto Norte in a real browser: sign up, confirm the emailed link, create the vendor profile, see
that it waits for Norte staff's approval, and complete the listing (expertise, skills)."""

from playwright.sync_api import expect

from marketplace.models import Vendor

from .browser import E2E, confirm_emailed_address, field, screenshot

pytestmark = E2E


def test_a_vendor_signs_up_fills_a_profile_sees_it_pending_and_adds_expertise(page):
    page.goto("/accounts/signup/")
    main = page.get_by_role("main")
    field(main, "Username").fill("genevieve")
    field(main, "Email").fill("genevieve@erable.example")
    field(main, "Password").fill("Poutine-Quantique-42")
    field(main, "Password (again)").fill("Poutine-Quantique-42")
    main.get_by_role("button", name="Create account").click()
    confirm_emailed_address(page)

    page.get_by_role("link", name="Create a vendor profile").click()
    field(main, "Name").fill("Érable Quantique")
    field(main, "Province").select_option(label="Quebec")
    field(main, "City").fill("Montréal")
    field(main, "Description (Français)").fill(
        "Nous construisons des plateformes de paris sportifs."
    )
    field(main, "Team size").fill("12")
    field(main, "Minimum hourly rate (CAD)").fill("90")
    field(main, "Maximum hourly rate (CAD)").fill("150")
    languages = main.get_by_role("group", name="Working languages")
    languages.get_by_label("French").check()
    languages.get_by_label("English").check()
    main.get_by_role("button", name="Create the vendor profile").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Érable Quantique")
    expect(main.locator(".badge", has_text="Pending approval")).to_be_visible()
    screenshot(page, "vendor-journey-pending")
    vendor = Vendor.objects.get(name="Érable Quantique")
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.memberships.get().user.username == "genevieve"

    main.get_by_role("link", name="Edit listing").click()
    first_row = main.get_by_role("group", name="Sector 1")
    field(first_row, "Sector").select_option(label="Sports betting")
    field(first_row, "Level").select_option(label="4 — specialist")
    field(first_row, "Years of practice").fill("7")
    main.get_by_role("searchbox", name="Find in the list").fill("sportsbook")
    main.get_by_role("group", name="Sports betting").get_by_label("Sportsbook").check()
    screenshot(page, "vendor-journey-edit")
    main.get_by_role("button", name="Save listing").click()

    expect(main.get_by_text("Your listing was saved.")).to_be_visible()
    expect(main.get_by_text("Sports betting (4 of 5)")).to_be_visible()
    expect(
        main.get_by_text("Published requests appear here once your listing is approved.")
    ).to_be_visible()
    expertise = vendor.expertise.get()
    assert (expertise.sector.slug, expertise.level, expertise.years) == ("sports-betting", 4, 7)
    assert [skill.slug for skill in vendor.skills.all()] == ["sportsbook"]
