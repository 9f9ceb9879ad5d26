"""What the end-to-end tests share besides fixtures: their marks, screenshots, axe-core."""

import json
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

# Each test commits through the live server, so it runs in a real transaction; the flush after it
# would also remove the reference data the migrations seed (sectors, skills, certifications),
# so it is serialised before and restored after.
E2E = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# What axe-core reports at these impacts blocks someone from using the page.
BLOCKING_IMPACTS = {"serious", "critical"}
# Rules the suite promises to check on every page (labels, contrast, language, names).
REQUIRED_RULES = {"label", "color-contrast", "html-has-lang", "button-name", "link-name"}

_axe = Axe()


def artefacts_dir() -> Path:
    """Where screenshots and reports go: NORTE_TEST_ARTEFACTS (CI prints it), else test-artefacts/."""
    return Path(os.environ.get("NORTE_TEST_ARTEFACTS") or settings.BASE_DIR / "test-artefacts")


def language(page) -> str:
    return page.evaluate("document.documentElement.lang")


def screenshot(page, name: str) -> None:
    """Save the whole page as `<artefacts>/screenshots/<page language>/<name>.png`."""
    page.screenshot(
        path=artefacts_dir() / "screenshots" / language(page) / f"{name}.png", full_page=True
    )


# Labels and descriptions that point at an element the page does not have. axe-core only lists
# a broken aria-describedby as "needs review", but a screen reader then reads nothing: fail on it.
DANGLING_REFERENCES = r"""() => {
  const broken = [];
  const pointers = document.querySelectorAll("[aria-describedby], [aria-labelledby], label[for]");
  for (const element of pointers) {
    const ids = ["aria-describedby", "aria-labelledby", "for"]
      .map((attribute) => element.getAttribute(attribute) || "")
      .join(" ").split(/\s+/).filter(Boolean);
    for (const id of ids) {
      if (!document.getElementById(id)) broken.push(`${element.tagName.toLowerCase()} → #${id}`);
    }
  }
  return broken;
}"""


def axe_violations(page, name: str) -> list[str]:
    """Run axe-core (bundled with axe-playwright-python: no network) on the page as it is now.

    Saves the full report as `<artefacts>/axe/<language>/<name>.json` and returns one line per
    serious or critical violation (rule, impact, the offending elements), and one per label or
    description that points at a missing element.
    """
    results = _axe.run(page, options={"resultTypes": ["violations"]}).response
    path = artefacts_dir() / "axe" / language(page) / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results["violations"], indent=1, ensure_ascii=False))
    checked = {
        rule["id"]
        for kind in ("passes", "violations", "incomplete", "inapplicable")
        for rule in results[kind]
    }
    assert checked >= REQUIRED_RULES, f"axe did not run {REQUIRED_RULES - checked}"
    return [
        f"{violation['id']} ({violation['impact']}) on {name}: "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ] + [f"dangling reference on {name}: {broken}" for broken in page.evaluate(DANGLING_REFERENCES)]


def wait_for_htmx(page) -> None:
    """Wait until no htmx request is in flight (htmx marks the element that sent one).

    A locator, not `wait_for_function`: Playwright evaluates that one's text with eval, which
    the Content-Security-Policy forbids in the page."""
    expect(page.locator(".htmx-request")).to_have_count(0)


def field(scope, label: str):
    """The form control labelled `label` in `scope`, whether or not Django's label ends in ":"."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}:?\s*$"))


def confirm_emailed_address(page, *, button: str = "Confirm") -> None:
    """After signing up: open the link of the verification email (the live server's mail is the
    tests' outbox) in `page`, as the person would from their inbox, and confirm."""
    from django.core import mail

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    page.goto(link.group(1))
    page.get_by_role("main").get_by_role("button", name=button).click()
