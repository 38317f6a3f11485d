// The review workspace's keyboard, selection and focus behaviour.
//
// Keys (keys.js) are looked for first on the card, then on the page (buttons also carry aria-keyshortcuts);
// a key clicks a button or link, focuses a field or opens a section, and every action also works without
// this file.
//
// Offsets: the article text (#article-text) contains exactly the article body, so a DOM position maps to
// a body offset by counting the characters before it. JavaScript counts UTF-16 code units and Python code
// points, so the count is taken over code points (an emoji is one character in Python, two units here).
(function () {
  "use strict";

  const { $, $$, keySelector, activateCommon, onKeys } = window.ClaimbookKeys;
  const inFlight = new Set(); // htmx requests under way: keys wait, so two actions never race for the card
  let pendingKey = null; // the last key pressed while waiting, played once the new card has settled

  function announce(text) {
    const status = $("#review-status");
    if (status) status.textContent = text;
  }

  // --- offsets --------------------------------------------------------------------------------------------

  function codePoints(text) {
    let count = 0;
    for (const _char of text) count += 1; // iterates by code point, not by UTF-16 unit
    return count;
  }

  function offsetIn(container, node, offset) {
    const range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  // The selection in the article as body offsets, or null when there is none inside the article.
  function articleSelection() {
    const text = $("#article-text");
    const selection = window.getSelection();
    if (!text || !selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    return {
      start: offsetIn(text, range.startContainer, range.startOffset),
      end: offsetIn(text, range.endContainer, range.endOffset),
      text: range.toString(),
      collapsed: range.collapsed,
    };
  }

  function setField(form, name, value) {
    const field = form.elements.namedItem(name);
    if (field) field.value = value;
  }

  // Buttons that need a selection (data-selection="span") are enabled while there is one.
  function updateSelectionButtons() {
    const selection = articleSelection();
    const has = Boolean(selection && !selection.collapsed);
    $$('[data-selection="span"]').forEach((button) => {
      button.disabled = !has;
    });
    const page = $(".review-page");
    if (page) page.classList.toggle("has-selection", has);
  }

  // Fill the offsets a button's form needs from the selection; false (and a message) when impossible.
  function fillFromSelection(button) {
    const selection = articleSelection();
    const form = button.form;
    if (button.dataset.selection === "span") {
      if (!selection || selection.collapsed) {
        announce("Select some text in the article first.");
        return false;
      }
      setField(form, "start", selection.start);
      setField(form, "end", selection.end);
      setField(form, "expected_text", selection.text);
      return true;
    }
    if (button.dataset.selection === "caret") {
      if (!selection) {
        announce("Click in the statement's text where it should split first.");
        return false;
      }
      button.value = String(selection.start);
      return true;
    }
    return true;
  }

  // --- keys -------------------------------------------------------------------------------------------------

  function keyTarget(key) {
    const selector = keySelector(key);
    return $("#review-card " + selector) || $(selector);
  }

  function activate(element) {
    if (element.dataset.selection === "span") updateSelectionButtons(); // the selection may be newer than its event
    if (element.disabled) {
      announce(element.dataset.disabledMessage || "Not available right now.");
      return;
    }
    if (activateCommon(element)) return;
    if (element.tagName === "DETAILS") {
      element.open = true;
      const focus = (element.dataset.focus && $(element.dataset.focus)) || $("summary", element);
      element.scrollIntoView({ block: "nearest" });
      if (focus) focus.focus();
      return;
    }
    if (element.dataset.selection && !fillFromSelection(element)) return;
    element.click();
  }

  onKeys({
    // Leaving a field (the speaker search, say) goes back to the card.
    leftField: () => focusCard(),
    // An action is under way: keep the key and play it on the card that comes back (type-ahead).
    holdKey: (event) => {
      if (inFlight.size === 0) return false;
      if (keyTarget(event.key)) {
        event.preventDefault();
        pendingKey = event.key;
      }
      return true;
    },
    onKey: (event) => {
      if (queueKeys(event)) return;
      const element = keyTarget(event.key);
      if (!element) {
        if (refuseReadOnly(event.key)) event.preventDefault();
        return;
      }
      event.preventDefault();
      activate(element);
    },
  });

  // Someone else is reviewing: the page has no action buttons, so an action key says why it does nothing.
  function refuseReadOnly(key) {
    const card = $("#review-card");
    if (!card || card.dataset.readOnly === undefined) return false;
    if (!$$("#keys-help dt kbd").some((kbd) => kbd.textContent === key)) return false;
    const message = "Read-only: " + card.dataset.readOnly + " Take over to make changes (" + key + " does nothing here).";
    announce(message);
    const notice = $("#read-only-notice");
    if (notice) {
      notice.textContent = message;
      notice.classList.remove("is-flagged");
      void notice.offsetWidth; // restart the highlight
      notice.classList.add("is-flagged");
      notice.scrollIntoView({ block: "nearest" });
    }
    return true;
  }

  // Enter in the speaker search picks the first result, in place. When the results shown are not yet those
  // of what is typed (a search under way, or not asked yet), the search runs now and the pick waits for it.
  // No result: the New speaker form opens.
  const speakerSearches = new Set(); // speaker searches under way
  let pickWhenFound = false;

  function pickSpeaker() {
    const input = $("#speaker-q");
    const shown = $("#speaker-results [data-query]");
    if (speakerSearches.size || !shown || shown.dataset.query !== input.value.trim()) {
      pickWhenFound = true;
      if (!speakerSearches.size) window.htmx.trigger(input, "search");
      return;
    }
    const first = $("#speaker-results .speaker-option");
    if (first) {
      first.click();
      return;
    }
    const create = $("#new-speaker");
    if (create) {
      announce("No speaker matches “" + input.value.trim() + "”: create one.");
      create.open = true; // its toggle handler fills in and focuses the name
    }
  }

  document.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.elt.id === "speaker-q") speakerSearches.add(event.detail.xhr);
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.elt.id === "speaker-q") speakerSearches.delete(event.detail.xhr);
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.detail.elt.id !== "speaker-results" || !pickWhenFound) return;
    pickWhenFound = false;
    pickSpeaker();
  });

  // Speaker results: Enter picks the first; arrows move between the choices and back to the search box.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.id === "speaker-q" && event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      pickSpeaker();
      return;
    }
    const options = $$("#speaker-results .speaker-option");
    if (target.id === "speaker-q" && event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      options[0].focus();
      return;
    }
    const index = options.indexOf(target);
    if (index === -1) return;
    if (event.key === "ArrowDown" && index + 1 < options.length) {
      event.preventDefault();
      options[index + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (index > 0 ? options[index - 1] : $("#speaker-q")).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      $("#speaker-q").focus();
    }
  });

  // The queue: j / k move through the articles.
  function queueKeys(event) {
    const links = $$(".queue-link");
    if (!links.length || !["j", "k"].includes(event.key)) return false;
    event.preventDefault();
    const index = links.indexOf(document.activeElement);
    const next = event.key === "j" ? Math.min(index + 1, links.length - 1) : Math.max(index - 1, 0);
    links[index === -1 ? 0 : next].focus();
    return true;
  }

  // --- selecting a statement ------------------------------------------------------------------------------

  function currentId() {
    const card = $("#review-card");
    return card ? card.dataset.statement : undefined;
  }

  // Show the card's statement as selected in the article text and in the list, and bring both into view.
  function syncSelection() {
    $$(".is-selected, .is-related").forEach((element) => element.classList.remove("is-selected", "is-related"));
    $$("#statement-list a[aria-current]").forEach((link) => link.removeAttribute("aria-current"));
    const id = currentId();
    if (!id) return;
    $$('#article-text [data-statement="' + id + '"]').forEach((mark) => mark.classList.add("is-selected"));
    $$('#article-text [data-cue-of~="' + id + '"], #article-text [data-mention-of~="' + id + '"]').forEach((span) =>
      span.classList.add("is-related"),
    );
    const item = document.getElementById("item-" + id);
    if (item) {
      item.classList.add("is-selected");
      const link = $("a", item);
      if (link) link.setAttribute("aria-current", "true");
      item.scrollIntoView({ block: "nearest" });
    }
    const mark = document.getElementById("mark-" + id);
    if (mark && !inView(mark)) mark.scrollIntoView({ block: "center" });
  }

  function inView(element) {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }

  function focusCard() {
    const title = $("#card-title");
    if (title) title.focus({ preventScroll: true });
  }

  // Clicking a highlighted statement in the article selects it (unless the click was a text selection).
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element)) return;
    const mark = event.target.closest("#article-text [data-statement]");
    if (!mark) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const id = mark.dataset.statement;
    if (id === currentId()) return; // keep the caret: it may be a split point
    const link = $("#item-" + id + " a");
    if (link) link.click();
  });

  // A new speaker starts from the mention's name (the server fills it in); when the mention has none, from
  // what was typed in the search box.
  document.addEventListener(
    "toggle",
    (event) => {
      const details = event.target;
      if (!(details instanceof HTMLDetailsElement) || details.id !== "new-speaker" || !details.open) return;
      const name = $("#new-speaker-name");
      const query = $("#speaker-q");
      if (name && query && !name.value) name.value = query.value;
      if (name) name.focus();
    },
    true,
  );

  // A refused add's message stands until the selection it was about changes.
  function clearAddError() {
    const error = $("#add-error");
    if (error && error.firstChild) error.replaceChildren();
  }
  document.addEventListener("selectionchange", () => {
    updateSelectionButtons();
    clearAddError();
  });

  // --- htmx -------------------------------------------------------------------------------------------------

  // A request holds keys back until its new content has settled: htmx wires up swapped-in forms only then,
  // and a form pressed before that would be submitted without htmx. The lock poll and the speaker search
  // do not hold keys back.
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (!event.detail.elt.closest("#lock-banner, #speaker-search")) inFlight.add(event.detail.xhr);
  });
  ["htmx:sendAbort", "htmx:sendError", "htmx:timeout"].forEach((name) =>
    document.addEventListener(name, (event) => inFlight.delete(event.detail.xhr)),
  );
  document.addEventListener("htmx:afterRequest", (event) => {
    // Responses that swap nothing never settle: let go of them shortly after.
    const xhr = event.detail.xhr;
    window.setTimeout(() => {
      if (inFlight.delete(xhr)) replayPendingKey();
    }, 250);
  });

  function replayPendingKey() {
    if (!pendingKey || inFlight.size > 0) return;
    const key = pendingKey;
    pendingKey = null;
    const element = keyTarget(key);
    if (element) activate(element);
  }
  document.addEventListener("htmx:afterSettle", (event) => {
    inFlight.delete(event.detail.xhr);
    syncSelection();
    updateSelectionButtons();
    const card = $("#review-card[data-autofocus]");
    if (card) {
      card.removeAttribute("data-autofocus");
      focusCard(); // focus moves to the next suggestion after an action
    }
    const refusal = $("#card-error .notice, #add-error .notice");
    if (refusal && !inView(refusal)) refusal.scrollIntoView({ block: "nearest" }); // a refusal is seen where it is
    replayPendingKey();
  });
  document.addEventListener("htmx:responseError", (event) => {
    pendingKey = null;
    const status = event.detail.xhr ? event.detail.xhr.status : "?";
    announce(
      status === 403
        ? "You are not allowed to do this (403)."
        : "The server could not do this (" + status + "). Reload the page and try again.",
    );
  });
  document.addEventListener("htmx:sendError", () => {
    pendingKey = null;
    announce("The server could not be reached. Check the connection and try again.");
  });

  syncSelection();
  updateSelectionButtons();
})();
