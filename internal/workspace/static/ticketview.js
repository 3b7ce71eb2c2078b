// The ticket view's live parts: new messages, notes and changes without
// reload (server-sent events, which reconnect by themselves and resume from
// the last message id), who else has the ticket open or is typing, browser
// notifications, macros, merge, status and assignment, keyboard shortcuts.
const view = document.getElementById('ticket-view');
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
const ticketID = Number(view?.dataset.ticket);
const agentID = Number(view?.dataset.agent);
const reply = document.getElementById('reply-body');
const internal = document.getElementById('reply-internal');
const messages = document.getElementById('messages');
let page = ''; // this page's id on the live channel, for typing signals

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function say(id, text, cls = 'muted') {
  const out = document.getElementById(id);
  if (out) out.replaceChildren(text ? el('p', { class: cls, role: cls === 'error' ? 'alert' : 'status' }, text) : '');
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.detail || `The server answered ${res.status}.`);
  return data;
}

// --- the conversation, live ---

function showMessage(m) {
  if (!messages || messages.querySelector(`li[data-id="${m.id}"]`)) return;
  // The author by name (the live channel says who), as the rendered page does.
  const who = [el('span', { class: 'author' }, m.author || m.author_kind)];
  if (m.internal) who.push(' · internal note');
  const li = el('li', { class: `msg from-${m.author_kind}${m.internal ? ' internal' : ''} arrived`, 'data-id': String(m.id) },
    el('div', { class: 'who' }, ...who, ' · ', el('time', { datetime: m.created_at }, 'just now')),
    el('div', { class: 'body', dir: 'auto' }, m.body));
  if (m.file) {
    li.append(el('a', { class: 'file-link', href: m.file.url, download: '' }, m.file.name), ' ',
      el('span', { class: 'muted small' }, `${m.file.content_type}, ${m.file.size} bytes`));
  }
  messages.append(li);
  const nearEnd = window.innerHeight + window.scrollY > li.offsetTop - 200;
  if (nearEnd && document.activeElement !== reply) li.scrollIntoView({ block: 'nearest' });
}

// The API's ticket has no labels; the live channel's snapshot has.
const statusText = (t) => t.status_label ?? document.querySelector(`#status-select option[value="${t.status}"]`)?.textContent ?? t.status;
const priorityText = (t) => t.priority_label ?? t.priority.charAt(0).toUpperCase() + t.priority.slice(1);

function showTicket(t) {
  const status = document.getElementById('ticket-status');
  if (status) {
    status.textContent = statusText(t);
    status.className = `status s-${t.status}`;
  }
  const prio = document.getElementById('ticket-priority');
  if (prio) {
    prio.textContent = priorityText(t);
    prio.className = `prio p-${t.priority}`;
  }
  const select = document.getElementById('status-select');
  if (select && document.activeElement !== select) select.value = t.status;
  const assign = document.getElementById('assign-me');
  if (assign) assign.disabled = t.assignee_id === agentID;
  if (t.merged_into && !document.getElementById('merged-banner')) {
    const a = el('a', { href: `/tickets/${t.merged_into}` }, `ticket #${t.merged_into}`);
    document.querySelector('.ticket-page h1')?.after(
      el('p', { class: 'merged-banner', id: 'merged-banner', role: 'status' }, 'Merged into ', a, '; the conversation continues there.'));
  }
}

function showPresence(all) {
  const out = document.getElementById('presence');
  if (!out) return;
  const customerTyping = all.some((v) => v.customer);
  const list = all.filter((v) => !v.customer);
  const status = document.getElementById('customer-typing');
  if (status) status.hidden = !customerTyping;
  out.hidden = list.length === 0;
  const replying = list.filter((v) => v.typing && !v.note).map((v) => v.name);
  const noting = list.filter((v) => v.typing && v.note).map((v) => v.name);
  const typing = [...replying, ...noting];
  const viewing = list.filter((v) => !v.typing).map((v) => v.name);
  const parts = [];
  if (replying.length) parts.push(`${replying.join(', ')} ${replying.length === 1 ? 'is' : 'are'} typing a reply`);
  if (noting.length) parts.push(`${noting.join(', ')} ${noting.length === 1 ? 'is' : 'are'} writing a note`);
  if (viewing.length) parts.push(`${viewing.join(', ')} ${viewing.length === 1 ? 'has' : 'have'} this ticket open`);
  out.className = typing.length ? 'presence typing' : 'presence';
  out.replaceChildren(el('strong', {}, typing.length ? 'Careful: ' : 'Also here: '), `${parts.join('; ')}.`);
}

function notify(n) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  if (!document.hidden && n.ticket_id === ticketID) return; // the agent is looking at it
  const shown = new Notification(n.title, { body: n.body, tag: `${n.kind}-${n.ticket_id}` });
  shown.onclick = () => {
    window.focus();
    if (n.ticket_id !== ticketID) location.href = n.url;
  };
}

function live() {
  if (!view || !window.EventSource) return;
  const state = document.getElementById('live-state');
  const src = new EventSource(`/live/tickets/${ticketID}?after=${view.dataset.after || 0}`);
  const on = (name, fn) => src.addEventListener(name, (e) => fn(JSON.parse(e.data)));
  on('hello', (h) => {
    page = h.page;
    state.textContent = 'Live';
    state.className = 'live-state on';
  });
  on('message', showMessage);
  on('ticket', showTicket);
  on('presence', showPresence);
  on('notify', notify);
  on('reload', (r) => {
    say('toolbar-result', '', '');
    const out = document.getElementById('toolbar-result');
    out.append(el('p', { class: 'pending', role: 'status' }, `${r.reason} `, el('a', { href: location.pathname }, 'Reload to see it.')));
  });
  on('gone', (g) => {
    src.close();
    state.textContent = g.reason;
    state.className = 'live-state off';
  });
  src.onerror = () => {
    const closed = src.readyState === EventSource.CLOSED;
    state.textContent = closed ? 'Live updates stopped: reload the page' : 'Reconnecting…';
    state.className = 'live-state off';
  };
}

