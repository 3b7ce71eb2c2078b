// Screen sharing from the widget (docs/chat-protocol.md, "Screen sharing").
// Only the customer starts it: after a warning in their language to close
// wallets and anything that shows a recovery phrase, getDisplayMedia picks
// what to share, and an RTCPeerConnection sends it to the browser of the
// agent who has the conversation, signalled over the chat socket. The
// agent only watches. A bar shows that sharing is on; one click stops it.

const $ = (id) => document.getElementById(id);
let send = () => {};
let t = (k) => k;
let info = null;      // welcome's screen_share: ice_servers, recording
let current = null;   // {id, pc, stream}
let hasConversation = () => false;

export function init(opts) {
  send = opts.send;
  t = opts.t;
  hasConversation = opts.hasConversation;
  $('screen-share').addEventListener('click', ask);
  $('screen-go').addEventListener('click', () => { $('screen-consent').hidden = true; start($('screen-record').checked); });
  $('screen-cancel').addEventListener('click', () => { $('screen-consent').hidden = true; });
  $('screen-stop').addEventListener('click', () => stop(true));
}

// configure is called on every welcome: sharing is offered when the
// server has it on.
export function configure(screen) {
  info = screen || null;
  $('screen-share').hidden = !info || !navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia;
  $('screen-record-row').hidden = !(info && info.recording);
}

function say(key) {
  const p = $('screen-note');
  p.textContent = t(key);
  p.hidden = false;
}

function ask() {
  if (current) return;
  if (!hasConversation()) { say('screen_no_agent'); return; }
  $('screen-note').hidden = true;
  $('screen-record').checked = false;
  $('screen-consent').hidden = false;
  $('screen-go').focus();
}

function newId() {
  const b = new Uint8Array(9);
  crypto.getRandomValues(b);
  return 's-' + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

async function start(record) {
  let stream;
  try {
    stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  } catch (e) {
    return; // the customer cancelled the browser's picker
  }
  const id = newId();
  const pc = new RTCPeerConnection({ iceServers: (info && info.ice_servers) || [] });
  current = { id, pc, stream, record: !!record, answered: false };
  for (const track of stream.getTracks()) {
    pc.addTrack(track, stream);
    // The browser's own "Stop sharing" button ends the track.
    track.addEventListener('ended', () => stop(true));
  }
  pc.onicecandidate = (e) => {
    if (e.candidate && e.candidate.candidate) send({ type: 'screen_ice', screen: id, candidate: e.candidate.toJSON() });
  };
  pc.onconnectionstatechange = () => {
    if (current && current.pc === pc && pc.connectionState === 'failed') { say('screen_failed'); stop(true); }
  };
  await pc.setLocalDescription(await pc.createOffer());
  send({ type: 'screen_offer', screen: id, sdp: pc.localDescription.sdp, record: !!record });
  $('screen-on').hidden = false;
  $('screen-stop').focus();
}

// stop ends the share; tell: the server is told (not when it told us).
export function stop(tell) {
  if (!current) return;
  const c = current;
  current = null;
  if (tell) send({ type: 'screen_stop', screen: c.id });
  for (const track of c.stream.getTracks()) track.stop();
  c.pc.close();
  $('screen-on').hidden = true;
  say('screen_stopped');
}

// frame handles the server's screen frames and the errors about them.
export async function frame(f) {
  if (f.type === 'error') {
    if (f.code === 'no_agent') say('screen_no_agent');
    else say('screen_failed');
    stop(false);
    return;
  }
  if (f.type === 'screen_ready') {
    // The agent's page opened after the share started: offer it again.
    if (current && !current.answered && current.pc.localDescription) {
      send({ type: 'screen_offer', screen: current.id, sdp: current.pc.localDescription.sdp, record: current.record });
    }
    return;
  }
  if (!current || f.screen !== current.id) return;
  const pc = current.pc;
  try {
    switch (f.type) {
      case 'screen_answer':
        if (current.answered) break;
        current.answered = true;
        await pc.setRemoteDescription({ type: 'answer', sdp: f.sdp });
        break;
      case 'screen_ice': if (f.candidate) await pc.addIceCandidate(f.candidate); break;
      case 'screen_stop': stop(false); break;
    }
  } catch (e) {
    // A bad answer or candidate: the share cannot go on.
    say('screen_failed');
    stop(true);
  }
}
