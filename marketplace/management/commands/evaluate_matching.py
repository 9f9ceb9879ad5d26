"""`manage.py evaluate_matching PATH`: how well Norte ranks vendors on a graded set.

The set (the format of `tests/data/matching-dev/dev.json`, see its README) is loaded into a
throwaway database, never the developer's: Django's test-database machinery creates it and runs
the migrations, which bring the reference data (sectors, skills, certifications, exchange
rates). Everything then goes through the services as an integration would: staff create the
companies and the vendors, requests are created with the buyer's fields only (never the judge's
`intended_skills`) and published, which queues a match run and executes the real Celery task in
this process. The stored results of each request's run are scored against the grades, next to
BM25-over-text and random baselines (`marketplace.matching.evaluation`).
"""

import json
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.creation import TEST_DATABASE_PREFIX

from companies.models import Company, User
from companies.services import company_create
from marketplace.choices import VENDOR_RATE_CURRENCY
from marketplace.matching import evaluation
from marketplace.models import (
    Certification,
    MatchRun,
    OutsourcingRequest,
    Sector,
    Skill,
    Vendor,
)
from marketplace.services.requests import request_create, request_publish
from marketplace.services.vendors import vendor_create
from marketplace.tasks import match_request

STAFF_USERNAME = "evaluation"


