"""GET /vendors/: the public directory, filtered by the API's own VendorFilter, paginated, and
refreshed in place by htmx."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats

from marketplace.models import Vendor, VendorExpertise
from tests.factories import VendorFactory, certification, sector, skill

from .pages import card_names, text

URL = "/vendors/"


def vendor_with(name, *, expertise=(), skills=(), certifications=(), **fields):
    vendor = VendorFactory(name=name, **fields)
    for slug, level in expertise:
        VendorExpertise.objects.create(vendor=vendor, sector=sector(slug), level=level, years=3)
    vendor.skills.set([skill(slug) for slug in skills])
    vendor.certifications.set([certification(slug) for slug in certifications])
    return vendor


def test_anonymous_visitors_see_only_approved_vendors(client, vendor, pending_vendor):
    VendorFactory(name="Fjord Security", status=Vendor.Status.SUSPENDED)

    assert card_names(client.get(URL)) == ["Maple Odds"]


def test_members_also_see_their_own_pending_vendor_with_its_status(client, vendor, pablo):
    client.force_login(pablo)

    response = client.get(URL)

    assert card_names(response) == ["Maple Odds", "Prairie Bits"]
    assert "Status: Pending approval" in text(response)


def test_staff_see_every_vendor_and_may_filter_by_status(client, staff, vendor, pending_vendor):
    client.force_login(staff)

    assert card_names(client.get(URL)) == ["Maple Odds", "Prairie Bits"]
    assert card_names(client.get(URL, {"status": "pending"})) == ["Prairie Bits"]


def test_others_get_no_status_filter(client, charlie, vendor, pending_vendor):
    client.force_login(charlie)

    response = client.get(URL, {"status": "pending"})

    assert 'name="status"' not in response.content.decode()
    assert card_names(response) == ["Maple Odds"]


def test_a_card_shows_place_expertise_languages_and_rates(client, db):
    vendor_with(
        "Casino North",
        expertise=[("igaming", 5), ("lottery", 2)],
        province="QC",
        city="Montréal",
        speaks_fr=True,
        hourly_rate_min=Decimal("1200"),
        hourly_rate_max=Decimal("1500.50"),
    )

    page = text(client.get(URL))

    assert "Casino North" in page
    assert "Montréal, Quebec" in page
    assert "Online casino (iGaming) (level 5 of 5)" in page
    assert "Lottery (level 2 of 5)" in page
    assert "English, French" in page
    assert "CAD\xa01,200 to CAD\xa01,500.50 per hour" in page


def test_cards_link_to_the_profiles(client, vendor):
    assert 'href="/vendors/maple-odds/"' in client.get(URL).content.decode()


def test_sector_filter(client, db):
    vendor_with("Casino Co", expertise=[("igaming", 3)])
    vendor_with("Lotto Co", expertise=[("lottery", 3)])

    assert card_names(client.get(URL, {"sector": "igaming"})) == ["Casino Co"]


def test_min_level_filter_with_a_sector(client, db):
    vendor_with("Deep Lotto", expertise=[("lottery", 4)])
    vendor_with("Shallow Lotto", expertise=[("lottery", 1), ("igaming", 5)])

    assert card_names(client.get(URL, {"sector": "lottery", "min_level": 4})) == ["Deep Lotto"]


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("skills=sportsbook&skills=odds-feeds", id="checkboxes"),
        pytest.param("skills=sportsbook,odds-feeds", id="comma-separated"),
    ],
)
def test_skills_filter_needs_all_of_them(client, db, query):
    vendor_with("Both", skills=["sportsbook", "odds-feeds"])
    vendor_with("One", skills=["sportsbook"])

    response = client.get(f"{URL}?{query}")

    assert card_names(response) == ["Both"]
    html = response.content.decode()
    # The form keeps both boxes ticked.
    assert re.search(r'value="sportsbook"[^>]*checked', html)
    assert re.search(r'value="odds-feeds"[^>]*checked', html)


def test_certification_filter(client, db):
    vendor_with("Certified", certifications=["soc-2"])
    vendor_with("Uncertified")

    assert card_names(client.get(URL, {"certification": "soc-2"})) == ["Certified"]


def test_language_filter(client, db):
    VendorFactory(name="Bilingual", speaks_en=True, speaks_fr=True)
    VendorFactory(name="French only", speaks_en=False, speaks_fr=True)
    VendorFactory(name="English only", speaks_en=True)

    assert card_names(client.get(URL, {"language": "fr"})) == ["Bilingual", "French only"]


def test_province_filter(client, db):
    VendorFactory(name="Quebec Co", province="QC")
    VendorFactory(name="Ontario Co", province="ON")

    assert card_names(client.get(URL, {"province": "QC"})) == ["Quebec Co"]


def test_max_rate_filter(client, db):
    VendorFactory(name="Affordable", hourly_rate_min=Decimal("60"), hourly_rate_max=Decimal("90"))
    VendorFactory(name="Premium", hourly_rate_min=Decimal("150"), hourly_rate_max=Decimal("220"))

    assert card_names(client.get(URL, {"max_rate": "100"})) == ["Affordable"]


def test_text_search(client, db):
    VendorFactory(name="Odds Lab", description_en="Live odds and trading tools.")
    VendorFactory(name="Pixel Forge", description_en="3D slot art.")

    response = client.get(URL, {"q": "trading"})

    assert card_names(response) == ["Odds Lab"]
    assert 'value="trading"' in response.content.decode()


def test_filters_combine(client, db):
    vendor_with("Montreal Casino", expertise=[("igaming", 4)], province="QC", speaks_fr=True)
    vendor_with("Toronto Casino", expertise=[("igaming", 4)], province="ON")
    vendor_with("Montreal Lotto", expertise=[("lottery", 4)], province="QC", speaks_fr=True)

    response = client.get(URL, {"sector": "igaming", "language": "fr"})

    assert card_names(response) == ["Montreal Casino"]


def test_the_form_keeps_the_choices(client, db):
    html = client.get(URL, {"sector": "lottery", "province": "QC", "max_rate": "90"}).content
    html = html.decode()

    assert re.search(r'<option value="lottery" selected>', html)
    assert re.search(r'<option value="QC" selected>', html)
    assert 'name="max_rate" value="90"' in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"max_rate": "cheap"}, "max_rate", "Enter a number."),
        ({"min_level": "9"}, "min_level", "Ensure this value is less than or equal to 5."),
        ({"sector": "astrology"}, "sector", "Select a valid choice."),
        ({"skills": "sportsbook,telepathy"}, "skills", "Select a valid choice."),
        ({"q": "a b c d e f g"}, "q", "Search with at most 6 words (this search has 7)."),
        ({"q": "o" * 101}, "q", "Ensure this value has at most 100 characters (it has 101)."),
    ],
)
def test_invalid_input_shows_the_error_instead_of_results(client, vendor, query, field, message):
    response = client.get(URL, query)

    assert response.status_code == 200
    page = text(response)
    assert "Some filters could not be applied" in page
    assert message in page
    assert card_names(response) == []
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert f'href="#id_{field}"' in html


def test_invalid_number_keeps_the_input_and_marks_it_invalid(client, db):
    html = client.get(URL, {"max_rate": "cheap"}).content.decode()

    assert re.search(r'name="max_rate" value="cheap"[^>]*aria-invalid="true"', html)


def test_an_empty_result_says_so(client, vendor):
    page = text(client.get(URL, {"q": "nothing-like-this"}))

    assert "0 vendors found" in page
    assert "No vendor matches these filters" in page


def test_pages_hold_twenty_vendors_and_page_links_keep_the_filters(client, db):
    for n in range(23):
        vendor_with(f"Casino {n:02d}", expertise=[("igaming", 3)])
    vendor_with("Not a casino", expertise=[("lottery", 3)])

    first = client.get(URL, {"sector": "igaming"})
    second = client.get(URL, {"sector": "igaming", "page": 2})

    assert card_names(first) == [f"Casino {n:02d}" for n in range(20)]
    assert card_names(second) == ["Casino 20", "Casino 21", "Casino 22"]
    assert "23 vendors found" in text(first)
    assert "Page 1 of 2" in text(first)
    assert 'href="?sector=igaming&amp;page=2"' in first.content.decode()
    assert 'href="?sector=igaming&amp;page=1"' in second.content.decode()


def test_an_out_of_range_page_shows_the_last_one(client, vendor):
    assert card_names(client.get(URL, {"page": 99})) == ["Maple Odds"]


def test_htmx_requests_get_only_the_results(client, vendor):
    response = client.get(URL, {"q": "Maple"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'role="search"' not in html  # the filters stay, only their count comes again
    assert '<span id="filters-summary" hx-swap-oob="true">Filters (1 active)</span>' in html
    assert card_names(response) == ["Maple Odds"]
    assert "HX-Request" in response["Vary"]


def test_htmx_requests_with_invalid_input_get_the_errors(client, vendor):
    response = client.get(URL, {"max_rate": "cheap"}, headers={"HX-Request": "true"})

    assert "<html" not in response.content.decode()
    assert "Enter a number." in text(response)


def test_a_history_restore_gets_the_whole_page(client, vendor):
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    assert "<html" in response.content.decode()


def test_the_form_refreshes_the_results_in_place_and_still_works_without_javascript(client, db):
    html = client.get(URL).content.decode()

    form = re.search(r'<form class="directory__filters[^>]*>', html, flags=re.S).group(0)
    assert 'method="get" action="/vendors/"' in form
    assert 'hx-get="/vendors/"' in form
    assert 'hx-target="#vendor-results"' in form
    assert 'hx-push-url="true"' in form
    assert 'id="vendor-results"' in html


def test_every_filter_has_a_visible_label(client, staff):
    client.force_login(staff)

    html = client.get(URL).content.decode()

    for name in ("q", "sector", "min_level", "certification", "language", "province"):
        assert f'<label for="id_{name}">' in html
    assert '<label for="id_max_rate">' in html
    assert '<label for="id_status">' in html
    assert "<legend>Skills:</legend>" in html


def test_a_full_page_costs_no_more_queries_than_a_short_one(client, db):
    def queries_for_the_page():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    vendor_with("First", expertise=[("igaming", 3), ("lottery", 2)])
    queries_for_the_page()  # renders the form's choices into the cache
    short = queries_for_the_page()
    for n in range(25):
        vendor_with(f"Vendor {n:02d}", expertise=[("igaming", 3), ("lottery", 2)])

    assert queries_for_the_page() == short


def test_searches_share_the_apis_rate(client, api, db, rates):
    rates(search="2/minute")
    api().get("/api/v1/vendors/", {"q": "odds"})
    client.get(URL, {"q": "casino"})
    assert client.get(URL).status_code == 200

    response = client.get(URL, {"q": "lottery"})

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many requests from you in a short time." in text(response)


# --- Sorting (the API's orders: tests/marketplace/api/test_vendor_ordering.py) ------------------


def test_the_sort_offers_the_directorys_orders_name_first(client, db):
    html = client.get(URL).content.decode()

    options = re.findall(
        r'<option value="([^"]*)"[^>]*>([^<]+)</option>',
        html.split('id="id_ordering"')[1].split("</select>")[0],
    )
    assert options == [
        ("name", "Name (A–Z)"),
        ("-rating", "Best rated"),
        ("-experience", "Most experienced in the sector"),
        ("hourly_rate_min", "Lowest rate"),
    ]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["Aurora", "Borealis", "Cascadia"]),
        ("-rating", ["Cascadia", "Aurora", "Borealis"]),
        ("-experience", ["Borealis", "Cascadia", "Aurora"]),
        ("hourly_rate_min", ["Borealis", "Aurora", "Cascadia"]),
    ],
)
def test_each_order_sorts_the_cards(client, db, ordering, expected):
    aurora = vendor_with(
        "Aurora",
        expertise=[("igaming", 1)],
        hourly_rate_min=Decimal("90"),
        hourly_rate_max=Decimal("200"),
    )
    borealis = vendor_with(
        "Borealis",
        expertise=[("igaming", 5)],
        hourly_rate_min=Decimal("60"),
        hourly_rate_max=Decimal("200"),
    )
    cascadia = vendor_with(
        "Cascadia",
        expertise=[("igaming", 3)],
        hourly_rate_min=Decimal("150"),
        hourly_rate_max=Decimal("200"),
    )
    VendorExpertise.objects.filter(vendor=borealis).update(years=12)
    VendorExpertise.objects.filter(vendor=cascadia).update(years=7)
    Vendor.objects.filter(pk=cascadia.pk).update(review_count=4, review_rating_total=20)
    Vendor.objects.filter(pk=aurora.pk).update(review_count=1, review_rating_total=3)

    response = client.get(URL, {"ordering": ordering, "sector": "igaming"})

    assert card_names(response) == expected
    assert re.search(rf'<option value="{re.escape(ordering)}" selected>', response.content.decode())


def test_most_experienced_without_a_sector_says_what_it_counts(client, vendor):
    with_sector = text(client.get(URL, {"ordering": "-experience", "sector": "igaming"}))
    without = text(client.get(URL, {"ordering": "-experience"}))

    note = "Ordered by each vendor's longest practice in any sector"
    assert note not in with_sector
    assert note in without


def test_an_unknown_order_is_a_form_error_not_another_order(client, vendor):
    response = client.get(URL, {"ordering": "-score"})

    assert card_names(response) == []
    page = text(response)
    assert "Some filters could not be applied" in page
    assert (
        "Sort by: Order by one of: Name (A–Z), Best rated, Most experienced in the sector, "
        "Lowest rate." in page
    )


@pytest.mark.parametrize("ordering", ["created_at", "-updated_at", "-name"])
def test_an_order_the_menu_does_not_offer_is_refused_like_an_unknown_one(client, vendor, ordering):
    # The menu could not show it: the list would be in one order and the menu say another.
    response = client.get(URL, {"ordering": ordering})

    assert card_names(response) == []
    page = text(response)
    assert "Some filters could not be applied" in page
    assert "Sort by: Order by one of: Name (A–Z), Best rated" in page


def test_a_sorted_page_costs_no_more_queries_than_a_short_one(client, db):
    def queries_for(ordering):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"ordering": ordering}).status_code == 200
        return len(queries)

    vendor_with("First", expertise=[("igaming", 3), ("lottery", 2)])
    queries_for("-rating")  # renders the form's choices into the cache
    short = {ordering: queries_for(ordering) for ordering in ("-rating", "-experience")}
    for n in range(25):
        vendor_with(f"Vendor {n:02d}", expertise=[("igaming", 3), ("lottery", 2)])

    assert {ordering: queries_for(ordering) for ordering in short} == short


# --- Filters on a phone, comparing -----------------------------------------------------------


def test_the_filters_say_how_many_apply(client, vendor):
    assert "Filters (2 active)" in text(
        client.get(URL, {"sector": "igaming", "q": "Maple", "ordering": "-rating"})
    )
    assert "Filters (" not in text(client.get(URL, {"ordering": "-rating"}))


def test_each_card_has_a_compare_box_in_a_form_for_the_comparison(client, vendor):
    html = client.get(URL).content.decode()

    assert '<form class="compare-form" method="get" action="/vendors/compare/"' in html
    assert (
        f'<input type="checkbox" id="compare-{vendor.pk}" name="vendor" value="{vendor.pk}">'
        in html
    )
    assert (
        f'<label for="compare-{vendor.pk}">Compare<span class="visually-hidden"> Maple Odds</span></label>'
        in html
    )


def test_the_compare_form_carries_the_directorys_query_for_the_way_back(client, vendor):
    html = client.get(URL, {"language": "en", "ordering": "-rating"}).content.decode()

    assert '<input type="hidden" name="directory" value="language=en&amp;ordering=-rating">' in html


def test_a_search_finds_words_in_any_languages_description(client, db):
    VendorFactory(name="Cotes Lab", description_en="", description_fr="Flux de cotes en direct.")

    assert card_names(client.get(URL, {"q": "cotes direct"})) == ["Cotes Lab"]


def test_cards_show_the_description_in_the_readers_language_or_say_which_one(client, db):
    VendorFactory(name="Bilingual", description_en="Odds feeds.", description_es="Momios en vivo.")
    VendorFactory(name="English Only", description_en="Slot art.")

    html = client.get(URL, headers={"accept-language": "es-MX"}).content.decode()

    assert '<p class="vendor-card__description" lang="es">Momios en vivo.</p>' in html
    assert "Odds feeds." not in html
    assert (
        '<p class="vendor-card__description" lang="en">Slot art. '
        '<span class="muted" lang="es-mx">(inglés)</span></p>'
    ) in html


def test_company_members_read_each_cards_rates_also_in_pesos(client, alice):
    VendorFactory(name="Odds Lab", hourly_rate_min=Decimal("90"), hourly_rate_max=Decimal("150"))
    client.force_login(alice)

    page = text(client.get(URL))

    # 90 / 0.075 = 1,200 and 150 / 0.075 = 2,000 MXN at the reference rate of 2025-01-01.
    day = formats.date_format(date(2025, 1, 1), "DATE_FORMAT")
    assert (
        f"≈ MXN\N{NO-BREAK SPACE}1,200 to MXN\N{NO-BREAK SPACE}2,000 per hour, approximately, "
        f"at the exchange rate of {day}"
    ) in page


def test_visitors_read_the_rates_in_canadian_dollars_only(client, db):
    VendorFactory(name="Odds Lab")

    assert "MXN" not in text(client.get(URL))
