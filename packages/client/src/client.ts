import {
  type Codec,
  type DecodedPrimitive,
  type FilterCriteria,
  jsonCodec,
  type RequestPrimitive,
  type ResponsePrimitive,
  resourceTypeOf,
} from '@onem2m-ws/protocol';
import type { ClientEvents } from './client-events.js';
import type { ClientOptions } from './client-options.js';
import { Connection } from './connection.js';
import {
  type DiscoverAllOptions,
  type DiscoveryResult,
  discoveryFilter,
  discoveryResult,
  nextPageOffset,
} from './discovery.js';
import {
  AbortError,
  ConnectionError,
  HandshakeError,
  InvalidArgumentError,
  OriginatorBindingError,
  TimeoutError,
} from './errors.js';
import { Emitter, type Listener, type Unsubscribe } from './events.js';
import { createNegotiator, type Negotiator } from './handshake.js';
import { createInboundDispatcher, type InboundHost } from './inbound.js';
import { createOfflineQueue, type OfflineQueue } from './offline-queue.js';
import {
  createDeadlineList,
  type DeadlineList,
  type PendingOwner,
  PendingRequest,
} from './pending-requests.js';
import { backoffDelay, type ReconnectPolicy, reconnectPolicy } from './reconnect.js';
import {
  createRegistrar,
  type RegisterOptions,
  type Registrar,
  type RegistrationHost,
  type RegistrationResult,
} from './registration.js';
import { applyRequestOptions, type RequestOptions } from './request-options.js';
import { type Result, responseError, toResult } from './results.js';
import { rqiSource } from './rqi.js';
import type { SocketAdapter, SocketCloseInfo, SocketHandshakeFailure } from './socket-adapter.js';
import { MemoryAeIdStore } from './stores/ae-id-store.js';
import { createSubscriptionRegistry, Subscription, type SubscriptionRegistry } from './subscription.js';
import { parseAbsRelTimestamp } from './timestamps.js';
import { createWebSocketAdapter, isSocketAdapter } from './transports/ws-adapter.js';

/** Options of `create()`: the per-request options plus an explicit `ty`. */
export interface CreateOptions extends RequestOptions {
  /**
   * Resource type, for content keys the client does not know (vendor specializations).
   * @default derived from the content's key (`m2m:cnt` → 3)
   */
  ty?: number;
}

/** Attributes of `subscribe()`: `<subscription>` attributes (long names with `translateNames`) plus shortcuts. */
export interface SubscribeAttributes {
  /** Notification event types (`enc.net`), e.g. `[3]` for child creation. */
  net?: number | number[];
  /** Notification content type. */
  nct?: number;
  /** Resource name of the subscription. */
  rn?: string;
  [attribute: string]: unknown;
}

/** Connection state of a client. */
export type ClientState = 'idle' | 'connecting' | 'open' | 'closed';

const CLIENT_CLOSED = 'the client was closed';
const WS_URL = /^wss?:\/\//i;
/** Retry policy of lazy mode while requests wait for a CSE that dropped the connection. */
const LAZY_RETRY = /* @__PURE__ */ reconnectPolicy(true)!;
/** Longest close() waits for the closing handshake to complete. */
const CLOSE_WAIT_MS = 2000;
/** `translateNames` when none is given: names are sent as the application wrote them. */
const AS_GIVEN = (value: unknown): unknown => value;
/** Stands in for an originator not known yet when a request is validated before sending. */
const VALIDATION_ORIGINATOR = 'Cpending';
/** Method names of the operations with content, for argument errors. */
const OPERATION_NAMES = { 1: 'create', 3: 'update', 5: 'notify' } as const;

/**
 * A oneM2M AE client over one WebSocket connection (TS-0020). Create it with `createClient`.
 * All methods are safe to call before `connect()`: the first request opens the connection.
 */
export class OneM2MClient implements PendingOwner {
  /** The CSE's point of access. */
  declare readonly url: string;
  /** `rvi` the client sends. */
  declare readonly releaseVersion: string;
  /** The AE-ID used as `fr`; set by `register()`, cleared by `deregister()`. */
  declare originator: string | undefined;

