"""Reading the sector a request is really about from the skills it asks for; no database."""

from marketplace.matching import sectors
from marketplace.matching import weights as W

SKILL_SECTORS = {
    "aws": "cloud-devops",
    "kubernetes": "cloud-devops",
    "sportsbook": "sports-betting",
    "odds-feeds": "sports-betting",
    "in-play-betting": "sports-betting",
    "player-account-management": "igaming",
    "smart-contracts": "blockchain",
    "crypto-payments": "blockchain",
    "python": "software-development",
    "react": "software-development",
    "mobile-apps": "software-development",
}


def read(filed, **skills):
    return sectors.read_sector(
        filed=filed,
        skills={slug.replace("_", "-"): weight for slug, weight in skills.items()},
        skill_sectors=SKILL_SECTORS,
    )


def test_a_betting_app_filed_under_software_development_reads_as_sports_betting():
    assert read("software-development", sportsbook=1, odds_feeds=0.5, in_play_betting=1) == (
        "sports-betting"
    )


def test_a_sportsbook_that_runs_on_aws_with_kubernetes_stays_a_sports_betting_request():
    # Cloud carries two thirds of the weight, but the request names its own sector's skill.
    assert read("sports-betting", sportsbook=0.5, aws=0.5, kubernetes=0.5) == "sports-betting"
    assert read("sports-betting", sportsbook=1, aws=1, kubernetes=1) == "sports-betting"


def test_a_specific_sector_is_ranked_as_chosen_and_another_only_suggested():
    skills = {"aws": 1.0, "kubernetes": 0.5}
    assert read("lottery", aws=1, kubernetes=0.5) == "lottery"
    assert (
        sectors.sector_reading(filed="lottery", skills=skills, skill_sectors=SKILL_SECTORS)
        == "cloud-devops"
    )


def test_a_sector_the_text_names_is_not_even_suggested_away():
    skills = {"sportsbook": 0.5, "aws": 0.5, "kubernetes": 0.5}
    assert (
        sectors.sector_reading(filed="sports-betting", skills=skills, skill_sectors=SKILL_SECTORS)
        is None
    )


def test_a_generic_sector_gives_way_to_one_that_weighs_more_than_twice_as_much():
    assert "software-development" in W.SECTOR_READING_GENERIC
    assert read("software-development", smart_contracts=1, crypto_payments=1, python=1) == (
        "software-development"  # exactly twice: not clearly another
    )
    assert read("software-development", smart_contracts=1, crypto_payments=1, python=0.5) == (
        "blockchain"
    )


def test_a_request_whose_skills_fit_its_sector_stays_there():
    assert read("sports-betting", sportsbook=1, odds_feeds=1) == "sports-betting"


def test_a_real_software_request_stays_software_even_with_a_word_of_another_sector():
    assert read("software-development", python=1, react=1, sportsbook=0.5) == (
        "software-development"
    )


def test_one_skill_of_another_sector_is_not_enough_to_move_a_request():
    assert W.SECTOR_READING_MIN_SKILLS >= 2
    assert read("software-development", smart_contracts=1) == "software-development"


def test_another_sector_must_clearly_outweigh_the_filed_one():
    # Blockchain carries 4/7, but the filed sector keeps more than half of that.
    assert read(
        "software-development", smart_contracts=1, crypto_payments=1, python=1, react=0.5
    ) == ("software-development")
    assert read("software-development", smart_contracts=1, crypto_payments=1, python=0.5) == (
        "blockchain"
    )


def test_a_request_without_skills_or_with_skills_of_no_sector_stays_where_it_was_filed():
    assert read("lottery") == "lottery"
    assert read("lottery", cobol=1) == "lottery"


def test_ties_are_broken_by_the_number_of_skills_then_by_name():
    shares = sectors.sector_shares(
        {"sportsbook": 0.5, "odds-feeds": 0.5, "smart-contracts": 1.0}, SKILL_SECTORS
    )
    assert shares == {"sports-betting": (0.5, 2), "blockchain": (0.5, 1)}
    assert read("", sportsbook=0.5, odds_feeds=0.5, smart_contracts=1) == "sports-betting"


def test_with_no_sector_chosen_the_clear_one_is_read():
    assert read("", smart_contracts=1, crypto_payments=1) == "blockchain"
