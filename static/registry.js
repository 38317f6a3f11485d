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

  // Filtering: while the rows for the filter being typed are on their way, keys wait for them, then play in
  // order (so "/ pham Escape j a" accepts the first Pham). Focus inside a list that is replaced stays at the
  // same row.
  const FILTER_WAIT_MS = 3000;
  let heldKeys = [];
  let waitingSince = 0;

  function filtering() {
    const field = $("#id_q");
    const results = $("#triage-results");
    if (!field || !results || results.dataset.q === undefined) return false;
    return results.dataset.q.trim() !== field.value.trim() && Date.now() - waitingSince < FILTER_WAIT_MS;
  }

  function replayHeldKeys() {
    if (filtering()) return;
    const keys = heldKeys;
    heldKeys = [];
    keys.forEach((key) => onKey({ key, preventDefault() {} }));
  }

  onKeys({
    onKey,
    leftField: (field) => {
      if (field.id === "id_q") waitingSince = Date.now();
    },
    holdKey: (event) => {
      if (!filtering()) return false;
      if (event.key.length === 1 || event.key === "Enter") {
        event.preventDefault();
        heldKeys.push(event.key);
        window.setTimeout(replayHeldKeys, FILTER_WAIT_MS); // in case the rows never come
      }
      return true;
    },
  });

  let rowBeforeSwap = -1;
  document.addEventListener("htmx:beforeSwap", (event) => {
    rowBeforeSwap = event.detail.target.id === "triage-results" ? rows().indexOf(currentRow()) : -1;
  });
  document.addEventListener("htmx:afterSettle", () => {
    if (rowBeforeSwap !== -1 && !currentRow()) focusRow(rowBeforeSwap);
    rowBeforeSwap = -1;
    replayHeldKeys();
  });

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
