// The chat widget inside its iframe: one WebSocket to Groundcrew speaking
// docs/chat-protocol.md, and postMessage to the embedding page (widget.js)
// and to nothing else. Everything people type is shown with textContent.

import { store, randomId, subject, tokenTimes, item, queueLines } from './frame_util.js';
import { build as buildItem, warn as warnItem, relabel as relabelItem } from './messages.js';
import { sendFile } from './upload.js';
import { loadDetails, detailValues, firstMissing, markField } from './prechat.js';
import * as screen from './screen.js';
import * as callback from './callback.js';
import * as survey from './survey.js';

const $ = (id) => document.getElementById(id);
const chat = $('chat');
const log = $('log');
const input = $('input');
const hostOrigin = chat.dataset.origin;
let T = JSON.parse($('strings').textContent);
let lang = document.documentElement.lang;

const S = {
  token: null,
  resume: store('local', 'gc.resume'),
  conversation: null,
  lastSeq: 0,          // highest seq shown
  agentRead: 0,        // highest seq an agent has read
  level: 'L0',
  name: '',
  ws: null,
  welcomed: false,
  helloToken: null,    // the token the current socket's hello carried
  refreshTimer: 0,     // asks the page for the next token before this one expires
  connectedAt: 0,
  lastHeard: 0,
  heartbeat: 25,
  backoff: 500,
  retryTimer: 0,
  pingTimer: 0,
  typingTimer: 0,
  typingSentAt: 0,
  attempts: 0,
  open: false,
  unread: 0,
  readSent: 0,
  replayed: 0,
  more: false,
  started: false,
  queue: null,         // the last queue frame
};
const shown = new Map();   // seq → <li>
const pending = new Map(); // client id → {text, li}
const session = randomId();
let counter = 0;

function t(key, vars) {
  let s = T[key] || key;
  for (const k in vars || {}) s = s.split('{' + k + '}').join(vars[k]);
  return s;
}

// --- language -------------------------------------------------------------

function applyStrings() {
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll('[data-t-label]')) {
    el.setAttribute('aria-label', t(el.dataset.tLabel));
    if (el.title) el.title = t(el.dataset.tLabel);
  }
  input.placeholder = t('placeholder');
  input.setAttribute('aria-label', t('placeholder'));
  document.title = t('title');
  for (const li of log.querySelectorAll('li.msg')) relabel(li);
  showWho();
  showConn();
  showQueue();
}

async function setLanguage(l, chosen) {
  const opt = $('lang').querySelector(`option[value="${CSS.escape(l)}"]`);
  if (!opt) l = 'en';
  if (l === lang && !chosen) return;
  if (chosen) store('session', 'gc.lang', l);
  try {
    const res = await fetch('/chat/v1/strings/' + encodeURIComponent(l));
    if (!res.ok) throw new Error(res.status);
    T = await res.json();
  } catch (e) {
    return; // keep the current language rather than show keys
  }
  lang = l;
  document.documentElement.lang = l;
  document.documentElement.dir = $('lang').querySelector(`option[value="${CSS.escape(l)}"]`).dataset.dir;
  $('lang').value = l;
  applyStrings();
  refreshBanner(l);
  toHost({ type: 'lang', lang: l });
  // The toolbar's buttons come from the server in the socket's language:
  // a new hello in the new language resumes the conversation and sends
  // them again (nothing is lost or doubled on a resume).
  if (S.ws) reconnect(0);
}

// refreshBanner redraws the open incident's banner in language l. The
// server draws it into the frame, so the frame in l carries it (or none,
// when the incident has closed since); html/template escaped it there.
async function refreshBanner(l) {
  const q = new URLSearchParams(location.search);
  q.set('lang', l);
  let fresh;
  try {
    const res = await fetch(location.pathname + '?' + q, { credentials: 'same-origin' });
    if (!res.ok) return;
    fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('incident-banner');
  } catch (e) {
    return; // the banner stays in the old language rather than go
  }
  if (l !== lang) return; // another switch came after this one
  const old = $('incident-banner');
  if (fresh) fresh = document.adoptNode(fresh);
  if (old && fresh) old.replaceWith(fresh);
  else if (old) old.remove();
  else if (fresh) document.querySelector('header').after(fresh);
}

// --- the embedding page ---------------------------------------------------

function toHost(msg) {
  if (window.parent !== window) window.parent.postMessage(Object.assign({ gc: 1 }, msg), hostOrigin);
}

