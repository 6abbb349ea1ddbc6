import {
  ProtocolError,
  type RequestPrimitive,
  type ResponsePrimitive,
  toShortNames,
} from '@onem2m-ws/protocol';
import { InvalidArgumentError, OriginatorBindingError } from './errors.js';
import type { RequestOptions } from './request-options.js';
import { type Result, toResult } from './results.js';
import type { AeIdStore } from './stores/ae-id-store.js';

/** Options of `register()`. */
export interface RegisterOptions extends RequestOptions {
  /**
   * Where to create the `<AE>`.
   * @default the client's `cseBase`
   */
  to?: string;
}

/** What `register()` resolves with. */
export interface RegistrationResult extends Result<Record<string, unknown>> {
  /** The AE-ID, now `client.originator`. */
  aei: string;
  /** True when a stored AE-ID was reused instead of registering again. */
  reused: boolean;
}

/** The client's public state the registrar reads and writes (the client itself). */
export interface RegistrationClient {
  readonly url: string;
  readonly releaseVersion: string;
  /** Set by a registration, cleared by deregistration. */
  originator: string | undefined;
}

/** What the registrar needs from its client's internals. */
export interface RegistrationHost {
  /** The `to` of the Create `<AE>` when the caller gives none. */
  readonly cseBase: string;
  /** False when the adapter cannot send handshake headers (browsers). */
  readonly canSendHeaders: boolean;
  /** Sends a request through the client's pipeline; resolves with the response, whatever its rsc. */
  submit(
    primitive: RequestPrimitive,
    options: RequestOptions,
    fillOriginator: boolean,
    isRegistration: boolean,
  ): Promise<ResponsePrimitive>;
  /** Reconnects with `X-M2M-Origin` when the open connection is bound to another originator. */
  rebindIfNeeded(): Promise<void>;
  debug(message: string, detail?: Record<string, unknown>): void;
}

/**
 * AE registration (TS-0020 6.4) with AE-ID persistence (issue 5): the Create `<AE>`, reuse of a
 * stored AE-ID (checked by retrieving the `<AE>` with it; 4004/4106 means the CSE forgot it and a
 * fresh registration follows), and deregistration.
 */
export class Registrar {
  readonly #client: RegistrationClient;
  readonly #host: RegistrationHost;
  readonly #store: AeIdStore;
  readonly #key: string | undefined;
  /** Store key and `<AE>` address of the current registration. */
  #current: { key: string; address: string | undefined } | undefined;

  constructor(client: RegistrationClient, host: RegistrationHost, store: AeIdStore, key: string | undefined) {
    this.#client = client;
    this.#host = host;
    this.#store = store;
    this.#key = key;
  }

  /** See `OneM2MClient.register`. */
  async register(ae: Record<string, unknown>, options: RegisterOptions): Promise<RegistrationResult> {
    const client = this.#client;
    const host = this.#host;
    if (!ae || typeof ae !== 'object') throw new InvalidArgumentError('register() needs the <AE> attributes');
    const { to = host.cseBase, ...requestOptions } = options;
    const attributes = {
      ...(toShortNames({ 'm2m:ae': ae }) as Record<string, Record<string, unknown>>)['m2m:ae'],
    };
    attributes.rr ??= true;
    attributes.srv ??= [client.releaseVersion];
    const key = this.#key ?? `${client.url}#${String(attributes.rn ?? attributes.api ?? '')}`;

    if (client.originator === undefined) {
      const stored = await this.#store.get(key);
      if (stored) {
        const reused = await this.#tryStored(stored, key, requestOptions);
        if (reused) return reused;
      }
    }

    const primitive: RequestPrimitive = { op: 1, to, rqi: '', ty: 2, pc: { 'm2m:ae': attributes } };
    if (client.originator !== undefined) primitive.fr = client.originator;
    const result = toResult<Record<string, unknown>>(
      await host.submit(primitive, requestOptions, false, true),
    );
    const aei = result.content?.aei;
    if (typeof aei !== 'string' || !aei) {
      throw new ProtocolError(
        'INVALID_PRIMITIVE',
        'the registration response carries no AE-ID (pc.m2m:ae.aei)',
        {
          field: 'pc.m2m:ae.aei',
        },
      );
    }
    client.originator = aei;
    this.#current = { key, address: addressOf(result.content) };
    await this.#store.set(key, aei);
    await host.rebindIfNeeded();
    return { ...result, aei, reused: false };
  }

  /** See `OneM2MClient.deregister`. */
  async deregister(
    remove: (to: string, options: RequestOptions) => Promise<Result>,
    options: RequestOptions,
  ): Promise<Result> {
    const client = this.#client;
    const aei = client.originator;
    if (!aei) throw new InvalidArgumentError('deregister(): the client has no originator');
    const result = await remove(this.#current?.address ?? aei, options);
    if (this.#current) await this.#store.delete(this.#current.key);
    this.#current = undefined;
    client.originator = undefined;
    return result;
  }

  /** Adopts `stored` if the CSE still knows it; `undefined` when a fresh registration is needed. */
  async #tryStored(
    stored: string,
    key: string,
    options: RequestOptions,
  ): Promise<RegistrationResult | undefined> {
    const client = this.#client;
    const host = this.#host;
    client.originator = stored;
    let result: Result<Record<string, unknown>>;
    try {
      const response = await host.submit({ op: 2, to: stored, rqi: '' }, options, true, false);
      if (response.rsc === 4103 && !host.canSendHeaders) {
        // The stored ID is the first use of this header-less connection: a CSE that binds
        // connections to originators (ACME) refuses it whatever the ID.
        throw new OriginatorBindingError(stored, response);
      }
      if (response.rsc === 4004 || response.rsc === 4106) {
        host.debug('stored AE-ID unknown to the CSE; registering again', { aei: stored, rsc: response.rsc });
        await this.#store.delete(key);
        client.originator = undefined;
        return undefined;
      }
      result = toResult<Record<string, unknown>>(response);
    } catch (error) {
      client.originator = undefined;
      throw error;
    }
    this.#current = { key, address: addressOf(result.content) };
    return { ...result, aei: stored, reused: true };
  }
}

function addressOf(resource: Record<string, unknown> | undefined): string | undefined {
  return typeof resource?.ri === 'string' ? resource.ri : undefined;
}
