"""The workers' in-memory vendor table (marketplace/services/matching/snapshot.py): it ranks
exactly as the database does, on the development set and on random data, and every kind of
change to a vendor reaches it — patched in, or built again when patching cannot be trusted."""

import json
import random
from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from django.conf import settings
from django.db import transaction

from companies.models import User
from marketplace.management.commands.evaluate_matching import Loader
from marketplace.models import (
    OutsourcingRequest,
    Sector,
    Skill,
    Vendor,
    VendorExpertise,
    VendorMatchingChange,
    VendorMatchingVersion,
)
from marketplace.services.matching import match_request_rank, snapshot
from marketplace.services.matching.prose import (
    described_skills_refresh_all,
    vendor_described_skills_refresh,
)
from marketplace.services.requests import request_create
from marketplace.services.vendors import vendor_approve, vendor_suspend, vendor_update
from tests.factories import (
    OutsourcingRequestFactory,
    VendorExpertiseFactory,
    VendorFactory,
    certification,
    listing_complete,
    sector,
    skill,
)

pytestmark = pytest.mark.django_db

ON = date(2026, 6, 1)
DEV_SET = settings.BASE_DIR / "tests" / "data" / "matching-dev" / "dev.json"


def rank(request, *, from_snapshot: bool):
    return match_request_rank(request=request, on=ON, from_snapshot=from_snapshot)


def assert_same_ranking(request):
    """The snapshot's ranking equals the database's to the bit: the same vendors, scores,
    breakdowns, reasons, candidates and exclusions."""
    from_database = rank(request, from_snapshot=False)
    assert rank(request, from_snapshot=True) == from_database
    return from_database


def ranked(request) -> list[int]:
    return [match.vendor_id for match in rank(request, from_snapshot=True).matches]


# --- The same ranking -------------------------------------------------------------------------


def test_the_development_set_ranks_the_same_from_the_snapshot_and_the_database():
    graded = json.loads(DEV_SET.read_text())
    loader = Loader()
    companies = {record["key"]: loader.company(record) for record in graded["companies"]}
    for record in graded["vendors"]:
        loader.vendor(record)
    compared = 0
    for record in graded["requests"]:
        request = request_create(
            actor=loader.staff,
            company=companies[record["company"]],
            title=record["title"],
            description=record["description"],
            sector=loader.sectors[record["sector"]],
            budget_min=Decimal(str(record["budget_min"])),
            budget_max=Decimal(str(record["budget_max"])),
            currency=record["currency"],
            team_size=record["team_size"],
            duration_weeks=record["duration_weeks"],
            languages=record["languages"],
            skills=[loader.skills[slug] for slug in record["skills"]],
            required_certifications=[
                loader.certifications[slug] for slug in record["required_certifications"]
            ],
        )
        ranking = assert_same_ranking(request)
        compared += bool(ranking.matches)
    assert compared == len(graded["requests"])


def random_vendor(rng: random.Random, skills, sectors, certifications) -> Vendor:
    rate_min = Decimal(rng.randrange(3000, 20000)) / 100
    vendor = VendorFactory(
        team_size=rng.randint(1, 200),
        hourly_rate_min=rate_min,
        hourly_rate_max=rate_min + Decimal(rng.randrange(0, 9000)) / 100,
        speaks_en=(en := rng.random() < 0.8),
        speaks_fr=(fr := rng.random() < 0.4),
        speaks_es=rng.random() < 0.4 or not (en or fr),
        status=rng.choice([Vendor.Status.APPROVED] * 4 + [Vendor.Status.SUSPENDED]),
        review_count=(reviews := rng.choice([0, 0, 1, 3, 12])),
        review_rating_total=sum(rng.randint(1, 5) for _ in range(reviews)),
        listed_skill_count=rng.randint(0, 9),
        described_unlisted_count=rng.choice([0, 0, 1, 2]),
    )
    vendor.skills.set(rng.sample(skills, rng.randint(0, 6)))
    vendor.described_skills.set(rng.sample(skills, rng.randint(0, 3)))
    vendor.certifications.set(rng.sample(certifications, rng.randint(0, 2)))
    for picked in rng.sample(sectors, rng.randint(0, 3)):
        VendorExpertiseFactory(
            vendor=vendor, sector=picked, level=rng.randint(1, 5), years=rng.randint(0, 30)
        )
    return vendor


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_marketplaces_rank_the_same_from_the_snapshot_and_the_database(seed):
    rng = random.Random(seed)
    skills = list(Skill.objects.order_by("pk"))
    sectors = list(Sector.objects.order_by("pk"))
    certifications = [
        certification(slug) for slug in ("agco-registered", "gli-certified", "iso-27001")
    ]
    for _ in range(80):
        random_vendor(rng, skills, sectors, certifications)
    matched = 0
    for _ in range(12):
        request = OutsourcingRequestFactory(
            sector=rng.choice(sectors),
            speaks_en=rng.random() < 0.6,
            speaks_fr=rng.random() < 0.3,
            speaks_es=True,
            team_size=rng.randint(1, 30),
            budget_min=Decimal(rng.randrange(100_000, 2_000_000)),
            budget_max=Decimal(rng.randrange(2_000_000, 9_000_000)),
            currency=rng.choice(["MXN", "CAD", "USD"]),
        )
        request.skills.set(rng.sample(skills, rng.randint(0, 5)))
        request.required_certifications.set(rng.sample(certifications, rng.choice([0, 0, 1])))
        matched += len(assert_same_ranking(request).matches)
    assert matched > 100  # rankings of many vendors were compared, not empty ones


