"""The ranking core on its own: NumPy columns in, ranked matches out; no database.

Each test builds a request and a few vendors by hand, so a signal or a hard constraint can be
watched moving the score by exactly the weight `weights.py` documents.
"""

import dataclasses
import json
import math

import numpy as np
import pytest

from marketplace.matching import core
from marketplace.matching import weights as W

SECTOR = "sports-betting"
NAN = float("nan")
# Speaks the request's language, big enough team, no expertise, no skills, no reviews.
BASELINE_SCORE = W.LANGUAGES + W.RATING * W.NEUTRAL_RATING


def profile(**overrides) -> core.RequestProfile:
    fields = {"sector": SECTOR, "team_size": 5, "languages": frozenset({"es"}), **overrides}
    return core.RequestProfile(**fields)


def vendor(
    vendor_id: int,
    *,
    rate_min: float = 80.0,
    rate_max: float = 120.0,
    team_size: int = 10,
    languages=("es",),
    approved: bool = True,
    expertise: dict | None = None,
    skills=(),
    described=(),
    certifications=(),
    rating: float = NAN,
) -> dict:
    """One vendor as a row; `expertise` maps sector slug → (level, years); `described` are the
    skills its descriptions mention (listed or not)."""
    return {
        "id": vendor_id,
        "rate_min": rate_min,
        "rate_max": rate_max,
        "team_size": team_size,
        "languages": core.language_mask(languages),
        "approved": approved,
        "expertise": expertise or {},
        "skills": set(skills),
        "described": set(described),
        "certifications": set(certifications),
        "rating": rating,
    }


def candidates(*vendors: dict) -> core.Candidates:
    """Rows → columns, the way `loading.load_candidates` hands them to the core."""

    def column(key, dtype=np.float64):
        return np.array([v[key] for v in vendors], dtype=dtype)

    def membership(key):
        slugs = set().union(*(v[key] for v in vendors))
        return {s: np.array([s in v[key] for v in vendors], dtype=bool) for s in slugs}

    sectors = set().union(*(v["expertise"] for v in vendors))
    return core.Candidates(
        vendor_ids=column("id", np.int64),
        rate_min=column("rate_min"),
        rate_max=column("rate_max"),
        team_size=column("team_size"),
        languages=column("languages", np.int64),
        approved=column("approved", bool),
        expertise_level={
            s: np.array([v["expertise"].get(s, (0, 0))[0] for v in vendors], dtype=np.float64)
            for s in sectors
        },
        expertise_years={
            s: np.array([v["expertise"].get(s, (0, 0))[1] for v in vendors], dtype=np.float64)
            for s in sectors
        },
        skills=membership("skills"),
        described_skills=membership("described"),
        described_only_count=np.array([len(v["described"] - v["skills"]) for v in vendors]),
        listed_count=np.array([len(v["skills"]) for v in vendors]),
        certifications=membership("certifications"),
        rating=column("rating"),
    )


def only(request: core.RequestProfile, row: dict) -> core.Match:
    [match] = core.rank(request, candidates(row))
    return match


def ids(matches) -> list[int]:
    return [m.vendor_id for m in matches]


def reason(match: core.Match, code: str) -> core.Reason:
    [found] = [r for r in match.reasons if r.code == code]
    return found


def codes(match: core.Match) -> set[str]:
    return {r.code for r in match.reasons}


def expertise_points(level: float, years: float, strength: float = 1.0) -> float:
    seasoning = min(years, W.YEARS_CAP) / W.YEARS_CAP
    return W.EXPERTISE * strength * level / 5 * (1 - W.YEARS_SHARE + W.YEARS_SHARE * seasoning)


def test_weights_add_up_to_100():
    assert W.EXPERTISE + W.SKILLS + W.LANGUAGES + W.RATING + W.TEXT == 100


def test_ranking_cannot_be_bought():
    """A vendor reaches the core only through these columns; none of them is paid for."""
    assert {f.name for f in dataclasses.fields(core.Candidates)} == {
        "vendor_ids",
        "rate_min",
        "rate_max",
        "team_size",
        "languages",
        "approved",
        "expertise_level",
        "expertise_years",
        "skills",
        "described_skills",
        "described_only_count",
        "listed_count",
        "certifications",
        "rating",
    }


# Expertise


