// A message's list item in the chat frame: built from a message frame,
// with the guard's warning, and the receipt under the customer's own. No
// state: the frame passes what each needs. Everything is text.

import { timeOf, safeURL, item } from './frame_util.js';
import { recoveryButton } from './recovery.js';

// build is message frame m's item; verifyPath checks an agent when the
// frame has no link of its own; helpURL is where the help center starts.
export function build(m, t, lang, verifyPath, helpURL) {
  let li;
  switch (m.author) {
    case 'customer': li = item('mine', null, m.text); break;
    case 'agent': {
      const a = m.agent || {};
      li = item('agent', a.name || t('agent'), m.text);
      const link = document.createElement('a');
      link.className = 'check';
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.href = safeURL(a.verify_url) || new URL(verifyPath, location.href).href;
      link.dataset.t = 'check_agent';
      link.textContent = t('check_agent');
      li.querySelector('.meta').append(link);
      if (!a.name) li.querySelector('.author').dataset.t = 'agent';
      break;
    }
    case 'bot':
      li = item('bot', t('bot'), m.text);
      li.querySelector('.author').dataset.t = 'bot';
      articleLinks(li.querySelector('.bubble'), helpURL);
      recoveryButton(li, m.text, t);
      break;
    default: li = item('system', null, m.text);
  }
  const when = timeOf(m.at, lang);
  if (when) {
    const time = document.createElement('time');
    time.dateTime = m.at;
    time.textContent = when;
    if (li.querySelector('.meta')) li.querySelector('.meta').append(time);
    else li.dataset.time = when;
  }
  return li;
}

export function warn(li, t) {
  if (li.querySelector('.warn')) return;
  li.classList.add('redacted');
  const w = document.createElement('div');
  w.className = 'warn';
  w.setAttribute('role', 'alert');
  w.dataset.t = 'redacted';
  w.textContent = t('redacted');
  li.append(w);
}

// relabel writes a message's translatable parts in the current language,
// and the customer's receipt: sending, sent, read (up to agentRead), or
// failed with a button that calls retry with the text.
export function relabel(li, t, agentRead, retry) {
  for (const el of li.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  if (!li.classList.contains('mine')) return;
  let r = li.querySelector('.receipt');
  if (!r) {
    r = document.createElement('div');
    r.className = 'receipt';
    li.append(r);
  }
  r.replaceChildren();
  r.classList.remove('read');
  const label = document.createElement('span');
  if (li.classList.contains('failed')) {
    label.textContent = t('failed');
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'link';
    again.textContent = t('retry');
    again.addEventListener('click', () => { const text = li.dataset.retry; li.remove(); retry(text); });
    r.append(label, again);
    return;
  }
  const seq = +li.dataset.seq;
  if (!seq) label.textContent = t('sending');
  else if (seq <= agentRead) { label.textContent = t('read'); r.classList.add('read'); } else label.textContent = t('sent');
  r.append(label);
  if (li.dataset.time) {
    const time = document.createElement('span');
    time.textContent = li.dataset.time;
    r.prepend(time);
  }
}

// articlePath is what follows the help center's address in an article's:
// LANG/articles/SLUG.
const articlePath = /^[a-z]{2}(-[A-Za-z]{2,4})?\/articles\/[a-z0-9-]+$/;

// articleLinks makes the help center's own article addresses in a bot
// answer ("Read more: …") links that open in a new tab. Any other address
// (another site, another page of ours, one with a query or a login part)
// stays text; only the bot's answers get here, never what people type.
export function articleLinks(bubble, helpURL) {
  if (!helpURL) return;
  const parts = bubble.textContent.split(/(https?:\/\/[^\s]+)/);
  if (parts.length === 1) return;
  bubble.replaceChildren(...parts.map((part, i) => {
    const u = i % 2 === 1 && articleURL(part, helpURL);
    if (!u) return document.createTextNode(part);
    const a = document.createElement('a');
    a.className = 'article';
    a.href = u;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = part;
    return a;
  }));
}

// articleURL is s when it is an article under helpURL, or null.
function articleURL(s, helpURL) {
  let u;
  try { u = new URL(s); } catch (e) { return null; }
  if (u.username || u.password || u.search || u.hash || !u.href.startsWith(helpURL)) return null;
  return articlePath.test(u.href.slice(helpURL.length)) ? u.href : null;
}
