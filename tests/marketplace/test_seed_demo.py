"""`manage.py seed_demo`: demo accounts that log in, coherent rows that pass validation, and
runs that can be repeated or enlarged without duplicating anything.

These leave the tender and award histories out (they take a while to tell);
tests/marketplace/tenders/test_demo.py seeds them once and checks them.
"""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone
from stdnum.mx import rfc as stdnum_rfc

from companies.choices import Role
from companies.models import Company, Membership, User
from marketplace import demo_data
from marketplace.events.models import Event
from marketplace.management.commands import seed_demo
from marketplace.models import ExchangeRate, OutsourcingRequest, Sector, Vendor, VendorExpertise
from marketplace.selectors import exchange_rate_to_cad
from marketplace.services.matching.prose import vendor_described_skills_refresh
from marketplace.tenders.demo import RECORD_PREFIX, REFERENCE_PREFIX, award_records
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Review

pytestmark = pytest.mark.django_db

PASSWORD = demo_data.DEMO_PASSWORD


def seed(vendors=26, requests=26, *, tenders=False, **options) -> str:
    out = io.StringIO()
    call_command(
        "seed_demo",
        vendors=vendors,
        requests=requests,
        no_tenders=not tenders,
        stdout=out,
        **options,
    )
    return out.getvalue()


def demo_vendors():
    return Vendor.objects.filter(slug__startswith="demo-vendor-")


def demo_requests():
    return OutsourcingRequest.objects.filter(description__contains="RFP-DEMO-")


def row_counts() -> dict[str, int]:
    models = [
        User,
        Membership,
        Company,
        Vendor,
        VendorExpertise,
        Vendor.skills.through,
        Vendor.certifications.through,
        OutsourcingRequest,
        OutsourcingRequest.skills.through,
        OutsourcingRequest.required_certifications.through,
        ExchangeRate,
        BidInvitation,
        Proposal,
        Engagement,
        Review,
        Event,
    ]
    return {model._meta.label: model.objects.count() for model in models}


def test_it_creates_the_demo_accounts_with_the_documented_password():
    seed()

    # As a login form would: with the request, which the lockout (django-axes) needs.
    login = RequestFactory().post("/accounts/login/")
    admin = authenticate(login, username="admin", password=PASSWORD)
    assert admin is not None and admin.is_staff and admin.is_superuser
    for username in ("ana", "bruno", "victor", "paulette"):
        assert authenticate(login, username=username, password=PASSWORD) is not None, username
    ana, bruno, victor, paulette = (
        User.objects.get(username=name) for name in ("ana", "bruno", "victor", "paulette")
    )
    assert ana.membership.role == Role.OWNER
    assert bruno.membership.role == Role.MEMBER
    assert (
        bruno.membership.company
        == ana.membership.company
        == Company.objects.get(slug="grupo-casino-azteca")
    )
    assert victor.membership.role == Role.OWNER
    assert victor.membership.vendor.status == Vendor.Status.APPROVED
    assert paulette.membership.role == Role.OWNER
    assert paulette.membership.vendor.status == Vendor.Status.PENDING
    assert not any(user.is_staff for user in (ana, bruno, victor, paulette))


def test_the_demo_accounts_log_in_on_the_site_and_get_api_tokens(client):
    """Their addresses count as verified: no link to click before trying the demo."""
    seed()

    for username in ("admin", "ana", "bruno", "victor", "paulette"):
        response = client.post("/accounts/login/", {"login": username, "password": PASSWORD})
        assert response.status_code == 302, username
        assert response.url != "/accounts/confirm-email/", username
        client.post("/accounts/logout/")
        token = client.post(
            "/api/v1/auth/token/",
            {"username": username, "password": PASSWORD},
            content_type="application/json",
        )
        assert token.status_code == 200, username
    assert (
        client.post(
            "/accounts/login/", {"login": "ana@norte.example", "password": PASSWORD}
        ).status_code
        == 302
    )


def test_it_prints_the_demo_accounts_and_their_password():
    output = seed(vendors=0, requests=0)

    assert PASSWORD in output
    for username in ("admin", "ana", "bruno", "victor", "paulette"):
        assert f"  {username} " in output


def test_it_creates_the_vendors_and_requests_asked_for_across_every_sector():
    seed(vendors=26, requests=26)

    all_sectors = set(Sector.objects.values_list("slug", flat=True))
    assert demo_vendors().count() == 26
    assert demo_requests().count() == 26
    assert Company.objects.filter(slug__startswith="demo-company-").count() == 40
    main_sectors = set(
        VendorExpertise.objects.filter(vendor__in=demo_vendors()).values_list(
            "sector__slug", flat=True
        )
    )
    assert main_sectors == all_sectors
    assert set(demo_requests().values_list("sector__slug", flat=True)) == all_sectors
    assert demo_requests().filter(company__slug="grupo-casino-azteca").exists()


