"""From the database to the core's inputs: one pre-filtered SELECT for the candidates, then
the few expertise, skill and certification rows that the request makes relevant."""

from datetime import date
from itertools import chain

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, FloatField, Max, OuterRef, QuerySet
from django.db.models.functions import Cast

from marketplace.matching import core, sectors, text
from marketplace.matching import weights as W
from marketplace.models import (
    Certification,
    OutsourcingRequest,
    Sector,
    SectorRelation,
    Skill,
    Vendor,
    VendorExpertise,
)
from marketplace.selectors import exchange_rate_to_cad

HOURS_PER_PERSON_WEEK = 40
# Below this many candidates, per-vendor rows are fetched for the candidates only (an IN list);
# above it, for the whole sector or skill. An IN list costs about 10 µs an id (the ORM prepares
# each one), a row of the sector about 2 µs: with 1,000 vendors, 850 ids took 17 ms where the
# whole sectors took 6 ms; with 100,000, a few hundred ids still beat some 20,000 sector rows.
NARROW_CANDIDATES = 500
CANDIDATE_COLUMNS = (
    "id",
    "rate_min",
    "rate_max",
    "team_size",
    "speaks_en",
    "speaks_fr",
    "speaks_es",
    "review_count",
    "review_rating_total",
)


# Building the lexicon (some 60 skills, 1,500 phrases) costs tens of milliseconds, as much as a
# third of ranking 100,000 vendors: a process keeps the newest and builds it again only when the
# skills or the sectors (whose slugs it holds) changed — their counts or newest `updated_at`,
# which every save moves (admin, API).
_lexicons: dict[tuple, text.SkillLexicon] = {}


def skill_lexicon() -> text.SkillLexicon:
    """Every skill's names and aliases in English, Spanish and French, so a text in any language
    finds a skill however it is written, and the sector each skill belongs to."""
    key = (
        connection.settings_dict["NAME"],
        *Skill.objects.aggregate(count=Count("id"), newest=Max("updated_at")).values(),
        *Sector.objects.aggregate(count=Count("id"), newest=Max("updated_at")).values(),
    )
    lexicon = _lexicons.get(key)
    if lexicon is None:
        skills = Skill.objects.all()
        sectors = dict(skills.filter(sector__isnull=False).values_list("slug", "sector__slug"))
        lexicon = text.SkillLexicon(Skill.phrases_by_slug(skills), sectors)
        _lexicons.clear()  # only the newest is worth keeping
        _lexicons[key] = lexicon
    return lexicon


def skill_lexicon_forget() -> None:
    """Build the lexicon anew next time: for skills changed behind the ORM's back
    (`QuerySet.update`, which leaves `updated_at` as it was), as tests do."""
    _lexicons.clear()


def request_profile(
    request: OutsourcingRequest, *, on: date, lexicon: text.SkillLexicon
) -> core.RequestProfile:
    """The request in the core's terms; money converted with the rate valid on `on`. It is
    ranked as the sector its skills say it belongs to (`sectors.read_sector`), which is the
    filed one unless another clearly dominates — and always the filed one when the buyer
    confirmed it (`sector_confirmed`)."""
    rate = float(exchange_rate_to_cad(currency=request.currency, on=on))
    hours = request.team_size * request.duration_weeks * HOURS_PER_PERSON_WEEK
    skills = text.request_skills(
        title=request.title,
        description=request.description,
        typed=[s.slug for s in request.skills.all()],
        lexicon=lexicon,
    )
    filed = request.sector.slug
    sector = (
        filed
        if request.sector_confirmed
        else sectors.read_sector(filed=filed, skills=skills, skill_sectors=lexicon.sectors)
    )
    return core.RequestProfile(
        sector=sector,
        filed_sector=filed,
        team_size=request.team_size,
        languages=frozenset(request.languages),
        skills=skills,
        related_sectors={
            slug: float(strength)
            for slug, strength in SectorRelation.objects.filter(sector__slug=sector).values_list(
                "related__slug", "strength"
            )
        },
        required_certifications=frozenset(
            request.required_certifications.values_list("slug", flat=True)
        ),
        hourly_budget_min=float(request.budget_min) * rate / hours,
        hourly_budget_max=float(request.budget_max) * rate / hours,
    )


