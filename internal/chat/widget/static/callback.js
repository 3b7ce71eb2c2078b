// Callback requests from the widget (docs/chat-protocol.md, "Callbacks").
// Shown only when welcome offers callbacks (phone support configured): a
// small form with the number (a signed-in customer's known one, masked,
// is offered instead of typing it), one of the windows welcome lists, in
// the customer's own time, and the language of the call. It is sent as a
// callback_request frame; callback_ok confirms it, and an error frame
// whose ref is callback_request says what to fix (nothing was booked).

const $ = (id) => document.getElementById(id);
let send = () => {};
let t = (k) => k;
let lang = () => 'en';
let info = null;   // welcome's callback: {slots, number}
let waiting = '';  // the client id of the request in flight
let counter = 0;

export function init(opts) {
  send = opts.send;
  t = opts.t;
  lang = opts.lang;
  $('callback-open').addEventListener('click', open);
  $('callback-cancel').addEventListener('click', close);
  $('callback-known').addEventListener('change', showNumber);
  $('callback-form').addEventListener('submit', (e) => { e.preventDefault(); submit(); });
}

// configure is called on every welcome.
export function configure(callback) {
  info = callback && Array.isArray(callback.slots) && callback.slots.length ? callback : null;
  $('callback-open').hidden = !info;
  if (!info) close();
}

function open() {
  if (!info) return;
  $('callback-done').hidden = true;
  $('callback-error').hidden = true;
  $('callback-send').disabled = false;
  const known = $('callback-known-row');
  known.hidden = !info.number;
  $('callback-known').checked = Boolean(info.number);
  $('callback-known-text').textContent = t('callback_known', { number: info.number || '' });
  showNumber();
  fillWindows();
  fillLanguages();
  $('callback-form').hidden = false;
  (info.number ? $('callback-window') : $('callback-number')).focus();
}

function close() {
  $('callback-form').hidden = true;
  waiting = '';
}

function showNumber() {
  $('callback-number-row').hidden = Boolean(info && info.number) && $('callback-known').checked;
}

// fillWindows lists the offered windows in the customer's time zone and
// language, the ones already begun left out.
function fillWindows() {
  const sel = $('callback-window');
  sel.textContent = '';
  const day = new Intl.DateTimeFormat(lang(), { weekday: 'short', day: 'numeric', month: 'short' });
  const hour = new Intl.DateTimeFormat(lang(), { hour: '2-digit', minute: '2-digit' });
  const now = Date.now();
  for (const s of info.slots) {
    const from = new Date(s.start), to = new Date(s.end);
    if (isNaN(from) || isNaN(to) || to.getTime() <= now) continue;
    const o = document.createElement('option');
    o.value = s.start + ' ' + s.end;
    o.textContent = day.format(from) + ', ' + hour.format(from) + '–' + hour.format(to);
    sel.appendChild(o);
  }
}

// fillLanguages copies the widget's language switcher, the current one chosen.
function fillLanguages() {
  const sel = $('callback-lang');
  sel.textContent = '';
  for (const o of $('lang').options) sel.appendChild(new Option(o.textContent, o.value));
  sel.value = lang();
}

function submit() {
  const known = Boolean(info.number) && $('callback-known').checked;
  const number = known ? '' : $('callback-number').value.trim();
  if (!known && !number) { fail('callback_bad_number'); return; }
  const [start, end] = ($('callback-window').value || ' ').split(' ');
  if (!start) { fail('callback_bad_window'); return; }
  waiting = 'cb-' + Date.now().toString(36) + '-' + (++counter);
  $('callback-send').disabled = true;
  $('callback-error').hidden = true;
  const f = { type: 'callback_request', id: waiting, window_start: start, window_end: end, lang: $('callback-lang').value };
  if (known) f.use_known = true; else f.number = number;
  send(f);
}

function fail(key) {
  const p = $('callback-error');
  p.textContent = t(key);
  p.hidden = false;
  $('callback-send').disabled = false;
}

// frame takes callback_ok and the error frames about callback requests.
export function frame(f) {
  if (f.type === 'callback_ok') {
    if (f.id && f.id !== waiting) return;
    close();
    const p = $('callback-done');
    p.textContent = f.text || '';
    p.hidden = !f.text;
    return;
  }
  if (!waiting) return;
  if (f.code === 'rate_limited') fail('callback_limited');
  else if (f.field === 'number') fail('callback_bad_number');
  else if (f.field === 'window_start' || f.field === 'window_end') fail('callback_bad_window');
  else fail('callback_failed');
}
