// The header's availability switch and "Next ticket", and chat offers:
// /live/routing pushes the agent's state ("me" events) whenever it changes;
// an offer shows with Accept and Decline and a countdown, and moves on to
// the next agent by itself when the time runs out. While this stream is
// open (on the inbox and ticket pages) the agent counts as present.
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
const select = document.getElementById('availability');
const form = document.getElementById('availability-form');
const offers = document.getElementById('offers');
const alerts = document.createElement('div');
alerts.id = 'routing-alerts';
offers?.after(alerts);
const labels = { online: 'online', away: 'away', break: 'on break', offline: 'offline' };

if (form) {
  form.querySelector('input[name="back"]').value = location.pathname + location.search;
  select.addEventListener('change', () => form.requestSubmit());
}

let timers = [];
function clearTimers() {
  timers.forEach(clearInterval);
  timers = [];
}

function button(text, path, cls) {
  const f = document.createElement('form');
  f.method = 'post';
  f.action = path;
  const t = document.createElement('input');
  t.type = 'hidden';
  t.name = 'csrf_token';
  t.value = csrf;
  const back = document.createElement('input');
  back.type = 'hidden';
  back.name = 'back';
  back.value = location.pathname;
  const b = document.createElement('button');
  b.type = 'submit';
  b.textContent = text;
  if (cls) b.className = cls;
  f.append(t, back, b);
  return f;
}

function render(me) {
  if (select && labels[me.availability]) {
    select.value = me.availability;
    select.className = 'availability ' + me.availability;
    select.title = `You are ${labels[me.availability]}: ${me.open_chats}/${me.max_chats} chats, ${me.open_tickets}/${me.max_tickets} tickets`;
  }
  clearTimers();
  offers.replaceChildren();
  for (const o of me.offers ?? []) {
    const box = document.createElement('div');
    box.className = 'offer card';
    box.dataset.ticket = o.ticket_id;
    const h = document.createElement('strong');
    h.textContent = `Chat offered: #${o.ticket_id} ${o.subject}`;
    const q = document.createElement('span');
    q.className = 'muted small';
    q.textContent = o.queue;
    const left = document.createElement('span');
    left.className = 'countdown';
    const tick = () => {
      const s = Math.max(0, Math.round((o.expires_at - Date.now()) / 1000));
      left.textContent = `${s} s to accept`;
      if (s === 0) box.remove();
    };
    tick();
    timers.push(setInterval(tick, 1000));
    const actions = document.createElement('div');
    actions.className = 'buttons';
    actions.append(button('Accept', `/offers/${o.ticket_id}/accept`), button('Decline', `/offers/${o.ticket_id}/decline`, 'secondary'));
    box.append(h, q, left, actions);
    offers.append(box);
  }
}

// The work pages (inbox and ticket, data-live) hold the stream and so
// count the agent present; the others show the state once, without a
// connection that the server would wait for when it stops.
if (offers && !offers.dataset.live) {
  fetch('/api/v1/me/routing', { headers: { Accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : null))
    .then((me) => me && render(me))
    .catch(() => {});
} else if (offers) {
  const es = new EventSource('/live/routing');
  es.addEventListener('me', (e) => render(JSON.parse(e.data)));
  // Supervisors: a ticket waits in a queue no online agent can take.
  es.addEventListener('alert', (e) => {
    const a = JSON.parse(e.data);
    const box = document.createElement('div');
    box.className = 'routing-alert card';
    box.setAttribute('role', 'alert');
    const link = document.createElement('a');
    link.href = `/tickets/${Number(a.ticket_id)}`;
    link.textContent = a.message;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'link';
    close.textContent = 'Dismiss';
    close.addEventListener('click', () => box.remove());
    box.append(link, ' ', close);
    alerts.prepend(box);
  });
}
