// The encryption admin page: while the server re-seals message bodies after
// a key rotation, ask for the progress every second and show it.
const box = document.getElementById('encryption');
const $ = (id) => document.getElementById(id);

// when shows an RFC 3339 time as the server renders it: 2006-01-02 15:04:05 UTC.
function when(s) {
  return s ? s.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC') : '—';
}

function show(s) {
  const pct = s.rows_total ? Math.floor((100 * s.rows_sealed_with_active_key) / s.rows_total) : 100;
  $('enc-progress').value = pct;
  $('enc-progress').textContent = pct + '%';
  $('enc-percent').textContent = pct + '%';
  $('enc-key').textContent = s.active_key;
  $('enc-total').textContent = s.rows_total;
  $('enc-sealed').textContent = s.rows_sealed_with_active_key;
  $('enc-started').textContent = when(s.started_at);
  $('enc-finished').textContent = when(s.finished_at);
  $('enc-state').textContent = s.running ? 'Re-sealing…' : 'Done: every message is sealed with the active key.';
  $('enc-unreadable-n').textContent = s.rows_unreadable;
  $('enc-unreadable').hidden = !s.rows_unreadable;
  box.dataset.running = String(s.running);
}

async function poll() {
  const problem = $('enc-error');
  try {
    const res = await fetch(box.dataset.api, { headers: { Accept: 'application/json' } });
    const body = await res.json();
    if (!res.ok) {
      problem.textContent = body.detail || 'The progress could not be read.';
      problem.hidden = false;
    } else {
      problem.hidden = true;
      show(body);
      if (!body.running) return; // done: nothing more will change until a restart
    }
  } catch (err) {
    problem.textContent = 'The server cannot be reached; trying again.';
    problem.hidden = false;
  }
  setTimeout(poll, 1000);
}

if (box && box.dataset.running === 'true') setTimeout(poll, 1000);
