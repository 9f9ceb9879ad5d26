// Keyboard and screen-reader care for the directory's htmx swaps.
//
// The results are replaced wholesale, so a live region inside them would be new each time and
// stay silent: the page keeps one outside (#results-announcer) and this copies the results'
// heading ("12 vendors found") into it. A page link that was followed is gone after the swap, so
// focus moves to that heading rather than falling back to the top of the document.
// The insights page (#insights-results) announces its results' heading the same way.
document.addEventListener("htmx:afterSettle", (event) => {
  if (!["vendor-results", "insights-results"].includes(event.detail.target.id)) return;
  const heading = document.getElementById("results-title");
  const announcer = document.getElementById("results-announcer");
  if (heading && announcer) announcer.textContent = heading.textContent.trim();
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (heading && trigger && trigger.closest(".pagination")) heading.focus();
});

// Copy buttons (`data-copy` names the field to copy, `data-copy-status` the live region that
// says it worked). They are hidden until this runs: without the script the field is still
// there to select and copy by hand.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.copied;
    } catch {
      field.select();
      if (status) status.textContent = button.dataset.copyFailed;
    }
  });
});

// A form that checks itself as the person types (the request form) has only its error messages
// swapped in, out of band, into each field's #<id>_errors container: replacing the fields
// themselves wiped what was being typed in them meanwhile. This keeps the field's invalid style,
// aria-invalid and aria-describedby (which Django rendered with the page) in step with them.
document.addEventListener("htmx:oobAfterSwap", (event) => {
  const container = event.detail.target;
  if (!container.classList || !container.classList.contains("field__errors")) return;
  const field = container.closest(".field");
  if (!field) return;
  const errorId = container.id.replace(/_errors$/, "_error");
  const invalid = container.querySelector(".errorlist") !== null;
  field.classList.toggle("field--invalid", invalid);
  // The form's own controls: not a helper such as the skills' search box, which has no name.
  const controls = field.querySelectorAll("input[name], select[name], textarea[name]");
  // A group of checkboxes is described by its fieldset; a single control by itself.
  const described = field.tagName === "FIELDSET" ? [field] : controls;
  described.forEach((element) => {
    const ids = (element.getAttribute("aria-describedby") || "")
      .split(/\s+/)
      .filter((id) => id && id !== errorId);
    if (invalid) ids.push(errorId);
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  });
  controls.forEach((control) => {
    if (invalid) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  });
});

// Long lists of checkboxes (SearchableCheckboxes: the skills): the chosen ones as chips above
// the list, each with a button that removes its choice, and a search box that hides what does
// not match. The search ignores case and accents ("loteria" finds "Lotería") and also matches
// the group's name; a live region says how many options are left. Without this script the
// page lists the chosen names and the whole list.
const fold = (text) =>
  text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();

document.querySelectorAll("[data-picker]").forEach((picker) => {
  const boxes = [...picker.querySelectorAll('.picker__list input[type="checkbox"]')];
  const chips = picker.querySelector("[data-picker-chips]");
  const count = picker.querySelector("[data-picker-count]");
  const none = picker.querySelector("[data-picker-none]");
  const searchBox = picker.querySelector("[data-picker-search]");
  const search = searchBox.querySelector("input");
  const shown = picker.querySelector("[data-picker-shown]");
  const labelOf = (box) => box.closest("label").textContent.trim();

  const showChosen = () => {
    const chosen = boxes.filter((box) => box.checked);
    chips.replaceChildren(
      ...chosen.map((box) => {
        const chip = document.createElement("li");
        chip.className = "chip";
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip__remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", `${picker.dataset.remove} ${labelOf(box)}`);
        remove.addEventListener("click", () => {
          box.checked = false;
          // Bubbles to the form, so a form that checks itself on change does so.
          box.dispatchEvent(new Event("change", { bubbles: true }));
          search.focus();
        });
        chip.append(labelOf(box), remove);
        return chip;
      }),
    );
    count.textContent = chosen.length;
    none.hidden = chosen.length > 0;
  };

  const narrow = () => {
    const query = fold(search.value);
    let visible = 0;
    boxes.forEach((box) => {
      const group = box.closest(".choice-group");
      const groupName = group ? fold(group.querySelector("legend").textContent) : "";
      const matches = !query || fold(labelOf(box)).includes(query) || groupName.includes(query);
      box.closest("label").parentElement.hidden = !matches;
      if (matches) visible += 1;
    });
    picker.querySelectorAll(".choice-group").forEach((group) => {
      group.hidden = !group.querySelector("div:not([hidden]) > label");
    });
    shown.textContent = picker.dataset.shown
      .replace("{shown}", visible)
      .replace("{total}", boxes.length);
  };

  boxes.forEach((box) => box.addEventListener("change", showChosen));
  search.addEventListener("input", narrow);
  search.addEventListener("keydown", (event) => {
    // Enter would submit the form around the list; Escape empties the search.
    if (event.key === "Enter") event.preventDefault();
    if (event.key === "Escape" && search.value) {
      event.preventDefault();
      search.value = "";
      narrow();
    }
  });
  searchBox.hidden = false;
  showChosen();
  narrow();
});

