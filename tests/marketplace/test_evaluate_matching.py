"""`manage.py evaluate_matching`: the baselines, and the command run on a small graded set and
on the real dev set, in a database of its own that leaves the test database as it was. The
metrics themselves are tested in tests/marketplace/matching/test_evaluation.py."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from companies.models import Company, User
from marketplace.matching import evaluation
from marketplace.models import MatchRun, Vendor
from marketplace.tasks import match_request
from tests.factories import VendorFactory, rfc_for

# A copy of shared/matching-dev/dev.json, kept here so the suite runs in a clone on its own.
DEV_SET = settings.BASE_DIR / "tests" / "data" / "matching-dev" / "dev.json"

# The command creates and drops its own database, which it cannot do inside the transaction
# that an ordinary database test runs in. A transactional test empties the database when it
# ends; serialized_rollback puts the reference data from the migrations back.
isolated = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# --- baselines ---------------------------------------------------------------------------------


def test_the_random_baseline_is_the_same_on_every_run():
    graded_set = small_graded_set()
    norte = {"r0": ["v0", "v1"], "r1": ["v5"]}
    first, again = (evaluation.evaluate(graded_set, norte) for _ in range(2))
    assert [e.random for e in first] == [e.random for e in again]


# --- the command -------------------------------------------------------------------------------


def small_graded_set() -> dict:
    """Two buyers, eight vendors: among the casino specialists one is suspended, one pending
    and one lacks the certification the casino request requires; a security firm speaks only
    French; a generalist's prose names every sector."""

    def vendor(key, name, description, *, sector, level, skills=(), certifications=(), **extra):
        return {
            "key": key,
            "name": name,
            "province": "ON",
            "city": "Toronto",
            "description": description,
            "team_size": 20,
            "hourly_rate_min": 60,
            "hourly_rate_max": 90,
            "currency": "CAD",
            "languages": ["en", "es"],
            "skills": list(skills),
            "certifications": list(certifications),
            "expertise": [{"sector": sector, "level": level, "years": 8}],
            "status": "approved",
            **extra,
        }

    casino = "We build online casino platforms and slot games."
    return {
        "companies": [
            {
                "key": f"c{n}",
                "name": f"Operadora {n}",
                "rfc": rfc_for(n),
                "state": "JAL",
                "city": "Guadalajara",
                "description": "Casino en línea.",
            }
            for n in range(2)
        ],
        "vendors": [
            vendor(
                "v0",
                "Maple Casino",
                casino,
                sector="igaming",
                level=5,
                skills=["casino-platform", "slot-development"],
                certifications=["gli-certified"],
            ),
            vendor(
                "v1",
                "Loonie Slots",
                casino,
                sector="igaming",
                level=3,
                skills=["slot-development"],
                certifications=["gli-certified"],
            ),
            vendor(
                "v2",
                "Suspended Casino",
                casino,
                sector="igaming",
                level=5,
                skills=["casino-platform"],
                certifications=["gli-certified"],
                status="suspended",
            ),
            vendor(
                "v3",
                "Uncertified Casino",
                casino,
                sector="igaming",
                level=5,
                skills=["casino-platform", "slot-development"],
            ),
            vendor(
                "v4",
                "Pending Casino",
                casino,
                sector="igaming",
                level=5,
                skills=["casino-platform"],
                certifications=["gli-certified"],
                status="pending",
            ),
            vendor(
                "v5",
                "Prairie Shield",
                "Penetration testing and security operations.",
                sector="cybersecurity",
                level=5,
                skills=["penetration-testing"],
            ),
            vendor(
                "v6",
                "Bouclier Québec",
                "Tests d'intrusion et sécurité.",
                sector="cybersecurity",
                level=5,
                skills=["penetration-testing"],
                languages=["fr"],
            ),
            vendor(
                "v7",
                "Everything Inc",
                "Casino, security, lottery, fintech, cloud, AI: we do it all.",
                sector="software-development",
                level=2,
                skills=["python"],  # approved vendors list a skill (`vendor_listing_gaps`)
            ),
        ],
        "requests": [
            {
                "key": "r0",
                "company": "c0",
                "title": "Plataforma de casino en línea",
                "description": "Necesitamos una plataforma de casino con tragamonedas certificadas.",
                "sector": "igaming",
                "skills": ["casino-platform"],
                "intended_skills": ["casino-platform", "slot-development"],
                "budget_min": 2000000.0,
                "budget_max": 4000000.0,
                "currency": "MXN",
                "team_size": 5,
                "duration_weeks": 12,
                "languages": ["es"],
                "required_certifications": ["gli-certified"],
            },
            {
                "key": "r1",
                "company": "c1",
                "title": "Security audit",
                "description": "We need penetration testing of our casino platform.",
                "sector": "cybersecurity",
                "skills": [],
                "intended_skills": ["penetration-testing"],
                "budget_min": 50000.0,
                "budget_max": 90000.0,
                "currency": "CAD",
                "team_size": 3,
                "duration_weeks": 6,
                "languages": ["en"],
                "required_certifications": [],
            },
        ],
        "grades": {"r0": {"v0": 3, "v1": 2}, "r1": {"v5": 3, "v7": 1}},
    }


def write(tmp_path, graded_set: dict):
    path = tmp_path / "graded.json"
    path.write_text(json.dumps(graded_set, ensure_ascii=False), encoding="utf-8")
    return path


def evaluate(path, **options) -> list[str]:
    out = io.StringIO()
    call_command("evaluate_matching", str(path), stdout=out, **options)
    return out.getvalue().splitlines()


