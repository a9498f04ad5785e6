// The Academy's connection watch, run once per page by base.ui.ConnectionWatch (no frontend build:
// this file is read from the class path and sent with executeJs).
// $0: the UI's element (<body>); $1, $2: the texts while offline and once back;
// $3: a beat is expected this often (ms); $4: no beat for this long means the push channel is dead (ms)
// (each beat may say a longer one: the server spaces beats out when many pages are open).
(function (body, texts, beatMs, timeoutMs) {
  if (window.academyConnection) {
    return;
  }
  const DRAFT_PREFIX = 'academy-draft:';
  const WAS_OFFLINE = 'academy-was-offline';
  const banner = document.createElement('div');
  banner.id = 'connection-banner';
  banner.className = 'connection-banner';
  // A live region that is on the page before anything happens, so screen readers read its news.
  banner.setAttribute('role', 'status');
  banner.setAttribute('aria-live', 'assertive');
  banner.setAttribute('aria-atomic', 'true');
  const message = document.createElement('span');
  message.className = 'connection-banner-text';
  banner.appendChild(message);
  document.documentElement.appendChild(banner);

  const c = {
    lastBeat: Date.now(),
    beats: false,
    offline: false,
    stalled: false,
    stalls: 0,
    backTimer: null,
    mode: 'ok',
    // The server spaces beats further apart when many pages are open, and says so with each beat.
    timeoutMs: timeoutMs
  };

  function show(mode) {
    c.mode = mode;
    banner.dataset.state = mode;
    clearTimeout(c.backTimer);
    if (mode === 'offline') {
      message.textContent = texts.offline;
      setInert(true);
      try { sessionStorage.setItem(WAS_OFFLINE, '1'); } catch (e) { /* private mode */ }
    } else if (mode === 'back') {
      message.textContent = texts.back;
      setInert(false);
      try { sessionStorage.removeItem(WAS_OFFLINE); } catch (e) { /* private mode */ }
      c.backTimer = setTimeout(() => show('ok'), 4000);
    } else {
      message.textContent = '';
      setInert(false);
    }
  }

  // While the server cannot hear us, buttons and fields must not pretend to work: the page is
  // inert (no clicks, no typing, no focus) and says why; the banner itself stays outside of it.
  function setInert(on) {
    for (const child of Array.from(body.children)) {
      if (on) {
        if (!child.hasAttribute('inert')) {
          child.setAttribute('inert', '');
          child.dataset.academyInert = '1';
        }
      } else if (child.dataset.academyInert) {
        child.removeAttribute('inert');
        delete child.dataset.academyInert;
      }
    }
    body.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function offline() {
    if (!c.offline) {
      c.offline = true;
      show('offline');
    }
  }

  function online() {
    if (c.offline) {
      c.offline = false;
      show('back');
    }
  }

  // Flow's own view of its requests and push connection.
  const store = window.Vaadin && window.Vaadin.connectionState;
  if (store && store.addStateChangeListener) {
    store.addStateChangeListener((previous, next) => {
      if (next === 'reconnecting' || next === 'connection-lost') {
        offline();
      } else if (next === 'connected' && !c.stalled) {
        online();
      }
    });
  }
  window.addEventListener('offline', offline);

  // The push channel can be open and still carry nothing (a proxy that black-holes WebSocket
  // frames): the server sends a beat every beatMs; none for timeoutMs and we ask the server to move
  // this page to long polling. Requests from here travel by XHR, which such proxies let through.
  setInterval(() => {
    if (!c.beats || c.stalled || document.visibilityState === 'hidden') {
      return;
    }
    if (Date.now() - c.lastBeat > c.timeoutMs) {
      c.stalled = true;
      c.stalls++;
      offline();
      body.dispatchEvent(new CustomEvent('academy-push-stalled'));
    }
  }, 250);
  // A background tab's timers are throttled; coming back must not count the pause as silence.
  document.addEventListener('visibilitychange', () => {
    c.lastBeat = Date.now();
  });

  // The server answers a stall in two steps (push off, then on again over long polling): each
  // step must reach this page before the next is asked for. The steps show on <body>, which
  // survives a resynchronisation of the page's state, unlike a one-off script call.
  new MutationObserver(() => {
    const push = body.getAttribute('data-push');
    if (push === 'off' && c.stalled) {
      body.dispatchEvent(new CustomEvent('academy-push-resume'));
    } else if (push === 'long-polling' && c.stalled) {
      c.stalled = false;
      c.beats = false;
      online();
    }
  }).observe(body, {attributes: true, attributeFilter: ['data-push']});

  // Text people type into a box marked data-academy-draft is kept in this tab until the server
  // confirms it (sent), so a restart or a lost connection never silently eats it.
  function draftKey(field) {
    return DRAFT_PREFIX + field.getAttribute('data-academy-draft');
  }
  document.addEventListener('input', (e) => {
    const field = e.composedPath().find((n) => n.getAttribute && n.hasAttribute('data-academy-draft'));
    if (field) {
      // The native input's value: the field's own listener has not copied it over yet (capture phase).
      const value = typeof e.target.value === 'string' ? e.target.value : field.value;
      try { sessionStorage.setItem(draftKey(field), value || ''); } catch (err) { /* private mode */ }
    }
  }, true);

  window.academyConnection = {
    /** A beat, alone or riding on a live update; the next one comes within timeout ms. */
    beat(timeout) {
      c.lastBeat = Date.now();
      c.beats = true;
      if (timeout) {
        c.timeoutMs = timeout;
      }
    },
    /** Beats are on for this page (sent with the answer to academy-watch-ready, over XHR). */
    expectBeats() {
      c.lastBeat = Date.now();
      c.beats = true;
    },
    state() {
      return {mode: c.mode, stalls: c.stalls, stalled: c.stalled, beats: c.beats, push: body.getAttribute('data-push')};
    },
    /** The draft kept for a field, if it was never confirmed sent. */
    draft(field) {
      try { return sessionStorage.getItem(draftKey(field)); } catch (e) { return null; }
    },
    /** The server stored this text: nothing to keep, unless the person has typed more since. */
    sent(field, text) {
      try {
        const kept = sessionStorage.getItem(draftKey(field));
        if (kept === null || kept === text || !field.value) {
          sessionStorage.removeItem(draftKey(field));
        }
      } catch (e) { /* private mode */ }
    }
  };

  // A page loaded after an outage (the server came back and this tab reloaded) says so once.
  let wasOffline = false;
  try { wasOffline = sessionStorage.getItem(WAS_OFFLINE) === '1'; } catch (e) { /* private mode */ }
  if (wasOffline) {
    c.offline = true;
    online();
  }
  body.dispatchEvent(new CustomEvent('academy-watch-ready'));
})($0, {offline: $1, back: $2}, $3, $4);
