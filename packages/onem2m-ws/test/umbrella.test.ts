/**
 * The umbrella's entries wire the right codecs into `createClient` (from the sources; the built
 * package is checked by dist-exports.e2e.ts): `onem2m-ws` negotiates JSON, CBOR and XML with a
 * real CSE on 127.0.0.1, `onem2m-ws/json` refuses anything but JSON with a typed error, and validates
 * requests and translates long names only when given the functions that do it.
 */
import { type CseHandle, startCse } from '@onem2m-ws/cse';
import {
  type ClientOptions,
  createClient,
  InvalidArgumentError,
  type OpenEvent,
  ProtocolError,
  ResponseError,
  toShortNames,
  validateRequestParameters,
} from 'onem2m-ws';
import { createClient as createJsonClient } from 'onem2m-ws/json';
import { createClient as createNodeClient } from 'onem2m-ws/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let cse: CseHandle;

beforeAll(async () => {
  cse = await startCse({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await cse?.close();
});

describe('onem2m-ws entries', () => {
  it.each(['json', 'cbor', 'xml'] as const)(
    'onem2m-ws negotiates %s and round-trips a container',
    async (serialization) => {
      const client = createClient({ url: cse.url, serializations: [serialization] });
      try {
        const opened = new Promise<OpenEvent>((resolve) => client.on('open', resolve));
        await client.register(
          { rn: `umbrella-${serialization}`, api: 'Numbrella', rr: true, srv: ['3'] },
          { to: 'cse-in' },
        );
        expect((await opened).serialization).toBe(serialization);
        await client.create(`cse-in/umbrella-${serialization}`, {
          'm2m:cnt': { rn: 'box', lbl: ['a', 'b'] },
        });
        const box = await client.retrieve(`cse-in/umbrella-${serialization}/box`);
        expect(box.content).toMatchObject({ rn: 'box', lbl: ['a', 'b'] });
        await client.deregister();
      } finally {
        await client.close();
      }
    },
  );

  it('onem2m-ws/node has the same three codecs', () => {
    expect(() => createNodeClient({ url: cse.url, serializations: ['cbor', 'xml'] })).not.toThrow();
  });

  it('onem2m-ws/json speaks JSON and refuses CBOR/XML with InvalidArgumentError', async () => {
    expect(() => createJsonClient({ url: cse.url, serializations: ['cbor'] })).toThrow(InvalidArgumentError);
    expect(() => createJsonClient({ url: cse.url, serializations: ['xml'] })).toThrow(/no codec/);
    const client = createJsonClient({ url: cse.url });
    try {
      const registered = await client.register(
        { rn: 'umbrella-json-only', api: 'Numbrella', rr: true, srv: ['3'] },
        {
          to: 'cse-in',
        },
      );
      expect(registered).toBeDefined();
      expect(client.originator).toMatch(/^C/);
    } finally {
      await client.close();
    }
  });

  it.each([
    ['onem2m-ws', createClient],
    ['onem2m-ws/node', createNodeClient],
    [
      'onem2m-ws/json with validateRequestParameters',
      (options: ClientOptions) =>
        createJsonClient({ ...options, validateRequest: validateRequestParameters }),
    ],
  ] as const)('%s rejects a request the spec forbids before sending it', async (_, create) => {
    const client = create({ url: cse.url, originator: 'Cnobody' });
    try {
      // rcn 9 (modified attributes) is a CREATE/UPDATE result content, never a RETRIEVE one.
      const error = await client.retrieve('cse-in', { rcn: 9 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).field).toBe('rcn');
      // Nothing left: not even a connection was opened for it.
      expect(client.state).toBe('idle');
    } finally {
      await client.close();
    }
  });

  it('onem2m-ws/json leaves validation to the CSE unless given a validator', async () => {
    const client = createJsonClient({ url: cse.url, originator: 'Cnobody' });
    try {
      const error = await client.retrieve('cse-in', { rcn: 9 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as ResponseError).rsc).toBeGreaterThanOrEqual(4000);
    } finally {
      await client.close();
    }
  });

  it('onem2m-ws checks the resource inside pc too; validateRequestParameters leaves that to the CSE', async () => {
    const bad = { 'm2m:cnt': { rn: 'box', mni: 'many' } } as never;
    const full = createClient({ url: cse.url, originator: 'Cnobody' });
    const jsonOnly = createJsonClient({
      url: cse.url,
      originator: 'Cnobody',
      validateRequest: validateRequestParameters,
    });
    try {
      const error = await full.create('cse-in', bad).catch((e: unknown) => e);
      expect((error as ProtocolError).field).toBe('pc.m2m:cnt.mni');
      // Sent: the CSE answers (the originator is not registered, or the content is refused).
      const answered = await jsonOnly.create('cse-in', bad).catch((e: unknown) => e);
      expect(answered).toBeInstanceOf(ResponseError);
    } finally {
      await full.close();
      await jsonOnly.close();
    }
  });

  it.each([
    ['onem2m-ws', createClient],
    ['onem2m-ws/node', createNodeClient],
    [
      'onem2m-ws/json with translateNames',
      (options: ClientOptions) => createJsonClient({ ...options, translateNames: toShortNames }),
    ],
  ] as const)('%s accepts long names wherever short ones are', async (name, create) => {
    const rn = `long-${name.replace(/\W+/g, '-')}`;
    const client = create({ url: cse.url });
    try {
      await client.register(
        { resourceName: rn, 'App-ID': 'Nlong', requestReachability: true },
        { to: 'cse-in' },
      );
      await client.create(`cse-in/${rn}`, {
        'm2m:container': { resourceName: 'box', maxNrOfInstances: 3, labels: ['l'] },
      });
      const box = await client.retrieve(`cse-in/${rn}/box`, { resultContent: 1 });
      expect(box.content).toMatchObject({ rn: 'box', mni: 3, lbl: ['l'] });
      const found = await client.discover(`cse-in/${rn}`, { labels: ['l'], resourceType: [3] });
      expect(found.uris).toHaveLength(1);
      await client.deregister();
    } finally {
      await client.close();
    }
  });

  it('onem2m-ws/json sends names as given unless given translateNames', async () => {
    const client = createJsonClient({ url: cse.url });
    try {
      await client.register({ rn: 'long-json-lean', api: 'Nlong', rr: true, srv: ['3'] }, { to: 'cse-in' });
      // Refused before sending: no resource type can be derived from a long resource name.
      const underLongName = await client
        .create('cse-in/long-json-lean', { 'm2m:container': { rn: 'box' } })
        .catch((e: unknown) => e);
      expect(underLongName).toBeInstanceOf(InvalidArgumentError);
      expect(String(underLongName)).toMatch(/translateNames/);
      // Sent as written: the CSE refuses the attribute it does not know.
      const longAttribute = await client
        .create('cse-in/long-json-lean', { 'm2m:cnt': { resourceName: 'box' } })
        .catch((e: unknown) => e);
      expect(longAttribute).toBeInstanceOf(ResponseError);
      expect((longAttribute as ResponseError).rsc).toBe(4000);
      expect((longAttribute as ResponseError).message).toMatch(/resourceName/);
      // The request options' long names are the client's own and always understood: rcn 9 goes
      // out, and the CSE refuses it on a RETRIEVE.
      const refused = await client
        .retrieve('cse-in/long-json-lean', { resultContent: 9 })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ResponseError);
      expect((refused as ResponseError).message).toMatch(/rcn/);
      await client.deregister();
    } finally {
      await client.close();
    }
  });
});
