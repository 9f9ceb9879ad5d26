"""GET /api/v1/vendors/?…: the directory's filters (the same FilterSet serves the web UI), one test
each."""

from decimal import Decimal

import pytest

from marketplace.filters import SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS
from marketplace.models import Vendor, VendorExpertise
from tests.errors import error, field_codes, field_messages
from tests.factories import VendorFactory, certification, sector, skill

URL = "/api/v1/vendors/"


def names(response):
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def vendor_with(name, *, expertise=(), skills=(), certifications=(), **fields):
    vendor = VendorFactory(name=name, **fields)
    for slug, level in expertise:
        VendorExpertise.objects.create(vendor=vendor, sector=sector(slug), level=level, years=3)
    vendor.skills.set([skill(slug) for slug in skills])
    vendor.certifications.set([certification(slug) for slug in certifications])
    return vendor


def test_sector_keeps_vendors_with_expertise_in_it(api, db):
    vendor_with("Casino Co", expertise=[("igaming", 3)])
    vendor_with("Lotto Co", expertise=[("lottery", 3)])
    vendor_with("Nothing Co")

    assert names(api().get(URL, {"sector": "igaming"})) == {"Casino Co"}


def test_min_level_alone_counts_any_sector(api, db):
    vendor_with("Deep Casino", expertise=[("igaming", 5), ("lottery", 1)])
    vendor_with("Deep Lotto", expertise=[("lottery", 4)])
    vendor_with("Shallow", expertise=[("igaming", 2), ("lottery", 3)])

    assert names(api().get(URL, {"min_level": 4})) == {"Deep Casino", "Deep Lotto"}


def test_min_level_with_sector_needs_the_level_in_that_sector(api, db):
    # Deep Casino is level 5 somewhere and has lottery expertise, but only level 1 in lottery.
    vendor_with("Deep Casino", expertise=[("igaming", 5), ("lottery", 1)])
    vendor_with("Deep Lotto", expertise=[("lottery", 4)])

    assert names(api().get(URL, {"sector": "lottery", "min_level": 4})) == {"Deep Lotto"}


def test_skills_as_a_comma_list_need_all_of_them(api, db):
    vendor_with("Both", skills=["sportsbook", "odds-feeds", "nlp"])
    vendor_with("One", skills=["sportsbook"])
    vendor_with("Other", skills=["odds-feeds"])

    assert names(api().get(URL, {"skills": "sportsbook,odds-feeds"})) == {"Both"}


def test_skills_repeated_need_all_of_them(api, db):
    vendor_with("Both", skills=["sportsbook", "odds-feeds"])
    vendor_with("One", skills=["sportsbook"])

    assert names(api().get(URL, {"skills": ["sportsbook", "odds-feeds"]})) == {"Both"}


def test_certification_keeps_certified_vendors(api, db):
    vendor_with("Certified", certifications=["soc-2", "iso-27001"])
    vendor_with("Other cert", certifications=["pci-dss"])
    vendor_with("Uncertified")

    assert names(api().get(URL, {"certification": "soc-2"})) == {"Certified"}


def test_language_keeps_vendors_working_in_it(api, db):
    VendorFactory(name="Bilingual", speaks_en=True, speaks_fr=True)
    VendorFactory(name="French only", speaks_en=False, speaks_fr=True)
    VendorFactory(name="English only", speaks_en=True)

    assert names(api().get(URL, {"language": "fr"})) == {"Bilingual", "French only"}


def test_province_keeps_vendors_there(api, db):
    VendorFactory(name="Montréal", province="QC")
    VendorFactory(name="Toronto", province="ON")

    assert names(api().get(URL, {"province": "QC"})) == {"Montréal"}


def test_max_rate_keeps_vendors_whose_lowest_rate_fits(api, db):
    VendorFactory(name="Cheap", hourly_rate_min=Decimal("60"), hourly_rate_max=Decimal("90"))
    VendorFactory(name="Exact", hourly_rate_min=Decimal("100"), hourly_rate_max=Decimal("200"))
    VendorFactory(name="Dear", hourly_rate_min=Decimal("150"), hourly_rate_max=Decimal("250"))

    assert names(api().get(URL, {"max_rate": "100"})) == {"Cheap", "Exact"}


def test_q_searches_name_description_city_and_skill_names(api, db):
    VendorFactory(name="Odds Engine", description_en="Pricing.")
    VendorFactory(name="Studio A", description_en="We build odds engines.")
    VendorFactory(name="Studio B", city="Oddsville")
    vendor_with("Studio C", skills=["odds-feeds"])
    VendorFactory(name="Studio D", description_en="Casino games.")

    assert names(api().get(URL, {"q": "odds"})) == {
        "Odds Engine",
        "Studio A",
        "Studio B",
        "Studio C",
    }


def test_q_needs_every_word(api, db):
    VendorFactory(name="Odds Engine", city="Toronto")
    VendorFactory(name="Odds Lab", city="Calgary")

    assert names(api().get(URL, {"q": "odds calgary"})) == {"Odds Lab"}


