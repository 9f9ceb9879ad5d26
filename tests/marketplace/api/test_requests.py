"""/api/v1/requests/: companies draft, edit and publish outsourcing requests; drafts stay inside the
company, published requests reach approved vendors; refused writes save nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.models import ExchangeRate, OutsourcingRequest

from ...errors import error, field_codes
from ...factories import OutsourcingRequestFactory, certification, skill

pytestmark = pytest.mark.django_db

URL = "/api/v1/requests/"
FIELDS = {
    "id",
    "company",
    "title",
    "description",
    "sector",
    "sector_confirmed",
    "skills",
    "budget_min",
    "budget_max",
    "currency",
    "team_size",
    "duration_weeks",
    "languages",
    "required_certifications",
    "status",
    "visibility",
    "proposals_due",
    "questions_due",
    "published_at",
    "closed_at",
    "cancellation_reason",
    "created_at",
    "updated_at",
}


@pytest.fixture
def draft(company):
    request = OutsourcingRequestFactory(company=company, title="Borrador: casino en línea")
    request.skills.set([skill("sportsbook")])
    return request


@pytest.fixture
def published(company):
    request = OutsourcingRequestFactory(
        company=company,
        title="Casa de apuestas con momios en vivo",
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now(),
        speaks_en=True,
    )
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    return request


@pytest.fixture
def olgas_draft(other_company):
    return OutsourcingRequestFactory(company=other_company, title="Lotería instantánea")


def detail(request) -> str:
    return f"{URL}{request.pk}/"


def detail_of(response) -> str:
    return f"{URL}{response.json()['id']}/"


def publish_url(request) -> str:
    return f"{URL}{request.pk}/publish/"


def new_request(**overrides):
    return {
        "title": "Plataforma de apuestas deportivas",
        "description": "Buscamos un equipo que construya nuestra casa de apuestas.",
        "sector": "sports-betting",
        "skills": ["sportsbook", "odds-feeds"],
        "budget_min": "500000.00",
        "budget_max": "900000.00",
        "currency": "MXN",
        "team_size": 6,
        "duration_weeks": 24,
        "languages": ["es", "en"],
        "required_certifications": ["gli-certified"],
        **overrides,
    }


def titles(response) -> set[str]:
    return {row["title"] for row in response.json()["results"]}


# --- Anonymous ----------------------------------------------------------------------------------


def test_it_requires_credentials(api, published):
    assert api().get(URL).status_code == 401
    assert api().get(detail(published)).status_code == 401
    assert api().patch(detail(published), {"title": "x"}).status_code == 401
    assert api().post(URL, new_request()).status_code == 401
    assert OutsourcingRequest.objects.count() == 1


# --- Creating -----------------------------------------------------------------------------------


def test_a_member_drafts_a_request_for_their_company(api, bob, company):
    response = api(bob).post(URL, new_request())
    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    assert body["company"] == company.pk
    assert body["status"] == "draft"
    assert body["published_at"] is None
    assert body["sector"] == "sports-betting"
    assert sorted(body["skills"]) == ["odds-feeds", "sportsbook"]
    assert body["required_certifications"] == ["gli-certified"]
    assert body["budget_min"] == "500000.00"
    assert body["budget_max"] == "900000.00"
    assert body["currency"] == "MXN"
    assert (body["team_size"], body["duration_weeks"]) == (6, 24)
    assert body["languages"] == ["en", "es"]

    request = OutsourcingRequest.objects.get(pk=body["id"])
    assert request.company == company
    assert request.author == bob
    assert request.is_draft
    assert request.budget_min == Decimal("500000")
    assert set(request.skills.values_list("slug", flat=True)) == {"sportsbook", "odds-feeds"}
    assert list(request.required_certifications.all()) == [certification("gli-certified")]
    assert (request.speaks_en, request.speaks_fr, request.speaks_es) == (True, False, True)


def test_a_status_sent_on_creation_is_ignored(api, alice):
    response = api(alice).post(URL, new_request(status="published"))
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert OutsourcingRequest.objects.get().status == "draft"


def test_a_member_may_name_their_own_company(api, bob, company):
    response = api(bob).post(URL, new_request(company=company.pk))
    assert response.status_code == 201
    assert response.json()["company"] == company.pk


def test_a_member_cannot_draft_for_another_company(api, bob, other_company):
    response = api(bob).post(URL, new_request(company=other_company.pk))
    assert response.status_code == 400
    assert error(response)["fields"] == {
        "company": [
            {
                "code": "does_not_exist",
                "message": f'Invalid pk "{other_company.pk}" - object does not exist.',
            }
        ]
    }
    assert not OutsourcingRequest.objects.exists()


def test_a_draft_may_leave_languages_skills_and_certifications_for_later(api, bob):
    payload = new_request()
    for field in ("languages", "skills", "required_certifications"):
        del payload[field]
    response = api(bob).post(URL, payload)
    assert response.status_code == 201
    body = response.json()
    assert (body["languages"], body["skills"], body["required_certifications"]) == ([], [], [])


def test_staff_must_say_which_company(api, staff):
    response = api(staff).post(URL, new_request())
    assert response.status_code == 400
    assert error(response)["fields"] == {
        "company": [{"code": "required", "message": "Say which company this request is for."}]
    }
    assert not OutsourcingRequest.objects.exists()


def test_staff_draft_for_any_company(api, staff, other_company):
    response = api(staff).post(URL, new_request(company=other_company.pk))
    assert response.status_code == 201
    request = OutsourcingRequest.objects.get(pk=response.json()["id"])
    assert request.company == other_company
    assert request.author == staff


@pytest.mark.parametrize("user", ["charlie", "vera", "victor", "pablo"])
def test_people_outside_any_company_cannot_draft(request, api, company, user):
    response = api(request.getfixturevalue(user)).post(URL, new_request(company=company.pk))
    assert response.status_code == 403
    assert error(response) == {
        "type": "permission_error",
        "code": "permission_denied",
        "message": "Only the company's members and Norte staff manage its requests.",
    }
    assert not OutsourcingRequest.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "path", "code", "message"),
    [
        ({"sector": "poker"}, "sector", "does_not_exist", "Object with slug=poker does not exist."),
        (
            {"skills": ["sportsbook", "cobol"]},
            "skills",
            "does_not_exist",
            "Object with slug=cobol does not exist.",
        ),
        (
            {"required_certifications": ["mga-licensed"]},
            "required_certifications",
            "does_not_exist",
            "Object with slug=mga-licensed does not exist.",
        ),
        (
            {"budget_min": "900000.01"},
            "budget_min",
            "min_above_max",
            "The minimum budget cannot exceed the maximum budget.",
        ),
        ({"currency": "EUR"}, "currency", "invalid_choice", '"EUR" is not a valid choice.'),
        (
            {"team_size": 0},
            "team_size",
            "min_value",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            {"team_size": -3},
            "team_size",
            "min_value",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            {"duration_weeks": 0},
            "duration_weeks",
            "min_value",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            {"duration_weeks": 261},
            "duration_weeks",
            "max_value",
            "Ensure this value is less than or equal to 260.",
        ),
        (
            {"languages": ["es", "de"]},
            "languages.1",
            "invalid_choice",
            '"de" is not a valid choice.',
        ),
        (
            {"description": "x" * 10_000},
            "description",
            "max_length",
            "Ensure this field has no more than 5000 characters.",
        ),
        (
            {"budget_min": "-5"},
            "budget_min",
            "min_value",
            "Ensure this value is greater than or equal to 1.",
        ),
    ],
)
def test_it_refuses_invalid_values_with_a_clear_message(api, bob, overrides, path, code, message):
    response = api(bob).post(URL, new_request(**overrides))
    assert response.status_code == 400
    assert list(error(response)["fields"]) == [path]
    assert {"code": code, "message": message} in error(response)["fields"][path]
    assert not OutsourcingRequest.objects.exists()


def test_every_fields_error_is_reported_at_once_as_the_web_form_does(api, bob):
    response = api(bob).post(URL, new_request(budget_min="-5", duration_weeks=0, team_size=-3))

    assert response.status_code == 400
    assert field_codes(response) == {
        "budget_min": ["min_value"],
        "duration_weeks": ["min_value"],
        "team_size": ["min_value"],
    }
    assert not OutsourcingRequest.objects.exists()


def test_the_edges_of_the_ranges_are_accepted(api, bob):
    response = api(bob).post(
        URL,
        new_request(budget_min="1", budget_max="1", team_size=1, duration_weeks=260),
    )
    assert response.status_code == 201
    assert response.json()["duration_weeks"] == 260


def test_it_names_every_missing_field(api, bob):
    response = api(bob).post(URL, {})
    assert response.status_code == 400
    assert set(field_codes(response)) == {
        "title",
        "description",
        "sector",
        "budget_min",
        "budget_max",
        "currency",
        "team_size",
        "duration_weeks",
    }


# --- Reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_members_see_their_companys_drafts_and_published_requests(
    request, api, draft, published, olgas_draft, user
):
    client = api(request.getfixturevalue(user))
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == {draft.title, published.title}
    assert client.get(detail(draft)).status_code == 200
    assert client.get(detail(olgas_draft)).status_code == 404


def test_it_shows_every_field_of_the_contract(api, bob, published):
    body = api(bob).get(detail(published)).json()
    assert set(body) == FIELDS
    assert body["status"] == "published"
    assert body["published_at"] is not None
    assert body["languages"] == ["en", "es"]
    assert sorted(body["skills"]) == ["odds-feeds", "sportsbook"]


def test_another_company_sees_neither_drafts_nor_published_requests(api, olga, draft, published):
    client = api(olga)
    assert titles(client.get(URL)) == set()
    assert client.get(detail(draft)).status_code == 404
    assert client.get(detail(published)).status_code == 404


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_approved_vendors_see_published_requests_only(request, api, draft, published, user):
    client = api(request.getfixturevalue(user))
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == {published.title}
    assert client.get(detail(published)).status_code == 200
    assert client.get(detail(draft)).status_code == 404


@pytest.mark.parametrize("user", ["pablo", "charlie"])
def test_pending_vendors_and_outsiders_see_no_request(request, api, draft, published, user):
    client = api(request.getfixturevalue(user))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert client.get(detail(published)).status_code == 404
    assert client.get(detail(draft)).status_code == 404


def test_staff_see_every_request(api, staff, draft, published, olgas_draft):
    response = api(staff).get(URL)
    assert titles(response) == {draft.title, published.title, olgas_draft.title}


def test_it_filters_by_status(api, bob, draft, published):
    response = api(bob).get(URL, {"status": "draft"})
    assert titles(response) == {draft.title}


def test_it_paginates_with_page_size(api, bob, company):
    OutsourcingRequestFactory.create_batch(3, company=company)
    body = api(bob).get(URL, {"page_size": 2}).json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
    second = api(bob).get(body["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert second["previous"] is not None


def test_page_size_is_capped_at_100(api, bob, company):
    OutsourcingRequestFactory.create_batch(101, company=company)
    body = api(bob).get(URL, {"page_size": 500}).json()
    assert body["count"] == 101
    assert len(body["results"]) == 100


# --- Editing ------------------------------------------------------------------------------------


def test_a_member_edits_their_companys_draft(api, bob, draft):
    response = api(bob).patch(
        detail(draft),
        {"title": "Casino en vivo", "skills": ["live-dealer"], "languages": ["fr"]},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Casino en vivo"
    assert body["skills"] == ["live-dealer"]
    assert body["languages"] == ["fr"]
    assert body["status"] == "draft"
    draft.refresh_from_db()
    assert draft.title == "Casino en vivo"
    assert list(draft.skills.values_list("slug", flat=True)) == ["live-dealer"]
    assert draft.languages == ["fr"]


def test_the_company_of_a_request_never_changes(api, bob, staff, draft, company, other_company):
    for user in (bob, staff):
        response = api(user).patch(detail(draft), {"company": other_company.pk, "title": "Otro"})
        assert response.status_code == 200
        assert response.json()["company"] == company.pk
    draft.refresh_from_db()
    assert draft.company == company


def test_an_edit_cannot_invert_the_budget(api, bob, draft):
    response = api(bob).patch(detail(draft), {"budget_min": "3000000", "title": "Otro"})
    assert response.status_code == 400
    assert error(response)["fields"] == {
        "budget_min": [
            {
                "code": "min_above_max",
                "message": "The minimum budget cannot exceed the maximum budget.",
            }
        ]
    }
    draft.refresh_from_db()
    assert (draft.budget_min, draft.title) == (Decimal("1000000.00"), "Borrador: casino en línea")


def test_a_status_sent_in_an_edit_is_ignored(api, bob, draft):
    response = api(bob).patch(detail(draft), {"status": "published"})
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    draft.refresh_from_db()
    assert draft.is_draft


def test_another_company_gets_404_when_editing(api, olga, draft, published):
    for request in (draft, published):
        response = api(olga).patch(detail(request), {"title": "Mío"})
        assert response.status_code == 404
        request.refresh_from_db()
        assert request.title != "Mío"


def test_a_vendor_cannot_edit_a_published_request(api, vera, published):
    response = api(vera).patch(detail(published), {"title": "Nuestro"})
    assert response.status_code == 403
    assert error(response) == {
        "type": "permission_error",
        "code": "permission_denied",
        "message": "Only the company's members and Norte staff manage its requests.",
    }
    published.refresh_from_db()
    assert published.title == "Casa de apuestas con momios en vivo"


def test_staff_edit_any_request(api, staff, olgas_draft):
    response = api(staff).patch(detail(olgas_draft), {"team_size": 9})
    assert response.status_code == 200
    olgas_draft.refresh_from_db()
    assert olgas_draft.team_size == 9


def test_a_published_request_can_be_edited_and_stays_published(api, alice, published):
    response = api(alice).patch(detail(published), {"budget_max": "2500000.00"})
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    published.refresh_from_db()
    assert published.budget_max == Decimal("2500000.00")


def test_an_edit_that_reranks_says_which_run_in_the_body_and_location(api, alice, published):
    response = api(alice).patch(detail(published), {"team_size": 9})

    run = published.match_runs.get()
    body = response.json()
    assert set(body) == FIELDS | {"match_run"}
    assert body["match_run"]["id"] == run.pk
    assert (body["match_run"]["trigger"], body["match_run"]["status"]) == ("edit", "queued")
    assert response["Location"] == body["match_run"]["url"]
    assert body["match_run"]["url"] == f"http://testserver/api/v1/match-runs/{run.pk}/"


def test_an_edit_joins_the_run_already_queued(api, alice, bob, published):
    first = api(alice).patch(detail(published), {"team_size": 9}).json()["match_run"]

    again = api(bob).put(
        detail(published), {**api(bob).get(detail(published)).json(), "team_size": 7}
    )

    assert again.status_code == 200
    assert again.json()["match_run"]["id"] == first["id"]
    assert again["Location"] == first["url"]
    assert published.match_runs.count() == 1


def test_a_buyer_keeps_the_sector_filed_and_a_new_sector_forgets_it(api, bob, company):
    created = api(bob).post(URL, new_request(sector_confirmed=True))
    assert created.status_code == 201
    assert created.json()["sector_confirmed"] is True

    moved = api(bob).patch(detail_of(created), {"sector": "lottery"})

    assert moved.json()["sector_confirmed"] is False
    kept = api(bob).patch(detail_of(created), {"sector_confirmed": True})
    assert kept.json()["sector_confirmed"] is True
    assert OutsourcingRequest.objects.get(pk=created.json()["id"]).sector_confirmed is True


def test_a_request_drafted_without_saying_is_ranked_as_its_text_reads(api, bob):
    assert api(bob).post(URL, new_request()).json()["sector_confirmed"] is False


def test_sector_confirmed_must_be_a_boolean(api, bob):
    response = api(bob).post(URL, new_request(sector_confirmed="perhaps"))

    assert response.status_code == 400
    assert field_codes(response) == {"sector_confirmed": ["invalid"]}


def test_editing_a_draft_ranks_nothing(api, alice, draft):
    response = api(alice).patch(detail(draft), {"team_size": 9})

    assert response.status_code == 200
    assert response.json()["match_run"] is None
    assert "Location" not in response
    assert not draft.match_runs.exists()


def test_an_edit_that_changes_nothing_ranks_nothing(api, alice, published):
    response = api(alice).patch(detail(published), {"team_size": published.team_size})

    assert response.status_code == 200
    assert response.json()["match_run"] is None
    assert "Location" not in response
    assert not published.match_runs.exists()


def test_changing_only_the_skills_counts_as_an_update(api, bob, draft):
    before = api(bob).get(detail(draft)).json()["updated_at"]

    after = api(bob).patch(detail(draft), {"skills": ["live-dealer"]}).json()["updated_at"]

    assert after > before
    assert api(bob).get(URL, {"updated_after": after}).json()["count"] == 1


def test_a_published_request_cannot_lose_its_languages_and_nothing_is_half_saved(
    api, bob, published
):
    response = api(bob).patch(
        detail(published),
        {"title": "Sin idioma", "languages": [], "skills": ["kubernetes"]},
    )
    assert response.status_code == 400
    assert error(response)["fields"] == {
        "languages": [
            {
                "code": "required",
                "message": "Choose at least one working language before publishing.",
            }
        ]
    }
    published.refresh_from_db()
    assert published.title == "Casa de apuestas con momios en vivo"
    assert published.languages == ["en", "es"]
    assert set(published.skills.values_list("slug", flat=True)) == {"sportsbook", "odds-feeds"}
    assert published.status == "published"


def test_a_draft_may_lose_its_languages(api, bob, draft):
    response = api(bob).patch(detail(draft), {"languages": []})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.languages == []


def test_requests_cannot_be_deleted_through_the_api(api, alice, draft):
    assert api(alice).delete(detail(draft)).status_code == 405
    assert OutsourcingRequest.objects.filter(pk=draft.pk).exists()


# --- Publishing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["alice", "bob", "staff"])
def test_a_complete_draft_is_published_with_202(request, api, draft, user):
    before = timezone.now()
    response = api(request.getfixturevalue(user)).post(publish_url(draft))
    assert response.status_code == 202
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.published_at >= before
    # The answer is the run ranking vendors for it, and where to follow it.
    run = draft.match_runs.get()
    body = response.json()
    assert (body["id"], body["status"], body["trigger"]) == (run.pk, "queued", "publish")
    assert body["request"] == draft.pk
    assert response["Location"] == body["url"] == f"http://testserver/api/v1/match-runs/{run.pk}/"


def test_a_published_request_reaches_approved_vendors(api, bob, vera, draft):
    assert api(vera).get(detail(draft)).status_code == 404
    api(bob).post(publish_url(draft))
    assert api(vera).get(detail(draft)).status_code == 200


def test_publishing_twice_is_a_conflict(api, bob, published):
    published_at = published.published_at
    response = api(bob).post(publish_url(published))
    assert response.status_code == 409
    assert error(response) == {
        "type": "conflict",
        "code": "request_already_published",
        "message": "This request is already published.",
    }
    published.refresh_from_db()
    assert published.published_at == published_at


def test_a_draft_without_languages_is_not_published(api, bob, draft):
    draft.languages = []
    draft.save()
    response = api(bob).post(publish_url(draft))
    assert response.status_code == 400
    assert error(response)["fields"] == {
        "languages": [
            {
                "code": "required",
                "message": "Choose at least one working language before publishing.",
            }
        ]
    }
    draft.refresh_from_db()
    assert draft.is_draft
    assert draft.published_at is None


def test_a_draft_in_a_currency_without_rate_is_not_published(api, bob, draft):
    draft.currency = "USD"
    draft.save()
    ExchangeRate.objects.filter(currency="USD").delete()
    response = api(bob).post(publish_url(draft))
    assert response.status_code == 400
    assert error(response)["fields"] == {
        "currency": [
            {
                "code": "no_exchange_rate",
                "message": "Norte has no exchange rate for USD yet; choose another currency.",
            }
        ]
    }
    draft.refresh_from_db()
    assert draft.is_draft


def test_a_vendor_cannot_publish(api, vera, draft, published):
    assert api(vera).post(publish_url(draft)).status_code == 404
    response = api(vera).post(publish_url(published))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft


@pytest.mark.parametrize("user", ["olga", "charlie", "pablo"])
def test_outsiders_get_404_when_publishing(request, api, draft, user):
    response = api(request.getfixturevalue(user)).post(publish_url(draft))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.is_draft


def test_publishing_requires_credentials(api, draft):
    assert api().post(publish_url(draft)).status_code == 401
    draft.refresh_from_db()
    assert draft.is_draft


# --- Tender settings (issue 11) -----------------------------------------------------------------


def test_a_request_is_drafted_by_invitation_with_its_deadlines(api, bob):
    response = api(bob).post(
        URL,
        new_request(
            visibility="invitation",
            proposals_due="2031-05-01T17:00:00-06:00",
            questions_due="2031-04-20T17:00:00Z",
        ),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["visibility"] == "invitation"
    assert body["proposals_due"] == "2031-05-01T23:00:00Z"
    assert body["questions_due"] == "2031-04-20T17:00:00Z"
    assert (body["closed_at"], body["cancellation_reason"]) == (None, "")


def test_a_request_is_open_to_every_qualified_vendor_unless_it_says(api, bob):
    assert api(bob).post(URL, new_request()).json()["visibility"] == "open"


def test_questions_cannot_close_after_proposals(api, bob):
    response = api(bob).post(
        URL,
        new_request(proposals_due="2031-05-01T00:00:00Z", questions_due="2031-06-01T00:00:00Z"),
    )

    assert response.status_code == 400
    assert error(response)["message"] == "Questions must close no later than proposals."
    assert not OutsourcingRequest.objects.exists()


def test_publishing_without_a_deadline_gives_vendors_three_weeks(api, bob, draft):
    OutsourcingRequest.objects.filter(pk=draft.pk).update(proposals_due=None)

    api(bob).post(publish_url(draft))

    due = api(bob).get(detail(draft)).json()["proposals_due"]
    assert due.startswith(str((timezone.now() + timedelta(days=21)).date()))


def test_a_deadline_moved_into_the_past_is_refused(api, bob, published):
    response = api(bob).patch(detail(published), {"proposals_due": "2020-01-01T00:00:00Z"})

    assert field_codes(response) == {"proposals_due": ["in_the_past"]}


def test_closing_fields_are_read_only(api, bob, draft):
    response = api(bob).patch(
        detail(draft), {"cancellation_reason": "x", "closed_at": "2026-01-01T00:00:00Z"}
    )

    assert response.status_code == 200
    assert (response.json()["cancellation_reason"], response.json()["closed_at"]) == ("", None)


def test_it_filters_by_visibility_and_the_closing_statuses(api, bob, draft, published):
    OutsourcingRequest.objects.filter(pk=published.pk).update(
        visibility=OutsourcingRequest.Visibility.INVITATION,
        status=OutsourcingRequest.Status.CANCELLED,
    )

    assert titles(api(bob).get(URL, {"visibility": "invitation"})) == {published.title}
    assert titles(api(bob).get(URL, {"status": "cancelled"})) == {published.title}
    assert error(api(bob).get(URL, {"visibility": "secret"}))["code"] == "invalid"
