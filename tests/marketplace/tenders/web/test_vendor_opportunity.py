"""/opportunities/<id>/ as a tender: the deadlines with the time left, the Q&A, the vendor's
proposal (or the form, or why there is none), the outcome, and how fast the company answers and
decides. By-invitation requests are for invited vendors only; open ones for approved vendors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.tenders import services
from marketplace.tenders.models import Question
from tests.factories import certification
from tests.marketplace.web.pages import text

from .conftest import past_deadline


def url(outsourcing_request) -> str:
    return f"/opportunities/{outsourcing_request.pk}/"


def html(response) -> str:
    return response.content.decode()


# Who reads it ----------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_the_invited_vendors_members_read_the_tender(client, request, bid_invitation, user):
    client.force_login(request.getfixturevalue(user))

    response = client.get(url(bid_invitation.request))

    page = text(response)
    assert response.status_code == 200
    assert "Operadora Azteca invited your vendor to propose" in page
    assert "Deadlines" in page
    assert "Questions and answers" in page
    assert "Your proposal" in page


def test_an_uninvited_vendor_does_not_find_a_request_by_invitation(
    client, una, outsourcing_request
):
    client.force_login(una)

    assert client.get(url(outsourcing_request)).status_code == 404


def test_any_approved_vendor_reads_an_open_request(client, una, open_request):
    client.force_login(una)

    page = text(client.get(url(open_request)))

    assert "Send the proposal" in page
    assert "invited your vendor" not in page


@pytest.mark.parametrize("user", ["alice", "bob", "olga", "staff", "charlie", "pablo"])
def test_companies_staff_and_people_outside_an_approved_vendor_get_404(
    client, request, bid_invitation, user
):
    client.force_login(request.getfixturevalue(user))

    assert client.get(url(bid_invitation.request)).status_code == 404


def test_a_suspended_vendor_gets_404_even_where_invited(client, vera, bid_invitation, suspended):
    client.force_login(vera)

    assert client.get(url(bid_invitation.request)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, outsourcing_request):
    path = url(outsourcing_request)

    assert client.get(path).url == f"/accounts/login/?next={path}"


# Deadlines ------------------------------------------------------------------------------------


def test_the_deadlines_show_the_time_left(client, vera, bid_invitation):
    request = bid_invitation.request
    request.questions_due = timezone.now() + timedelta(days=3, hours=2)
    request.save(update_fields=["questions_due"])
    client.force_login(vera)

    page = text(client.get(url(request)))

    assert "Questions close" in page
    # Django's own words for lengths of time, with no-break spaces inside each amount.
    assert "3\xa0days, 1\xa0hour left" in page
    assert "1\xa0week, 6\xa0days left" in page
    assert "By invitation only" in page


def test_past_deadlines_read_closed_and_the_forms_are_gone(client, vera, bid_invitation):
    past_deadline(bid_invitation.request)
    client.force_login(vera)

    response = client.get(url(bid_invitation.request))

    page = text(response)
    assert "closed" in page
    assert "Questions on this request are closed." in page
    assert "no more can be sent" in page
    assert "The invitation was not answered before the request closed for proposals." in page
    assert "/questions/" not in html(response)
    assert "/proposals/" not in html(response)


# Q&A ------------------------------------------------------------------------------------------


@pytest.fixture
def questions(outsourcing_request, bid_invitation, vendor, other_vendor, alice, vera, una):
    """Maple Odds asked twice (one answered); Northern Lights, invited too, asked twice (one
    answered)."""
    services.bid_invitation_create(
        actor=alice, outsourcing_request=outsourcing_request, vendor=other_vendor
    )

    def ask(actor, text, answer=None):
        question = services.question_ask(
            actor=actor, outsourcing_request=outsourcing_request, text=text
        )
        if answer:
            services.question_answer(actor=alice, question=question, text=answer)
        return question

    return [
        ask(vera, "¿Hay API de momios?", "Sí, REST."),
        ask(vera, "¿Cuántos usuarios concurrentes?"),
        ask(una, "¿Se permite subcontratar?", "No."),
        ask(una, "¿Pregunta secreta de Northern Lights?"),
    ]


def test_vendors_read_every_answered_question_and_their_own_but_never_who_asked(
    client, vera, questions
):
    client.force_login(vera)

    page = text(client.get(url(questions[0].request)))

    assert "¿Hay API de momios?" in page
    assert "Sí, REST." in page
    assert "¿Cuántos usuarios concurrentes?" in page
    assert "Awaiting an answer" in page
    assert "¿Se permite subcontratar?" in page
    assert "¿Pregunta secreta de Northern Lights?" not in page
    assert "Northern Lights" not in page
    assert page.count("Asked by your vendor on") == 2


def test_the_other_vendor_does_not_learn_who_asked(client, una, questions):
    client.force_login(una)

    page = text(client.get(url(questions[0].request)))

    assert "¿Hay API de momios?" in page
    assert "¿Cuántos usuarios concurrentes?" not in page
    assert "Maple Odds" not in page


def test_the_question_form_is_labelled_while_questions_are_open(client, vera, bid_invitation):
    client.force_login(vera)

    response = client.get(url(bid_invitation.request))

    assert f'action="/opportunities/{bid_invitation.request_id}/questions/"' in html(response)
    assert '<label for="id_text">Your question:</label>' in html(response)


def test_a_vendor_that_declined_reads_why_it_cannot_ask_or_propose(client, vera, bid_invitation):
    services.bid_invitation_decline(actor=vera, bid_invitation=bid_invitation, reason="No")
    client.force_login(vera)

    response = client.get(url(bid_invitation.request))

    page = text(response)
    assert "so your vendor no longer asks questions or proposes here" in page
    assert "Your vendor declined the invitation, so it cannot propose for this request." in page
    assert "/questions/" not in html(response)
    assert "/proposals/" not in html(response)


def test_an_open_request_tells_a_vendor_which_requirement_it_misses(client, una, open_request):
    open_request.required_certifications.set([certification("gli-certified")])
    client.force_login(una)

    page = text(client.get(url(open_request)))

    assert (
        "Your listing does not meet this request's requirements (missing certifications: "
        "GLI certified), so your vendor cannot propose for it." in page
    )
    assert "Send the proposal" not in page


# The proposal ---------------------------------------------------------------------------------


def test_the_proposal_form_has_its_fields_and_milestone_rows(client, vera, bid_invitation):
    client.force_login(vera)

    response = client.get(url(bid_invitation.request))

    body = html(response)
    page = text(response)
    for name in ("price", "currency", "duration_weeks", "team_size", "approach"):
        assert f'for="id_{name}"' in body
    assert "<legend>Milestones (optional)</legend>" in body
    assert "Milestone 5" in page
    assert 'for="id_milestones-4-amount"' in body
    # The request's own terms are the starting point.
    assert '<option value="MXN" selected>' in body


def test_the_live_proposal_shows_its_terms_and_can_be_withdrawn(client, victor, proposal):
    client.force_login(victor)

    response = client.get(url(proposal.request))

    page = text(response)
    assert "Submitted" in page
    assert "MXN\xa01,500,000" in page
    assert "20 weeks" in page
    assert "Odds feed live" in page
    assert "Two squads: odds feeds and the bet slip." in page
    assert f"/proposals/{proposal.pk}/withdraw/" in html(response)
    assert "Send the proposal" not in page


def test_a_shortlisted_proposal_says_so(client, vera, bob, proposal):
    services.proposal_shortlist(actor=bob, proposal=proposal)
    client.force_login(vera)

    page = text(client.get(url(proposal.request)))

    assert "Shortlisted" in page
    assert "The company shortlisted your proposal" in page


def test_after_the_deadline_the_proposal_can_no_longer_be_withdrawn(client, vera, proposal):
    past_deadline(proposal.request)
    client.force_login(vera)

    assert "/withdraw/" not in html(client.get(url(proposal.request)))


def test_withdrawn_proposals_stay_as_history_beside_the_form(client, vera, proposal):
    services.proposal_withdraw(actor=vera, proposal=proposal)
    client.force_login(vera)

    page = text(client.get(url(proposal.request)))

    assert "Withdrawn proposals" in page
    assert "MXN\xa01,500,000" in page
    assert "Send the proposal" in page


# The outcome ----------------------------------------------------------------------------------


def test_the_winner_reads_the_award_reason(client, vera, engagement):
    client.force_login(vera)

    page = text(client.get(url(engagement.request)))

    assert "This request was awarded" in page
    assert "Your proposal won. The company's reason: El mejor plan." in page
    assert "Send the proposal" not in page


def test_a_loser_reads_the_award_reason(
    client, outsourcing_request, other_vendor, una, alice, vera, proposal, proposal_terms
):
    services.bid_invitation_create(
        actor=alice, outsourcing_request=outsourcing_request, vendor=other_vendor
    )
    theirs = services.proposal_submit(
        actor=una, outsourcing_request=outsourcing_request, **proposal_terms
    )
    services.request_award(
        actor=alice,
        outsourcing_request=outsourcing_request,
        proposal=theirs,
        reason="Mejor precio.",
    )
    client.force_login(vera)

    page = text(client.get(url(outsourcing_request)))

    assert (
        "The company chose another vendor's proposal. The company's reason: Mejor precio." in page
    )
    assert "Not awarded" in page


def test_an_invited_vendor_that_did_not_propose_reads_why_the_request_was_cancelled(
    client, vera, bid_invitation, alice
):
    services.request_cancel(
        actor=alice, outsourcing_request=bid_invitation.request, reason="Sin presupuesto."
    )
    client.force_login(vera)

    page = text(client.get(url(bid_invitation.request)))

    assert "This request was cancelled" in page
    assert "The company's reason: Sin presupuesto." in page
    assert "Your vendor did not propose for this request." in page


# The company's side of accountability ---------------------------------------------------------


def test_the_company_has_no_record_yet(client, vera, bid_invitation):
    client.force_login(vera)

    page = text(client.get(url(bid_invitation.request)))

    assert "How Operadora Azteca keeps its side" in page
    assert "No question answered yet" in page
    assert "No request decided yet" in page


def test_the_companys_median_times_to_answer_and_to_decide(client, vera, questions, alice):
    Question.objects.filter(pk=questions[0].pk).update(
        created_at=timezone.now() - timedelta(days=2, hours=3)
    )
    client.force_login(vera)

    page = text(client.get(url(questions[0].request)))

    # Two answers: one after 2 days 3 hours, one at once; the median is their mean.
    assert "1\xa0day, 1\xa0hour (median of 2 answered questions)" in page


def test_it_speaks_french(client, vera, bid_invitation):
    client.force_login(vera)

    page = text(client.get(url(bid_invitation.request), headers={"accept-language": "fr-CA"}))

    assert "Questions et réponses" in page
    assert "Votre proposition" in page


def test_the_page_takes_a_fixed_number_of_queries(
    client, vera, questions, proposal_terms, django_assert_max_num_queries
):
    outsourcing_request = questions[0].request
    for _ in range(3):
        services.proposal_withdraw(
            actor=vera,
            proposal=services.proposal_submit(
                actor=vera, outsourcing_request=outsourcing_request, **proposal_terms
            ),
        )
    services.proposal_submit(actor=vera, outsourcing_request=outsourcing_request, **proposal_terms)
    client.force_login(vera)

    with django_assert_max_num_queries(20):
        page = text(client.get(url(outsourcing_request)))

    assert page.count("Sent ") >= 3
