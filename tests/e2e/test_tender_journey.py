"""A tender from its ranked matches to a reviewed engagement, in Spanish, as the people who run it
click through it: Alice's company invites the two vendors ranked for its request; Vera (Maple
Odds) logs in, asks a question that Alice answers for everyone; Una (Northern Lights) reads the
answer without learning who asked and proposes, and so does Vera; Alice compares the offers,
shortlists and awards Maple Odds with a reason, marks the work completed and reviews it; Vera
replies; Una reads why she lost; Maple Odds' profile shows the review and the reply.

Only the starting point is set up through the services: a published request, by invitation,
ranked against the two vendors. Everything after that happens in the pages."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from companies.choices import Role
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.services.requests import request_publish
from tests.factories import (
    MembershipFactory,
    OutsourcingRequestFactory,
    UserFactory,
    VendorExpertiseFactory,
    VendorFactory,
    skill,
)

from .browser import E2E, field, screenshot

pytestmark = E2E

SPANISH = "es-MX"
TITLE = "Casa de apuestas con momios en vivo"
QUESTION = "¿El feed de momios en vivo lo proveen ustedes o lo contratamos nosotros?"
ANSWER = "Lo contratamos nosotros con Sportradar; ustedes lo integran."
AWARD_REASON = "El mejor plan de integración de momios y el equipo con más experiencia."
REVIEW = "Entregaron la casa de apuestas a tiempo y con los momios en vivo funcionando."
REPLY = "Gracias, Operadora Azteca: fue un gusto trabajar con su equipo."


@pytest.fixture
def una(db):
    """Owner of Northern Lights, an approved vendor that knows sportsbooks less deeply than
    Maple Odds."""
    northern = VendorFactory(name="Northern Lights", slug="northern-lights", speaks_es=True)
    northern.skills.set([skill("sportsbook")])
    VendorExpertiseFactory(vendor=northern, level=3, years=4)
    return MembershipFactory(
        user=UserFactory(username="una"), role=Role.OWNER, vendor=northern
    ).user


@pytest.fixture
def tender(alice, vera, una):
    """Alice's published request, by invitation, ranked (the run is eager under test) against
    Maple Odds (Vera's, the best fit) and Northern Lights (Una's)."""
    maple = vera.membership.vendor
    maple.speaks_es = True
    maple.save(update_fields=["speaks_es"])
    maple.skills.set([skill("sportsbook"), skill("odds-feeds")])
    VendorExpertiseFactory(vendor=maple, level=5, years=9)
    draft = OutsourcingRequestFactory(
        company=alice.membership.company,
        author=alice,
        title=TITLE,
        visibility=OutsourcingRequest.Visibility.INVITATION,
    )
    draft.skills.set([skill("sportsbook"), skill("odds-feeds")])
    published, _run = request_publish(request=draft, actor=alice)
    return published


def status_message(page):
    """The messages Django shows at the top of the page (a live region)."""
    return page.get_by_role("main").get_by_role("status").first


def test_a_tender_goes_from_the_matches_to_a_reviewed_engagement_in_spanish(
    open_page, tender, alice, vera, una
):
    # The company invites both ranked vendors: one from its match, the other as "the top 1".
    company = open_page(alice, SPANISH)
    company.goto(f"/requests/{tender.pk}/")
    main = company.get_by_role("main")
    expect(company.get_by_role("heading", level=1)).to_have_text(TITLE)
    matches = main.locator("#matches .match-list > li")
    expect(matches.locator("h4")).to_have_text(["Maple Odds"])
    # Northern Lights scores below 60: it is listed once the company asks for the others.
    main.get_by_role("link", name=re.compile("^Mostrar 1 coincidencia más")).click()
    expect(matches.locator("h4")).to_have_text(["Maple Odds", "Northern Lights"])
    expect(matches.locator(".match__score").first).to_contain_text("de 100")
    # The vendor's name is for screen readers only (Chromium puts a space before its colon).
    main.get_by_role("button", name=re.compile(r"^Invitar a cotizar ?: Northern Lights$")).click()
    expect(status_message(company)).to_have_text("Northern Lights está invitado a proponer.")
    expect(matches.filter(has_text="Northern Lights")).to_contain_text(
        "Invitado · En espera de respuesta"
    )
    main.get_by_label(re.compile("^Cuántos de los proveedores mejor clasificados invitar")).fill(
        "1"
    )
    main.get_by_role("button", name="Invitar a los mejores").click()
    expect(status_message(company)).to_have_text(
        "1 proveedor está invitado a proponer: Maple Odds."
    )
    expect(matches.filter(has_text="Maple Odds")).to_contain_text(
        "Invitado · En espera de respuesta"
    )
    expect(main.get_by_role("button", name=re.compile("^Invitar a cotizar"))).to_have_count(0)
    screenshot(company, "tender-journey-invited")

    # Vera logs in, in her own browser, and finds the invitation on her vendor's desk.
    maple = open_page(locale=SPANISH)
    maple.goto("/accounts/login/")
    maple_main = maple.get_by_role("main")
    field(maple_main, "Nombre de usuario o dirección de correo").fill("vera")
    field(maple_main, "Contraseña").fill("correct-horse-battery")
    maple_main.get_by_role("button", name="Iniciar sesión").click()
    # A vendor's member starts on the vendor's desk.
    expect(maple.get_by_role("heading", level=1)).to_have_text("Maple Odds")
    expect(maple.get_by_role("banner")).to_contain_text("vera")
    invitations = maple_main.get_by_role("region", name="Invitaciones a proponer")
    invitation = invitations.get_by_role("row", name=re.compile(TITLE))
    expect(invitation).to_contain_text("Operadora Azteca")
    expect(invitation).to_contain_text("En espera de respuesta")
    screenshot(maple, "tender-journey-vendor-desk")

    # She opens the request and asks a question.
    invitation.get_by_role("link", name=TITLE, exact=True).click()
    expect(maple.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(
        maple_main.get_by_role("heading", name="Operadora Azteca invitó a su proveedor a proponer")
    ).to_be_visible()
    expect(maple_main.get_by_role("region", name="Fechas límite")).to_contain_text(
        re.compile(r"quedan \d+\ssemanas?, \d+\sdías?")
    )
    field(maple_main, "Su pregunta").fill(QUESTION)
    maple_main.get_by_role("button", name="Enviar la pregunta").click()
    expect(status_message(maple)).to_have_text(
        "Su pregunta se envió. La respuesta aparecerá aquí para todos los proveedores "
        "participantes, sin su nombre."
    )
    asked = maple_main.get_by_role("region", name="Preguntas y respuestas").get_by_role("listitem")
    expect(asked).to_contain_text(QUESTION)
    expect(asked).to_contain_text("Hecha por su proveedor el")
    expect(asked).to_contain_text("En espera de respuesta")

    # The company answers it on the request's questions tab, where it sees who asked.
    company.reload()
    company.get_by_role("navigation", name="Secciones de la solicitud").get_by_role(
        "link", name=re.compile(r"^Preguntas \(1, 1 por responder\)")
    ).click()
    question = main.get_by_role("listitem").filter(has_text=QUESTION)
    expect(question.get_by_role("heading", level=3)).to_contain_text("Maple Odds pregunta")
    field(question, "Su respuesta").fill(ANSWER)
    screenshot(company, "tender-journey-question")
    question.get_by_role("button", name="Enviar la respuesta").click()
    expect(status_message(company)).to_have_text(
        "La respuesta se envía a todos los proveedores participantes."
    )
    expect(main.get_by_role("region", name="Respondidas").get_by_role("listitem")).to_contain_text(
        ANSWER
    )
    expect(main).to_contain_text("Ninguna pregunta espera respuesta.")

    # Una reads the answered question on her opportunity page, not who asked it, and proposes.
    northern = open_page(una, SPANISH)
    northern.goto("/vendor/")
    northern_main = northern.get_by_role("main")
    northern_main.get_by_role("region", name="Invitaciones a proponer").get_by_role(
        "link", name=TITLE, exact=True
    ).click()
    questions = northern_main.get_by_role("region", name="Preguntas y respuestas")
    expect(questions.get_by_role("listitem")).to_have_count(1)
    expect(questions.get_by_role("heading", name="Pregunta 1")).to_be_visible()
    expect(questions).to_contain_text(QUESTION)
    expect(questions).to_contain_text(ANSWER)
    expect(questions).to_contain_text("Hecha el")
    expect(questions).not_to_contain_text("Maple Odds")
    expect(northern_main).not_to_contain_text("Maple Odds")
    propose(
        northern,
        price="1350000",
        currency="Peso mexicano",
        weeks="22",
        team="4",
        approach="Un equipo de cuatro: motor de apuestas primero, luego el boleto.",
        milestone=("Motor de apuestas en pruebas", "10", "500000"),
    )
    expect(status_message(northern)).to_have_text(
        "Su propuesta se envió a Operadora Azteca. Puede retirarla y enviar otra hasta la "
        "fecha límite de propuestas."
    )
    sent = northern_main.get_by_role("region", name="Su propuesta")
    expect(sent).to_contain_text("Enviada")
    expect(sent).to_contain_text("MXN\N{NO-BREAK SPACE}1,350,000")
    expect(sent.get_by_role("table", name="Hitos")).to_contain_text("Motor de apuestas en pruebas")
    screenshot(northern, "tender-journey-proposal-sent")

    # Vera proposes too, in Canadian dollars; proposing accepts her invitation.
    maple.reload()
    expect(maple_main.get_by_role("region", name="Preguntas y respuestas")).to_contain_text(ANSWER)
    propose(
        maple,
        price="110000",
        currency="Dólar canadiense",
        weeks="20",
        team="5",
        approach="Dos equipos: integración del feed de momios y el boleto de apuestas.",
        milestone=("Momios en vivo integrados", "8", "40000"),
    )
    expect(status_message(maple)).to_contain_text("Su propuesta se envió a Operadora Azteca.")
    expect(maple_main.get_by_role("region", name="Su propuesta")).to_contain_text(
        "CAD\N{NO-BREAK SPACE}110,000"
    )
    expect(maple_main).to_contain_text("La aceptó el")

    # The company comes back to its request, compares the proposals side by side, shortlists
    # Maple Odds and awards it.
    company.reload()
    company.get_by_role("navigation", name="Secciones de la solicitud").get_by_role(
        "link", name=re.compile(r"^Propuestas \(2\)")
    ).click()
    expect(main.get_by_role("heading", name="Propuestas lado a lado")).to_be_visible()
    compare = main.get_by_role("table")
    expect(compare.get_by_role("columnheader")).to_contain_text(["Northern Lights", "Maple Odds"])
    # MXN 1,350,000 at 0.075 CAD per peso; Maple Odds already asked for dollars.
    in_cad = compare.get_by_role("row", name=re.compile("^En CAD")).get_by_role("cell")
    expect(in_cad).to_have_text(["CAD\N{NO-BREAK SPACE}101,250", "CAD\N{NO-BREAK SPACE}110,000"])
    in_pesos = compare.get_by_role("row", name=re.compile("^En MXN")).get_by_role("cell")
    expect(in_pesos).to_have_text(
        ["MXN\N{NO-BREAK SPACE}1,350,000", "MXN\N{NO-BREAK SPACE}1,466,666.67"]
    )
    scores = compare.get_by_role("row", name=re.compile("^Puntuación de coincidencia"))
    expect(scores.get_by_role("cell")).to_have_count(2)
    for cell in scores.get_by_role("cell").all():
        expect(cell).to_have_text(re.compile(r"^Puntuación: \d+(\.\d+)? de 100$"))
    main.get_by_role("button", name="Preseleccionar la propuesta de Maple Odds").click()
    expect(status_message(company)).to_have_text(
        "La propuesta de Maple Odds está preseleccionada; se le avisa al proveedor."
    )
    expect(compare.get_by_role("columnheader", name=re.compile("^Maple Odds"))).to_contain_text(
        "Preseleccionada"
    )
    award = main.get_by_role("region", name="Adjudicación")
    chosen = field(award, "Propuesta")
    chosen.select_option(label=chosen.locator("option", has_text="Maple Odds").inner_text())
    field(award, "Por qué gana esta propuesta").fill(AWARD_REASON)
    screenshot(company, "tender-journey-compare")
    award.get_by_role("button", name="Adjudicar la solicitud").click()

    # The engagement page: the award and its reason; the company marks the work completed.
    expect(status_message(company)).to_have_text(
        "La solicitud se adjudicó a Maple Odds. Los demás proveedores que participaron reciben "
        "su motivo."
    )
    expect(company.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main.locator(".page-header .badge")).to_have_text("Estado: Activa")
    expect(main.get_by_role("region", name="La adjudicación")).to_contain_text(AWARD_REASON)
    screenshot(company, "tender-journey-engagement")
    main.get_by_role("button", name="Marcar como completada").click()
    expect(status_message(company)).to_have_text(
        "La contratación está marcada como completada. Ya puede reseñar al proveedor."
    )
    expect(main.locator(".page-header .badge")).to_have_text("Estado: Completada")
    expect(main).to_contain_text("Completada el")

    # Alice reviews the work.
    review = main.get_by_role("region", name="Reseña")
    review.get_by_role("radio", name="5 — excelente").check()
    field(review, "Cómo fue el trabajo").fill(REVIEW)
    review.get_by_role("button", name="Publicar la reseña").click()
    expect(status_message(company)).to_have_text(
        "Su reseña está publicada en el perfil del proveedor."
    )
    expect(review).to_contain_text("5 de 5")
    expect(review).to_contain_text(REVIEW)
    screenshot(company, "tender-journey-reviewed")

    # Vera finds the engagement from the main navigation and replies to the review.
    maple.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Contrataciones"
    ).click()
    maple_main.get_by_role("link", name=TITLE, exact=True).click()
    expect(maple_main.locator(".page-header .badge")).to_have_text("Estado: Completada")
    reply_to = maple_main.get_by_role("region", name="Reseña")
    expect(reply_to).to_contain_text(REVIEW)
    field(reply_to, "Su respuesta").fill(REPLY)
    reply_to.get_by_role("button", name="Publicar la respuesta").click()
    expect(status_message(maple)).to_have_text("Su respuesta está publicada bajo la reseña.")
    expect(reply_to.get_by_role("heading", name="Respuesta de Maple Odds")).to_be_visible()
    expect(reply_to).to_contain_text(REPLY)
    expect(reply_to.get_by_role("button", name="Publicar la respuesta")).to_have_count(0)
    screenshot(maple, "tender-journey-reply")

    # Una reads on her desk that her proposal was not awarded, and why; then on the request.
    northern.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Mi proveedor"
    ).click()
    lost = northern_main.get_by_role("region", name="Sus propuestas").get_by_role(
        "row", name=re.compile(TITLE)
    )
    expect(lost).to_contain_text("No adjudicada")
    expect(lost).to_contain_text("La empresa eligió la propuesta de otro proveedor.")
    expect(lost).to_contain_text(f"Motivo de la empresa: {AWARD_REASON}")
    screenshot(northern, "tender-journey-not-awarded-desk")
    lost.get_by_role("link", name=TITLE, exact=True).click()
    outcome = northern_main.get_by_role("status", name="Esta solicitud se adjudicó")
    expect(outcome).to_contain_text("La empresa eligió la propuesta de otro proveedor.")
    expect(outcome).to_contain_text(AWARD_REASON)
    expect(northern_main.get_by_role("region", name="Su propuesta")).to_contain_text(
        "No adjudicada"
    )
    screenshot(northern, "tender-journey-not-awarded")

    # Maple Odds' public profile: the rating, the review and the reply.
    company.goto("/vendors/maple-odds/")
    expect(company.get_by_role("heading", level=1)).to_have_text("Maple Odds")
    reputation = main.get_by_role("region", name="Reseñas verificadas")
    rating = Vendor.objects.get(slug="maple-odds").rating
    assert rating is not None and Decimal("3") < Decimal(str(rating)) < Decimal("5")
    expect(reputation).to_contain_text(f"{float(rating):.1f} ★ de 5, con 1 reseña verificada")
    expect(
        reputation.get_by_role("heading", name=re.compile("^Operadora Azteca: 5 de 5"))
    ).to_be_visible()
    expect(reputation).to_contain_text(REVIEW)
    expect(reputation).to_contain_text("Maple Odds respondió")
    expect(reputation).to_contain_text(REPLY)
    screenshot(company, "tender-journey-profile")


def propose(page, *, price, currency, weeks, team, approach, milestone) -> None:
    """Fill the proposal form on the opportunity page (one milestone row) and send it."""
    form = page.get_by_role("main").get_by_role("region", name="Su propuesta")
    field(form, "Precio").fill(price)
    field(form, "Moneda").select_option(label=currency)
    field(form, "Duración (semanas)").fill(weeks)
    field(form, "Tamaño del equipo").fill(team)
    field(form, "Enfoque").fill(approach)
    title, week, amount = milestone
    row = form.get_by_role("group", name="Hito 1")
    field(row, "Qué se entrega").fill(title)
    field(row, "Semana").fill(week)
    field(row, "Monto (opcional)").fill(amount)
    form.get_by_role("button", name="Enviar la propuesta").click()