window.addEventListener('message', (e) => {
  if (e.source !== window.parent || e.origin !== hostOrigin) return;
  const m = e.data;
  if (!m || m.gc !== 1 || typeof m.type !== 'string') return;
  switch (m.type) {
    case 'init':
      S.token = typeof m.token === 'string' && m.token ? m.token : null;
      planRefresh();
      S.open = !!m.open;
      if (!store('session', 'gc.lang') && typeof m.lang === 'string') setLanguage(m.lang);
      start();
      break;
    case 'identify': identify(typeof m.token === 'string' && m.token ? m.token : null); break;
    case 'lang': store('session', 'gc.lang', null); setLanguage(String(m.lang)); break;
    case 'visible':
      S.open = !!m.open;
      if (S.open) { S.unread = 0; markRead(); input.focus(); pin(); follow(); }
      break;
  }
});

function convKey() { return 'gc.conv.' + chat.dataset.install + '.' + (S.token ? subject(S.token) : 'anon'); }

function identify(token) {
  const was = S.token;
  S.token = token;
  planRefresh();
  // The same customer's next token (a refresh): this socket is signed in
  // already; the next hello carries it.
  if (token && was && subject(token) === subject(was) && S.level === 'L1') return;
  if (!token) {
    // Signed out on the exchange: the conversation is the customer's, not this browser's.
    if (was) { forgetConversation(); reconnect(0); }
    return;
  }
  // Not yet welcomed (a resume under way, after a language switch say):
  // welcome() sends it once the socket is back, unless the hello already
  // carried it.
  if (S.ws && S.ws.readyState === WebSocket.OPEN && S.welcomed) send({ type: 'identify', token });
}

// planRefresh asks the page for the next identity token a little before
// the current one expires (a minute, or a third of its life if shorter), so
// that a reconnect after that still signs in. It asks at most every 5 s: a
// page that hands out a token about to expire is not asked in a loop.
function planRefresh() {
  clearTimeout(S.refreshTimer);
  if (!S.token) return;
  const { iat, exp } = tokenTimes(S.token);
  if (!exp) return;
  const life = iat ? exp - iat : 600000;
  const wait = exp - Math.min(60000, life / 3) - Date.now();
  S.refreshTimer = setTimeout(() => toHost({ type: 'token' }), Math.max(wait, 5000));
}

// --- the socket -----------------------------------------------------------

function start() {
  if (S.started) return;
  S.started = true;
  S.conversation = +store('local', convKey()) || null;
  connect();
}

function connect() {
  clearTimeout(S.retryTimer);
  S.welcomed = false;
  S.attempts++;
  showConn();
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + chat.dataset.ws;
  let ws;
  try {
    ws = new WebSocket(url, 'groundcrew.chat.v1');
  } catch (e) {
    reconnect();
    return;
  }
  S.ws = ws;
  ws.onopen = () => {
    S.lastHeard = Date.now();
    const hello = { type: 'hello', v: 1, lang, last_seq: S.lastSeq };
    if (S.resume) hello.resume = S.resume;
    if (S.token) hello.token = S.token;
    S.helloToken = S.token;
    if (S.conversation) hello.conversation = S.conversation;
    send(hello);
  };
  ws.onmessage = (e) => {
    if (ws !== S.ws) return;
    S.lastHeard = Date.now();
    let f;
    try { f = JSON.parse(e.data); } catch (err) { return; }
    if (f && typeof f.type === 'string') handle(f);
  };
  ws.onclose = () => {
    if (ws !== S.ws) return;
    S.ws = null;
    S.welcomed = false;
    clearInterval(S.pingTimer);
    hideTyping();
    screen.stop(false); // the server ended it with the socket
    reconnect();
  };
}

function send(f) {
  if (S.ws && S.ws.readyState === WebSocket.OPEN) S.ws.send(JSON.stringify(f));
}

// reconnect tries again after the back-off (0.5 s doubling to 30 s, with
// jitter), or after delay when given.
function reconnect(delay) {
  clearTimeout(S.retryTimer);
  if (S.ws) { const ws = S.ws; S.ws = null; ws.close(); }
  if (S.connectedAt && Date.now() - S.connectedAt > 60000) S.backoff = 500;
  S.connectedAt = 0;
  const wait = delay !== undefined ? delay : S.backoff * (0.75 + Math.random() / 2);
  S.backoff = Math.min(S.backoff * 2, 30000);
  S.retryTimer = setTimeout(connect, wait);
  showConn();
}

