// The ticket page's "Check transaction" tool: asks the deposit diagnosis API
// about a TxID and lets the agent put the explanation into the reply.
const box = document.getElementById('check-tx');
const form = document.getElementById('check-tx-form');
const out = document.getElementById('check-tx-result');
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function render(d) {
  out.replaceChildren();
  const card = el('div', { class: 'verdict v-' + d.severity, 'data-verdict': d.verdict });
  card.append(el('h3', {}, d.title));
  card.append(el('p', { class: 'explanation' }, d.explanation));
  if (d.next_step?.text) card.append(el('p', { class: 'next' }, el('strong', {}, 'Next step: '), d.next_step.text));
  if (d.evidence?.length) {
    const ul = el('ul');
    for (const e of d.evidence) ul.append(el('li', {}, `${e.label}: ${e.value}`));
    card.append(ul);
  }
  const insert = el('button', { type: 'button', class: 'secondary' }, 'Insert into reply');
  insert.addEventListener('click', () => {
    const reply = document.getElementById('reply-body');
    const text = d.explanation + (d.next_step?.text ? '\n\n' + d.next_step.text : '');
    reply.value = reply.value ? reply.value + '\n\n' + text : text;
    reply.focus();
  });
  card.append(insert);
  out.append(card);
}

form?.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const data = new FormData(form);
  const body = { txid: data.get('txid').trim(), language: box.dataset.language, ticket_id: Number(box.dataset.ticket) };
  const address = data.get('address').trim();
  if (address) body.address = address;
  if (box.dataset.user) body.user_id = box.dataset.user;
  out.replaceChildren(el('p', { class: 'muted' }, 'Checking the chain…'));
  try {
    const res = await fetch('/api/v1/deposits/diagnose', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body),
    });
    const d = await res.json();
    if (!res.ok) {
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, d.detail || 'The check failed.'));
      return;
    }
    render(d);
  } catch (err) {
    out.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'The check could not reach the server.'));
  }
});
