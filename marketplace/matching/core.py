"""The ranking core: plain values and NumPy arrays in, scores with breakdowns and reasons out.

No Django here. `marketplace.services.matching.loading` builds a `RequestProfile` and
`Candidates` from the database; this module applies the hard constraints again (so the core
alone is trustworthy), scores every candidate in a handful of vectorised operations and explains
the top results. See `weights.py` for the formula.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from . import weights as W

LANGUAGE_BITS: dict[str, int] = {"en": 1, "fr": 2, "es": 4}


def language_mask(codes) -> int:
    mask = 0
    for code in codes:
        mask |= LANGUAGE_BITS[code]
    return mask


def _languages_of(mask: int) -> list[str]:
    return [code for code, bit in LANGUAGE_BITS.items() if mask & bit]


@dataclass(frozen=True)
class RequestProfile:
    """What the buyer asked for, already in comparable units. `sector` is the sector it is
    ranked as: the one the buyer filed it under (`filed_sector`) unless its skills clearly say
    another (`sectors.read_sector`)."""

    sector: str
    team_size: int
    languages: frozenset[str]
    # skill slug → weight: 1 for skills the buyer typed, less for skills only found in the text.
    skills: Mapping[str, float] = field(default_factory=dict)
    # related sector slug → strength (0–1) with which expertise there counts.
    related_sectors: Mapping[str, float] = field(default_factory=dict)
    required_certifications: frozenset[str] = frozenset()
    # Budget per person-hour in CAD: budget / (team × weeks × 40 h), converted at the dated rate.
    hourly_budget_min: float | None = None
    hourly_budget_max: float | None = None
    filed_sector: str = ""


@dataclass
class Candidates:
    """One row per vendor, as columns of equal length n.

    `expertise_level`/`expertise_years` hold the request's sector and its related sectors
    (0 where the vendor has no row); `skills` the requested skills; `certifications` the
    required ones. Keys missing from these dicts read as "no vendor has it".
    """

    vendor_ids: np.ndarray
    rate_min: np.ndarray
    rate_max: np.ndarray
    team_size: np.ndarray
    languages: np.ndarray  # bit mask per vendor, see LANGUAGE_BITS
    approved: np.ndarray
    expertise_level: dict[str, np.ndarray] = field(default_factory=dict)
    expertise_years: dict[str, np.ndarray] = field(default_factory=dict)
    skills: dict[str, np.ndarray] = field(default_factory=dict)
    # The requested skills the vendor's descriptions mention (listed or not), and per vendor
    # how many skills its descriptions mention that it does not list (None: not known).
    described_skills: dict[str, np.ndarray] = field(default_factory=dict)
    described_only_count: np.ndarray | None = None
    # How many skills each vendor lists (+inf: more than PROSE_LISTED_AT_MOST, not counted).
    listed_count: np.ndarray | None = None
    certifications: dict[str, np.ndarray] = field(default_factory=dict)
    rating: np.ndarray | None = None  # 1–5 stars (see `bayesian_rating`), NaN without reviews

    def __len__(self) -> int:
        return len(self.vendor_ids)


class ReasonCode(StrEnum):
    """Every kind of reason the core gives. The sentences
    (`marketplace.services.matching.reasons`) and the API's schema (an enum generated clients
    can switch on) are written from this one list."""

    SECTOR_EXPERTISE = "sector_expertise"
    RELATED_EXPERTISE = "related_expertise"
    NO_SECTOR_EXPERTISE = "no_sector_expertise"
    SKILLS_COVERED = "skills_covered"
    SKILLS_DESCRIBED = "skills_described"
    SKILLS_MISSING = "skills_missing"
    CERTIFICATIONS_HELD = "certifications_held"
    LANGUAGES_SHARED = "languages_shared"
    LANGUAGES_MISSING = "languages_missing"
    RATE_FITS_BUDGET = "rate_fits_budget"
    RATE_ABOVE_BUDGET = "rate_above_budget"
    TEAM_LARGE_ENOUGH = "team_large_enough"
    TEAM_TOO_SMALL = "team_too_small"


class ExclusionCode(StrEnum):
    """Every hard constraint an approved vendor can fail, and so be left out of a ranking for.
    The sentences (`marketplace.services.matching.reasons`) and the API's schema are written
    from this list."""

    NO_SHARED_LANGUAGE = "no_shared_language"
    CERTIFICATION_MISSING = "certification_missing"


@dataclass
class Population:
    """The approved vendors as the hard constraints see them, in rows of equal length: `count[i]`
    vendors speak `languages[i]` (a mask, see LANGUAGE_BITS) and hold the required
    certification `slug` where `certifications[slug][i]`. Rows may be single vendors (count 1)
    or vendors grouped by those columns; a missing certification column reads as "nobody"."""

    languages: np.ndarray
    count: np.ndarray
    certifications: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class Exclusion:
    """How many approved vendors fail one hard constraint; `params` say which (a certification)."""

    code: ExclusionCode
    count: int
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Exclusions:
    """Who a ranking left out: `total` vendors, each counted once, and per constraint how many
    fail it — a vendor failing two constraints counts under both, so the counts may add up to
    more than the total. Constraints nobody fails are not listed."""

    total: int
    by_reason: list[Exclusion]


@dataclass(frozen=True)
class Reason:
    """One met or unmet requirement; `code` + `params` are rendered in the reader's language."""

    code: ReasonCode
    met: bool
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    vendor_id: int
    rank: int
    score: float
    breakdown: dict[str, float]
    reasons: list[Reason]