# --- Every kind of change reaches the table ---------------------------------------------------


@pytest.fixture
def staff():
    return User.objects.create_user("moderator", is_staff=True)


@pytest.fixture
def request_(company):
    request = OutsourcingRequestFactory(company=company, speaks_en=True)
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    request.required_certifications.set([certification("gli-certified")])
    return request


@pytest.fixture
def vendor():
    """A candidate for `request_`, ranked once so that the worker holds a table."""
    vendor = VendorFactory()
    vendor.certifications.set([certification("gli-certified")])
    VendorExpertiseFactory(vendor=vendor, level=2)
    return vendor


@pytest.fixture
def held(request_, vendor):
    assert ranked(request_) == [vendor.pk]
    return snapshot.vendor_table()


def assert_current(request_):
    """The table, patched or built again, answers as the database does."""
    assert_same_ranking(request_)


def score(request_, vendor) -> float:
    return next(
        m.score for m in rank(request_, from_snapshot=True).matches if m.vendor_id == vendor.pk
    )


def test_a_new_approved_vendor_is_ranked(request_, vendor, held):
    newcomer = VendorFactory()
    newcomer.certifications.add(certification("gli-certified"))

    assert set(ranked(request_)) == {vendor.pk, newcomer.pk}
    assert_current(request_)


def test_a_suspended_vendor_leaves_and_an_approved_one_comes_back(request_, vendor, held, staff):
    vendor_suspend(vendor=vendor, actor=staff, reason="Fraude.")
    assert ranked(request_) == []
    assert rank(request_, from_snapshot=True).exclusions.total == 0

    vendor_approve(vendor=listing_complete(vendor), actor=staff)
    assert ranked(request_) == [vendor.pk]
    assert_current(request_)


def test_a_listing_edited_through_the_service_is_read_again(request_, vendor, held, staff):
    vendor_update(
        vendor=vendor,
        actor=staff,
        data={
            "hourly_rate_min": Decimal("300.00"),
            "hourly_rate_max": Decimal("350.00"),
            "skills": [skill("sportsbook")],
            "expertise": [{"sector": sector("sports-betting"), "level": 5, "years": 12}],
        },
    )
    assert_current(request_)
    table = snapshot.vendor_table()
    row = list(table.vendor_ids).index(vendor.pk)
    assert table.rate_min[row] == 300.0


def test_a_deleted_vendor_leaves(request_, vendor, held):
    vendor.delete()
    assert ranked(request_) == []
    assert_current(request_)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            {"hourly_rate_min": Decimal("400.00"), "hourly_rate_max": Decimal("500.00")},
            id="rates",
        ),
        pytest.param({"team_size": 1}, id="team"),
        pytest.param({"speaks_es": True}, id="languages"),  # the request asks English or Spanish
    ],
)
def test_a_vendor_saved_with_new_columns_is_read_again(request_, vendor, held, change):
    before = score(request_, vendor)
    for name, value in change.items():
        setattr(vendor, name, value)
    vendor.save()

    assert score(request_, vendor) != before
    assert_current(request_)


def test_a_save_of_fields_matching_does_not_read_bumps_nothing(vendor, held):
    before = snapshot.current_version()
    vendor.city = "Ottawa"
    vendor.save(update_fields=["city", "updated_at"])

    assert snapshot.current_version() == before
    vendor.team_size = 4
    vendor.save(update_fields=["team_size"])
    assert snapshot.current_version() != before


def test_a_vendor_that_stops_speaking_the_request_language_leaves(request_, vendor, held):
    vendor.speaks_en, vendor.speaks_fr = False, True  # the request asks for English or Spanish
    vendor.save()

    assert ranked(request_) == []
    assert rank(request_, from_snapshot=True).exclusions.total == 1


