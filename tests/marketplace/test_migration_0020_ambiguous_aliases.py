"""marketplace 0020: aliases that are everyday words in another sense leave the lexicon, and
vendors' descriptions are read again without them; migrating back puts them back."""

import pytest

from .test_migrations import migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("marketplace", "0019_vendor_prose_counts_index")]
AFTER = [("marketplace", "0020_ambiguous_aliases")]


@pytest.fixture
def at_0019():
    with migrated_to(BEFORE) as apps:
        yield apps


def aliases(apps, slug, field):
    return apps.get_model("marketplace", "Skill").objects.get(slug=slug).__dict__[field]


def test_the_coast_is_no_longer_odds_and_back_again(at_0019):
    Vendor = at_0019.get_model("marketplace", "Vendor")
    Vendor.objects.create(
        name="Hôtel du Fleuve",
        slug="hotel-du-fleuve",
        province="QC",
        city="Baie-Comeau",
        team_size=2,
        hourly_rate_min=40,
        hourly_rate_max=60,
        speaks_fr=True,
        description_fr="Sites d'hôtels sur la Côte-Nord : photos des côtes et réservations.",
    )
    assert "cotes" in aliases(at_0019, "odds-feeds", "aliases_fr")

    after = migrate(AFTER)

    assert "cotes" not in aliases(after, "odds-feeds", "aliases_fr")
    assert "flux de cotes" in aliases(after, "odds-feeds", "aliases_fr")
    assert "puntos de venta" not in aliases(after, "retail-terminals", "aliases_es")
    hotel = after.get_model("marketplace", "Vendor").objects.get(slug="hotel-du-fleuve")
    assert not hotel.described_skills.exists()

    before = migrate(BEFORE)

    assert "cotes" in aliases(before, "odds-feeds", "aliases_fr")
    hotel = before.get_model("marketplace", "Vendor").objects.get(slug="hotel-du-fleuve")
    assert list(hotel.described_skills.values_list("slug", flat=True)) == ["odds-feeds"]