def rank(
    request: RequestProfile, candidates: Candidates, *, limit: int = W.STORED_RESULTS
) -> list[Match]:
    """The best `limit` eligible vendors, best first; ties go to the lower vendor id."""
    n = len(candidates)
    if n == 0 or limit <= 0:
        return []
    eligible = _eligible(request, candidates)
    expertise, via_sector = _expertise(request, candidates, n)
    skills = _skill_coverage(request, candidates, n)
    text = _described_coverage(request, candidates, n)
    languages = _language_share(request, candidates)
    rating = _rating(candidates, n)
    budget = _budget_factor(request, candidates)
    capacity = _capacity_factor(request, candidates)

    points = (
        W.EXPERTISE * expertise
        + W.SKILLS * skills
        + W.LANGUAGES * languages
        + W.RATING * rating
        + W.TEXT * text
    )
    score = np.where(eligible, points * budget * capacity, -np.inf)

    top = _top(score, candidates.vendor_ids, limit)
    return [
        _explain(
            request,
            candidates,
            index=int(i),
            rank=position + 1,
            parts={
                "expertise": W.EXPERTISE * expertise[i],
                "skills": W.SKILLS * skills[i],
                "languages": W.LANGUAGES * languages[i],
                "rating": W.RATING * rating[i],
                "text": W.TEXT * text[i],
            },
            budget=float(budget[i]),
            capacity=float(capacity[i]),
            via_sector=str(via_sector[i]),  # a NumPy str_ would leak into the reasons
        )
        for position, i in enumerate(top)
    ]


def _eligible(request: RequestProfile, c: Candidates) -> np.ndarray:
    """Hard constraints: approved, every required certification, one shared language."""
    ok = c.approved.astype(bool)
    for _code, _params, failing in _failures(request, c.languages, c.certifications):
        ok &= ~failing
    return ok


def _failures(
    request: RequestProfile, languages: np.ndarray, certifications: Mapping[str, np.ndarray]
) -> list[tuple[ExclusionCode, dict, np.ndarray]]:
    """Per hard constraint (beyond approval), which rows fail it: the one definition that both
    ranking (`_eligible`) and the count of who was left out (`exclusions`) apply."""
    failures = [
        (
            ExclusionCode.NO_SHARED_LANGUAGE,
            {},
            (languages & language_mask(request.languages)) == 0,
        )
    ]
    for slug in sorted(request.required_certifications):
        held = certifications.get(slug)
        lacking = np.ones(len(languages), dtype=bool) if held is None else ~held.astype(bool)
        failures.append((ExclusionCode.CERTIFICATION_MISSING, {"certification": slug}, lacking))
    return failures


def exclusions(request: RequestProfile, population: Population) -> Exclusions:
    """How many of the approved vendors the hard constraints leave out, and why."""
    count = population.count.astype(np.int64)
    failures = _failures(request, population.languages, population.certifications)
    left_out = np.zeros(len(count), dtype=bool)
    by_reason = []
    for code, params, failing in failures:
        left_out |= failing
        failing_count = int(count[failing].sum())
        if failing_count:
            by_reason.append(Exclusion(code, failing_count, params))
    return Exclusions(total=int(count[left_out].sum()), by_reason=by_reason)


def _expertise_value(level: np.ndarray, years: np.ndarray) -> np.ndarray:
    seasoning = np.minimum(years, W.YEARS_CAP) / W.YEARS_CAP
    return (level / 5.0) * (1.0 - W.YEARS_SHARE + W.YEARS_SHARE * seasoning)


