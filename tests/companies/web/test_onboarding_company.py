"""/onboarding/company/: a person without an organisation registers a Mexican company."""

import pytest

from companies.choices import Role
from companies.models import Company
from tests.factories import rfc_for
from tests.marketplace.web.pages import text

URL = "/onboarding/company/"
RFC = rfc_for(700)


def _form(**overrides):
    return {
        "name": "Apuestas del Bajío",
        "rfc": f"{RFC[:3].lower()}-{RFC[3:9]}-{RFC[9:].lower()}",
        "state": "GUA",
        "city": "León",
        "description": "Casa de apuestas en línea.",
        "website": "https://bajio.example",
        **overrides,
    }


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.post(URL, _form())

    assert response.url == f"/accounts/login/?next={URL}"
    assert not Company.objects.filter(name="Apuestas del Bajío").exists()


def test_charlie_registers_a_company_and_owns_it(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, _form(), follow=True)

    assert response.redirect_chain[-1][0] == "/requests/"
    company = Company.objects.get(name="Apuestas del Bajío")
    assert company.rfc == RFC
    assert not company.verified
    assert charlie.membership.company == company
    assert charlie.membership.role == Role.OWNER
    assert "Apuestas del Bajío is on Norte." in text(response)


def test_a_bad_rfc_is_shown_on_the_field_and_the_input_kept(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, _form(rfc="ABC010101XY"))

    assert response.status_code == 200
    assert "An RFC has 12 characters (company) or 13 (person)" in text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert 'value="Apuestas del Bajío"' in response.content.decode()
    assert 'value="ABC010101XY"' in response.content.decode()
    assert not Company.objects.filter(name="Apuestas del Bajío").exists()
    assert not hasattr(charlie, "membership")


def test_a_taken_rfc_is_refused(client, charlie, company):
    client.force_login(charlie)

    response = client.post(URL, _form(rfc=company.rfc))

    assert "A company with this RFC is already registered." in text(response)
    assert Company.objects.filter(rfc=company.rfc).count() == 1


@pytest.mark.parametrize("person", ["alice", "vera"])
def test_members_of_an_organisation_cannot_found_another(client, db, person, request):
    client.force_login(request.getfixturevalue(person))

    response = client.post(URL, _form())

    assert response.status_code == 302
    assert not Company.objects.filter(name="Apuestas del Bajío").exists()
