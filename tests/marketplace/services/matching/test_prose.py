"""Skills read from vendors' descriptions: stored when a description or the listed skills
change, read again for everyone when skills change, and what the ranking then credits."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from marketplace.models import Vendor
from marketplace.services.matching.prose import (
    described_skills_refresh_all,
    described_skills_refresh_queue,
    vendor_described_skills_refresh,
)
from marketplace.services.vendors import vendor_create, vendor_update
from marketplace.tasks import refresh_described_skills
from tests.factories import VendorFactory, sector, skill

pytestmark = pytest.mark.django_db


def described(vendor: Vendor) -> set[str]:
    return set(vendor.described_skills.values_list("slug", flat=True))


def counts(vendor: Vendor) -> tuple[int, int]:
    vendor.refresh_from_db()
    return vendor.described_unlisted_count, vendor.listed_skill_count


def test_a_new_vendors_descriptions_are_read_in_every_language(staff):
    vendor = vendor_create(
        actor=staff,
        name="Cotes Québec",
        province="QC",
        city="Montréal",
        team_size=8,
        hourly_rate_min=Decimal("80"),
        hourly_rate_max=Decimal("120"),
        languages=["fr", "en"],
        description_fr="Nous livrons des contrats intelligents et des paiements en cryptomonnaie.",
        description_en="Live odds feeds.",
        skills=[skill("smart-contracts")],
        expertise=[{"sector": sector("blockchain"), "level": 4}],
    )

    assert described(vendor) == {"smart-contracts", "crypto-payments", "odds-feeds"}
    assert counts(vendor) == (2, 1)


def test_an_edited_description_is_read_again(vera, vendor):
    blank = dict.fromkeys(Vendor.DESCRIPTION_FIELDS, "")
    vendor_update(vendor=vendor, actor=vera, data={**blank, "description_es": "Momios en vivo."})
    assert described(vendor) == {"odds-feeds"}

    vendor_update(vendor=vendor, actor=vera, data={"description_es": "Pruebas de penetracion."})
    assert described(vendor) == {"penetration-testing"}


def test_listing_a_described_skill_is_counted_at_once(vera, vendor):
    blank = dict.fromkeys(Vendor.DESCRIPTION_FIELDS, "")
    vendor_update(
        vendor=vendor,
        actor=vera,
        data={**blank, "description_en": "Kubernetes and Terraform.", "skills": []},
    )
    assert counts(vendor) == (2, 0)

    vendor_update(vendor=vendor, actor=vera, data={"skills": [skill("kubernetes")]})

    assert counts(vendor) == (1, 1)


def test_an_edit_that_touches_neither_skills_nor_descriptions_reads_nothing(
    vera, vendor, monkeypatch
):
    read = []
    monkeypatch.setattr(
        "marketplace.services.vendors.vendor_described_skills_refresh",
        lambda *, vendor: read.append(vendor),
    )

    vendor_update(vendor=vendor, actor=vera, data={"city": "Halifax", "team_size": 9})
    assert read == []

    vendor_update(vendor=vendor, actor=vera, data={"description_en": "Kubernetes."})
    assert read == [vendor]


def test_reading_everyone_again_follows_the_skills_as_they_are_now():
    keeper = VendorFactory(description_en="We run a help desk and live odds.")
    keeper.skills.set([skill("helpdesk")])
    silent = VendorFactory(description_en="", description_fr="", description_es="")
    skill("odds-feeds").__class__.objects.filter(slug="odds-feeds").update(
        aliases=["cuotas en vivo"], name="Odds feeds", name_es="Momios", name_fr="Flux de cotes"
    )

    pairs = described_skills_refresh_all()

    assert described(keeper) == {"helpdesk"}  # "live odds" is no longer a way to say it
    assert described(silent) == set()
    assert counts(keeper) == (0, 1)
    assert pairs == Vendor.described_skills.through.objects.count()


def test_the_command_and_the_task_read_everyone_again(capsys):
    vendor = VendorFactory(description_en="Penetration testing.")

    call_command("refresh_described_skills")
    assert described(vendor) == {"penetration-testing"}
    assert "pairs stored" in capsys.readouterr().out

    Vendor.described_skills.through.objects.all().delete()
    assert refresh_described_skills() == 1
    assert described(vendor) == {"penetration-testing"}


def test_a_skill_change_queues_the_reading_once_committed(
    django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(refresh_described_skills, "delay", lambda: sent.append(True))

    with django_capture_on_commit_callbacks(execute=True):
        described_skills_refresh_queue()
        assert sent == []

    assert sent == [True]


def test_a_broker_that_refuses_the_reading_does_not_undo_the_skill_change(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse():
        raise ConnectionError("broker down")

    monkeypatch.setattr(refresh_described_skills, "delay", refuse)

    with django_capture_on_commit_callbacks(execute=True):
        described_skills_refresh_queue()

    assert "Could not queue reading vendors' descriptions" in caplog.text


def test_refreshing_one_vendor_returns_what_it_found():
    vendor = VendorFactory(description_en="", description_fr="Flux de cotes en direct.")

    assert vendor_described_skills_refresh(vendor=vendor) == {"odds-feeds"}


def test_everyone_is_read_batch_by_batch():
    vendors = [VendorFactory(description_en=f"Kubernetes, case {i}.") for i in range(5)]
    vendors[2].skills.set([skill("kubernetes")])

    assert described_skills_refresh_all(batch_size=2) == 5

    assert all(described(vendor) == {"kubernetes"} for vendor in vendors)
    assert [counts(vendor) for vendor in vendors] == [(1, 0), (1, 0), (0, 1), (1, 0), (1, 0)]