def candidate_queryset(profile: core.RequestProfile) -> QuerySet:
    """Vendors that meet every hard constraint, in one query: approved, speaking one of the
    request's languages, holding each required certification. Ordered by id."""
    vendors = Vendor.objects.filter(status=Vendor.Status.APPROVED).filter(
        Vendor.speaks_any_q(profile.languages)
    )
    for slug in sorted(profile.required_certifications):
        vendors = vendors.filter(
            Exists(
                Vendor.certifications.through.objects.filter(
                    vendor=OuterRef("pk"), certification__slug=slug
                )
            )
        )
    return with_rates_as_floats(vendors).order_by("id").values_list(*CANDIDATE_COLUMNS)


def with_rates_as_floats(vendors: QuerySet) -> QuerySet:
    """`rate_min`/`rate_max` as the database converts them to floats: the snapshot reads them
    so too, so both paths hand the core the same bits."""
    return vendors.annotate(
        rate_min=Cast("hourly_rate_min", FloatField()),
        rate_max=Cast("hourly_rate_max", FloatField()),
    )


def load_population(profile: core.RequestProfile) -> core.Population:
    """Every approved vendor as the hard constraints see it, for counting who a ranking leaves
    out (`core.exclusions`): one query, grouped by languages and the required certifications,
    so it returns at most 8 × 2^certifications rows however many vendors there are."""
    slugs = sorted(profile.required_certifications)
    held = {
        f"holds_{position}": Exists(
            Vendor.certifications.through.objects.filter(
                vendor=OuterRef("pk"), certification__slug=slug
            )
        )
        for position, slug in enumerate(slugs)
    }
    rows = list(
        Vendor.objects.filter(status=Vendor.Status.APPROVED)
        .annotate(**held)
        .order_by()
        .values_list("speaks_en", "speaks_fr", "speaks_es", *held)
        .annotate(vendors=Count("pk"))
    )
    languages = np.array(
        [
            en * core.LANGUAGE_BITS["en"]
            | fr * core.LANGUAGE_BITS["fr"]
            | es * core.LANGUAGE_BITS["es"]
            for en, fr, es, *_rest in rows
        ],
        dtype=np.int64,
    )
    return core.Population(
        languages=languages,
        count=np.array([row[-1] for row in rows], dtype=np.int64),
        certifications={
            slug: np.array([bool(row[3 + position]) for row in rows], dtype=bool)
            for position, slug in enumerate(slugs)
        },
    )


def fetch_candidate_rows(profile: core.RequestProfile) -> list[tuple]:
    """The candidate columns as plain tuples (what `bench_matching` times as the baseline)."""
    return fetch_rows(candidate_queryset(profile))


def load_candidates(profile: core.RequestProfile) -> core.Candidates:
    rows = fetch_candidate_rows(profile)
    if not rows:
        return _empty_candidates()
    columns = rows_as_array(rows, np.float64).T
    ids = columns[0].astype(np.int64)
    languages = (
        columns[4].astype(np.int64) * core.LANGUAGE_BITS["en"]
        | columns[5].astype(np.int64) * core.LANGUAGE_BITS["fr"]
        | columns[6].astype(np.int64) * core.LANGUAGE_BITS["es"]
    )
    sectors = [profile.sector, *profile.related_sectors]
    levels, years = _expertise_columns(ids, sectors)
    return core.Candidates(
        vendor_ids=ids,
        rate_min=columns[1],
        rate_max=columns[2],
        team_size=columns[3],
        languages=languages,
        approved=np.ones(len(ids), dtype=bool),  # the query kept approved vendors only
        # Verified reviews only (`marketplace.tenders`), kept as totals on the vendor's row.
        rating=core.bayesian_rating(columns[8], columns[7]),
        expertise_level=levels,
        expertise_years=years,
        skills=_membership_columns(
            ids, Vendor.skills.through, Skill, "skill", list(profile.skills)
        ),
        described_skills=_membership_columns(
            ids, Vendor.described_skills.through, Skill, "skill", list(profile.skills)
        ),
        **_prose_counts(ids),
        certifications=_membership_columns(
            ids,
            Vendor.certifications.through,
            Certification,
            "certification",
            sorted(profile.required_certifications),
        ),
    )