def test_a_vendor_without_anything_special_gets_the_baseline():
    match = only(profile(), vendor(1))

    assert match.score == pytest.approx(BASELINE_SCORE)
    assert match.breakdown["expertise"] == 0


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_expertise_counts_the_level_out_of_five(level):
    match = only(profile(), vendor(1, expertise={SECTOR: (level, 0)}))

    assert match.breakdown["expertise"] == pytest.approx(expertise_points(level, 0))
    assert match.score == pytest.approx(BASELINE_SCORE + expertise_points(level, 0), abs=0.05)


def test_years_of_practice_move_expertise_by_at_most_years_share():
    scores = [
        only(profile(), vendor(1, expertise={SECTOR: (5, years)})).breakdown["expertise"]
        for years in (0, 5, W.YEARS_CAP, 3 * W.YEARS_CAP)
    ]

    assert scores[0] == pytest.approx(W.EXPERTISE * (1 - W.YEARS_SHARE))
    assert scores[0] < scores[1] < scores[2]
    assert scores[2] == scores[3] == pytest.approx(W.EXPERTISE)


def test_expertise_in_the_sector_is_a_met_reason_from_level_three():
    strong = only(profile(), vendor(1, expertise={SECTOR: (3, 4)}))
    weak = only(profile(), vendor(1, expertise={SECTOR: (2, 4)}))

    assert reason(strong, "sector_expertise") == core.Reason(
        "sector_expertise", met=True, params={"sector": SECTOR, "level": 3, "years": 4}
    )
    assert reason(weak, "sector_expertise").met is False


def test_a_related_sector_earns_its_strength_times_the_level():
    request = profile(related_sectors={"igaming": 0.6, "lottery": 0.4})
    match = only(request, vendor(1, expertise={"igaming": (5, 15), "lottery": (5, 15)}))

    assert match.breakdown["expertise"] == pytest.approx(0.6 * W.EXPERTISE)
    assert reason(match, "related_expertise") == core.Reason(
        "related_expertise",
        met=True,
        params={"sector": SECTOR, "related": "igaming", "level": 5, "years": 15},
    )


def test_a_vendor_listing_the_sector_is_judged_on_that_row_even_if_a_related_one_is_stronger():
    request = profile(related_sectors={"igaming": 0.6})
    match = only(request, vendor(1, expertise={SECTOR: (1, 2), "igaming": (5, 15)}))

    assert match.breakdown["expertise"] == pytest.approx(expertise_points(1, 2))
    assert codes(match) >= {"sector_expertise"}
    assert "related_expertise" not in codes(match)
    assert reason(match, "sector_expertise").met is False


def test_expertise_in_an_unrelated_sector_earns_nothing():
    request = profile(related_sectors={"igaming": 0.6})
    match = only(request, vendor(1, expertise={"blockchain": (5, 15)}))

    assert match.breakdown["expertise"] == 0
    assert reason(match, "no_sector_expertise") == core.Reason(
        "no_sector_expertise", met=False, params={"sector": SECTOR}
    )


def test_real_expertise_outranks_related_expertise():
    request = profile(related_sectors={"igaming": 0.6})
    matches = core.rank(
        request,
        candidates(
            vendor(1, expertise={"igaming": (5, 15)}),
            vendor(2, expertise={SECTOR: (4, 5)}),
        ),
    )

    assert ids(matches) == [2, 1]


# Skills


def test_skill_coverage_is_the_weighted_share_of_requested_skills():
    request = profile(skills={"sportsbook": 1.0, "odds-feeds": 1.0, "risk-management": 0.5})
    match = only(request, vendor(1, skills={"sportsbook", "risk-management", "python"}))

    assert match.breakdown["skills"] == pytest.approx(W.SKILLS * 1.5 / 2.5)
    assert reason(match, "skills_covered").params == {"skills": ["sportsbook", "risk-management"]}
    assert reason(match, "skills_missing") == core.Reason(
        "skills_missing", met=False, params={"skills": ["odds-feeds"]}
    )


def test_every_requested_skill_earns_the_full_skills_weight():
    request = profile(skills={"sportsbook": 1.0, "odds-feeds": 0.5})
    match = only(request, vendor(1, skills={"sportsbook", "odds-feeds"}))

    assert match.breakdown["skills"] == pytest.approx(W.SKILLS)
    assert "skills_missing" not in codes(match)


