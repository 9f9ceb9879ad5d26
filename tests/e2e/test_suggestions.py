"""What the forms suggest as people type, in a real browser: the request form offers the sector
and the skills its text reads as, the vendor's edit page the skills its descriptions mention.
Nothing is chosen for them: each button sets the sector or ticks the skill, and the suggestion
goes once taken."""

import pytest
from playwright.sync_api import expect

from marketplace.models import Vendor
from marketplace.services.matching.prose import vendor_described_skills_refresh
from tests.factories import sector, skill

from .browser import E2E, field, screenshot, wait_for_htmx

pytestmark = E2E

# Read by today's lexicon as the sportsbook and odds-feeds skills, both of sports betting.
BETTING = "Casa de apuestas deportivas con momios en vivo"


def test_the_request_form_suggests_the_sector_and_skills_its_text_reads_as(open_page, bob):
    page = open_page(user=bob)
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message))
    page.goto("/requests/new/")
    main = page.get_by_role("main")
    sector_field = field(main, "Sector")
    sector_field.select_option(label="Custom software development")
    suggestions = page.locator("#request-suggestions")

    field(main, "Title").type(BETTING, delay=20)

    expect(suggestions).to_contain_text("Your request reads as Sports betting.")
    # Weightiest first; these two weigh the same, so by name.
    expect(suggestions).to_contain_text("Your text mentions: Odds feeds, Sportsbook.")
    # Nothing is applied until the buyer says so.
    expect(sector_field).to_have_value(str(sector("software-development").pk))
    screenshot(page, "request-form-suggestions")

    suggestions.get_by_role("button", name="Use this sector").click()

    expect(sector_field).to_have_value(str(sector("sports-betting").pk))
    expect(sector_field).to_be_focused()
    expect(suggestions).not_to_contain_text("reads as")

    suggestions.get_by_role("button", name="Add Sportsbook").click()

    skills = page.get_by_role("group", name="Skills")
    expect(skills.get_by_label("Sportsbook", exact=True)).to_be_checked()
    expect(skills.locator(".chip")).to_have_text(["Sportsbook×"])
    expect(suggestions.get_by_role("button", name="Add Sportsbook")).to_have_count(0)
    # The focus moved on to the next suggestion, and stays there once they are refreshed.
    add_odds = suggestions.get_by_role("button", name="Add Odds feeds")
    expect(add_odds).to_be_focused()
    wait_for_htmx(page)
    expect(add_odds).to_be_focused()
    expect(field(main, "Title")).to_have_value(BETTING)

    # Taking the last one leaves nothing to suggest.
    add_odds.click()
    expect(skills.locator(".chip")).to_have_text(["Odds feeds×", "Sportsbook×"])
    expect(suggestions).to_have_text("")
    # Every field's errors had a place to go as the form checked itself.
    assert [m.text for m in console_errors if "oobErrorNoTarget" in m.text] == []


def test_a_skill_added_while_the_list_is_narrowed_leaves_the_focus_on_its_search(open_page, bob):
    page = open_page(user=bob)
    page.goto("/requests/new/")
    main = page.get_by_role("main")
    search = main.get_by_label("Find in the list")
    search.fill("python")  # the list now shows Python only
    field(main, "Title").type(BETTING, delay=20)
    suggestions = page.locator("#request-suggestions")
    expect(suggestions).to_contain_text("Your text mentions: Odds feeds, Sportsbook.")
    suggestions.get_by_role("button", name="Add Odds feeds").click()
    wait_for_htmx(page)

    add_sportsbook = suggestions.get_by_role("button", name="Add Sportsbook")
    add_sportsbook.focus()
    page.keyboard.press("Enter")

    skills = page.get_by_role("group", name="Skills")
    expect(skills.locator(".chip")).to_have_text(["Odds feeds×", "Sportsbook×"])
    # Its box is hidden by the search: the focus waits in the search, not on the page's body.
    expect(search).to_be_focused()


def test_keeping_the_chosen_sector_ticks_its_box_and_the_suggestion_goes(open_page, bob):
    page = open_page(user=bob)
    page.goto("/requests/new/")
    main = page.get_by_role("main")
    field(main, "Sector").select_option(label="Custom software development")
    suggestions = page.locator("#request-suggestions")
    field(main, "Title").type(BETTING, delay=20)
    expect(suggestions).to_contain_text("Your request reads as Sports betting.")

    suggestions.get_by_role("button", name="Keep Custom software development").click()

    expect(
        main.get_by_label("Rank by this sector even if the text reads as another")
    ).to_be_checked()
    expect(suggestions).not_to_contain_text("reads as")
    expect(field(main, "Sector")).to_have_value(str(sector("software-development").pk))


@pytest.fixture
def described(vendor):
    """Maple Odds lists the sportsbook skill; its saved description names two it does not."""
    Vendor.objects.filter(pk=vendor.pk).update(
        description_en="We run Kubernetes and Terraform for sportsbooks."
    )
    vendor.refresh_from_db()
    vendor.skills.set([skill("sportsbook")])
    vendor_described_skills_refresh(vendor=vendor)
    return vendor


def test_the_vendor_page_offers_the_skills_its_descriptions_mention(open_page, vera, described):
    page = open_page(user=vera)
    page.goto("/vendor/edit/")
    main = page.get_by_role("main")
    suggestions = page.locator("#vendor-skill-suggestions")
    skills = page.get_by_role("group", name="Skills")
    expect(suggestions).to_contain_text(
        "Your description mentions Kubernetes, Terraform — add them as skills?"
    )
    screenshot(page, "vendor-edit-suggestions")

    suggestions.get_by_role("button", name="Add Kubernetes").click()

    expect(skills.get_by_label("Kubernetes", exact=True)).to_be_checked()
    expect(skills.locator(".chip")).to_have_text(["Kubernetes×", "Sportsbook×"])
    expect(suggestions).to_contain_text("Your description mentions Terraform — add it as a skill?")

    # Typing another description is read as it is typed.
    field(main, "Description (Français)").type("Contrats intelligents en Solidity.", delay=10)

    expect(suggestions.get_by_role("button", name="Add Solidity")).to_be_visible()
    main.get_by_role("button", name="Save listing").click()
    expect(main.get_by_text("Your listing was saved.")).to_be_visible()
    assert set(described.skills.values_list("slug", flat=True)) == {"sportsbook", "kubernetes"}
