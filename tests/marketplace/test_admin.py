"""The marketplace admin: curation pages, vendor moderation, the moderation queue, the audit trail.

`admin_client` is pytest-django's client logged in as a superuser (`admin_user`).
"""

import datetime
import uuid

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.models import (
    MatchRun,
    OutsourcingRequest,
    PendingVendor,
    Skill,
    Vendor,
    VendorExpertise,
)
from marketplace.services.vendors import vendor_suspend
from tests.factories import OutsourcingRequestFactory, VendorFactory, sector, skill

MARKETPLACE_MODELS = [
    model for model in admin.site._registry if model._meta.app_label in ("marketplace", "auditlog")
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


VENDORS_URL = admin_url(Vendor, "changelist")
QUEUE_URL = admin_url(PendingVendor, "changelist")


def run_action(client, action, vendors, url=VENDORS_URL, **extra):
    """Submit `action` for `vendors` from the changelist's action bar, as the browser does."""
    data = {"action": action, ACTION_CHECKBOX_NAME: [v.pk for v in vendors], "index": "0"}
    return client.post(url, data | extra)


def confirm_suspension(client, vendors, reason, url=VENDORS_URL):
    """Submit the intermediate page of the suspend action with `reason`."""
    data = {
        "action": "suspend_vendors",
        ACTION_CHECKBOX_NAME: [v.pk for v in vendors],
        "reason": reason,
        "apply": "Suspend",
    }
    return client.post(url, data)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def status_entries(vendor):
    """The audit trail's updates of `vendor` that changed its status, newest first."""
    entries = (
        LogEntry.objects.get_for_object(vendor)
        .filter(action=LogEntry.Action.UPDATE)
        .order_by("-timestamp", "-pk")
    )
    return [entry for entry in entries if "status" in entry.changes_dict]


@pytest.fixture
def complete_vendor(vendor):
    """A vendor with something in every relation the change page shows."""
    vendor.skills.add(skill("sportsbook"))
    VendorExpertise.objects.create(vendor=vendor, sector=sector("sports-betting"), level=4, years=6)
    return vendor


@pytest.mark.parametrize("model", MARKETPLACE_MODELS, ids=lambda model: model._meta.model_name)
def test_every_page_loads_for_staff(
    admin_client, admin_user, rf, complete_vendor, pending_vendor, vera, model
):
    MatchRun.objects.create(request=OutsourcingRequestFactory(), trigger=MatchRun.Trigger.PUBLISH)
    request = rf.get("/")
    request.user = admin_user

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    if admin.site.get_model_admin(model).has_add_permission(request):
        assert admin_client.get(admin_url(model, "add")).status_code == 200
    obj = model._default_manager.first()
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    "language, rate, budget",
    [
        ("en", "CAD\xa080–CAD\xa0140", "MXN\xa01,000,000–MXN\xa02,000,000"),
        ("fr-ca", "80\xa0CAD–140\xa0CAD", "1\xa0000\xa0000\xa0MXN–2\xa0000\xa0000\xa0MXN"),
    ],
)
def test_the_lists_show_rates_and_budgets_as_money(admin_client, vendor, language, rate, budget):
    OutsourcingRequestFactory()
    headers = {"accept-language": language}

    vendors = admin_client.get(VENDORS_URL, headers=headers).content.decode()
    requests = admin_client.get(
        admin_url(OutsourcingRequest, "changelist"), headers=headers
    ).content.decode()

    assert rate in vendors and "80.00" not in vendors
    assert budget in requests


@pytest.mark.parametrize("url", [VENDORS_URL, QUEUE_URL])
def test_it_sends_people_who_are_not_staff_to_the_login_page(client, charlie, url):
    client.force_login(charlie)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_approve_action_approves_and_records_who_did_it(
    admin_client, admin_user, pending_vendor
):
    response = run_action(admin_client, "approve_vendors", [pending_vendor])

    assert response.status_code == 302
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED
    assert pending_vendor.status_changed_by == admin_user
    assert messages_of(response) == ["Approved 1 vendor."]
    entry = status_entries(pending_vendor)[0]
    assert entry.changes_dict["status"] == ["pending", "approved"]
    assert entry.actor == admin_user


