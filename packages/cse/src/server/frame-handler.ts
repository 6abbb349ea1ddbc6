import {
  type DecodedPrimitive,
  ProtocolError,
  type RequestPrimitive,
  type ResponsePrimitive,
} from '@onem2m-ws/protocol';
import type { Engine } from '../engine/contract.js';
import type { ClientConnection } from './connection.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { ServerLog } from './logger.js';
import { isPlaceholderOriginator, originatorKey } from './originator-id.js';
import { recoverIds } from './request-id-recovery.js';
import { completeResponse, type EnvelopeContext, errorResponse } from './response-envelope.js';

/** What the frame handler needs from the server. */
export interface FrameHandlerDependencies {
  cseId: string;
  releaseVersion: string;
  registry: ConnectionRegistry;
  log: ServerLog;
  now: () => number;
  /** The engine; read on each request because it is created after the server listens. */
  engine: () => Engine;
}

const OP_NAMES: Record<number, string> = {
  1: 'CREATE',
  2: 'RETRIEVE',
  3: 'UPDATE',
  4: 'DELETE',
  5: 'NOTIFY',
};

/** rsc 4000 BAD_REQUEST and 4106 ORIGINATOR_NOT_AUTHENTICATED (TS-0004 §7.3.2.1, digest §1 and §4). */
const BAD_REQUEST = 4000;
const NOT_REGISTERED = 4106;
const INTERNAL_SERVER_ERROR = 5000;

/**
 * Turns inbound WebSocket messages into engine calls and responses. Every entry point catches
 * everything: one client's bad frame never reaches another client or crashes the process.
 */
export class FrameHandler {
  readonly #deps: FrameHandlerDependencies;

  constructor(deps: FrameHandlerDependencies) {
    this.#deps = deps;
  }

