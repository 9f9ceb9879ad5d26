"""The page's language in a real browser: the browser's own preference on a first visit, then
the switcher in the header, which the site remembers."""

import re

import pytest
from playwright.sync_api import expect

from .browser import E2E, screenshot

pytestmark = E2E


@pytest.mark.parametrize(
    ("locale", "lang", "heading", "skip_link"),
    [
        (
            "es-MX",
            "es-mx",
            "Proveedores de tecnología en Canadá para empresas en México",
            "Saltar al contenido",
        ),
        (
            "fr-CA",
            "fr-ca",
            "Des fournisseurs technologiques au Canada pour les entreprises du Mexique",
            "Passer au contenu",
        ),
    ],
    ids=["es-MX", "fr-CA"],
)
def test_a_first_visit_follows_the_browsers_language(
    open_page, locale, lang, heading, skip_link, db
):
    page = open_page(locale=locale)
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("link", name=skip_link)).to_have_count(1)


def test_the_switcher_turns_the_page_to_spanish_then_french_and_sticks(page, db):
    page.goto("/vendors/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    header = page.get_by_role("banner")
    header.get_by_label("Language").select_option(label="Español (México)")
    header.get_by_role("button", name="Change").click()

    expect(page).to_have_url(re.compile(r"/vendors/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es-mx")
    expect(page.get_by_role("heading", level=1)).to_have_text("Directorio de proveedores")
    expect(header.get_by_label("Idioma")).to_have_value("es-mx")
    screenshot(page, "language-switched")

    header.get_by_label("Idioma").select_option(label="Français (Canada)")
    header.get_by_role("button", name="Cambiar").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr-ca")
    expect(page.get_by_role("heading", level=1)).to_have_text("Répertoire des fournisseurs")
    screenshot(page, "language-switched")

    header.get_by_role("link", name="Norte").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr-ca")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Des fournisseurs technologiques au Canada pour les entreprises du Mexique"
    )
