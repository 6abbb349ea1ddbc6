import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';

/**
 * Types of what the CSE sends the AE: notifications (`m2m:sgn`, possibly batched in `m2m:agn`),
 * verification and deletion notices, and any other request. Each event object carries a
 * `respond()` method so a listener can choose the status the client answers with.
 */

/** The notification event of `m2m:sgn` (`nev`). */
export interface NotificationEventInfo {
  /** The representation: `{ 'm2m:cin': {...} }`, `{ 'm2m:uri': '...' }`, ... depending on `nct`. */
  rep?: Record<string, unknown>;
  /** Notification event type (1 update, 2 delete, 3 create child, 4 delete child, ...). */
  net?: number;
  /** The operation and originator that caused the event. */
  om?: { op?: number; or?: string };
  [extra: string]: unknown;
}

/** m2m:sgn, the notification data object (TS-0004 §6.3.5.13). Unknown members are kept. */
export interface Sgn {
  /** The event, for a resource-event notification. */
  nev?: NotificationEventInfo;
  /** True for a subscription-verification request. */
  vrq?: boolean;
  /** True when the subscription was deleted. */
  sud?: boolean;
  /** The subscription (or crossResourceSubscription) the notification comes from. */
  sur?: string;
  /** Creator of the subscription. */
  cr?: string;
  [extra: string]: unknown;
}

/**
 * What a notification is about: a resource event, a subscription-verification request (`vrq`),
 * a subscription deletion (`sud`), or the result of a non-blocking asynchronous request
 * (`m2m:rsp`, TS-0004 7.5.1.2.5).
 */
export type NotificationKind = 'event' | 'verification' | 'deletion' | 'result';

/** Status shared by every notification of one Notify request (one answer per request). */
export interface NotifyReply {
  status: number;
}

/**
 * One notification, as emitted to `client.on('notification')` and to the matching subscription
 * handle. A batch (`m2m:agn`) produces one event per contained `m2m:sgn`; they share the answer.
 */
export class NotificationEvent {
  /** `event`, `verification` (`vrq`), `deletion` (`sud`) or `result` (`m2m:rsp`). */
  declare readonly kind: NotificationKind;
  /** The typed `m2m:sgn` (empty for a `result`). */
  declare readonly notification: Sgn;
  /** For `result`: the response of the non-blocking asynchronous request (its `rqi` is the original one). */
  declare readonly result: ResponsePrimitive | undefined;
  /** The subscription reference (`sur`), if present. */
  declare readonly subscriptionReference: string | undefined;
  /** The Notify request primitive that carried it. */
  declare readonly request: RequestPrimitive;
  /** Position in a batch notification (0 for a single one). */
  declare readonly batchIndex: number;
  /** Number of notifications in the Notify request (1 for a single one). */
  declare readonly batchSize: number;
  readonly #reply: NotifyReply;

  constructor(
    sgn: Sgn,
    request: RequestPrimitive,
    reply: NotifyReply,
    batchIndex: number,
    batchSize: number,
    result?: ResponsePrimitive,
  ) {
    this.kind = result
      ? 'result'
      : sgn.vrq === true
        ? 'verification'
        : sgn.sud === true
          ? 'deletion'
          : 'event';
    this.notification = sgn;
    this.result = result;
    this.subscriptionReference = typeof sgn.sur === 'string' ? sgn.sur : undefined;
    this.request = request;
    this.batchIndex = batchIndex;
    this.batchSize = batchSize;
    this.#reply = reply;
  }

  /** The representation carried by the event (`nev.rep`), if any. */
  get representation(): Record<string, unknown> | undefined {
    return this.notification.nev?.rep;
  }

  /** The status the client will answer with (2000 unless a listener or option chose another). */
  get status(): number {
    return this.#reply.status;
  }

  /**
   * Choose the status of the answer to the CSE (e.g. 4101 to refuse a verification request).
   * The answer goes out after all listeners ran (async listeners are awaited).
   */
  respond(rsc: number): void {
    this.#reply.status = rsc;
  }
}

/**
 * A request from the CSE that is not a notification (a Notify without `m2m:sgn`, `m2m:agn` or
 * `m2m:rsp`, or any other operation). Unless a listener calls {@link respond}, the client answers
 * 4005 OPERATION_NOT_ALLOWED.
 */
export class IncomingRequestEvent {
  /** The request primitive. */
  declare readonly request: RequestPrimitive;
  /** The chosen status, once a listener responded. */
  status: number | undefined;
  /** The chosen content, if any. */
  content: Record<string, unknown> | undefined;

  constructor(request: RequestPrimitive) {
    this.request = request;
  }

  /** Answer with `rsc` and optional `pc`. The answer goes out after all listeners ran. */
  respond(rsc: number, content?: Record<string, unknown>): void {
    this.status = rsc;
    this.content = content;
  }
}

/** The `m2m:rsp` of a Notify carrying a non-blocking asynchronous result, if that is what it is. */
export function resultOf(pc: Record<string, unknown> | undefined): ResponsePrimitive | undefined {
  const rsp = pc?.['m2m:rsp'];
  return rsp && typeof rsp === 'object' && typeof (rsp as ResponsePrimitive).rsc === 'number'
    ? (rsp as ResponsePrimitive)
    : undefined;
}

/** The `m2m:sgn` objects of a Notify request's content: one, a batch, or none. */
export function notificationsOf(pc: Record<string, unknown> | undefined): Sgn[] | undefined {
  if (!pc) return undefined;
  const sgn = pc['m2m:sgn'];
  if (sgn && typeof sgn === 'object' && !Array.isArray(sgn)) return [sgn as Sgn];
  const agn = pc['m2m:agn'];
  if (agn && typeof agn === 'object') {
    const inner = (agn as Record<string, unknown>)['m2m:sgn'] ?? agn;
    const list = Array.isArray(inner) ? inner : [inner];
    return list.filter((item): item is Sgn => typeof item === 'object' && item !== null);
  }
  return undefined;
}