function heartbeat() {
  clearInterval(S.pingTimer);
  S.pingTimer = setInterval(() => {
    if (Date.now() - S.lastHeard > 2 * S.heartbeat * 1000) { reconnect(0); return; }
    send({ type: 'ping', id: String(Date.now()) });
  }, S.heartbeat * 1000);
}

function handle(f) {
  switch (f.type) {
    case 'welcome': welcome(f); break;
    case 'synced':
      S.more = S.more || S.replayed >= 200;
      showMore();
      for (const [id, p] of pending) send({ type: 'send', id, text: p.text, fields: p.fields, area: p.area, flow: p.flow, choice: p.choice });
      markRead();
      break;
    case 'message': addMessage(f, !f.replay); break;
    case 'ack': ack(f); break;
    case 'conversation':
      if (S.conversation && f.conversation !== S.conversation) divider();
      setConversation(f.conversation);
      break;
    case 'typing': f.on ? showTyping(f.name) : hideTyping(); break;
    case 'read':
      S.agentRead = Math.max(S.agentRead, +f.seq || 0);
      for (const li of log.querySelectorAll('li.mine')) relabel(li);
      break;
    case 'history':
      for (const m of f.messages || []) addMessage(m, false);
      S.more = !!f.more;
      showMore();
      break;
    case 'edit': edit(f); break;
    case 'queue': S.queue = f; showQueue(); break;
    case 'toolbar': showToolbar(f.flows || []); break;
    case 'alert': if (S.level === 'L1') showAlert(f.alert); break;
    case 'flow': if (!S.conversation || f.conversation === S.conversation) showChoices(f.choices || []); break;
    case 'screen_answer': case 'screen_ice': case 'screen_stop': case 'screen_ready': screen.frame(f); break;
    case 'callback_ok': callback.frame(f); break;
    case 'survey': if (!S.conversation || f.conversation === S.conversation) survey.show(log, f, appendLi); break;
    case 'status': if (f.status !== 'solved' && f.status !== 'closed') survey.clear(log); break;
    case 'error':
      if (typeof f.ref === 'string' && f.ref.startsWith('screen_')) { screen.frame(f); break; }
      if (f.ref === 'callback_request') { callback.frame(f); break; }
      error(f);
      break;
  }
}

function welcome(f) {
  S.welcomed = true;
  S.connectedAt = Date.now();
  S.attempts = 0;
  S.replayed = 0;
  if (f.resume) { S.resume = f.resume; store('local', 'gc.resume', f.resume); }
  S.level = f.level || 'L0';
  const c = f.customer || {};
  S.name = S.level === 'L1' ? c.name || '' : '';
  const phrase = S.level === 'L1' ? String(c.phrase || '').trim() : '';
  $('phrase-value').textContent = phrase;
  $('phrase').hidden = !phrase;
  showAlert(S.level === 'L1' ? c.alert : null);
  if (f.conversation && S.conversation && f.conversation !== S.conversation) clearLog();
  if (f.conversation) setConversation(f.conversation);
  S.agentRead = Math.max(S.agentRead, +f.agent_read_seq || 0);
  if (f.heartbeat > 0) S.heartbeat = f.heartbeat;
  screen.configure(f.screen_share);
  callback.configure(f.callback);
  heartbeat();
  showWho();
  showConn();
  // identify() called while this socket said hello: its token is answered now.
  if (S.token && S.token !== S.helloToken) send({ type: 'identify', token: S.token });
}

// showAlert shows a security alert about the customer's account (risk
// events) with its "This wasn't me" button, which opens the disable page.
function showAlert(a) {
  const box = $('risk-alert');
  const href = a && String(a.href || '');
  // Our own page: absolute http(s), or a path on this server (not //host).
  if (!a || !/^(https?:\/\/|\/(?!\/))/.test(href)) { box.hidden = true; return; }
  $('risk-alert-title').textContent = String(a.title || '');
  $('risk-alert-text').textContent = String(a.text || '');
  const b = $('risk-alert-button');
  b.textContent = String(a.button || '');
  b.href = href;
  box.hidden = false;
}

function setConversation(id) {
  S.conversation = id;
  store('local', convKey(), id);
  $('details').hidden = true;
}

function forgetConversation() {
  store('local', convKey(), null);
  S.conversation = null;
  loadDetails(lang, t, () => Boolean(S.conversation));
  clearLog();
}

