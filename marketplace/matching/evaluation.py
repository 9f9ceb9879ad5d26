"""Measuring a ranking against a graded set (the format of `../shared/matching-dev/dev.json`).

Pure (no Django), like `core` and `text`: the metric, the hard-constraint check and the two
baselines the engine is compared with read only the graded set's plain dicts and rankings of
vendor keys. `manage.py evaluate_matching` loads the set into a throwaway database, lets the
real matching task rank the vendors and hands its rankings here.
"""

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .text import tokens

CUTOFF = 10
# The random baseline is the mean of this many seeded shuffles, so that it barely moves.
RANDOM_SHUFFLES = 20
RANDOM_SEED = 0
# The usual Okapi BM25 parameters (Lucene's defaults).
BM25_K1 = 1.2
BM25_B = 0.75


def dcg(grades: Sequence[int], k: int = CUTOFF) -> float:
    """Discounted cumulative gain of the first `k` grades: Σ (2^grade − 1) / log2(rank + 1)."""
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(grades[:k], 1))


def ndcg(ranked_grades: Sequence[int], all_grades: Sequence[int], k: int = CUTOFF) -> float:
    """DCG of the ranking over that of the best ranking of every graded vendor (0–1).

    0 when no vendor is relevant: no ranking can be credited then.
    """
    ideal = dcg(sorted(all_grades, reverse=True), k)
    return dcg(ranked_grades, k) / ideal if ideal > 0 else 0.0


def bm25_scores(
    query: Sequence[str], documents: Sequence[Sequence[str]], *, k1=BM25_K1, b=BM25_B
) -> np.ndarray:
    """Okapi BM25 of each tokenised document for a tokenised query.

    IDF is Lucene's log(1 + (N − df + 0.5) / (df + 0.5)), never negative, so a word found in
    most documents still counts a little instead of pushing them down. A word repeated in the
    query counts each time, as a naive search engine does.
    """
    bags = [Counter(document) for document in documents]
    frequency = np.array([[bag[word] for word in query] for bag in bags], dtype=float)
    frequency = frequency.reshape(len(documents), len(query))
    lengths = np.array([len(document) for document in documents], dtype=float)
    average_length = lengths.mean() if len(lengths) and lengths.mean() > 0 else 1.0
    found_in = (frequency > 0).sum(axis=0)
    idf = np.log1p((len(documents) - found_in + 0.5) / (found_in + 0.5))
    saturation = k1 * (1 - b + b * lengths / average_length)
    return (idf * frequency * (k1 + 1) / (frequency + saturation[:, None])).sum(axis=1)


def bm25_ranking(request: Mapping, vendors: Sequence[Mapping]) -> list[str]:
    """Vendor keys by BM25 of name + description for the request's title + description, over
    every vendor and without any hard constraint: what a plain text search would show."""
    scores = bm25_scores(
        tokens(f"{request['title']} {request['description']}"),
        [tokens(f"{vendor['name']} {vendor['description']}") for vendor in vendors],
    )
    # Stable: ties keep the set's order.
    return [vendors[i]["key"] for i in np.argsort(-scores, kind="stable")]


def breaks_hard_constraint(request: Mapping, vendor: Mapping) -> bool:
    """A vendor a buyer must never be shown: not approved, missing a certification the request
    requires, or sharing no language with it."""
    return (
        vendor["status"] != "approved"
        or not set(request["required_certifications"]) <= set(vendor["certifications"])
        or not set(request["languages"]) & set(vendor["languages"])
    )


@dataclass(frozen=True)
class Score:
    """NDCG@CUTOFF of one ranking, and how many of its top CUTOFF break a hard constraint."""

    ndcg: float
    violations: float


@dataclass(frozen=True)
class RequestEvaluation:
    request: str
    norte: Score
    bm25: Score
    random: Score  # mean over RANDOM_SHUFFLES shuffles
    norte_top: list[tuple[str, int]]  # (vendor key, grade) of Norte's top CUTOFF


@dataclass(frozen=True)
class Summary:
    """Mean NDCG over the requests; violations summed over them."""

    requests: int
    norte: Score
    bm25: Score
    random: Score

    def line(self) -> str:
        """One machine-readable line of key=value pairs."""
        return (
            f"ndcg10={self.norte.ndcg:.3f} violations={self.norte.violations:g} "
            f"bm25_ndcg10={self.bm25.ndcg:.3f} bm25_violations={self.bm25.violations:g} "
            f"random_ndcg10={self.random.ndcg:.3f} "
            f"random_violations={self.random.violations:.1f} requests={self.requests}"
        )


def score_ranking(
    ranking: Sequence[str],
    *,
    request: Mapping,
    vendors_by_key: Mapping[str, Mapping],
    grades: Mapping[str, int],
    k: int = CUTOFF,
) -> Score:
    top = ranking[:k]
    return Score(
        ndcg=ndcg([grades.get(key, 0) for key in top], list(grades.values()), k),
        violations=sum(breaks_hard_constraint(request, vendors_by_key[key]) for key in top),
    )


def evaluate(
    graded_set: Mapping,
    norte: Mapping[str, Sequence[str]],
    *,
    shuffles: int = RANDOM_SHUFFLES,
    seed: int = RANDOM_SEED,
) -> list[RequestEvaluation]:
    """Norte's ranking (request key → vendor keys, best first) next to the baselines', for
    every request of the graded set, in the set's order."""
    vendors = graded_set["vendors"]
    vendors_by_key = {vendor["key"]: vendor for vendor in vendors}
    keys = [vendor["key"] for vendor in vendors]
    rng = np.random.default_rng(seed)
    evaluations = []
    for request in graded_set["requests"]:
        grades = graded_set["grades"].get(request["key"], {})

        def scored(ranking, request=request, grades=grades) -> Score:
            return score_ranking(
                ranking, request=request, vendors_by_key=vendors_by_key, grades=grades
            )

        randoms = [scored([keys[i] for i in rng.permutation(len(keys))]) for _ in range(shuffles)]
        ranking = norte[request["key"]]
        evaluations.append(
            RequestEvaluation(
                request=request["key"],
                norte=scored(ranking),
                bm25=scored(bm25_ranking(request, vendors)),
                random=Score(
                    ndcg=float(np.mean([s.ndcg for s in randoms])),
                    violations=float(np.mean([s.violations for s in randoms])),
                ),
                norte_top=[(key, grades.get(key, 0)) for key in ranking[:CUTOFF]],
            )
        )
    return evaluations


def summarize(evaluations: Sequence[RequestEvaluation]) -> Summary:
    def total(scores: list[Score]) -> Score:
        return Score(
            ndcg=float(np.mean([s.ndcg for s in scores])) if scores else 0.0,
            violations=sum(s.violations for s in scores),
        )

    return Summary(
        requests=len(evaluations),
        norte=total([e.norte for e in evaluations]),
        bm25=total([e.bm25 for e in evaluations]),
        random=total([e.random for e in evaluations]),
    )
