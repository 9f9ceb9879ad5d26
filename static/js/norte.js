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
