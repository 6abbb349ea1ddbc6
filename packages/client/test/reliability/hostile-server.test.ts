import { cborCodec, jsonCodec, ProtocolError } from '@onem2m-ws/protocol';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { watchUnhandledRejections } from '../../../../test-support/unhandled-rejections.js';
import {
  cborFrame,
  defineOwn,
  FUZZ_RUNS,
  hostileFrame,
  jsonFrame,
  mutatedValue,
  prototypeSnapshot,
} from '../../../protocol/test/fuzz/hostile.js';
import {
  AbortError,
  ConnectionError,
  createClient,
  InvalidArgumentError,
  type OneM2MClient,
  ResponseError,
  TimeoutError,
} from '../../src/index.js';
import { answerOk, type FaultServer, startFaultServer } from '../helpers/fault-server.js';
import { abortListenerCount, activeResources, settleResources } from './leak-check.js';

/**
 * Fuzzing the client from the network side, over a real socket: the fault server answers every
 * request with a hostile response carrying the right `rqi` (wrong types in every parameter, hostile
 * keys, deep nesting, huge values), sends hostile frames of any kind, or sends hostile requests
 * (notifications) of its own. Every API call must settle with a result or a typed error, no
 * prototype may change, and the client must still work afterwards.
 */

const baseline = prototypeSnapshot();
const unhandled = watchUnhandledRejections(
  () =>
    `[fuzz] client: ${counts.responses} hostile responses (${counts.resolved} resolved, ${counts.typedRejections} typed rejections), ${counts.inboundFrames} hostile inbound frames, FUZZ_RUNS=${FUZZ_RUNS}`,
);
const counts = { responses: 0, resolved: 0, typedRejections: 0, inboundFrames: 0 };

let server: FaultServer | undefined;
let client: OneM2MClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
});

const TYPED = [ConnectionError, TimeoutError, AbortError, ResponseError, ProtocolError, InvalidArgumentError];
/** 150 by default (each case may wait for a 100 ms timeout); FUZZ_RUNS sets it explicitly. */
const runs = process.env.FUZZ_RUNS ? FUZZ_RUNS : 150;
const TIMEOUT = 20_000 + runs * 100;

/** Each client method the fuzz calls, with arguments that are valid on the client side. */
const calls: ((c: OneM2MClient, signal: AbortSignal) => Promise<unknown>)[] = [
  (c, signal) => c.retrieve('-/x', { signal, timeout: 100 }),
  (c, signal) => c.create('-/x', { 'm2m:cnt': { rn: 'c' } }, { signal, timeout: 100 }),
  (c, signal) => c.update('-/x', { 'm2m:cnt': { lbl: ['a'] } }, { signal, timeout: 100 }),
  (c, signal) => c.delete('-/x', { signal, timeout: 100 }),
  (c, signal) => c.discover('-/x', { ty: [4] }, { signal, timeout: 100 }),
  (c, signal) => c.subscribe('-/x', { net: [3] }, { signal, timeout: 100 }),
  (c, signal) => c.notify('-/y', { 'm2m:sgn': { sur: 'x' } }, { signal, timeout: 100 }),
  (c, signal) => c.request({ op: 2, to: '-/x' }, { signal, timeout: 100 }),
];

describe('fuzz: the client against a hostile server (real socket)', () => {
  it(
    'every call settles with a result or a typed error whatever the response looks like',
    async () => {
      server = await startFaultServer();
      const srv = server;
      const before = activeResources();
      unhandled.reset();
      const c = createClient({
        url: srv.url,
        originator: 'Cfuzz',
        serializations: ['json'],
        codecs: [jsonCodec, cborCodec],
      });
      client = c;
      c.on('error', () => {});
      const signals: AbortSignal[] = [];
      await fc.assert(
        fc.asyncProperty(
          mutatedValue,
          fc.constantFrom(1001, 2000, 2001, 2002, 2004, 4004, 5000, 6000, 0, -1),
          fc.boolean(),
          fc.nat({ max: calls.length - 1 }),
          async (value, rsc, binary, which) => {
            srv.script = (req, conn) => {
              // The response is hostile but correlates: same rqi, a success or error rsc.
              const response = { ...value };
              defineOwn(response, 'rqi', req.rqi);
              if (typeof response.rsc !== 'number' || response.op !== undefined)
                defineOwn(response, 'rsc', rsc);
              delete response.op;
              if (binary) conn.frame(2, cborFrame(response));
              else conn.frame(1, jsonFrame(response));
            };
            const signal = new AbortController().signal;
            signals.push(signal);
            counts.responses++;
            const [outcome] = await Promise.allSettled([calls[which]!(c, signal)]);
            if (outcome!.status === 'fulfilled') counts.resolved++;
            else {
              const error = outcome!.reason;
              expect(
                TYPED.some((type) => error instanceof type),
                `untyped rejection ${String(error)}`,
              ).toBe(true);
              counts.typedRejections++;
            }
            expect(prototypeSnapshot()).toBe(baseline);
          },
        ),
        { numRuns: runs },
      );
      srv.script = answerOk;
      await expect(c.retrieve('-/after')).resolves.toMatchObject({ rsc: 2000 });
      expect(c.inFlightRequests).toBe(0);
      expect(abortListenerCount(signals)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled.reasons).toEqual([]);
      await c.close();
      const left = await settleResources(before);
      expect(left.timers).toBeLessThanOrEqual(before.timers);
      expect(left.sockets).toBeLessThanOrEqual(before.sockets);
    },
    TIMEOUT,
  );

  it(
    'hostile frames and hostile CSE requests pushed at the client never crash it',
    async () => {
      server = await startFaultServer({ protocols: ['oneM2M.cbor'] });
      const srv = server;
      unhandled.reset();
      const c = createClient({
        url: srv.url,
        originator: 'Cfuzz',
        serializations: ['cbor'],
        codecs: [cborCodec, jsonCodec],
      });
      client = c;
      c.on('error', () => {});
      c.on('notification', (event) => {
        // A listener touching the event's fields must not meet a getter that throws.
        void event.kind;
        void event.representation;
        void event.subscriptionReference;
      });
      c.on('request', (event) => event.respond(2000));
      // Open the connection; the script captures it for pushing frames.
      let push: ((data: string | Uint8Array, binary: boolean) => void) | undefined;
      srv.script = (req, conn) => {
        push = (data, binary) => conn.frame(binary ? 2 : 1, data);
        conn.answer(req);
      };
      await c.retrieve('-/open');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            hostileFrame,
            mutatedValue.map((v) => ({ kind: 'binary' as const, data: cborFrame(v) })),
          ),
          async (frame) => {
            push!(frame.data, frame.kind === 'binary');
            counts.inboundFrames++;
            expect(prototypeSnapshot()).toBe(baseline);
          },
        ),
        { numRuns: runs },
      );
      // Still usable, on the same connection or a fresh one.
      srv.script = answerOk;
      await expect(c.retrieve('-/after')).resolves.toMatchObject({ rsc: 2000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled.reasons).toEqual([]);
    },
    TIMEOUT,
  );
});
