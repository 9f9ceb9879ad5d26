"""config.policies and config.permissions: how views, the API and templates find and ask the
apps' policies."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponse
from django.template import Context, Template

from companies.policies import can_manage_organisation
from config.api_urls import router
from config.permissions import PolicyPermission, Rule
from config.policies import object_keyword, policy_named, policy_required
from marketplace.policies import can_edit_vendor, can_moderate_vendors

pytestmark = pytest.mark.django_db


def test_a_policy_is_found_by_its_name_in_the_app_that_writes_it():
    assert policy_named("edit_vendor") is can_edit_vendor
    # marketplace.policies builds on it, but companies writes it.
    assert policy_named("manage_organisation") is can_manage_organisation


def test_an_unknown_policy_name_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="can_fly_vendor"):
        policy_named("fly_vendor")


def test_a_policy_names_its_row_by_its_keyword():
    assert object_keyword(can_edit_vendor) == "vendor"
    assert object_keyword(can_moderate_vendors) is None


def render(source: str, **context) -> str:
    return Template("{% load policies %}" + source).render(Context(context))


def test_the_can_tag_asks_the_policy_about_the_row(vera, victor, vendor):
    source = '{% can "edit_vendor" vendor as may_edit %}{{ may_edit }}'

    assert render(source, user=vera, vendor=vendor) == "True"
    assert render(source, user=victor, vendor=vendor) == "False"


def test_the_can_tag_asks_a_rule_about_no_row(staff, alice):
    source = '{% can "moderate_vendors" as may_moderate %}{{ may_moderate }}'

    assert render(source, user=staff) == "True"
    assert render(source, user=alice) == "False"


def test_a_page_is_not_found_by_those_its_policy_refuses(rf, staff, alice):
    page = policy_required(can_moderate_vendors)(lambda request: HttpResponse("queue"))
    request = rf.get("/moderation/")

    request.user = staff
    assert page(request).content == b"queue"
    request.user = alice
    with pytest.raises(Http404):
        page(request)


# --- PolicyPermission ------------------------------------------------------------------------------


def view(action: str, **policies):
    return SimpleNamespace(action=action, policies=policies)


def asked(user, method: str = "POST"):
    return SimpleNamespace(user=user, method=method)


def test_a_refusal_carries_its_rules_message_and_code(alice):
    permission = PolicyPermission()
    rule = Rule(can_moderate_vendors, message="Staff only.", code="staff_only")

    assert not permission.has_permission(asked(alice), view("approve", approve=rule))
    assert (permission.message, permission.code) == ("Staff only.", "staff_only")


def test_a_rule_about_a_row_is_asked_of_the_row_not_before(victor, vera, vendor):
    permission = PolicyPermission()
    policies = view("partial_update", partial_update=can_edit_vendor)

    assert permission.has_permission(asked(victor, "PATCH"), policies)
    assert not permission.has_object_permission(asked(victor, "PATCH"), policies, vendor)
    assert permission.has_object_permission(asked(vera, "PATCH"), policies, vendor)


def test_an_action_answering_several_methods_has_a_rule_for_each(bob, company):
    policies = view("invitations", invitations={"GET": None, "POST": can_manage_organisation})

    assert PolicyPermission().has_object_permission(asked(bob, "GET"), policies, company)
    assert not PolicyPermission().has_object_permission(asked(bob, "POST"), policies, company)


def test_an_action_the_policies_forget_is_a_configuration_error(staff):
    with pytest.raises(ImproperlyConfigured, match="destroy"):
        PolicyPermission().has_permission(asked(staff, "DELETE"), view("destroy"))


STANDARD_ACTIONS = ["list", "retrieve", "create", "update", "partial_update", "destroy"]


@pytest.mark.parametrize(
    "viewset",
    [
        viewset
        for _prefix, viewset, _basename in router.registry
        if PolicyPermission in viewset.permission_classes
    ],
    ids=lambda viewset: viewset.__name__,
)
def test_every_viewset_asking_policies_names_a_rule_for_each_action(viewset):
    actions = [name for name in STANDARD_ACTIONS if hasattr(viewset, name)]
    actions += [extra.__name__ for extra in viewset.get_extra_actions()]

    assert sorted(actions) == sorted(viewset.policies)
