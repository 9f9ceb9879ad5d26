"""Reasons rendered as sentences (marketplace/services/matching/reasons.py): every code the core emits
reads as a sentence built from its parameters, with sectors, skills and certifications named
as the reader's language names them."""

import pytest
from django.utils import translation

from marketplace.matching import weights as W
from marketplace.matching.core import ExclusionCode, ReasonCode
from marketplace.services.matching.reasons import (
    ReasonNames,
    exclusion_text,
    reason_text,
    score_signals,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def names():
    with translation.override("en"):
        yield ReasonNames()


def text(code: str, names: ReasonNames, **params) -> str:
    return reason_text({"code": code, "met": True, "params": params}, names)


@pytest.mark.parametrize(
    "code, params, sentence",
    [
        (
            "sector_expertise",
            {"sector": "sports-betting", "level": 4, "years": 6},
            "Level 4 of 5 in Sports betting, 6 years of practice.",
        ),
        (
            "sector_expertise",
            {"sector": "lottery", "level": 2, "years": 1},
            "Level 2 of 5 in Lottery, 1 year of practice.",
        ),
        (
            "related_expertise",
            {"sector": "sports-betting", "related": "igaming", "level": 5, "years": 9},
            "No Sports betting expertise listed, but level 5 of 5 in the related sector "
            "Online casino (iGaming).",
        ),
        (
            "no_sector_expertise",
            {"sector": "blockchain"},
            "No expertise in Blockchain or a related sector.",
        ),
        (
            "skills_covered",
            {"skills": ["sportsbook", "odds-feeds"]},
            "Has the skills: Sportsbook, Odds feeds.",
        ),
        (
            "skills_described",
            {"skills": ["odds-feeds"]},
            "Its description mentions: Odds feeds (not listed as a skill).",
        ),
        (
            "skills_described",
            {"skills": ["odds-feeds", "sportsbook"]},
            "Its description mentions: Odds feeds, Sportsbook (not listed as skills).",
        ),
        ("skills_missing", {"skills": ["in-play-betting"]}, "Does not list: In-play betting."),
        (
            "certifications_held",
            {"certifications": ["gli-certified", "agco-registered"]},
            "Holds the required certifications: GLI certified, AGCO registered gaming supplier.",
        ),
        ("languages_shared", {"languages": ["en", "es"]}, "Works in English, Spanish."),
        ("languages_missing", {"languages": ["fr"]}, "Does not work in French."),
        (
            "rate_fits_budget",
            {"rate_min": 60.0, "rate_max": 95.0, "budget_max": 75.0},
            "Rates from CAD 60/h fit the budget of about CAD 75 per person-hour.",
        ),
        (
            "rate_above_budget",
            {"rate_min": 120.0, "rate_max": 180.0, "budget_max": 40.0},
            "Rates start at CAD 120/h, above the budget of about CAD 40 per person-hour.",
        ),
        (
            "team_large_enough",
            {"team_size": 25, "needed": 5},
            "Team of 25 covers the 5 people asked for.",
        ),
        (
            "team_too_small",
            {"team_size": 3, "needed": 8},
            "Team of 3, fewer than the 8 people asked for.",
        ),
    ],
)
def test_every_reason_reads_as_a_sentence(names, code, params, sentence):
    with translation.override("en"):
        assert text(code, names, **params) == sentence


SAMPLE_PARAMS = {
    "sector": "sports-betting",
    "related": "igaming",
    "level": 4,
    "years": 6,
    "skills": ["sportsbook"],
    "certifications": ["gli-certified"],
    "languages": ["en"],
    "rate_min": 60.0,
    "rate_max": 95.0,
    "budget_max": 75.0,
    "team_size": 5,
    "needed": 8,
}


@pytest.mark.parametrize("code", list(ReasonCode))
def test_every_code_the_core_can_give_has_a_sentence(names, code):
    with translation.override("en"):
        sentence = text(code, names, **SAMPLE_PARAMS)

    assert sentence != code
    assert sentence.endswith(".")


def test_an_unknown_code_reads_as_the_code(names):
    assert text("vendor_paid_for_placement", names, amount=1000) == "vendor_paid_for_placement"


def test_a_reason_without_params_still_renders(names):
    assert reason_text({"code": "shiny_new_signal", "met": False}, names) == "shiny_new_signal"


def test_slugs_missing_from_the_reference_data_read_as_themselves(names):
    with translation.override("en"):
        assert text("skills_covered", names, skills=["sportsbook", "cobol"]) == (
            "Has the skills: Sportsbook, cobol."
        )
        assert text("no_sector_expertise", names, sector="poker") == (
            "No expertise in poker or a related sector."
        )


def test_names_follow_the_readers_language():
    with translation.override("es-mx"):
        names = ReasonNames()
        sector = text("no_sector_expertise", names, sector="sports-betting")
        skills = text("skills_covered", names, skills=["sportsbook", "odds-feeds"])

    assert "Apuestas deportivas" in sector
    assert "Casa de apuestas deportivas, Momios en vivo" in skills


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("en", "Holds the required certifications: AGCO registered gaming supplier."),
        ("es-mx", "Proveedor de juegos registrado ante la AGCO."),
        ("fr-ca", "Fournisseur de jeux inscrit auprès de la CAJO."),
    ],
)
def test_certifications_are_named_in_the_readers_language(language, sentence):
    with translation.override(language):
        held = text("certifications_held", ReasonNames(), certifications=["agco-registered"])

    assert held.endswith(sentence)


