"""Shared fixtures. The cast, as in every test file:

- alice: owner of `company` (Mexico); bob: member of `company`; charlie: no organisation.
- vera: owner of the approved `vendor` (Canada); victor: member of `vendor`.
- olga: owner of `other_company`; pablo: owner of `pending_vendor`.
- staff: Norte staff.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from knox.models import AuthToken
from rest_framework.test import APIClient

from companies.choices import Role
from marketplace.models import Vendor
from marketplace.services.matching.loading import skill_lexicon_forget
from marketplace.services.matching.snapshot import snapshots_forget

from .factories import CompanyFactory, MembershipFactory, UserFactory, VendorFactory
from .services import require
from .summary import ClosingSummary


def pytest_configure(config):
    config.pluginmanager.register(ClosingSummary(), ClosingSummary.name)


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Every test starts in the settings' language: a page served in es-MX or fr-CA leaves its
    language active in the thread (LocaleMiddleware activates, nothing deactivates), and the next
    test's messages would come out translated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no throttle counted: the counters live in the cache, which
    outlives a test (in memory, or Redis under CI) where the database does not."""
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_skill_lexicon():
    """Matching keeps the skills' lexicon between rankings while the skills do not change; a
    test that changed them and rolled back must not leave its lexicon to the next. Likewise
    the vendor tables: their version stamps would notice, but a test's own `QuerySet.update`
    of a vendor (no signal) would leave its table to the next."""
    skill_lexicon_forget()
    snapshots_forget()


@pytest.fixture
def company(db):
    return CompanyFactory(name="Operadora Azteca", slug="operadora-azteca")


@pytest.fixture
def other_company(db):
    return CompanyFactory(name="Lotería del Norte", slug="loteria-del-norte", state="NLE")


@pytest.fixture
def vendor(db):
    return VendorFactory(name="Maple Odds", slug="maple-odds")


@pytest.fixture
def pending_vendor(db):
    return VendorFactory(
        name="Prairie Bits", slug="prairie-bits", status=Vendor.Status.PENDING, listed=True
    )


def _member(username, role, **organisation):
    return MembershipFactory(user=UserFactory(username=username), role=role, **organisation).user


@pytest.fixture
def alice(company):
    return _member("alice", Role.OWNER, company=company)


@pytest.fixture
def bob(company):
    return _member("bob", Role.MEMBER, company=company)


@pytest.fixture
def charlie(db):
    return UserFactory(username="charlie")


@pytest.fixture
def olga(other_company):
    return _member("olga", Role.OWNER, company=other_company)


@pytest.fixture
def vera(vendor):
    return _member("vera", Role.OWNER, vendor=vendor)


@pytest.fixture
def victor(vendor):
    return _member("victor", Role.MEMBER, vendor=vendor)


@pytest.fixture
def pablo(pending_vendor):
    return _member("pablo", Role.OWNER, vendor=pending_vendor)


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", is_staff=True)


@pytest.fixture
def api():
    """`api(user)` → an APIClient sending that user's token; `api()` → anonymous."""

    tokens = {}  # one token per user for the test, as an integration would keep it

    def client_for(user=None):
        client = APIClient()
        if user is not None:
            if user.pk not in tokens:
                tokens[user.pk] = AuthToken.objects.create(user=user)[1]
            client.credentials(HTTP_AUTHORIZATION=f"Token {tokens[user.pk]}")
        return client

    return client_for


@pytest.fixture
def rates(settings):
    """`rates(login="2/minute")`: those throttle rates for the rest of the test (the others
    keep their defaults)."""

    def set_rates(**scoped: str) -> None:
        configured = settings.REST_FRAMEWORK
        settings.REST_FRAMEWORK = {
            **configured,
            "DEFAULT_THROTTLE_RATES": {**configured["DEFAULT_THROTTLE_RATES"], **scoped},
        }

    return set_rates


@pytest.fixture
def cast(request) -> dict:
    """The whole cast by name, `anonymous` included (an AnonymousUser)."""
    names = ["charlie", "alice", "bob", "olga", "vera", "victor", "pablo", "staff"]
    return {
        "anonymous": AnonymousUser(),
        **{name: request.getfixturevalue(name) for name in names},
    }


@pytest.fixture
def allowed(cast):
    """`allowed(policy, **rows)` → the names of the cast `policy` lets do it, for the policies'
    own tests: `assert allowed(can_moderate_vendors) == {"staff"}`."""

    def people_allowed(policy, **rows) -> set[str]:
        return {who for who, user in cast.items() if policy(user=user, **rows)}

    return people_allowed


@pytest.fixture
def postgresql():
    """For tests that need PostgreSQL itself (row locks across connections): they fail under
    CI=true without it and skip elsewhere."""
    require(connection.vendor == "postgresql", "needs DATABASE_URL pointing at PostgreSQL")
