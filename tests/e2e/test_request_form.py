"""The request form in a real browser, filled in the way a hurried person does: typing fast and
tabbing on at once while the form checks itself, and submitting several mistakes together."""

from playwright.sync_api import expect

from marketplace.models import Skill

from .browser import E2E, axe_violations, field, screenshot, wait_for_htmx
from .conftest import session_cookie

pytestmark = E2E

# Typed about as fast as a practised typist (60 ms a key), tabbing on as soon as each is done:
# every change posts the form for checking while the next field is being typed in.
TYPED = [
    ("Title", "Casa de apuestas con momios en vivo"),
    ("Description", "Buscamos un equipo para construir nuestra casa de apuestas deportivas."),
    ("Minimum budget", "-5"),
    ("Maximum budget", "3000000"),
    ("Team size", "-3"),
    ("Duration (weeks)", "0"),
]
AT_LEAST_ONE = "Ensure this value is greater than or equal to 1."


def test_typing_fast_keeps_every_typed_value_and_still_shows_the_errors(open_page, bob):
    page = open_page(user=bob)
    page.goto("/requests/new/")
    main = page.get_by_role("main")

    for label, value in TYPED:
        field(main, label).type(value, delay=60)
        page.keyboard.press("Tab")
    wait_for_htmx(page)

    for label, value in TYPED:
        expect(field(main, label)).to_have_value(value)
    for name in ("budget_min", "team_size", "duration_weeks"):
        expect(page.locator(f"#id_{name}_errors")).to_have_text(AT_LEAST_ONE)
        control = page.locator(f"#id_{name}")
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_attribute("aria-describedby", f"id_{name}_error")
        expect(page.locator(f"#id_{name}_error")).to_have_text(AT_LEAST_ONE)
    expect(page.locator(".field--invalid")).to_have_count(3)

    # Corrected, the error goes and the field is no longer described by it.
    field(main, "Team size").fill("4")
    field(main, "Team size").press("Tab")
    wait_for_htmx(page)
    expect(page.locator("#id_team_size_errors")).to_have_text("")
    expect(page.locator("#id_team_size")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_team_size")).not_to_have_attribute(
        "aria-describedby", "id_team_size_error"
    )
    for label, value in TYPED:
        if label != "Team size":
            expect(field(main, label)).to_have_value(value)
    screenshot(page, "request-form-typed-fast")


def test_submitting_several_mistakes_shows_every_error_at_once(open_page, bob):
    page = open_page(user=bob)
    page.goto("/requests/new/")
    main = page.get_by_role("main")
    for label, value in TYPED:
        field(main, label).fill(value)
    field(main, "Sector").select_option(label="Sports betting")
    field(main, "Currency").select_option(label="Mexican peso")

    main.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("New request")
    errors = page.locator(".field--invalid .errorlist")
    expect(errors).to_have_text([AT_LEAST_ONE] * 3)
    for label, value in TYPED:
        expect(field(main, label)).to_have_value(value)
    screenshot(page, "request-form-all-errors")


def test_a_refused_submit_sums_up_its_errors_at_the_top_and_focuses_them(open_page, bob):
    page = open_page(user=bob)
    page.goto("/requests/new/")
    main = page.get_by_role("main")
    for label, value in TYPED:
        field(main, label).fill(value)

    main.get_by_role("button", name="Save draft").click()

    summary = page.get_by_role("alert").filter(has_text="Nothing was saved")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links).to_have_text(
        [
            "Sector: This field is required.",
            f"Minimum budget: {AT_LEAST_ONE}",
            # The currency starts at Mexican pesos: nothing to say about it.
            f"Team size: {AT_LEAST_ONE}",
            f"Duration (weeks): {AT_LEAST_ONE}",
        ]
    )
    # Each link leads to its field.
    links.filter(has_text="Team size").click()
    expect(field(main, "Team size")).to_be_focused()
    screenshot(page, "request-form-error-summary")
    assert axe_violations(page, "request-form-error-summary") == []


def test_the_chosen_skills_show_as_chips_and_the_list_is_searched_without_accents(open_page, bob):
    page = open_page(user=bob, locale="es-MX")
    page.goto("/requests/new/")
    skills = page.get_by_role("group", name="Habilidades")
    search = skills.get_by_role("searchbox", name="Buscar en la lista")
    chips = skills.locator(".chip")
    expect(chips).to_have_count(0)
    expect(skills.get_by_text("Ninguna por ahora")).to_be_visible()

    search.type("loteria", delay=30)
    expect(skills.get_by_label("Sistemas de lotería")).to_be_visible()
    expect(skills.get_by_label("Casa de apuestas deportivas")).to_be_hidden()
    lottery = Skill.objects.filter(sector__slug="lottery").count()
    expect(skills.get_by_role("status")).to_have_text(
        f"{lottery} de {Skill.objects.count()} visibles"
    )
    search.fill("APUESTAS")
    expect(skills.get_by_label("Casa de apuestas deportivas")).to_be_visible()
    expect(skills.get_by_label("Apuestas en vivo")).to_be_visible()
    expect(skills.get_by_label("Sistemas de lotería")).to_be_hidden()

    skills.get_by_label("Casa de apuestas deportivas").check()
    skills.get_by_label("Apuestas en vivo").check()
    expect(chips).to_have_text(["Apuestas en vivo×", "Casa de apuestas deportivas×"])
    expect(skills.locator("[data-picker-count]")).to_have_text("2")
    # Enter in the search box does not submit the form; Escape empties it.
    search.press("Enter")
    search.press("Escape")
    expect(search).to_have_value("")
    expect(skills.get_by_label("Sistemas de lotería")).to_be_visible()
    screenshot(page, "request-form-skills-picker")

    skills.get_by_role("button", name="Quitar Apuestas en vivo").click()
    expect(chips).to_have_text(["Casa de apuestas deportivas×"])
    expect(skills.get_by_label("Apuestas en vivo")).not_to_be_checked()
    expect(search).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nueva solicitud")


def test_a_vendor_sees_its_skills_at_a_glance_on_its_profile_form(open_page, vera, vendor):
    vendor.skills.set(
        Skill.objects.filter(slug__in=["sportsbook", "odds-feeds", "lottery-systems"])
    )
    page = open_page(user=vera)
    page.goto("/vendor/edit/")

    skills = page.get_by_role("group", name="Skills")
    expect(skills.locator(".chip")).to_have_text(["Lottery systems×", "Odds feeds×", "Sportsbook×"])
    screenshot(page, "vendor-edit-skills-picker")


def test_without_javascript_the_chosen_skills_are_listed_by_name(
    browser, live_server, vera, vendor
):
    vendor.skills.set(Skill.objects.filter(slug__in=["sportsbook", "odds-feeds"]))
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies([session_cookie(vera, live_server.url)])
    page = context.new_page()

    page.goto("/vendor/edit/")

    skills = page.get_by_role("group", name="Skills")
    expect(skills.locator(".chip")).to_have_text(["Odds feeds", "Sportsbook"])
    expect(skills.get_by_role("searchbox")).to_have_count(0)
    context.close()
