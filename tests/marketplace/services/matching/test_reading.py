"""What the forms suggest as people type: the sector a request reads as, the skills its text
mentions, the skills a vendor's description names. The same reading as the ranking's."""

import pytest
from django.utils import translation

from marketplace.services.matching.reading import request_reading, skills_mentioned
from tests.factories import sector, skill

pytestmark = pytest.mark.django_db


def slugs(skills) -> list[str]:
    return [s.slug for s in skills]


def test_a_betting_request_filed_under_software_reads_as_sports_betting():
    reading = request_reading(
        title="buscamos equipo canadiense",
        description="Ocupamos casa de apuestas deportivas con momios en vivo y apuestas en vivo.",
        sector=sector("software-development"),
    )

    assert reading.sector == sector("sports-betting")
    assert set(slugs(reading.skills)) == {"sportsbook", "odds-feeds", "in-play-betting"}


def test_a_sector_the_buyer_keeps_is_not_suggested_away_from():
    reading = request_reading(
        title="Sitio web corporativo",
        description="No incluye casa de apuestas deportivas, momios ni apuestas en vivo.",
        sector=sector("software-development"),
        sector_confirmed=True,
    )

    assert (reading.sector, reading.chosen) == (None, sector("software-development"))


def test_the_chosen_sector_is_not_suggested_again():
    reading = request_reading(
        title="Sportsbook",
        description="We need live odds and in-play betting.",
        sector=sector("sports-betting"),
    )

    assert reading.sector is None


def test_with_no_sector_chosen_the_clear_one_is_suggested():
    reading = request_reading(
        title="", description="We need smart contracts and crypto payments.", sector=None
    )

    assert reading.sector == sector("blockchain")


def test_the_skills_stated_as_the_need_come_first():
    reading = request_reading(
        title="Casa de apuestas",
        description="Operamos una casa de apuestas. Requerimos momios en vivo.",
        sector=sector("sports-betting"),
    )

    assert slugs(reading.skills) == ["odds-feeds", "sportsbook"]


def test_skills_of_equal_weight_come_by_name_in_the_readers_language():
    def names(language):
        with translation.override(language):
            reading = request_reading(
                title="",
                description="Momios en vivo, casa de apuestas y apuestas en vivo en Monterrey.",
                sector=sector("sports-betting"),
            )
            return [skill.display_name for skill in reading.skills]

    assert names("en") == ["In-play betting", "Odds feeds", "Sportsbook"]
    assert names("es-mx") == ["Apuestas en vivo", "Casa de apuestas deportivas", "Momios en vivo"]


def test_ticked_skills_are_not_suggested():
    reading = request_reading(
        title="Casa de apuestas",
        description="Requerimos momios en vivo y Python.",
        sector=sector("sports-betting"),
        skills=[skill("python"), skill("sportsbook")],
    )

    assert slugs(reading.skills) == ["odds-feeds"]


def test_text_that_names_no_skill_suggests_nothing():
    reading = request_reading(
        title="Proyecto", description="Detalles por definir.", sector=sector("lottery")
    )

    assert (reading.sector, reading.skills) == (None, [])


def test_a_description_suggests_the_skills_it_names_that_are_not_listed():
    found = skills_mentioned(
        texts=["We run Kubernetes with Terraform.", "", "Pruebas de penetracion."],
        besides=[skill("terraform")],
    )

    assert slugs(found) == ["kubernetes", "penetration-testing"]  # by name


def test_a_description_suggests_skills_by_name_in_the_readers_language():
    texts = ["Pruebas de penetracion y mesa de ayuda."]
    with translation.override("es-mx"):
        spanish = [s.display_name for s in skills_mentioned(texts=texts)]
    assert spanish == ["Mesa de ayuda", "Pruebas de penetración"]
