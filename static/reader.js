// Reader pages. htmx does the searching; this only keeps the addresses it pushes short:
// a filter form marked data-drop-empty sends no empty fields, so "?q=bridge" instead of "?q=bridge&outlet=&kind=…".
document.addEventListener("htmx:configRequest", (event) => {
  const form = event.detail.elt.closest("form[data-drop-empty]");
  if (!form) return;
  for (const [name, value] of [...event.detail.formData.entries()]) {
    if (value === "") event.detail.formData.delete(name);
  }
});
