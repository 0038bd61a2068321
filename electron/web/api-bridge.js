// Browser mode's stand-in for the Electron preload: the same window.api.invoke surface, carried over loopback
// HTTP to the same handleCall. The HttpOnly cookie set when the launch URL was opened authorises each call; a
// refusal by the server (lost cookie, wrong Host…) comes back as text and is turned into the usual error result.
window.api = Object.freeze({
  invoke: (channel, input) =>
    fetch('./rpc/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input === undefined ? {} : input),
    }).then(async (r) => {
      if (r.ok) return r.json();
      const message = (await r.text()) || '浏览器方式的服务拒绝了这次调用';
      return { ok: false, error: { code: r.status === 403 ? 'FORBIDDEN' : 'INTERNAL', message } };
    }),
});
