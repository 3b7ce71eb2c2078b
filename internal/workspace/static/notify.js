// Browser notifications on pages without a ticket (the inbox): tickets
// assigned to the agent, notes mentioning them and customer replies on
// their tickets, as the agent's settings choose (the server filters).
// The ticket page gets the same on its own live channel (ticketview.js).
if ('Notification' in window && window.EventSource) {
  const src = new EventSource('/live/notifications');
  src.addEventListener('open', () => { document.documentElement.dataset.notifications = 'live'; });
  src.addEventListener('notify', (e) => {
    const n = JSON.parse(e.data);
    if (Notification.permission !== 'granted') return;
    const shown = new Notification(n.title, { body: n.body, tag: `${n.kind}-${n.ticket_id}` });
    shown.onclick = () => {
      window.focus();
      location.href = n.url;
    };
  });
}
