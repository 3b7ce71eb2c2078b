// The pre-chat details: the product area the customer picks and the ticket
// form's widget fields, sent with the first message of a conversation so
// that the agent need not ask for them. A field becomes required when the
// chosen area requires it (GET /chat/v1/form says where); the server checks
// again and refuses a value with an invalid_field error naming the field.

const $ = (id) => document.getElementById(id);
let form = { areas: [], fields: [] };

// loadDetails fetches the form in lang and shows it, unless the customer is
// in a conversation already (hasConversation). t translates a string key.
export async function loadDetails(lang, t, hasConversation) {
  if (hasConversation()) return;
  try {
    const res = await fetch(`/chat/v1/form?lang=${encodeURIComponent(lang)}`, { credentials: 'omit' });
    if (!res.ok) return;
    form = await res.json();
  } catch { return; /* the form is optional */ }
  const box = $('details-fields');
  box.replaceChildren(...(form.areas?.length ? [areaField(t)] : []), ...form.fields.map(detailField));
  markRequired(t);
  $('details').hidden = box.children.length === 0 || hasConversation();
}

function areaField(t) {
  const label = document.createElement('label');
  label.className = 'detail';
  const name = document.createElement('span');
  name.dataset.t = 'area';
  name.textContent = t('area');
  const select = document.createElement('select');
  select.name = 'area';
  select.id = 'area';
  const none = new Option(t('area_choose'), '');
  none.dataset.t = 'area_choose';
  select.append(none, ...form.areas.map((a) => {
    const o = new Option(t('area_' + a), a);
    o.dataset.t = 'area_' + a;
    return o;
  }));
  select.addEventListener('change', () => markRequired(t));
  label.append(name, select, note());
  return label;
}

function detailField(f) {
  const label = document.createElement('label');
  label.className = 'detail';
  const name = document.createElement('span');
  name.textContent = f.label;
  let input;
  if (f.kind === 'select') {
    input = document.createElement('select');
    input.append(new Option('', ''), ...f.options.map((o) => new Option(o, o)));
  } else {
    input = document.createElement('input');
    input.maxLength = 500;
    input.dir = 'auto';
  }
  input.name = f.key;
  const mark = document.createElement('small');
  mark.className = 'req';
  mark.dataset.t = 'required';
  mark.hidden = true;
  name.append(' ', mark);
  label.append(name, input, note());
  return label;
}

function note() {
  const n = document.createElement('small');
  n.className = 'detail-error';
  n.hidden = true;
  return n;
}

// markRequired marks the fields the chosen area requires.
function markRequired(t) {
  const area = $('area')?.value || '';
  for (const f of form.fields) {
    const el = $('details-fields').querySelector(`[name="${CSS.escape(f.key)}"]`);
    if (!el) continue;
    const req = Boolean(area) && (f.required_in || []).some((a) => a === '*' || a === area);
    el.required = req;
    const mark = el.parentElement.querySelector('.req');
    mark.hidden = !req;
    mark.textContent = t('required');
  }
  if (area && !$('details').open) $('details').open = true;
}

// detailValues is what the first send carries: {fields, area}, each
// undefined when empty.
export function detailValues() {
  const out = {};
  let area;
  for (const el of $('details-fields').querySelectorAll('input, select')) {
    const v = el.value.trim();
    if (el.name === 'area') area = v || undefined;
    else if (v) out[el.name] = v;
  }
  return { fields: Object.keys(out).length ? out : undefined, area };
}

// firstMissing is the first field the chosen area requires and the
// customer left empty, so the widget asks before sending.
export function firstMissing() {
  for (const el of $('details-fields').querySelectorAll('input, select')) {
    if (el.required && !el.value.trim()) return el.name;
  }
  return '';
}

// markField shows the customer which field the server refused.
export function markField(key, t) {
  const el = $('details-fields').querySelector(`[name="${CSS.escape(key || '')}"]`);
  if (!el) return false;
  $('details').open = true;
  el.setAttribute('aria-invalid', 'true');
  const n = el.parentElement.querySelector('.detail-error');
  // The server's reason is in English; the widget speaks the page's language.
  n.textContent = t('invalid_field');
  n.hidden = false;
  el.focus();
  el.addEventListener('input', () => { el.removeAttribute('aria-invalid'); n.hidden = true; }, { once: true });
  el.addEventListener('change', () => { el.removeAttribute('aria-invalid'); n.hidden = true; }, { once: true });
  return true;
}
