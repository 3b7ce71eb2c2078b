// The bot's offer of a deposit-recovery appeal (issue 12): a bot message
// that links to the recovery start page gets a button that opens it in a
// new tab. The button always opens the start page of the server that
// serves this frame (only the link's query, the deposit, is taken), so no
// text can turn it into a link elsewhere; the page itself checks who is
// signed in and whose deposit it is.

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

// startLink is the start page on this origin for the first link in text
// to a start page.
function startLink(text) {
  for (const word of text.split(/\s+/)) {
    if (!word.includes(startPath)) continue;
    try {
      const u = new URL(word, location.href);
      if (u.pathname === startPath && (u.protocol === 'https:' || u.protocol === 'http:')) return new URL(startPath + u.search, location.origin).href;
    } catch (e) { /* not a link */ }
  }
  return null;
}
