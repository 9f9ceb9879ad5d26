"""marketplace 0015–0016: each skill's aliases move to the list of their language, the seeded
slang is added, and what staff did to the aliases (added, removed) is kept."""

from importlib import import_module

import pytest

from marketplace.matching.text import tokens
from marketplace.models import Skill

from .test_migrations import migrate, migrated_to

# Migrating needs real transactions; the reference data the migrations loaded is restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("marketplace", "0014_vendor_slugs_off_directory_pages")]
AFTER = [("marketplace", "0016_skill_aliases_sorted_by_language")]
SORTING = import_module("marketplace.migrations.0016_skill_aliases_sorted_by_language")
REFERENCE_DATA = import_module("marketplace.migrations.0002_reference_data")


@pytest.fixture
def at_0014():
    """Skills with one list of aliases, and back to the latest once the test is done."""
    with migrated_to(BEFORE) as apps:
        yield apps


def test_aliases_move_to_their_language_keeping_what_staff_did(at_0014):
    OldSkill = at_0014.get_model("marketplace", "Skill")
    seeded = REFERENCE_DATA.SKILLS["sportsbook"][-1]
    OldSkill.objects.filter(slug="sportsbook").update(
        aliases=[alias for alias in seeded if alias != "casa de apuestas"]  # staff removed it
        + ["quiniela deportiva"]  # staff added it
    )
    # Staff gave "app de apuestas" to a skill of their own before the seed could.
    OldSkill.objects.create(slug="betting-apps", name="Betting apps", aliases=["App de apuestas"])

    migrate(AFTER)

    sportsbook = Skill.objects.get(slug="sportsbook")
    assert sportsbook.aliases[:3] == ["sportsbook", "sports betting", "betting platform"]
    assert "quiniela deportiva" in sportsbook.aliases
    assert sportsbook.aliases_es[:2] == ["casa de apuestas deportivas", "apuestas deportivas"]
    assert "casa de apuestas" not in sportsbook.aliases_es
    assert "apps de apuestas" in sportsbook.aliases_es
    assert "app de apuestas" not in sportsbook.aliases_es
    assert sportsbook.aliases_fr[:2] == ["paris sportifs", "plateforme de paris"]
    assert Skill.objects.get(slug="betting-apps").aliases == ["App de apuestas"]
    kubernetes = Skill.objects.get(slug="kubernetes")
    assert kubernetes.aliases[:2] == ["kubernetes", "k8s"]
    assert "orquestación de contenedores" in kubernetes.aliases_es
    assert "orchestration de conteneurs" in kubernetes.aliases_fr


def test_going_back_joins_the_three_lists(at_0014):
    migrate(AFTER)
    odds = Skill.objects.get(slug="odds-feeds")
    everything = [*odds.aliases, *odds.aliases_es, *odds.aliases_fr]

    OldSkill = migrate(BEFORE).get_model("marketplace", "Skill")

    assert OldSkill.objects.get(slug="odds-feeds").aliases == everything


def test_the_seeded_aliases_are_0002s_each_in_one_language():
    for slug, (*_, aliases) in REFERENCE_DATA.SKILLS.items():
        by_language = SORTING.SEEDED[slug]
        assert sorted(alias for aliases in by_language for alias in aliases) == sorted(aliases), (
            slug
        )


def test_each_phrase_of_the_reference_skills_names_one_skill_only():
    owner: dict[tuple[str, ...], str] = {}
    for slug, phrases in Skill.phrases_by_slug(Skill.objects.all()).items():
        for phrase in {tokens(phrase) for phrase in (slug.replace("-", " "), *phrases)} - {()}:
            assert owner.setdefault(phrase, slug) == slug, (phrase, owner[phrase], slug)


def test_the_migration_reads_aliases_as_matching_does():
    for alias in ("Tests d’intrusion", "Node.js", "C#", "œuvre, ÆON"):
        assert SORTING.words(alias) == tokens(alias)
