"""The evaluation's metrics (marketplace/matching/evaluation.py): DCG and NDCG@10, the BM25
baseline, and the hard constraints a vendor a buyer must never see breaks. No database: the
module is as pure as the core it measures."""

import math

import pytest

from marketplace.matching.evaluation import (
    GENERIC_SECTOR,
    bm25_scores,
    breaks_hard_constraint,
    dcg,
    evaluate,
    ndcg,
    request_slices,
    roughened,
    summarize_slices,
)


def test_dcg_discounts_each_gain_by_the_log_of_its_rank():
    assert dcg([3, 0, 1]) == pytest.approx(7 / 1 + 0 / math.log2(3) + 1 / 2)


def test_ndcg_compares_with_the_best_order_of_every_graded_vendor():
    # Graded: one 2 and two 1s. Ranked: an ungraded vendor, the 2, then a 1.
    got = ndcg([0, 2, 1], [2, 1, 1])
    assert got == pytest.approx((3 / math.log2(3) + 1 / 2) / (3 + 1 / math.log2(3) + 1 / 2))


def test_ndcg_is_one_for_the_ideal_order():
    assert ndcg([3, 2, 1, 0], [1, 3, 2]) == pytest.approx(1.0)


def test_ndcg_counts_only_the_top_ten():
    eleven_ones = [1] * 11
    assert ndcg([0] * 10 + [1], eleven_ones) == 0.0
    assert ndcg(eleven_ones, eleven_ones) == pytest.approx(1.0)


def test_ndcg_is_zero_when_no_vendor_is_relevant():
    assert ndcg([0, 0], []) == 0.0


def test_bm25_ranks_the_document_with_the_query_words_first():
    documents = [
        ["we", "build", "mobile", "apps"],
        ["sportsbook", "engines", "and", "live", "odds", "feeds", "for", "sportsbook", "operators"],
        ["odds", "and", "ends"],
    ]
    scores = bm25_scores(["sportsbook", "odds"], documents)
    assert list(scores.argsort()[::-1]) == [1, 2, 0]
    assert scores[0] == 0.0


def test_bm25_weighs_rare_words_more_than_common_ones():
    documents = [["cloud", "kubernetes"], ["cloud", "python"], ["cloud", "java"]]
    scores = bm25_scores(["cloud", "kubernetes"], documents)
    assert scores[0] > scores[1] == scores[2] > 0


def test_bm25_scores_nothing_for_an_empty_query():
    assert bm25_scores([], [["a"], ["b"]]).tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("change", "breaks"),
    [
        ({}, False),
        ({"status": "pending"}, True),
        ({"status": "suspended"}, True),
        ({"certifications": []}, True),
        ({"languages": ["fr"]}, True),
    ],
)
def test_a_hard_constraint_is_broken_by_any_vendor_a_buyer_must_never_see(change, breaks):
    request = {"required_certifications": ["gli-certified"], "languages": ["es", "en"]}
    vendor = {"status": "approved", "certifications": ["gli-certified"], "languages": ["en"]}
    assert breaks_hard_constraint(request, {**vendor, **change}) is breaks


# Slices and roughened sets

SKILL_NAMES = {
    "sportsbook": {"en": "Sportsbook", "es": "Casa de apuestas", "fr": "Paris sportifs"},
    "odds-feeds": {"en": "Odds feeds", "es": "Momios en vivo", "fr": "Flux de cotes"},
    "python": {"en": "Python", "es": "Python", "fr": "Python"},
}


