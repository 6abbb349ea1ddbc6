import type { ClientConnection } from './connection.js';

/** How a connection came to carry an originator. */
export type BindingKind =
  /** `X-M2M-Origin` at the handshake, or a successful Create AE on the connection. Replaces an older connection. */
  | 'explicit'
  /** A request from an already registered originator on an unbound connection (TS-0020 §5.2 step 15). */
  | 'implicit';

/**
 * Which live connection carries each originator. There is at most one connection per originator
 * (TS-0020 §5.2: "a maximum of one WebSocket connection between two nodes").
 */
export class ConnectionRegistry {
  readonly #byOriginator = new Map<string, ClientConnection>();
  readonly #onBound: (originator: string, connection: ClientConnection) => void;

  /** `onBound` runs after each new binding (the offline store flushes there). */
  constructor(onBound: (originator: string, connection: ClientConnection) => void) {
    this.#onBound = onBound;
  }

  /** The live connection of `originator`, if any. */
  get(originator: string): ClientConnection | undefined {
    const connection = this.#byOriginator.get(originator);
    return connection?.isOpen ? connection : undefined;
  }

  /**
   * Make `connection` the route for `originator`. An explicit binding replaces an older connection
   * for the same originator and closes it with 1000 (as ACME does); an implicit one never takes the
   * route from a live connection. Returns false when nothing changed.
   */
  bind(originator: string, connection: ClientConnection, kind: BindingKind): boolean {
    const previous = this.#byOriginator.get(originator);
    if (previous === connection) return false;
    if (previous?.isOpen) {
      if (kind === 'implicit') return false;
      previous.originators.delete(originator);
      if (previous.originators.size === 0) {
        previous.close(1000, `Replaced by a newer connection for originator ${originator}`);
      }
    }
    this.#byOriginator.set(originator, connection);
    connection.originators.add(originator);
    connection.primaryOriginator ??= originator;
    this.#onBound(originator, connection);
    return true;
  }

  /** Forget a closed connection's routes (only those still pointing at it). */
  remove(connection: ClientConnection): void {
    for (const originator of connection.originators) {
      if (this.#byOriginator.get(originator) === connection) this.#byOriginator.delete(originator);
    }
  }
}