def test_expertise_added_changed_and_removed_is_read_again(request_, vendor, held):
    before = score(request_, vendor)
    expertise = VendorExpertise.objects.get(vendor=vendor)
    expertise.level = 5
    expertise.save()
    assert score(request_, vendor) > before
    assert_current(request_)

    expertise.delete()
    assert score(request_, vendor) < before
    assert_current(request_)

    VendorExpertiseFactory(vendor=vendor, sector=sector("igaming"), level=5)
    assert_current(request_)


def test_skills_listed_from_either_side_are_read_again(request_, vendor, held):
    before = score(request_, vendor)
    vendor.skills.add(skill("sportsbook"))
    assert score(request_, vendor) > before

    skill("odds-feeds").vendors.add(vendor)
    assert_current(request_)

    skill("sportsbook").vendors.remove(vendor)
    assert_current(request_)

    skill("odds-feeds").vendors.clear()
    assert score(request_, vendor) == before
    assert_current(request_)


def test_certifications_held_or_dropped_are_read_again(request_, vendor, held):
    vendor.certifications.remove(certification("gli-certified"))
    assert ranked(request_) == []
    assert_current(request_)

    certification("gli-certified").vendors.add(vendor)
    assert ranked(request_) == [vendor.pk]


def test_skills_read_from_descriptions_are_read_again(request_, vendor, held):
    vendor.description_en = "Odds feeds and sportsbook engines, live."
    vendor.save()
    vendor_described_skills_refresh(vendor=vendor)
    assert_current(request_)

    vendor.description_en = "Payroll software."
    Vendor.objects.filter(pk=vendor.pk).update(description_en=vendor.description_en)
    described_skills_refresh_all()
    assert_current(request_)


def test_a_bulk_load_builds_the_table_again(request_, vendor, held, monkeypatch):
    VendorFactory.create_batch(2)
    Vendor.objects.update(team_size=3)  # no signal: the loader says so itself
    snapshot.vendors_changed(None)
    built = spy(monkeypatch, "build_table")

    assert_current(request_)
    assert built


# --- Patched, or built again ------------------------------------------------------------------


