// The demo exchange's switches apply on change; the button is for browsers without script.
for (const id of ['as', 'page-lang']) {
  const el = document.getElementById(id);
  if (el) el.addEventListener('change', () => el.form.submit());
}
