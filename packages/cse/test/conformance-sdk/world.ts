import { type Client, createClient, type NotificationEvent, ResponseError } from '@onem2m-ws/client';
import { type CseHandle, type StartCseOptions, startCse } from '@onem2m-ws/cse';
import { cborCodec, jsonCodec, type Serialization, toShortNames, xmlCodec } from '@onem2m-ws/protocol';
import { afterEach } from 'vitest';

const clients: Client[] = [];
const cses: CseHandle[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(cses.splice(0).map((c) => c.close()));
});

/** A registered SDK client with a log of every notification it received. */
export interface SdkAe {
  client: Client;
  aei: string;
  notifications: NotificationEvent[];
  /** Resolves with the next notification (already received ones included) matching `match`. */
  next(match?: (n: NotificationEvent) => boolean): Promise<NotificationEvent>;
}

/** The rsc of a rejected SDK call (a ResponseError), or throws what was not one. */
export async function rscOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ResponseError) return error.rsc;
    throw error;
  }
  throw new Error('expected a ResponseError');
}

/** Start a real CSE on 127.0.0.1 (closed after the test) and hand out SDK clients to it. */
export async function sdkWorld(options: StartCseOptions = {}) {
  const cse = await startCse({ port: 0, host: '127.0.0.1', ...options });
  cses.push(cse);
  const open = (options: { originator?: string; serialization?: Serialization } = {}): Client => {
    const client = createClient({
      url: cse.url,
      codecs: [jsonCodec, cborCodec, xmlCodec],
      // As the `onem2m-ws` entry does: the tests write long names where an application would.
      translateNames: toShortNames,
      serializations: [options.serialization ?? 'json'],
      ...(options.originator ? { originator: options.originator } : {}),
    });
    clients.push(client);
    return client;
  };
  const watch = (client: Client, aei: string): SdkAe => {
    const notifications: NotificationEvent[] = [];
    const waiters: { match: (n: NotificationEvent) => boolean; resolve: (n: NotificationEvent) => void }[] =
      [];
    const seen = new Set<NotificationEvent>();
    client.on('notification', (n) => {
      notifications.push(n);
      const i = waiters.findIndex((w) => w.match(n));
      if (i >= 0) {
        seen.add(n);
        waiters.splice(i, 1)[0]!.resolve(n);
      }
    });
    const next = (match: (n: NotificationEvent) => boolean = () => true) => {
      const found = notifications.find((n) => !seen.has(n) && match(n));
      if (found) {
        seen.add(found);
        return Promise.resolve(found);
      }
      return new Promise<NotificationEvent>((resolve) => waiters.push({ match, resolve }));
    };
    return { client, aei, notifications, next };
  };
  /** Registers an AE through `client.register` (with `originator` as its requested AE-ID). */
  const registerAe = async (
    originator: string | undefined,
    rn: string,
    extra: Record<string, unknown> = {},
    serialization?: Serialization,
  ): Promise<SdkAe> => {
    const client = open({
      ...(originator ? { originator } : {}),
      ...(serialization ? { serialization } : {}),
    });
    const { aei } = await client.register(
      { rn, api: 'Nconformance', rr: true, srv: ['3'], poa: ['ws://default'], ...extra },
      { to: 'cse-in' },
    );
    return watch(client, aei);
  };
  return { cse, open, watch, registerAe };
}

/** The `con` of the contentInstance a notification carries, if any. */
export function conOf(n: NotificationEvent): unknown {
  return (n.representation?.['m2m:cin'] as { con?: unknown } | undefined)?.con;
}
