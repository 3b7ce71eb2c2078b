// The inbox's live counts: the server pushes the agent's view and status
// counts (event "counts") whenever tickets change; the list itself stays
// as loaded, with a link to show the latest when the counts moved.
const inbox = document.getElementById('inbox');
const fresh = document.getElementById('inbox-fresh');
let seen = null;

function apply(counts) {
  const values = { all: counts.all, mine: counts.mine, unassigned: counts.unassigned, teams: counts.teams,
    waiting: counts.waiting, mentions: counts.mentions, snoozed: counts.snoozed };
  for (const [status, n] of Object.entries(counts.status ?? {})) values['status-' + status] = n;
  for (const el of inbox.querySelectorAll('[data-count]')) {
    const n = values[el.dataset.count] ?? 0;
    if (el.textContent !== String(n)) {
      el.textContent = String(n);
      el.classList.add('bumped');
      setTimeout(() => el.classList.remove('bumped'), 1200);
    }
  }
  const key = JSON.stringify(values);
  if (seen !== null && key !== seen) fresh.hidden = false;
  seen = key;
}

if (inbox?.dataset.live && 'EventSource' in window) {
  const source = new EventSource(inbox.dataset.live);
  source.addEventListener('counts', (e) => apply(JSON.parse(e.data)));
  inbox.dataset.liveState = 'connecting';
  source.addEventListener('open', () => { inbox.dataset.liveState = 'open'; });
  source.addEventListener('error', () => { inbox.dataset.liveState = 'reconnecting'; });
}
