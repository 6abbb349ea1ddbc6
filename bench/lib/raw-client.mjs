/**
 * The baseline: what a developer would hand-roll with `ws` in an afternoon. JSON only, one Map
 * of pending requests keyed by `rqi`, no validation, no timeout timers. Everything the SDK adds
 * on top of this shows up in the ratios.
 */
import WebSocket from 'ws';

export class RawClient {
  /** @param {WebSocket} ws an open socket */
  constructor(ws) {
    this.ws = ws;
    this.pending = new Map();
    this.seq = 0;
    this.onRequest = undefined;
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.op !== undefined) {
        this.onRequest?.(msg);
        return;
      }
      const entry = this.pending.get(msg.rqi);
      if (entry === undefined) return;
      this.pending.delete(msg.rqi);
      if (msg.rsc >= 2000 && msg.rsc < 3000) entry.resolve(msg.pc);
      else entry.reject(new Error(`rsc ${msg.rsc}`));
    });
  }

  /** Open a connection offering the JSON subprotocol. */
  static connect(url) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, ['oneM2M.json']);
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  /** Send `primitive` with a fresh `rqi` and resolve with the response's `pc`. */
  request(primitive) {
    const rqi = `q${++this.seq}`;
    return new Promise((resolve, reject) => {
      this.pending.set(rqi, { resolve, reject });
      this.ws.send(JSON.stringify({ ...primitive, rqi }));
    });
  }

  /** Send a response primitive for an incoming request. */
  respond(primitive) {
    this.ws.send(JSON.stringify(primitive));
  }

  close() {
    for (const entry of this.pending.values()) entry.reject(new Error('closed'));
    this.pending.clear();
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
