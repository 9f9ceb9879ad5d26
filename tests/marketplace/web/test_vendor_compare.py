"""GET /vendors/compare/?vendor=…: two to four vendors side by side, as the directory shows
them to the reader (the profile page's rule)."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.models import Vendor, VendorExpertise
from marketplace.services.vendors import vendor_create
from tests.factories import VendorFactory, certification, sector, skill

from .pages import text

URL = "/vendors/compare/"


def compared(response) -> list[str]:
    """The vendors heading the table's columns, in order."""
    html = response.content.decode()
    return [
        unescape(name) for name in re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a>', html)
    ]


@pytest.fixture
def listed(db):
    """Three approved vendors with everything the table shows."""
    vendors = []
    for n, name in enumerate(["Aurora", "Borealis", "Cascadia"], start=1):
        vendor = VendorFactory(name=name, team_size=n * 10, city="Montréal", province="QC")
        VendorExpertise.objects.create(
            vendor=vendor, sector=sector("igaming"), level=n, years=n * 4
        )
        vendor.skills.set([skill("sportsbook")])
        vendor.certifications.set([certification("soc-2")])
        vendors.append(vendor)
    return vendors


def test_the_vendors_are_compared_in_the_order_chosen(client, listed):
    aurora, _, cascadia = listed

    response = client.get(URL, {"vendor": [cascadia.pk, aurora.pk]})

    assert response.status_code == 200
    assert compared(response) == ["Cascadia", "Aurora"]


def test_the_table_shows_rates_place_team_languages_expertise_skills_certifications_and_reviews(
    client, listed
):
    aurora, borealis, _ = listed
    Vendor.objects.filter(pk=aurora.pk).update(review_count=10, review_rating_total=40)

    response = client.get(URL, {"vendor": [aurora.pk, borealis.pk]})

    page = text(response)
    html = response.content.decode()
    assert "<caption" in html and 'scope="row"' in html
    for label in (
        "Hourly rate",
        "Location",
        "Team size",
        "Languages",
        "Expertise by sector",
        "Skills",
        "Certifications",
        "Verified reviews",
        "About",
    ):
        assert f'<th scope="row">{label}</th>' in html
    assert "Montréal, Quebec" in page
    assert "Online casino (iGaming): level 2 of 5, 8 years" in page
    assert "3.7 ★ out of 5, from 10 verified reviews" in page
    assert "No verified reviews yet." in page


def test_a_vendor_chosen_twice_shows_once(client, listed):
    aurora, borealis, _ = listed

    response = client.get(URL, {"vendor": [aurora.pk, borealis.pk, aurora.pk]})

    assert compared(response) == ["Aurora", "Borealis"]


def test_more_than_four_is_refused_with_the_reason(client, listed):
    ids = [vendor.pk for vendor in listed] + [VendorFactory().pk, VendorFactory().pk]

    response = client.get(URL, {"vendor": ids})

    assert response.status_code == 400
    assert "Compare at most 4 vendors at once (you chose 5)" in text(response)
    assert compared(response) == []


def test_four_is_the_most(client, listed):
    ids = [vendor.pk for vendor in listed] + [VendorFactory(name="Delta").pk]

    assert compared(client.get(URL, {"vendor": ids})) == ["Aurora", "Borealis", "Cascadia", "Delta"]


def back_links(response) -> set[str]:
    """Where the page's links back to the directory lead (the footer's is the whole directory)."""
    html = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return {
        unescape(href)
        for href in re.findall(
            r'<a (?:class="button" )?href="(/vendors/[^"]*)">(?:Back to the vendor directory|Vendor directory)<',
            html,
        )
    }


@pytest.mark.parametrize("chosen", [2, 1, 5])
def test_the_way_back_leads_to_the_directory_as_the_reader_left_it(client, listed, chosen):
    ids = [vendor.pk for vendor in listed] + [VendorFactory().pk, VendorFactory().pk]
    query = "sector=igaming&ordering=-rating&page=2"

    response = client.get(URL, {"vendor": ids[:chosen], "directory": query})

    assert back_links(response) == {f"/vendors/?{query}"}


@pytest.mark.parametrize(
    "query",
    ["https://evil.example/", "//evil.example/x", "next=https://evil.example/", "a" * 2001],
)
def test_a_directory_query_that_is_not_the_directorys_leads_to_the_whole_directory(
    client, listed, query
):
    response = client.get(URL, {"vendor": [listed[0].pk, listed[1].pk], "directory": query})

    assert response.status_code == 200
    assert back_links(response) == {"/vendors/"}


