import {
  ProtocolError,
  parseIncomingResponse,
  type ResponsePrimitive,
  validateResource,
} from '@onem2m-ws/protocol';
import { describe, expect, it } from 'vitest';
import { memoryClient, nextRequest } from '../helpers/memory.js';

/** Receive-side checks as README suggests: the primitive's parameters, then each `pc` member. */
function validateResponse(response: ResponsePrimitive): void {
  const { pc } = parseIncomingResponse(response);
  if (pc) for (const key of Object.keys(pc)) validateResource(key, pc[key]);
}

/** Retrieves `-/a`, answers with `response` (plus the request's rqi), and settles. */
async function retrieveAnsweredWith(
  response: Record<string, unknown>,
  options: { validateResponse?: (response: ResponsePrimitive) => unknown },
): Promise<PromiseSettledResult<unknown>> {
  const { client, server } = memoryClient({ originator: 'Cabc', ...options });
  const p = client.retrieve('-/a');
  const conn = await server.nextConnection();
  const q = await nextRequest(conn);
  conn.sendJson({ rqi: q.rqi, rvi: '3', ...response });
  const [settled] = await Promise.allSettled([p]);
  // The client still works: the refused response freed its slot.
  const next = client.retrieve('-/b');
  conn.sendJson({ rsc: 2000, rqi: (await nextRequest(conn)).rqi, rvi: '3' });
  await expect(next).resolves.toMatchObject({ rsc: 2000 });
  await client.close();
  return settled!;
}

describe('validateResponse option', () => {
  it('rejects the request with the ProtocolError naming a wrong-typed pc attribute', async () => {
    const response = { rsc: 2000, pc: { 'm2m:cnt': { rn: 'a', mni: 'ten' } } };
    const settled = await retrieveAnsweredWith(response, { validateResponse });
    expect(settled.status).toBe('rejected');
    const error = (settled as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ field: 'm2m:cnt.mni' });
  });

  it('rejects the request with the ProtocolError naming a wrong-typed parameter', async () => {
    const settled = await retrieveAnsweredWith({ rsc: 2000, cnot: 'many' }, { validateResponse });
    const error = (settled as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ field: 'cnot' });
  });

  it('without the option the same responses resolve', async () => {
    for (const response of [
      { rsc: 2000, pc: { 'm2m:cnt': { rn: 'a', mni: 'ten' } } },
      { rsc: 2000, cnot: 'many' },
    ]) {
      const settled = await retrieveAnsweredWith(response, {});
      expect(settled).toMatchObject({ status: 'fulfilled', value: { rsc: 2000 } });
    }
  });

  it('passes valid responses, error responses included, to the caller as before', async () => {
    const ok = await retrieveAnsweredWith(
      { rsc: 2000, pc: { 'm2m:cnt': { rn: 'a', mni: 10 } } },
      { validateResponse },
    );
    expect(ok).toMatchObject({ status: 'fulfilled', value: { content: { rn: 'a', mni: 10 } } });
    const notFound = await retrieveAnsweredWith({ rsc: 4004 }, { validateResponse });
    expect((notFound as PromiseRejectedResult).reason).toMatchObject({ rsc: 4004 });
  });

  it('whatever the validator throws is the rejection', async () => {
    const refusal = new Error('refused by the application');
    let calls = 0;
    const settled = await retrieveAnsweredWith(
      { rsc: 2000 },
      {
        // Refuses the first response only: the follow-up request of the helper must resolve.
        validateResponse: () => {
          if (calls++ === 0) throw refusal;
        },
      },
    );
    expect((settled as PromiseRejectedResult).reason).toBe(refusal);
    expect(calls).toBe(2);
  });
});
