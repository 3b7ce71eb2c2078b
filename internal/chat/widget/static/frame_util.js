// Small helpers of the chat frame that hold no state.

export function store(kind, key, value) {
  try {
    const s = kind === 'local' ? localStorage : sessionStorage;
    if (value === undefined) return s.getItem(key);
    if (value === null) s.removeItem(key); else s.setItem(key, String(value));
  } catch (e) { /* storage is off in this browser: the widget still works for this page */ }
  return null;
}

export function randomId() {
  const b = new Uint8Array(6);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// claims are the identity token's claims, read unverified (the server
// verifies): a JWT's are its second part, the older two-part token's its
// first. {} when the token cannot be read.
function claims(token) {
  try {
    const parts = token.split('.');
    const part = parts[parts.length === 2 ? 0 : 1].replace(/-/g, '+').replace(/_/g, '/');
    const c = JSON.parse(atob(part));
    return c && typeof c === 'object' ? c : {};
  } catch (e) {
    return {};
  }
}

// subject is the token's sub claim, only to keep each customer's
// conversation apart in storage.
export function subject(token) {
  return String(claims(token).sub || 'anon');
}

// tokenTimes are the token's iat and exp claims in milliseconds (0 when
// absent), only to know when to ask for the next.
export function tokenTimes(token) {
  const c = claims(token);
  return { iat: (+c.iat || 0) * 1000, exp: (+c.exp || 0) * 1000 };
}

export function timeOf(at, lang) {
  const d = new Date(at);
  if (isNaN(d)) return '';
  try { return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(d); } catch (e) { return ''; }
}

// safeURL keeps only http(s) links: a server bug must not become a javascript: link.
export function safeURL(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

// item is a message's list item: author line (unless author is null) and
// bubble, all text.
export function item(kind, author, text) {
  const li = document.createElement('li');
  li.className = 'msg ' + kind + (kind === 'mine' || kind === 'error' || kind === 'system' ? '' : ' theirs');
  if (author !== null) {
    const meta = document.createElement('div');
    meta.className = 'meta';
    const a = document.createElement('span');
    a.className = 'author';
    a.textContent = author;
    meta.append(a);
    li.append(meta);
  }
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  // A message in another script than the widget's (an English bot answer
  // in an Arabic widget) keeps its own direction and punctuation.
  bubble.dir = 'auto';
  bubble.textContent = text;
  li.append(bubble);
  return li;
}

// queueLines is what a queue frame tells the customer, in lang: their place
// and expected wait, and the promised reply time; unknown parts left out.
export function queueLines(f, t, lang) {
  const lines = [];
  let wait = '';
  if (f.wait_seconds > 0) {
    const m = Math.max(1, Math.round(f.wait_seconds / 60));
    try { wait = new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(m); } catch (e) { wait = m + ' min'; }
  }
  if (f.position > 0) lines.push(t(wait ? 'queue_both' : 'queue_position', { n: f.position, wait }));
  else if (wait) lines.push(t('queue_wait', { wait }));
  const by = new Date(f.promised_by);
  if (f.promised_by && !isNaN(by)) {
    const today = by.toDateString() === new Date().toDateString();
    const opts = today ? { hour: 'numeric', minute: '2-digit' } : { weekday: 'short', hour: 'numeric', minute: '2-digit' };
    try { lines.push(t('queue_promise', { time: new Intl.DateTimeFormat(lang, opts).format(by) })); } catch (e) { /* no promise shown */ }
  }
  return lines;
}
