// The speaker registry's keyboard (triage, likely duplicates, a speaker's record).
//
// Keys (keys.js) are looked for first inside the focused row ([data-row]), then on the page.
// Every action is a plain form, so the pages also work without this file. After an action htmx (hx-boost)
// swaps in the page that follows; focus goes back to the row at the same place (the next one, when the row
// just handled has left the list), so an editor can keep pressing keys.
(function () {
  "use strict";

  const { $, $$, keySelector, activateCommon, onKeys } = window.ClaimbookKeys;
  const FOCUS_KEY = "claimbook.registry.row";

  function rows() {
    return $$("[data-row]");
  }

  function currentRow() {
    const active = document.activeElement;
    return active instanceof Element ? active.closest("[data-row]") : null;
  }

  function focusRow(index) {
    const all = rows();
    if (!all.length) return;
    const row = all[Math.max(0, Math.min(index, all.length - 1))];
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }

  function keyTarget(key) {
    const selector = keySelector(key);
    const row = currentRow();
    if (row) return $(selector, row);
    return $$(selector).find((element) => !element.closest("[data-row]")) || null;
  }

  function activate(element) {
    if (activateCommon(element)) return;
    const row = element.closest("[data-row]");
    if (row) sessionStorage.setItem(FOCUS_KEY, location.pathname + "|" + rows().indexOf(row));
    element.click();
  }

  onKeys({ onKey });

  function onKey(event) {
    if (event.key === "j" || event.key === "k") {
      const all = rows();
      if (!all.length) return;
      event.preventDefault();
      const index = all.indexOf(currentRow());
      focusRow(index === -1 ? 0 : index + (event.key === "j" ? 1 : -1));
      return;
    }
    // Enter opens a row's record only from the row itself: on a button or link it keeps its own meaning.
    if (event.key === "Enter" && document.activeElement !== currentRow()) return;
    const element = keyTarget(event.key);
    if (!element) return;
    event.preventDefault();
    activate(element);
  }

  // After an action: back to the row at the same place on the same page.
  function restoreFocus() {
    const saved = sessionStorage.getItem(FOCUS_KEY);
    if (!saved) return;
    sessionStorage.removeItem(FOCUS_KEY);
    const [path, index] = saved.split("|");
    if (path === location.pathname) focusRow(Number(index));
  }

  document.addEventListener("DOMContentLoaded", restoreFocus);
  document.addEventListener("htmx:afterSettle", restoreFocus);
})();
