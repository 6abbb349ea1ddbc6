import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type Codec,
  cborCodec,
  jsonCodec,
  type RequestPrimitive,
  type ResponsePrimitive,
} from '@onem2m-ws/protocol';

/**
 * A scripted fault server on 127.0.0.1 that speaks WebSocket over raw TCP: it performs the
 * opening handshake itself and reads and writes frames byte by byte, so a test can make it do
 * what no well-behaved server (and no `ws` server) does — write half a frame and cut the socket,
 * send a frame type the subprotocol does not allow, exceed the client's `maxPayload`, answer a
 * request twice or never. Each received request goes to the test's script, which decides.
 */

/** What the script can do with the connection a request arrived on. */
export interface FaultConnection {
  /** The negotiated subprotocol. */
  readonly protocol: string;
  /** Serialization of that subprotocol. */
  readonly codec: Codec;
  /** Answers `request` with `rsc` (2000 by default) and optional `pc`, encoded with the connection's codec. */
  answer(request: RequestPrimitive, rsc?: number, pc?: Record<string, unknown>): void;
  /** Sends a response primitive as is, encoded with the connection's codec. */
  send(response: ResponsePrimitive | Record<string, unknown>): void;
  /** Sends one complete data frame (opcode 1 text, 2 binary) with any payload. */
  frame(opcode: 1 | 2, payload: string | Uint8Array): void;
  /** Writes the header and half of the payload of a data frame, then destroys the TCP socket. */
  partialFrameThenDestroy(opcode: 1 | 2, payload: string | Uint8Array): void;
  /** Sends a close frame with `code` and ends the socket (clean close). */
  close(code?: number): void;
  /** Destroys the TCP socket without a close frame (abnormal close, 1006). */
  destroy(): void;
}

/**
 * How the server treats the opening handshake: complete it (`normal`), never answer the upgrade
 * request (`stall`), answer 101 with a wrong `Sec-WebSocket-Accept` (`bad-accept`) or without
 * `Sec-WebSocket-Protocol` (`no-protocol`), or cut TCP halfway through the 101 response (`cut`).
 */
export type UpgradeMode = 'normal' | 'stall' | 'bad-accept' | 'no-protocol' | 'cut';

/** Decides what happens to each request. The default answers 2000. */
export type FaultScript = (request: RequestPrimitive, connection: FaultConnection) => void;

/** Options of {@link startFaultServer}. */
export interface FaultServerOptions {
  /** Subprotocol names the server selects from, in its own preference. @default ['oneM2M.json', 'oneM2M.cbor'] */
  protocols?: string[];
}