def spy(monkeypatch, name: str) -> list:
    calls = []
    real = getattr(snapshot, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(snapshot, name, counted)
    return calls


def test_one_vendor_changed_is_patched_in_without_building_the_table_again(
    request_, vendor, held, monkeypatch
):
    built = spy(monkeypatch, "build_table")
    vendor.team_size = 2
    vendor.save()

    table = snapshot.vendor_table()
    assert not built
    assert table is not held
    assert int(table.team_size[list(table.vendor_ids).index(vendor.pk)]) == 2


def test_an_unchanged_version_reuses_the_table_in_one_query(
    request_, vendor, held, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert snapshot.vendor_table() is held


def test_a_change_rolled_back_leaves_the_version_as_it_was(vendor, held):
    before = snapshot.current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        vendor.team_size = 7
        vendor.save()
        raise RuntimeError
    assert snapshot.current_version() == before
    assert snapshot.vendor_table() is held


def test_a_version_reused_after_a_rollback_is_told_apart_by_its_stamp(
    request_, vendor, held, monkeypatch
):
    """A database that went back (a restore; a test's transaction) and changed again reaches
    the table's version number with other data: the stamp tells, and the table is rebuilt."""
    version, _stamp = snapshot.current_version()
    VendorMatchingChange.objects.filter(version=version).update(stamp=12345)
    VendorMatchingVersion.objects.filter(pk=1).update(stamp=12345)
    built = spy(monkeypatch, "build_table")

    snapshot.vendor_table()
    assert built


def test_a_table_further_behind_than_the_log_keeps_is_built_again(
    request_, vendor, held, monkeypatch
):
    vendor.team_size = 3
    vendor.save()
    VendorMatchingChange.objects.filter(version__lte=snapshot.current_version()[0]).delete()
    built = spy(monkeypatch, "build_table")

    assert_current(request_)
    assert built


def test_a_vendor_with_a_skill_created_after_the_table_builds_it_again(
    request_, vendor, held, monkeypatch
):
    new_skill = Skill.objects.create(slug="tote-betting", name="Tote betting")
    built = spy(monkeypatch, "build_table")
    vendor.skills.add(new_skill)

    assert_current(request_)
    assert built


def test_a_skill_deleted_while_the_table_is_read_does_not_fail_the_build(vendor, held, monkeypatch):
    """A full build reads the memberships, then the skills: one deleted in between is still
    given a column (the rows read name it), rather than the build failing."""
    doomed = Skill.objects.create(slug="tote-betting", name="Tote betting")
    vendor.skills.add(doomed)
    real = snapshot._pairs

    def pairs_then_delete(queryset, **kwargs):
        rows = real(queryset, **kwargs)
        if queryset.model is Vendor.skills.through and Skill.objects.filter(pk=doomed.pk).exists():
            Skill.objects.filter(pk=doomed.pk).delete()
        return rows

    monkeypatch.setattr(snapshot, "_pairs", pairs_then_delete)
    table = snapshot.build_table()

    assert doomed.pk in table.skill_columns
    assert vendor.pk in table.vendor_ids


def test_no_vendor_named_changes_nothing(held):
    before = snapshot.current_version()
    assert snapshot.vendors_changed([]) is None
    assert snapshot.current_version() == before


def test_many_vendors_changed_at_once_are_logged_as_every_vendor(monkeypatch, vendor):
    monkeypatch.setattr(snapshot, "PATCH_ALWAYS", 2)
    version = snapshot.vendors_changed([vendor.pk, vendor.pk + 1, vendor.pk + 2])
    assert list(
        VendorMatchingChange.objects.filter(version=version).values_list("vendor_id", flat=True)
    ) == [None]


def test_old_changes_are_pruned(monkeypatch, vendor):
    monkeypatch.setattr(snapshot, "CHANGES_KEPT", 3)
    monkeypatch.setattr(snapshot, "PRUNE_EVERY", 1)
    for _ in range(5):
        version = snapshot.vendors_changed([vendor.pk])
    assert set(VendorMatchingChange.objects.values_list("version", flat=True)) == {
        version - 2,
        version - 1,
        version,
    }


def test_the_version_row_emptied_by_a_flush_starts_again(vendor):
    VendorMatchingVersion.objects.all().delete()
    assert snapshot.current_version() == (0, 0)
    assert snapshot.vendors_changed([vendor.pk]) == 1


def test_the_database_path_is_kept_when_the_setting_says_so(
    request_, vendor, settings, monkeypatch
):
    settings.MATCHING_SNAPSHOT = False
    used = spy(monkeypatch, "load")
    assert [m.vendor_id for m in match_request_rank(request=request_, on=ON).matches] == [vendor.pk]
    assert not used
    assert OutsourcingRequest.objects.filter(pk=request_.pk).exists()


# --- Patched tables equal built ones ----------------------------------------------------------


def assert_same_table(patched, built):
    for name in patched.__dataclass_fields__:
        mine, theirs = getattr(patched, name), getattr(built, name)
        if isinstance(mine, np.ndarray):
            assert mine.dtype == theirs.dtype, name
            assert np.array_equal(mine, theirs, equal_nan=mine.dtype.kind == "f"), name
        else:
            assert dict(mine) == dict(theirs), name


@pytest.mark.parametrize("seed", [1, 2])
def test_a_table_patched_through_random_changes_equals_one_built_afresh(seed, monkeypatch):
    """Saves, moderation, skills and certifications from either side, expertise, described
    skills, deletions and newcomers, in random order: after each few, the table the worker
    patched is column for column the one a new worker would build."""
    built = spy(monkeypatch, "build_table")
    rng = random.Random(seed)
    skills = list(Skill.objects.order_by("pk"))
    sectors = list(Sector.objects.order_by("pk"))
    certifications = [certification(slug) for slug in ("agco-registered", "gli-certified")]
    vendors = [
        VendorFactory(status=rng.choice(["approved", "approved", "suspended"])) for _ in range(25)
    ]
    snapshot.vendor_table()
    for step in range(120):
        vendor = Vendor.objects.get(pk=rng.choice(vendors).pk)
        kind = rng.randrange(9)
        if kind == 0:
            vendor.team_size = rng.randint(1, 50)
            vendor.hourly_rate_min = Decimal(rng.randrange(1000, 9000)) / 100
            vendor.save()
        elif kind == 1:
            vendor.status = rng.choice(["approved", "suspended", "pending"])
            vendor.save()
        elif kind == 2:
            vendor.skills.add(rng.choice(skills))
        elif kind == 3:
            rng.choice(skills).vendors.remove(vendor)
        elif kind == 4:
            rng.choice(certifications).vendors.add(vendor)
        elif kind == 5:
            picked = rng.choice(sectors)
            expertise = VendorExpertise.objects.filter(vendor=vendor, sector=picked)
            if expertise.exists():
                expertise.delete()
            else:
                VendorExpertiseFactory(vendor=vendor, sector=picked, level=rng.randint(1, 5))
        elif kind == 6:
            vendor.described_skills.set(rng.sample(skills, 2))
        elif kind == 7 and len(vendors) > 5:
            vendors = [kept for kept in vendors if kept.pk != vendor.pk]
            vendor.delete()
        elif kind == 8:
            vendors.append(VendorFactory())
        if step % 6 == 0:
            patched = snapshot.vendor_table()
            assert_same_table(patched, snapshot._read(vendor_ids=None, columns=patched))
    assert len(built) == 1  # the first table only: every change after it was patched in