def _prose_counts(ids: np.ndarray) -> dict[str, np.ndarray]:
    """`listed_count` and `described_only_count` for the core, read only for the vendors whose
    prose can count at all — listing at most PROSE_LISTED_AT_MOST skills and describing one they
    do not list, a few in any marketplace (an index finds them) — rather than two more columns
    for 100,000 candidates, which cost the ranking a tenth of its time. The others read as
    listing too many skills (+inf) for their prose to count."""
    listed = np.full(len(ids), np.inf)
    described_only = np.zeros(len(ids))
    rows = fetch_rows(
        Vendor.objects.filter(
            listed_skill_count__lte=W.PROSE_LISTED_AT_MOST, described_unlisted_count__gt=0
        )
        .order_by()
        .values_list("id", "listed_skill_count", "described_unlisted_count")
    )
    if rows:
        table = rows_as_array(rows, np.int64)
        at, found = _positions(ids, table[:, 0])
        listed[at] = table[found, 1]
        described_only[at] = table[found, 2]
    return {"listed_count": listed, "described_only_count": described_only}


def _empty_candidates() -> core.Candidates:
    empty = np.zeros(0)
    return core.Candidates(
        vendor_ids=empty.astype(np.int64),
        rate_min=empty,
        rate_max=empty,
        team_size=empty,
        languages=empty.astype(np.int64),
        approved=empty.astype(bool),
    )


def _positions(ids: np.ndarray, vendor_ids) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `vendor_ids` sits in the sorted `ids`, and which of them are there."""
    wanted = np.asarray(vendor_ids, dtype=np.int64)
    at = np.searchsorted(ids, wanted)
    at = np.minimum(at, len(ids) - 1)
    found = ids[at] == wanted
    return at[found], found


def _only_candidates(ids: np.ndarray) -> dict:
    return {"vendor_id__in": ids.tolist()} if len(ids) <= NARROW_CANDIDATES else {}


def _expertise_columns(ids: np.ndarray, sectors: list[str]):
    """sector slug → (n,) level and years columns (0 where the vendor has no row)."""
    slug_by_id = dict(Sector.objects.filter(slug__in=sectors).values_list("id", "slug"))
    levels = {slug: np.zeros(len(ids)) for slug in sectors}
    years = {slug: np.zeros(len(ids)) for slug in sectors}
    rows = fetch_rows(
        VendorExpertise.objects.filter(sector_id__in=slug_by_id, **_only_candidates(ids))
        .order_by()  # one row per vendor and sector: the default ordering only costs a sort
        .values_list("sector_id", "vendor_id", "level", "years")
    )
    if rows:
        table = rows_as_array(rows, np.int64)
        for sector_id, slug in slug_by_id.items():
            mine = table[table[:, 0] == sector_id]
            at, found = _positions(ids, mine[:, 1])
            levels[slug][at] = mine[found, 2]
            years[slug][at] = mine[found, 3]
    return levels, years


def _membership_columns(ids: np.ndarray, through, model, field: str, slugs: list[str]):
    """slug → (n,) bool column: which candidates have that skill / certification."""
    columns = {slug: np.zeros(len(ids), dtype=bool) for slug in slugs}
    slug_by_id = dict(model.objects.filter(slug__in=slugs).values_list("id", "slug"))
    rows = fetch_rows(
        through.objects.filter(
            **{f"{field}_id__in": slug_by_id}, **_only_candidates(ids)
        ).values_list(f"{field}_id", "vendor_id")
    )
    if rows:
        table = rows_as_array(rows, np.int64)
        for related_id, slug in slug_by_id.items():
            at, _ = _positions(ids, table[table[:, 0] == related_id, 1])
            columns[slug][at] = True
    return columns


def rows_as_array(rows: list[tuple], dtype) -> np.ndarray:
    """Equal-length tuples as an (n, width) array, about twice as fast as `np.array(rows)`
    (which inspects every tuple before copying it): it counts at 100,000 candidates."""
    width = len(rows[0])
    flat = np.fromiter(chain.from_iterable(rows), dtype=dtype, count=len(rows) * width)
    return flat.reshape(len(rows), width)


def fetch_rows(queryset) -> list[tuple]:
    """Rows straight from the cursor: no per-row conversion, for tens of thousands of rows."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. `__in` an empty list: nothing to ask the database
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
