import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A small WebSocket CSE stand-in on 127.0.0.1 that plays the TS-0020 Annex A flow: register an
 * AE, create a container, create a subscription (then push a notification for it), retrieve and
 * delete. It exists for fault cases a real CSE does not produce on demand (drops mid-request,
 * refused handshakes, ACME-style originator binding).
 */

/** A primitive as JSON. */
export type Json = Record<string, any>;

/** Options of {@link startAnnexAServer}. */
export interface AnnexAServerOptions {
  /** Subprotocols the server accepts, in its own preference order. @default ['oneM2M.json', 'oneM2M.R2.0.json'] */
  protocols?: string[];
  /** ACME mode: a connection without `X-M2M-Origin` may only register; anything else gets 4103. */
  bindOriginator?: boolean;
  /** Refuse every handshake with this HTTP status. */
  refuseStatus?: number;
  /** Return true to drop the connection (no answer) when this request arrives. */
  dropOn?: (request: Json) => boolean;
  /** Port to listen on. @default 0 (any) */
  port?: number;
}

/** A running server. */
export interface AnnexAServer {
  url: string;
  port: number;
  /** Every request received, in order, with the handshake origin of its connection. */
  requests: { request: Json; origin: string | undefined }[];
  /** Every response the clients sent (answers to notifications). */
  responses: Json[];
  /** Handshakes seen: offered protocols, X-M2M-Origin and all request headers. */
  handshakes: { protocols: string[]; origin: string | undefined; headers: IncomingMessage['headers'] }[];
  /** Resolves with the next response a client sends. */
  nextResponse(): Promise<Json>;
  /** Sends a request to every open connection. */
  push(request: Json): void;
  /** Drops every open connection without a close frame. */
  dropAll(): void;
  close(): Promise<void>;
}

/** Starts the server; close it in `afterEach`. */
export async function startAnnexAServer(options: AnnexAServerOptions = {}): Promise<AnnexAServer> {
  const accepted = options.protocols ?? ['oneM2M.json', 'oneM2M.R2.0.json'];
  const requests: AnnexAServer['requests'] = [];
  const responses: Json[] = [];
  const handshakes: AnnexAServer['handshakes'] = [];
  const responseWaiters: ((r: Json) => void)[] = [];
  const resources = new Map<string, Json>();
  let counter = 0;
  let readIndex = 0;
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    handleProtocols: (offered) => {
      const lower = [...offered].map((p) => p.toLowerCase());
      for (const name of accepted) if (lower.includes(name.toLowerCase())) return name;
      return false;
    },
    verifyClient: (info: { req: IncomingMessage }, done: (ok: boolean, status?: number) => void) => {
      const offered = String(info.req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      handshakes.push({
        protocols: offered,
        origin: header(info.req, 'x-m2m-origin'),
        headers: info.req.headers,
      });
      if (options.refuseStatus) done(false, options.refuseStatus);
      else done(true);
    },
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as AddressInfo).port;

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const origin = header(req, 'x-m2m-origin');
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: Json;
      try {
        message = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ rsc: 4000, rvi: '3', pc: { 'm2m:dbg': 'malformed' } }));
        return;
      }
      if (typeof message.rsc === 'number') {
        responses.push(message);
        const waiter = responseWaiters.shift();
        if (waiter) {
          readIndex++;
          waiter(message);
        }
        return;
      }
      requests.push({ request: message, origin });
      if (options.dropOn?.(message)) {
        ws.terminate();
        return;
      }
      const reply = (rsc: number, pc?: Json) =>
        ws.send(JSON.stringify({ rsc, rqi: message.rqi, rvi: message.rvi, ...(pc ? { pc } : {}) }));
      const isRegistration = message.op === 1 && message.ty === 2;
      if (options.bindOriginator && !isRegistration && origin !== message.fr) return reply(4103);
      if (isRegistration) {
        const aei =
          typeof message.fr === 'string' && message.fr.length > 1 ? message.fr : `C${++counter}auto`;
        const ae = { ...message.pc['m2m:ae'], ri: aei, aei, ty: 2 };
        resources.set(aei, ae);
        return reply(2001, { 'm2m:ae': ae });
      }
      if (message.op === 1) {
        const [key] = Object.keys(message.pc ?? {});
        const ri = `${key?.slice(4)}${++counter}`;
        const resource = { ...message.pc[key!], ri, ty: message.ty };
        resources.set(ri, resource);
        reply(2001, { [key!]: resource });
        if (message.ty === 23) {
          setTimeout(() => {
            ws.send(
              JSON.stringify({
                op: 5,
                to: message.fr,
                fr: '/id-in',
                rqi: `notify-${counter}`,
                rvi: '5',
                pc: {
                  'm2m:sgn': { sur: `/id-in/${ri}`, nev: { net: 3, rep: { 'm2m:cin': { con: 'hello' } } } },
                },
              }),
            );
          }, 5);
        }
        return;
      }
      if (message.op === 2) {
        const resource = resources.get(message.to);
        return resource ? reply(2000, { 'm2m:ae': resource }) : reply(4004);
      }
      if (message.op === 4) return reply(2002);
      reply(2000);
    });
  });

  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    requests,
    responses,
    handshakes,
    nextResponse: () => {
      const buffered = responses[readIndex];
      if (buffered) {
        readIndex++;
        return Promise.resolve(buffered);
      }
      return new Promise((resolve) => responseWaiters.push(resolve));
    },
    push: (request) => {
      for (const client of wss.clients) client.send(JSON.stringify(request));
    },
    dropAll: () => {
      for (const client of wss.clients) client.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
