// The ticket page's customer panel: the customer's verification level,
// kept live; "Request step-up", the account actions and "Reveal", through
// the API. The panel itself is rendered by the server: when the level
// changes, it is fetched again from the page, so there is one template.
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

const panel = () => document.getElementById('customer-panel');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

async function api(method, path, body) {
  const headers = { 'X-CSRF-Token': csrf };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let data = {};
  try { data = await res.json(); } catch (err) { /* an empty or non-JSON body */ }
  return { ok: res.ok, status: res.status, data };
}

function say(id, ok, text) {
  document.getElementById(id)?.replaceChildren(el('p', { class: ok ? 'ok' : 'error', role: ok ? 'status' : 'alert' }, text));
}

// refresh replaces the panel with the one the server renders now.
async function refresh() {
  const res = await fetch(location.pathname, { headers: { Accept: 'text/html' } });
  if (!res.ok) return;
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const fresh = doc.getElementById('customer-panel');
  if (fresh && panel()) panel().replaceWith(document.importNode(fresh, true));
  showUntil();
}

// showUntil counts down the minutes an L2 has left.
function showUntil() {
  const u = document.getElementById('level-until');
  if (!u?.dataset.until) return;
  const until = new Date(u.dataset.until);
  const left = Math.max(0, Math.ceil((until - Date.now()) / 60000));
  u.textContent = `Until ${until.toISOString().slice(11, 16)} UTC (${left} min left)`;
}

async function poll() {
  const p = panel();
  if (!p || document.hidden) return;
  try {
    const { ok, data } = await api('GET', `/api/v1/tickets/${p.dataset.ticket}/verification`);
    if (!ok) return;
    const pendingShown = Boolean(document.getElementById('step-up-pending'));
    if (data.label !== p.dataset.level || Boolean(data.step_up) !== pendingShown) await refresh();
    else showUntil();
  } catch (err) {
    // Offline for a moment: the next poll tries again.
  }
}

document.addEventListener('click', async (ev) => {
  const t = ev.target instanceof Element ? ev.target.closest('button') : null;
  const p = panel();
  if (!t || !p || !p.contains(t)) return;
  if (t.id === 'step-up-button') {
    t.disabled = true;
    const { ok, data } = await api('POST', `/api/v1/tickets/${p.dataset.ticket}/step-up`);
    if (ok) {
      await refresh();
      say('step-up-result', true, 'Step-up requested. Ask the customer to confirm on the step-up page.');
    } else {
      t.disabled = false;
      say('step-up-result', false, data.detail || 'The step-up could not be requested.');
    }
    return;
  }
  if (t.dataset.action) {
    t.disabled = true;
    const { ok, data } = await api('POST', `/api/v1/tickets/${p.dataset.ticket}/actions/${t.dataset.action}`);
    t.disabled = false;
    if (ok) say('action-result', true, `The exchange: ${data.message}${data.replayed ? ' (already asked on this ticket)' : ''}`);
    else say('action-result', false, data.detail || 'The action failed.');
  }
});

document.addEventListener('submit', async (ev) => {
  const form = ev.target;
  if (!(form instanceof HTMLFormElement) || form.id !== 'reveal-form') return;
  ev.preventDefault();
  const p = panel();
  const { ok, data } = await api('POST', `/api/v1/tickets/${p.dataset.ticket}/reveal`, { reason: new FormData(form).get('reason').trim() });
  if (!ok) {
    say('reveal-result', false, data.detail || 'The data could not be revealed.');
    return;
  }
  const fill = (key, value) => {
    const dd = p.querySelector(`[data-pii="${key}"]`);
    if (dd) {
      dd.textContent = value || '—';
      dd.classList.add('pii-revealed');
    }
  };
  fill('name', data.customer.name);
  fill('email', data.customer.email);
  if (data.account) {
    fill('account-name', data.account.name);
    fill('account-email', data.account.email);
  }
  form.reset();
  say('reveal-result', true, 'Revealed for this page view. The reveal and your reason are in the audit log.');
});

showUntil();
setInterval(poll, 5000);
document.addEventListener('visibilitychange', poll);
