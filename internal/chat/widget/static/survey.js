// The satisfaction survey once a conversation is solved: the server sends
// a survey frame (CSAT 1–5, and NPS 0–10 when it is due) with the words in
// the customer's language and a signed token; the answer goes to
// POST /api/v1/surveys/{token} on this origin, which checks the token and
// takes one answer per survey. Everything is shown with textContent.

// show adds a card for each survey of frame f to the log (append adds a
// list item), replacing cards the frame repeats.
export function show(log, f, append) {
  for (const sv of f.surveys || []) {
    if (!sv || typeof sv.token !== 'string' || !/^[0-9]+\.[A-Za-z0-9_-]+$/.test(sv.token)) continue;
    log.querySelector(`li.survey[data-kind="${sv.kind === 'nps' ? 'nps' : 'csat'}"]`)?.remove();
    append(card(sv, f.conversation));
  }
}

// clear removes the cards: the conversation was reopened.
export function clear(log) {
  for (const li of log.querySelectorAll('li.survey')) li.remove();
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function card(sv, conversation) {
  const li = el('li', 'msg system survey');
  li.dataset.kind = sv.kind === 'nps' ? 'nps' : 'csat';
  li.dataset.conversation = String(conversation || '');
  const box = el('div', 'bubble');
  box.append(el('p', 'survey-q', String(sv.question || '')));
  const scale = el('div', 'survey-scale');
  scale.setAttribute('role', 'radiogroup');
  scale.setAttribute('aria-label', String(sv.question || ''));
  let picked = null;
  const lo = Math.max(0, +sv.min || 0), hi = Math.min(10, +sv.max || 5);
  for (let i = lo; i <= hi; i++) {
    const b = el('button', 'survey-score', String(i));
    b.type = 'button';
    b.dataset.score = String(i);
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', () => {
      picked = i;
      for (const o of scale.children) o.setAttribute('aria-pressed', String(o === b));
      send.disabled = false;
    });
    scale.append(b);
  }
  const ends = el('div', 'survey-ends');
  ends.append(el('span', '', String(sv.low || '')), el('span', '', String(sv.high || '')));
  const comment = el('textarea', 'survey-comment');
  comment.rows = 2;
  comment.maxLength = 2000;
  comment.placeholder = String(sv.comment || '');
  comment.setAttribute('aria-label', String(sv.comment || ''));
  const send = el('button', 'survey-send', String(sv.send || 'Send'));
  send.type = 'button';
  send.disabled = true;
  const note = el('p', 'survey-note');
  note.hidden = true;
  send.addEventListener('click', async () => {
    if (picked === null) return;
    send.disabled = true;
    try {
      const res = await fetch('/api/v1/surveys/' + encodeURIComponent(sv.token), {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
        body: JSON.stringify({ score: picked, comment: comment.value }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.detail || String(res.status));
      box.replaceChildren(el('p', 'survey-thanks', String(body.thanks || sv.thanks || '')));
    } catch (e) {
      note.textContent = String(e.message || e);
      note.hidden = false;
      send.disabled = false;
    }
  });
  box.append(scale, ends, comment, send, note);
  li.append(box);
  return li;
}
