import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';
import type { ClientEvents } from './client-events.js';
import type { Connection } from './connection.js';
import type { Emitter } from './events.js';
import {
  IncomingRequestEvent,
  NotificationEvent,
  type NotifyReply,
  notificationsOf,
  resultOf,
  type Sgn,
} from './notifications.js';
import type { SubscriptionRegistry } from './subscription.js';

/** The client's public state the dispatcher reads (the client itself). */
export interface InboundClient {
  /** `rvi` used when the CSE's request carries none. */
  readonly releaseVersion: string;
  /** The client's current originator (the `fr` of answers). */
  readonly originator: string | undefined;
}

/** What the dispatcher needs from its client's internals. */
export interface InboundHost {
  /** Answer verification requests 2000 (true) or 4101 (false) unless a listener chooses. */
  readonly acceptVerification: boolean;
  readonly emitter: Emitter<ClientEvents>;
  readonly subscriptions: SubscriptionRegistry;
  debug(message: string, detail?: Record<string, unknown>): void;
}

/**
 * Handles requests the CSE sends over the connection (TS-0020 6.1: primitives flow both ways).
 * A Notify carrying `m2m:sgn` or `m2m:agn` becomes one `notification` event per notification,
 * routed to the subscription handle named by `sur`; one carrying `m2m:rsp` (the result of a
 * non-blocking asynchronous request) a `notification` of kind `result`. The single answer goes out
 * after every listener ran. Anything else is offered to `request` listeners and answered 4005 unless one
 * responds. Answers echo the request's `rvi` (ACME rejects an answer without it and expects its
 * own value back, interop.md), falling back to an `rvi` inside `m2m:sgn` (Mobius) and then the
 * client's release version.
 */
export class InboundDispatcher {
  readonly #client: InboundClient;
  readonly #host: InboundHost;
  readonly #delivered = new DeliveredNotifications();

  constructor(client: InboundClient, host: InboundHost) {
    this.#client = client;
    this.#host = host;
  }

  /** Handles one request; never rejects (failures become `error` events). */
  async dispatch(conn: Connection, request: RequestPrimitive): Promise<void> {
    const host = this.#host;
    try {
      const notifications = request.op === 5 ? notificationsOf(request.pc) : undefined;
      const [rsc, pc] = await this.#handle(request, notifications);
      const rvi = stringOr(request.rvi, stringOr(notifications?.[0]?.rvi, this.#client.releaseVersion));
      const response: ResponsePrimitive = { rsc, rqi: request.rqi, rvi };
      if (typeof request.fr === 'string' && request.fr) response.to = request.fr;
      const originator = this.#client.originator;
      if (originator) response.fr = originator;
      if (pc) response.pc = pc;
      if (conn.state !== 'open') {
        host.debug('connection closed before the answer to a CSE request could be sent', {
          rqi: request.rqi,
        });
        return;
      }
      conn.send(response);
    } catch (error) {
      host.emitter.emit('error', error);
    }
  }

  /** Runs the listeners of one request; resolves with the status (and content) of the answer. */
  async #handle(
    request: RequestPrimitive,
    notifications: Sgn[] | undefined,
  ): Promise<[rsc: number, pc?: Record<string, unknown>]> {
    const host = this.#host;
    const reply: NotifyReply = { status: 2000 };
    if (notifications?.length) {
      // A CSE resends a notification whose answer it did not get (stored, then delivered on
      // reconnect): the listeners saw it already, so answer again without emitting it twice.
      const earlier = this.#delivered.find(request);
      if (earlier) {
        host.debug('notification delivered again; answered without emitting it twice', { rqi: request.rqi });
        return [earlier.status];
      }
      this.#delivered.remember(request, reply);
      if (!host.acceptVerification && notifications.some((n) => n.vrq === true)) reply.status = 4101;
      const tasks: Promise<unknown>[] = [];
      notifications.forEach((sgn, i) => {
        const event = new NotificationEvent(sgn, request, reply, i, notifications.length);
        const handle = host.subscriptions.find(event.subscriptionReference);
        if (handle) tasks.push(handle.dispatch(event));
        tasks.push(host.emitter.emitAndWait('notification', event));
      });
      await Promise.all(tasks);
      // A deletion notice ends its handle once the listeners have seen it.
      for (const n of notifications) if (n.sud === true) host.subscriptions.find(n.sur)?.end('deleted');
      return [reply.status];
    }
    const result = request.op === 5 ? resultOf(request.pc) : undefined;
    if (result) {
      // The outcome of a non-blocking asynchronous request (rt.rtv 2) arrives as a Notify.
      await host.emitter.emitAndWait('notification', new NotificationEvent({}, request, reply, 0, 1, result));
      return [reply.status];
    }
    const event = new IncomingRequestEvent(request);
    await host.emitter.emitAndWait('request', event);
    return [event.status ?? 4005, event.content];
  }
}

/** How many notifications are remembered to recognise a redelivery. */
const DELIVERED_MEMORY = 256;

/**
 * The last notifications emitted, by originator and `rqi`. A redelivery is the same request again:
 * same `rqi` and same content (a CSE that restarted may reuse an `rqi` for a new notification).
 */
class DeliveredNotifications {
  readonly #byKey = new Map<string, { pc: unknown; reply: NotifyReply }>();

  find(request: RequestPrimitive): NotifyReply | undefined {
    const earlier = this.#byKey.get(keyOf(request));
    return earlier && sameContent(earlier.pc, request.pc) ? earlier.reply : undefined;
  }

  remember(request: RequestPrimitive, reply: NotifyReply): void {
    const key = keyOf(request);
    this.#byKey.delete(key);
    this.#byKey.set(key, { pc: request.pc, reply });
    if (this.#byKey.size > DELIVERED_MEMORY) this.#byKey.delete(this.#byKey.keys().next().value!);
  }
}

function keyOf(request: RequestPrimitive): string {
  return `${String(request.fr)}\u0000${String(request.rqi)}`;
}

function sameContent(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}
