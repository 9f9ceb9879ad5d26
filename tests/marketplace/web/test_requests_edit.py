"""/requests/<id>/edit/: the same form, filled in with the request; editing a published request
ranks the vendors again."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.models import MatchRun
from marketplace.services.requests import request_publish
from tests.factories import OutsourcingRequestFactory, skill

from .pages import text


@pytest.fixture
def draft(company):
    request = OutsourcingRequestFactory(company=company, title="Casa de apuestas", speaks_en=True)
    request.skills.set([skill("sportsbook")])
    return request


def edit_url(request) -> str:
    return f"/requests/{request.pk}/edit/"


def form_data(request, **overrides) -> dict:
    data = {
        "title": request.title,
        "description": request.description,
        "sector": request.sector_id,
        "skills": [s.pk for s in request.skills.all()],
        "budget_min": request.budget_min,
        "budget_max": request.budget_max,
        "currency": request.currency,
        "team_size": request.team_size,
        "duration_weeks": request.duration_weeks,
        "languages": request.languages,
        "visibility": request.visibility,
        "proposals_due": local_input(request.proposals_due),
        "questions_due": local_input(request.questions_due),
    }
    return {**data, **overrides}


def local_input(moment) -> str:
    """A time as the browser's picker sends it: local, to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M") if moment else ""


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    response = client.get(edit_url(draft))

    assert response.status_code == 302
    assert "next=" in response.url


@pytest.mark.parametrize("user", ["olga", "vera", "victor", "charlie"])
def test_others_get_404(client, request, draft, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(edit_url(draft)).status_code == 404
    assert client.post(edit_url(draft), form_data(draft, title="Hacked")).status_code == 404
    draft.refresh_from_db()
    assert draft.title == "Casa de apuestas"


def test_the_form_is_filled_in_with_the_request(client, bob, draft):
    client.force_login(bob)

    response = client.get(edit_url(draft))

    html = response.content.decode()
    assert 'value="Casa de apuestas"' in html
    assert f'value="{skill("sportsbook").pk}" id="id_skills_' in html
    assert response.context["form"]["skills"].value() == [skill("sportsbook").pk]
    assert response.context["form"]["languages"].value() == ["en", "es"]


def test_a_member_edits_a_draft(client, bob, draft):
    client.force_login(bob)

    response = client.post(edit_url(draft), form_data(draft, title="Casino en vivo", languages=[]))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Casino en vivo"
    assert draft.languages == []
    assert not draft.match_runs.exists()


def test_a_member_keeps_the_sector_with_the_box_under_it(client, bob, draft):
    client.force_login(bob)
    html = client.get(edit_url(draft)).content.decode()
    assert re.search(
        r'<input type="checkbox" name="sector_confirmed" id="id_sector_confirmed">'
        r" Rank by this sector even if the text reads as another</label>",
        html,
    )

    client.post(edit_url(draft), form_data(draft, sector_confirmed="on"))
    draft.refresh_from_db()
    assert draft.sector_confirmed is True

    # A form sends an unticked box as nothing: unticking it is saved too.
    client.post(edit_url(draft), form_data(draft))
    draft.refresh_from_db()
    assert draft.sector_confirmed is False


def test_an_edit_cannot_invert_the_budget(client, bob, draft):
    client.force_login(bob)

    response = client.post(edit_url(draft), form_data(draft, budget_min="99999999"))

    assert response.status_code == 200
    assert "The minimum budget cannot exceed the maximum budget." in text(response)
    draft.refresh_from_db()
    assert draft.budget_min != 99999999


def test_editing_a_published_request_ranks_the_vendors_again(
    client, alice, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_publish(request=draft, actor=alice)  # its run is done before the edit
    client.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(draft), form_data(draft, team_size=8))

    assert response.status_code == 302
    runs = draft.match_runs.order_by("id")
    assert [run.trigger for run in runs] == [MatchRun.Trigger.PUBLISH, MatchRun.Trigger.EDIT]
    assert runs.last().status == MatchRun.Status.DONE


def test_a_published_request_keeps_a_language_and_the_service_says_so(client, alice, draft):
    request_publish(request=draft, actor=alice)
    client.force_login(alice)

    response = client.post(edit_url(draft), form_data(draft, languages=[]))

    assert response.status_code == 200
    assert response.context["form"].errors["languages"] == [
        "Choose at least one working language before publishing."
    ]
    draft.refresh_from_db()
    assert draft.languages == ["en", "es"]


def test_the_deadline_is_shown_in_local_time(client, bob, draft):
    client.force_login(bob)

    html = client.get(edit_url(draft)).content.decode()

    assert f'name="proposals_due" value="{local_input(draft.proposals_due)}"' in html


def test_a_published_request_past_its_deadline_keeps_it_through_an_edit(client, alice, draft):
    request_publish(request=draft, actor=alice)
    draft.proposals_due = timezone.now() - timedelta(hours=1)
    draft.save()
    client.force_login(alice)

    response = client.post(edit_url(draft), form_data(draft, title="Casino en vivo"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Casino en vivo"


def test_a_published_request_cannot_move_its_deadline_into_the_past(client, alice, draft):
    request_publish(request=draft, actor=alice)
    client.force_login(alice)
    yesterday = local_input(timezone.now() - timedelta(days=1))

    response = client.post(edit_url(draft), form_data(draft, proposals_due=yesterday))

    assert response.status_code == 200
    assert response.context["form"].errors["proposals_due"] == [
        "Proposals must be due in the future."
    ]
