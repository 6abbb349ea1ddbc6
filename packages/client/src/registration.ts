import { ProtocolError, type RequestPrimitive, type ResponsePrimitive } from '@onem2m-ws/protocol';
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
  /** The client's `translateNames` (names as given when it has none). */
  names(value: unknown): unknown;
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

/** AE registration, as the client's `register()` and `deregister()` use it. */
export interface Registrar {
  /** See `OneM2MClient.register`. */
  register(ae: Record<string, unknown>, options: RegisterOptions): Promise<RegistrationResult>;
  /** See `OneM2MClient.deregister`. */
  deregister(
    remove: (to: string, options: RequestOptions) => Promise<Result>,
    options: RequestOptions,
  ): Promise<Result>;
}

/**
 * AE registration (TS-0020 6.4) with AE-ID persistence (issue 5): the Create `<AE>`, reuse of a
 * stored AE-ID (checked by retrieving the `<AE>` with it; 4004/4106 means the CSE forgot it and a
 * fresh registration follows), and deregistration. A closure rather than a class: its state is
 * private to two operations, and closure variables cost fewer bundle bytes than private fields.
 */
export function createRegistrar(
  client: RegistrationClient,
  host: RegistrationHost,
  store: AeIdStore,
  fixedKey: string | undefined,
): Registrar {
  /** Store key and `<AE>` address of the current registration. */
  let current: { key: string; address: string | undefined } | undefined;

  /** Adopts `stored` if the CSE still knows it; `undefined` when a fresh registration is needed. */
  async function tryStored(
    stored: string,
    key: string,
    options: RequestOptions,
  ): Promise<RegistrationResult | undefined> {
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
        await store.delete(key);
        client.originator = undefined;
        return undefined;
      }
      result = toResult<Record<string, unknown>>(response);
    } catch (error) {
      client.originator = undefined;
      throw error;
    }
    current = { key, address: addressOf(result.content) };
    return { ...result, aei: stored, reused: true };
  }

  return {
    async register(ae, options) {
      if (!ae || typeof ae !== 'object')
        throw new InvalidArgumentError('register() needs the <AE> attributes');
      const { to = host.cseBase, ...requestOptions } = options;
      const attributes = {
        ...(host.names({ 'm2m:ae': ae }) as Record<string, Record<string, unknown>>)['m2m:ae'],
      };
      attributes.rr ??= true;
      attributes.srv ??= [client.releaseVersion];
      const key = fixedKey ?? `${client.url}#${String(attributes.rn ?? attributes.api ?? '')}`;

      if (client.originator === undefined) {
        const stored = await store.get(key);
        if (stored) {
          const reused = await tryStored(stored, key, requestOptions);
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
      current = { key, address: addressOf(result.content) };
      await store.set(key, aei);
      await host.rebindIfNeeded();
      return { ...result, aei, reused: false };
    },

    async deregister(remove, options) {
      const aei = client.originator;
      if (!aei) throw new InvalidArgumentError('deregister(): the client has no originator');
      const result = await remove(current?.address ?? aei, options);
      if (current) await store.delete(current.key);
      current = undefined;
      client.originator = undefined;
      return result;
    },
  };
}

function addressOf(resource: Record<string, unknown> | undefined): string | undefined {
  return typeof resource?.ri === 'string' ? resource.ri : undefined;
}
