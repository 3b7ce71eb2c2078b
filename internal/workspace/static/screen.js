// The agent's view of a screen the customer shares from the chat widget
// (docs/chat-protocol.md, "Screen sharing"). The page opens a WebSocket to
// /live/tickets/{id}/screen; the customer's browser offers, this page
// answers with a receive-only RTCPeerConnection and shows the video. It
// cannot offer (the server refuses an agent's offer) and sends nothing
// back but signalling: no control of the customer's machine. Recording is
// offered only when the customer agreed and the installation allows it.

const view = document.getElementById('ticket-view');
const box = document.getElementById('screen-view');
const $ = (id) => document.getElementById(id);

if (view && box) {
  const ticket = view.dataset.ticket;
  let ws = null;
  let share = null;   // {id, pc, pending: [candidates], recorder}
  let backoff = 1000;

  const text = (s) => { $('screen-text').textContent = s; };
  const idle = 'Only the customer can start it, from the chat widget, once the conversation is assigned to you. You can only watch.';

  function send(f) { if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(f)); }

  function end(message) {
    if (share) {
      if (share.recorder && share.recorder.state !== 'inactive') share.recorder.stop();
      share.pc.close();
    }
    share = null;
    $('screen-video').srcObject = null;
    $('screen-live').hidden = true;
    box.classList.remove('on');
    text(message || idle);
  }

  async function offer(f) {
    // The widget offers a waiting share again when this page opens; the
    // first offer may arrive too. The same offer twice is one share.
    if (share && share.id === f.screen && share.sdp === f.sdp) return;
    if (share) end();
    const pc = new RTCPeerConnection({ iceServers: f.ice_servers || [] });
    share = { id: f.screen, sdp: f.sdp, pc, pending: [], record: !!f.record };
    const s = share;
    pc.ontrack = (e) => {
      $('screen-video').srcObject = e.streams[0] || new MediaStream([e.track]);
      $('screen-live').hidden = false;
      box.classList.add('on');
    };
    pc.onicecandidate = (e) => {
      if (e.candidate && e.candidate.candidate) send({ type: 'screen_ice', screen: s.id, candidate: e.candidate.toJSON() });
    };
    pc.onconnectionstatechange = () => {
      if (share !== s) return;
      if (pc.connectionState === 'connected') text('The customer is sharing their screen with you. Watch only; never ask them to open a wallet or show a recovery phrase.');
      if (pc.connectionState === 'failed') end('The screen share could not connect.');
    };
    text('The customer started sharing their screen; connecting…');
    $('screen-record').hidden = !s.record;
    $('screen-record-note').textContent = s.record ? 'The customer allowed recording.' : 'Not recorded: watching only.';
    await pc.setRemoteDescription({ type: 'offer', sdp: f.sdp });
    for (const c of s.pending) await pc.addIceCandidate(c);
    s.pending = null;
    await pc.setLocalDescription(await pc.createAnswer());
    send({ type: 'screen_answer', screen: s.id, sdp: pc.localDescription.sdp });
  }

  async function onFrame(f) {
    try {
      switch (f.type) {
        case 'screen_offer': await offer(f); break;
        case 'screen_ice':
          if (!share || f.screen !== share.id || !f.candidate) break;
          if (share.pending) share.pending.push(f.candidate); else await share.pc.addIceCandidate(f.candidate);
          break;
        case 'screen_stop':
          if (share && f.screen === share.id) end(f.reason === 'reassigned' ? 'The conversation went to someone else; the screen share ended.' : 'The customer stopped sharing their screen.');
          break;
        case 'screen_record':
          if (share && f.screen === share.id) record();
          break;
        case 'error':
          if (f.code === 'not_allowed' && f.ref === 'screen_record') $('screen-record-note').textContent = 'This share may not be recorded.';
          if (f.code === 'conversation_not_yours') text('Only the agent assigned to this conversation can view the customer\'s screen.');
          break;
      }
    } catch (e) {
      end('The screen share could not be shown.');
    }
  }

  function connect() {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live/tickets/' + encodeURIComponent(ticket) + '/screen';
    const sock = new WebSocket(url, 'groundcrew.screen.v1');
    ws = sock;
    sock.onopen = () => { backoff = 1000; };
    sock.onmessage = (e) => {
      let f;
      try { f = JSON.parse(e.data); } catch (err) { return; }
      if (f && typeof f.type === 'string') onFrame(f);
    };
    sock.onclose = () => {
      if (ws !== sock) return;
      ws = null;
      if (share) end('The connection to the server was lost; the customer may share again.');
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000);
    };
  }

  $('screen-leave').addEventListener('click', () => {
    if (!share) return;
    send({ type: 'screen_stop', screen: share.id });
    end('You stopped viewing. The customer has been told.');
  });

  // Recording happens in this browser and is saved as a file the agent
  // keeps with the ticket's evidence; it is offered only when the customer
  // ticked "let the agent record" and the installation allows it.
  // The server records the recording in the audit log and gives the
  // go-ahead (screen_record) only for a share whose customer agreed.
  $('screen-record').addEventListener('click', () => {
    if (share && share.record && !share.recorder) send({ type: 'screen_record', screen: share.id });
  });

  function record() {
    if (!share || !share.record || share.recorder) return;
    const stream = $('screen-video').srcObject;
    if (!stream || typeof MediaRecorder === 'undefined') return;
    const chunks = [];
    const rec = new MediaRecorder(stream);
    share.recorder = rec;
    rec.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    rec.onstop = () => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob(chunks, { type: rec.mimeType || 'video/webm' }));
      a.download = 'ticket-' + ticket + '-screen.webm';
      a.click();
    };
    rec.start(1000);
    $('screen-record').hidden = true;
    $('screen-record-note').textContent = 'Recording; it is saved when the share stops.';
  }

  connect();
}
