"""Every main page, as the person who uses it, in each language: axe-core finds nothing serious
or critical (labels, contrast, the page's language, names of buttons and links…), and a
screenshot of it is saved for people to look at."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.models import OutsourcingRequest, Vendor
from marketplace.services.matching.prose import vendor_described_skills_refresh
from marketplace.services.requests import request_publish
from marketplace.tenders import services as tenders
from tests.factories import OutsourcingRequestFactory, VendorFactory, certification, sector, skill

from .browser import E2E, axe_violations, screenshot, wait_for_htmx

pytestmark = E2E


@pytest.fixture
def vendor_tender(published_request, alice, vera):
    """Maple Odds is invited to the published request, where it asked a question Alice answered;
    on an earlier request it won, did the work and was reviewed, and replied. Returns the
    invitation."""
    company, vendor = alice.membership.company, vera.membership.vendor
    invitation = tenders.bid_invitation_create(
        actor=alice, outsourcing_request=published_request, vendor=vendor
    )
    question = tenders.question_ask(
        actor=vera, outsourcing_request=published_request, text="¿Hay API de momios?"
    )
    tenders.question_answer(actor=alice, question=question, text="Sí, REST.")
    earlier = OutsourcingRequestFactory(
        company=company,
        title="Bóveda de momios",
        speaks_en=True,
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=30),
        visibility=OutsourcingRequest.Visibility.INVITATION,
    )
    tenders.bid_invitation_create(actor=alice, outsourcing_request=earlier, vendor=vendor)
    proposal = tenders.proposal_submit(
        actor=vera,
        outsourcing_request=earlier,
        price=900000,
        currency="MXN",
        duration_weeks=12,
        team_size=4,
        approach="Un equipo de cuatro.",
        milestones=[{"title": "Primera entrega", "week": 6, "amount": "300000"}],
    )
    engagement = tenders.request_award(
        actor=alice, outsourcing_request=earlier, proposal=proposal, reason="El mejor plan."
    )
    tenders.engagement_complete(actor=alice, engagement=engagement)
    review = tenders.review_create(
        actor=alice, engagement=engagement, rating=5, text="Entregaron a tiempo."
    )
    tenders.review_reply(actor=vera, review=review, text="Gracias.")
    return invitation


@pytest.fixture
def unranked_request(alice):
    """An open request that requires a certification Maple Odds lacks: its opportunity page
    says Maple Odds is not ranked for it."""
    request = OutsourcingRequestFactory(
        company=alice.membership.company, title="Lotería certificada", speaks_en=True
    )
    request.required_certifications.set([certification("gli-certified")])
    published, _run = request_publish(request=request, actor=alice)
    return published


@pytest.fixture
def misfiled_request(alice):
    """A betting request filed under "Custom software development": its page says it was
    ranked as sports betting, with a link to change its sector."""
    request = OutsourcingRequestFactory(
        company=alice.membership.company,
        title="Momios para la casa de apuestas",
        sector=sector("software-development"),
        speaks_en=True,
    )
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    published, _run = request_publish(request=request, actor=alice)
    assert published.match_runs.get().sector == sector("sports-betting")
    return published


PROPOSAL_SUBMIT = {
    "en-US": "Send the proposal",
    "es-MX": "Enviar la propuesta",
    "fr-CA": "Envoyer la proposition",
}


@pytest.fixture
def company_tender(alice, vera):
    """On a second published request Maple Odds is invited, has asked a question still open
    and proposed (so the company's pages show an answer form, the comparison and the award
    form); on another request it was awarded the work, now completed and waiting for a review.
    Returns (that published request, the engagement)."""
    proposed = OutsourcingRequestFactory(
        company=alice.membership.company,
        title="Momios en vivo",
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now(),
        visibility=OutsourcingRequest.Visibility.INVITATION,
        speaks_en=True,
    )
    tenders.bid_invitation_create(
        actor=alice, outsourcing_request=proposed, vendor=vera.membership.vendor
    )
    tenders.question_ask(actor=vera, outsourcing_request=proposed, text="¿Hay API de momios?")
    terms = {"price": 1500000, "currency": "MXN", "duration_weeks": 20, "team_size": 5}
    tenders.proposal_submit(
        actor=vera,
        outsourcing_request=proposed,
        approach="Dos equipos.",
        milestones=[{"title": "Momios", "week": 8, "amount": None}],
        **terms,
    )
    done = OutsourcingRequestFactory(
        company=alice.membership.company,
        title="Casino en vivo",
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now(),
        visibility=OutsourcingRequest.Visibility.INVITATION,
        speaks_en=True,
    )
    tenders.bid_invitation_create(
        actor=alice, outsourcing_request=done, vendor=vera.membership.vendor
    )
    proposal = tenders.proposal_submit(
        actor=vera, outsourcing_request=done, approach="Un equipo.", **terms
    )
    engagement = tenders.request_award(
        actor=alice, outsourcing_request=done, proposal=proposal, reason="El mejor plan."
    )
    return proposed, tenders.engagement_complete(actor=alice, engagement=engagement)


@pytest.mark.parametrize("locale", ["en-US", "es-MX", "fr-CA"])
def test_the_main_pages_have_no_serious_accessibility_violations(
    open_page,
    locale,
    published_request,
    alice,
    vera,
    pablo,
    charlie,
    staff,
    vendor_tender,
    company_tender,
    unranked_request,
    misfiled_request,
):
    proposed, engagement = company_tender
    compared = [vera.membership.vendor_id, Vendor.objects.get(slug="boreal-bets").pk]
    tender = f"/requests/{proposed.pk}"
    # Maple Odds writes only English and Spanish: French readers are told which one they read.
    Vendor.objects.filter(slug="maple-odds").update(description_es="Casas de apuestas.")
    # Its description names a skill it does not list: its edit page offers to add it.
    maple = Vendor.objects.get(slug="maple-odds")
    assert vendor_described_skills_refresh(vendor=maple) - {"sportsbook"}
    # A pending listing with no expertise or skill: the queue says what it lacks.
    VendorFactory(name="Bare Bones", slug="bare-bones", status=Vendor.Status.PENDING)
    visits = [
        (None, "home", "/"),
        (None, "directory", "/vendors/"),
        (None, "vendor-profile", "/vendors/maple-odds/"),
        (None, "directory-sorted", "/vendors/?ordering=-experience&sector=sports-betting"),
        (None, "vendor-compare", f"/vendors/compare/?vendor={compared[0]}&vendor={compared[1]}"),
        (None, "insights", "/insights/"),
        (staff, "insights-staff", "/insights/?currency=MXN"),
        (alice, "home-company", "/"),
        (vera, "home-vendor", "/"),
        (None, "login", "/accounts/login/"),
        (None, "signup", "/accounts/signup/"),
        (None, "password-reset", "/accounts/password/reset/"),
        (None, "verification-sent", "/accounts/confirm-email/"),
        (charlie, "password-change", "/accounts/password/change/"),
        (charlie, "logout", "/accounts/logout/"),
        (charlie, "onboarding", "/onboarding/"),
        (charlie, "onboarding-company", "/onboarding/company/"),
        (charlie, "onboarding-vendor", "/onboarding/vendor/"),
        (alice, "requests", "/requests/"),
        (alice, "request-form", "/requests/new/"),
        (alice, "request-detail", f"/requests/{published_request.pk}/"),
        (alice, "request-detail-all-matches", f"/requests/{published_request.pk}/?others=1"),
        (alice, "request-edit", f"/requests/{published_request.pk}/edit/"),
        (alice, "request-detail-ranked-as", f"/requests/{misfiled_request.pk}/"),
        (alice, "team", "/team/"),
        (alice, "request-bid-invitations", f"{tender}/bid-invitations/"),
        (alice, "request-questions", f"{tender}/questions/"),
        (alice, "request-proposals", f"{tender}/proposals/"),
        (alice, "request-cancel", f"{tender}/cancel/"),
        (alice, "vendor-profile-invite", "/vendors/boreal-bets/"),
        # Rates also in pesos for buyers.
        (alice, "directory-buyer", "/vendors/"),
        (alice, "vendor-profile-buyer", "/vendors/maple-odds/"),
        (alice, "engagements", "/engagements/"),
        (alice, "engagement-review-form", f"/engagements/{engagement.pk}/"),
        (vera, "engagement-vendor", f"/engagements/{engagement.pk}/"),
        (vera, "vendor-dashboard", "/vendor/"),
        (vera, "vendor-edit", "/vendor/edit/"),
        (vera, "opportunity", f"/opportunities/{published_request.pk}/"),
        (vera, "opportunity-not-ranked", f"/opportunities/{unranked_request.pk}/"),
        (vera, "bid-invitation-decline", f"/bid-invitations/{vendor_tender.pk}/decline/"),
        (vera, "notifications", "/notifications/"),
        (pablo, "vendor-pending", "/vendors/prairie-bits/"),
        (staff, "moderation", "/moderation/"),
    ]
    pages = {}
    violations = []
    for user, name, url in visits:
        if user not in pages:
            pages[user] = open_page(user, locale)
        page = pages[user]
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        screenshot(page, name)
        violations += axe_violations(page, name)

    # A form showing its errors: the error texts and invalid fields need contrast and names too.
    page = pages[None]
    page.goto("/accounts/signup/")
    page.get_by_role("main").locator("form button[type=submit]").click()
    page.locator(".field--invalid").first.wait_for()
    screenshot(page, "signup-errors")
    violations += axe_violations(page, "signup-errors")

    # The request form checking itself as it is filled in: errors swapped in beside the fields,
    # the notice that publishing needs a language, the sector and skills its title reads as,
    # the skills narrowed by a search.
    page = pages[alice]
    page.goto("/requests/new/")
    page.locator("#id_title").fill("Casa de apuestas deportivas con momios en vivo")
    page.locator("#id_team_size").fill("-3")
    page.locator("#id_team_size").press("Tab")
    wait_for_htmx(page)
    page.locator("#id_team_size_errors .errorlist").wait_for()
    page.locator("#suggest-sector").wait_for()
    page.locator("#id_skills_search").fill("casino")
    page.locator("#id_skills input[type=checkbox]:visible").first.check()
    wait_for_htmx(page)
    screenshot(page, "request-form-inline-errors")
    violations += axe_violations(page, "request-form-inline-errors")

    # The proposal form sent empty: its fields and milestone rows show their errors.
    page = pages[vera]
    page.goto(f"/opportunities/{published_request.pk}/")
    page.get_by_role("button", name=PROPOSAL_SUBMIT[locale]).click()
    page.locator(".field--invalid").first.wait_for()
    screenshot(page, "proposal-errors")
    violations += axe_violations(page, "proposal-errors")

    # On a phone: the folded filters and menu, and the comparison's table scrolling in its box.
    page = pages[None]
    page.set_viewport_size({"width": 390, "height": 844})
    for name, url in [
        ("home-phone", "/"),
        ("directory-phone", "/vendors/"),
        ("vendor-compare-phone", f"/vendors/compare/?vendor={compared[0]}&vendor={compared[1]}"),
        ("insights-phone", "/insights/"),
    ]:
        page.goto(url)
        screenshot(page, name)
        violations += axe_violations(page, name)

    assert violations == []
