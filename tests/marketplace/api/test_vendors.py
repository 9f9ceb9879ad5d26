"""/api/v1/vendors/ and /api/v1/vendors/{id}/: who sees, creates and edits vendor listings, and how a
bad listing is refused. Filters, moderation and members have their own files."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from stdnum import luhn

from companies.choices import Role
from companies.models import Membership
from marketplace.models import Vendor, VendorExpertise
from marketplace.tenders.models import BidInvitation
from tests.errors import error, field_codes, field_messages
from tests.factories import (
    OutsourcingRequestFactory,
    VendorFactory,
    certification,
    sector,
    skill,
)

URL = "/api/v1/vendors/"

# Luhn-valid, so stdnum.ca.bn accepts it; the same digits with another last digit are not.
VALID_BN = "12345678" + luhn.calc_check_digit("12345678")
WRONG_CHECK_DIGIT_BN = "12345678" + str((int(VALID_BN[-1]) + 1) % 10)

FIELDS = {
    "id",
    "slug",
    "name",
    "province",
    "city",
    "description",
    "description_en",
    "description_fr",
    "description_es",
    "website",
    "business_number",
    "team_size",
    "hourly_rate_min",
    "hourly_rate_max",
    "currency",
    "languages",
    "skills",
    "certifications",
    "expertise",
    "status",
    "status_reason",
    "rating",
    "review_count",
    "median_invitation_answer_seconds",
    "created_at",
    "updated_at",
}


def detail_url(vendor):
    return f"{URL}{vendor.pk}/"


def listing(**overrides):
    """A complete, valid vendor payload."""
    return {
        "name": "Aurora Lottery Labs",
        "province": "QC",
        "city": "Montréal",
        "description": "Systèmes de loterie et analyse de données.",
        "website": "https://aurora.example.ca",
        "business_number": VALID_BN,
        "team_size": 12,
        "hourly_rate_min": "90.00",
        "hourly_rate_max": "150.00",
        "languages": ["fr", "en"],
        "skills": ["lottery-systems", "machine-learning"],
        "certifications": ["gli-certified"],
        "expertise": [{"sector": "lottery", "level": 4, "years": 8}],
        **overrides,
    }


def listed_names(response):
    assert response.status_code == 200
    return {row["name"] for row in response.json()["results"]}


def counts():
    return (Vendor.objects.count(), Membership.objects.count(), VendorExpertise.objects.count())


@pytest.fixture
def directory(vendor, pending_vendor):
    """Maple Odds (approved), Prairie Bits (pending), plus another pending and a suspended one."""
    VendorFactory(name="Tundra Soft", status=Vendor.Status.PENDING)
    VendorFactory(name="Fjord Security", status=Vendor.Status.SUSPENDED, status_reason="Fraud")


# --- Reading ----------------------------------------------------------------------------------


def test_anyone_lists_only_approved_vendors(api, directory):
    assert listed_names(api().get(URL)) == {"Maple Odds"}


def test_an_outsider_lists_only_approved_vendors(api, charlie, directory):
    assert listed_names(api(charlie).get(URL)) == {"Maple Odds"}


def test_a_company_member_lists_only_approved_vendors(api, bob, directory):
    assert listed_names(api(bob).get(URL)) == {"Maple Odds"}


def test_the_owner_of_a_pending_vendor_lists_it_but_not_other_pending_ones(api, pablo, directory):
    assert listed_names(api(pablo).get(URL)) == {"Maple Odds", "Prairie Bits"}


def test_a_member_sees_their_own_vendor_while_it_is_suspended(api, victor, vendor, directory):
    Vendor.objects.filter(pk=vendor.pk).update(
        status=Vendor.Status.SUSPENDED, status_reason="Expired licence"
    )

    assert listed_names(api(victor).get(URL)) == {"Maple Odds"}
    response = api(victor).get(detail_url(vendor))
    assert response.status_code == 200
    assert response.json()["status"] == "suspended"
    assert response.json()["status_reason"] == "Expired licence"


def test_staff_list_every_vendor(api, staff, directory):
    assert listed_names(api(staff).get(URL)) == {
        "Maple Odds",
        "Prairie Bits",
        "Tundra Soft",
        "Fjord Security",
    }


def test_anyone_retrieves_an_approved_vendor(api, vendor):
    response = api().get(detail_url(vendor))

    assert response.status_code == 200
    assert response.json()["slug"] == "maple-odds"


@pytest.mark.parametrize("who", [None, "charlie", "bob", "vera", "victor"])
def test_a_pending_vendor_is_404_to_everyone_outside_it(request, api, pending_vendor, who):
    user = request.getfixturevalue(who) if who else None

    response = api(user).get(detail_url(pending_vendor))

    assert response.status_code == 404


def test_the_owner_retrieves_their_pending_vendor(api, pablo, pending_vendor):
    response = api(pablo).get(detail_url(pending_vendor))

    assert response.status_code == 200
    assert response.json()["status"] == "pending"


def test_staff_retrieve_a_pending_vendor(api, staff, pending_vendor):
    assert api(staff).get(detail_url(pending_vendor)).status_code == 200


def test_it_returns_exactly_the_contract_fields(api, vendor):
    vendor.business_number = VALID_BN
    vendor.website = "https://mapleodds.example.ca"
    vendor.speaks_fr = True
    vendor.save()
    vendor.skills.set([skill("sportsbook"), skill("odds-feeds")])
    vendor.certifications.set([certification("agco-registered")])
    VendorExpertise.objects.create(vendor=vendor, sector=sector("sports-betting"), level=5, years=9)
    VendorExpertise.objects.create(vendor=vendor, sector=sector("igaming"), level=3, years=4)

    body = api().get(detail_url(vendor)).json()

    assert set(body) == FIELDS
    assert body == {
        "id": vendor.pk,
        "slug": "maple-odds",
        "name": "Maple Odds",
        "province": "ON",
        "city": "Toronto",
        "description": "We build sportsbook engines and casino platforms.",
        "description_en": "We build sportsbook engines and casino platforms.",
        "description_fr": "",
        "description_es": "",
        "website": "https://mapleodds.example.ca",
        "business_number": VALID_BN,
        "team_size": 25,
        "hourly_rate_min": "80.00",
        "hourly_rate_max": "140.00",
        "currency": "CAD",
        "languages": ["en", "fr"],
        "skills": ["odds-feeds", "sportsbook"],
        "certifications": ["agco-registered"],
        "expertise": [
            {"sector": "sports-betting", "level": 5, "years": 9},
            {"sector": "igaming", "level": 3, "years": 4},
        ],
        "status": "approved",
        "status_reason": "",
        "rating": None,
        "review_count": 0,
        "median_invitation_answer_seconds": None,
        "created_at": vendor.created_at.isoformat().replace("+00:00", "Z"),
        "updated_at": vendor.updated_at.isoformat().replace("+00:00", "Z"),
    }


def test_list_rows_carry_the_same_fields(api, vendor):
    assert set(api().get(URL).json()["results"][0]) == FIELDS


def test_it_paginates_with_a_page_size(api, db):
    Vendor.objects.bulk_create(VendorFactory.build_batch(12))

    body = api().get(URL, {"page_size": 5}).json()

    assert body["count"] == 12
    assert len(body["results"]) == 5
    assert body["previous"] is None
    assert "page=2" in body["next"]
    assert "page_size=5" in body["next"]


def test_it_caps_the_page_size_at_100(api, db):
    Vendor.objects.bulk_create(VendorFactory.build_batch(105))

    body = api().get(URL, {"page_size": 500}).json()

    assert body["count"] == 105
    assert len(body["results"]) == 100
    assert body["next"] is not None


def test_it_pages_20_by_default(api, db):
    Vendor.objects.bulk_create(VendorFactory.build_batch(21))

    body = api().get(URL).json()

    assert len(body["results"]) == 20
    assert body["next"] is not None


@pytest.mark.parametrize(
    ("page_size", "code"),
    [("abc", "invalid"), ("0", "min_value"), ("-5", "min_value"), ("2.5", "invalid")],
)
def test_it_refuses_a_page_size_that_is_not_a_whole_number_from_1(api, vendor, page_size, code):
    response = api().get(URL, {"page_size": page_size})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "page_size": [{"code": code, "message": "Give a page size of 1 or more."}]
    }


# --- Creating ---------------------------------------------------------------------------------


def test_anonymous_cannot_create_a_vendor(api, db):
    before = counts()

    response = api().post(URL, listing())

    assert response.status_code == 401
    assert counts() == before


def test_a_user_without_an_organisation_creates_a_pending_vendor_and_owns_it(api, charlie):
    response = api(charlie).post(URL, listing())

    assert response.status_code == 201
    body = response.json()
    vendor = Vendor.objects.get(pk=body["id"])
    assert body["status"] == "pending"
    assert body["slug"] == "aurora-lottery-labs"
    assert body["currency"] == "CAD"
    assert body["languages"] == ["en", "fr"]
    assert sorted(body["skills"]) == ["lottery-systems", "machine-learning"]
    assert body["certifications"] == ["gli-certified"]
    assert body["expertise"] == [{"sector": "lottery", "level": 4, "years": 8}]
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.hourly_rate_min == Decimal("90.00")
    assert set(vendor.skills.values_list("slug", flat=True)) == {
        "lottery-systems",
        "machine-learning",
    }
    assert list(vendor.certifications.values_list("slug", flat=True)) == ["gli-certified"]
    assert list(vendor.expertise.values_list("sector__slug", "level", "years")) == [
        ("lottery", 4, 8)
    ]
    charlie.refresh_from_db()
    assert charlie.membership.vendor == vendor
    assert charlie.membership.role == Role.OWNER


def test_the_new_owner_then_sees_their_pending_vendor(api, charlie):
    created = api(charlie).post(URL, listing()).json()

    assert listed_names(api(charlie).get(URL)) == {"Aurora Lottery Labs"}
    assert api().get(f"{URL}{created['id']}/").status_code == 404


def test_a_non_staff_status_is_ignored(api, charlie):
    response = api(charlie).post(URL, listing(status="approved", status_reason="Trust me"))

    assert response.status_code == 201
    vendor = Vendor.objects.get(pk=response.json()["id"])
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.status_reason == ""
    assert vendor.status_changed_by is None


def test_a_slug_clash_gets_a_numbered_slug(api, charlie):
    VendorFactory(name="Aurora Lottery Labs", slug="aurora-lottery-labs")

    response = api(charlie).post(URL, listing())

    assert response.status_code == 201
    assert response.json()["slug"] == "aurora-lottery-labs-2"


# Marked: its fixtures come through getfixturevalue, so pytest-django would otherwise order it
# with the tests that use no database, after the transactional ones have emptied it.
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "vera", "victor", "pablo"])
def test_a_user_who_already_has_an_organisation_cannot_create_one(request, api, who):
    user = request.getfixturevalue(who)
    before = counts()

    response = api(user).post(URL, listing())

    assert response.status_code == 403
    assert error(response) == {
        "type": "permission_error",
        "code": "already_in_organisation",
        "message": "You already belong to an organisation; ask Norte staff to create another.",
    }
    assert counts() == before
    assert not Vendor.objects.filter(name="Aurora Lottery Labs").exists()


def test_staff_create_a_vendor_with_any_status(api, staff):
    before_memberships = Membership.objects.count()

    response = api(staff).post(URL, listing(status="approved", status_reason="Checked the BN"))

    assert response.status_code == 201
    vendor = Vendor.objects.get(pk=response.json()["id"])
    assert response.json()["status"] == "approved"
    assert vendor.status == Vendor.Status.APPROVED
    assert vendor.status_reason == "Checked the BN"
    assert vendor.status_changed_by == staff
    # Staff create listings for others; they do not join them.
    assert Membership.objects.count() == before_memberships
    assert api().get(detail_url(vendor)).status_code == 200


def test_staff_create_a_pending_vendor_by_default(api, staff):
    response = api(staff).post(URL, listing())

    assert response.status_code == 201
    assert response.json()["status"] == "pending"


def test_staff_cannot_create_a_suspended_vendor_without_a_reason(api, staff):
    before = counts()

    response = api(staff).post(URL, listing(status="suspended"))

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "status_reason": [{"code": "required", "message": "Say why the vendor is suspended."}]
    }
    assert counts() == before


def test_a_vendor_needs_no_business_number(api, charlie):
    response = api(charlie).post(URL, listing(business_number=""))

    assert response.status_code == 201
    assert response.json()["business_number"] == ""


def test_a_failure_after_the_row_is_written_leaves_nothing_behind(api, charlie, monkeypatch):
    from django.core.exceptions import ValidationError

    from marketplace.services import vendors

    def refuse(**kwargs):
        raise ValidationError("Membership refused.")

    monkeypatch.setattr(vendors, "membership_create", refuse)
    before = counts()

    response = api(charlie).post(URL, listing())

    assert response.status_code == 400
    assert counts() == before
    assert not Vendor.objects.filter(name="Aurora Lottery Labs").exists()


# --- Validation -------------------------------------------------------------------------------

INVALID_LISTINGS = [
    pytest.param(
        {"skills": ["lottery-systems", "quantum-knitting"]},
        {"skills": ["Object with slug=quantum-knitting does not exist."]},
        id="unknown-skill",
    ),
    pytest.param(
        {"certifications": ["iso-9999"]},
        {"certifications": ["Object with slug=iso-9999 does not exist."]},
        id="unknown-certification",
    ),
    pytest.param(
        {"expertise": [{"sector": "space-mining", "level": 3, "years": 2}]},
        {"expertise.0.sector": ["Object with slug=space-mining does not exist."]},
        id="unknown-expertise-sector",
    ),
    pytest.param(
        {"hourly_rate_min": "200.00", "hourly_rate_max": "150.00"},
        {"hourly_rate_min": ["The minimum rate cannot exceed the maximum rate."]},
        id="min-rate-above-max",
    ),
    pytest.param(
        {"hourly_rate_min": "0"},
        {"hourly_rate_min": ["Ensure this value is greater than or equal to 1."]},
        id="zero-rate",
    ),
    pytest.param(
        {"languages": ["en", "de"]},
        {"languages.1": ['"de" is not a valid choice.']},
        id="unsupported-language",
    ),
    pytest.param(
        {"languages": []},
        {"languages": ["This list may not be empty."]},
        id="empty-languages",
    ),
    pytest.param(
        {"province": "XX"},
        {"province": ['"XX" is not a valid choice.']},
        id="unknown-province",
    ),
    pytest.param(
        {"province": "JAL"},
        {"province": ['"JAL" is not a valid choice.']},
        id="mexican-state-as-province",
    ),
    pytest.param(
        {"team_size": 0},
        {"team_size": ["Ensure this value is greater than or equal to 1."]},
        id="zero-team-size",
    ),
    pytest.param(
        {"team_size": -4},
        {"team_size": ["Ensure this value is greater than or equal to 1."]},
        id="negative-team-size",
    ),
    pytest.param(
        {"business_number": "12345678"},
        {"business_number": ["A Canadian business number has exactly 9 digits."]},
        id="business-number-too-short",
    ),
    pytest.param(
        {"business_number": "1234567890"},
        {
            "business_number": [
                "A Canadian business number has exactly 9 digits.",
                "Ensure this field has no more than 9 characters.",
            ]
        },
        id="business-number-too-long",
    ),
    pytest.param(
        {"business_number": "12345678A"},
        {"business_number": ["A Canadian business number has exactly 9 digits."]},
        id="business-number-not-digits",
    ),
    pytest.param(
        {"business_number": WRONG_CHECK_DIGIT_BN},
        {
            "business_number": [
                f"The business number {WRONG_CHECK_DIGIT_BN} has a wrong check digit."
            ]
        },
        id="business-number-wrong-check-digit",
    ),
    pytest.param(
        {
            "expertise": [
                {"sector": "lottery", "level": 4, "years": 8},
                {"sector": "lottery", "level": 2, "years": 1},
            ]
        },
        {"expertise": ["List each sector once."]},
        id="duplicate-expertise-sector",
    ),
    pytest.param(
        {"expertise": [{"sector": "lottery", "level": 0, "years": 1}]},
        {"expertise.0.level": ["Ensure this value is greater than or equal to 1."]},
        id="expertise-level-0",
    ),
    pytest.param(
        {"expertise": [{"sector": "lottery", "level": 6, "years": 1}]},
        {"expertise.0.level": ["Ensure this value is less than or equal to 5."]},
        id="expertise-level-6",
    ),
    pytest.param(
        {"expertise": [{"sector": "lottery", "level": 3, "years": -1}]},
        {"expertise.0.years": ["Ensure this value is greater than or equal to 0."]},
        id="negative-expertise-years",
    ),
    pytest.param(
        {"website": "not a url"},
        {"website": ["Enter a valid URL."]},
        id="bad-website",
    ),
    pytest.param(
        {"name": "<script>alert(1)</script>"},
        {"name": ["Use a name without < >."]},
        id="markup-in-name",
    ),
]


@pytest.mark.parametrize(("changes", "errors"), INVALID_LISTINGS)
def test_it_refuses_an_invalid_listing_with_a_clear_message(api, charlie, changes, errors):
    before = counts()

    response = api(charlie).post(URL, listing(**changes))

    assert response.status_code == 400
    assert field_messages(response) == errors
    assert counts() == before
    assert not Membership.objects.filter(user=charlie).exists()


def test_a_sector_listed_twice_in_the_expertise_is_refused_by_the_service_with_its_code(
    api, vera, vendor
):
    twice = [{"sector": "lottery", "level": 4}, {"sector": "lottery", "level": 2}]

    response = api(vera).patch(detail_url(vendor), {"expertise": twice})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "expertise": [{"code": "duplicate", "message": "List each sector once."}]
    }


def test_it_names_every_missing_required_field(api, charlie):
    before = counts()

    response = api(charlie).post(URL, {})

    assert response.status_code == 400
    assert set(field_codes(response)) == {
        "name",
        "province",
        "city",
        "team_size",
        "hourly_rate_min",
        "hourly_rate_max",
        "languages",
    }
    assert error(response)["fields"]["name"] == [
        {"code": "required", "message": "This field is required."}
    ]
    assert counts() == before


def test_it_refuses_a_business_number_another_vendor_has(api, charlie, vendor):
    vendor.business_number = VALID_BN
    vendor.save()
    before = counts()

    response = api(charlie).post(URL, listing())

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "business_number": [
            {"code": "unique", "message": "vendor with this business number already exists."}
        ]
    }
    assert counts() == before


def test_it_refuses_a_slug_another_vendor_has(api, staff, vendor):
    before = counts()

    response = api(staff).post(URL, listing(slug="maple-odds"))

    assert response.status_code == 400
    assert field_messages(response) == {"slug": ["Vendor with this Slug already exists."]}
    assert counts() == before


# --- Updating ---------------------------------------------------------------------------------


def test_the_owner_edits_their_vendor(api, vera, vendor):
    VendorExpertise.objects.create(vendor=vendor, sector=sector("igaming"), level=2, years=1)

    response = api(vera).patch(
        detail_url(vendor),
        {
            "name": "Maple Odds Studio",
            "skills": ["sportsbook", "in-play-betting"],
            "expertise": [{"sector": "sports-betting", "level": 5, "years": 10}],
            "languages": ["fr", "es"],
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Maple Odds Studio"
    assert sorted(body["skills"]) == ["in-play-betting", "sportsbook"]
    assert body["expertise"] == [{"sector": "sports-betting", "level": 5, "years": 10}]
    assert body["languages"] == ["fr", "es"]
    vendor.refresh_from_db()
    assert vendor.name == "Maple Odds Studio"
    assert vendor.languages == ["fr", "es"]
    assert set(vendor.skills.values_list("slug", flat=True)) == {"sportsbook", "in-play-betting"}
    assert list(vendor.expertise.values_list("sector__slug", "level", "years")) == [
        ("sports-betting", 5, 10)
    ]


def test_a_list_of_skills_sent_as_an_object_is_refused_and_the_skills_kept(api, vera, vendor):
    vendor.skills.set([skill("sportsbook")])

    response = api(vera).patch(detail_url(vendor), {"skills": {}, "certifications": {}})

    assert response.status_code == 400
    assert field_messages(response) == {
        "skills": ['Expected a list of items but got type "dict".'],
        "certifications": ['Expected a list of items but got type "dict".'],
    }
    assert field_codes(response) == {"skills": ["not_a_list"], "certifications": ["not_a_list"]}
    assert list(vendor.skills.values_list("slug", flat=True)) == ["sportsbook"]


def test_the_owner_of_a_pending_vendor_edits_it(api, pablo, pending_vendor):
    response = api(pablo).patch(detail_url(pending_vendor), {"city": "Winnipeg"})

    assert response.status_code == 200
    pending_vendor.refresh_from_db()
    assert pending_vendor.city == "Winnipeg"
    assert pending_vendor.status == Vendor.Status.PENDING


def test_the_owner_cannot_change_the_status(api, pablo, pending_vendor):
    response = api(pablo).patch(
        detail_url(pending_vendor), {"status": "approved", "city": "Winnipeg"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "pending"
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.PENDING
    assert pending_vendor.city == "Winnipeg"


def test_a_member_cannot_edit_the_vendor(api, victor, vendor):
    response = api(victor).patch(detail_url(vendor), {"name": "Hijacked"})

    assert response.status_code == 403
    assert error(response) == {
        "type": "permission_error",
        "code": "permission_denied",
        "message": "Only the organisation's owners and Norte staff can change it.",
    }
    vendor.refresh_from_db()
    assert vendor.name == "Maple Odds"


def test_an_outsider_cannot_edit_an_approved_vendor(api, charlie, vendor):
    response = api(charlie).patch(detail_url(vendor), {"name": "Hijacked"})

    assert response.status_code == 403
    vendor.refresh_from_db()
    assert vendor.name == "Maple Odds"


def test_an_outsider_gets_404_for_a_pending_vendor(api, charlie, pending_vendor):
    response = api(charlie).patch(detail_url(pending_vendor), {"name": "Hijacked"})

    assert response.status_code == 404
    pending_vendor.refresh_from_db()
    assert pending_vendor.name == "Prairie Bits"


def test_another_vendors_owner_cannot_edit_it(api, pablo, vendor):
    response = api(pablo).patch(detail_url(vendor), {"name": "Hijacked"})

    assert response.status_code == 403
    vendor.refresh_from_db()
    assert vendor.name == "Maple Odds"


def test_anonymous_cannot_edit_a_vendor(api, vendor):
    response = api().patch(detail_url(vendor), {"name": "Hijacked"})

    assert response.status_code == 401
    vendor.refresh_from_db()
    assert vendor.name == "Maple Odds"


def test_staff_edit_any_vendor_and_change_its_status(api, staff, pending_vendor):
    response = api(staff).patch(detail_url(pending_vendor), {"team_size": 40, "status": "approved"})

    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["team_size"] == 40
    pending_vendor.refresh_from_db()
    assert pending_vendor.status == Vendor.Status.APPROVED
    assert pending_vendor.status_changed_by == staff
    assert pending_vendor.team_size == 40


def test_staff_suspend_through_an_edit_with_a_reason(api, staff, vendor):
    response = api(staff).patch(
        detail_url(vendor), {"status": "suspended", "status_reason": "Licence lapsed"}
    )

    assert response.status_code == 200
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUSPENDED
    assert vendor.status_reason == "Licence lapsed"


def test_a_refused_status_change_leaves_the_whole_edit_unsaved(api, staff, vendor):
    response = api(staff).patch(detail_url(vendor), {"name": "Renamed", "status": "suspended"})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "status_reason": [{"code": "required", "message": "Say why the vendor is suspended."}]
    }
    vendor.refresh_from_db()
    assert vendor.name == "Maple Odds"
    assert vendor.status == Vendor.Status.APPROVED


def test_an_edit_is_checked_against_the_stored_rates(api, vera, vendor):
    response = api(vera).patch(detail_url(vendor), {"hourly_rate_min": "150.00"})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "hourly_rate_min": [
            {"code": "min_above_max", "message": "The minimum rate cannot exceed the maximum rate."}
        ]
    }
    vendor.refresh_from_db()
    assert vendor.hourly_rate_min == Decimal("80.00")


def test_an_invalid_edit_changes_nothing(api, vera, vendor):
    vendor.skills.set([skill("sportsbook")])

    response = api(vera).patch(
        detail_url(vendor), {"name": "Renamed", "skills": ["sportsbook", "quantum-knitting"]}
    )

    assert response.status_code == 400
    assert field_messages(response) == {
        "skills": ["Object with slug=quantum-knitting does not exist."]
    }
    vendor.refresh_from_db()
    assert vendor.name == "Maple Odds"
    assert list(vendor.skills.values_list("slug", flat=True)) == ["sportsbook"]


def test_an_edit_cannot_empty_the_languages(api, vera, vendor):
    response = api(vera).patch(detail_url(vendor), {"languages": []})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "languages": [{"code": "empty", "message": "This list may not be empty."}]
    }
    vendor.refresh_from_db()
    assert vendor.languages == ["en"]


def test_an_edit_cannot_take_another_vendors_business_number(api, vera, vendor):
    VendorFactory(business_number=VALID_BN)

    response = api(vera).patch(detail_url(vendor), {"business_number": VALID_BN})

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "business_number": [
            {"code": "unique", "message": "vendor with this business number already exists."}
        ]
    }
    vendor.refresh_from_db()
    assert vendor.business_number == ""


def test_a_vendor_name_must_be_one_line(api, charlie):
    response = api(charlie).post(URL, listing(name="Aurora\nLottery Labs"))

    assert response.status_code == 400
    assert field_messages(response)["name"] == [
        "Use one line of text, without line breaks or control characters."
    ]
    assert not Vendor.objects.exists()


def test_someone_who_may_not_found_a_vendor_gets_403_before_any_validation(api, vera, vendor):
    response = api(vera).post(URL, listing(slug=vendor.slug, hourly_rate_min="oops"))

    assert response.status_code == 403
    assert error(response)["code"] == "already_in_organisation"


def test_it_shows_how_fast_the_vendor_answers_bid_invitations(api, vendor, company):
    sent = timezone.now() - timedelta(days=3)
    for hours in (2, 4, 30):
        invitation = BidInvitation.objects.create(
            request=OutsourcingRequestFactory(company=company),
            vendor=vendor,
            status=BidInvitation.Status.ACCEPTED,
        )
        BidInvitation.objects.filter(pk=invitation.pk).update(
            created_at=sent, responded_at=sent + timedelta(hours=hours)
        )

    assert api().get(detail_url(vendor)).json()["median_invitation_answer_seconds"] == 4 * 3600
    assert api().get(URL).json()["results"][0]["median_invitation_answer_seconds"] == 4 * 3600


def test_a_description_over_the_limit_is_refused_and_nothing_changes(api, vera, vendor):
    response = api(vera).patch(detail_url(vendor), {"description": "x" * 10_000})

    assert response.status_code == 400
    assert field_messages(response) == {
        "description": ["Ensure this field has no more than 5000 characters."]
    }
    vendor.refresh_from_db()
    assert len(vendor.description) < 5000


# --- Descriptions per language -----------------------------------------------------------------


def test_a_vendor_writes_its_description_per_language(api, charlie):
    response = api(charlie).post(
        URL,
        listing(
            description_es="Sistemas de lotería.",
            description_en="Lottery systems.",
            description_fr="Systèmes de loterie.",
        ),
    )

    assert response.status_code == 201
    body = response.json()
    assert [body[f"description_{code}"] for code in ("es", "en", "fr")] == [
        "Sistemas de lotería.",
        "Lottery systems.",
        "Systèmes de loterie.",
    ]
    # The single description of API v1 reads the first one written: English, French, Spanish.
    assert body["description"] == "Lottery systems."


def test_the_single_description_of_a_new_vendor_goes_to_the_language_it_is_written_in(api, charlie):
    text = "Nous concevons des systèmes de loterie pour les casinos."

    body = api(charlie).post(URL, listing(description=text)).json()

    assert (body["description"], body["description_fr"], body["description_en"]) == (text, text, "")


def test_writing_the_single_description_edits_the_text_it_reads(api, vera, vendor):
    body = api(vera).patch(detail_url(vendor), {"description": "Odds feeds."}).json()

    assert (body["description"], body["description_en"]) == ("Odds feeds.", "Odds feeds.")


def test_a_languages_own_field_wins_over_the_single_description(api, vera, vendor):
    body = (
        api(vera)
        .patch(detail_url(vendor), {"description": "Ignored.", "description_en": "Kept."})
        .json()
    )

    assert body["description_en"] == "Kept."


def test_a_name_with_markup_is_refused_on_edit_and_the_name_kept(api, vera, vendor):
    response = api(vera).patch(detail_url(vendor), {"name": "Maple <b>Odds</b>"})

    assert response.status_code == 400
    assert field_codes(response) == {"name": ["markup"]}
    vendor.refresh_from_db()
    assert vendor.name == "Maple Odds"
