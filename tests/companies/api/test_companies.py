"""/api/v1/companies/: who sees which company, who may register or edit one, and how bad input is
refused without saving anything."""

import pytest

from companies.choices import Role
from companies.models import Company, Membership

from ...errors import error, field_codes, field_messages
from ...factories import CompanyFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/companies/"
FIELDS = {
    "id",
    "slug",
    "name",
    "rfc",
    "state",
    "city",
    "description",
    "website",
    "verified",
    "created_at",
    "updated_at",
}
NEW_RFC = "GJA150310K75"  # valid: letters, 10 March 2015, homoclave K7, check digit 5


def detail(company) -> str:
    return f"{URL}{company.pk}/"


def new_company(**overrides):
    return {
        "name": "Grupo Jaguar",
        "rfc": NEW_RFC,
        "state": "CMX",
        "city": "Ciudad de México",
        "description": "Pagos en línea para comercios.",
        "website": "https://jaguar.example.mx",
        **overrides,
    }


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


# --- Reading ------------------------------------------------------------------------------------


def test_it_requires_credentials(api, company):
    assert api().get(URL).status_code == 401
    assert api().get(detail(company)).status_code == 401
    response = api().post(URL, new_company())
    assert response.status_code == 401
    assert not Company.objects.filter(rfc=NEW_RFC).exists()


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_members_see_only_their_company(request, api, company, other_company, user):
    response = api(request.getfixturevalue(user)).get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert ids(response) == [company.pk]


def test_it_shows_every_field_of_the_contract(api, alice, company):
    response = api(alice).get(detail(company))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == FIELDS
    assert body["id"] == company.pk
    assert body["slug"] == "operadora-azteca"
    assert body["name"] == "Operadora Azteca"
    assert body["rfc"] == company.rfc
    assert body["state"] == "JAL"
    assert body["city"] == "Guadalajara"
    assert body["verified"] is False


def test_it_hides_another_company_with_404(api, alice, olga, other_company):
    response = api(alice).get(detail(other_company))
    assert response.status_code == 404
    assert "Operadora" not in response.content.decode()


def test_an_outsider_sees_an_empty_list(api, charlie, company):
    response = api(charlie).get(URL)
    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert api(charlie).get(detail(company)).status_code == 404


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_vendor_members_see_no_company(request, api, company, user):
    client = api(request.getfixturevalue(user))
    assert client.get(URL).json()["count"] == 0
    assert client.get(detail(company)).status_code == 404


def test_staff_see_every_company(api, staff, company, other_company):
    response = api(staff).get(URL)
    assert response.status_code == 200
    # Ordered by name.
    assert ids(response) == [other_company.pk, company.pk]
    assert api(staff).get(detail(other_company)).status_code == 200


def test_it_paginates_with_page_size(api, staff):
    CompanyFactory.create_batch(3)
    response = api(staff).get(URL, {"page_size": 2})
    body = response.json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
    assert body["previous"] is None


# --- Creating -----------------------------------------------------------------------------------


def test_a_user_without_organisation_registers_a_company_and_owns_it(api, charlie):
    response = api(charlie).post(URL, new_company())
    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    assert body["slug"] == "grupo-jaguar"
    assert body["rfc"] == NEW_RFC
    assert body["verified"] is False
    company = Company.objects.get(pk=body["id"])
    assert company.state == "CMX"
    membership = Membership.objects.get(user=charlie)
    assert membership.company == company
    assert membership.role == Role.OWNER
    # The new owner now reads it.
    assert api(charlie).get(detail(company)).status_code == 200


def test_a_founder_cannot_mark_their_company_verified(api, charlie):
    response = api(charlie).post(URL, new_company(verified=True))
    assert response.status_code == 201
    assert response.json()["verified"] is False
    assert Company.objects.get(rfc=NEW_RFC).verified is False


def test_a_member_of_an_organisation_cannot_register_another(api, alice, company):
    response = api(alice).post(URL, new_company())
    assert response.status_code == 403
    assert error(response)["code"] == "already_in_organisation"
    assert "already belong to an organisation" in error(response)["message"]
    assert not Company.objects.filter(rfc=NEW_RFC).exists()
    assert Membership.objects.get(user=alice).company == company


def test_a_vendor_member_cannot_register_a_company(api, vera):
    response = api(vera).post(URL, new_company())
    assert response.status_code == 403
    assert not Company.objects.filter(rfc=NEW_RFC).exists()


def test_staff_register_a_verified_company_without_joining_it(api, staff):
    response = api(staff).post(URL, new_company(verified=True, slug="jaguar"))
    assert response.status_code == 201
    assert response.json()["verified"] is True
    assert response.json()["slug"] == "jaguar"
    assert Company.objects.get(rfc=NEW_RFC).verified is True
    assert not Membership.objects.filter(user=staff).exists()


