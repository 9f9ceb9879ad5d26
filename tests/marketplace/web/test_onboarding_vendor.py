"""/onboarding/vendor/: a person without an organisation lists a Canadian vendor, which waits
for approval by Norte staff."""

import re

from companies.choices import Role
from marketplace.models import Vendor
from tests.marketplace.web.pages import text

URL = "/onboarding/vendor/"


def _form(**overrides):
    return {
        "name": "Tundra Labs",
        "province": "MB",
        "city": "Winnipeg",
        "description_en": "Odds feeds and risk engines.",
        "description_fr": "Flux de cotes et moteurs de risque.",
        "website": "https://tundra.example",
        "team_size": "8",
        "hourly_rate_min": "90",
        "hourly_rate_max": "140",
        "languages": ["en", "fr"],
        "business_number": "",
        **overrides,
    }


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.get(URL).url == f"/accounts/login/?next={URL}"


def test_charlie_creates_a_vendor_that_waits_for_approval(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, _form(), follow=True)

    vendor = Vendor.objects.get(name="Tundra Labs")
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.languages == ["en", "fr"]
    assert charlie.membership.vendor == vendor
    assert charlie.membership.role == Role.OWNER
    assert response.redirect_chain[-1][0] == "/vendor/"
    assert "Pending approval" in text(response)
    assert "Norte staff review every vendor" in text(response)


def test_it_is_not_in_the_directory_yet(client, charlie):
    client.force_login(charlie)
    client.post(URL, _form())
    client.logout()

    assert "Tundra Labs" not in text(client.get("/vendors/"))


def test_the_services_rules_show_on_the_form_with_the_input_kept(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, _form(hourly_rate_min="200", languages=[]))

    assert response.status_code == 200
    assert "This field is required." in text(response)
    assert 'value="Tundra Labs"' in response.content.decode()
    assert not Vendor.objects.filter(name="Tundra Labs").exists()


def test_a_minimum_rate_above_the_maximum_is_refused(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, _form(hourly_rate_min="200"))

    assert response.status_code == 200
    assert "The minimum rate cannot exceed the maximum rate." in text(response)
    assert not Vendor.objects.filter(name="Tundra Labs").exists()


def test_a_company_owner_cannot_found_a_vendor(client, alice):
    client.force_login(alice)

    response = client.post(URL, _form())

    assert response.status_code == 302
    assert not Vendor.objects.filter(name="Tundra Labs").exists()


def test_the_description_is_written_per_language_and_saved_so(client, charlie):
    client.force_login(charlie)

    client.post(URL, _form())

    vendor = Vendor.objects.get(name="Tundra Labs")
    assert vendor.descriptions == {
        "en": "Odds feeds and risk engines.",
        "fr": "Flux de cotes et moteurs de risque.",
    }


def test_each_description_box_is_named_in_its_own_language_and_marked_with_it(client, charlie):
    client.force_login(charlie)

    html = client.get(URL, headers={"accept-language": "es-MX"}).content.decode()

    for code, name in (("en", "English"), ("fr", "Français"), ("es", "Español")):
        assert (
            f'<label for="id_description_{code}">Descripción <span lang="{code}">({name})</span>'
            in html
        )
        assert re.search(rf'<textarea name="description_{code}"[^>]* lang="{code}"', html)


def test_a_name_with_markup_is_refused_and_nothing_created(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, _form(name="<script>alert(1)</script>"))

    assert response.status_code == 200
    assert "Use a name without &lt; &gt;." in response.content.decode()
    assert not Vendor.objects.exists()
