// A customer's file, sent over HTTP beside the socket (docs/chat-protocol.md,
// "Files from the customer"). The message naming it comes back over the
// socket like any other; this module only posts and says what went wrong.

export const maxFile = 10 << 20;

// The string key that explains a refused file, by the problem's type.
const reasons = {
  'file-too-large': 'attach_too_large', 'file-pixels': 'attach_pixels', 'file-type': 'attach_type',
  'file-unreadable': 'attach_unreadable', 'file-empty': 'attach_unreadable',
};

// sendFile posts file to conversation as the visitor (resume) or the
// signed-in customer (token). It resolves to null when the file is stored,
// else to the string key of the reason, for the customer's language.
export async function sendFile(file, { conversation, resume, token }) {
  if (!conversation) return 'attach_first';
  if (file.size > maxFile) return 'attach_too_large';
  if (!resume) return 'attach_failed';
  const headers = { 'Content-Type': 'application/octet-stream', 'X-Chat-Resume': resume };
  if (token) headers['X-Chat-Identity'] = token;
  let res;
  try {
    res = await fetch(`/chat/v1/attachments?conversation=${encodeURIComponent(conversation)}&name=${encodeURIComponent(file.name)}`,
      { method: 'POST', credentials: 'omit', headers, body: file });
  } catch {
    return 'attach_failed';
  }
  if (res.ok) return null;
  const p = await res.json().catch(() => ({}));
  const kind = String(p.type || '').split('/').pop();
  if (reasons[kind]) return reasons[kind];
  if (res.status === 429) return 'attach_rate';
  if (res.status === 409) return 'attach_first';
  if (res.status === 401) return 'error_auth';
  return 'attach_failed';
}
