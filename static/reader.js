// Reader pages. htmx does the searching; this only keeps the addresses it pushes short:
// a filter form marked data-drop-empty sends no empty fields, so "?q=bridge" instead of "?q=bridge&outlet=&kind=…".
document.addEventListener("htmx:configRequest", (event) => {
  const form = event.detail.elt.closest("form[data-drop-empty]");
  if (!form) return;
  for (const [name, value] of [...event.detail.formData.entries()]) {
    if (value === "") event.detail.formData.delete(name);
  }
});

// The speaker control on the statements page: suggestions come (htmx) as the reader types in #id_who; a
// suggestion is picked with the mouse, or with ↓ ↑ and Enter (Enter in the field picks the first one shown
// for what is typed); Escape goes back to the field. Picking sets the hidden slug (namesakes stay apart) and
// searches. Typing another name drops the slug: the server then finds the speaker by what is typed.
(function () {
  "use strict";

  document.documentElement.classList.add("js");
  const $ = (selector) => document.querySelector(selector);
  const options = () => Array.from(document.querySelectorAll("#who-suggestions .who-option"));

  function pick(option) {
    const field = $("#id_who");
    const form = field.form;
    let slug = form.querySelector('input[type=hidden][name="speaker"]');
    if (!slug) {
      slug = document.createElement("input");
      slug.type = "hidden";
      slug.name = "speaker";
      field.after(slug);
    }
    slug.value = option.dataset.slug;
    field.value = option.dataset.name;
    $("#who-suggestions").replaceChildren();
    field.focus();
    window.htmx.trigger(form, "submit");
  }

  document.addEventListener("click", (event) => {
    const option = event.target instanceof Element ? event.target.closest("#who-suggestions .who-option") : null;
    if (option) pick(option);
  });

  document.addEventListener("input", (event) => {
    if (!(event.target instanceof HTMLInputElement) || event.target.id !== "id_who") return;
    const slug = event.target.form.querySelector('input[type=hidden][name="speaker"]');
    if (slug) slug.value = ""; // another name: the server finds it by what is typed
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    const all = options();
    if (target.id === "id_who") {
      const shown = $("#who-suggestions [data-for]");
      const current = shown && shown.dataset.for === target.value.trim().split(/\s+/).join(" ");
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[0].focus();
      } else if (event.key === "Enter" && current && all.length) {
        event.preventDefault();
        pick(all[0]);
      } else if (event.key === "Escape") {
        event.preventDefault(); // leave what was typed: Escape only closes the suggestions
        $("#who-suggestions").replaceChildren();
      }
      return;
    }
    const index = all.indexOf(target);
    if (index === -1) return;
    if (event.key === "ArrowDown" && index + 1 < all.length) {
      event.preventDefault();
      all[index + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (index > 0 ? all[index - 1] : $("#id_who")).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      $("#id_who").focus();
      $("#who-suggestions").replaceChildren();
    }
  });
})();