def test_a_skill_no_candidate_has_counts_as_missing():
    request = profile(skills={"sportsbook": 1.0, "odds-feeds": 1.0})
    match = only(request, vendor(1, skills={"sportsbook"}))

    assert match.breakdown["skills"] == pytest.approx(W.SKILLS / 2)
    assert reason(match, "skills_missing").params == {"skills": ["odds-feeds"]}


def test_a_request_without_skills_gives_no_skill_points_or_reasons():
    match = only(profile(), vendor(1, skills={"sportsbook"}))

    assert match.breakdown["skills"] == 0
    assert not codes(match) & {"skills_covered", "skills_missing"}


# Languages


def test_languages_count_the_share_of_the_requests_languages_spoken():
    request = profile(languages=frozenset({"es", "en"}))
    half = only(request, vendor(1, languages=("es", "fr")))
    full = only(request, vendor(1, languages=("es", "en")))

    assert half.breakdown["languages"] == pytest.approx(W.LANGUAGES / 2)
    assert full.breakdown["languages"] == pytest.approx(W.LANGUAGES)
    assert reason(half, "languages_shared").params == {"languages": ["es"]}
    assert reason(half, "languages_missing") == core.Reason(
        "languages_missing", met=False, params={"languages": ["en"]}
    )
    assert "languages_missing" not in codes(full)


# Rating


@pytest.mark.parametrize("rating", [None, NAN])
def test_a_vendor_without_reviews_gets_the_neutral_rating(rating):
    request = profile()
    columns = candidates(vendor(1))
    columns.rating = None if rating is None else np.array([rating])

    [match] = core.rank(request, columns)

    assert match.breakdown["rating"] == pytest.approx(W.RATING * W.NEUTRAL_RATING)


@pytest.mark.parametrize(
    ("stars", "share"), [(0, 0.0), (1, 0.0), (2, 0.25), (3, 0.5), (4, 0.75), (5, 1.0), (7, 1.0)]
)
def test_a_rating_counts_from_one_to_five_stars(stars, share):
    match = only(profile(), vendor(1, rating=stars))

    assert match.breakdown["rating"] == pytest.approx(W.RATING * share)


def test_a_newcomer_ranks_above_a_poorly_reviewed_vendor_and_below_a_well_reviewed_one():
    matches = core.rank(
        profile(), candidates(vendor(1, rating=1.0), vendor(2), vendor(3, rating=4.5))
    )

    assert ids(matches) == [3, 2, 1]


# Budget


def with_budget(budget_max: float = 100.0) -> core.RequestProfile:
    return profile(hourly_budget_min=budget_max / 2, hourly_budget_max=budget_max)


@pytest.mark.parametrize("rate_min", [40.0, 99.99, 100.0])
def test_a_rate_within_the_budget_costs_nothing(rate_min):
    match = only(with_budget(100.0), vendor(1, rate_min=rate_min, rate_max=400.0))

    assert match.score == pytest.approx(BASELINE_SCORE)
    assert match.breakdown["budget"] == 0
    assert reason(match, "rate_fits_budget") == core.Reason(
        "rate_fits_budget",
        met=True,
        params={"rate_min": rate_min, "rate_max": 400.0, "budget_max": 100.0},
    )


@pytest.mark.parametrize("rate_min", [110.0, 150.0, 250.0])
def test_a_rate_above_the_budget_falls_linearly(rate_min):
    factor = 1 - W.BUDGET_SLOPE * (rate_min / 100.0 - 1)
    match = only(with_budget(100.0), vendor(1, rate_min=rate_min, rate_max=rate_min * 2))

    assert match.score == pytest.approx(BASELINE_SCORE * factor, abs=0.05)
    assert match.breakdown["budget"] == pytest.approx(-BASELINE_SCORE * (1 - factor), abs=0.005)
    assert reason(match, "rate_above_budget").met is False
    assert "rate_fits_budget" not in codes(match)


def test_a_rate_far_above_the_budget_stops_at_the_floor():
    match = only(with_budget(100.0), vendor(1, rate_min=10_000.0, rate_max=20_000.0))

    assert match.score == pytest.approx(BASELINE_SCORE * W.BUDGET_FLOOR, abs=0.05)


def test_a_request_without_budget_has_no_rate_reason():
    match = only(profile(), vendor(1, rate_min=10_000.0, rate_max=20_000.0))

    assert match.breakdown["budget"] == 0
    assert not codes(match) & {"rate_fits_budget", "rate_above_budget"}


