// The ticket page's one-click collapse of abusive customer text: the
// messages marked abusive by the server fold to one line each; a second
// click (or a click on a folded message) shows them again.
const bar = document.getElementById("collapse-abuse");
const list = document.getElementById("messages");
if (bar && list) {
  const set = (collapsed) => {
    list.classList.toggle("abuse-collapsed", collapsed);
    bar.setAttribute("aria-pressed", String(collapsed));
    bar.textContent = collapsed ? "Show abusive text" : "Collapse abusive text";
  };
  bar.addEventListener("click", () => set(!list.classList.contains("abuse-collapsed")));
  list.addEventListener("click", (e) => {
    const li = e.target.closest("li.msg.abusive");
    if (li && list.classList.contains("abuse-collapsed")) li.classList.toggle("shown");
  });
}
