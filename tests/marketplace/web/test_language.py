"""The pages' language: from the browser's Accept-Language, switched with the language form
(Django's set_language), with numbers, money and place names in the reader's locale.

These need the compiled catalogs: `make test` (and `make run`) build them with `make messages`.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.timesince import timeuntil

from marketplace.models import VendorExpertise
from marketplace.templatetags.norte import duration, percent
from tests.factories import VendorFactory, sector

from .pages import text


@pytest.fixture
def quebec_vendor(db):
    vendor = VendorFactory(
        name="Érable Studio",
        slug="erable-studio",
        province="QC",
        city="Québec",
        hourly_rate_min=Decimal("1200"),
        hourly_rate_max=Decimal("1850.50"),
        speaks_fr=True,
    )
    VendorExpertise.objects.create(vendor=vendor, sector=sector("sports-betting"), level=4)
    return vendor


def test_the_catalogs_are_compiled():
    for locale in ("es_MX", "fr_CA"):
        catalog = settings.BASE_DIR / "locale" / locale / "LC_MESSAGES" / "django.mo"
        assert catalog.exists(), f"{catalog} is missing: run `make messages`"


def test_without_a_preference_the_page_is_in_the_default_language(client, db):
    html = client.get("/").content.decode()

    assert '<html lang="en">' in html


def test_a_mexican_browser_gets_spanish(client, db):
    response = client.get("/", headers={"accept-language": "es-MX,es;q=0.9"})

    html = response.content.decode()
    assert '<html lang="es-mx">' in html
    assert response["Content-Language"] == "es-mx"
    page = text(response)
    assert "Proveedores de tecnología en Canadá para empresas en México" in page
    assert "Saltar al contenido" in page
    assert "Apuestas deportivas" in page  # sector names follow the language too


def test_a_quebec_browser_gets_french(client, db):
    response = client.get("/vendors/", headers={"accept-language": "fr-CA,fr;q=0.8"})

    assert '<html lang="fr-ca">' in response.content.decode()
    page = text(response)
    assert "Répertoire des fournisseurs" in page
    assert "Tous les secteurs" in page
    assert "Paris sportifs" in page


def test_plain_french_finds_the_canadian_variant(client, db):
    assert (
        '<html lang="fr-ca">' in client.get("/", headers={"accept-language": "fr"}).content.decode()
    )


def test_the_switcher_names_each_language_in_itself(client, db):
    response = client.get("/", headers={"accept-language": "fr-CA"})

    html = response.content.decode()
    assert '<form class="language-switcher" action="/i18n/setlang/" method="post">' in html
    assert '<option value="es-mx" lang="es-mx">Español (México)</option>' in html
    assert '<option value="en" lang="en">English</option>' in html
    assert '<option value="fr-ca" lang="fr-ca" selected>Français (Canada)</option>' in html


def test_switching_language_keeps_the_page_and_sticks(client, db):
    response = client.post("/i18n/setlang/", {"language": "fr-ca", "next": "/vendors/?q=odds"})

    assert response.status_code == 302
    assert response["Location"] == "/vendors/?q=odds"
    following = client.get("/vendors/?q=odds", headers={"accept-language": "es-MX"})
    assert '<html lang="fr-ca">' in following.content.decode()
    assert "Répertoire des fournisseurs" in text(following)


def test_switching_back_to_spanish(client, db):
    client.post("/i18n/setlang/", {"language": "fr-ca", "next": "/"})
    client.post("/i18n/setlang/", {"language": "es-mx", "next": "/"})

    assert '<html lang="es-mx">' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("accept_language", "rates", "place"),
    [
        ("en", "CAD\xa01,200 to CAD\xa01,850.50 per hour", "Québec, Quebec"),
        ("es-MX", "CAD\xa01,200 a CAD\xa01,850.50 por hora", "Québec, Quebec"),
        ("fr-CA", "1\xa0200\xa0CAD à 1\xa0850,50\xa0CAD de l’heure", "Québec, Québec"),
    ],
)
def test_money_and_places_follow_the_locale(client, quebec_vendor, accept_language, rates, place):
    for url in ("/vendors/", "/vendors/erable-studio/"):
        page = text(client.get(url, headers={"accept-language": accept_language}))

        assert rates in page
        assert place in page


@pytest.mark.parametrize(
    ("language", "length"),
    [
        ("en", "2\xa0weeks, 6\xa0days"),
        ("es-mx", "2\xa0semanas, 6\xa0días"),
        ("fr-ca", "2\xa0semaines, 6\xa0jours"),
    ],
)
def test_lengths_of_time_keep_a_space_after_the_comma(language, length):
    # Django's es_MX catalog separates the units with a bare ","; ours puts the space back.
    with translation.override(language):
        assert duration(timedelta(days=20, hours=3)) == length
        assert timeuntil(timezone.now() + timedelta(days=20, hours=3)) == length


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "59.6%"), ("es-mx", "59.6\xa0%"), ("fr-ca", "59,6\xa0%")],
)
def test_shares_are_percentages_in_the_readers_way(language, shown):
    with translation.override(language):
        assert percent(440000 / 738000) == shown
        assert percent(None) == ""


def test_form_errors_are_translated(client, db):
    response = client.get("/vendors/", {"max_rate": "barato"}, headers={"accept-language": "es-MX"})

    page = text(response)
    assert "No se pudieron aplicar algunos filtros" in page
    assert "Tarifa máxima por hora (CAD)" in page


def test_sectors_are_listed_in_the_readers_alphabet(client, db):
    response = client.get("/", headers={"accept-language": "fr-CA"})

    html = response.content.decode()
    sectors = re.findall(r'<span class="sector-list__name">([^<]+)</span>', html)
    # In English "AI and machine learning" and "Blockchain" come first.
    assert sectors[:4] == [
        "Casino en ligne (iGaming)",
        "Chaîne de blocs",
        "Commerce électronique",
        "Cybersécurité",
    ]


def test_skill_choices_are_listed_in_the_readers_alphabet(client, db):
    response = client.get("/vendors/", headers={"accept-language": "es-MX"})

    html = response.content.decode()
    skills = re.findall(r'name="skills" value="[^"]+"[^>]*>\s*([^<]+?)\s*</label>', html)
    assert skills
    assert skills.index("Aplicaciones móviles") < skills.index("Modelado 3D")