function clearLog() {
  for (const li of [...log.querySelectorAll('li.msg, li.divider')]) if (!li.classList.contains('pending')) li.remove();
  shown.clear();
  S.lastSeq = 0;
  S.agentRead = 0;
  S.readSent = 0;
  showEmpty();
}

const errorText = {
  rate_limited: 'error_rate', unauthorised: 'error_auth', token_expired: 'error_auth', token_replayed: 'error_auth', token_too_long: 'error_auth', too_large: 'error_too_long',
};

function error(f) {
  const p = f.ref && pending.get(f.ref);
  if (f.code === 'rate_limited' && p) {
    setTimeout(() => pending.has(f.ref) && send({ type: 'send', id: f.ref, text: p.text }), Math.max(+f.retry_after_ms || 1000, 250));
    return;
  }
  if (f.code === 'unavailable' && p) {
    setTimeout(() => pending.has(f.ref) && send({ type: 'send', id: f.ref, text: p.text }), 1000);
    return;
  }
  if (f.code === 'invalid_field' && p) {
    // Nothing was stored: the message goes back to the composer until the
    // field is right, and the field says what is wrong.
    pending.delete(f.ref);
    p.li.remove();
    if (!input.value.trim()) input.value = p.text;
    markField(f.field, t);
    return;
  }
  if (f.code === 'conversation_not_yours') {
    forgetConversation();
    reconnect(0);
    return;
  }
  if (errorText[f.code] === 'error_auth') { // a token refused
    // Carry on anonymously; the page can identify() again, and one that
    // hands out tokens is asked for a fresh one now.
    if (S.token) toHost({ type: 'token' });
    S.token = null;
  }
  if (p) {
    p.failed = true;
    pending.delete(f.ref);
    p.li.classList.remove('pending');
    p.li.classList.add('failed');
    p.li.dataset.retry = p.text;
    relabel(p.li);
  }
  const text = errorText[f.code] ? t(errorText[f.code]) : t('error', { message: f.message || f.code });
  appendLi(item('error', null, text));
}

// --- messages -------------------------------------------------------------

const build = (m) => buildItem(m, t, lang, chat.dataset.verify, chat.dataset.help);
const warn = (li) => warnItem(li, t);
// relabel writes a message's translatable parts in the current language.
const relabel = (li) => relabelItem(li, t, S.agentRead, submit);

// addMessage shows a message once, in seq order.
function addMessage(m, live) {
  const seq = +m.seq;
  if (!seq || (m.conversation && S.conversation && m.conversation !== S.conversation)) return;
  if (!live) S.replayed++;
  if (shown.has(seq)) return;
  let li;
  const p = m.id && pending.get(m.id);
  if (p) {
    li = p.li;
    pending.delete(m.id);
    li.classList.remove('pending');
    li.querySelector('.bubble').textContent = m.text;
  } else {
    li = build(m);
  }
  li.dataset.seq = seq;
  li.dataset.author = m.author;
  if (m.author === 'customer') {
    if (m.id) li.dataset.cid = m.id;
    if (String(m.text).includes('[redacted')) warn(li);
    relabel(li);
  }
  // The guard's stored warning after a redacted message says what the
  // inline warning already says, in the conversation's language.
  if (m.author === 'system' && previous(seq)?.classList.contains('redacted')) li.hidden = true;
  insert(li, seq);
  shown.set(seq, li);
  S.lastSeq = Math.max(S.lastSeq, seq);
  if (m.author === 'agent' || m.author === 'bot') {
    hideTyping();
    if (live && !S.open) { S.unread++; toHost({ type: 'unread', count: S.unread }); }
  }
  if (live && !pinned && m.author !== 'customer') $('new-messages').hidden = false;
  markRead();
}

function previous(seq) {
  let best = null, bestSeq = 0;
  for (const [s, li] of shown) if (s < seq && s > bestSeq) { best = li; bestSeq = s; }
  return best;
}

