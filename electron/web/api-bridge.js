/* global EventSource */
// Browser mode's stand-in for the Electron preload: the same window.api surface, carried over loopback HTTP to the
// same handleCall. The HttpOnly cookie set when the launch URL was opened authorises each call; a refusal by the
// server (lost cookie, wrong Host…) comes back as text and is turned into the usual error result. A call given a
// callId can be followed with progressOf(callId) and stopped with cancel(callId). onCoreEvent(listener) hears the
// core host's notices (restarted / failed) from the server's event stream, as the preload does from core:event.
const post = (path, body, extra) =>
  fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extra },
    credentials: 'same-origin',
    body: JSON.stringify(body === undefined ? {} : body),
  });

const coreListeners = new Set();
let coreEvents = null;
/** The host's restart count when this page last heard from the stream (null: not yet). */
let restartsSeen = null;
const tell = (e) => coreListeners.forEach((l) => l({ kind: e.kind, message: e.message }));

function listenToCore() {
  if (coreEvents) return;
  coreEvents = new EventSource('./rpc-events', { withCredentials: true });
  coreEvents.addEventListener('core', (m) => {
    const e = JSON.parse(m.data);
    restartsSeen = e.restarts;
    tell(e);
  });
  // Each (re)connection says how often the host has restarted: a restart while the stream was down is not missed.
  coreEvents.addEventListener('hello', (m) => {
    const h = JSON.parse(m.data);
    if (restartsSeen !== null && h.restarts > restartsSeen) tell({ kind: 'restarted', message: h.notice });
    restartsSeen = h.restarts;
  });
}

window.api = Object.freeze({
  invoke: (channel, input, callId, background) =>
    post('./rpc/' + encodeURIComponent(channel), input, {
      ...(callId ? { 'x-call-id': String(callId) } : {}),
      ...(background === true ? { 'x-background': '1' } : {}),
    }).then(async (r) => {
      if (r.ok) return r.json();
      const message = (await r.text()) || '浏览器方式的服务拒绝了这次调用';
      // 413: a file over the limit, the clerk's to fix (compress it), like the core's own refusal of one.
      const code = r.status === 403 ? 'FORBIDDEN' : r.status === 413 ? 'VALIDATION' : 'INTERNAL';
      return { ok: false, error: { code, message } };
    }),
  progressOf: (callId) =>
    fetch('./rpc-progress/' + encodeURIComponent(callId), { credentials: 'same-origin' }).then((r) =>
      r.ok ? r.json() : null,
    ),
  cancel: (callId) => post('./rpc-cancel/' + encodeURIComponent(callId), {}, {}).then((r) => r.ok),
  onCoreEvent: (listener) => {
    coreListeners.add(listener);
    listenToCore();
    return () => coreListeners.delete(listener);
  },
});
