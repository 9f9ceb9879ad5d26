"""The insights page in a browser: in each language the charts (SVG) and their tables render
under translated headings; changing a filter swaps the results through htmx without reloading
the page; axe-core finds nothing serious. The awards are the insights tests' hand-computed
market (tests/marketplace/insights/conftest.py) and a few more, so that visitors see some
figures and some dashes."""

import re

import pytest
from playwright.sync_api import expect

from tests.marketplace.insights.conftest import award, dated_rates, market  # noqa: F401 (fixtures)

from . import test_tables as tables
from .browser import E2E, axe_violations, field, screenshot, wait_for_htmx

pytestmark = E2E

URL = "/insights/?period_from=2026-01&period_to=2026-04"
HEADINGS = {
    "en-US": ["Awarded value by sector", "Awarded value by month", "Most requested skills"],
    "es-MX": ["Valor adjudicado por sector", "Valor adjudicado por mes", "Habilidades más solicitadas"],
    "fr-CA": ["Valeur attribuée par secteur", "Valeur attribuée par mois", "Compétences les plus demandées"],
}  # fmt: skip
SECTOR = {"en-US": "Sector", "es-MX": "Sector", "fr-CA": "Secteur"}
TOTAL = {
    "en-US": "Awarded to Canadian vendors",
    "es-MX": "Adjudicado a proveedores canadienses",
    "fr-CA": "Attribué aux fournisseurs canadiens",
}


@pytest.fixture
def insights_market(market, award):  # noqa: F811 (pytest's fixtures, imported above)
    """The market, with three more AI awards from Nuevo León to Québec, so that AI, Nuevo León
    and Québec each reach three engagements and show for visitors."""
    for day in ("2026-02-16", "2026-03-17", "2026-04-18"):
        award(
            sector_slug="ai-ml",
            price="50000",
            currency="CAD",
            published="2026-01-15",
            awarded=day,
            state="NLE",
            province="QC",
            skills=("machine-learning", "sportsbook"),
        )


@pytest.mark.parametrize("locale", ["es-MX", "en-US", "fr-CA"])
def test_the_charts_and_their_tables_render_in_each_language(open_page, insights_market, locale):
    page = open_page(locale=locale)
    page.goto(URL)

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_be_visible()
    for heading in HEADINGS[locale]:
        section = main.locator("section", has=page.get_by_role("heading", name=heading, exact=True))
        expect(section.locator("svg[role=img]")).to_be_visible()
        expect(section.get_by_role("table", name=heading)).to_be_visible()
    sectors = main.get_by_role("table", name=HEADINGS[locale][0])
    expect(sectors.get_by_role("columnheader").first).to_have_text(SECTOR[locale])
    # AI's four engagements show; igaming's three too, now that nothing small hides beside them.
    expect(sectors.get_by_role("rowheader")).to_have_count(2)
    expect(main.locator(".insights-figures")).to_contain_text(TOTAL[locale])
    assert main.locator("svg.chart").count() == 6
    screenshot(page, "insights")
    assert axe_violations(page, "insights") == []


def test_changing_the_sector_swaps_the_results_without_reloading(open_page, insights_market):
    page = open_page()
    page.goto(URL)
    # Set on the page as loaded: a full reload would lose it.
    page.locator("h1").evaluate("heading => heading.dataset.loaded = 'once'")
    expect(page.locator("#results-title")).to_have_text(
        "Every sector, from January 2026 to April 2026"
    )

    field(page, "Sector").select_option("ai-ml")
    wait_for_htmx(page)

    expect(page.locator("#results-title")).to_have_text(
        "AI and machine learning, from January 2026 to April 2026"
    )
    expect(page).to_have_url(re.compile(r"sector=ai-ml"))
    # Screen readers hear the new results' heading.
    expect(page.locator("#results-announcer")).to_have_text(
        "AI and machine learning, from January 2026 to April 2026"
    )
    expect(page.locator("h1")).to_have_attribute("data-loaded", "once")
    expect(page.locator(".insights-figures")).to_contain_text("CAD 350,000")
    csv = page.get_by_role("link", name="Download “Awarded value by sector” (CSV)")
    expect(csv).to_have_attribute("href", re.compile(r"table=by_sector&.*sector=ai-ml$"))

    # A period the form cannot take: its error replaces the results, the page stays.
    field(page, "From").fill("2026-06")
    field(page, "From").dispatch_event("change")
    wait_for_htmx(page)
    expect(page.locator("#results-title")).to_have_text("Check the filters")
    expect(page.locator(".alert--error")).to_contain_text(
        "The first month must not come after the last month."
    )
    expect(page.locator("h1")).to_have_attribute("data-loaded", "once")


def test_amounts_switch_to_pesos(open_page, insights_market):
    page = open_page(locale="es-MX")
    page.goto(URL)

    page.get_by_label("Peso mexicano").check()
    wait_for_htmx(page)

    expect(page.locator(".insights-figures")).to_contain_text("MXN")
    expect(page).to_have_url(re.compile(r"currency=MXN"))
    screenshot(page, "insights-mxn")


@pytest.mark.parametrize("locale", ["es-MX", "fr-CA"])
@pytest.mark.parametrize("viewport", [tables.PHONE, tables.DESKTOP], ids=["phone", "desktop"])
def test_the_tables_keep_their_words_whole_and_the_page_its_width(
    open_page, insights_market, staff, locale, viewport
):
    page = open_page(staff, locale)
    page.set_viewport_size(viewport)
    page.goto(URL + "&currency=MXN")

    assert page.evaluate(tables.BROKEN_WORDS) == []
    # The charts shrink to the page; a wide table scrolls in its own box.
    assert tables.page_width(page) <= viewport["width"]
    screenshot(page, f"insights-staff-{viewport['width']}")


def test_back_shows_the_figures_and_the_filters_of_that_address(open_page, insights_market):
    page = open_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(URL)
    field(page, "Sector").select_option("lottery")
    wait_for_htmx(page)
    field(page, "Sector").select_option("ai-ml")
    wait_for_htmx(page)

    page.go_back()

    expect(page).to_have_url(re.compile(r"sector=lottery"))
    expect(page.locator("#results-title")).to_have_text("Lottery, from January 2026 to April 2026")
    expect(field(page, "Sector")).to_have_value("lottery")
    assert errors == []