// pinned: the customer is at the end of the log (or within about a bubble
// of it), so the log follows new messages. Only the customer's own move up
// unpins: a scroll event that fires after a bubble grew (a wrapped line, a
// receipt, an image, the history's button) reads as "far from the end"
// without anyone having moved.
const slack = 96;
let pinned = true;
let lastTop = 0;
log.addEventListener('scroll', () => {
  if (log.scrollHeight - log.scrollTop - log.clientHeight <= slack) pin();
  else if (log.scrollTop < lastTop) pinned = false;
  lastTop = log.scrollTop;
});
function pin() { pinned = true; $('new-messages').hidden = true; }
function follow() {
  if (!pinned) return;
  log.scrollTop = log.scrollHeight;
  lastTop = log.scrollTop;
}
// The log follows whatever grows it: its own size, and each item's (an
// item grows after it is inserted when its receipt or a wrapped line is
// laid out).
const sizes = new ResizeObserver(follow);
sizes.observe(log);
new MutationObserver((changes) => {
  for (const c of changes) {
    for (const n of c.addedNodes) if (n.nodeType === 1) sizes.observe(n);
    for (const n of c.removedNodes) if (n.nodeType === 1) sizes.unobserve(n);
  }
  follow();
}).observe(log, { childList: true });
$('new-messages').addEventListener('click', () => { pin(); follow(); });

function insert(li, seq) {
  let before = null;
  for (const el of log.querySelectorAll('li.msg')) {
    const s = +el.dataset.seq;
    if ((s && s > seq) || (!s && el.classList.contains('pending'))) { before = el; break; }
  }
  if (li.parentNode !== log || li.nextSibling !== before) log.insertBefore(li, before);
  showEmpty();
  follow();
}

function appendLi(li) {
  log.append(li);
  showEmpty();
  pin();
  follow();
}

function divider() {
  const li = document.createElement('li');
  li.className = 'divider';
  li.textContent = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date());
  appendLi(li);
}

function ack(f) {
  const p = pending.get(f.id);
  if (!p) return;
  pending.delete(f.id);
  const li = p.li;
  if (f.conversation) setConversation(f.conversation);
  if (shown.has(f.seq)) { // already shown, from the replay: this was a resend
    li.remove();
    return;
  }
  li.classList.remove('pending');
  li.dataset.seq = f.seq;
  li.dataset.author = 'customer';
  if (typeof f.text === 'string') li.querySelector('.bubble').textContent = f.text;
  if (f.redacted === true || (Array.isArray(f.redacted) && f.redacted.length)) warn(li);
  shown.set(f.seq, li);
  S.lastSeq = Math.max(S.lastSeq, f.seq);
  insert(li, f.seq);
  relabel(li);
}

// edit shows an earlier message's new text: the guard cut a secret out of
// it when a later message completed it.
function edit(f) {
  const li = shown.get(+f.seq);
  if (!li || (f.conversation && f.conversation !== S.conversation) || typeof f.text !== 'string') return;
  li.querySelector('.bubble').textContent = f.text;
  if (li.dataset.author === 'customer' && f.redacted) warn(li);
  follow();
}

// showQueue says where a waiting conversation stands (a queue frame).
function showQueue() {
  const box = $('queue');
  const f = S.queue;
  const lines = f && f.conversation === S.conversation ? queueLines(f, t, lang) : [];
  box.replaceChildren(...lines.map((l) => { const p = document.createElement('span'); p.textContent = l; return p; }));
  box.hidden = lines.length === 0;
}

// attach sends the chosen file; the message naming it arrives over the socket.
async function attach(file) {
  const li = item('mine', null, t('uploading', { name: file.name }));
  li.classList.add('pending', 'upload');
  appendLi(li);
  const why = await sendFile(file, { conversation: S.conversation, resume: S.resume, token: S.token });
  li.remove();
  if (why) appendLi(item('error', null, t(why)));
}

function showEmpty() { $('empty').hidden = !!log.querySelector('li.msg, li.divider'); }

function showMore() {
  let b = $('more');
  if (!S.more || !shown.size) { if (b) b.remove(); return; }
  if (b) return;
  const li = document.createElement('li');
  li.className = 'divider';
  b = document.createElement('button');
  b.type = 'button';
  b.id = 'more';
  b.className = 'link';
  b.dataset.t = 'history';
  b.textContent = t('history');
  b.addEventListener('click', () => send({ type: 'history', before: Math.min(...shown.keys()), limit: 50 }));
  li.append(b);
  log.prepend(li);
}

function markRead() {
  if (!S.open || document.visibilityState !== 'visible' || !S.welcomed) return;
  let top = 0;
  for (const [seq, li] of shown) if (li.dataset.author !== 'customer' && seq > top) top = seq;
  if (top > S.readSent) { S.readSent = top; send({ type: 'read', seq: top }); }
}
document.addEventListener('visibilitychange', markRead);

// --- typing, status, identity --------------------------------------------

function showTyping(name) {
  $('typing-text').textContent = name ? t('typing', { name }) : t('typing_someone');
  $('typing').hidden = false;
  follow();
  clearTimeout(S.typingTimer);
  S.typingTimer = setTimeout(hideTyping, 6000);
}
function hideTyping() { $('typing').hidden = true; clearTimeout(S.typingTimer); }

