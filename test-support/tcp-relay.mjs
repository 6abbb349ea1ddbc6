// A TCP relay on 127.0.0.1 in front of a server, so a test or the soak can cut live connections
// from the middle of the network at the moment it chooses (neither end closes: both see the cut).
// Plain JavaScript so that both the TypeScript tests and scripts/soak.mjs (run by bare node) use it.
import net from 'node:net';

/**
 * Starts a relay forwarding to `target` (`ws://host:port`).
 * @param {string} target
 * @param {import('./tcp-relay.d.mts').TcpRelayOptions} [options]
 * @returns {Promise<import('./tcp-relay.d.mts').TcpRelay>}
 */
export async function startTcpRelay(target, options = {}) {
  const { hostname, port } = new URL(target);
  const pairs = new Set();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(port), hostname);
    const pair = [inbound, outbound];
    pairs.add(pair);
    const end = () => {
      inbound.destroy();
      outbound.destroy();
      pairs.delete(pair);
    };
    for (const socket of pair) {
      socket.on('error', end);
      socket.on('close', end);
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    if (options.onServerData) outbound.on('data', options.onServerData);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const cutAll = () => {
    const cut = pairs.size;
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
    return cut;
  };
  return {
    url: `ws://127.0.0.1:${server.address().port}`,
    cutAll,
    close: () => {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