@pytest.mark.parametrize(
    "language, shared, missing",
    [
        ("en", "Works in English, Spanish.", "Does not work in French."),
        ("es-mx", "Trabaja en inglés, español.", "No trabaja en francés."),
        ("fr-ca", "Travaille en anglais, espagnol.", "Ne travaille pas en français."),
    ],
)
def test_language_names_inside_the_sentences_are_written_as_each_language_does(
    names, language, shared, missing
):
    with translation.override(language):
        assert text("languages_shared", names, languages=["en", "es"]) == shared
        assert text("languages_missing", names, languages=["fr"]) == missing


@pytest.mark.parametrize(
    "exclusion, sentence",
    [
        (
            {"code": "no_shared_language", "count": 20, "params": {}},
            "20 share no working language with the request",
        ),
        (
            {"code": "no_shared_language", "count": 1, "params": {}},
            "1 shares no working language with the request",
        ),
        (
            {"code": "certification_missing", "count": 12, "params": {"certification": "pci-dss"}},
            "12 lack a required certification: PCI DSS",
        ),
    ],
)
def test_who_a_run_left_out_reads_as_a_sentence(names, exclusion, sentence):
    with translation.override("en"):
        assert exclusion_text(exclusion, names) == sentence


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("es-mx", "1,234 no comparten ningún idioma de trabajo con la solicitud"),
        ("fr-ca", "1\N{NO-BREAK SPACE}234 ne partagent aucune langue de travail avec la demande"),
    ],
)
def test_the_count_left_out_is_grouped_as_the_reader_writes_numbers(names, language, sentence):
    exclusion = {"code": "no_shared_language", "count": 1234, "params": {}}

    with translation.override(language):
        assert exclusion_text(exclusion, names) == sentence


def test_every_exclusion_code_has_its_sentence(names):
    for code in ExclusionCode:
        exclusion = {"code": code, "count": 2, "params": {"certification": "pci-dss"}}
        assert exclusion_text(exclusion, names) != code


def test_each_signal_comes_with_its_maximum_and_penalties_only_when_they_took_points():
    breakdown = {
        "expertise": 48.0,
        "skills": 15.0,
        "languages": 4.0,
        "rating": 1.5,
        "text": 0.0,
        "budget": -6.85,
        "capacity": 0.0,
    }

    signals, penalties = score_signals(breakdown)

    assert [(s.name, s.points, s.maximum) for s in signals] == [
        ("expertise", 48.0, W.EXPERTISE),
        ("skills", 15.0, W.SKILLS),
        ("languages", 4.0, W.LANGUAGES),
        ("rating", 1.5, W.RATING),
        ("text", 0.0, W.TEXT),
    ]
    assert [(p.name, p.points) for p in penalties] == [("budget", 6.85)]
