// The supervisor view, live: /supervisor/live pushes a snapshot (queues,
// agents, SLA risk) after each change; this redraws the queue board's
// numbers and agents and the agents' availability and load. Every text
// from the server goes in through textContent.
const root = document.getElementById("supervisor");
const state = document.getElementById("super-live");

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function human(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return `${m}m`;
}

function chip(a) {
  const c = el("span", "agent-chip" + (a.resting_until ? " resting" : ""), a.name + " ");
  c.title = a.skills;
  c.append(el("span", "muted", `${a.open_chats}/${a.max_chats} chats · ${a.open_tickets}/${a.max_tickets}`));
  if (a.resting_until) c.append(" ", el("span", "muted", "breathing"));
  return c;
}

function drawQueue(q) {
  const row = document.querySelector(`#queue-board tr[data-queue="${q.id}"]`);
  if (!row) return false;
  row.classList.toggle("unstaffed", q.unstaffed > 0);
  const waiting = row.querySelector('[data-k="waiting"]');
  waiting.replaceChildren(String(q.waiting));
  if (q.unstaffed) waiting.append(" ", el("span", "status s-urgent", `${q.unstaffed} unstaffed`));
  const oldest = row.querySelector('[data-k="oldest"]');
  if (q.oldest_waiting_at) {
    const s = el("span", "", human(q.oldest_wait_seconds));
    s.dataset.since = String(Date.parse(q.oldest_waiting_at));
    oldest.replaceChildren(s);
  } else oldest.replaceChildren("—");
  const risk = row.querySelector('[data-k="risk"]');
  risk.replaceChildren();
  if (q.sla_breached) risk.append(el("span", "status s-urgent", `${q.sla_breached} breached`), " ");
  if (q.sla_at_risk) risk.append(el("span", "status s-high", `${q.sla_at_risk} due within 30 min`));
  if (!q.sla_breached && !q.sla_at_risk) risk.append("—");
  const agents = row.querySelector('[data-k="agents"]');
  agents.replaceChildren();
  for (const a of q.agents_online) agents.append(chip(a), " ");
  if (!q.agents_online.length) agents.append(el("span", "muted", "nobody online"));
  return true;
}

function drawAgent(a) {
  const row = document.querySelector(`#agent-board tr[data-agent="${a.agent_id}"]`);
  if (!row) return;
  const av = row.querySelector('[data-k="availability"]');
  av.replaceChildren(el("span", `av av-${a.availability}`, a.availability));
  if (a.resting_until) av.append(" ", el("span", "muted small", "breathing until " + new Date(a.resting_until).toISOString().slice(11, 16)));
  row.querySelector('[data-k="load"]').textContent = `${a.open_chats}/${a.max_chats} chats · ${a.open_tickets}/${a.max_tickets} tickets`;
  row.querySelector('[data-k="skills"]').textContent = a.skills;
}

// Set once a form of this page posts: the answer shows the change, and a
// reload for the snapshot that the post itself caused would abort it.
let posting = false;
document.addEventListener("submit", () => { posting = true; });

function draw(snap) {
  let known = true;
  for (const q of snap.queues) known = drawQueue(q) && known;
  for (const a of snap.agents) drawAgent(a);
  const surge = document.getElementById("surge-state");
  const shown = surge && surge.classList.contains("on");
  if (!known || shown !== snap.surge) {
    // A queue was added or surge switched elsewhere: the forms change too.
    if (!posting) location.reload();
    return;
  }
  const at = document.getElementById("super-at");
  if (at) {
    at.dateTime = snap.at;
    at.textContent = new Date(snap.at).toISOString().slice(11, 19) + " UTC";
  }
  root.dataset.updated = snap.at;
}

if (root && window.EventSource) {
  const es = new EventSource(root.dataset.live);
  es.addEventListener("snapshot", (e) => {
    try { draw(JSON.parse(e.data)); } catch (err) { console.error(err); }
    state.classList.remove("error");
  });
  es.onerror = () => { state.classList.add("error"); };
  // Ages move between snapshots.
  setInterval(() => {
    for (const s of document.querySelectorAll("#queue-board [data-since]")) {
      s.textContent = human((Date.now() - Number(s.dataset.since)) / 1000);
    }
  }, 15000);
}
