// The speaker registry's keyboard (triage, likely duplicates, a speaker's record).
//
// As in review.js: no inline script (the Content-Security-Policy forbids it); a key finds the element that
// declares it with data-key and activates it, first inside the focused row ([data-row]), then on the page.
// Every action is a plain form, so the pages also work without this file. After an action htmx (hx-boost)
// swaps in the page that follows; focus goes back to the row at the same place (the next one, when the row
// just handled has left the list), so an editor can keep pressing keys.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));
  const FOCUS_KEY = "claimbook.registry.row";

  function isTyping(target) {
    return target instanceof Element && target.closest("input, textarea, select, [contenteditable]") !== null;
  }

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
    const selector = '[data-key="' + CSS.escape(key) + '"]';
    const row = currentRow();
    if (row) return $(selector, row);
    return $$(selector).find((element) => !element.closest("[data-row]")) || null;
  }

  function activate(element) {
    if (element.dataset.key === "?") {
      const dialog = $("#keys-help");
      if (dialog && !dialog.open) dialog.showModal();
      return;
    }
    if (element.tagName === "INPUT") {
      element.scrollIntoView({ block: "nearest" });
      element.focus();
      element.select();
      return;
    }
    const row = element.closest("[data-row]");
    if (row) sessionStorage.setItem(FOCUS_KEY, location.pathname + "|" + rows().indexOf(row));
    element.click();
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && isTyping(event.target)) {
      event.target.blur();
      return;
    }
    if (isTyping(event.target)) return;
    const dialog = $("#keys-help");
    if (dialog && dialog.open) return; // the dialog has its own keys (Escape closes it)
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
  });

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
