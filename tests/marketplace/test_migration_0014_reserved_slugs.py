"""marketplace 0014: a vendor stored with the address of a directory page (/vendors/compare/)
moves to the next free one, so its profile can be reached again."""

from importlib import import_module

import pytest

from marketplace.validators import RESERVED_VENDOR_SLUGS

from .test_migrations import migrate, migrated_to

# Migrating needs real transactions; the reference data the migrations loaded is restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("marketplace", "0013_certification_names_per_language")]
AFTER = [("marketplace", "0014_vendor_slugs_off_directory_pages")]


@pytest.fixture
def at_0013():
    """The schema before 0014, and back to the latest once the test is done."""
    with migrated_to(BEFORE) as apps:
        yield apps


def test_a_vendor_at_a_directory_pages_address_moves_to_the_next_free_one(at_0013):
    Vendor = at_0013.get_model("marketplace", "Vendor")
    for slug in ("compare", "compare-2", "northern-odds"):
        Vendor.objects.create(
            name=slug.title(),
            slug=slug,
            province="ON",
            city="Ottawa",
            team_size=1,
            hourly_rate_min=1,
            hourly_rate_max=1,
            speaks_en=True,
        )

    new_apps = migrate(AFTER)

    slugs = new_apps.get_model("marketplace", "Vendor").objects.values_list("name", "slug")
    assert sorted(slugs) == [
        ("Compare", "compare-3"),
        ("Compare-2", "compare-2"),
        ("Northern-Odds", "northern-odds"),
    ]


def test_a_word_reserved_later_needs_a_migration_of_its_own():
    migration = import_module("marketplace.migrations.0014_vendor_slugs_off_directory_pages")

    assert migration.RESERVED_VENDOR_SLUGS == RESERVED_VENDOR_SLUGS
