// Browser mode's stand-in for the Electron preload: the same window.api surface, carried over loopback HTTP to the
// same handleCall. The HttpOnly cookie set when the launch URL was opened authorises each call; a refusal by the
// server (lost cookie, wrong Host…) comes back as text and is turned into the usual error result. A call given a
// callId can be followed with progressOf(callId) and stopped with cancel(callId).
const post = (path, body, extra) =>
  fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extra },
    credentials: 'same-origin',
    body: JSON.stringify(body === undefined ? {} : body),
  });

window.api = Object.freeze({
  invoke: (channel, input, callId) =>
    post('./rpc/' + encodeURIComponent(channel), input, callId ? { 'x-call-id': String(callId) } : {}).then(async (r) => {
      if (r.ok) return r.json();
      const message = (await r.text()) || '浏览器方式的服务拒绝了这次调用';
      return { ok: false, error: { code: r.status === 403 ? 'FORBIDDEN' : 'INTERNAL', message } };
    }),
  progressOf: (callId) =>
    fetch('./rpc-progress/' + encodeURIComponent(callId), { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : null)),
  cancel: (callId) => post('./rpc-cancel/' + encodeURIComponent(callId), {}, {}).then((r) => r.ok),
});
