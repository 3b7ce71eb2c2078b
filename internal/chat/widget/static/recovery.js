// The bot's offer of a deposit-recovery appeal (issue 12): a bot message
// that links to this server's recovery start page gets a button that opens
// it in a new tab. Only a link to our own start page becomes a button; the
// page itself checks who is signed in and whose deposit it is.

const startPath = '/deposit-recovery/start';

// recoveryButton adds the button to bot message item li with text, if
// the text links to the start page.
export function recoveryButton(li, text, t) {
  const href = startLink(String(text || ''));
  if (!href) return;
  const a = document.createElement('a');
  a.className = 'recovery-start';
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.href = href;
  a.dataset.t = 'recovery_start';
  a.textContent = t('recovery_start');
  li.querySelector('.bubble').after(a);
}

// startLink is the first link in text to the start page on this origin.
function startLink(text) {
  for (const word of text.split(/\s+/)) {
    if (!word.includes(startPath)) continue;
    try {
      const u = new URL(word, location.href);
      if (u.origin === location.origin && u.pathname === startPath) return u.href;
    } catch (e) { /* not a link */ }
  }
  return null;
}