def test_it_gives_a_new_slug_when_the_name_is_taken(api, staff, company):
    response = api(staff).post(URL, new_company(name="Operadora Azteca"))
    assert response.status_code == 201
    assert response.json()["slug"] == "operadora-azteca-2"


def test_it_refuses_a_slug_another_company_has(api, staff, company):
    response = api(staff).post(URL, new_company(slug="operadora-azteca"))
    assert response.status_code == 400
    assert field_messages(response) == {"slug": ["Company with this Slug already exists."]}
    assert field_codes(response) == {"slug": ["unique"]}
    assert not Company.objects.filter(rfc=NEW_RFC).exists()


@pytest.mark.parametrize("rfc", ["gja150310k75", "GJA-150310-K75", "gja 150310 k75"])
def test_it_stores_the_rfc_compact_and_upper_case(api, charlie, rfc):
    response = api(charlie).post(URL, new_company(rfc=rfc))
    assert response.status_code == 201
    assert response.json()["rfc"] == NEW_RFC
    assert Company.objects.get().rfc == NEW_RFC


def test_it_accepts_a_person_rfc(api, charlie):
    response = api(charlie).post(URL, new_company(rfc="GODE561231GR8"))
    assert response.status_code == 201
    assert Company.objects.get(pk=response.json()["id"]).rfc == "GODE561231GR8"


@pytest.mark.parametrize(
    ("rfc", "code", "message"),
    [
        (
            "GJA1503101",
            "rfc_length",
            "An RFC has 12 characters (company) or 13 (person); GJA1503101 has 10.",
        ),
        (
            "1JA150310K75",
            "rfc_format",
            "1JA150310K75 is not a valid RFC: expected 3-4 letters, a date and a 3-character homoclave.",
        ),
        (
            "GJA150310K74",
            "rfc_checksum",
            "The RFC GJA150310K74 has a wrong check digit (homoclave verifier).",
        ),
        (
            "GJA151310K71",
            "rfc_date",
            "The RFC GJA151310K71 does not contain a valid date (YYMMDD).",
        ),
    ],
)
def test_it_refuses_a_bad_rfc_with_a_clear_message(api, charlie, rfc, code, message):
    response = api(charlie).post(URL, new_company(rfc=rfc))
    assert response.status_code == 400
    assert error(response)["fields"]["rfc"] == [{"code": code, "message": message}]
    assert not Company.objects.exists()
    assert not Membership.objects.exists()


def test_it_refuses_an_rfc_that_is_too_long(api, charlie):
    response = api(charlie).post(URL, new_company(rfc="GODE561231GR8X"))
    assert response.status_code == 400
    assert (
        "An RFC has 12 characters (company) or 13 (person); GODE561231GR8X has 14."
        in field_messages(response)["rfc"]
    )
    assert not Company.objects.exists()


def test_it_refuses_an_rfc_already_registered(api, charlie, company):
    response = api(charlie).post(URL, new_company(rfc=company.rfc.lower()))
    assert response.status_code == 400
    assert field_messages(response)["rfc"] == ["A company with this RFC is already registered."]
    assert Company.objects.count() == 1
    assert not Membership.objects.filter(user=charlie).exists()


@pytest.mark.parametrize("state", ["XYZ", "MX-JAL", "jal", ""])
def test_it_refuses_an_unknown_state(api, charlie, state):
    response = api(charlie).post(URL, new_company(state=state))
    assert response.status_code == 400
    assert list(field_messages(response)) == ["state"]
    assert not Company.objects.exists()
    assert not Membership.objects.exists()


def test_it_names_every_missing_field(api, charlie):
    response = api(charlie).post(URL, {})
    assert response.status_code == 400
    assert field_codes(response) == {
        "name": ["required"],
        "rfc": ["required"],
        "state": ["required"],
        "city": ["required"],
    }
    assert field_messages(response)["name"] == ["This field is required."]


# --- Editing ------------------------------------------------------------------------------------


def test_the_owner_edits_the_company(api, alice, company):
    response = api(alice).patch(
        detail(company), {"city": "Zapopan", "rfc": "gja-150310-k75", "state": "JAL"}
    )
    assert response.status_code == 200
    assert response.json()["city"] == "Zapopan"
    assert response.json()["rfc"] == NEW_RFC
    company.refresh_from_db()
    assert (company.city, company.rfc) == ("Zapopan", NEW_RFC)


