"""/vendor/edit/: the vendor's owners edit the listing — profile, rates, languages, expertise by
sector, skills and certifications — in one form saved through `vendor_update`."""

import re
from decimal import Decimal

import pytest

from marketplace.models import Vendor, VendorExpertise
from marketplace.services.requests import request_publish
from tests.factories import (
    OutsourcingRequestFactory,
    VendorExpertiseFactory,
    VendorFactory,
    certification,
    sector,
    skill,
)

from .pages import text

URL = "/vendor/edit/"


@pytest.fixture
def listed(vendor):
    VendorExpertiseFactory(vendor=vendor, sector=sector("sports-betting"), level=4, years=6)
    vendor.skills.set([skill("sportsbook")])
    return vendor


def expertise(rows, *, initial=0) -> dict:
    """The formset's fields for `rows` [(sector, level, years, delete)], plus two blank rows."""
    data = {
        "expertise-TOTAL_FORMS": str(len(rows) + 2),
        "expertise-INITIAL_FORMS": str(initial),
        "expertise-MIN_NUM_FORMS": "0",
        "expertise-MAX_NUM_FORMS": "1000",
    }
    for n, (row_sector, level, years, delete) in enumerate(rows):
        data[f"expertise-{n}-sector"] = row_sector.pk if row_sector else ""
        data[f"expertise-{n}-level"] = str(level)
        data[f"expertise-{n}-years"] = str(years)
        if delete:
            data[f"expertise-{n}-DELETE"] = "on"
    for n in range(len(rows), len(rows) + 2):
        data[f"expertise-{n}-sector"] = ""
        data[f"expertise-{n}-level"] = ""
        data[f"expertise-{n}-years"] = "0"
    return data


def form_data(vendor, rows=(), initial=0, **overrides) -> dict:
    data = {
        "name": vendor.name,
        "province": vendor.province,
        "city": vendor.city,
        **{field: getattr(vendor, field) for field in Vendor.DESCRIPTION_FIELDS},
        "website": vendor.website,
        "team_size": vendor.team_size,
        "hourly_rate_min": vendor.hourly_rate_min,
        "hourly_rate_max": vendor.hourly_rate_max,
        "languages": vendor.languages,
        "business_number": vendor.business_number,
        "skills": [s.pk for s in vendor.skills.all()],
        "certifications": [c.pk for c in vendor.certifications.all()],
        **expertise(rows, initial=initial),
    }
    return {**data, **overrides}


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.get(URL).url == f"/accounts/login/?next={URL}"


@pytest.mark.parametrize("user", ["alice", "charlie", "staff"])
def test_people_outside_a_vendor_get_404(client, request, db, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(URL).status_code == 404


def test_a_member_who_is_not_an_owner_gets_403_and_changes_nothing(client, victor, listed):
    client.force_login(victor)

    assert client.get(URL).status_code == 403
    response = client.post(URL, form_data(listed, name="Hijacked"))

    assert response.status_code == 403
    listed.refresh_from_db()
    assert listed.name == "Maple Odds"


def test_the_form_is_filled_in_with_the_listing(client, vera, listed):
    client.force_login(vera)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Maple Odds"' in html
    sports = sector("sports-betting").pk
    assert f'<option value="{sports}" selected>' in html
    assert f'value="{skill("sportsbook").pk}"' in html
    assert 'name="expertise-TOTAL_FORMS" value="3"' in html  # one sector, two blank rows


def test_the_owner_saves_profile_expertise_skills_and_certifications_at_once(client, vera, listed):
    client.force_login(vera)
    rows = [(sector("sports-betting"), 5, 9, False), (sector("igaming"), 3, 2, False)]

    response = client.post(
        URL,
        form_data(
            listed,
            rows,
            initial=1,
            city="Montréal",
            province="QC",
            hourly_rate_max="150.00",
            languages=["en", "fr"],
            skills=[skill("sportsbook").pk, skill("odds-feeds").pk],
            certifications=[certification("gli-certified").pk],
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/vendor/"
    assert "Your listing was saved." in text(response)
    listed.refresh_from_db()
    assert (listed.city, listed.province) == ("Montréal", "QC")
    assert listed.hourly_rate_max == Decimal("150.00")
    assert listed.languages == ["en", "fr"]
    assert {s.slug for s in listed.skills.all()} == {"sportsbook", "odds-feeds"}
    assert [c.slug for c in listed.certifications.all()] == ["gli-certified"]
    assert {(e.sector.slug, e.level, e.years) for e in listed.expertise.all()} == {
        ("sports-betting", 5, 9),
        ("igaming", 3, 2),
    }
    assert listed.status == Vendor.Status.APPROVED  # editing does not send it back to review


def test_a_ticked_row_is_removed(client, vera, listed):
    client.force_login(vera)

    client.post(URL, form_data(listed, [(sector("sports-betting"), 4, 6, True)], initial=1))

    assert not VendorExpertise.objects.filter(vendor=listed).exists()


def test_a_sector_listed_twice_is_refused_and_nothing_changes(client, vera, listed):
    client.force_login(vera)
    rows = [(sector("igaming"), 3, 2, False), (sector("igaming"), 5, 9, False)]

    response = client.post(URL, form_data(listed, rows, name="Renamed"))

    assert response.status_code == 200
    assert "List each sector once." in text(response)
    listed.refresh_from_db()
    assert listed.name == "Maple Odds"
    assert [e.sector.slug for e in listed.expertise.all()] == ["sports-betting"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hourly_rate_min": "200", "hourly_rate_max": "100"}, "The minimum rate cannot exceed"),
        ({"languages": []}, "This field is required."),
        ({"team_size": "0"}, "greater than or equal to 1"),
        # The model's bound, not the column's "≥ 0", however far below.
        ({"team_size": "-3"}, "greater than or equal to 1"),
        ({"description_fr": "x" * 5001}, "at most 5000 characters (it has 5001)"),
        ({"business_number": "123"}, "business number"),
    ],
)
def test_bad_input_is_shown_with_the_input_kept_and_nothing_saved(
    client, vera, listed, overrides, message
):
    client.force_login(vera)

    response = client.post(URL, form_data(listed, city="Calgary", **overrides))

    assert response.status_code == 200
    assert message in text(response)
    assert 'value="Calgary"' in response.content.decode()
    listed.refresh_from_db()
    assert listed.city == "Toronto"


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": "Maple\x00Odds"},
        {"skills": ["\x00"]},
        {"certifications": ["\x00"]},
        {"expertise-0-sector": "\x00", "expertise-0-level": "3"},
    ],
)
def test_a_nul_character_in_any_field_is_refused_and_nothing_saved(client, vera, listed, overrides):
    # PostgreSQL cannot even compare text holding NUL: text fields refuse it and choice fields
    # look their (integer) keys up before any query, so it never reaches the database.
    client.force_login(vera)

    response = client.post(URL, form_data(listed, city="Calgary", **overrides))

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    listed.refresh_from_db()
    assert listed.city == "Toronto"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ((None, 3, 2, False), "This field is required."),
        (("igaming", 9, 2, False), "Select a valid choice."),
        (("igaming", 3, 99, False), "less than or equal to 80"),
    ],
)
def test_a_bad_expertise_row_is_refused(client, vera, listed, row, message):
    client.force_login(vera)
    row_sector, level, years, delete = row
    rows = [(sector(row_sector) if row_sector else None, level, years, delete)]

    response = client.post(URL, form_data(listed, rows))

    assert response.status_code == 200
    assert message in text(response)
    assert [e.level for e in listed.expertise.all()] == [4]


