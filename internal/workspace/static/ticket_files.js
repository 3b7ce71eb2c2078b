// Attach a file to the ticket: the form posts it to the API with the
// session's CSRF token (a multipart form cannot carry the token field the
// server reads), then the page reloads to list it.
const form = document.getElementById("upload-form");
if (form) {
  const error = document.getElementById("upload-error");
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    const id = form.dataset.ticket;
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const res = await fetch(`/api/v1/tickets/${encodeURIComponent(id)}/attachments`, {
        method: "POST", headers: { "X-CSRF-Token": csrf }, body: new FormData(form), credentials: "same-origin",
      });
      if (res.ok) {
        location.assign(`/tickets/${encodeURIComponent(id)}?done=attached#work`);
        return;
      }
      let detail = `The file was not attached (${res.status}).`;
      try { detail = (await res.json()).detail || detail; } catch { /* not JSON */ }
      error.textContent = detail;
      error.hidden = false;
    } catch (e) {
      error.textContent = "The file was not attached: the server could not be reached.";
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
}
