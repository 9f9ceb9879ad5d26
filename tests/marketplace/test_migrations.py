"""marketplace 0012: each vendor's single description moves to the language it is written in,
English when its words do not tell; going back joins them again."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Migrating needs real transactions; the reference data the migrations loaded is restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("marketplace", "0011_match_run_exclusions")]
AFTER = [("marketplace", "0012_vendor_descriptions_per_language")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@contextmanager
def migrated_to(targets):
    """The apps as of `targets`, and the latest schema again once done: a migration test's
    fixture."""
    try:
        yield migrate(targets)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def at_0011():
    """The schema before 0012, and back to the latest once the test is done."""
    with migrated_to(BEFORE) as apps:
        yield apps


def test_descriptions_move_to_their_language_and_back(at_0011):
    old_apps = at_0011
    Vendor = old_apps.get_model("marketplace", "Vendor")
    texts = {
        "fr": "Nous concevons des plateformes de paris pour les casinos du Québec.",
        "es": "Desarrollamos plataformas de apuestas para los casinos de México.",
        "en": "We build odds feeds for the sportsbooks of Ontario.",
        "unknown": "Unity, Unreal.",
    }
    for index, text in enumerate(texts.values()):
        Vendor.objects.create(
            name=f"V{index}",
            slug=f"v{index}",
            province="ON",
            city="Ottawa",
            description=text,
            team_size=1,
            hourly_rate_min=1,
            hourly_rate_max=1,
            speaks_en=True,
        )

    new_apps = migrate(AFTER)

    rows = new_apps.get_model("marketplace", "Vendor").objects.order_by("slug")
    placed = [
        {
            code: getattr(row, f"description_{code}")
            for code in ("en", "fr", "es")
            if getattr(row, f"description_{code}")
        }
        for row in rows
    ]
    assert placed == [
        {"fr": texts["fr"]},
        {"es": texts["es"]},
        {"en": texts["en"]},
        {"en": texts["unknown"]},  # too short to tell: English, the documented default
    ]

    back = migrate(BEFORE).get_model("marketplace", "Vendor")
    assert list(back.objects.order_by("slug").values_list("description", flat=True)) == list(
        texts.values()
    )