def test_the_cheaper_of_two_equal_vendors_ranks_first_only_when_the_other_is_over_budget():
    over = core.rank(
        with_budget(100.0),
        candidates(vendor(1, rate_min=150.0, rate_max=200.0), vendor(2, rate_min=90.0)),
    )
    both_fit = core.rank(
        with_budget(100.0),
        candidates(vendor(1, rate_min=95.0, rate_max=200.0), vendor(2, rate_min=60.0)),
    )

    assert ids(over) == [2, 1]
    assert ids(both_fit) == [1, 2]


# Capacity


@pytest.mark.parametrize(("team", "factor"), [(10, 1.0), (25, 1.0), (5, 0.5), (8, 0.8)])
def test_capacity_is_the_ratio_of_team_sizes(team, factor):
    match = only(profile(team_size=10), vendor(1, team_size=team))

    assert match.score == pytest.approx(BASELINE_SCORE * factor, abs=0.05)
    assert match.breakdown["capacity"] == pytest.approx(-BASELINE_SCORE * (1 - factor), abs=0.005)


def test_a_tiny_team_stops_at_the_capacity_floor():
    match = only(profile(team_size=100), vendor(1, team_size=1))

    assert match.score == pytest.approx(BASELINE_SCORE * W.CAPACITY_FLOOR, abs=0.05)


def test_team_size_is_a_met_or_unmet_reason():
    large = only(profile(team_size=10), vendor(1, team_size=10))
    small = only(profile(team_size=10), vendor(1, team_size=4))

    assert reason(large, "team_large_enough") == core.Reason(
        "team_large_enough", met=True, params={"team_size": 10, "needed": 10}
    )
    assert reason(small, "team_too_small") == core.Reason(
        "team_too_small", met=False, params={"team_size": 4, "needed": 10}
    )


# Hard constraints


def test_a_vendor_that_is_not_approved_never_appears():
    matches = core.rank(
        profile(), candidates(vendor(1, approved=False, expertise={SECTOR: (5, 15)}), vendor(2))
    )

    assert ids(matches) == [2]


def test_a_vendor_missing_one_required_certification_never_appears():
    request = profile(required_certifications=frozenset({"gli-certified", "agco-registered"}))
    matches = core.rank(
        request,
        candidates(
            vendor(1, certifications={"gli-certified"}, expertise={SECTOR: (5, 15)}),
            vendor(2, certifications={"gli-certified", "agco-registered"}),
        ),
    )

    assert ids(matches) == [2]
    assert reason(matches[0], "certifications_held") == core.Reason(
        "certifications_held",
        met=True,
        params={"certifications": ["agco-registered", "gli-certified"]},
    )


def test_a_certification_nobody_holds_leaves_nobody():
    request = profile(required_certifications=frozenset({"gli-certified", "pci-dss"}))
    columns = candidates(vendor(1, certifications={"gli-certified"}), vendor(2))

    assert core.rank(request, columns) == []


def test_a_vendor_sharing_no_language_never_appears():
    request = profile(languages=frozenset({"es", "fr"}))
    matches = core.rank(
        request,
        candidates(
            vendor(1, languages=("en",), expertise={SECTOR: (5, 15)}),
            vendor(2, languages=("fr",)),
        ),
    )

    assert ids(matches) == [2]


def test_no_certifications_required_gives_no_certification_reason():
    match = only(profile(), vendor(1, certifications={"gli-certified"}))

    assert "certifications_held" not in codes(match)


# Who the hard constraints leave out


def population(*vendors: dict, count=None) -> core.Population:
    """Approved vendors as `exclusions` takes them: one row per vendor unless `count` groups."""
    columns = candidates(*vendors)
    return core.Population(
        languages=columns.languages,
        count=np.ones(len(vendors), dtype=np.int64) if count is None else np.array(count),
        certifications=columns.certifications,
    )


def test_exclusions_count_the_vendors_sharing_no_language():
    request = profile(languages=frozenset({"es", "fr"}))

    left_out = core.exclusions(
        request,
        population(vendor(1, languages=("en",)), vendor(2, languages=("fr",)), vendor(3)),
    )

    assert left_out == core.Exclusions(
        total=1, by_reason=[core.Exclusion(core.ExclusionCode.NO_SHARED_LANGUAGE, 1)]
    )


