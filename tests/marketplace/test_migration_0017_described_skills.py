"""marketplace 0017: the vendors there are have their descriptions read once, with every alias
0015–0016 sorted and added, and the counts matching weighs them by."""

import pytest

from .test_migrations import migrate, migrated_to

# Migrating needs real transactions; the reference data the migrations loaded is restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("marketplace", "0016_skill_aliases_sorted_by_language")]
AFTER = [("marketplace", "0017_vendor_described_skills")]


@pytest.fixture
def at_0016():
    with migrated_to(BEFORE) as apps:
        yield apps


def test_existing_vendors_have_their_descriptions_read_in_every_language(at_0016):
    Vendor = at_0016.get_model("marketplace", "Vendor")
    Skill = at_0016.get_model("marketplace", "Skill")

    def vendor(slug, **descriptions):
        return Vendor.objects.create(
            name=slug.title(),
            slug=slug,
            province="QC",
            city="Montréal",
            team_size=4,
            hourly_rate_min=50,
            hourly_rate_max=90,
            speaks_fr=True,
            **descriptions,
        )

    cotes = vendor(
        "cotes",
        description_fr="Nous livrons des contrats intelligents et des paiements en cryptomonnaie.",
        description_es="Momios en vivo.",
    )
    cotes.skills.set([Skill.objects.get(slug="smart-contracts")])
    vendor("silent")
    vendor(
        "twin",
        description_fr="Nous livrons des contrats intelligents et des paiements en cryptomonnaie.",
    )

    new_apps = migrate(AFTER)

    rows = {
        v.slug: (
            sorted(v.described_skills.values_list("slug", flat=True)),
            v.described_unlisted_count,
            v.listed_skill_count,
        )
        for v in new_apps.get_model("marketplace", "Vendor").objects.all()
    }
    assert rows == {
        "cotes": (["crypto-payments", "odds-feeds", "smart-contracts"], 2, 1),
        "silent": ([], 0, 0),
        "twin": (["crypto-payments", "smart-contracts"], 2, 0),
    }
