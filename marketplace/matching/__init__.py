"""Vendor matching.

`core` and `text` are pure (no Django): they take plain values and NumPy arrays and return
scores, breakdowns and reason codes, so they can be unit-tested and benchmarked on their own.
`weights` is the one place the signals' weights live. `loading` turns database rows into the
core's inputs; `marketplace.services.matching` runs it all and stores the results.
"""
