"""What performance is measured against: reference views, and the load workload (`load/`,
run by `make load`).

Reference views: what the framework-free minimum of each measured endpoint costs. For the
vendors API (a page and one vendor), the directory page, a request's matches (API) and the
company's requests dashboard, a hand-written Django view runs the same queries, applies the
same visibility rules and answers the same data (the same JSON; the same HTML, the directory's
form written by hand) without DRF's serializers, django-filter's forms or widget rendering.
Their throughput is what the real endpoints are held to (`manage.py bench_endpoints`, and the
load test): a real endpoint should reach half of its reference's.

Served at `/_reference` + the real path (same query string, same authentication) only when the
REFERENCE_VIEWS setting is on (NORTE_REFERENCE_VIEWS; off by default, never in production unless
set). tests/marketplace/benchmarks/ checks that each answers what its real endpoint answers.
"""
