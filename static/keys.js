// Keyboard shortcuts shared by the editor pages (the review workspace and the speaker registry).
//
// The Content-Security-Policy forbids inline script and eval (so htmx trigger filters are out): keys are
// bound in script files. A key finds the element that declares it with data-key and activates it, so the
// server-rendered page stays the single source of what can be done, and every page also works without
// JavaScript. review.js and registry.js say where a key is looked for and what else it does.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));

  function isTyping(target) {
    return target instanceof Element && target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  function keySelector(key) {
    return '[data-key="' + CSS.escape(key) + '"]';
  }

  function openKeysHelp() {
    const dialog = $("#keys-help");
    if (dialog && !dialog.open) dialog.showModal();
  }

  function focusField(input) {
    input.scrollIntoView({ block: "nearest" });
    input.focus();
    input.select();
  }

  // What every key does alike: "?" opens the keys panel, a key declared on a field focuses it. True if done.
  function activateCommon(element) {
    if (element.dataset.key === "?") {
      openKeysHelp();
      return true;
    }
    if (element.tagName === "INPUT") {
      focusField(element);
      return true;
    }
    return false;
  }

  // Calls onKey(event) for a key pressed outside any field while the keys panel is closed (the panel has its
  // own keys: Escape closes it). Escape in a field leaves it, then calls leftField(field). holdKey(event) runs
  // before the panel check and returns true when it has dealt with the key.
  function onKeys({ onKey, leftField, holdKey }) {
    document.addEventListener("keydown", (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "Escape" && isTyping(event.target)) {
        const field = event.target;
        // Escape only leaves a field: a search field would otherwise be cleared (and its search run again).
        if (field instanceof HTMLInputElement && field.type === "search") event.preventDefault();
        field.blur();
        if (leftField) leftField(field);
        return;
      }
      if (isTyping(event.target)) return;
      if (holdKey && holdKey(event)) return;
      const dialog = $("#keys-help");
      if (dialog && dialog.open) return;
      onKey(event);
    });
  }

  window.ClaimbookKeys = { $, $$, isTyping, keySelector, activateCommon, onKeys };
})();