def _expertise(request: RequestProfile, c: Candidates, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Expertise (0–1) and, per vendor, the sector it comes from ("" if none).

    A vendor that lists the request's sector is judged on that row alone — saying "level 1
    in casino" is an answer, not a gap to fill from elsewhere. Otherwise the best related
    sector counts, scaled by the relation's strength.
    """
    zeros = np.zeros(n)
    level = c.expertise_level.get(request.sector, zeros)
    years = c.expertise_years.get(request.sector, zeros)
    has_sector = level > 0
    value = np.where(has_sector, _expertise_value(level, years), 0.0)
    via = np.where(has_sector, request.sector, "")
    for slug, strength in request.related_sectors.items():
        related = strength * _expertise_value(
            c.expertise_level.get(slug, zeros), c.expertise_years.get(slug, zeros)
        )
        better = ~has_sector & (related > value)
        value = np.where(better, related, value)
        via = np.where(better, slug, via)
    return value, via


def _skill_coverage(request: RequestProfile, c: Candidates, n: int) -> np.ndarray:
    """Weighted share of the requested skills the vendor lists; a skill it only describes
    counts PROSE_SKILL_CREDIT of one it lists, less the more skills its prose claims beyond
    those it lists (`_prose_credit`)."""
    total = sum(request.skills.values())
    if total <= 0:
        return np.zeros(n)
    credit = _prose_credit(c, n)
    covered = np.zeros(n)
    for slug, weight in request.skills.items():
        held = _column(c.skills, slug, n)
        described = _column(c.described_skills, slug, n)
        covered += weight * np.where(held, 1.0, np.where(described, credit, 0.0))
    return covered / total


def _prose_credit(c: Candidates, n: int) -> np.ndarray:
    """What a requested skill found only in the vendor's prose is worth (0–PROSE_SKILL_CREDIT):
    nothing for a vendor that lists more than PROSE_LISTED_AT_MOST skills; otherwise full up to
    PROSE_SKILLS_FOCUS skills described but not listed, then shared among them, so that a
    description naming every skill of the marketplace earns next to nothing for each."""
    credit = np.full(n, W.PROSE_SKILL_CREDIT)
    if c.listed_count is not None:
        credit = np.where(c.listed_count <= W.PROSE_LISTED_AT_MOST, credit, 0.0)
    if c.described_only_count is not None:
        spread = np.maximum(c.described_only_count, W.PROSE_SKILLS_FOCUS) / W.PROSE_SKILLS_FOCUS
        credit = credit / spread
    return credit


def _described_coverage(request: RequestProfile, c: Candidates, n: int) -> np.ndarray:
    """Weighted share of the requested skills the vendor's descriptions mention (0–1)."""
    total = sum(request.skills.values())
    if total <= 0:
        return np.zeros(n)
    covered = np.zeros(n)
    for slug, weight in request.skills.items():
        covered += weight * _column(c.described_skills, slug, n)
    return covered / total


def _column(columns: Mapping[str, np.ndarray], slug: str, n: int) -> np.ndarray:
    held = columns.get(slug)
    return np.zeros(n, dtype=bool) if held is None else held.astype(bool)


def _language_share(request: RequestProfile, c: Candidates) -> np.ndarray:
    asked = language_mask(request.languages)
    if asked == 0:
        return np.zeros(len(c))
    shared = c.languages & asked
    counts = sum(((shared & bit) != 0).astype(float) for bit in LANGUAGE_BITS.values())
    return counts / bin(asked).count("1")


def bayesian_rating(total: float, count: float):
    """The mean rating pulled towards the middle of the scale by `RATING_PRIOR_WEIGHT` phantom
    reviews, so that one review cannot dominate: one 5★ gives 3.33, ten give 4.33.

    Works on scalars and NumPy arrays; NaN where there are no reviews.
    """
    count = np.asarray(count, dtype=float)
    mean = (W.RATING_PRIOR_MEAN * W.RATING_PRIOR_WEIGHT + np.asarray(total, dtype=float)) / (
        W.RATING_PRIOR_WEIGHT + count
    )
    result = np.where(count > 0, mean, np.nan)
    return float(result) if result.ndim == 0 else result


def _rating(c: Candidates, n: int) -> np.ndarray:
    if c.rating is None:
        return np.full(n, W.NEUTRAL_RATING)
    stars = np.clip(c.rating, W.RATING_MIN, W.RATING_MAX)
    share = (stars - W.RATING_MIN) / (W.RATING_MAX - W.RATING_MIN)
    return np.where(np.isnan(c.rating), W.NEUTRAL_RATING, share)


def _budget_factor(request: RequestProfile, c: Candidates) -> np.ndarray:
    if not request.hourly_budget_max:
        return np.ones(len(c))
    overshoot = c.rate_min / request.hourly_budget_max - 1.0
    return np.clip(1.0 - W.BUDGET_SLOPE * np.maximum(overshoot, 0.0), W.BUDGET_FLOOR, 1.0)


def _capacity_factor(request: RequestProfile, c: Candidates) -> np.ndarray:
    ratio = np.minimum(c.team_size / max(request.team_size, 1), 1.0)
    return np.maximum(ratio**W.CAPACITY_EXPONENT, W.CAPACITY_FLOOR)


def _top(score: np.ndarray, vendor_ids: np.ndarray, limit: int) -> np.ndarray:
    finite = np.flatnonzero(np.isfinite(score))
    if len(finite) > limit:
        # Keep every vendor tied with the limit-th score, then order exactly.
        kth = np.partition(score[finite], -limit)[-limit]
        finite = finite[score[finite] >= kth]
    order = np.lexsort((vendor_ids[finite], -score[finite]))
    return finite[order][:limit]


def _explain(
    request: RequestProfile,
    c: Candidates,
    *,
    index: int,
    rank: int,
    parts: dict[str, float],
    budget: float,
    capacity: float,
    via_sector: str,
) -> Match:
    parts = {name: float(value) for name, value in parts.items()}
    points = sum(parts.values())
    breakdown = {name: _points(value) for name, value in parts.items()}
    # Penalties as negative contributions, so the breakdown adds up to the score.
    breakdown["budget"] = _points(-points * (1.0 - budget))
    breakdown["capacity"] = _points(-points * budget * (1.0 - capacity))
    score = round(points * budget * capacity, 1)
    return Match(
        vendor_id=int(c.vendor_ids[index]),
        rank=rank,
        score=score,
        breakdown=breakdown,
        reasons=_reasons(request, c, index, via_sector, budget, capacity),
    )


def _points(value: float) -> float:
    return round(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def _reasons(
    request: RequestProfile, c: Candidates, i: int, via_sector: str, budget: float, capacity: float
) -> list[Reason]:
    reasons = []
    if via_sector == request.sector:
        reasons.append(
            Reason(
                ReasonCode.SECTOR_EXPERTISE,
                met=bool(c.expertise_level[request.sector][i] >= 3),
                params={
                    "sector": request.sector,
                    "level": int(c.expertise_level[request.sector][i]),
                    "years": int(c.expertise_years[request.sector][i]),
                },
            )
        )
    elif via_sector:
        reasons.append(
            Reason(
                ReasonCode.RELATED_EXPERTISE,
                met=True,
                params={
                    "sector": request.sector,
                    "related": via_sector,
                    "level": int(c.expertise_level[via_sector][i]),
                    "years": int(c.expertise_years[via_sector][i]),
                },
            )
        )
    else:
        reasons.append(
            Reason(ReasonCode.NO_SECTOR_EXPERTISE, met=False, params={"sector": request.sector})
        )

    if request.skills:
        held = [s for s in request.skills if s in c.skills and c.skills[s][i]]
        described = [
            s
            for s in request.skills
            if s not in held and s in c.described_skills and c.described_skills[s][i]
        ]
        missing = [s for s in request.skills if s not in held and s not in described]
        if held:
            reasons.append(Reason(ReasonCode.SKILLS_COVERED, met=True, params={"skills": held}))
        if described:
            reasons.append(
                Reason(ReasonCode.SKILLS_DESCRIBED, met=True, params={"skills": described})
            )
        if missing:
            reasons.append(Reason(ReasonCode.SKILLS_MISSING, met=False, params={"skills": missing}))

    if request.required_certifications:
        reasons.append(
            Reason(
                ReasonCode.CERTIFICATIONS_HELD,
                met=True,
                params={"certifications": sorted(request.required_certifications)},
            )
        )

    shared = _languages_of(int(c.languages[i]) & language_mask(request.languages))
    unshared = sorted(request.languages - set(shared))
    reasons.append(Reason(ReasonCode.LANGUAGES_SHARED, met=True, params={"languages": shared}))
    if unshared:
        reasons.append(
            Reason(ReasonCode.LANGUAGES_MISSING, met=False, params={"languages": unshared})
        )

    if request.hourly_budget_max:
        rate_params = {
            "rate_min": round(float(c.rate_min[i]), 2),
            "rate_max": round(float(c.rate_max[i]), 2),
            "budget_max": round(float(request.hourly_budget_max), 2),
        }
        reasons.append(
            Reason(
                ReasonCode.RATE_FITS_BUDGET if budget >= 1.0 else ReasonCode.RATE_ABOVE_BUDGET,
                met=budget >= 1.0,
                params=rate_params,
            )
        )

    team = {"team_size": int(c.team_size[i]), "needed": int(request.team_size)}
    reasons.append(
        Reason(
            ReasonCode.TEAM_LARGE_ENOUGH if capacity >= 1.0 else ReasonCode.TEAM_TOO_SMALL,
            met=capacity >= 1.0,
            params=team,
        )
    )
    return reasons
