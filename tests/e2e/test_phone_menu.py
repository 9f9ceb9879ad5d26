"""The header's menu on a 390 px phone: its items in one column, left-aligned, and Escape closes
it, handing the focus back to the Menu button."""

from playwright.sync_api import expect

from .browser import E2E, screenshot

pytestmark = E2E

PHONE = {"width": 390, "height": 844}


def test_the_phone_menus_items_line_up_and_escape_closes_it(open_page, published_request, alice):
    page = open_page(alice, "es-MX")
    page.set_viewport_size(PHONE)
    page.goto("/requests/")
    menu = page.locator("details.site-menu")
    toggle = menu.locator("> summary")

    toggle.click()
    expect(menu).to_have_attribute("open", "")
    items = page.locator(".site-nav li > *, .account-menu > summary, .language-switcher")
    # The items' left edges were 16 to 53 px: each was centred in its own row.
    lefts = {round(item.bounding_box()["x"]) for item in items.all()}
    assert len(lefts) == 1, sorted(lefts)
    screenshot(page, "menu-phone-open")

    page.get_by_role("link", name="Mis solicitudes").focus()
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(page.get_by_role("navigation", name="Principal")).to_be_hidden()
    expect(toggle).to_be_focused()

    # From inside the account menu, Escape closes that one first, then the phone's menu.
    toggle.click()
    account = page.locator("details.account-menu")
    account.locator("> summary").click()
    page.get_by_role("link", name="Contraseña").focus()
    page.keyboard.press("Escape")
    expect(account).not_to_have_attribute("open", "")
    expect(account.locator("> summary")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(toggle).to_be_focused()


def test_escape_leaves_the_menu_alone_on_a_wide_screen(open_page, published_request, alice):
    page = open_page(alice, "es-MX")
    page.goto("/requests/")

    page.get_by_role("link", name="Mis solicitudes").focus()
    page.keyboard.press("Escape")

    expect(page.get_by_role("navigation", name="Principal")).to_be_visible()
