"""The request form in a real browser, filled in the way a hurried person does: typing fast and
tabbing on at once while the form checks itself, and submitting several mistakes together."""

from playwright.sync_api import expect

from .browser import E2E, field, screenshot, wait_for_htmx

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