def graded_set() -> dict:
    def request(key, title, description, **fields):
        return {
            "key": key,
            "title": title,
            "description": description,
            "sector": "sports-betting",
            "skills": ["sportsbook"],
            "languages": ["es"],
            "required_certifications": [],
            **fields,
        }

    def vendor(key, province="ON", **fields):
        return {
            "key": key,
            "name": f"Vendor {key}",
            "province": province,
            "description": "",
            "status": "approved",
            "languages": ["es"],
            "certifications": [],
            **fields,
        }

    return {
        "requests": [
            request("tidy", "Sportsbook", "We need a sportsbook with live odds."),
            request("text", "Sportsbook", "We need live odds.", skills=[]),
            request(
                "rough",
                "buscamos equipo canadiense",
                "hola, somos una empresa. ocupamos casa de apuestas con momios",
            ),
            request("accented", "Apuestas", "Necesitamos una casa de apuestas en Querétaro."),
            request(
                "misfiled", "Sportsbook", "We need a sportsbook.", sector="software-development"
            ),
            request("true", "Sportsbook", "We need a sportsbook.", true_sector="sports-betting"),
        ],
        "vendors": [
            vendor("v0", skills=["sportsbook", "odds-feeds", "python"]),
            vendor("v1", province="QC", skills=["sportsbook", "odds-feeds", "python"]),
            vendor("v2", skills=["sportsbook"], true_skills=["sportsbook", "odds-feeds"]),
            vendor("v3", skills=["python"]),
        ],
        "grades": {"tidy": {"v2": 2}, "text": {"v2": 1}, "misfiled": {"v0": 3}},
    }


def test_each_request_belongs_to_the_slices_its_fields_say():
    data = graded_set()
    data["requests"][4]["true_sector"] = "sports-betting"

    slices = {r["key"]: request_slices(r, data) for r in data["requests"]}

    assert slices == {
        "tidy": {"prose_vendors"},
        "text": {"text_only"},
        "rough": {"rough_spanish"},
        "accented": set(),
        "misfiled": {"misfiled_sector"},
        "true": set(),
    }


def test_a_slice_summary_averages_its_own_requests_only():
    data = graded_set()
    rankings = {r["key"]: ["v2", "v0"] for r in data["requests"]}

    summaries = {s.name: s for s in summarize_slices(data, evaluate(data, rankings, shuffles=1))}

    assert set(summaries) == {"text_only", "rough_spanish", "prose_vendors"}
    assert summaries["text_only"].requests == 1
    assert summaries["prose_vendors"].norte.ndcg == 1.0
    assert summaries["rough_spanish"].norte.ndcg == 0.0  # nobody graded: nothing to credit


def test_a_roughened_set_keeps_the_grades_and_the_truth_and_is_the_same_for_a_seed():
    data = graded_set()

    rough = roughened(data, seed=7, skill_names=SKILL_NAMES)

    assert rough == roughened(data, seed=7, skill_names=SKILL_NAMES)
    assert rough["grades"] == data["grades"]
    for before, after in zip(data["requests"], rough["requests"], strict=True):
        real = before.get("true_sector", before["sector"])
        assert after.get("true_sector", after["sector"]) == real
        if after["sector"] != real:
            assert after["sector"] == GENERIC_SECTOR
        if after["description"] != before["description"]:
            assert after["skills"] == []
            assert after["description"] == after["description"].lower()
            assert not set("áéíóúñ") & set(after["description"])
    assert any(r["sector"] == GENERIC_SECTOR for r in rough["requests"])
    assert any(r["skills"] == [] and r["key"] != "text" for r in rough["requests"])


def test_a_roughened_vendor_keeps_one_skill_and_describes_the_rest_in_its_language():
    data = graded_set()
    seeds = [roughened(data, seed=s, skill_names=SKILL_NAMES) for s in range(40)]
    moved = [
        (rough_vendor, original)
        for rough in seeds
        for rough_vendor, original in zip(rough["vendors"], data["vendors"], strict=True)
        if rough_vendor is not original and rough_vendor != original
    ]

    assert moved
    for vendor, original in moved:
        assert vendor["true_skills"] == original["skills"]
        assert len(vendor["skills"]) == 1
        if vendor["province"] == "QC":
            assert vendor["description"].startswith("Nous livrons ")
    # Vendors with fewer than three skills, or already in prose, are left alone.
    assert all(r["vendors"][2:] == data["vendors"][2:] for r in seeds)
