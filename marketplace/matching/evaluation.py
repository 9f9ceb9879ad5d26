"""Measuring a ranking against a graded set (the format of `../shared/matching-dev/dev.json`).

Pure (no Django), like `core` and `text`: the metric, the hard-constraint check and the two
baselines the engine is compared with read only the graded set's plain dicts and rankings of
vendor keys. `manage.py evaluate_matching` loads the set into a throwaway database, lets the
real matching task rank the vendors and hands its rankings here.
"""

import math
import random
import unicodedata
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
    name: str = "all"

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


def summarize(evaluations: Sequence[RequestEvaluation], name: str = "all") -> Summary:
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
        name=name,
    )


# Slices: the ways people write that the ranking must survive, each a test of one reading.
# Read from the buyer's fields, except the judge's `true_sector` and `true_skills`
# (`dev2.json`), which only the evaluation sees.
SLICES = {
    "text_only": "requests with no skills typed: the text is all there is",
    "rough_spanish": "requests in Spanish written without accents",
    "misfiled_sector": "requests filed under another sector than the one they are about",
    "prose_vendors": "requests a vendor with skills only in its prose is relevant to (grade ≥ 2)",
}
_SPANISH_WORDS = frozenset(
    [
        "de",
        "la",
        "el",
        "los",
        "las",
        "y",
        "para",
        "con",
        "por",
        "una",
        "que",
        "somos",
        "necesita",
        "necesitamos",
        "ocupamos",
        "equipo",
        "semanas",
        "buscamos",
        "empresa",
    ]
)
_ENGLISH_WORDS = frozenset(
    ["the", "and", "for", "of", "we", "need", "team", "weeks", "with", "our", "a"]
)
_ACCENTED = frozenset("áéíóúñüÁÉÍÓÚÑÜ¿¡")


def request_slices(request: Mapping, graded_set: Mapping) -> set[str]:
    """The SLICES a request of the graded set belongs to."""
    slices = set()
    if not request["skills"]:
        slices.add("text_only")
    prose = f"{request['title']} {request['description']}"
    words = tokens(prose)
    spanish = sum(word in _SPANISH_WORDS for word in words)
    if spanish > sum(word in _ENGLISH_WORDS for word in words) and not _ACCENTED & set(prose):
        slices.add("rough_spanish")
    if request.get("true_sector", request["sector"]) != request["sector"]:
        slices.add("misfiled_sector")
    grades = graded_set["grades"].get(request["key"], {})
    prose_vendors = {v["key"] for v in graded_set["vendors"] if "true_skills" in v}
    if any(grades.get(key, 0) >= 2 for key in prose_vendors):
        slices.add("prose_vendors")
    return slices


def summarize_slices(
    graded_set: Mapping, evaluations: Sequence[RequestEvaluation]
) -> list[Summary]:
    """A summary per slice that has requests in the set, in SLICES' order."""
    slices_of = {r["key"]: request_slices(r, graded_set) for r in graded_set["requests"]}
    summaries = []
    for name in SLICES:
        members = [e for e in evaluations if name in slices_of[e.request]]
        if members:
            summaries.append(summarize(members, name=name))
    return summaries


# --- Roughening: further robustness cases built from any graded set ---------------------------

GENERIC_SECTOR = "software-development"
ROUGH_VENDOR_SHARE = 0.25
_PROSE_LEAD = {"en": "We deliver", "es": "Ofrecemos", "fr": "Nous livrons"}


def roughened(graded_set: Mapping, *, seed: int, skill_names: Mapping[str, Mapping[str, str]]):
    """The set as people write it, with the judge's grades unchanged (they follow the truth the
    buyer's fields no longer say): each request is, at random, filed under the generic
    GENERIC_SECTOR (its real sector kept as `true_sector`), or typed roughly — lower case,
    without accents, a letter dropped from a long word, no skills typed — or both; a quarter of
    the vendors listing three skills or more keep one and describe the others in prose, in
    French in Quebec, else in English or Spanish (`true_skills` keeps them all).
    `skill_names`: slug → {"en", "es", "fr"} names. Deterministic for a seed."""
    rng = random.Random(seed)  # noqa: S311 — reproducible test data, not secrets
    vendors = []
    for record in graded_set["vendors"]:
        vendor = dict(record)
        listed_enough = "true_skills" not in vendor and len(vendor["skills"]) >= 3
        if listed_enough and rng.random() < ROUGH_VENDOR_SHARE:
            vendor = _skills_in_prose(vendor, rng, skill_names)
        vendors.append(vendor)
    requests = []
    for record in graded_set["requests"]:
        request = dict(record)
        kind = rng.choice(("misfiled", "rough", "both"))
        real = request.get("true_sector", request["sector"])
        if kind != "rough" and real != GENERIC_SECTOR:
            request["true_sector"], request["sector"] = real, GENERIC_SECTOR
        if kind != "misfiled":
            request["title"] = _rough(request["title"], rng, typo=False)
            request["description"] = _rough(request["description"], rng, typo=True)
            request["skills"] = []
        requests.append(request)
    return {**graded_set, "vendors": vendors, "requests": requests}


def _skills_in_prose(vendor: dict, rng: random.Random, skill_names) -> dict:
    kept = rng.choice(vendor["skills"])
    language = "fr" if vendor.get("province") == "QC" else rng.choice(("en", "es"))
    names = [skill_names[s][language] for s in vendor["skills"] if s != kept]
    return {
        **vendor,
        "description": f"{_PROSE_LEAD[language]} {', '.join(names).lower()}.",
        "skills": [kept],
        "true_skills": vendor["skills"],
    }


def _rough(text: str, rng: random.Random, *, typo: bool) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    words = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) >= 8 and word.isalpha()]
    if typo and long_words:
        i = rng.choice(long_words)
        cut = rng.randrange(1, len(words[i]) - 1)
        words[i] = words[i][:cut] + words[i][cut + 1 :]
    return " ".join(words)