  readonly #adapter: SocketAdapter;
  readonly #negotiator: Negotiator;
  readonly #emitter: Emitter<ClientEvents>;
  /**
   * Requests in flight, by `rqi`. Late and duplicate responses need no record of settled requests:
   * `#rqi` recognises the identifiers it issued (bench finding 9).
   */
  readonly #pending = new Map<string, PendingRequest>();
  readonly #deadlines: DeadlineList;
  readonly #queue: OfflineQueue;
  readonly #rqi = rqiSource();
  readonly #requestTimeout: number;
  readonly #maxInFlight: number;
  /** Handshake headers of `options.headers` (undefined when there are none). */
  readonly #headers: Record<string, string> | undefined;
  readonly #reconnect: ReconnectPolicy | undefined;
  readonly #registrar: Registrar;
  /** `X-M2M-Origin` goes in the handshake: `originatorHeader` is on and the adapter can send headers. */
  readonly #originatorHeader: boolean;
  readonly #subscriptionBufferSize: number;
  readonly #validate: ((primitive: RequestPrimitive) => unknown) | undefined;
  readonly #validateResponse: ((response: ResponsePrimitive) => unknown) | undefined;
  readonly #names: (value: unknown) => unknown;
  readonly #subscriptions: SubscriptionRegistry;
  readonly #inbound: ReturnType<typeof createInboundDispatcher>;
  #conn: Connection | undefined;
  #closed = false;
  #everOpened = false;
  #reconnectAttempt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #connectWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  /** Use `createClient(options)`. */
  constructor(options: ClientOptions) {
    if (!options || typeof options.url !== 'string' || !WS_URL.test(options.url)) {
      throw new InvalidArgumentError(
        `url must be a ws:// or wss:// URL, got ${JSON.stringify(options?.url)}`,
      );
    }
    this.url = options.url;
    this.releaseVersion = options.releaseVersion ?? '3';
    if (typeof this.releaseVersion !== 'string' || !this.releaseVersion) {
      throw new InvalidArgumentError('releaseVersion must be a non-empty string');
    }
    this.originator = options.originator;
    const codecs: Codec[] = options.codecs ?? [jsonCodec];
    this.#negotiator = createNegotiator(options.serializations ?? ['json'], codecs);
    const webSocket = options.webSocket;
    this.#adapter = isSocketAdapter(webSocket)
      ? webSocket
      : createWebSocketAdapter(webSocket ? { WebSocket: webSocket } : {});
    this.#requestTimeout = positive(options.requestTimeout ?? 30_000, 'requestTimeout');
    // Without a default timeout no timer is armed per request, so an idle timer is never kept.
    this.#deadlines = createDeadlineList(this.#requestTimeout === Infinity ? 0 : this.#requestTimeout);
    this.#maxInFlight = options.maxInFlight ?? Infinity;
    if (!(this.#maxInFlight >= 1)) throw new InvalidArgumentError('maxInFlight must be >= 1');
    const headers = options.headers;
    if (headers && Object.keys(headers).length > 0) this.#headers = headers;
    this.#reconnect = reconnectPolicy(options.reconnect);
    this.#queue = createOfflineQueue(options.offlineQueue);
    this.#originatorHeader =
      (options.originatorHeader ?? true) && this.#adapter.capabilities.handshakeHeaders;
    this.#subscriptionBufferSize = options.subscriptionBufferSize ?? 1000;
    this.#validate = options.validateRequest;
    this.#validateResponse = options.validateResponse;
    this.#names = options.translateNames ?? AS_GIVEN;
    this.#emitter = new Emitter<ClientEvents>((error, event) => {
      if (event !== 'error') this.#emitter.emit('error', error);
    });
    this.#subscriptions = createSubscriptionRegistry(
      (address) => this.delete(address),
      (error) => this.#emitter.emit('error', error),
    );
    // One host object serves both: what the dispatcher and the registrar need of the internals.
    const host: InboundHost & RegistrationHost = {
      acceptVerification: options.acceptVerificationRequests ?? true,
      emitter: this.#emitter,
      subscriptions: this.#subscriptions,
      debug: this.#debug,
      cseBase: options.cseBase ?? '-',
      canSendHeaders: this.#adapter.capabilities.handshakeHeaders,
      names: this.#names,
      submit: (primitive, requestOptions, fillOriginator, isRegistration) =>
        this.#submit(primitive, requestOptions, fillOriginator, isRegistration),
      rebindIfNeeded: () => this.#rebindIfNeeded(),
    };
    this.#inbound = createInboundDispatcher(this, host);
    this.#registrar = createRegistrar(
      this,
      host,
      options.aeIdStore ?? new MemoryAeIdStore(),
      options.aeIdKey,
    );
  }

  // ---------------------------------------------------------------- public API

  /** Listen to a client event; returns the function that removes the listener. */
  on<E extends keyof ClientEvents & string>(event: E, listener: Listener<ClientEvents[E]>): Unsubscribe {
    return this.#emitter.on(event, listener);
  }

  /** The connection state. */
  get state(): ClientState {
    if (this.#closed) return 'closed';
    const conn = this.#conn;
    if (!conn) return 'idle';
    return conn.state === 'open' ? 'open' : 'connecting';
  }

  /** The subprotocol of the open connection ('' when not connected). */
  get protocol(): string {
    return this.#conn?.state === 'open' ? this.#conn.protocol : '';
  }

  /** Requests waiting to be sent (offline or beyond `maxInFlight`). */
  get queuedRequests(): number {
    return this.#queue.length;
  }

  /** Requests sent and awaiting their response. */
  get inFlightRequests(): number {
    return this.#pending.size;
  }

  /**
   * Opens the connection now (optional: the first request does it). Resolves once the handshake
   * completed and a subprotocol was agreed.
   * @throws {HandshakeError} when the server refuses or selects no/an unoffered subprotocol.
   */
  connect(): Promise<void> {
    if (this.#closed) return Promise.reject(closedError());
    const conn = this.#conn;
    if (conn?.ready) return Promise.resolve();
    const opened = this.#whenOpen();
    this.#ensureConnection();
    return opened;
  }

  /**
   * Sends any request primitive and resolves with the full response, whatever its `rsc`.
   * `rqi`, `rvi` and `fr` are filled in when absent.
   */
  request(
    primitive: Omit<RequestPrimitive, 'rqi'> & { rqi?: string },
    options: RequestOptions = {},
  ): Promise<ResponsePrimitive> {
    // Object.assign keeps one hidden class for all copies; a spread plus added members would not.
    const copy = Object.assign({}, primitive) as RequestPrimitive;
    return this.#submit(copy, options, copy.fr === undefined, false, true);
  }

  /**
   * Creates a resource under `parent`. `ty` is derived from the content's single key.
   * @example await client.create('-/myAE', { 'm2m:cnt': { rn: 'temp', mni: 100 } })
   * @throws {ResponseError} for a non-2xxx answer.
   */
  create<C extends Record<string, unknown>>(
    parent: string,
    content: C,
    options: CreateOptions = {},
  ): Promise<Result<C[keyof C] & Record<string, unknown>>> {
    return this.#crud(1, parent, options, content, options.ty);
  }

  /** Retrieves a resource. @throws {ResponseError} for a non-2xxx answer. */
  retrieve<T = Record<string, unknown>>(to: string, options: RequestOptions = {}): Promise<Result<T>> {
    return this.#crud(2, to, options);
  }

  /** Updates a resource with the given attributes. @throws {ResponseError} for a non-2xxx answer. */
  update<C extends Record<string, unknown>>(
    to: string,
    content: C,
    options: RequestOptions = {},
  ): Promise<Result<C[keyof C] & Record<string, unknown>>> {
    return this.#crud(3, to, options, content);
  }

  /** Deletes a resource. @throws {ResponseError} for a non-2xxx answer. */
  delete<T = Record<string, unknown>>(to: string, options: RequestOptions = {}): Promise<Result<T>> {
    return this.#crud(4, to, options);
  }

  /** Sends a Notify request (e.g. to another AE). @throws {ResponseError} for a non-2xxx answer. */
  notify<T = Record<string, unknown>>(
    to: string,
    content: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<Result<T>> {
    return this.#crud(5, to, options, content);
  }

  /**
   * The request of a CRUDN method: `content` (create, update, notify) becomes `pc` (and gives
   * `ty` on create). Not async, so the hottest calls cost no generator frame (bench/RESULTS.md);
   * an invalid argument rejects like a failed response.
   */
  #crud<T>(
    op: 1 | 2 | 3 | 4 | 5,
    to: string,
    options: RequestOptions,
    content?: Record<string, unknown>,
    ty?: number,
  ): Promise<Result<T>> {
    try {
      const primitive: RequestPrimitive = { op, to: '', rqi: '' };
      // Only create, update and notify carry content; the others have no name here.
      const operation = OPERATION_NAMES[op as 1 | 3 | 5];
      if (operation) {
        const pc = contentOf(content!, operation, this.#names);
        if (op === 1) {
          const key = Object.keys(pc)[0]!;
          ty ??= resourceTypeOf(key);
          if (ty === undefined)
            throw new InvalidArgumentError(
              `cannot derive the resource type of '${key}'; pass { ty }${this.#names === AS_GIVEN ? ' (long names need the translateNames option)' : ''}`,
            );
          primitive.ty = ty;
        }
        primitive.pc = pc;
      }
      primitive.to = target(to);
      return this.#submit(primitive, options, true).then(toResult<T>);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Discovers resources under `to` (a RETRIEVE with `fc.fu = 1`). Long filter names are accepted
   * when the client has `translateNames`.
   * @example await client.discover('-/myAE', { ty: [4], lim: 10 })
   */
  async discover(
    to: string,
    filter: FilterCriteria | Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<DiscoveryResult> {
    const fc = discoveryFilter(this.#names(filter) as FilterCriteria);
    const response = await this.#submit({ op: 2, to: target(to), rqi: '', fc }, options, true);
    toResult(response);
    return discoveryResult(response);
  }

  /**
   * Iterates over every discovered resource ID, page by page (`lim` = `pageSize`, `ofst`
   * advanced by the CSE's `cnot` or by the page length).
   */
  async *discoverAll(
    to: string,
    filter: FilterCriteria | Record<string, unknown> = {},
    options: DiscoverAllOptions = {},
  ): AsyncGenerator<string, void, undefined> {
    const { pageSize = 100, ...requestOptions } = options;
    if (!(pageSize >= 1)) throw new InvalidArgumentError('pageSize must be >= 1');
    const base = this.#names(filter) as FilterCriteria;
    // ofst is 1-based; the first page is sent without it unless the caller gave one.
    let offset = typeof base.ofst === 'number' ? base.ofst : 1;
    for (;;) {
      const fc: FilterCriteria = { ...base, lim: pageSize };
      if (offset !== 1 || base.ofst !== undefined) fc.ofst = offset;
      const page = await this.discover(to, fc, requestOptions);
      yield* page.uris;
      const next = nextPageOffset(page, offset, pageSize);
      if (next === undefined || page.uris.length === 0) return;
      offset = next;
    }
  }

  /**
   * Creates a `<subscription>` under `to` with `nu = [originator]` and returns a handle that
   * receives its notifications.
   * @example const sub = await client.subscribe('-/myAE/temp', { net: [3] })
   */
  async subscribe(
    to: string,
    attributes: SubscribeAttributes = {},
    options: RequestOptions = {},
  ): Promise<Subscription> {
    if (!this.originator) {
      throw new InvalidArgumentError(
        'subscribe() needs an originator: register() first or pass `originator`',
      );
    }
    const { net, nct, ...rest } = attributes;
    const sub = (this.#names({ 'm2m:sub': rest }) as Record<string, Record<string, unknown>>)['m2m:sub']!;
    if (net !== undefined) sub.enc = { ...(sub.enc as object), net: Array.isArray(net) ? net : [net] };
    if (nct !== undefined) sub.nct = nct;
    if (sub.nu === undefined) sub.nu = [this.originator];
    const result = await this.create(to, { 'm2m:sub': sub }, { ...options, ty: 23 });
    const resource = (result.content ?? {}) as Record<string, unknown>;
    const rn = typeof resource.rn === 'string' ? resource.rn : sub.rn;
    const ri = typeof resource.ri === 'string' ? resource.ri : undefined;
    const address = ri ?? `${to}/${String(rn)}`;
    const handle = new Subscription(
      this.#subscriptions,
      ri ?? address,
      address,
      resource,
      this.#subscriptionBufferSize,
    );
    this.#subscriptions.add(handle);
    return handle;
  }

  /**
   * Registers the AE (Create `<AE>`, TS-0020 6.4) and makes its AE-ID the client's originator.
   * With a stored AE-ID (see `aeIdStore`) it reuses it instead, unless the CSE answers 4004/4106
   * to it, in which case it registers afresh. `rr` defaults to true and `srv` to
   * `[releaseVersion]`. With a header-capable adapter, a registration that assigned the AE-ID on a
   * connection opened without it reconnects with `X-M2M-Origin` (ACME's flow).
   */
  register(ae: Record<string, unknown>, options: RegisterOptions = {}): Promise<RegistrationResult> {
    return this.#registrar.register(ae, options);
  }

  /** Deletes the client's `<AE>` and forgets the stored AE-ID. */
  deregister(options: RequestOptions = {}): Promise<Result> {
    return this.#registrar.deregister((to, o) => this.delete(to, o), options);
  }

  /**
   * Closes the connection for good and stops reconnecting. Queued requests reject with
   * `ConnectionError` (`CLIENT_CLOSED`), in-flight ones too (they may have been processed).
   * Subscription handles end (their `<subscription>` resources stay on the CSE).
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    for (const entry of this.#queue.drain()) {
      entry.fail(closedError(`before request ${entry.rqi} was sent`));
    }
    for (const entry of this.#pending.values()) {
      entry.fail(closedError(`while request ${entry.rqi} was in flight; it may have been processed`, true));
    }
    this.#pending.clear();
    this.#rejectConnectWaiters(closedError());
    this.#deadlines.clear();
    for (const handle of this.#subscriptions.all()) handle.end('client-closed');
    const conn = this.#conn;
    this.#conn = undefined;
    if (conn && conn.state !== 'closed') {
      const closed = conn.whenClosed();
      conn.close(1000, 'client closed');
      // A peer that never answers the close frame must not hold close() for ws's 30 s.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        closed,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
  }

  // ---------------------------------------------------------------- request pipeline

  #submit(
    primitive: RequestPrimitive,
    options: RequestOptions,
    fillOriginator: boolean,
    isRegistration = false,
    raw = false,
  ): Promise<ResponsePrimitive> {
    if (this.#closed) return Promise.reject(closedError());
    primitive.rqi = this.#rqi.issue(primitive.rqi);
    // rvi always travels as a string (ACME answers 4001 to a number).
    if (typeof primitive.rvi !== 'string') {
      primitive.rvi = primitive.rvi === undefined ? this.releaseVersion : String(primitive.rvi);
    }
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(new AbortError(primitive.rqi, signal.reason));
    let entry!: PendingRequest;
    const promise = new Promise<ResponsePrimitive>((resolve, reject) => {
      entry = new PendingRequest(primitive, this, this.#deadlines, resolve, reject);
    });
    const now = Date.now();
    try {
      applyRequestOptions(primitive, options, this.#names);
      // fr is (re)filled when the request is sent: registration may still be under way. It is set
      // now when known, so validation sees the real primitive without a copy.
      fillOriginator = fillOriginator && primitive.fr === undefined;
      if (fillOriginator && this.originator !== undefined) primitive.fr = this.originator;
      if (this.#validate !== undefined && !raw) {
        this.#validate(
          primitive.fr === undefined && fillOriginator
            ? Object.assign({}, primitive, { fr: VALIDATION_ORIGINATOR })
            : primitive,
        );
      }
      const timeout =
        options.timeout === undefined ? this.#requestTimeout : positive(options.timeout, 'timeout');
      entry.timeoutAt = now + timeout;
      if (primitive.rqet !== undefined) {
        const deadline = parseAbsRelTimestamp(primitive.rqet, 'rqet', now);
        entry.expireAt = deadline.at;
        entry.rqetRelative = deadline.relative;
      }
      if (options.retryOnReconnect) {
        if (primitive.op !== 2)
          throw new InvalidArgumentError('retryOnReconnect is allowed on retrieves only');
        entry.retryOnReconnect = true;
      }
    } catch (error) {
      return Promise.reject(error);
    }
    entry.fillOriginator = fillOriginator;
    entry.isRegistration = isRegistration;
    if (signal) {
      entry.signal = signal;
      signal.addEventListener('abort', entry, { once: true });
    }
    const conn = this.#conn;
    if (conn?.ready && this.#queue.length === 0 && conn.inFlight < this.#maxInFlight) {
      this.#transmit(conn, entry, now);
    } else {
      try {
        this.#queue.push(entry);
      } catch (error) {
        entry.release();
        return Promise.reject(error);
      }
      entry.arm();
      this.#ensureConnection();
    }
    return promise;
  }

  #transmit(conn: Connection, entry: PendingRequest, now: number): void {
    const p = entry.primitive;
    if (entry.fillOriginator && this.originator !== undefined) p.fr = this.originator;
    if (entry.rqetRelative) p.rqet = Math.max(1, entry.expireAt - now);
    let data: string | Uint8Array;
    try {
      data = conn.codec!.encode(p);
    } catch (error) {
      entry.fail(error);
      return;
    }
    if (conn.bindingProbePending && !entry.isRegistration) {
      conn.bindingProbePending = false;
      entry.bindingProbe = true;
    }
    entry.connection = conn;
    conn.inFlight++;
    entry.state = 'inflight';
    this.#pending.set(entry.rqi, entry);
    entry.arm();
    try {
      conn.socket!.send(data);
    } catch (error) {
      // The socket is going away; its close settles the entry like any other in-flight request.
      this.#debug('send failed', { rqi: entry.rqi, error: String(error) });
    }
  }

  #pump(): void {
    const conn = this.#conn;
    if (!conn?.ready) {
      if (this.#queue.length > 0) this.#ensureConnection();
      return;
    }
    if (this.#queue.length === 0) return;
    const now = Date.now();
    while (this.#queue.length > 0 && conn.inFlight < this.#maxInFlight && conn.state === 'open') {
      this.#transmit(conn, this.#queue.shift()!, now);
    }
  }

  /** A request left the wire (answered, timed out, aborted): free its slot. */
  #released(entry: PendingRequest): void {
    const conn = entry.connection as Connection | undefined;
    entry.connection = undefined;
    if (!conn) return;
    conn.inFlight--;
    if (conn.retiring && conn.inFlight === 0 && conn.state !== 'closed')
      conn.close(1000, 'rebinding originator');
    else if (conn === this.#conn) this.#pump();
  }

  /** @internal PendingOwner: timeout, or rqet passed while queued. */
  onTimer(entry: PendingRequest): void {
    const unsent = entry.state === 'queued';
    const rqi = entry.rqi;
    const why = entry.expireAt <= entry.timeoutAt ? 'expired (rqet)' : 'timed out';
    this.#drop(
      entry,
      new TimeoutError(
        unsent ? `request ${rqi} ${why} before it could be sent` : `no response to request ${rqi} in time`,
        rqi,
        unsent,
      ),
    );
  }

  /** @internal PendingOwner: the caller aborted. */
  onAbort(entry: PendingRequest): void {
    this.#drop(entry, new AbortError(entry.rqi, entry.signal?.reason));
  }

  /** Takes an unsettled request out of the queue or the pending table and rejects it. */
  #drop(entry: PendingRequest, error: unknown): void {
    const inFlight = entry.state === 'inflight';
    // A caller may reuse an rqi: only this entry's own mapping goes.
    if (inFlight) {
      if (this.#pending.get(entry.rqi) === entry) this.#pending.delete(entry.rqi);
    } else {
      this.#queue.remove(entry);
      this.#stopIdleRetry();
    }
    entry.fail(error);
    if (inFlight) this.#released(entry);
  }

  // ---------------------------------------------------------------- connection lifecycle

  #whenOpen(): Promise<void> {
    return new Promise((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
  }

  #rejectConnectWaiters(error: unknown): void {
    for (const waiter of this.#connectWaiters.splice(0)) waiter.reject(error);
  }

  #ensureConnection(): void {
    if (this.#closed || this.#reconnectTimer !== undefined) return;
    if (this.#conn && this.#conn.state !== 'closed') return;
    this.#openConnection(0);
  }

  #openConnection(attempt: number): void {
    let headers: Record<string, string> | undefined = this.#headers && { ...this.#headers };
    if (this.#originatorHeader && this.originator) {
      headers = { ...headers, 'X-M2M-Origin': this.originator };
    }
    const conn = new Connection(attempt, headers?.['X-M2M-Origin']);
    this.#conn = conn;
    const negotiator = this.#negotiator;
    const protocols = negotiator.offer;
    // The guards drop events a socket reports out of order (an error after open, a second close).
    conn.socket = this.#adapter.open(
      headers ? { url: this.url, protocols, headers } : { url: this.url, protocols },
      {
        onOpen: (info) => {
          if (conn.state === 'connecting') this.#connectionOpened(conn, info.protocol, info.extensions);
        },
        onHandshakeError: (failure) => {
          if (conn.state === 'connecting') this.#connectionFailed(conn, failure);
        },
        onMessage: (data) => {
          if (conn.state !== 'open') return;
          let decoded: DecodedPrimitive;
          try {
            decoded = negotiator.decode(conn.codec!, data);
          } catch (error) {
            this.#emitter.emit('error', error);
            return;
          }
          if (decoded.kind === 'response') this.#onResponse(decoded.primitive);
          else void this.#inbound(conn, decoded.primitive);
        },
        onClose: (info) => {
          if (conn.state === 'closed') return;
          conn.state = 'closed';
          try {
            this.#connectionClosed(conn, info);
          } finally {
            for (const resolve of conn.closeWaiters.splice(0)) resolve();
          }
        },
      },
    );
  }

  readonly #reconnectNow = (): void => {
    this.#reconnectTimer = undefined;
    if (this.#closed) return;
    if (this.#conn && this.#conn.state !== 'closed') return;
    if (!this.#reconnect && this.#queue.length === 0) {
      // Lazy mode retries only while requests wait; they all expired, so stay idle.
      this.#reconnectAttempt = 0;
      return;
    }
    this.#openConnection(this.#reconnectAttempt);
  };

  /** Lazy mode: stop retrying once no request waits for the connection any more. */
  #stopIdleRetry(): void {
    if (this.#reconnect || this.#queue.length > 0 || this.#reconnectTimer === undefined) return;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#reconnectAttempt = 0;
  }

  #scheduleReconnect(error?: unknown): void {
    const policy = this.#reconnect ?? LAZY_RETRY;
    const attempt = ++this.#reconnectAttempt;
    if (attempt > policy.maxAttempts) {
      this.#reconnectAttempt = 0;
      const failure = new ConnectionError(`gave up reconnecting after ${policy.maxAttempts} attempts`, {
        cause: error,
      });
      this.#failQueued(failure);
      this.#emitter.emit('error', failure);
      return;
    }
    const delay = backoffDelay(policy, attempt);
    this.#emitter.emit('reconnecting', error === undefined ? { attempt, delay } : { attempt, delay, error });
    this.#reconnectTimer = setTimeout(this.#reconnectNow, delay);
  }

  #failQueued(error: unknown): void {
    this.#rejectConnectWaiters(error);
    for (const entry of this.#queue.drain()) {
      entry.fail(error);
    }
  }

  #connectFailed(conn: Connection, error: unknown): void {
    conn.failed = true;
    if (conn === this.#conn) this.#conn = undefined;
    if (this.#closed) return;
    if (conn.state !== 'closed') conn.close(1002, 'handshake failed');
    if (this.#everOpened && (this.#reconnect || (this.#queue.length > 0 && isTransient(error)))) {
      // After a drop, a CSE that is briefly unreachable is retried while requests wait in the
      // queue (each bounded by its timeout/rqet); a definitive refusal fails them at once.
      this.#scheduleReconnect(error);
      return;
    }
    this.#failQueued(error);
  }

  #connectionOpened(conn: Connection, protocol: string, extensions: string): void {
    if (conn !== this.#conn || this.#closed) {
      conn.close(1000, 'superseded');
      return;
    }
    try {
      conn.codec = this.#negotiator.select(protocol);
    } catch (error) {
      this.#connectFailed(conn, error);
      return;
    }
    conn.state = 'open';
    conn.protocol = protocol;
    const reconnected = this.#everOpened;
    this.#everOpened = true;
    this.#reconnectAttempt = 0;
    this.#emitter.emit('open', {
      protocol,
      serialization: conn.codec.serialization,
      extensions,
      attempt: conn.attempt,
      reconnected,
    });
    for (const waiter of this.#connectWaiters.splice(0)) waiter.resolve();
    this.#pump();
  }

  #connectionFailed(conn: Connection, failure: SocketHandshakeFailure): void {
    if (conn.failed || conn !== this.#conn) return;
    const { status, message, cause } = failure;
    const refused = status === undefined ? 'failed' : `was refused with HTTP ${status}`;
    this.#connectFailed(
      conn,
      new HandshakeError(`the WebSocket handshake ${refused}: ${message}`, { status, cause }),
    );
  }

  #connectionClosed(conn: Connection, info: SocketCloseInfo): void {
    if (conn.failed) return;
    if (!conn.codec) {
      if (conn === this.#conn) {
        this.#connectFailed(
          conn,
          new HandshakeError(`the connection closed during the handshake (code ${info.code})`),
        );
      }
      return;
    }
    const current = conn === this.#conn;
    if (current) this.#conn = undefined;
    const retries: PendingRequest[] = [];
    // Deleting the current entry while iterating a Map is safe.
    for (const entry of this.#pending.values()) {
      if (entry.connection !== conn) continue;
      this.#pending.delete(entry.rqi);
      entry.connection = undefined;
      if (entry.retryOnReconnect && !this.#closed) {
        entry.state = 'queued';
        retries.push(entry);
      } else {
        entry.fail(
          new ConnectionError(
            `the connection closed (code ${info.code}) while request ${entry.rqi} was in flight; it may have been processed`,
            { mayHaveBeenProcessed: true, closeCode: info.code },
          ),
        );
      }
    }
    conn.inFlight = 0;
    for (let i = retries.length - 1; i >= 0; i--) {
      const entry = retries[i]!;
      try {
        this.#queue.push(entry, true);
        entry.arm();
        this.#debug('retrieve will be re-sent after reconnecting', { rqi: entry.rqi });
      } catch (error) {
        entry.fail(error);
      }
    }
    const rebinding = conn.retiring;
    const eager = this.#reconnect !== undefined && !conn.closingOnPurpose;
    const willReconnect = !this.#closed && current && (rebinding || eager || this.#queue.length > 0);
    this.#emitter.emit('close', {
      code: info.code,
      reason: info.reason,
      wasClean: info.wasClean,
      willReconnect,
    });
    if (this.#closed || !current) return;
    if (rebinding) this.#openConnection(0);
    else if (eager) this.#scheduleReconnect();
    else if (this.#queue.length > 0) this.#ensureConnection();
  }

  // ---------------------------------------------------------------- inbound

  #onResponse(response: ResponsePrimitive): void {
    const rqi = response.rqi;
    // Every request has a non-empty string rqi, so any other value finds nothing.
    const entry = this.#pending.get(rqi as string);
    if (!entry) {
      if (typeof rqi !== 'string' || !rqi) {
        if (response.rsc >= 3000) this.#emitter.emit('error', responseError(response));
        else this.#debug('response without rqi ignored', { rsc: response.rsc });
      } else {
        this.#debug(
          this.#rqi.issued(rqi) ? 'late or duplicate response ignored' : 'response to an unknown rqi ignored',
          {
            rqi,
            rsc: response.rsc,
          },
        );
      }
      return;
    }
    const conn = entry.connection as Connection;
    this.#pending.delete(rqi as string);
    entry.release();
    try {
      this.#validateResponse?.(response);
    } catch (error) {
      this.#released(entry);
      entry.reject(error);
      return;
    }
    if (entry.isRegistration && response.rsc >= 2000 && response.rsc < 3000 && conn) {
      if (!this.#adapter.capabilities.handshakeHeaders) conn.bindingProbePending = true;
    }
    const binding = response.rsc === 4103 && conn && (entry.bindingProbe || conn.bindingRefused);
    this.#released(entry);
    if (binding) {
      conn.bindingRefused = true;
      entry.reject(new OriginatorBindingError(entry.primitive.fr, response));
      return;
    }
    entry.resolve(response);
  }

  // ---------------------------------------------------------------- registration

  async #rebindIfNeeded(): Promise<void> {
    const conn = this.#conn;
    if (!this.#originatorHeader) return;
    if (conn?.state !== 'open' || conn.originHeader === this.originator) return;
    this.#debug('reconnecting with X-M2M-Origin after registration', { aei: this.originator });
    conn.retiring = true;
    const opened = this.#whenOpen();
    if (conn.inFlight === 0) conn.close(1000, 'rebinding originator');
    await opened;
  }

  readonly #debug = (message: string, detail?: Record<string, unknown>): void => {
    if (!this.#emitter.has('debug')) return;
    this.#emitter.emit('debug', detail ? { message, detail } : { message });
  };
}