def parse(line: str) -> dict[str, float]:
    return {key: float(value) for key, value in (pair.split("=") for pair in line.split())}


def summary(lines: list[str]) -> dict[str, float]:
    """The machine-readable line for the whole set (each slice's follows it)."""
    [line] = [line for line in lines if line.startswith("ndcg10=")]
    return parse(line)


def slices(lines: list[str]) -> dict[str, dict[str, float]]:
    return {
        name.removeprefix("slice="): parse(rest)
        for name, rest in (line.split(" ", 1) for line in lines if line.startswith("slice="))
    }


@pytest.fixture
def tasks_sent_to_a_worker():
    """Celery configured as with a broker: the command must still run its tasks itself."""
    conf = match_request.app.conf
    saved = conf.task_always_eager
    conf.task_always_eager = False
    yield
    conf.task_always_eager = saved


@isolated
def test_it_ranks_the_eligible_specialists_first_without_touching_the_test_database(
    tmp_path, tasks_sent_to_a_worker
):
    mine = VendorFactory(name="Already Here")
    counts = (Vendor.objects.count(), Company.objects.count(), User.objects.count())
    database = connection.settings_dict["NAME"]

    lines = evaluate(write(tmp_path, small_graded_set()), verbosity=2)

    result = summary(lines)
    assert set(result) == {
        "ndcg10",
        "violations",
        "bm25_ndcg10",
        "bm25_violations",
        "random_ndcg10",
        "random_violations",
        "requests",
    }
    assert result["requests"] == 2
    assert result["violations"] == 0
    assert result["ndcg10"] > result["random_ndcg10"]
    assert result["random_violations"] > 0  # the set does hold vendors that must not be shown
    r0 = next(line for line in lines if line.startswith("r0 "))
    assert "v0:3 v1:2" in r0  # the only eligible casino vendors, the better one first
    assert connection.settings_dict["NAME"] == settings.DATABASES["default"]["NAME"] == database
    assert (Vendor.objects.count(), Company.objects.count(), User.objects.count()) == counts
    assert list(Vendor.objects.all()) == [mine]
    assert not MatchRun.objects.exists()
    assert match_request.app.conf.task_always_eager is False


@isolated
def test_it_fails_under_the_threshold_after_printing_the_results(tmp_path):
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"NDCG@10 0\.\d+ is under 1\.01"):
        call_command(
            "evaluate_matching",
            str(write(tmp_path, small_graded_set())),
            fail_under=1.01,
            stdout=out,
        )
    assert summary(out.getvalue().splitlines())["requests"] == 2


@isolated
def test_it_names_the_record_with_an_unknown_slug_and_drops_its_database(tmp_path):
    graded_set = small_graded_set()
    graded_set["vendors"][1]["skills"].append("cobol-wizardry")
    vendors = Vendor.objects.count()

    with pytest.raises(CommandError, match=r"vendor v1: .*Unknown skill cobol-wizardry"):
        evaluate(write(tmp_path, graded_set))

    assert Vendor.objects.count() == vendors  # back on the test database, as it was


@pytest.mark.django_db
def test_it_refuses_to_run_inside_a_transaction(tmp_path):
    with pytest.raises(CommandError, match="outside a transaction"):
        evaluate(write(tmp_path, small_graded_set()))


def test_it_refuses_a_file_that_is_not_a_graded_set(tmp_path):
    with pytest.raises(CommandError, match="lacks companies, grades, requests"):
        evaluate(write(tmp_path, {"vendors": []}))


@isolated
def test_the_dev_set_meets_the_bar_with_zero_violations():
    lines = evaluate(DEV_SET, fail_under=0.95)

    result = summary(lines)
    assert result["requests"] == 16
    assert result["ndcg10"] >= 0.95
    assert result["violations"] == 0
    assert result["ndcg10"] > result["bm25_ndcg10"] > result["random_ndcg10"]


# A copy of shared/matching-dev/dev2.json: the same kind of set, written as people write.
DEV2_SET = DEV_SET.with_name("dev2.json")


@isolated
def test_the_set_written_as_people_write_meets_the_bar_in_every_slice():
    lines = evaluate(DEV2_SET, fail_under=0.95, slice_fail_under=0.90)

    result, by_slice = summary(lines), slices(lines)
    assert result["requests"] == 20
    assert result["ndcg10"] >= 0.95
    assert result["violations"] == 0
    assert set(by_slice) == {"text_only", "rough_spanish", "misfiled_sector", "prose_vendors"}
    assert by_slice["misfiled_sector"]["requests"] == 3
    for name, piece in by_slice.items():
        assert piece["ndcg10"] >= 0.90, name
        assert piece["violations"] == 0, name
        assert piece["ndcg10"] > piece["bm25_ndcg10"], name


@isolated
def test_the_tidy_set_roughened_still_meets_the_bar(tmp_path):
    lines = evaluate(DEV_SET, roughen=1, fail_under=0.9, slice_fail_under=0.9)

    by_slice = slices(lines)
    assert summary(lines)["violations"] == 0
    assert by_slice["misfiled_sector"]["requests"] >= 5
    assert by_slice["prose_vendors"]["requests"] >= 1


@isolated
def test_it_fails_when_a_slice_is_under_the_threshold(tmp_path):
    with pytest.raises(CommandError, match=r"Slices under 1\.01: text_only"):
        evaluate(write(tmp_path, small_graded_set()), slice_fail_under=1.01)
