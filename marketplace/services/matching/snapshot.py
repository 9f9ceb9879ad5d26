"""Each worker's in-memory `VendorTable`, kept current with the vendors' changes.

Every change to what matching reads of a vendor — its rates, team, languages, status, reviews,
expertise, listed or described skills, certifications, its deletion — calls `vendors_changed`
in the same transaction (the receivers in `receivers.py` for the ORM's saves, the services
themselves for their bulk writes). That bumps one version row, holding it until commit, and
logs the vendors changed under the new version. Before ranking, `vendor_table` reads the
version (one query): the same as the table's, the table is current; newer, the table is
patched with the vendors logged since (their rows read again); too far behind, a bulk change
(no vendor named) or anything it cannot account for, the table is built again.

Each version row bump also draws a random `stamp`, logged with the change: a table whose version
and stamp are no longer in the log (a database restored, a test's transaction rolled back and
replayed) is built again rather than patched onto data that never committed.

`MATCHING_SNAPSHOT = False` ranks from the database instead (`loading.load_candidates`), the
reference the snapshot must equal.
"""

import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.db.models import F

from marketplace.matching import core
from marketplace.matching.snapshot import VendorTable, table_from_rows
from marketplace.models import (
    Certification,
    Sector,
    Skill,
    Vendor,
    VendorExpertise,
    VendorMatchingChange,
    VendorMatchingVersion,
)

from .loading import CANDIDATE_COLUMNS, fetch_rows, rows_as_array, with_rates_as_floats

# Log entries kept: a table more than this many versions behind is built again.
CHANGES_KEPT = 10_000
PRUNE_EVERY = 500
# Patching rereads the changed vendors' rows; past this share of the table (and this many
# vendors, which a patch always reads faster), building it again is no slower.
PATCH_AT_MOST = 0.2
PATCH_ALWAYS = 1000
# Tables kept per process, one per database name: the newest few.
DATABASES_HELD = 4
VENDOR_COLUMNS = (
    *CANDIDATE_COLUMNS,
    "listed_skill_count",
    "described_unlisted_count",
)


@dataclass(frozen=True)
class Snapshot:
    version: int
    stamp: int
    table: VendorTable


# database name → its snapshot; one per process (a Celery worker's child, a web process
# running tasks eagerly). Replaced whole, never changed in place, under the lock.
_snapshots: dict[str, Snapshot] = {}
_lock = threading.Lock()


def vendors_changed(vendor_ids: Iterable[int] | None) -> int | None:
    """Record that matching must read these vendors again (None: every vendor), in the
    caller's transaction. Returns the new version (None when no vendor was named).

    Locks the vendors' rows before the version row, the order every writer follows (a save
    holds its row, then its receiver bumps): taking the version first, then a vendor row,
    would deadlock with an edit holding that row and waiting for the version. A transaction
    that changes several vendors one by one should lock them all first (pk order), as the
    described-skills refresh and the admin's actions do."""
    if vendor_ids is not None:
        vendor_ids = sorted(set(vendor_ids))
        if not vendor_ids:
            return None
    stamp = secrets.randbits(62)
    with transaction.atomic():
        if vendor_ids is not None:
            list(Vendor.objects.select_for_update().filter(pk__in=vendor_ids).values_list("pk"))
        bumped = VendorMatchingVersion.objects.filter(pk=1).update(
            version=F("version") + 1, stamp=stamp
        )
        if not bumped:  # the row was flushed (a test database emptied): start again
            VendorMatchingVersion.objects.create(pk=1, version=1, stamp=stamp)
        version = VendorMatchingVersion.objects.values_list("version", flat=True).get(pk=1)
        # Past what a patch would reread, "every vendor" says the same in one row.
        logged = [None] if vendor_ids is None or len(vendor_ids) > PATCH_ALWAYS else vendor_ids
        VendorMatchingChange.objects.bulk_create(
            VendorMatchingChange(version=version, stamp=stamp, vendor_id=vendor_id)
            for vendor_id in logged
        )
        if version % PRUNE_EVERY == 0:
            VendorMatchingChange.objects.filter(version__lte=version - CHANGES_KEPT).delete()
    return version


def vendor_table() -> VendorTable:
    """The approved vendors as of the latest committed version."""
    database = connection.settings_dict["NAME"]
    with _lock:  # the version read inside: a thread never labels a newer table older
        version, stamp = current_version()
        held = _snapshots.get(database)
        if held is not None and (held.version, held.stamp) == (version, stamp):
            return held.table
        table = _patched(held, version) if held is not None else None
        if table is None:
            table = build_table()
        _snapshots.pop(database, None)
        while len(_snapshots) >= DATABASES_HELD:  # throwaway databases (evaluate_matching)
            del _snapshots[next(iter(_snapshots))]
        _snapshots[database] = Snapshot(version, stamp, table)
        return table


def current_version() -> tuple[int, int]:
    row = VendorMatchingVersion.objects.filter(pk=1).values_list("version", "stamp").first()
    return row or (0, 0)


def snapshots_forget() -> None:
    """Build every table again next time (tests that empty or roll back the database)."""
    with _lock:
        _snapshots.clear()


