// ESM consumer: each subpath resolves to its .d.ts and the API is typed.
import { type ClientOptions, createClient, ResponseError } from 'onem2m-ws';
import { createClient as createJsonClient } from 'onem2m-ws/json';
import { createClient as createNodeClient } from 'onem2m-ws/node';

const options: ClientOptions = { url: 'ws://127.0.0.1:8180', serializations: ['cbor', 'json'] };
const client = createClient(options);
const off: () => void = client.on('close', (event) => console.log(event.code, event.wasClean));
off();
export const clients = [
  client,
  createJsonClient({ url: options.url }),
  createNodeClient({ url: options.url }),
];
export const isResponseError = (error: unknown): number | undefined =>
  error instanceof ResponseError ? error.rsc : undefined;