def test_another_vendors_business_number_is_refused(client, vera, listed):
    VendorFactory(business_number="123456782")
    client.force_login(vera)

    response = client.post(URL, form_data(listed, business_number="123456782"))

    assert "A vendor with this business number already exists." in text(response)
    listed.refresh_from_db()
    assert listed.business_number == ""


def test_the_new_sector_brings_published_requests_to_the_desk(client, vera, listed, alice):
    request = OutsourcingRequestFactory(
        company=alice.membership.company, title="Juego en realidad virtual", sector=sector("vr-ar")
    )
    request_publish(request=request, actor=alice)
    client.force_login(vera)
    assert "Juego en realidad virtual" not in text(client.get("/vendor/"))

    client.post(
        URL,
        form_data(
            listed,
            [(sector("sports-betting"), 4, 6, False), (sector("vr-ar"), 2, 1, False)],
            initial=1,
        ),
    )

    assert "Juego en realidad virtual" in text(client.get("/vendor/"))


def test_skills_are_grouped_under_a_legend_per_sector(client, vera, listed):
    client.force_login(vera)

    html = client.get(URL).content.decode()

    assert '<fieldset class="choice-group"><legend>Sports betting</legend>' in html
    assert "<div><label>Sports betting</label>" not in html  # Django's label tied to nothing


def test_the_chosen_skills_are_listed_by_name_above_the_list(client, vera, listed):
    client.force_login(vera)

    html = client.get(URL).content.decode()

    chosen = html[html.index("data-picker-chips>") : html.index('class="picker__list"')]
    assert '<li class="chip">Sportsbook</li>' in chosen
    assert "Odds feeds" not in chosen
    assert 'id="id_skills_search"' in html


def test_the_owner_writes_the_description_in_three_languages(client, vera, listed):
    client.force_login(vera)

    client.post(
        URL,
        form_data(
            listed,
            [(sector("sports-betting"), 5, 9, False)],
            initial=1,
            description_es="Momios en vivo.",
            description_en="Live odds.",
            description_fr="Cotes en direct.",
        ),
    )

    listed.refresh_from_db()
    assert listed.descriptions == {
        "en": "Live odds.",
        "fr": "Cotes en direct.",
        "es": "Momios en vivo.",
    }


def test_the_form_shows_each_language_in_its_own_box(client, vera, listed):
    Vendor.objects.filter(pk=listed.pk).update(description_fr="Cotes en direct.")
    client.force_login(vera)

    html = client.get(URL).content.decode()

    assert re.search(
        r'<textarea name="description_fr"[^>]* lang="fr"[^>]*>\s*Cotes en direct.</textarea>', html
    )


def test_a_name_with_markup_is_refused_and_the_listing_kept(client, vera, listed):
    client.force_login(vera)

    response = client.post(
        URL, form_data(listed, [(sector("sports-betting"), 5, 9, False)], initial=1, name="A<B")
    )

    assert "Use a name without &lt;." in response.content.decode()
    listed.refresh_from_db()
    assert listed.name != "A<B"