  /** Handle one WebSocket message. Never rejects. */
  async handle(
    connection: ClientConnection,
    data: Buffer | ArrayBuffer | Buffer[],
    isBinary: boolean,
  ): Promise<void> {
    try {
      const frame = toFrame(data, isBinary);
      const expectedBinary = connection.codec.frameType === 'binary';
      if (isBinary !== expectedBinary) {
        const got = isBinary ? 'binary' : 'text';
        const want = expectedBinary ? 'binary' : 'text';
        this.#reject(
          connection,
          `${got} frame on a ${connection.serialization} connection: ${connection.serialization} primitives travel in ${want} frames (TS-0020 Table 6.2.2.9-1)`,
          typeof frame === 'string' ? recoverIds(frame, 'json') : {},
        );
        return;
      }
      let decoded: DecodedPrimitive;
      try {
        decoded = connection.codec.decode(frame);
      } catch (err) {
        const text = err instanceof ProtocolError ? err.message : `cannot decode frame: ${String(err)}`;
        this.#reject(connection, text, recoverIds(frame, connection.serialization));
        return;
      }
      if (decoded.kind === 'response') {
        this.#onResponse(connection, decoded.primitive);
        return;
      }
      await this.#onRequest(connection, decoded.primitive);
    } catch (err) {
      this.#deps.log.error(
        `#${connection.id}: frame handling failed: ${err instanceof Error ? err.stack : String(err)}`,
      );
    }
  }

  #onResponse(connection: ClientConnection, response: ResponsePrimitive): void {
    if (!connection.pending.settle(response)) {
      this.#deps.log.warn(
        `#${connection.id}: response rqi=${response.rqi ?? '(none)'} rsc=${response.rsc} matches no request`,
      );
    }
  }

  async #onRequest(connection: ClientConnection, request: RequestPrimitive): Promise<void> {
    const started = this.#deps.now();
    const response = await this.#process(connection, request);
    connection.send(response);
    const ty = request.ty !== undefined ? ` ty=${request.ty}` : '';
    this.#deps.log.primitive(
      `#${connection.id} ${request.fr ?? connection.primaryOriginator ?? '-'} ${OP_NAMES[request.op] ?? `op=${request.op}`} ${request.to}${ty} rqi=${request.rqi} -> ${response.rsc} (${this.#deps.now() - started} ms)`,
    );
  }

  async #process(connection: ClientConnection, request: RequestPrimitive): Promise<ResponsePrimitive> {
    const engine = this.#deps.engine();
    const bound = connection.primaryOriginator;
    const isCreateAe = request.op === 1 && request.ty === 2;
    let effective = request;
    if (!isCreateAe) {
      // TS-0020 §6.4: until the originator has registered, only the registration is accepted.
      // A registered AE may reconnect and go on without registering again (§5.2 step 15).
      const originator = isPlaceholderOriginator(request.fr) ? bound : request.fr;
      if (originator === undefined) {
        return this.#error(
          connection,
          request,
          NOT_REGISTERED,
          'No originator: register first (Create AE), or send fr / X-M2M-Origin of a registered AE (TS-0020 6.4)',
        );
      }
      if (!engine.isRegistered(originator)) {
        return this.#error(
          connection,
          request,
          NOT_REGISTERED,
          `Originator ${originator} has not registered: only Create AE is accepted before registration (TS-0020 6.4)`,
        );
      }
      if (request.fr !== originator) effective = { ...request, fr: originator };
      if (connection.originators.size === 0) {
        this.#deps.registry.bind(originatorKey(originator, this.#deps.cseId), connection, 'implicit');
      }
    }
    let response: ResponsePrimitive;
    try {
      const context =
        bound !== undefined
          ? { boundOriginator: bound, serialization: connection.serialization }
          : { serialization: connection.serialization };
      response = await engine.handle(effective, context);
    } catch (err) {
      this.#deps.log.error(
        `engine failed on rqi=${request.rqi}: ${err instanceof Error ? err.stack : String(err)}`,
      );
      return this.#error(
        connection,
        request,
        INTERNAL_SERVER_ERROR,
        'Internal error while processing the request',
      );
    }
    if (isCreateAe && response.rsc === 2001) {
      const aei = this.#bindRegisteredAe(connection, response);
      // The response goes to the AE under its new ID when it registered with `C`, `S` or no `fr`.
      if (aei !== undefined && isPlaceholderOriginator(request.fr)) effective = { ...request, fr: aei };
    }
    return completeResponse(response, effective, this.#envelope(connection));
  }

  /** After a successful Create AE, notifications for the new AE travel on this connection. */
  #bindRegisteredAe(connection: ClientConnection, response: ResponsePrimitive): string | undefined {
    const ae = response.pc?.['m2m:ae'] as { aei?: unknown } | undefined;
    if (typeof ae?.aei !== 'string' || ae.aei === '') return undefined;
    const key = originatorKey(ae.aei, this.#deps.cseId);
    this.#deps.registry.bind(key, connection, 'explicit');
    // A connection opened with a header naming an ID that then was not the one registered
    // speaks for the registered AE from now on (requests without `fr` use it).
    const primary = connection.primaryOriginator;
    if (primary !== key && (primary === undefined || !this.#deps.engine().isRegistered(primary))) {
      connection.primaryOriginator = key;
    }
    return ae.aei;
  }

  #error(
    connection: ClientConnection,
    request: RequestPrimitive,
    rsc: number,
    text: string,
  ): ResponsePrimitive {
    return errorResponse(rsc, text, request, this.#envelope(connection));
  }

  /** Answer a frame that is not a usable primitive with 4000; the connection stays open. */
  #reject(
    connection: ClientConnection,
    text: string,
    ids: { rqi?: string; rvi?: string; fr?: string },
  ): void {
    const response = errorResponse(
      BAD_REQUEST,
      text,
      ids.rqi !== undefined ? { ...ids } : undefined,
      this.#envelope(connection),
    );
    if (ids.rqi === undefined && ids.rvi !== undefined) response.rvi = ids.rvi;
    connection.send(response);
    this.#deps.log.primitive(`#${connection.id} refused frame rqi=${ids.rqi ?? '(none)'} -> 4000: ${text}`);
  }

  #envelope(connection: ClientConnection): EnvelopeContext {
    const context: EnvelopeContext = {
      cseId: this.#deps.cseId,
      releaseVersion: this.#deps.releaseVersion,
      now: this.#deps.now(),
    };
    if (connection.primaryOriginator !== undefined) context.originator = connection.primaryOriginator;
    return context;
  }
}

function toFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): string | Uint8Array {
  const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  return isBinary
    ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : buffer.toString('utf8');
}
