"""/vendor/: a vendor's own desk — its status and why, its listing, and the published requests in
its sectors. Only the vendor's members have one."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import formats, timezone

from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_publish
from marketplace.services.vendors import vendor_suspend
from tests.factories import OutsourcingRequestFactory, VendorExpertiseFactory, sector

from .pages import text

URL = "/vendor/"


@pytest.fixture
def in_sector(vendor):
    VendorExpertiseFactory(vendor=vendor, sector=sector("sports-betting"), level=5, years=9)


def published(company, actor, **fields):
    request = OutsourcingRequestFactory(company=company, speaks_en=True, **fields)
    request_publish(request=request, actor=actor)
    return request


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.get(URL).url == f"/accounts/login/?next={URL}"


@pytest.mark.parametrize("user", ["alice", "charlie", "staff"])
def test_people_outside_a_vendor_get_404(client, request, db, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(URL).status_code == 404


def test_an_approved_vendor_sees_its_status_and_the_published_requests_in_its_sectors(
    client, vera, alice, company, in_sector
):
    fits = published(company, alice, title="Casa de apuestas en vivo")
    published(
        company, alice, title="Modelo de riesgo crediticio", sector=sector("fintech-payments")
    )
    OutsourcingRequestFactory(company=company, title="Borrador secreto")
    client.force_login(vera)

    page = text(client.get(URL))

    assert "Approved" in page
    assert "Your listing is public in the directory" in page
    assert "Casa de apuestas en vivo" in page
    assert f"/opportunities/{fits.pk}/" in client.get(URL).content.decode()
    assert "Modelo de riesgo crediticio" not in page
    assert "Borrador secreto" not in page
    assert "Edit listing" in page


def test_a_request_filed_under_software_but_ranked_as_the_vendors_sector_is_listed(
    client, vera, alice, company, in_sector
):
    misfiled = published(
        company,
        alice,
        title="App de apuestas con momios en vivo y casa de apuestas",
        sector=sector("software-development"),
    )
    still_queued = published(
        company,
        alice,
        title="Otra app de apuestas con momios en vivo y casa de apuestas",
        sector=sector("software-development"),
    )
    match_run_execute(run_id=misfiled.match_runs.get().pk)
    client.force_login(vera)

    page = client.get(URL).content.decode()

    assert f"/opportunities/{misfiled.pk}/" in page
    # Until its run has read it, a request is where it was filed.
    assert f"/opportunities/{still_queued.pk}/" not in page


def test_a_member_sees_the_desk_but_no_edit_button(client, victor, in_sector):
    client.force_login(victor)

    page = text(client.get(URL))

    assert "Maple Odds" in page
    assert "Edit listing" not in page
    assert "Only the vendor's owners can edit the listing." in page


def test_a_pending_vendor_is_told_it_waits_for_review_and_sees_no_requests(
    client, pablo, alice, company
):
    # Prairie Bits, pending, lists expertise in the request's sector (the `listed` factory).
    published(company, alice, title="Casa de apuestas en vivo")
    client.force_login(pablo)

    page = text(client.get(URL))

    assert "Pending approval" in page
    assert "Norte staff review every vendor" in page
    assert "Published requests appear here once your listing is approved." in page
    assert "Casa de apuestas en vivo" not in page


def test_a_pending_vendor_is_not_told_it_may_propose_to_the_open_requests(client, pablo):
    client.force_login(pablo)

    page = text(client.get(URL, headers={"accept-language": "es-MX"}))

    assert "Ninguna empresa ha invitado aún a su proveedor a proponer." in page
    assert "puede proponer en ellas sin invitación" not in page
    assert "Las solicitudes publicadas aparecen aquí cuando su ficha esté aprobada." in page


def test_an_approved_vendor_without_invitations_is_pointed_to_the_open_requests(
    client, vera, in_sector
):
    client.force_login(vera)

    page = text(client.get(URL))

    assert "you can propose to those without an invitation" in page


def test_a_suspended_vendor_reads_why(client, vera, vendor, staff, in_sector):
    vendor_suspend(vendor=vendor, actor=staff, reason="Certificado GLI vencido.")
    client.force_login(vera)

    page = text(client.get(URL))

    assert "Suspended" in page
    assert "Reason for the status: Certificado GLI vencido." in page
    assert "hidden from the directory and from matching" in page


def test_a_vendor_without_sectors_is_asked_to_add_them(client, vera):
    client.force_login(vera)

    page = text(client.get(URL))

    assert "None yet: add the sectors you work in" in page
    assert "No published request is in your sectors right now." in page


def test_it_speaks_spanish_to_a_mexican_browser(client, vera, in_sector):
    client.force_login(vera)

    page = text(client.get(URL, headers={"accept-language": "es-MX"}))

    assert "Aprobado" in page


def test_the_requests_are_newest_first_in_a_fixed_number_of_queries(
    client, vera, alice, company, in_sector, django_assert_max_num_queries
):
    older = published(company, alice, title="Primera")
    newer = published(company, alice, title="Segunda")
    older.published_at = timezone.now() - timedelta(days=3)
    older.save(update_fields=["published_at"])
    for n in range(5):
        published(company, alice, title=f"Otra {n}")
    client.force_login(vera)

    # 14: the header's notification bell counts the unread (one query on every page), and the
    # day's exchange rates convert the budgets to CAD.
    with django_assert_max_num_queries(14):
        page = text(client.get(URL))

    assert page.index(newer.title) < page.index(older.title)


def test_the_requests_budgets_are_also_in_canadian_dollars(client, vera, alice, company, in_sector):
    published(company, alice, budget_min=Decimal("150000"), budget_max=Decimal("300000"))
    client.force_login(vera)

    page = text(client.get(URL))

    # 150,000 and 300,000 MXN × 0.075 at the reference rate of 2025-01-01.
    day = formats.date_format(date(2025, 1, 1), "DATE_FORMAT")
    assert (
        f"MXN\N{NO-BREAK SPACE}150,000 to MXN\N{NO-BREAK SPACE}300,000 "
        f"≈ CAD\N{NO-BREAK SPACE}11,250 to CAD\N{NO-BREAK SPACE}22,500, approximately, "
        f"at the exchange rate of {day}"
    ) in page