def test_q_repeating_a_word_finds_what_the_word_alone_finds(api, db):
    VendorFactory(name="Odds Engine", city="Toronto")
    VendorFactory(name="Casino Lab", city="Calgary")

    assert names(api().get(URL, {"q": "odds Odds odds"})) == {"Odds Engine"}


def test_q_takes_as_many_words_and_characters_as_the_limits(api, db):
    VendorFactory(name="Odds Engine", city="Toronto", description_en="odds " * 30)
    words = ["odds"] * (SEARCH_MAX_WORDS - 1)
    last = "o" * (SEARCH_MAX_LENGTH - len(" ".join(words)) - 1)
    query = " ".join([*words, last])
    assert len(query) == SEARCH_MAX_LENGTH

    assert api().get(URL, {"q": query}).status_code == 200


def test_q_with_more_words_than_the_limit_is_a_400_with_a_message(api, db):
    query = " ".join(["odds"] * (SEARCH_MAX_WORDS + 1))

    response = api().get(URL, {"q": query})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "q": [
            {
                "code": "max_words",
                "message": f"Search with at most {SEARCH_MAX_WORDS} words "
                f"(this search has {SEARCH_MAX_WORDS + 1}).",
            }
        ]
    }


def test_q_longer_than_the_limit_is_a_400_with_a_message(api, db):
    response = api().get(URL, {"q": "o" * (SEARCH_MAX_LENGTH + 1)})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "q": [
            {
                "code": "max_length",
                "message": f"Ensure this value has at most {SEARCH_MAX_LENGTH} characters "
                f"(it has {SEARCH_MAX_LENGTH + 1}).",
            }
        ]
    }


def test_the_search_limits_are_refused_in_the_callers_language(api, db):
    query = " ".join(["odds"] * (SEARCH_MAX_WORDS + 1))

    response = api().get(URL, {"q": query}, headers={"Accept-Language": "es-MX"})

    assert response.status_code == 400
    assert field_messages(response)["q"][0].startswith("Busque con")
    assert field_codes(response) == {"q": ["max_words"]}


def test_status_lets_staff_pick_a_moderation_state(api, staff, vendor, pending_vendor):
    VendorFactory(name="Fjord Security", status=Vendor.Status.SUSPENDED, status_reason="Fraud")

    assert names(api(staff).get(URL, {"status": "pending"})) == {"Prairie Bits"}
    assert names(api(staff).get(URL, {"status": "suspended"})) == {"Fjord Security"}


def test_status_does_not_reveal_hidden_vendors_to_others(api, charlie, vendor, pending_vendor):
    assert names(api(charlie).get(URL, {"status": "pending"})) == set()
    assert names(api().get(URL, {"status": "pending"})) == set()


def test_filters_combine(api, db):
    vendor_with("Match", province="QC", speaks_fr=True, expertise=[("igaming", 4)])
    vendor_with("Wrong province", province="ON", speaks_fr=True, expertise=[("igaming", 4)])
    vendor_with("Wrong language", province="QC", expertise=[("igaming", 4)])

    response = api().get(URL, {"province": "QC", "language": "fr", "sector": "igaming"})

    assert names(response) == {"Match"}


NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        pytest.param({"sector": "space-mining"}, {"sector": [NOT_A_CHOICE]}, id="sector"),
        pytest.param(
            {"skills": "sportsbook,quantum-knitting"},
            {
                "skills": [
                    "Select a valid choice. quantum-knitting is not one of the available choices."
                ]
            },
            id="skills",
        ),
        pytest.param(
            {"certification": "iso-9999"}, {"certification": [NOT_A_CHOICE]}, id="certification"
        ),
    ],
)
def test_an_unknown_slug_is_a_400_naming_the_filter(api, db, params, errors):
    response = api().get(URL, params)

    assert response.status_code == 400
    assert field_messages(response) == errors
    assert field_codes(response) == {name: ["invalid_choice"] for name in errors}


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"language": "de"}, id="language"),
        pytest.param({"province": "JAL"}, id="province"),
        pytest.param({"min_level": "6"}, id="min_level"),
        pytest.param({"max_rate": "cheap"}, id="max_rate"),
        pytest.param({"status": "deleted"}, id="status"),
    ],
)
def test_an_invalid_value_is_a_400_naming_the_filter(api, db, params):
    response = api().get(URL, params)

    assert response.status_code == 400
    assert list(field_messages(response)) == list(params)


def test_searches_with_words_are_throttled(api, alice, rates):
    rates(search="2/minute")
    for words in ("odds", "casino"):
        assert api().get(URL, {"q": words}).status_code == 200

    response = api().get(URL, {"q": "lottery"})

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    # Counted per caller: a signed-in user has a count of their own.
    assert api(alice).get(URL, {"q": "lottery"}).status_code == 200


def test_listing_without_words_is_not_counted_as_a_search(api, db, rates):
    rates(search="1/minute")
    for _ in range(3):
        assert api().get(URL, {"sector": "igaming"}).status_code == 200

    assert api().get(URL, {"q": "odds"}).status_code == 200
