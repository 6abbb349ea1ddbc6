import { type RequestPrimitive, type ResponsePrimitive, validateRequest } from '@onem2m-ws/protocol';
import { type ClientEvents, type ClientOptions, createClient, type OneM2MClient } from '../../src/index.js';
import {
  createMemoryAdapter,
  type MemoryServer,
  type MemoryServerConnection,
} from '../../src/transports/memory-adapter.js';

/** A client wired to a scripted in-memory server. */
export interface MemorySetup {
  client: OneM2MClient;
  server: MemoryServer;
}

/** Creates a client over a fresh in-memory adapter, validating requests like the `onem2m-ws` entry. */
export function memoryClient(
  options: Partial<ClientOptions> = {},
  adapterOptions: { handshakeHeaders?: boolean } = {},
): MemorySetup {
  const { adapter, server } = createMemoryAdapter(adapterOptions);
  const client = createClient({ url: 'ws://cse.test', webSocket: adapter, validateRequest, ...options });
  return { client, server };
}

/** Reads the next request the client sent on `conn`. */
export async function nextRequest(conn: MemoryServerConnection): Promise<RequestPrimitive> {
  const message = await conn.nextJson<RequestPrimitive>();
  if (typeof message.op !== 'number') throw new Error(`expected a request, got ${JSON.stringify(message)}`);
  return message;
}

/** Reads the next message the client sent on `conn`, expecting a response primitive. */
export async function nextResponse(conn: MemoryServerConnection): Promise<ResponsePrimitive> {
  const message = await conn.nextJson<ResponsePrimitive>();
  if (typeof message.rsc !== 'number') throw new Error(`expected a response, got ${JSON.stringify(message)}`);
  return message;
}

/** Answers `request` with `rsc` (and `pc`), echoing rqi and rvi like ACME. */
export function answer(
  conn: MemoryServerConnection,
  request: RequestPrimitive,
  rsc: number,
  pc?: Record<string, unknown>,
): void {
  conn.sendJson({ rsc, rqi: request.rqi, rvi: request.rvi, ...(pc ? { pc } : {}) });
}

/** Collects events of `client` of one kind into an array. */
export function collect<T>(client: OneM2MClient, event: keyof ClientEvents): T[] {
  const out: T[] = [];
  client.on(event, (value) => {
    out.push(value as T);
  });
  return out;
}