def test_only_the_directorys_own_parameters_ride_back(client, listed):
    query = "q=odds&next=//evil.example/&sector=igaming"

    response = client.get(URL, {"vendor": [listed[0].pk, listed[1].pk], "directory": query})

    assert back_links(response) == {"/vendors/?q=odds&sector=igaming"}


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "9" * 19])
def test_an_id_that_is_no_number_is_refused(client, listed, value):
    response = client.get(URL, {"vendor": [listed[0].pk, value]})

    assert response.status_code == 400
    assert "Choose the vendors to compare from the directory." in text(response)


@pytest.mark.parametrize("chosen", [[], ["first"]])
def test_fewer_than_two_is_explained(client, listed, chosen):
    ids = [listed[0].pk] if chosen else []

    response = client.get(URL, {"vendor": ids})

    assert response.status_code == 200
    assert "Tick two to 4 vendors in the directory" in text(response)
    assert compared(response) == []


def test_vendors_the_reader_may_not_see_are_left_out_like_unknown_ones(client, listed):
    aurora, borealis, _ = listed
    pending = VendorFactory(status=Vendor.Status.PENDING)
    suspended = VendorFactory(status=Vendor.Status.SUSPENDED)

    response = client.get(URL, {"vendor": [aurora.pk, pending.pk, borealis.pk, suspended.pk]})
    unknown = client.get(URL, {"vendor": [aurora.pk, 999999, borealis.pk, 999998]})

    assert compared(response) == compared(unknown) == ["Aurora", "Borealis"]
    message = "2 of the vendors you chose are not in the directory (any more) and were left out."
    assert message in text(response)
    assert message in text(unknown)


def test_members_compare_their_own_pending_vendor_as_on_its_profile(client, listed, pablo):
    client.force_login(pablo)

    response = client.get(URL, {"vendor": [listed[0].pk, pablo.membership.vendor_id]})

    assert compared(response) == ["Aurora", "Prairie Bits"]
    assert "Status: Pending approval" in text(response)


def test_staff_compare_any_vendor(client, listed, staff, pending_vendor):
    client.force_login(staff)

    assert compared(client.get(URL, {"vendor": [pending_vendor.pk, listed[0].pk]})) == [
        "Prairie Bits",
        "Aurora",
    ]


def test_four_vendors_cost_the_queries_two_do(client, listed):
    def queries(ids) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL, {"vendor": ids}).status_code == 200
        return len(context)

    two = queries([listed[0].pk, listed[1].pk])
    four = queries([vendor.pk for vendor in listed] + [VendorFactory().pk])

    assert four == two


def test_a_vendor_named_compare_gets_another_address(charlie):
    vendor = vendor_create(
        actor=charlie,
        name="Compare",
        province="QC",
        city="Montréal",
        team_size=3,
        hourly_rate_min=80,
        hourly_rate_max=120,
        languages=["en"],
    )

    assert vendor.slug == "compare-2"


def test_no_vendor_may_be_given_the_comparisons_address(db):
    with pytest.raises(ValidationError) as refused:
        VendorFactory.build(slug="compare").full_clean()

    assert refused.value.message_dict["slug"] == [
        "“compare” is the address of one of the directory's pages; choose another."
    ]


@pytest.mark.parametrize(
    ("accept", "named", "nothing"),
    [
        ("en", "AGCO registered gaming supplier, SOC 2 Type II", "None listed"),
        (
            "es-MX,es;q=0.9",
            "Proveedor de juegos registrado ante la AGCO, SOC 2 Tipo II",
            "Ninguna indicada",
        ),
        (
            "fr-CA,fr;q=0.8",
            "Fournisseur de jeux inscrit auprès de la CAJO, SOC 2 Type II",
            "Aucune indiquée",
        ),
    ],
)
def test_the_certifications_row_names_each_certification_or_says_none_in_every_language(
    client, listed, accept, named, nothing
):
    aurora, borealis, _ = listed
    aurora.certifications.add(certification("agco-registered"))
    borealis.certifications.clear()

    response = client.get(
        URL, {"vendor": [aurora.pk, borealis.pk]}, headers={"accept-language": accept}
    )

    html = response.content.decode()
    row = re.search(r"<th scope=\"row\">Certifica[^<]*</th>(.*?)</tr>", html, re.S).group(1)
    cells = [unescape(cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells == [named, nothing]
