"""Every approved vendor's matching features as NumPy columns, held in memory by a worker.

Reading the candidates from the database turns tens of thousands of rows into Python tuples
and arrays for every ranking; that, not the scoring, was most of its cost (issue 16: 0.14 s of
which the core took 6 ms at 100,000 vendors). A `VendorTable` holds the same features once, as
columns sorted by vendor id, and answers a request with `Candidates` and a `Population` by
indexing — the same arrays, to the bit, that `loading` builds from the database, so the core
ranks identically either way (tests compare the two on the development set and random data).

No Django here: `marketplace.services.matching.snapshot` fills the table from the database,
keeps it current with the vendors' changes and decides when to build it again.

Sectors, skills and certifications are columns keyed by their database id (names and slugs may
change without any vendor changing); a request's slugs are turned into ids by the caller.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import core
from . import weights as W

# The expertise columns are small integers (level 1–5, years ≤ 80): 2 bytes each rather than
# the 8 the core computes with, converted for the few sectors a request needs.
EXPERTISE_DTYPE = np.int16


@dataclass(frozen=True)
class VendorTable:
    """One row per approved vendor, sorted by `vendor_ids`.

    `expertise_level[i, sector_columns[sector_id]]` (0: no expertise row), likewise `years`;
    `skills[i, skill_columns[skill_id]]` whether vendor i lists the skill, `described` whether
    its descriptions mention it, `certifications[i, certification_columns[id]]` whether it
    holds it. `listed_count`/`described_only_count` are already as the core reads them (+inf /
    0 where the vendor's prose cannot count), `rating` already `core.bayesian_rating`."""

    vendor_ids: np.ndarray
    rate_min: np.ndarray
    rate_max: np.ndarray
    team_size: np.ndarray
    languages: np.ndarray
    rating: np.ndarray
    listed_count: np.ndarray
    described_only_count: np.ndarray
    sector_columns: Mapping[int, int]
    expertise_level: np.ndarray
    expertise_years: np.ndarray
    skill_columns: Mapping[int, int]
    skills: np.ndarray
    described: np.ndarray
    certification_columns: Mapping[int, int]
    certifications: np.ndarray

    def __len__(self) -> int:
        return len(self.vendor_ids)

    @property
    def nbytes(self) -> int:
        """Memory held by the columns (the dictionaries of a few dozen ids are left out)."""
        return sum(
            getattr(self, name).nbytes for name in self.__dataclass_fields__ if _is_column(name)
        )

    def candidates(
        self,
        profile: core.RequestProfile,
        *,
        sector_ids: Mapping[str, int | None],
        skill_ids: Mapping[str, int | None],
        certification_ids: Mapping[str, int | None],
    ) -> core.Candidates:
        """The vendors meeting the request's hard constraints (a shared language, every
        required certification), as `loading.load_candidates` reads them from the database.
        The mappings give each of the profile's slugs its id (None: no such row)."""
        rows = self._eligible_rows(profile, certification_ids)
        sectors = [profile.sector, *profile.related_sectors]
        return core.Candidates(
            vendor_ids=self.vendor_ids[rows],
            rate_min=self.rate_min[rows],
            rate_max=self.rate_max[rows],
            team_size=self.team_size[rows],
            languages=self.languages[rows],
            approved=np.ones(len(rows), dtype=bool),
            rating=self.rating[rows],
            expertise_level=self._floats(self.expertise_level, rows, sectors, sector_ids),
            expertise_years=self._floats(self.expertise_years, rows, sectors, sector_ids),
            skills=self._flags(self.skills, rows, list(profile.skills), skill_ids, "skill"),
            described_skills=self._flags(
                self.described, rows, list(profile.skills), skill_ids, "skill"
            ),
            listed_count=self.listed_count[rows],
            described_only_count=self.described_only_count[rows],
            certifications=self._flags(
                self.certifications,
                rows,
                sorted(profile.required_certifications),
                certification_ids,
                "certification",
            ),
        )

    def population(
        self, profile: core.RequestProfile, *, certification_ids: Mapping[str, int | None]
    ) -> core.Population:
        """Every approved vendor, one row each, as `core.exclusions` counts them."""
        every = np.arange(len(self))
        return core.Population(
            languages=self.languages,
            count=np.ones(len(self), dtype=np.int64),
            certifications=self._flags(
                self.certifications,
                every,
                sorted(profile.required_certifications),
                certification_ids,
                "certification",
            ),
        )

    def _eligible_rows(self, profile, certification_ids) -> np.ndarray:
        keep = (self.languages & core.language_mask(profile.languages)) != 0
        for slug in profile.required_certifications:
            column = self._column_of("certification", certification_ids.get(slug))
            if column is None:
                return np.zeros(0, dtype=np.int64)  # nobody holds it
            keep &= self.certifications[:, column]
        return np.flatnonzero(keep)

    def _column_of(self, kind: str, row_id: int | None) -> int | None:
        columns = getattr(self, f"{kind}_columns")
        return None if row_id is None else columns.get(row_id)

    def _floats(self, matrix, rows, slugs, ids) -> dict[str, np.ndarray]:
        result = {}
        for slug in slugs:
            column = self._column_of("sector", ids.get(slug))
            result[slug] = (
                np.zeros(len(rows)) if column is None else matrix[rows, column].astype(np.float64)
            )
        return result

    def _flags(self, matrix, rows, slugs, ids, kind) -> dict[str, np.ndarray]:
        result = {}
        for slug in slugs:
            column = self._column_of(kind, ids.get(slug))
            result[slug] = (
                np.zeros(len(rows), dtype=bool) if column is None else matrix[rows, column]
            )
        return result

    def replaced(self, vendor_ids, fresh: "VendorTable") -> "VendorTable":
        """This table with the rows of `vendor_ids` dropped and `fresh`'s rows (read again,
        with the same columns; approved vendors only) put in their place, sorted by id."""
        keep = ~np.isin(self.vendor_ids, np.asarray(list(vendor_ids), dtype=np.int64))
        ids = np.concatenate([self.vendor_ids[keep], fresh.vendor_ids])
        order = np.argsort(ids, kind="stable")
        values = {
            name: np.concatenate([getattr(self, name)[keep], getattr(fresh, name)])[order]
            for name in self.__dataclass_fields__
            if _is_column(name)
        }
        return VendorTable(
            **values,
            sector_columns=self.sector_columns,
            skill_columns=self.skill_columns,
            certification_columns=self.certification_columns,
        )


def _is_column(name: str) -> bool:
    return not name.endswith("_columns")


def table_from_rows(
    vendors: list[tuple],
    *,
    expertise: np.ndarray,
    skills: np.ndarray,
    described: np.ndarray,
    certifications: np.ndarray,
    sector_columns: Mapping[int, int],
    skill_columns: Mapping[int, int],
    certification_columns: Mapping[int, int],
) -> VendorTable:
    """A table from the database's rows.

    `vendors`: (id, rate_min, rate_max, team_size, speaks_en, speaks_fr, speaks_es,
    review_count, review_rating_total, listed_skill_count, described_unlisted_count), ordered
    by id, approved vendors only. `expertise`: an (m, 4) array of (vendor id, sector id, level,
    years); `skills`, `described`, `certifications`: (m, 2) arrays of (vendor id, related id).
    Rows of vendors not in `vendors` are ignored; an id without a column is an error (the
    caller builds the columns from every row it read)."""
    n, width = len(vendors), 11
    if n and len(vendors[0]) != width:
        raise ValueError(f"Vendor rows have {width} values, not {len(vendors[0])}.")
    if n:
        columns = np.fromiter(
            (value for row in vendors for value in row), dtype=np.float64, count=n * width
        ).reshape(n, width)
    else:
        columns = np.zeros((0, width))
    ids = columns[:, 0].astype(np.int64)
    languages = (
        columns[:, 4].astype(np.int64) * core.LANGUAGE_BITS["en"]
        | columns[:, 5].astype(np.int64) * core.LANGUAGE_BITS["fr"]
        | columns[:, 6].astype(np.int64) * core.LANGUAGE_BITS["es"]
    )
    listed, described_only = columns[:, 9], columns[:, 10]
    prose_counts = (listed <= W.PROSE_LISTED_AT_MOST) & (described_only > 0)
    level = np.zeros((n, len(sector_columns)), dtype=EXPERTISE_DTYPE)
    years = np.zeros((n, len(sector_columns)), dtype=EXPERTISE_DTYPE)
    rows, found = _rows_of(ids, expertise[:, 0])
    sector_at = _columns_of(expertise[found, 1], sector_columns)
    level[rows, sector_at] = expertise[found, 2]
    years[rows, sector_at] = expertise[found, 3]
    return VendorTable(
        vendor_ids=ids,
        rate_min=np.ascontiguousarray(columns[:, 1]),
        rate_max=np.ascontiguousarray(columns[:, 2]),
        team_size=np.ascontiguousarray(columns[:, 3]),
        languages=languages,
        # As `loading.load_candidates` computes it, from the same two float columns.
        rating=core.bayesian_rating(columns[:, 8], columns[:, 7]),
        listed_count=np.where(prose_counts, listed, np.inf),
        described_only_count=np.where(prose_counts, described_only, 0.0),
        sector_columns=sector_columns,
        expertise_level=level,
        expertise_years=years,
        skill_columns=skill_columns,
        skills=_membership(ids, skills, skill_columns),
        described=_membership(ids, described, skill_columns),
        certification_columns=certification_columns,
        certifications=_membership(ids, certifications, certification_columns),
    )


def _rows_of(ids: np.ndarray, vendor_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `vendor_ids` sits in the sorted `ids`, and which of them are there."""
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(len(vendor_ids), dtype=bool)
    at = np.minimum(np.searchsorted(ids, vendor_ids), len(ids) - 1)
    found = ids[at] == vendor_ids
    return at[found], found


def _columns_of(related_ids: np.ndarray, columns: Mapping[int, int]) -> np.ndarray:
    """Each id's column, looked up in one array indexing (there can be 500,000 pairs)."""
    if len(related_ids) == 0:
        return np.zeros(0, dtype=np.int64)
    lookup = np.full(max(max(columns, default=0), int(related_ids.max())) + 1, -1, dtype=np.int64)
    lookup[np.fromiter(columns, dtype=np.int64)] = np.fromiter(columns.values(), dtype=np.int64)
    found = lookup[related_ids]
    if (found < 0).any():
        raise KeyError("a row names an id the table has no column for")
    return found


def _membership(ids: np.ndarray, pairs: np.ndarray, columns: Mapping[int, int]) -> np.ndarray:
    matrix = np.zeros((len(ids), len(columns)), dtype=bool)
    rows, found = _rows_of(ids, pairs[:, 0])
    matrix[rows, _columns_of(pairs[found, 1], columns)] = True
    return matrix
