/* Groundcrew chat loader. An exchange adds to its pages:
 *   <script src="https://support.exchange.example/chat/v1/widget.js" data-install="main" async></script>
 * Optional attributes: data-identity="<JWT>" (the signed-in user's identity
 * token), data-identity-url="/path" (where the page's back-end hands out a
 * fresh one, as {"token": "<JWT>"} or the bare token, for the user its
 * session signs in), data-lang="de" (else the page's <html lang>).
 * API: GroundcrewChat.identify(jwt), .onTokenNeeded(fn) (fn returns a fresh
 * token or a promise of one), .open(), .close(), .setLanguage(tag).
 * A token lives minutes; shortly before it expires, or when the server
 * refuses it, the chat asks for the next one through either.
 * It adds a launcher button and opens the chat in an iframe served by
 * Groundcrew, so the page's CSS and scripts cannot reach into the chat.
 * The two talk only through postMessage, each checking the other's origin. */
(function () {
  'use strict';
  if (window.GroundcrewChat && window.GroundcrewChat.version) return;
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL(script.src, location.href).origin;
  var install = script.getAttribute('data-install') || '';
  var token = script.getAttribute('data-identity') || null;
  var tokenURL = script.getAttribute('data-identity-url') || '';
  var tokenFn = null, fetching = false;
  var labels = /*LABELS*/{};
  var rtlLangs = { ar: 1 };
  var KEY = 'groundcrew-chat-open';
  var frame = null, host = null, root = null, button = null, badge = null, ready = false, isOpen = false;
  var queue = [];

  function pageLang() {
    var l = script.getAttribute('data-lang') || document.documentElement.lang || navigator.language || 'en';
    return String(l).toLowerCase().split(/[-_]/)[0];
  }
  var lang = pageLang();
  function isRTL() { return !!rtlLangs[lang]; }
  function label() { return labels[lang] || labels.en || 'Chat'; }

  function css(el, props) { for (var k in props) el.style.setProperty(k, props[k], 'important'); }
  function phone() { return window.matchMedia('(max-width: 480px)').matches; }

  function place() {
    var side = isRTL() ? 'left' : 'right', other = isRTL() ? 'right' : 'left';
    button.style.removeProperty(other);
    button.style.setProperty(side, '20px', 'important');
    if (!frame) return;
    if (phone()) {
      css(frame, { top: '0', bottom: '0', left: '0', right: '0', width: '100%', height: '100%', 'border-radius': '0' });
      return;
    }
    frame.style.removeProperty('top');
    frame.style.removeProperty(other);
    var o = { bottom: '92px', width: '380px', height: 'min(640px, calc(100vh - 120px))', 'border-radius': '16px' };
    o[side] = '20px';
    css(frame, o);
  }

  function build() {
    host = document.createElement('div');
    host.setAttribute('data-groundcrew-chat', '');
    // An open shadow root keeps the page's CSS off the launcher; tests reach in.
    root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-label', label());
    button.title = label();
    button.setAttribute('aria-expanded', 'false');
    css(button, { position: 'fixed', bottom: '20px', width: '60px', height: '60px', 'border-radius': '50%', border: '0', padding: '0', margin: '0',
      background: '#1d4ed8', color: '#fff', cursor: 'pointer', 'z-index': '2147483646', 'box-shadow': '0 6px 20px rgba(15,23,42,.28)',
      display: 'grid', 'place-items': 'center' });
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24'); svg.setAttribute('width', '28'); svg.setAttribute('height', '28'); svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6v2h10v-2H7zm0-3v2h10V7H7zm0 6v2h7v-2H7z');
    svg.appendChild(path);
    button.appendChild(svg);
    badge = document.createElement('span');
    css(badge, { position: 'absolute', top: '-2px', right: '-2px', 'min-width': '20px', height: '20px', padding: '0 6px', 'border-radius': '10px',
      background: '#dc2626', color: '#fff', font: '600 12px/20px system-ui, sans-serif', display: 'none', 'box-sizing': 'border-box' });
    button.appendChild(badge);
    button.addEventListener('click', function () { isOpen ? close() : open(); });
    root.appendChild(button);
    document.body.appendChild(host);
    place();
    window.addEventListener('resize', place);
  }

  function makeFrame() {
    frame = document.createElement('iframe');
    var q = 'install=' + encodeURIComponent(install) + '&lang=' + encodeURIComponent(lang) + '&origin=' + encodeURIComponent(location.origin);
    frame.src = base + '/chat/v1/frame?' + q;
    frame.title = label();
    frame.setAttribute('data-groundcrew-chat-frame', '');
    frame.setAttribute('allow', 'clipboard-write; display-capture');
    css(frame, { position: 'fixed', border: '0', background: '#f6f8fb', 'z-index': '2147483647', 'box-shadow': '0 12px 48px rgba(15,23,42,.3)',
      'color-scheme': 'normal', display: 'block' });
    root.appendChild(frame);
    place();
  }

  // post sends to the frame, only ever to Groundcrew's origin.
  function post(msg) {
    msg.gc = 1;
    if (!ready) { queue.push(msg); return; }
    frame.contentWindow.postMessage(msg, base);
  }

  function open() {
    if (!frame) makeFrame();
    isOpen = true;
    css(frame, { display: 'block' });
    css(button, { display: phone() ? 'none' : 'grid' });
    button.setAttribute('aria-expanded', 'true');
    setUnread(0);
    try { sessionStorage.setItem(KEY, '1'); } catch (e) { /* storage may be off */ }
    post({ type: 'visible', open: true });
  }

  function close() {
    if (!frame) return;
    isOpen = false;
    css(frame, { display: 'none' });
    css(button, { display: 'grid' });
    button.setAttribute('aria-expanded', 'false');
    try { sessionStorage.removeItem(KEY); } catch (e) { /* storage may be off */ }
    post({ type: 'visible', open: false });
    button.focus();
  }

  function setUnread(n) {
    badge.textContent = n > 9 ? '9+' : String(n);
    css(badge, { display: n > 0 ? 'block' : 'none' });
  }

  // Messages from the frame: only from our iframe's window at Groundcrew's origin.
  window.addEventListener('message', function (e) {
    if (!frame || e.source !== frame.contentWindow || e.origin !== base) return;
    var m = e.data;
    if (!m || m.gc !== 1 || typeof m.type !== 'string') return;
    switch (m.type) {
      case 'ready':
        ready = true;
        frame.contentWindow.postMessage({ gc: 1, type: 'init', token: token, lang: lang, open: isOpen }, base);
        while (queue.length) frame.contentWindow.postMessage(queue.shift(), base);
        break;
      case 'close': close(); break;
      case 'token': freshToken(); break;
      case 'unread': if (!isOpen) setUnread(+m.count || 0); break;
      case 'lang':
        if (typeof m.lang === 'string' && labels[m.lang]) { lang = m.lang; button.setAttribute('aria-label', label()); button.title = label(); place(); }
        break;
    }
  });

  // freshToken gets the next identity token from the page (onTokenNeeded)
  // or its back-end (data-identity-url) and hands it to the chat. A page
  // signed out meanwhile answers with none: the chat goes on anonymously.
  function freshToken() {
    if (fetching || !token) return;
    var get = tokenFn ? function () { return tokenFn(); } : tokenURL ? function () {
      return fetch(tokenURL, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.text();
      }).then(function (t) {
        try { return JSON.parse(t).token; } catch (e) { return t.trim(); }
      });
    } : null;
    if (!get) return;
    fetching = true;
    Promise.resolve().then(get).then(function (t) {
      fetching = false;
      if (typeof t === 'string' && t) { token = t; post({ type: 'identify', token: t }); }
    }, function () {
      fetching = false; // the chat asks again on its next reconnect
    });
  }

  function start() {
    build();
    var was = false;
    try { was = sessionStorage.getItem(KEY) === '1'; } catch (e) { /* storage may be off */ }
    if (was) open();
    // Follow the page when a single-page app changes its language.
    new MutationObserver(function () {
      var l = pageLang();
      if (l !== lang) { lang = l; place(); post({ type: 'lang', lang: l }); }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  window.GroundcrewChat = {
    version: 1,
    identify: function (jwt) {
      token = typeof jwt === 'string' && jwt ? jwt : null;
      if (frame) post({ type: 'identify', token: token });
    },
    onTokenNeeded: function (fn) { tokenFn = typeof fn === 'function' ? fn : null; },
    open: function () { if (button) open(); },
    close: function () { if (button) close(); },
    setLanguage: function (tag) {
      lang = String(tag).toLowerCase().split(/[-_]/)[0];
      if (button) place();
      if (frame) post({ type: 'lang', lang: lang });
    }
  };
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
