"""The vendors' version row (snapshot.py) on PostgreSQL, with writers racing in threads, each on
its own connection as in separate processes: every writer locks vendor rows before the version
row, so none deadlocks. Under CI=true these fail without PostgreSQL; elsewhere they skip."""

import threading
import time

import pytest
from django.db import connections, transaction

from companies.models import User
from marketplace.models import Vendor
from marketplace.services.matching import snapshot
from marketplace.services.vendors import vendor_update
from tests.factories import VendorFactory, skill

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql"),
]


def test_a_skill_removed_while_a_refresh_batch_holds_the_vendors_waits_instead_of_deadlocking():
    """The described-skills refresh locks a batch of vendors, then bumps the version; an edit
    that only removes a skill is told by `m2m_changed` before it touches the vendor's row.
    Bumping takes the vendor's row first, so the edit waits for the batch."""
    staff = User.objects.create_user("moderator", is_staff=True)
    vendor = VendorFactory()
    vendor.skills.set([skill("sportsbook"), skill("odds-feeds")])
    batch_holds_the_vendors = threading.Event()
    errors = {}

    def refresh_batch():
        try:
            with transaction.atomic():
                list(Vendor.objects.select_for_update().order_by("pk").values_list("pk"))
                batch_holds_the_vendors.set()
                time.sleep(1.5)  # the edit reaches its lock meanwhile
                snapshot.vendors_changed([vendor.pk])
        except Exception as error:
            errors["batch"] = error
        finally:
            connections.close_all()

    def edit():
        batch_holds_the_vendors.wait(10)
        try:
            vendor_update(
                vendor=Vendor.objects.get(pk=vendor.pk),
                actor=staff,
                data={"skills": [skill("sportsbook")]},
            )
        except Exception as error:
            errors["edit"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=refresh_batch), threading.Thread(target=edit)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
        assert not thread.is_alive()

    assert errors == {}
    assert list(Vendor.objects.get(pk=vendor.pk).skills.values_list("slug", flat=True)) == [
        "sportsbook"
    ]