def test_the_approve_action_approves_the_complete_and_says_what_the_others_lack(
    admin_client, pending_vendor
):
    bare = VendorFactory(name="Bare Bones", status=Vendor.Status.PENDING)

    response = run_action(admin_client, "approve_vendors", [pending_vendor, bare])

    assert response.status_code == 302
    bare.refresh_from_db()
    assert bare.status == Vendor.Status.PENDING
    assert Vendor.objects.get(pk=pending_vendor.pk).status == Vendor.Status.APPROVED
    assert messages_of(response) == [
        "Bare Bones was not changed: The listing is not complete: a sector with its level of "
        "expertise; at least one skill.",
        "Approved 1 vendor.",
    ]


def test_the_approve_action_skips_vendors_already_approved(admin_client, vendor, pending_vendor):
    changed_at = vendor.status_changed_at

    response = run_action(admin_client, "approve_vendors", [vendor, pending_vendor])

    pending_vendor.refresh_from_db()
    vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED
    assert vendor.status_changed_at == changed_at
    assert messages_of(response) == [
        "Approved 1 vendor.",
        "Skipped 1 vendor that was already approved: Maple Odds.",
    ]


def test_the_suspend_action_asks_for_a_reason_first(admin_client, vendor):
    response = run_action(admin_client, "suspend_vendors", [vendor])

    assert response.status_code == 200
    assert "admin/marketplace/vendor/suspend_selected.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "csrfmiddlewaretoken" in page
    assert f'name="{ACTION_CHECKBOX_NAME}" value="{vendor.pk}"' in page
    assert 'name="action" value="suspend_vendors"' in page
    assert 'name="reason"' in page
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_suspend_action_refuses_an_empty_reason(admin_client, vendor, reason):
    response = confirm_suspension(admin_client, [vendor], reason)

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert f'name="{ACTION_CHECKBOX_NAME}" value="{vendor.pk}"' in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED
    assert status_entries(vendor) == []


def test_the_suspend_action_suspends_with_the_reason(admin_client, admin_user, vendor):
    response = confirm_suspension(admin_client, [vendor], "Licence from the AGCO expired.")

    assert response.status_code == 302
    assert response.url == VENDORS_URL
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUSPENDED
    assert vendor.status_reason == "Licence from the AGCO expired."
    assert vendor.status_changed_by == admin_user
    assert messages_of(response) == ["Suspended 1 vendor."]
    entry = status_entries(vendor)[0]
    assert entry.actor == admin_user
    assert entry.changes_dict["status"] == ["approved", "suspended"]
    assert entry.changes_dict["status_reason"][1] == "Licence from the AGCO expired."


def test_the_suspend_action_skips_vendors_already_suspended(
    admin_client, vendor, pending_vendor, staff
):
    vendor_suspend(vendor=vendor, actor=staff, reason="Unpaid invoices.")

    response = confirm_suspension(admin_client, [vendor, pending_vendor], "Fake business number.")

    vendor.refresh_from_db()
    pending_vendor.refresh_from_db()
    assert vendor.status_reason == "Unpaid invoices."
    assert vendor.status_changed_by == staff
    assert pending_vendor.status == Vendor.Status.SUSPENDED
    assert messages_of(response) == [
        "Suspended 1 vendor.",
        "Skipped 1 vendor that was already suspended: Maple Odds.",
    ]


def test_the_audit_log_of_a_vendor_shows_its_moderation(admin_client, vendor):
    confirm_suspension(admin_client, [vendor], "Licence from the AGCO expired.")

    change_page = admin_client.get(admin_url(Vendor, "change", vendor.pk)).content.decode()
    audit_url = admin_url(Vendor, "auditlog", vendor.pk)
    assert audit_url in change_page
    history = admin_client.get(audit_url)
    assert history.status_code == 200
    assert "Licence from the AGCO expired." in history.content.decode()


