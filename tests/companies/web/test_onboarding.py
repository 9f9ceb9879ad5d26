"""/onboarding/: where a new account chooses to found a company or a vendor."""

import pytest


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/onboarding/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/onboarding/"


def test_it_offers_both_kinds_of_organisation(client, charlie):
    client.force_login(charlie)

    html = client.get("/onboarding/").content.decode()

    assert 'href="/onboarding/company/"' in html
    assert 'href="/onboarding/vendor/"' in html


@pytest.mark.parametrize("person", ["alice", "bob"])
def test_company_members_are_sent_to_their_requests(client, db, person, request):
    client.force_login(request.getfixturevalue(person))

    response = client.get("/onboarding/")

    assert response.status_code == 302
    assert response.url == "/requests/"


def test_vendor_members_are_sent_to_their_profile(client, victor, vendor):
    client.force_login(victor)

    response = client.get("/onboarding/")

    assert response.url == "/vendor/"


def test_staff_are_sent_to_the_admin(client, staff):
    client.force_login(staff)

    assert client.get("/onboarding/").url == "/admin/"