def test_exclusions_name_each_missing_certification_and_count_a_vendor_once_in_the_total():
    request = profile(required_certifications=frozenset({"gli-certified", "agco-registered"}))

    left_out = core.exclusions(
        request,
        population(
            vendor(1, languages=("en",)),
            vendor(2, certifications={"gli-certified"}),
            vendor(3, certifications={"gli-certified", "agco-registered"}),
        ),
    )

    assert left_out.total == 2
    assert left_out.by_reason == [
        core.Exclusion(core.ExclusionCode.NO_SHARED_LANGUAGE, 1),
        core.Exclusion(
            core.ExclusionCode.CERTIFICATION_MISSING, 2, {"certification": "agco-registered"}
        ),
        core.Exclusion(
            core.ExclusionCode.CERTIFICATION_MISSING, 1, {"certification": "gli-certified"}
        ),
    ]


def test_exclusions_weigh_grouped_rows_by_their_count():
    request = profile(required_certifications=frozenset({"gli-certified"}))
    grouped = population(
        vendor(1, languages=("en",)),
        vendor(2, certifications={"gli-certified"}),
        vendor(3),
        count=[20, 7, 12],
    )

    left_out = core.exclusions(request, grouped)

    assert left_out.total == 32
    assert [(e.code, e.count) for e in left_out.by_reason] == [
        ("no_shared_language", 20),
        ("certification_missing", 32),
    ]


def test_a_certification_no_row_lists_leaves_everyone_out():
    request = profile(required_certifications=frozenset({"pci-dss"}))

    left_out = core.exclusions(request, population(vendor(1), vendor(2)))

    assert left_out.total == 2
    assert left_out.by_reason == [
        core.Exclusion(core.ExclusionCode.CERTIFICATION_MISSING, 2, {"certification": "pci-dss"})
    ]


def test_nobody_left_out_lists_no_reason():
    assert core.exclusions(profile(), population(vendor(1), vendor(2))) == core.Exclusions(0, [])
    assert core.exclusions(profile(), population()) == core.Exclusions(0, [])


def test_the_vendors_left_out_are_exactly_those_ranking_leaves_out():
    request = profile(
        languages=frozenset({"es", "fr"}), required_certifications=frozenset({"gli-certified"})
    )
    rows = [
        vendor(i, languages=languages, certifications=held)
        for i, (languages, held) in enumerate(
            [
                (("en",), set()),
                (("fr",), {"gli-certified"}),
                (("es",), set()),
                (("en",), {"gli-certified"}),
                (("es", "en"), {"gli-certified"}),
            ],
            start=1,
        )
    ]

    ranked = core.rank(request, candidates(*rows))
    left_out = core.exclusions(request, population(*rows))

    assert len(ranked) + left_out.total == len(rows)


# Ranking


def test_no_candidates_gives_no_matches():
    assert core.rank(profile(), candidates()) == []


def test_only_ineligible_candidates_gives_no_matches():
    assert core.rank(profile(), candidates(vendor(1, approved=False))) == []


def test_ties_go_to_the_lower_vendor_id():
    columns = candidates(vendor(30), vendor(10), vendor(20))

    assert ids(core.rank(profile(), columns)) == [10, 20, 30]
    assert ids(core.rank(profile(), columns, limit=1)) == [10]


def test_results_are_best_first_limited_and_ranked_from_one():
    columns = candidates(*(vendor(i, expertise={SECTOR: (i % 5 + 1, i)}) for i in range(1, 13)))

    matches = core.rank(profile(), columns, limit=5)

    assert len(matches) == 5
    assert [m.rank for m in matches] == [1, 2, 3, 4, 5]
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert ids(matches) == [9, 4, 8, 3, 12]


def test_a_limit_above_the_candidates_returns_them_all():
    matches = core.rank(profile(), candidates(vendor(1), vendor(2)), limit=50)

    assert [m.rank for m in matches] == [1, 2]


def test_a_limit_of_zero_returns_nothing():
    assert core.rank(profile(), candidates(vendor(1)), limit=0) == []


