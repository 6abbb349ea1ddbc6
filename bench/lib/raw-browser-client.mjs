/**
 * Bundle-size baseline: the hand-rolled client of raw-client.mjs written for the browser's own
 * WebSocket (JSON only, requests matched by `rqi`, notifications answered 2000). It is minified
 * and gzipped in every run next to the SDK bundles; it is never executed by the bench.
 */
export function connect(url, onNotification) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['oneM2M.json']);
    const pending = new Map();
    let seq = 0;
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.op !== undefined) {
        if (msg.op === 5) onNotification(msg.pc);
        ws.send(JSON.stringify({ rsc: msg.op === 5 ? 2000 : 4005, rqi: msg.rqi, rvi: '3' }));
        return;
      }
      const entry = pending.get(msg.rqi);
      if (!entry) return;
      pending.delete(msg.rqi);
      if (msg.rsc >= 2000 && msg.rsc < 3000) entry.resolve(msg.pc);
      else entry.reject(new Error(`rsc ${msg.rsc}`));
    };
    ws.onerror = () => reject(new Error('connection failed'));
    ws.onopen = () =>
      resolve({
        request(primitive) {
          const rqi = `q${++seq}`;
          return new Promise((res, rej) => {
            pending.set(rqi, { resolve: res, reject: rej });
            ws.send(JSON.stringify({ ...primitive, rqi, rvi: '3' }));
          });
        },
        close() {
          ws.close();
        },
      });
  });
}
