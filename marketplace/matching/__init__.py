"""Vendor matching, without Django: nothing in this package imports it (an import-linter
contract in pyproject.toml checks).

`core` and `text` take plain values and NumPy arrays and return scores, breakdowns and reason
codes, so they can be unit-tested and benchmarked on their own. `weights` is the one place the
signals' weights live; `evaluation` measures a ranking against judged examples. The database
side — turning rows into the core's inputs, reason codes into sentences, running and storing
it all — is `marketplace.services.matching`.
"""