def test_the_queue_lists_only_pending_vendors_oldest_first(admin_client, vendor):
    newer = VendorFactory(name="Fjord Labs", status=Vendor.Status.PENDING)
    older = VendorFactory(name="Tundra Data", status=Vendor.Status.PENDING)
    Vendor.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    VendorFactory(name="Banned Bits", status=Vendor.Status.SUSPENDED)

    response = admin_client.get(QUEUE_URL)

    assert [v.name for v in response.context["cl"].result_list] == ["Tundra Data", "Fjord Labs"]
    assert admin_url(Vendor, "change", newer.pk) in response.content.decode()


def test_approving_from_the_queue_takes_the_vendor_out_of_it(admin_client, pending_vendor):
    response = run_action(admin_client, "approve_vendors", [pending_vendor], url=QUEUE_URL)

    assert response.url == QUEUE_URL
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED
    assert not PendingVendor.objects.exists()


def test_suspending_from_the_queue_asks_for_the_reason_there(admin_client, pending_vendor):
    form = run_action(admin_client, "suspend_vendors", [pending_vendor], url=QUEUE_URL)
    assert form.status_code == 200

    response = confirm_suspension(admin_client, [pending_vendor], "Spam.", url=QUEUE_URL)

    assert response.url == QUEUE_URL
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.SUSPENDED


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


def test_staff_who_may_change_vendors_moderate_from_the_queue(client, staff, pending_vendor):
    grant(staff, "view_vendor", "change_vendor")
    client.force_login(staff)

    assert client.get(QUEUE_URL).status_code == 200
    run_action(client, "approve_vendors", [pending_vendor], url=QUEUE_URL)

    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED


def test_staff_who_may_only_view_vendors_cannot_moderate(client, staff, pending_vendor):
    grant(staff, "view_vendor")
    client.force_login(staff)

    assert client.get(VENDORS_URL).context["action_form"] is None
    run_action(client, "approve_vendors", [pending_vendor])

    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.PENDING


def change_form_data(response) -> dict:
    """What a browser posts back from the admin change page in `response`, untouched."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else value
    return data


def test_the_status_cannot_be_changed_in_the_change_form(admin_client, complete_vendor):
    url = admin_url(Vendor, "change", complete_vendor.pk)
    data = change_form_data(admin_client.get(url))
    assert "status" not in data

    response = admin_client.post(
        url,
        data
        | {
            "city": "Ottawa",
            "status": Vendor.Status.SUSPENDED,
            "status_reason": "Typed in the form.",
        },
    )

    assert response.status_code == 302
    complete_vendor.refresh_from_db()
    assert complete_vendor.city == "Ottawa"
    assert complete_vendor.status == Vendor.Status.APPROVED
    assert complete_vendor.status_reason == ""
    assert complete_vendor.expertise.count() == 1


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "add_rows"),
    [
        (
            VENDORS_URL,
            lambda staff: vendor_suspend(vendor=VendorFactory(), actor=staff, reason="x"),
        ),
        (QUEUE_URL, lambda staff: VendorFactory(status=Vendor.Status.PENDING)),
        (
            admin_url(Skill, "changelist"),
            lambda staff: Skill.objects.create(
                slug=f"skill-{uuid.uuid4().hex}", name="Unity", sector=sector("vr-ar")
            ),
        ),
        (
            admin_url(OutsourcingRequest, "changelist"),
            lambda staff: OutsourcingRequestFactory(),
        ),
    ],
    ids=["vendors", "queue", "skills", "requests"],
)
def test_lists_do_not_query_once_per_row(admin_client, staff, url, add_rows):
    for _ in range(2):
        add_rows(staff)
    few = count_queries(admin_client, url)
    for _ in range(10):
        add_rows(staff)

    assert count_queries(admin_client, url) == few


# Skills: aliases per language, one per line


def test_a_skills_aliases_are_edited_one_per_line_in_each_language(admin_client):
    odds = skill("odds-feeds")
    url = admin_url(Skill, "change", odds.pk)
    data = change_form_data(admin_client.get(url))
    assert data["aliases_es"].startswith("momios\nmomios en vivo\ncuotas en vivo\n")

    response = admin_client.post(
        url, data | {"aliases_es": "  momios\n\nlíneas de apuestas \nMomios\n", "aliases_fr": ""}
    )

    assert response.status_code == 302
    odds.refresh_from_db()
    assert odds.aliases_es == ["momios", "líneas de apuestas"]  # blank lines and repeats gone
    assert odds.aliases_fr == []
    assert odds.aliases == data["aliases"].splitlines()


def test_saving_a_skill_untouched_keeps_its_aliases(admin_client):
    kubernetes = skill("kubernetes")
    before = (kubernetes.aliases, kubernetes.aliases_es, kubernetes.aliases_fr)
    url = admin_url(Skill, "change", kubernetes.pk)

    response = admin_client.post(url, change_form_data(admin_client.get(url)))

    assert response.status_code == 302
    kubernetes.refresh_from_db()
    assert (kubernetes.aliases, kubernetes.aliases_es, kubernetes.aliases_fr) == before


@pytest.fixture
def queued_readings(monkeypatch):
    """Each time vendors' descriptions are queued to be read again (`described_skills`)."""
    queued = []
    monkeypatch.setattr(
        "marketplace.admin.described_skills_refresh_queue", lambda: queued.append(1)
    )
    return queued


