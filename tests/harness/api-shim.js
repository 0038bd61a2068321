// Stands in for the Electron preload in a plain browser: the same window.api.invoke surface,
// carried over loopback HTTP to the same handleCall.
window.api = Object.freeze({
  invoke: (channel, input) =>
    fetch('./rpc/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : input),
    }).then((r) => r.json()),
});
