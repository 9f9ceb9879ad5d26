"""companies.policies: who may do what with organisations, asked of each member of the cast
(tests/conftest.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from companies.policies import (
    can_act_for_company,
    can_found_organisation,
    can_manage_organisation,
    can_verify_companies,
    can_view_team,
    membership_of,
)

pytestmark = pytest.mark.django_db


def test_a_member_has_one_membership_and_everyone_else_none(alice, vera, charlie, staff):
    assert membership_of(user=alice).organisation.name == "Operadora Azteca"
    assert membership_of(user=vera).organisation.name == "Maple Odds"
    assert membership_of(user=charlie) is None
    assert membership_of(user=staff) is None
    assert membership_of(user=AnonymousUser()) is None


def test_an_organisation_is_founded_by_someone_in_none_or_by_staff(allowed):
    assert allowed(can_found_organisation) == {"charlie", "staff"}


def test_a_company_is_managed_by_its_owners_and_staff(allowed, company):
    assert allowed(can_manage_organisation, organisation=company) == {"alice", "staff"}


def test_a_vendor_is_managed_by_its_owners_and_staff(allowed, vendor):
    assert allowed(can_manage_organisation, organisation=vendor) == {"vera", "staff"}


def test_a_companys_team_is_seen_by_its_members_and_staff(allowed, company):
    assert allowed(can_view_team, organisation=company) == {"alice", "bob", "staff"}


def test_a_vendors_team_is_seen_by_its_members_and_staff(allowed, vendor):
    assert allowed(can_view_team, organisation=vendor) == {"vera", "victor", "staff"}


def test_any_member_acts_for_their_company_and_staff_for_any(allowed, company, other_company):
    assert allowed(can_act_for_company, company=company) == {"alice", "bob", "staff"}
    assert allowed(can_act_for_company, company=other_company) == {"olga", "staff"}


def test_only_staff_verify_companies(allowed):
    assert allowed(can_verify_companies) == {"staff"}