def load(profile: core.RequestProfile) -> tuple[core.Candidates, core.Population]:
    """The request's candidates and the approved population, from the snapshot."""
    table = vendor_table()
    certification_ids = _ids(Certification, profile.required_certifications)
    candidates = table.candidates(
        profile,
        sector_ids=_ids(Sector, [profile.sector, *profile.related_sectors]),
        skill_ids=_ids(Skill, profile.skills),
        certification_ids=certification_ids,
    )
    return candidates, table.population(profile, certification_ids=certification_ids)


def _ids(model, slugs) -> dict[str, int]:
    slugs = list(slugs)
    if not slugs:
        return {}
    return dict(model.objects.filter(slug__in=slugs).values_list("slug", "id"))


def build_table() -> VendorTable:
    """Every approved vendor, read in five queries (and the three lists of ids)."""
    return _read(vendor_ids=None, columns=None)


def _patched(held: Snapshot, version: int) -> VendorTable | None:
    """`held`'s table with the vendors changed since, or None when it must be built again."""
    if held.version >= version:
        return None  # the database went back (restored, rolled back): nothing to patch from
    changes = list(
        VendorMatchingChange.objects.filter(version__gte=held.version, version__lte=version)
        .order_by()
        .values_list("version", "stamp", "vendor_id")
    )
    base = {(v, s) for v, s, _ in changes if v == held.version}
    if base != {(held.version, held.stamp)}:
        return None  # the table's own version is gone from the log (pruned, never committed)
    newer = [(v, vendor_id) for v, _, vendor_id in changes if v > held.version]
    if {v for v, _ in newer} != set(range(held.version + 1, version + 1)):
        return None  # some versions were pruned
    vendor_ids = {vendor_id for _, vendor_id in newer}
    if None in vendor_ids or len(vendor_ids) > max(PATCH_AT_MOST * len(held.table), PATCH_ALWAYS):
        return None
    table = held.table
    fresh = _read(vendor_ids=sorted(vendor_ids), columns=table)
    return None if fresh is None else table.replaced(vendor_ids, fresh)


def _read(*, vendor_ids, columns: VendorTable | None) -> VendorTable | None:
    """The table of the approved vendors among `vendor_ids` (None: all).

    A patch (`columns`: the table patched) keeps its columns, and gets None when one of the
    vendors has a sector, skill or certification it has no column for. A full build makes
    columns for every one that exists or that a row it read names: one created while it reads
    (2–3 s at 100,000 vendors) is no reason to fail."""
    approved = {"vendor__status": Vendor.Status.APPROVED}
    vendors = Vendor.objects.filter(status=Vendor.Status.APPROVED)
    if vendor_ids is not None:
        approved["vendor_id__in"] = vendor_ids
        vendors = vendors.filter(pk__in=vendor_ids)
    vendor_rows = fetch_rows(
        with_rates_as_floats(vendors).order_by("id").values_list(*VENDOR_COLUMNS)
    )
    expertise = _pairs(
        VendorExpertise.objects.filter(**approved)
        .order_by()
        .values_list("vendor_id", "sector_id", "level", "years"),
        width=4,
    )
    skills = _pairs(
        Vendor.skills.through.objects.filter(**approved).values_list("vendor_id", "skill_id")
    )
    described = _pairs(
        Vendor.described_skills.through.objects.filter(**approved).values_list(
            "vendor_id", "skill_id"
        )
    )
    certifications = _pairs(
        Vendor.certifications.through.objects.filter(**approved).values_list(
            "vendor_id", "certification_id"
        )
    )
    named = {
        "sector": set(expertise[:, 1].tolist()),
        "skill": set(skills[:, 1].tolist()) | set(described[:, 1].tolist()),
        "certification": set(certifications[:, 1].tolist()),
    }
    if columns is None:
        sector_columns = _columns(Sector, named["sector"])
        skill_columns = _columns(Skill, named["skill"])
        certification_columns = _columns(Certification, named["certification"])
    else:
        sector_columns = columns.sector_columns
        skill_columns = columns.skill_columns
        certification_columns = columns.certification_columns
        known = (
            named["sector"] <= sector_columns.keys()
            and named["skill"] <= skill_columns.keys()
            and named["certification"] <= certification_columns.keys()
        )
        if not known:
            return None
    return table_from_rows(
        vendor_rows,
        expertise=expertise,
        skills=skills,
        described=described,
        certifications=certifications,
        sector_columns=sector_columns,
        skill_columns=skill_columns,
        certification_columns=certification_columns,
    )


def _columns(model, named: set[int]) -> dict[int, int]:
    """A column per row of `model` and per id `named` (rows created since the ids were read)."""
    ids = set(model.objects.values_list("pk", flat=True)) | named
    return {pk: column for column, pk in enumerate(sorted(ids))}


def _pairs(queryset, *, width: int = 2) -> np.ndarray:
    rows = fetch_rows(queryset)
    if not rows:
        return np.zeros((0, width), dtype=np.int64)
    return rows_as_array(rows, np.int64)
