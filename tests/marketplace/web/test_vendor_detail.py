"""GET /vendors/<slug>/: a vendor's profile, visible exactly when the vendor is in the directory
for that user (approved for everyone, their own for members, all for staff)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import formats

from marketplace.models import Vendor, VendorExpertise
from tests.factories import VendorFactory, certification, sector, skill

from .pages import text


@pytest.fixture
def listed(db):
    vendor = VendorFactory(
        name="Maple Odds",
        slug="maple-odds",
        province="QC",
        city="Montréal",
        description_en="Sportsbook engines.\n\nLive odds feeds.",
        website="https://mapleodds.example",
        team_size=42,
        hourly_rate_min=Decimal("95"),
        hourly_rate_max=Decimal("1450"),
        speaks_en=True,
        speaks_fr=True,
    )
    VendorExpertise.objects.create(vendor=vendor, sector=sector("sports-betting"), level=5, years=9)
    VendorExpertise.objects.create(vendor=vendor, sector=sector("igaming"), level=2, years=1)
    vendor.skills.set([skill("sportsbook"), skill("odds-feeds")])
    vendor.certifications.set([certification("gli-certified")])
    return vendor


def test_anyone_sees_an_approved_vendor(client, listed):
    response = client.get("/vendors/maple-odds/")

    assert response.status_code == 200
    page = text(response)
    assert "Maple Odds" in page
    assert "Montréal, Quebec" in page
    assert "Sportsbook engines." in page


def test_expertise_is_listed_by_sector_with_level_and_years(client, listed):
    page = text(client.get("/vendors/maple-odds/"))

    assert "Sector Level (1 to 5) Years of practice" in page
    assert "Sports betting 5 of 5 9" in page
    assert "Online casino (iGaming) 2 of 5 1" in page


def test_skills_certifications_languages_rates_team_and_website(client, listed):
    response = client.get("/vendors/maple-odds/")

    page = text(response)
    assert "Sportsbook" in page
    assert "Odds feeds" in page
    assert "GLI certified" in page
    assert "English, French" in page
    assert "CAD\xa095 to CAD\xa01,450 per hour" in page
    assert "Team size 42 people" in page
    assert 'href="https://mapleodds.example"' in response.content.decode()


def test_anonymous_visitors_see_no_status_badge(client, listed):
    assert 'class="badge' not in client.get("/vendors/maple-odds/").content.decode()


def test_members_see_their_vendors_status(client, vendor, victor):
    client.force_login(victor)

    assert "Status: Approved" in text(client.get(f"/vendors/{vendor.slug}/"))


@pytest.mark.parametrize("user", [None, "charlie", "vera", "alice"])
def test_a_pending_vendor_is_not_found_for_others(client, request, pending_vendor, user):
    if user is not None:
        client.force_login(request.getfixturevalue(user))

    response = client.get("/vendors/prairie-bits/")

    assert response.status_code == 404
    assert "Prairie Bits" not in response.content.decode()
    assert "Page not found" in text(response)


def test_its_owner_sees_a_pending_vendor_with_its_status(client, pablo):
    client.force_login(pablo)

    response = client.get("/vendors/prairie-bits/")

    assert response.status_code == 200
    assert "Status: Pending approval" in text(response)


def test_staff_see_a_pending_vendor(client, staff, pending_vendor):
    client.force_login(staff)

    response = client.get("/vendors/prairie-bits/")

    assert response.status_code == 200
    assert "Status: Pending approval" in text(response)


def test_members_of_a_suspended_vendor_read_why(client, vendor, vera):
    Vendor.objects.filter(pk=vendor.pk).update(
        status=Vendor.Status.SUSPENDED, status_reason="Licence expired."
    )
    client.force_login(vera)

    page = text(client.get(f"/vendors/{vendor.slug}/"))

    assert "Status: Suspended" in page
    assert "Reason for the status: Licence expired." in page


def test_a_suspended_vendor_is_not_found_for_anonymous_visitors(client, vendor):
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.SUSPENDED)

    assert client.get(f"/vendors/{vendor.slug}/").status_code == 404


def test_an_unknown_vendor_is_not_found(client, db):
    assert client.get("/vendors/nobody/").status_code == 404


def test_a_vendor_without_listings_says_so(client, vendor):
    page = text(client.get(f"/vendors/{vendor.slug}/"))

    assert "This vendor has not listed any sector expertise yet." in page
    assert "No skills listed." in page
    assert "No certifications listed." in page


def test_the_profile_links_back_to_the_directory(client, listed):
    html = client.get("/vendors/maple-odds/").content.decode()

    assert 'href="/vendors/?sector=sports-betting"' in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumbs">' in html


# --- The description in the reader's language -------------------------------------------------

ACCEPT = {"es-mx": "es-MX,es;q=0.9", "en": "en", "fr-ca": "fr-CA,fr;q=0.8"}


@pytest.mark.parametrize(
    ("language", "code", "description"),
    [
        ("es-mx", "es", "Motores de apuestas."),
        ("en", "en", "Sportsbook engines."),
        ("fr-ca", "fr", "Moteurs de paris."),
    ],
)
def test_each_reader_reads_the_description_in_their_language_only(
    client, listed, language, code, description
):
    Vendor.objects.filter(pk=listed.pk).update(
        description_es="Motores de apuestas.",
        description_en="Sportsbook engines.",
        description_fr="Moteurs de paris.",
    )

    response = client.get("/vendors/maple-odds/", headers={"accept-language": ACCEPT[language]})

    html = response.content.decode()
    assert f'<div class="prose" lang="{code}"><p>{description}</p></div>' in html
    others = {"Motores de apuestas.", "Sportsbook engines.", "Moteurs de paris."} - {description}
    assert not any(other in html for other in others)
    assert 'id="description-language"' not in html


def test_a_missing_language_falls_back_and_says_which_language_is_shown(client, listed):
    response = client.get("/vendors/maple-odds/", headers={"accept-language": ACCEPT["es-mx"]})

    html = response.content.decode()
    assert (
        '<div class="prose" lang="en" aria-describedby="description-language"><p>Sportsbook' in html
    )
    assert "Este proveedor no ha escrito su descripción en su idioma; aquí está en inglés." in text(
        response
    )


def test_without_any_description_there_is_no_about_section(client, listed):
    Vendor.objects.filter(pk=listed.pk).update(description_en="")

    assert 'id="about-title"' not in client.get("/vendors/maple-odds/").content.decode()


def test_a_name_that_was_saved_with_markup_is_shown_as_text(client, listed):
    Vendor.objects.filter(pk=listed.pk).update(name="<script>alert(1)</script>")

    html = client.get("/vendors/maple-odds/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- Rates in pesos for buyers --------------------------------------------------------------------


def test_company_members_read_the_rates_also_in_pesos_dated_and_approximate(client, alice, listed):
    client.force_login(alice)

    page = text(client.get("/vendors/maple-odds/"))

    # 95 / 0.075 = 1,266.67 and 1,450 / 0.075 = 19,333.33 MXN, at the reference rate of
    # 2025-01-01 (the migrations' data).
    day = formats.date_format(date(2025, 1, 1), "DATE_FORMAT")
    assert (
        f"≈ MXN\N{NO-BREAK SPACE}1,267 to MXN\N{NO-BREAK SPACE}19,333 per hour, approximately, "
        f"at the exchange rate of {day}"
    ) in page


@pytest.mark.parametrize("who", ["pablo", "charlie", "staff"])
def test_others_read_the_rates_as_quoted(client, request, listed, who):
    client.force_login(request.getfixturevalue(who))

    page = text(client.get("/vendors/maple-odds/"))

    assert "CAD\N{NO-BREAK SPACE}95 to CAD\N{NO-BREAK SPACE}1,450 per hour" in page
    assert "MXN" not in page
