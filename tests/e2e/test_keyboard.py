"""Using Norte with the keyboard alone: the skip link comes first, every control that takes the
focus shows it, and a form can be filled in and sent without a mouse."""

import pytest
from playwright.sync_api import expect

from .browser import E2E

pytestmark = E2E

# The focused element, described for a failure message, and whether it shows a focus indicator
# (the site draws an outline on :focus-visible; an element that suppresses it shows nothing).
FOCUSED = r"""() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const label = (element.innerText || element.value || element.name || "").trim().split("\n")[0];
  return {
    description: `${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""} "${label}"`,
    shown: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
  };
}"""


def tab_stops(page, limit=150):
    """Press Tab until the focus leaves the page or comes back round; what each stop was."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused == stops[0]):
            return stops
        stops.append(focused)
    raise AssertionError(f"the focus never left the page after {limit} Tabs")


def tab_to(page, locator, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_the_first_tab_reaches_the_skip_link_which_jumps_to_the_content(page, db):
    page.goto("/")

    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0, "the skip link stays off-screen"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("main").get_by_role("searchbox")).to_be_focused()


@pytest.mark.parametrize("who", ["anonymous", "charlie", "alice", "vera", "pablo", "staff"])
def test_every_control_that_takes_the_focus_shows_it(open_page, request, published_request, who):
    urls = {
        "anonymous": [
            "/",
            "/vendors/",
            "/vendors/maple-odds/",
            "/accounts/login/",
            "/accounts/signup/",
        ],
        "charlie": ["/onboarding/", "/onboarding/company/", "/onboarding/vendor/"],
        "alice": ["/requests/", "/requests/new/", f"/requests/{published_request.pk}/"],
        "vera": ["/vendor/", "/vendor/edit/", f"/opportunities/{published_request.pk}/"],
        "pablo": ["/vendors/prairie-bits/"],
        "staff": ["/moderation/"],
    }[who]
    page = open_page(None if who == "anonymous" else request.getfixturevalue(who))
    unmarked = []
    for url in urls:
        page.goto(url)
        stops = tab_stops(page)
        assert len(stops) > 5, f"{url}: only {len(stops)} controls take the focus"
        unmarked += [f"{url}: {stop['description']}" for stop in stops if not stop["shown"]]

    assert unmarked == []


def test_a_person_logs_in_with_the_keyboard_only(page, alice):
    page.goto("/accounts/login/")

    tab_to(page, page.get_by_label("Username or email address"))
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type("correct-horse-battery")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("My requests")
    expect(page.get_by_role("banner")).to_contain_text("alice")