/** The `ConnectionError` of a request (or connect) cut short by `close()`. */
function closedError(when?: string, mayHaveBeenProcessed = false): ConnectionError {
  return new ConnectionError(when ? `${CLIENT_CLOSED} ${when}` : CLIENT_CLOSED, {
    code: 'CLIENT_CLOSED',
    mayHaveBeenProcessed,
  });
}

function positive(value: number, name: string): number {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new InvalidArgumentError(`${name} must be a positive number of ms (or Infinity), got ${value}`);
  }
  return value;
}

function target(to: string): string {
  if (typeof to !== 'string' || !to)
    throw new InvalidArgumentError(`target must be a non-empty string, got ${JSON.stringify(to)}`);
  return to;
}

/** Validates a `pc` argument: an object with exactly one qualified key; names translated. */
function contentOf(
  content: Record<string, unknown>,
  operation: string,
  names: (value: unknown) => unknown,
): Record<string, unknown> {
  if (!content || typeof content !== 'object' || Array.isArray(content)) {
    throw new InvalidArgumentError(`${operation}: content must be an object such as { 'm2m:cnt': {...} }`);
  }
  const keys = Object.keys(content);
  if (keys.length !== 1) {
    throw new InvalidArgumentError(
      `${operation}: content must have exactly one key such as 'm2m:cnt', got ${keys.length}`,
    );
  }
  return names(content) as Record<string, unknown>;
}

/**
 * Whether a failed opening is worth retrying: no HTTP status (unreachable, reset, TLS hiccup) or a
 * status saying the server is temporarily unavailable. 4xx refusals are definitive.
 */
function isTransient(error: unknown): boolean {
  const e = error as { status?: number; selectedProtocol?: string };
  if (e.selectedProtocol !== undefined) return false;
  return e.status === undefined || e.status === 502 || e.status === 503 || e.status === 504;
}