def varied_vendors(count: int, seed: int = 4) -> core.Candidates:
    rng = np.random.default_rng(seed)
    rows = []
    for vendor_id in range(1, count + 1):
        expertise = {}
        for slug in (SECTOR, "igaming"):
            if rng.random() < 0.5:
                expertise[slug] = (int(rng.integers(1, 6)), int(rng.integers(0, 30)))
        rows.append(
            vendor(
                vendor_id,
                rate_min=float(rng.uniform(40, 250)),
                rate_max=300.0,
                team_size=int(rng.integers(0, 30)),
                languages=[c for c in ("en", "fr", "es") if rng.random() < 0.6] or ["es"],
                expertise=expertise,
                skills={s for s in ("sportsbook", "odds-feeds", "python") if rng.random() < 0.5},
                described={s for s in ("sportsbook", "live-dealer") if rng.random() < 0.5},
                rating=float(rng.uniform(0, 5)) if rng.random() < 0.5 else NAN,
            )
        )
    return candidates(*rows)


VARIED_REQUEST = profile(
    team_size=12,
    languages=frozenset({"es", "en"}),
    skills={"sportsbook": 1.0, "odds-feeds": 0.5, "live-dealer": 1.0},
    related_sectors={"igaming": 0.6},
    hourly_budget_min=60.0,
    hourly_budget_max=120.0,
)


def test_the_breakdown_adds_up_to_the_score_and_penalties_only_subtract():
    matches = core.rank(VARIED_REQUEST, varied_vendors(200), limit=200)

    assert matches
    for match in matches:
        assert set(match.breakdown) == {
            "expertise",
            "skills",
            "languages",
            "rating",
            "text",
            "budget",
            "capacity",
        }
        assert sum(match.breakdown.values()) == pytest.approx(match.score, abs=0.1)
        assert match.breakdown["budget"] <= 0
        assert match.breakdown["capacity"] <= 0
        assert 0 <= match.score <= 100


def test_a_vendor_meeting_everything_scores_100():
    request = profile(skills={"sportsbook": 1.0}, hourly_budget_max=100.0)
    columns = candidates(
        vendor(
            1,
            expertise={SECTOR: (5, 15)},
            skills={"sportsbook"},
            described={"sportsbook"},
            rating=5.0,
            rate_min=90,
        )
    )

    [match] = core.rank(request, columns)

    assert match.score == 100


def plain(value) -> bool:
    """Only what a JSON column stores as is: no NumPy scalars, not even str subclasses."""
    if type(value) is dict:
        return all(type(k) is str and plain(v) for k, v in value.items())
    if type(value) is list:
        return all(plain(v) for v in value)
    if type(value) is float:
        return math.isfinite(value)
    return type(value) in (str, int, bool)


def test_matches_hold_only_plain_python_values():
    matches = core.rank(VARIED_REQUEST, varied_vendors(60), limit=60)

    assert {r.code for m in matches for r in m.reasons} >= {"related_expertise"}
    for match in matches:
        assert type(match.vendor_id) is int
        assert type(match.rank) is int
        assert type(match.score) is float
        assert plain(match.breakdown)
        for r in match.reasons:
            assert type(r.code) is core.ReasonCode  # a str, stored as its value
            assert type(r.met) is bool
            assert plain(r.params), r
        json.dumps([dataclasses.asdict(match)])


# Free text: skills read from vendors' descriptions


def test_without_described_skills_text_earns_nothing():
    match = only(profile(skills={"sportsbook": 1.0}), vendor(1))

    assert match.breakdown["text"] == 0


def test_text_is_the_weighted_share_of_requested_skills_the_description_mentions():
    request = profile(skills={"sportsbook": 1.0, "odds-feeds": 1.0})

    match = only(request, vendor(1, skills={"sportsbook", "odds-feeds"}, described={"sportsbook"}))

    assert match.breakdown["text"] == pytest.approx(W.TEXT / 2)


def test_a_skill_only_described_counts_below_a_listed_one():
    request = profile(skills={"sportsbook": 1.0, "odds-feeds": 1.0})
    lister = vendor(1, skills={"sportsbook", "odds-feeds"})
    describer = vendor(2, skills={"sportsbook"}, described={"odds-feeds"})

    by_id = {m.vendor_id: m for m in core.rank(request, candidates(lister, describer))}

    assert by_id[1].breakdown["skills"] == pytest.approx(W.SKILLS)
    assert by_id[2].breakdown["skills"] == pytest.approx(W.SKILLS * (1 + W.PROSE_SKILL_CREDIT) / 2)
    assert reason(by_id[2], "skills_described").params == {"skills": ["odds-feeds"]}
    assert reason(by_id[2], "skills_covered").params == {"skills": ["sportsbook"]}
    assert "skills_missing" not in codes(by_id[2])


