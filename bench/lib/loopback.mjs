/**
 * An in-process echo peer behind the SDK's public SocketAdapter interface (and a `ws`-shaped
 * twin for the raw baseline). No sockets, no syscalls: what is left is the JavaScript each
 * client runs per request. Answers are delivered in batches on the next macrotask, the way one
 * socket read hands several frames to `ws`.
 */
import { cannedRetrieveResponse } from './fixtures.mjs';

const MARK = '@@RQI@@';
const [prefix, suffix] = JSON.stringify(cannedRetrieveResponse(MARK)).split(MARK);

function rqiOf(text) {
  const key = text.indexOf('"rqi":"');
  const start = key + 7;
  return text.slice(start, text.indexOf('"', start));
}

/** Queue of answers flushed together on the next macrotask. */
function batcher(deliver) {
  let queue = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    for (const msg of batch) deliver(msg);
  };
  return (msg) => {
    queue.push(msg);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}

/** A SocketAdapter whose peer answers every request with the canned retrieve response. */
export function loopbackAdapter() {
  return {
    capabilities: { handshakeHeaders: true },
    open(request, listeners) {
      let open = true;
      const answer = batcher((msg) => open && listeners.onMessage(msg));
      setImmediate(() => listeners.onOpen({ protocol: request.protocols[0], extensions: '' }));
      return {
        bufferedAmount: 0,
        send(data) {
          answer(prefix + rqiOf(typeof data === 'string' ? data : Buffer.from(data).toString()) + suffix);
        },
        close(code = 1000, reason = '') {
          if (!open) return;
          open = false;
          setImmediate(() => listeners.onClose({ code, reason, wasClean: true }));
        },
      };
    },
  };
}

/** The same peer shaped like an open `ws` WebSocket, for RawClient. */
export function loopbackWs() {
  const handlers = [];
  const answer = batcher((msg) => {
    for (const h of handlers) h(Buffer.from(msg), false);
  });
  return {
    readyState: 3,
    on(event, fn) {
      if (event === 'message') handlers.push(fn);
    },
    once() {},
    send(data) {
      answer(prefix + rqiOf(data) + suffix);
    },
    close() {},
  };
}
