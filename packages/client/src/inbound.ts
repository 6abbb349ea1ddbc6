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

/** How many notifications are remembered to recognise a redelivery. */
const DELIVERED_MEMORY = 256;

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
export function createInboundDispatcher(
  client: InboundClient,
  host: InboundHost,
): (conn: Connection, request: RequestPrimitive) => Promise<void> {
  /**
   * The last notifications emitted, by originator and `rqi` (insertion-ordered: the first is the
   * oldest, evicted first). A redelivery is the same request again: same `rqi` and same content
   * (a CSE that restarted may reuse an `rqi` for a new notification).
   */
  const delivered = new Map<string, { pc: unknown; reply: NotifyReply }>();

  /** Runs the listeners of one request; resolves with the status (and content) of the answer. */
  async function handle(
    request: RequestPrimitive,
    notifications: Sgn[] | undefined,
  ): Promise<[rsc: number, pc?: Record<string, unknown>]> {
    const reply: NotifyReply = { status: 2000 };
    if (notifications?.length) {
      // A CSE resends a notification whose answer it did not get (stored, then delivered on
      // reconnect): the listeners saw it already, so answer again without emitting it twice.
      const key = `${String(request.fr)}\u0000${String(request.rqi)}`;
      const earlier = delivered.get(key);
      if (earlier && sameContent(earlier.pc, request.pc)) {
        host.debug('notification delivered again; answered without emitting it twice', { rqi: request.rqi });
        return [earlier.reply.status];
      }
      delivered.delete(key);
      delivered.set(key, { pc: request.pc, reply });
      if (delivered.size > DELIVERED_MEMORY) delivered.delete(delivered.keys().next().value!);
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

  /** Handles one request; never rejects (failures become `error` events). */
  return async (conn, request) => {
    try {
      const notifications = request.op === 5 ? notificationsOf(request.pc) : undefined;
      const [rsc, pc] = await handle(request, notifications);
      const rvi = stringOr(request.rvi, stringOr(notifications?.[0]?.rvi, client.releaseVersion));
      const response: ResponsePrimitive = { rsc, rqi: request.rqi, rvi };
      if (typeof request.fr === 'string' && request.fr) response.to = request.fr;
      const originator = client.originator;
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
  };
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
