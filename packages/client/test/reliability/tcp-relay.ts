import net from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of a server, so a test can cut a live connection from the
 * middle of the network at the moment it chooses (neither end closes: both see the cut).
 */
export interface TcpRelay {
  /** `ws://127.0.0.1:<port>` of the relay. */
  readonly url: string;
  /** Destroys every relayed connection, both sides. */
  cutAll(): void;
  close(): Promise<void>;
}

/** Starts a relay forwarding to `target` (`ws://host:port`). */
export async function startTcpRelay(target: string): Promise<TcpRelay> {
  const { hostname, port } = new URL(target);
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(port), hostname);
    const pair: [net.Socket, net.Socket] = [inbound, outbound];
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
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port: relayPort } = server.address() as net.AddressInfo;
  const cutAll = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    url: `ws://127.0.0.1:${relayPort}`,
    cutAll,
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
