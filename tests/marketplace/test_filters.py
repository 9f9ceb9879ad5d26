"""The directory's search (`VendorFilter.search`): which vendors each search finds, and, on
PostgreSQL, that each word is read from the trigram indexes (migration 0024) rather than by
upper-casing every vendor."""

import pytest
from django.db import connection

from marketplace.filters import VendorFilter
from marketplace.models import Vendor
from tests.factories import VendorFactory, skill


def found(query: str) -> set[str]:
    return set(
        VendorFilter(data={"q": query}, queryset=Vendor.objects.all()).qs.values_list(
            "name", flat=True
        )
    )


@pytest.fixture
def directory(db):
    VendorFactory(name="Odds Engine", city="Toronto", description_en="Pricing.")
    VendorFactory(name="Studio Boréal", city="Montréal", description_en="VR experiences.")
    VendorFactory(
        name="Pixel Lab",
        city="Lévis",
        description_en="Games.",
        description_fr="Jeux pour les casinos du Québec.",
    )
    VendorFactory(
        name="Maya Soft",
        city="Calgary",
        description_en="Apps.",
        description_es="Apuestas en línea para México.",
    )
    VendorFactory(
        name="Vision Corp", city="Ottawa", description_en="Cameras, 100% on_site."
    ).skills.set([skill("computer-vision"), skill("nodejs")])
    VendorFactory(name="Feeds Inc", city="Oddsville", description_en="Data.").skills.set(
        [skill("odds-feeds")]
    )


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("odds", {"Odds Engine", "Feeds Inc"}),  # name; city "Oddsville" and skill "Odds feeds"
        ("ODDS", {"Odds Engine", "Feeds Inc"}),
        ("toronto", {"Odds Engine"}),  # city
        ("montréal", {"Studio Boréal"}),  # accents are kept: a different letter
        ("montreal", set()),
        ("boréal", {"Studio Boréal"}),
        ("casinos", {"Pixel Lab"}),  # French description
        ("línea", {"Maya Soft"}),  # Spanish description
        ("vision", {"Vision Corp"}),  # name and skill
        ("computer", {"Vision Corp"}),  # skill only
        ("node.js", {"Vision Corp"}),
        ("100%", {"Vision Corp"}),  # LIKE's wildcards are plain characters
        ("on_site", {"Vision Corp"}),
        ("s_t", set()),  # not "site"
        ("%", {"Vision Corp"}),
        ("ma", {"Maya Soft"}),  # shorter than a trigram
        ("a odds", {"Feeds Inc"}),
        ("++", set()),
        ("odds toronto", {"Odds Engine"}),  # every word, each anywhere
        ("feeds oddsville data", {"Feeds Inc"}),
        ("vision cameras ottawa", {"Vision Corp"}),
        ("odds zyxwq", set()),
        ("zyxwq", set()),
    ],
)
def test_a_search_finds_the_vendors_with_every_word(directory, query, names):
    assert found(query) == names


def test_on_postgresql_upper_and_lower_case_accented_letters_match(directory, postgresql):
    # SQLite's UPPER() and LIKE fold ASCII letters only; PostgreSQL's fold these too.
    assert found("MONTRÉAL") == {"Studio Boréal"}
    assert found("QUÉBEC") == {"Pixel Lab"}
    assert found("LÍNEA") == {"Maya Soft"}


def test_on_postgresql_each_word_is_read_from_the_trigram_indexes(directory, postgresql):
    # A handful of rows is cheaper to scan whole; with that turned off, the plan shows whether
    # the indexes' expression is the one `icontains` compares.
    query = VendorFilter(data={"q": "odds toronto"}, queryset=Vendor.objects.all()).qs
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    for index in [
        "vendor_name_trgm_idx",
        "vendor_description_en_trgm_idx",
        "vendor_description_fr_trgm_idx",
        "vendor_description_es_trgm_idx",
        "vendor_city_trgm_idx",
    ]:
        assert f"Bitmap Index Scan on {index}" in plan, plan