def test_vendors_skills_and_certifications_fit_their_sectors():
    seed(vendors=60, requests=0)

    vendors = demo_vendors().prefetch_related("skills__sector", "certifications__sectors")
    for vendor in vendors:
        sectors = set(vendor.expertise.values_list("sector__slug", flat=True))
        for skill in vendor.skills.all():
            assert skill.sector.slug in sectors or skill.slug in demo_data.GENERAL_SKILLS
        for certification in vendor.certifications.all():
            assert sectors & {sector.slug for sector in certification.sectors.all()}
    gaming_licences = demo_vendors().filter(
        certifications__slug__in=["agco-registered", "gli-certified"]
    )
    assert gaming_licences.exists()
    assert any(len(v.expertise.all()) > 1 for v in vendors), "some vendors are multi-sector"


def test_vendors_describe_themselves_in_each_language_they_work_in():
    seed(vendors=60, requests=0)

    vendors = list(demo_vendors())
    for vendor in vendors:
        assert set(vendor.descriptions) == set(vendor.languages)
    assert any(len(vendor.descriptions) == 3 for vendor in vendors)
    assert any(len(vendor.descriptions) == 2 for vendor in vendors)
    showcase = Vendor.objects.get(slug=demo_data.SHOWCASE_VENDORS["approved"]["slug"])
    assert set(showcase.descriptions) == {"en", "fr", "es"}


def test_vendors_show_every_status_and_suspensions_say_why():
    seed(vendors=60, requests=0)

    statuses = set(demo_vendors().values_list("status", flat=True))
    assert statuses == {Vendor.Status.APPROVED, Vendor.Status.PENDING, Vendor.Status.SUSPENDED}
    assert demo_vendors().filter(status=Vendor.Status.APPROVED).count() > 45
    for vendor in demo_vendors().filter(status=Vendor.Status.SUSPENDED):
        assert vendor.status_reason
        assert vendor.status_changed_by.username == "admin"
    assert not demo_vendors().filter(status=Vendor.Status.PENDING, status_changed_by__isnull=False)


def test_requests_budgets_fit_their_team_duration_and_a_plausible_rate():
    seed(vendors=0, requests=40)

    today = timezone.localdate()
    for request in demo_requests():
        hours = request.team_size * request.duration_weeks * 40
        rate = exchange_rate_to_cad(currency=request.currency, on=today)
        assert Decimal(40) < request.budget_min * rate / hours
        assert request.budget_max * rate / hours < Decimal(250)
    assert {"MXN", "USD", "CAD"} == set(demo_requests().values_list("currency", flat=True))
    assert demo_requests().filter(title__contains="ó").exists()  # Spanish titles
    assert demo_requests().filter(description__contains="is looking for").exists()
    assert demo_requests().filter(status=OutsourcingRequest.Status.DRAFT).exists()
    assert (
        not demo_requests()
        .filter(status=OutsourcingRequest.Status.DRAFT)
        .exclude(published_at=None)
    )
    assert not demo_requests().filter(status=OutsourcingRequest.Status.PUBLISHED, published_at=None)


def test_everything_it_creates_passes_model_validation():
    seed(vendors=40, requests=40)

    for vendor in Vendor.objects.all():
        vendor.full_clean()
        for expertise in vendor.expertise.all():
            expertise.full_clean()
    for company in Company.objects.all():
        company.full_clean()
    for request in OutsourcingRequest.objects.all():
        request.full_clean()


def test_every_published_request_takes_proposals_until_a_deadline_ahead():
    seed(vendors=20, requests=20)

    published = OutsourcingRequest.objects.filter(status=OutsourcingRequest.Status.PUBLISHED)
    assert published.exists()
    assert not published.filter(proposals_due__isnull=True).exists()
    assert not published.filter(proposals_due__lte=F("published_at")).exists()


def test_company_rfcs_carry_a_valid_sat_check_digit():
    seed(vendors=0, requests=0)

    rfcs = list(Company.objects.values_list("rfc", flat=True))
    assert len(rfcs) == 41
    for rfc in rfcs:
        assert len(rfc) == 12
        stdnum_rfc.validate(rfc, validate_check_digits=True)


def test_a_second_run_creates_nothing():
    seed()
    before = row_counts()

    output = seed()

    assert row_counts() == before
    assert "created 0 vendors, 0 companies and 0 requests" in output


def test_a_larger_run_tops_up_with_the_rows_a_single_run_would_create():
    def snapshot():
        return {
            "vendors": set(demo_vendors().values_list("slug", "name", *Vendor.DESCRIPTION_FIELDS)),
            "requests": set(demo_requests().values_list("title", "description", "budget_min")),
        }

    seed(vendors=30, requests=20)
    in_one_run = snapshot()
    demo_vendors().delete()
    demo_requests().delete()

    seed(vendors=10, requests=5)
    first_vendors = dict(demo_vendors().values_list("slug", "pk"))
    seed(vendors=30, requests=20)

    assert demo_vendors().count() == 30
    assert demo_requests().count() == 20
    assert snapshot() == in_one_run
    assert dict(demo_vendors().filter(slug__in=first_vendors).values_list("slug", "pk")) == (
        first_vendors
    )