def test_the_owner_replaces_the_company_with_put(api, alice, company):
    response = api(alice).put(detail(company), new_company())
    assert response.status_code == 200
    company.refresh_from_db()
    assert (company.name, company.rfc, company.state) == ("Grupo Jaguar", NEW_RFC, "CMX")


def test_the_owner_cannot_mark_the_company_verified(api, alice, company):
    response = api(alice).patch(detail(company), {"verified": True, "city": "Zapopan"})
    assert response.status_code == 200
    assert response.json()["verified"] is False
    company.refresh_from_db()
    assert company.verified is False
    assert company.city == "Zapopan"


def test_a_member_cannot_edit_the_company(api, bob, company):
    response = api(bob).patch(detail(company), {"city": "Zapopan"})
    assert response.status_code == 403
    assert error(response) == {
        "type": "permission_error",
        "code": "permission_denied",
        "message": "Only the organisation's owners and Norte staff can change it.",
    }
    company.refresh_from_db()
    assert company.city == "Guadalajara"


def test_another_company_owner_gets_404_when_editing(api, olga, company):
    response = api(olga).patch(detail(company), {"city": "Monterrey"})
    assert response.status_code == 404
    company.refresh_from_db()
    assert company.city == "Guadalajara"


def test_staff_edit_and_verify_any_company(api, staff, company):
    response = api(staff).patch(detail(company), {"verified": True, "name": "Operadora Maya"})
    assert response.status_code == 200
    assert response.json()["verified"] is True
    company.refresh_from_db()
    assert company.verified is True
    assert company.name == "Operadora Maya"


def test_an_edit_cannot_take_another_companys_rfc(api, alice, company, other_company):
    response = api(alice).patch(detail(company), {"rfc": other_company.rfc, "city": "Zapopan"})
    assert response.status_code == 400
    assert field_messages(response)["rfc"] == ["A company with this RFC is already registered."]
    company.refresh_from_db()
    assert company.city == "Guadalajara"


def test_an_edit_cannot_take_another_companys_slug(api, alice, company, other_company):
    response = api(alice).patch(detail(company), {"slug": other_company.slug, "city": "Zapopan"})
    assert response.status_code == 400
    assert field_messages(response) == {"slug": ["Company with this Slug already exists."]}
    assert field_codes(response) == {"slug": ["unique"]}
    company.refresh_from_db()
    assert (company.slug, company.city) == ("operadora-azteca", "Guadalajara")


def test_an_edit_with_a_bad_rfc_changes_nothing(api, alice, company):
    original = company.rfc
    response = api(alice).patch(detail(company), {"rfc": "GJA150310K74", "city": "Zapopan"})
    assert response.status_code == 400
    assert field_codes(response) == {"rfc": ["rfc_checksum"]}
    company.refresh_from_db()
    assert (company.rfc, company.city) == (original, "Guadalajara")


def test_an_edit_keeps_the_rfc_when_it_is_sent_unchanged(api, alice, company):
    response = api(alice).patch(detail(company), {"rfc": company.rfc})
    assert response.status_code == 200
    assert response.json()["rfc"] == company.rfc


def test_companies_cannot_be_deleted_through_the_api(api, staff, company):
    assert api(staff).delete(detail(company)).status_code == 405
    assert Company.objects.filter(pk=company.pk).exists()


@pytest.mark.parametrize("name", ["Operadora\nAzteca", "Operadora\r\nAzteca", "Operadora\tAzteca"])
def test_a_name_must_be_one_line(api, charlie, name):
    # A line break in a name would reach the invitation email's subject header.
    response = api(charlie).post(URL, new_company(name=name))

    assert response.status_code == 400
    assert error(response)["fields"]["name"] == [
        {
            "code": "single_line",
            "message": "Use one line of text, without line breaks or control characters.",
        }
    ]
    assert not Company.objects.filter(rfc=new_company()["rfc"]).exists()


@pytest.mark.parametrize("user", ["alice", "vera"])
def test_someone_who_may_not_register_a_company_learns_nothing_about_its_rfc(
    request, api, company, user
):
    # The RFC is taken: a 400 saying so would tell them which companies are registered.
    actor = request.getfixturevalue(user)

    taken = api(actor).post(URL, new_company(rfc=company.rfc))
    invalid = api(actor).post(URL, {"rfc": "nonsense"})

    assert taken.status_code == invalid.status_code == 403
    assert "RFC" not in taken.content.decode()


def test_a_description_over_the_limit_is_refused_and_nothing_changes(api, alice, company):
    response = api(alice).patch(detail(company), {"description": "x" * 10_000})

    assert response.status_code == 400
    assert field_codes(response) == {"description": ["max_length"]}
    company.refresh_from_db()
    assert len(company.description) < 5000
