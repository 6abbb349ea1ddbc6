/** A TCP relay on 127.0.0.1 whose relayed connections can all be cut at once. */
export interface TcpRelay {
  /** `ws://127.0.0.1:<port>` of the relay. */
  readonly url: string;
  /** Destroys every relayed connection, both sides; returns how many were cut. */
  cutAll(): number;
  close(): Promise<void>;
}

/** Options of {@link startTcpRelay}. */
export interface TcpRelayOptions {
  /** Sees every chunk the server sends, as it passes (to inspect frames on the wire). */
  onServerData?: (chunk: Buffer) => void;
}

/** Starts a relay forwarding to `target` (`ws://host:port`). */
export function startTcpRelay(target: string, options?: TcpRelayOptions): Promise<TcpRelay>;
