"""The admin for users, companies and memberships. `admin_client` is pytest-django's client
logged in as a superuser (`admin_user`)."""

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.choices import Role
from companies.models import Company, Invitation, Membership, User
from companies.services import invitation_create
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    api_token,
    api_token_exists,
    rfc_for,
)

COMPANIES_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label == "companies" and model is not Invitation
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", COMPANIES_MODELS, ids=lambda model: model._meta.model_name)
def test_every_page_loads_for_staff(admin_client, alice, vera, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    obj = model._default_manager.first()
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(admin_url(model, "auditlog", obj.pk)).status_code == 200


def test_the_change_page_links_to_the_audit_log(admin_client, company):
    response = admin_client.get(admin_url(Company, "change", company.pk))

    assert admin_url(Company, "auditlog", company.pk) in response.content.decode()


@pytest.mark.parametrize("model", COMPANIES_MODELS, ids=lambda model: model._meta.model_name)
def test_it_sends_people_who_are_not_staff_to_the_login_page(client, charlie, model):
    client.force_login(charlie)

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_without_permissions_cannot_open_the_lists(client, staff):
    client.force_login(staff)

    assert client.get(admin_url(Company, "changelist")).status_code == 403


def test_staff_create_a_company_with_its_owner_in_one_form(admin_client, admin_user, charlie):
    response = admin_client.post(
        admin_url(Company, "add"),
        {
            "name": "Casino Jalisco",
            "slug": "casino-jalisco",
            "rfc": rfc_for(900).lower(),
            "state": "JAL",
            "city": "Zapopan",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": charlie.pk,
            "memberships-0-role": Role.OWNER,
        },
    )

    assert response.status_code == 302
    company = Company.objects.get(slug="casino-jalisco")
    assert company.rfc == rfc_for(900)
    assert Membership.objects.get(user=charlie).company == company
    entry = LogEntry.objects.get_for_object(company).get()
    assert entry.actor == admin_user


def test_it_refuses_a_company_with_an_invalid_rfc(admin_client):
    response = admin_client.post(
        admin_url(Company, "add"),
        {
            "name": "Casino Jalisco",
            "slug": "casino-jalisco",
            "rfc": "AAA999999AA1",
            "state": "JAL",
            "city": "Zapopan",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "rfc" in response.context["adminform"].form.errors
    assert not Company.objects.filter(slug="casino-jalisco").exists()


def test_the_user_list_filters_by_organisation(admin_client, alice, vera, charlie):
    def listed(organisation):
        response = admin_client.get(admin_url(User, "changelist"), {"organisation": organisation})
        return {user.username for user in response.context["cl"].result_list}

    assert listed("company") == {"alice"}
    assert listed("vendor") == {"vera"}
    assert "charlie" in listed("none")


def test_the_membership_list_filters_by_organisation(admin_client, alice, vera):
    response = admin_client.get(admin_url(Membership, "changelist"), {"organisation": "vendor"})

    assert [m.user.username for m in response.context["cl"].result_list] == ["vera"]


def test_the_company_list_searches_by_rfc(admin_client, company, other_company):
    response = admin_client.get(admin_url(Company, "changelist"), {"q": company.rfc})

    assert list(response.context["cl"].result_list) == [company]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", [User, Membership], ids=["user", "membership"])
def test_lists_do_not_query_once_per_row(admin_client, model):
    def add_people(count):
        for _ in range(count):
            MembershipFactory(company=CompanyFactory())

    url = admin_url(model, "changelist")
    add_people(2)
    few = count_queries(admin_client, url)
    add_people(10)

    assert count_queries(admin_client, url) == few


@pytest.fixture
def invitation(alice, company, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return invitation_create(
            actor=alice,
            organisation=company,
            email="diana@example.com",
            role=Role.MEMBER,
            base_url="http://testserver",
        )


def test_invitations_are_read_only_and_staff_withdraw_them(admin_client, invitation):
    assert admin_client.get(admin_url(Invitation, "changelist")).status_code == 200
    assert admin_client.get(admin_url(Invitation, "add")).status_code == 403
    change = admin_client.get(admin_url(Invitation, "change", invitation.pk))
    assert change.status_code == 200
    assert "token_hash" not in change.content.decode()

    response = admin_client.post(
        admin_url(Invitation, "changelist"),
        {"action": "withdraw", "_selected_action": [invitation.pk]},
        follow=True,
    )

    assert "1 invitation withdrawn." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_staff_setting_a_users_password_revokes_the_users_api_token(admin_client, alice):
    token = api_token(alice)

    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[alice.pk]),
        {"password1": "poutine-sunrise-7", "password2": "poutine-sunrise-7"},
    )

    assert response.status_code == 302
    assert not api_token_exists(token)


def test_staff_changing_their_own_password_revokes_their_api_token(client, staff):
    staff.set_password("correct-horse-battery")
    staff.save()
    token = api_token(staff)
    client.force_login(staff)

    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": "correct-horse-battery",
            "new_password1": "poutine-sunrise-7",
            "new_password2": "poutine-sunrise-7",
        },
    )

    assert response.status_code == 302
    assert not api_token_exists(token)