def test_prose_counts_only_for_a_vendor_that_lists_hardly_any_skills():
    request = profile(skills={"sportsbook": 1.0, "odds-feeds": 1.0, "live-dealer": 1.0})
    lists_more = vendor(
        1, skills={"sportsbook", "python", "java"}, described={"odds-feeds", "live-dealer"}
    )

    match = only(request, lists_more)

    assert W.PROSE_LISTED_AT_MOST < 3
    assert match.breakdown["skills"] == pytest.approx(W.SKILLS / 3)
    # Its description still earns the small text signal.
    assert match.breakdown["text"] == pytest.approx(W.TEXT * 2 / 3, abs=0.01)


def test_a_description_claiming_many_skills_earns_little_for_each():
    request = profile(skills={"sportsbook": 1.0})
    everything = {f"skill-{i}" for i in range(4 * W.PROSE_SKILLS_FOCUS)} | {"sportsbook"}

    focused = only(request, vendor(1, described={"sportsbook"}))
    stuffer = only(request, vendor(2, described=everything))

    assert focused.breakdown["skills"] == pytest.approx(W.SKILLS * W.PROSE_SKILL_CREDIT)
    assert stuffer.breakdown["skills"] == pytest.approx(
        W.SKILLS * W.PROSE_SKILL_CREDIT * W.PROSE_SKILLS_FOCUS / len(everything)
    )


def test_prose_naming_everything_never_outranks_real_expertise_and_skills():
    request = profile(
        skills={"sportsbook": 1.0, "odds-feeds": 1.0}, related_sectors={"igaming": 0.6}
    )
    expert = vendor(1, expertise={SECTOR: (3, 2)}, skills={"sportsbook", "odds-feeds"})
    talkers = [
        # Lists nothing, describes every skill there is, with more years and reviews.
        vendor(
            2,
            expertise={SECTOR: (2, 30), "igaming": (5, 30)},
            described={"sportsbook", "odds-feeds", *(f"skill-{i}" for i in range(40))},
            rating=5.0,
        ),
        # Describes exactly what is asked, and nothing else.
        vendor(
            3,
            expertise={SECTOR: (2, 30), "igaming": (5, 30)},
            described={"sportsbook", "odds-feeds"},
            rating=5.0,
        ),
    ]

    matches = core.rank(request, candidates(expert, *talkers))

    assert ids(matches)[0] == 1


# Reasons


def test_reasons_list_met_and_unmet_requirements():
    request = profile(
        team_size=10,
        languages=frozenset({"es", "en"}),
        skills={"sportsbook": 1.0, "odds-feeds": 1.0},
        required_certifications=frozenset({"gli-certified"}),
        hourly_budget_max=100.0,
    )
    ideal = vendor(
        1,
        languages=("es", "en"),
        expertise={SECTOR: (5, 10)},
        skills={"sportsbook", "odds-feeds"},
        certifications={"gli-certified"},
        rate_min=90.0,
        team_size=12,
    )
    short = vendor(
        2, languages=("es",), certifications={"gli-certified"}, rate_min=150.0, team_size=3
    )

    by_id = {m.vendor_id: m for m in core.rank(request, candidates(ideal, short))}

    assert [(r.code, r.met) for r in by_id[1].reasons] == [
        ("sector_expertise", True),
        ("skills_covered", True),
        ("certifications_held", True),
        ("languages_shared", True),
        ("rate_fits_budget", True),
        ("team_large_enough", True),
    ]
    assert [(r.code, r.met) for r in by_id[2].reasons] == [
        ("no_sector_expertise", False),
        ("skills_missing", False),
        ("certifications_held", True),
        ("languages_shared", True),
        ("languages_missing", False),
        ("rate_above_budget", False),
        ("team_too_small", False),
    ]


def test_the_bayesian_rating_keeps_one_review_from_dominating():
    assert core.bayesian_rating(5, 1) == pytest.approx(10 / 3)
    assert core.bayesian_rating(50, 10) == pytest.approx(65 / 15)
    assert core.bayesian_rating(1, 1) == pytest.approx(16 / 6)
    assert np.isnan(core.bayesian_rating(0, 0))
    many = core.bayesian_rating(np.array([0, 5, 40]), np.array([0, 1, 10]))
    assert np.isnan(many[0])
    assert many[1] < many[2]