class Command(BaseCommand):
    help = (
        "Load a graded set (see tests/data/matching-dev/README.md) into a throwaway database, "
        "match its requests with the real task and print mean NDCG@10 and hard-constraint "
        "violations in the top 10, next to BM25 and random baselines. -v 2: per request."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The graded set (JSON).")
        parser.add_argument(
            "--fail-under",
            type=float,
            metavar="NDCG",
            help="Exit with an error if mean NDCG@10 is below this or any top 10 breaks a "
            "hard constraint (for CI).",
        )
        parser.add_argument(
            "--roughen",
            type=int,
            metavar="SEED",
            help="Evaluate the set as people write it instead: requests filed under the generic "
            "sector or typed roughly, vendors' skills moved to prose "
            "(marketplace.matching.evaluation.roughened; the same seed, the same set).",
        )
        parser.add_argument(
            "--slice-fail-under",
            type=float,
            metavar="NDCG",
            help="Exit with an error if any slice's mean NDCG@10 is below this.",
        )

    def handle(
        self,
        *args,
        path: Path,
        fail_under: float | None,
        slice_fail_under: float | None,
        roughen: int | None,
        verbosity: int,
        **options,
    ):
        graded_set = read_graded_set(path)
        started = time.perf_counter()
        try:
            with throwaway_database(), tasks_in_process():
                if roughen is not None:
                    graded_set = evaluation.roughened(
                        graded_set, seed=roughen, skill_names=skill_names()
                    )
                rankings = load_and_match(graded_set)
        except KeyError as error:
            raise CommandError(f"{path}: a record lacks the field {error}.") from error
        seconds = time.perf_counter() - started
        evaluations = evaluation.evaluate(graded_set, rankings)
        summary = evaluation.summarize(evaluations)
        slices = evaluation.summarize_slices(graded_set, evaluations)

        if verbosity >= 2:
            self.print_requests(evaluations)
        if verbosity >= 1:
            self.stdout.write(
                f"{summary.requests} requests, {len(graded_set['vendors'])} vendors, "
                f"loaded and matched in {seconds:.1f} s. NDCG@{evaluation.CUTOFF} (mean) and "
                f"top-{evaluation.CUTOFF} entries breaking a hard constraint (total):\n"
                f"  Norte   {summary.norte.ndcg:.3f}  {summary.norte.violations:g}\n"
                f"  BM25    {summary.bm25.ndcg:.3f}  {summary.bm25.violations:g}\n"
                f"  random  {summary.random.ndcg:.3f}  {summary.random.violations:.1f}"
                f"  (mean of {evaluation.RANDOM_SHUFFLES} shuffles)"
            )
            self.print_slices([summary, *slices])
        self.stdout.write(summary.line())
        for piece in slices:
            self.stdout.write(f"slice={piece.name} {piece.line()}")

        if fail_under is not None:
            if summary.norte.ndcg < fail_under:
                raise CommandError(
                    f"NDCG@{evaluation.CUTOFF} {summary.norte.ndcg:.3f} is under {fail_under}."
                )
            if summary.norte.violations:
                raise CommandError(
                    f"{summary.norte.violations:g} top-{evaluation.CUTOFF} entries break a "
                    "hard constraint."
                )
        if slice_fail_under is not None:
            under = [p for p in slices if p.norte.ndcg < slice_fail_under]
            if under:
                raise CommandError(
                    f"Slices under {slice_fail_under}: "
                    + ", ".join(f"{p.name} {p.norte.ndcg:.3f}" for p in under)
                    + "."
                )

    def print_slices(self, summaries: list[evaluation.Summary]) -> None:
        self.stdout.write(
            f"\nPer slice: NDCG@{evaluation.CUTOFF} of Norte, BM25 and random, and Norte's "
            "violations.\n"
            f"  {'slice':<17}{'requests':>9}{'norte':>8}{'bm25':>8}{'random':>8}{'violations':>12}"
        )
        for s in summaries:
            self.stdout.write(
                f"  {s.name:<17}{s.requests:>9}{s.norte.ndcg:>8.3f}{s.bm25.ndcg:>8.3f}"
                f"{s.random.ndcg:>8.3f}{s.norte.violations:>12g}"
            )
        for name, description in evaluation.SLICES.items():
            self.stdout.write(f"  {name}: {description}")

    def print_requests(self, evaluations: list[evaluation.RequestEvaluation]) -> None:
        self.stdout.write(
            f"{'request':<8} {'norte':>6} {'bm25':>6} {'random':>6}  {'violations n/b/r':<17}"
            f"Norte's top {evaluation.CUTOFF} (vendor:grade)"
        )
        for e in evaluations:
            violations = f"{e.norte.violations:g}/{e.bm25.violations:g}/{e.random.violations:.1f}"
            top = " ".join(f"{key}:{grade}" for key, grade in e.norte_top)
            self.stdout.write(
                f"{e.request:<8} {e.norte.ndcg:6.3f} {e.bm25.ndcg:6.3f} {e.random.ndcg:6.3f}  "
                f"{violations:<17}{top}"
            )


def skill_names() -> dict[str, dict[str, str]]:
    return {
        slug: {"en": name, "es": name_es, "fr": name_fr}
        for slug, name, name_es, name_fr in Skill.objects.values_list(
            "slug", "name", "name_es", "name_fr"
        )
    }


def read_graded_set(path: Path) -> dict:
    try:
        graded_set = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read the graded set {path}: {error}") from error
    missing = {"vendors", "companies", "requests", "grades"} - set(graded_set)
    if missing:
        raise CommandError(f"{path} is not a graded set: it lacks {', '.join(sorted(missing))}.")
    return graded_set


@contextmanager
def throwaway_database(alias: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Point `alias` at a new, migrated database for the duration; drop it afterwards.

    Django's test-database machinery does it, as for the test suite: in memory on SQLite, a
    `test_…` database on PostgreSQL. It gets a name of its own so that it never clobbers the
    test suite's database, and an in-memory database in use (under the tests) is set aside
    rather than closed, which would destroy it.
    """
    connection = connections[alias]
    if connection.in_atomic_block:
        raise CommandError("The evaluation switches databases; run it outside a transaction.")
    test_settings = connection.settings_dict["TEST"]
    saved_test_name = test_settings.get("NAME")
    if connection.vendor == "sqlite":
        test_settings["NAME"] = f"file:memorydb_{alias}_evaluation?mode=memory&cache=shared"
    else:
        name = connection.settings_dict["NAME"]
        test_settings["NAME"] = f"{TEST_DATABASE_PREFIX}{name}_evaluation"
    set_aside = None
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        set_aside, connection.connection = connection.connection, None
    old_name = connection.settings_dict["NAME"]
    try:
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=False
        )
        try:
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    finally:
        # destroy_test_db restores the name only when the drop succeeds; a failed one must not
        # leave the connection pointing at the evaluation's database for whatever runs next.
        connection.settings_dict["NAME"] = old_name
        test_settings["NAME"] = saved_test_name
        if connection.vendor == "sqlite":
            # SQLite's close() keeps in-memory databases open: let go of the evaluation's.
            if connection.connection is not None:
                connection.connection.close()
            connection.connection = set_aside


@contextmanager
def tasks_in_process() -> Iterator[None]:
    """Run Celery tasks eagerly whatever the broker settings say: a worker would need to be
    running, and would read the developer's database instead of the throwaway one."""
    conf = match_request.app.conf
    saved = conf.task_always_eager
    conf.task_always_eager = True
    try:
        yield
    finally:
        conf.task_always_eager = saved


def load_and_match(graded_set: Mapping) -> dict[str, list[str]]:
    """Load the set through the services and publish each request, which runs the matching
    task; return request key → vendor keys of its latest done run, best first."""
    loader = Loader()
    # One transaction for the organisations: a commit per row is most of the load time on
    # PostgreSQL. Requests are published one by one, each run executing when its publish commits.
    with transaction.atomic():
        companies = {record["key"]: loader.company(record) for record in graded_set["companies"]}
        vendor_keys = {loader.vendor(record).pk: record["key"] for record in graded_set["vendors"]}
    rankings = {}
    for record in graded_set["requests"]:
        request = loader.publish(record, companies)
        run = request.match_runs.filter(status=MatchRun.Status.DONE).first()
        if run is None:
            latest = request.match_runs.first()
            raise CommandError(
                f"Request {record['key']} has no finished match run"
                + (f": the last one is {latest.status}. {latest.error}" if latest else ".")
            )
        rankings[record["key"]] = [
            vendor_keys[vendor_id]
            for vendor_id in run.results.order_by("rank").values_list("vendor_id", flat=True)
        ]
    return rankings


class Loader:
    """Creates the graded set's rows through the services, as Norte staff would; slugs are looked
    up in the reference data the migrations loaded."""

    def __init__(self):
        self.staff = User.objects.create_user(STAFF_USERNAME, is_staff=True)
        self.sectors = {sector.slug: sector for sector in Sector.objects.all()}
        self.skills = {skill.slug: skill for skill in Skill.objects.all()}
        self.certifications = {item.slug: item for item in Certification.objects.all()}

    def company(self, record: Mapping) -> Company:
        with _about("company", record):
            return company_create(
                actor=self.staff,
                name=record["name"],
                rfc=record["rfc"],
                state=record["state"],
                city=record["city"],
                description=record.get("description", ""),
            )

    def vendor(self, record: Mapping) -> Vendor:
        with _about("vendor", record):
            if record.get("currency", VENDOR_RATE_CURRENCY) != VENDOR_RATE_CURRENCY:
                raise ValidationError(f"Vendor rates are in {VENDOR_RATE_CURRENCY}.")
            suspended = record["status"] == Vendor.Status.SUSPENDED
            return vendor_create(
                actor=self.staff,
                name=record["name"],
                province=record["province"],
                city=record["city"],
                **_descriptions(record),
                team_size=record["team_size"],
                hourly_rate_min=_decimal(record["hourly_rate_min"]),
                hourly_rate_max=_decimal(record["hourly_rate_max"]),
                languages=record["languages"],
                skills=_lookup(self.skills, record["skills"], "skill"),
                certifications=_lookup(
                    self.certifications, record["certifications"], "certification"
                ),
                expertise=[
                    {
                        "sector": _lookup(self.sectors, [item["sector"]], "sector")[0],
                        "level": item["level"],
                        "years": item.get("years", 0),
                    }
                    for item in record["expertise"]
                ],
                status=record["status"],
                status_reason="Suspended in the graded set." if suspended else "",
            )

    def publish(self, record: Mapping, companies: Mapping[str, Company]) -> OutsourcingRequest:
        """Create the request with what the buyer typed (never the judge's `intended_skills`)
        and publish it, which queues a match run."""
        with _about("request", record):
            request = request_create(
                actor=self.staff,
                company=_lookup(companies, [record["company"]], "company")[0],
                title=record["title"],
                description=record["description"],
                sector=_lookup(self.sectors, [record["sector"]], "sector")[0],
                budget_min=_decimal(record["budget_min"]),
                budget_max=_decimal(record["budget_max"]),
                currency=record["currency"],
                team_size=record["team_size"],
                duration_weeks=record["duration_weeks"],
                languages=record["languages"],
                skills=_lookup(self.skills, record["skills"], "skill"),
                required_certifications=_lookup(
                    self.certifications, record["required_certifications"], "certification"
                ),
            )
            published, _run = request_publish(request=request, actor=self.staff)
            return published


@contextmanager
def _about(kind: str, record: Mapping) -> Iterator[None]:
    """Say which record of the set a validation error comes from."""
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            detail = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
        else:
            detail = " ".join(error.messages)
        raise CommandError(f"{kind} {record.get('key')}: {detail}") from error


def _lookup(table: Mapping, slugs, kind: str) -> list:
    unknown = sorted(set(slugs) - set(table))
    if unknown:
        raise ValidationError(
            f"Unknown {kind} {', '.join(unknown)}: not in the reference data the migrations load."
        )
    return [table[slug] for slug in slugs]


def _descriptions(record: Mapping) -> dict[str, str]:
    """The record's `description` as the vendor's description in the language it is written
    in, as API v1's single field places it for a new vendor."""
    text = record.get("description", "")
    return {f"description_{Vendor().description_language_for(text)}": text}


def _decimal(value) -> Decimal:
    # Through str: the JSON's floats (6635000.0) become the decimals a buyer typed.
    return Decimal(str(value))