def test_vendors_written_in_several_chunks_are_those_written_in_one(monkeypatch):
    """Chunks are made up ahead of their writing (in a thread) and their rows looked up by id
    afterwards: neither may shift a vendor's skills, certifications or expertise to another."""

    def snapshot():
        vendors = demo_vendors().prefetch_related(
            "skills", "described_skills", "certifications", "expertise__sector"
        )
        return {
            vendor.slug: (
                vendor.name,
                vendor.business_number,
                sorted(skill.slug for skill in vendor.skills.all()),
                sorted(skill.slug for skill in vendor.described_skills.all()),
                sorted(c.slug for c in vendor.certifications.all()),
                sorted((e.sector.slug, e.level, e.years) for e in vendor.expertise.all()),
                vendor.listed_skill_count,
                vendor.described_unlisted_count,
            )
            for vendor in vendors
        }

    seed(vendors=23, requests=0)
    in_one_chunk = snapshot()
    demo_vendors().delete()
    monkeypatch.setattr(seed_demo, "CHUNK_SIZE", 5)

    seed(vendors=23, requests=0)

    assert snapshot() == in_one_chunk


def test_vendors_described_skills_and_their_counts_are_what_reading_their_prose_gives():
    seed(vendors=40, requests=0)

    vendors = list(demo_vendors().order_by("slug"))
    stored = [
        (
            set(vendor.described_skills.values_list("slug", flat=True)),
            vendor.described_unlisted_count,
            vendor.listed_skill_count,
        )
        for vendor in vendors
    ]
    assert any(unlisted for _, unlisted, _ in stored), "some prose names unlisted skills"
    for vendor, (described, unlisted, listed) in zip(vendors, stored, strict=True):
        assert vendor_described_skills_refresh(vendor=vendor) == described, vendor.slug
        vendor.refresh_from_db()
        assert (vendor.described_unlisted_count, vendor.listed_skill_count) == (unlisted, listed)


def test_large_runs_show_a_progress_bar(monkeypatch, capsys):
    monkeypatch.setattr(seed_demo, "PROGRESS_FROM", 10)

    seed(vendors=12, requests=3)

    progress = capsys.readouterr().err
    assert "12/12" in progress
    assert "vendors" in progress
    assert "requests" not in progress  # 3 rows: below the threshold


def test_the_tender_history_is_left_out_when_asked_and_without_matching():
    for left_out in ({"tenders": False}, {"tenders": True, "no_matching": True}):
        output = seed(vendors=0, requests=0, **left_out)

        assert "Tender history" not in output
        assert "Award history" not in output
        assert not OutsourcingRequest.objects.filter(description__contains=REFERENCE_PREFIX)
        assert not OutsourcingRequest.objects.filter(description__contains=RECORD_PREFIX)
        assert not Event.objects.exists()


def test_with_too_few_vendors_it_tells_the_stories_it_can_and_says_so():
    output = seed(vendors=0, requests=0, tenders=True)
    records = award_records(gambling={"igaming", "sports-betting", "lottery"})

    told = OutsourcingRequest.objects.filter(description__contains=REFERENCE_PREFIX)
    assert told.exists()
    # Only the demo vendor is there to take part.
    assert set(Proposal.objects.values_list("vendor__slug", flat=True)) == {
        "true-north-gaming-labs"
    }
    assert "need more demo vendors that fit them, see --vendors" in output
    # The award history needs two vendors for each request: none is told, and it says so.
    assert not OutsourcingRequest.objects.filter(description__contains=RECORD_PREFIX)
    assert f"Award history: created 0 requests (0 were there already; {len(records)} need" in (
        output
    )


def test_it_refuses_negative_numbers():
    with pytest.raises(CommandError):
        call_command("seed_demo", vendors=-1, stdout=io.StringIO())


@pytest.mark.services
def test_the_foreign_keys_dropped_for_the_bulk_load_are_back_and_checked(postgresql):
    """On PostgreSQL the vendors' tables load without their foreign keys, added back at the
    end (one check of every row): afterwards they are all there, and they hold."""
    from django.db import IntegrityError, connection, transaction

    def foreign_keys() -> list:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2"
            )
            return cursor.fetchall()

    before = foreign_keys()
    seed(vendors=12, requests=3)

    assert foreign_keys() == before
    with pytest.raises(IntegrityError), transaction.atomic():
        VendorExpertise.objects.create(vendor_id=10**9, sector=Sector.objects.first(), level=3)
        with connection.cursor() as cursor:  # deferred keys are checked at commit: now
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
