// Keyboard and screen-reader care for the directory's htmx swaps.
//
// The results are replaced wholesale, so a live region inside them would be new each time and
// stay silent: the page keeps one outside (#results-announcer) and this copies the results'
// heading ("12 vendors found") into it. A page link that was followed is gone after the swap, so
// focus moves to that heading rather than falling back to the top of the document.
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target.id !== "vendor-results") return;
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
  const controls = field.querySelectorAll("input, select, textarea");
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