// Disclosures that suit wide screens open and phones closed (`data-closed-when` holds the media
// query): the page sends them open, so without this script everything is still shown, and
// this only sets the native <details> state, which keyboards and screen readers already know.
// One holding a field with an error stays open.
document.querySelectorAll("details[data-closed-when]").forEach((details) => {
  const narrow = window.matchMedia(details.dataset.closedWhen);
  const fit = () => {
    details.open = !narrow.matches || details.querySelector(".field--invalid") !== null;
  };
  fit();
  narrow.addEventListener("change", fit);
});

// Escape closes an open disclosure menu (the phone's menu, the account menu) from anywhere in
// it and hands the focus back to its button, as a menu button does: the innermost open one
// first. The header's menu is no disclosure on wide screens (its button is hidden there), so it
// stays open.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  let menu = event.target.closest && event.target.closest("details.site-menu, details.account-menu");
  while (menu) {
    const toggle = menu.querySelector(":scope > summary");
    if (menu.open && toggle.getClientRects().length) {
      event.preventDefault();
      menu.open = false;
      toggle.focus();
      return;
    }
    menu = menu.parentElement.closest("details.site-menu, details.account-menu");
  }
});

// The directory's compare form: a live "2 of 4 chosen", and once the limit is ticked the other
// boxes disabled, each described by the reason. Without this script the comparison page
// refuses too many with the same reason. Set up again whenever htmx swaps the results in.
const setUpComparison = (root) => {
  root.querySelectorAll("form[data-compare]").forEach((form) => {
    const limit = Number(form.dataset.compareMax);
    const status = form.querySelector("#compare-count");
    const boxes = [...form.querySelectorAll('input[type="checkbox"][name="vendor"]')];
    const update = () => {
      const chosen = boxes.filter((box) => box.checked).length;
      const full = chosen >= limit;
      status.textContent = status.dataset.chosen.replace("{count}", chosen)
        + (full ? ` ${status.dataset.full}` : "");
      boxes.forEach((box) => {
        box.disabled = full && !box.checked;
        if (box.disabled) box.setAttribute("aria-describedby", status.id);
        else box.removeAttribute("aria-describedby");
      });
    };
    boxes.forEach((box) => box.addEventListener("change", update));
    status.hidden = false;
    update();
  });
};
setUpComparison(document);
document.addEventListener("htmx:afterSettle", (event) => setUpComparison(event.detail.target));

// A link that htmx replaces along with what it loads ("Show 44 more matches") names, in
// `data-focus-after`, the heading of what it brought (tabindex="-1"): focus moves there, so that
// keyboard and screen-reader users land on the new content instead of the top of the document.
document.addEventListener("htmx:afterSettle", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  const target = trigger && trigger.dataset && document.getElementById(trigger.dataset.focusAfter);
  if (target) target.focus();
});

// Suggestions read from what is typed (the request form's sector and skills, the skills a
// vendor's descriptions mention): each button names, in `data-suggest-field` and
// `data-suggest-value`, the choice it makes in its form — selects the sector, ticks the skill —
// for the person to keep by saving. The change bubbles, so the form checks itself and the
// suggestions are asked for again (the one taken is then gone). The page renders the buttons
// hidden, for this to show: without the script the sentences alone say what to choose.
const showSuggestions = (root) => {
  root.querySelectorAll("[data-suggest-field][hidden]").forEach((button) => {
    button.hidden = false;
  });
};
showSuggestions(document);

document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("[data-suggest-field]");
  if (!button || !button.form) return;
  const named = button.form.elements.namedItem(button.dataset.suggestField);
  if (!named) return;
  const value = button.dataset.suggestValue;
  let control;
  if (named instanceof HTMLSelectElement) {
    named.value = value;
    control = named;
  } else {
    const choices = named instanceof RadioNodeList ? [...named] : [named];
    control = choices.find((choice) => choice.value === value);
    if (!control) return;
    control.checked = true;
  }
  // The button goes when the suggestions come back: the focus moves on rather than to the top
  // of the page — to the next suggestion of the list (htmx gives it back by id once it is
  // swapped again), else to the choice just made, or, when the list's search hides that
  // choice, to the search box beside it.
  const region = button.closest(".suggestions");
  const next = region && [...region.querySelectorAll("[data-suggest-field=skills]")]
    .find((other) => other !== button && !other.hidden);
  const picker = control.closest("[data-picker]");
  const shown = !control.closest("[hidden]");
  const fallback = shown || !picker ? control : picker.querySelector("[data-picker-search] input");
  (control.tagName === "SELECT" || !next ? fallback : next).focus();
  control.dispatchEvent(new Event("change", { bubbles: true }));
});

// The suggestions are asked for again at every pause in typing: an answer saying the same as
// the last one is not swapped in, so that their live region is not read out again each time.
const lastSuggestions = new WeakMap();
document.addEventListener("htmx:beforeSwap", (event) => {
  const region = event.detail.target;
  if (!region.classList || !region.classList.contains("suggestions")) return;
  const answer = event.detail.serverResponse;
  if (lastSuggestions.get(region) === answer) event.detail.shouldSwap = false;
  lastSuggestions.set(region, answer);
});

// The insights page answers filters it cannot apply with 400 and the form's errors: htmx swaps
// no error answer by default, which would leave the old figures under the new filters.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.target.id !== "insights-results" || event.detail.xhr.status !== 400) return;
  event.detail.shouldSwap = true;
  event.detail.isError = false;
});