function showConn() {
  const up = S.ws && S.welcomed;
  $('dot').className = 'dot ' + (up ? 'on' : 'off');
  const conn = $('conn');
  if (up || !S.started) { conn.hidden = true; return; }
  conn.hidden = false;
  $('conn-text').textContent = S.attempts > 1 || S.lastSeq ? t('reconnecting') : t('connecting');
  $('reconnect').hidden = S.attempts <= 1;
}

function showWho() {
  const who = $('who');
  if (!S.welcomed && !S.name) { who.hidden = true; return; }
  who.hidden = false;
  who.classList.toggle('anon', S.level !== 'L1');
  who.textContent = S.level === 'L1' ? (S.name ? t('signed_in', { name: S.name }) : '') : t('anonymous');
  if (!who.textContent) who.hidden = true;
}

// --- composing ------------------------------------------------------------

// submit sends text; button is {flow} or {choice} when a toolbar or
// choice button sent its label.
function submit(text, button) {
  text = String(text || '').trim();
  if (!text) return;
  const { flow, choice } = button || {};
  if (new TextEncoder().encode(text).length > 8000) {
    appendLi(item('error', null, t('error_too_long')));
    return;
  }
  const missing = S.conversation || button ? '' : firstMissing();
  if (missing) {
    // The chosen topic needs this field: ask before sending.
    markField(missing, t);
    return false;
  }
  const id = session + '-' + (++counter);
  const li = item('mine', null, text);
  li.classList.add('pending');
  li.dataset.cid = id;
  const { fields, area } = S.conversation ? {} : detailValues();
  pending.set(id, { text, li, fields, area, flow, choice });
  appendLi(li);
  relabel(li);
  if (S.welcomed) send({ type: 'send', id, text, fields, area, flow, choice });
  typing(false);
  return true;
}

// --- the bot's toolbar and choices ------------------------------------------

function buttons(el, items, attr, onClick) {
  el.replaceChildren();
  for (const it of items) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset[attr] = String(it.id);
    b.textContent = String(it.label);
    b.addEventListener('click', () => onClick(it));
    el.append(b);
  }
  el.hidden = items.length === 0;
}

function showToolbar(flows) {
  buttons($('toolbar'), flows, 'flow', (it) => { showChoices([]); submit(it.label, { flow: String(it.id) }); });
}

function showChoices(choices) {
  buttons($('choices'), choices, 'choice', (it) => { showChoices([]); submit(it.label, { choice: String(it.id) }); });
}

function typing(on) {
  if (!S.welcomed || !S.conversation) return;
  const now = Date.now();
  if (on && now - S.typingSentAt < 3000) return;
  if (!on && !S.typingSentAt) return;
  S.typingSentAt = on ? now : 0;
  send({ type: 'typing', on });
}

function grow() {
  input.style.height = '';
  if (input.value && input.scrollHeight > input.clientHeight) input.style.height = Math.min(input.scrollHeight + 2, 140) + 'px';
}

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  if (submit(input.value) === false) return;
  input.value = '';
  grow();
  input.focus();
  // Some input methods deliver the Enter's newline after the submit.
  setTimeout(() => { if (!input.value.trim()) { input.value = ''; grow(); } }, 0);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    $('composer').requestSubmit();
  }
});
input.addEventListener('input', () => { grow(); typing(input.value.trim() !== ''); });
$('attach').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', (e) => {
  const file = e.target.files[0];
  e.target.value = '';
  if (file) attach(file);
});
$('close').addEventListener('click', () => toHost({ type: 'close' }));
$('lang').addEventListener('change', (e) => setLanguage(e.target.value, true));
$('reconnect').addEventListener('click', () => { S.backoff = 500; reconnect(0); });
window.addEventListener('online', () => { if (!S.welcomed) reconnect(0); });

// Ask the page for the identity token; a page that never answers (the
// frame opened on its own) gets an anonymous chat after a moment.
const chosen = store('session', 'gc.lang');
if (chosen && chosen !== lang) setLanguage(chosen);
toHost({ type: 'ready' });
setTimeout(start, window.parent === window ? 0 : 3000);

loadDetails(lang, t, () => Boolean(S.conversation));
screen.init({ send, t, hasConversation: () => Boolean(S.conversation) });
callback.init({ send, t, lang: () => lang });
