"""A vendor's description in three languages, in a real browser: the owner writes each in its
own box, and readers in Spanish, English and French each read theirs, marked with its `lang`;
when theirs is missing they read another and are told which."""

import pytest
from playwright.sync_api import expect

from .browser import E2E, field, screenshot

pytestmark = E2E

PROFILE = "/vendors/maple-odds/"
TEXTS = {
    "es": "Construimos casas de apuestas con momios en vivo.",
    "en": "We build sportsbooks with live odds.",
    "fr": "Nous construisons des plateformes de paris avec des cotes en direct.",
}
READERS = {"es-MX": "es", "en-US": "en", "fr-CA": "fr"}


@pytest.fixture
def written(open_page, vera):
    """Vera writes Maple Odds' description in Spanish, English and French on the edit page."""
    page = open_page(vera)
    page.goto("/vendor/edit/")
    main = page.get_by_role("main")
    for code, name in (("es", "Español"), ("en", "English"), ("fr", "Français")):
        box = field(main, f"Description ({name})")
        expect(box).to_have_attribute("lang", code)
        box.fill(TEXTS[code])
    screenshot(page, "vendor-edit-descriptions")
    main.get_by_role("button", name="Save listing").click()
    expect(main.get_by_text("Your listing was saved.")).to_be_visible()
    return page


def test_each_reader_reads_the_description_in_their_own_language(open_page, written):
    for locale, code in READERS.items():
        page = open_page(None, locale)
        page.goto(PROFILE)

        description = page.locator(".profile__main .prose")
        expect(description).to_have_text(TEXTS[code])
        expect(description).to_have_attribute("lang", code)
        expect(page.locator("#description-language")).to_have_count(0)
        for other in set(TEXTS) - {code}:
            expect(page.get_by_text(TEXTS[other])).to_have_count(0)
        screenshot(page, "vendor-profile-own-language")


def test_a_missing_language_falls_back_to_english_and_says_so(open_page, written):
    main = written.get_by_role("main")
    written.goto("/vendor/edit/")
    field(main, "Description (Français)").fill("")
    main.get_by_role("button", name="Save listing").click()
    expect(main.get_by_text("Your listing was saved.")).to_be_visible()

    page = open_page(None, "fr-CA")
    page.goto(PROFILE)

    expect(page.locator("#description-language")).to_have_text(
        "Ce fournisseur n’a pas rédigé sa description dans votre langue; la voici en anglais."
    )
    description = page.locator(".profile__main .prose")
    expect(description).to_have_text(TEXTS["en"])
    expect(description).to_have_attribute("lang", "en")
    screenshot(page, "vendor-profile-fallback")