// --- typing ---

let lastTyping = 0;
reply?.addEventListener('input', () => {
  const now = Date.now();
  if (!page || now - lastTyping < 3000) return;
  lastTyping = now;
  api('POST', `/api/v1/tickets/${ticketID}/typing`, { page, note: Boolean(internal?.checked) }).catch(() => {});
});

// --- macros ---

const macroSelect = document.getElementById('macro-select');
async function applyMacro() {
  const id = macroSelect?.value;
  if (!id) {
    macroSelect?.focus();
    return;
  }
  // {{diagnosis}}: the explanation of the transaction check on this page.
  const verdict = document.querySelector('#check-tx-result .verdict');
  const diagnosis = verdict ? [...verdict.querySelectorAll('.explanation, .next')].map((p) => p.textContent).join('\n\n') : '';
  try {
    const a = await api('POST', `/api/v1/macros/${id}/apply`, { ticket_id: ticketID, diagnosis });
    reply.value = reply.value.trim() ? `${reply.value.trimEnd()}\n\n${a.body}` : a.body;
    // Sent with the reply, so the macro and its language are recorded
    // on the message (QA reads whether it was the customer's language).
    reply.form.append(el('input', { type: 'hidden', name: 'macro_id', value: id }));
    reply.focus();
    const missing = a.missing.map((m) => `{{${m}}}`).join(', ');
    say('macro-result', missing ? `Fill in ${missing} before sending${a.missing.includes('diagnosis') ? ' (or run Check transaction first)' : ''}.` : '', 'pending');
  } catch (err) {
    say('macro-result', err.message, 'error');
  }
}
document.getElementById('macro-apply')?.addEventListener('click', applyMacro);
macroSelect?.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    applyMacro();
  }
});

// --- status, assignment, merge ---

const statusSelect = document.getElementById('status-select');
statusSelect?.addEventListener('change', async () => {
  try {
    const t = await api('PATCH', `/api/v1/tickets/${ticketID}`, { status: statusSelect.value });
    showTicket(t);
    say('toolbar-result', `Status: ${statusSelect.selectedOptions[0]?.textContent ?? t.status}.`, 'ok');
  } catch (err) {
    say('toolbar-result', err.message, 'error');
  }
});

async function assignToMe() {
  try {
    const t = await api('PATCH', `/api/v1/tickets/${ticketID}`, { assignee_id: agentID });
    showTicket(t);
    say('toolbar-result', 'Assigned to you.', 'ok');
  } catch (err) {
    say('toolbar-result', err.message, 'error');
  }
}
document.getElementById('assign-me')?.addEventListener('click', assignToMe);

const mergeForm = document.getElementById('merge-form');
mergeForm?.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const data = new FormData(mergeForm);
  const source = Number(String(data.get('source_id')).replace(/^#/, ''));
  try {
    const m = await api('POST', `/api/v1/tickets/${ticketID}/merge`, { source_id: source, reason: String(data.get('reason')).trim() });
    say('merge-result', `Ticket #${m.source_id} merged: ${m.moved} messages moved here.`, 'ok');
    if (!reply?.value.trim()) location.reload();
  } catch (err) {
    say('merge-result', err.message, 'error');
  }
});

// --- notification settings ---

const notifyForm = document.getElementById('notify-form');
notifyForm?.addEventListener('change', async () => {
  const f = new FormData(notifyForm);
  try {
    await api('PUT', '/api/v1/me/notifications', { assignments: f.has('assignments'), mentions: f.has('mentions'), replies: f.has('replies') });
    say('notify-result', 'Saved.', 'ok');
  } catch (err) {
    say('notify-result', err.message, 'error');
  }
});
const allow = document.getElementById('notify-permission');
if (allow && 'Notification' in window && Notification.permission === 'default') {
  allow.hidden = false;
  allow.addEventListener('click', async () => {
    const p = await Notification.requestPermission();
    allow.hidden = p !== 'default';
    say('notify-result', p === 'granted' ? 'Notifications allowed.' : 'This browser blocks notifications from Groundcrew.', p === 'granted' ? 'ok' : 'pending');
  });
}

// --- keyboard shortcuts ---

const help = document.getElementById('shortcuts');
document.getElementById('shortcuts-open')?.addEventListener('click', () => help?.showModal());

function typingInField(e) {
  const t = e.target;
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target === reply) {
    e.preventDefault();
    reply.form.requestSubmit();
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey || typingInField(e) || help?.open) return;
  const keys = {
    r: () => { if (internal) internal.checked = false; reply?.focus(); },
    n: () => { if (internal) { internal.checked = true; reply?.focus(); } },
    m: () => macroSelect?.focus(),
    a: () => { const b = document.getElementById('assign-me'); if (b && !b.disabled) assignToMe(); },
    s: () => statusSelect?.focus(),
    j: () => { if (view?.dataset.next) location.href = `/tickets/${view.dataset.next}`; },
    '?': () => help?.showModal(),
  };
  const fn = keys[e.key];
  if (fn) {
    e.preventDefault();
    fn();
  }
});

live();
