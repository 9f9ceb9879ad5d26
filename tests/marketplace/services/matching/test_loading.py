"""`loading.skill_lexicon()`: the skills a text names, through the names and the aliases in
English, Spanish and French that the database holds (the seeded slang included); and
`loading.request_profile`'s sector, read or kept."""

import pytest
from django.utils import timezone

from marketplace.matching import text
from marketplace.models import Sector, Skill
from marketplace.services.matching import loading
from tests.factories import OutsourcingRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        pytest.param(
            "Ocupamos app de apuestas con momios en tiempo real.",
            {"sportsbook", "odds-feeds"},
            id="es",
        ),
        pytest.param(
            "Buscamos cobros en línea con KYC y PLD, antifraude y tokens no fungibles.",
            {"payment-gateway", "kyc-aml", "fraud-detection", "nft"},
            id="es-abbreviations",
        ),
        pytest.param("We need k8s and a pen test.", {"kubernetes", "penetration-testing"}, id="en"),
        pytest.param(
            "Recsys and IaC, GenAI with RAG, SSO.",
            {"recommendation-systems", "terraform", "llm-applications", "iam"},
            id="en-abbreviations",
        ),
        pytest.param(
            "Contrats intelligents et paiements en cryptomonnaie.",
            {"smart-contracts", "crypto-payments"},
            id="fr",
        ),
        pytest.param(
            "Une appli mobile, la détection de la fraude et la lutte anti-blanchiment.",
            {"mobile-apps", "fraud-detection", "kyc-aml"},
            id="fr-quebec",
        ),
    ],
)
def test_a_text_finds_skills_through_the_seeded_slang_of_its_language(text, skills):
    assert loading.skill_lexicon().find(text) == skills


def test_common_words_alone_name_no_skill():
    # "app", "nube", "pagos", "datos", "tienda en línea": the sector at most, never one skill.
    assert (
        loading.skill_lexicon().find("Una app en la nube, pagos, datos y tienda en línea") == set()
    )


def test_aliases_staff_add_in_any_language_are_read():
    Skill.objects.filter(slug="odds-feeds").update(aliases_es=["líneas de apuestas"])
    Skill.objects.filter(slug="lottery-systems").update(aliases_fr=["loto-québec"])

    found = loading.skill_lexicon().find("Lineas de apuestas para Loto-Québec")

    assert found == {"odds-feeds", "lottery-systems"}


def test_the_lexicon_is_built_once_until_a_skill_changes(django_assert_num_queries):
    first = loading.skill_lexicon()
    with django_assert_num_queries(2):  # the skills' and sectors' count and newest change
        assert loading.skill_lexicon() is first

    odds = Skill.objects.get(slug="odds-feeds")
    odds.aliases_es = [*odds.aliases_es, "líneas de apuestas"]
    odds.save()

    again = loading.skill_lexicon()
    assert again is not first
    assert again.find("Lineas de apuestas") == {"odds-feeds"}


def test_a_new_skill_is_read_at_once():
    loading.skill_lexicon()
    Skill.objects.create(slug="quantum-computing", name="Quantum computing")

    assert loading.skill_lexicon().find("quantum computing") == {"quantum-computing"}


def test_a_renamed_sector_is_read_at_once():
    first = loading.skill_lexicon()
    betting = Sector.objects.get(slug="sports-betting")
    betting.slug = "sports-wagering"
    betting.save()

    again = loading.skill_lexicon()

    assert again is not first
    assert again.sectors["sportsbook"] == "sports-wagering"


def test_a_lexicon_remembers_a_bounded_number_of_spellings(monkeypatch):
    monkeypatch.setattr(text, "SPELLING_MEMORY", 3)
    lexicon = text.SkillLexicon({"kubernetes": ["Kubernetes"]})

    lexicon.find("alphabet bravado charlie deltaforce echoing foxtrot kubernets")

    assert len(lexicon._spelling) <= 3
    assert lexicon.find("kubernets") == {"kubernetes"}


@pytest.mark.parametrize(
    "sector_confirmed, ranked_as",
    [(False, "sports-betting"), (True, "software-development")],
    ids=["read", "kept"],
)
def test_a_request_is_ranked_as_its_text_reads_unless_the_buyer_kept_the_sector_filed(
    company, sector_confirmed, ranked_as
):
    request = OutsourcingRequestFactory(
        company=company,
        title="Sitio web corporativo",
        description="Casa de apuestas deportivas con momios en vivo y apuestas en vivo.",
        sector=Sector.objects.get(slug="software-development"),
        sector_confirmed=sector_confirmed,
    )

    profile = loading.request_profile(
        request, on=timezone.localdate(), lexicon=loading.skill_lexicon()
    )

    assert (profile.sector, profile.filed_sector) == (ranked_as, "software-development")
