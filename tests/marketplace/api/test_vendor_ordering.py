"""GET /api/v1/vendors/?ordering=…: the directory's orders (the same FilterSet orders the web
page), by public facts only, with ties broken by name and id."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.filters import ORDERING_VALUES
from marketplace.models import VendorExpertise
from tests.errors import field_codes, refused_fields
from tests.factories import VendorFactory, sector

URL = "/api/v1/vendors/"


def ordered(api, **params) -> list[str]:
    response = api().get(URL, params)
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def rated(name, *, reviews=0, stars=0, **fields):
    """A vendor with `reviews` verified reviews of `stars` each (kept on its row)."""
    return VendorFactory(
        name=name, review_count=reviews, review_rating_total=reviews * stars, **fields
    )


def practising(name, *expertise, **fields):
    vendor = VendorFactory(name=name, **fields)
    for slug, years, level in expertise:
        VendorExpertise.objects.create(vendor=vendor, sector=sector(slug), years=years, level=level)
    return vendor


def test_best_rated_puts_the_higher_bayesian_rating_first_and_unreviewed_vendors_last(api, db):
    rated("No Reviews")
    rated("One Five", reviews=1, stars=5)  # 3.33: one review cannot beat many good ones
    rated("Ten Fours", reviews=10, stars=4)  # 3.67
    rated("Three Twos", reviews=3, stars=2)  # 2.63

    assert ordered(api, ordering="-rating") == ["Ten Fours", "One Five", "Three Twos", "No Reviews"]
    assert ordered(api, ordering="rating") == ["Three Twos", "One Five", "Ten Fours", "No Reviews"]


def test_equal_ratings_go_to_more_reviews_then_by_name(api, db):
    rated("Borealis", reviews=2, stars=3)
    rated("Aurora", reviews=2, stars=3)
    rated("Cascadia", reviews=4, stars=3)

    assert ordered(api, ordering="-rating") == ["Cascadia", "Aurora", "Borealis"]


def test_most_experienced_counts_years_in_the_chosen_sector(api, db):
    practising("Casino Veteran", ("igaming", 20, 3), ("sports-betting", 1, 2))
    practising("Sportsbook Veteran", ("sports-betting", 12, 4))
    practising("Sportsbook Expert", ("sports-betting", 12, 5))
    practising("Sportsbook Junior", ("sports-betting", 2, 5))

    assert ordered(api, ordering="-experience", sector="sports-betting") == [
        "Sportsbook Expert",  # as many years as the veteran, a higher level
        "Sportsbook Veteran",
        "Sportsbook Junior",
        "Casino Veteran",  # 20 years, but in another sector
    ]
    assert ordered(api, ordering="experience", sector="sports-betting") == [
        "Casino Veteran",
        "Sportsbook Junior",
        "Sportsbook Veteran",
        "Sportsbook Expert",
    ]


def test_most_experienced_without_a_sector_counts_the_longest_practice_in_any(api, db):
    practising("Casino Veteran", ("igaming", 20, 3), ("sports-betting", 1, 2))
    practising("Sportsbook Veteran", ("sports-betting", 12, 4))
    practising("Newcomer")

    assert ordered(api, ordering="-experience") == [
        "Casino Veteran",
        "Sportsbook Veteran",
        "Newcomer",  # no expertise listed: last
    ]


def test_equal_experience_goes_by_name(api, db):
    practising("Borealis", ("igaming", 5, 3))
    practising("Aurora", ("igaming", 5, 3))

    assert ordered(api, ordering="-experience", sector="igaming") == ["Aurora", "Borealis"]


def test_lowest_rate_puts_the_cheapest_first(api, db):
    VendorFactory(name="Dear", hourly_rate_min=150, hourly_rate_max=200)
    VendorFactory(name="Cheap", hourly_rate_min=60, hourly_rate_max=200)
    VendorFactory(name="Middle", hourly_rate_min=90, hourly_rate_max=200)

    assert ordered(api, ordering="hourly_rate_min") == ["Cheap", "Middle", "Dear"]
    assert ordered(api, ordering="-hourly_rate_min") == ["Dear", "Middle", "Cheap"]


def test_vendors_that_tie_keep_one_order_across_pages(api, db):
    tied = [rated(f"Tied {n}", reviews=1, stars=4) for n in range(5)]
    expected = [vendor.name for vendor in sorted(tied, key=lambda vendor: vendor.name)]

    seen = []
    for page in (1, 2, 3):
        response = api().get(URL, {"ordering": "-rating", "page_size": 2, "page": page})
        seen += [row["name"] for row in response.json()["results"]]

    assert seen == expected


@pytest.mark.parametrize("ordering", ORDERING_VALUES)
def test_every_order_costs_the_same_queries_however_many_vendors(api, db, ordering):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            response = api().get(URL, {"ordering": ordering, "sector": "igaming"})
        assert response.status_code == 200
        return len(context)

    practising("First", ("igaming", 3, 3))
    few = queries()
    for n in range(6):
        practising(f"More {n}", ("igaming", n, 2), ("lottery", 1, 1))

    assert queries() == few


@pytest.mark.parametrize("ordering", ["score", "match", "-sponsored", "rating,name", "--rating"])
def test_an_order_the_directory_does_not_offer_is_a_400_listing_them(api, db, ordering):
    response = api().get(URL, {"ordering": ordering})

    [message] = refused_fields(response)["ordering"]
    assert message == "Order by one of: " + ", ".join(ORDERING_VALUES) + "."
    assert field_codes(response) == {"ordering": ["invalid_choice"]}


def test_the_schema_documents_the_orders(api, db):
    schema = api().get("/api/v1/schema/", {"format": "json"}).json()
    [parameter] = [
        parameter
        for parameter in schema["paths"]["/api/v1/vendors/"]["get"]["parameters"]
        if parameter["name"] == "ordering"
    ]

    assert sorted(parameter["schema"]["enum"]) == sorted(ORDERING_VALUES)
    assert "best rated" in parameter["description"]
