"""The evaluation's metrics (marketplace/matching/evaluation.py): DCG and NDCG@10, the BM25
baseline, and the hard constraints a vendor a buyer must never see breaks. No database: the
module is as pure as the core it measures."""

import math

import pytest

from marketplace.matching.evaluation import bm25_scores, breaks_hard_constraint, dcg, ndcg


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