def test_a_skill_written_another_way_has_vendors_descriptions_read_again(
    admin_client, queued_readings
):
    url = admin_url(Skill, "change", skill("odds-feeds").pk)
    data = change_form_data(admin_client.get(url))

    admin_client.post(url, data)  # nothing changed
    assert queued_readings == []

    admin_client.post(url, data | {"aliases_es": "momios\nlíneas de apuestas"})
    assert queued_readings == [1]

    admin_client.post(admin_url(Skill, "delete", skill("odds-feeds").pk), {"post": "yes"})
    assert queued_readings == [1, 1]


def test_the_form_refuses_an_alias_of_another_skill_naming_it(admin_client):
    url = admin_url(Skill, "change", skill("in-play-betting").pk)
    data = change_form_data(admin_client.get(url))

    response = admin_client.post(
        url,
        data | {"aliases_fr": "paris en direct\nFlux de cotes"},
        headers={"accept-language": "fr-ca"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "aliases_fr": [
            "« Flux de cotes » est déjà un nom ou un alias de la compétence « Flux de cotes »."
        ]
    }
    assert "Flux de cotes" not in skill("in-play-betting").aliases_fr


@pytest.mark.parametrize(
    ("language", "labels", "help_text"),
    [
        ("en", ["Aliases (English)", "Aliases (Spanish)", "Aliases (French)"], "one per line"),
        ("es-mx", ["Alias (inglés)", "Alias (español)", "Alias (francés)"], "uno por línea"),
        ("fr-ca", ["Alias (anglais)", "Alias (espagnol)", "Alias (français)"], "un par ligne"),
    ],
)
def test_the_skill_page_names_the_alias_lists_in_each_language(
    admin_client, language, labels, help_text
):
    response = admin_client.get(
        admin_url(Skill, "change", skill("sportsbook").pk), headers={"accept-language": language}
    )

    page = response.content.decode()
    assert all(f">{label}" in page for label in labels)
    assert help_text in page
    assert '<textarea name="aliases_es"' in page and "app de apuestas\n" in page


@pytest.mark.parametrize(
    ("query", "slug"),
    [("k8s", "kubernetes"), ("momios", "odds-feeds"), ("paris en direct", "in-play-betting")],
)
def test_the_skill_search_reads_the_aliases_of_every_language(admin_client, query, slug):
    response = admin_client.get(admin_url(Skill, "changelist"), {"q": query})

    assert slug in {row.slug for row in response.context["cl"].result_list}