/** A running fault server. */
export interface FaultServer {
  readonly url: string;
  /** The script; replace it between steps of a test. */
  script: FaultScript;
  /** How the next handshakes go. @default 'normal' */
  upgrade: UpgradeMode;
  /** Requests received, in order. */
  readonly requests: RequestPrimitive[];
  /** Connections accepted since the start. */
  readonly connectionsAccepted: number;
  /** Connections still open on the server side. */
  readonly openConnections: number;
  /** Destroys every connection and frees the port. */
  close(): Promise<void>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The answer a CSE would give: rsc 2000, same rqi, the request's `to` as `fr`. */
export const answerOk: FaultScript = (request, connection) => connection.answer(request);

/** Starts a fault server; close it in `afterEach`. */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const accepted = options.protocols ?? ['oneM2M.json', 'oneM2M.cbor'];
  const sockets = new Set<Socket>();
  const requests: RequestPrimitive[] = [];
  let connectionsAccepted = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(426).end();
  });
  const state: { script: FaultScript; upgrade: UpgradeMode } = { script: answerOk, upgrade: 'normal' };
  /** Sockets of stalled or cut handshakes, destroyed on close. */
  const handshaking = new Set<Socket>();

  server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => {});
    // http servers allow half-open sockets: without this, a client that sends FIN without a close
    // frame (e.g. after refusing our handshake) would leave our side open.
    socket.once('end', () => socket.destroy());
    const key = req.headers['sec-websocket-key'];
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim().toLowerCase());
    const protocol = accepted.find((name) => offered.includes(name.toLowerCase()));
    if (typeof key !== 'string' || !protocol) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const mode = state.upgrade;
    if (mode === 'stall') {
      handshaking.add(socket);
      socket.once('close', () => handshaking.delete(socket));
      return;
    }
    const acceptKey = createHash('sha1')
      .update(mode === 'bad-accept' ? `${key}x` : key + WS_GUID)
      .digest('base64');
    const response =
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${acceptKey}\r\n` +
      (mode === 'no-protocol' ? '\r\n' : `Sec-WebSocket-Protocol: ${protocol}\r\n\r\n`);
    if (mode === 'cut') {
      socket.write(response.slice(0, response.length >> 1), () => socket.destroy());
      return;
    }
    socket.write(response);
    connectionsAccepted++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const codec = protocol.toLowerCase().includes('cbor') ? cborCodec : jsonCodec;
    const connection = faultConnection(socket, protocol, codec);
    const reader = new FrameReader((opcode, payload) => {
      if (opcode === 8) {
        // Echo the close frame, as RFC 6455 §5.5.1 asks, then end.
        writeFrame(socket, 8, payload.subarray(0, 2));
        socket.end();
        return;
      }
      if (opcode === 9) {
        writeFrame(socket, 10, payload);
        return;
      }
      if (opcode !== 1 && opcode !== 2) return;
      let request: RequestPrimitive;
      try {
        const decoded = codec.decode(opcode === 1 ? payload.toString('utf8') : new Uint8Array(payload));
        if (decoded.kind !== 'request') return;
        request = decoded.primitive;
      } catch {
        return;
      }
      requests.push(request);
      state.script(request, connection);
    });
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    if (head.length > 0) reader.push(head);
  });

  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}`,
    get script() {
      return state.script;
    },
    set script(script: FaultScript) {
      state.script = script;
    },
    get upgrade() {
      return state.upgrade;
    },
    set upgrade(mode: UpgradeMode) {
      state.upgrade = mode;
    },
    requests,
    get connectionsAccepted() {
      return connectionsAccepted;
    },
    get openConnections() {
      return sockets.size;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      for (const socket of handshaking) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function faultConnection(socket: Socket, protocol: string, codec: Codec): FaultConnection {
  const sendEncoded = (data: string | Uint8Array) =>
    writeFrame(socket, typeof data === 'string' ? 1 : 2, toBuffer(data));
  return {
    protocol,
    codec,
    answer(request, rsc = 2000, pc) {
      const response: ResponsePrimitive = { rsc, rqi: request.rqi, rvi: request.rvi ?? '3', fr: request.to };
      if (pc) response.pc = pc;
      sendEncoded(codec.encode(response));
    },
    send(response) {
      sendEncoded(codec.encode(response as ResponsePrimitive));
    },
    frame(opcode, payload) {
      writeFrame(socket, opcode, toBuffer(payload));
    },
    partialFrameThenDestroy(opcode, payload) {
      const bytes = toBuffer(payload);
      const whole = frameBytes(opcode, bytes);
      // The header promises the full length; only the header and half the payload arrive.
      const cut = whole.length - bytes.length + Math.floor(bytes.length / 2);
      socket.write(whole.subarray(0, cut), () => socket.destroy());
    },
    close(code = 1000) {
      const body = Buffer.alloc(2);
      body.writeUInt16BE(code);
      writeFrame(socket, 8, body);
      socket.end();
    },
    destroy() {
      socket.destroy();
    },
  };
}

function toBuffer(data: string | Uint8Array): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
}

/** An unmasked server frame (RFC 6455 §5.2), FIN set. */
function frameBytes(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

function writeFrame(socket: Socket, opcode: number, payload: Buffer): void {
  if (!socket.writable) return;
  socket.write(frameBytes(opcode, payload));
}

/** Reads the client's (masked, unfragmented) frames from the TCP byte stream. */
class FrameReader {
  #buffer: Buffer = Buffer.alloc(0);
  readonly #onFrame: (opcode: number, payload: Buffer) => void;

  constructor(onFrame: (opcode: number, payload: Buffer) => void) {
    this.#onFrame = onFrame;
  }

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const buffer = this.#buffer;
      if (buffer.length < 2) return;
      const opcode = buffer[0]! & 0x0f;
      const masked = (buffer[1]! & 0x80) !== 0;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskOffset = offset;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (masked) {
        for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ buffer[maskOffset + (i % 4)]!;
      }
      this.#buffer = buffer.subarray(offset + length);
      this.#onFrame(opcode, payload);
    }
  }
}
