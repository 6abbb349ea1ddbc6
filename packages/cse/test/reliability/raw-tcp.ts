import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * A WebSocket client on raw TCP, for faults `ws` will not produce: it completes the opening
 * handshake, then writes a frame header promising more payload than it sends and cuts the socket,
 * or stops halfway through the upgrade request.
 */

/** Opens TCP to `url`, sends an upgrade request offering `protocol`, resolves once 101 arrived. */
export async function rawUpgrade(url: string, protocol = 'oneM2M.json'): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  const key = randomBytes(16).toString('base64');
  socket.write(
    `GET / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
  );
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(head.split('\r\n')[0]));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed during the upgrade')));
  });
  return socket;
}

/** A masked client text frame (RFC 6455 §5.2) carrying `payload`, FIN set. */
export function maskedTextFrame(payload: string): Buffer {
  const data = Buffer.from(payload, 'utf8');
  const mask = randomBytes(4);
  let header: Buffer;
  if (data.length < 126) header = Buffer.from([0x81, 0x80 | data.length]);
  else {
    header = Buffer.alloc(4);
    header[0] = 0x81;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(data.length, 2);
  }
  const masked = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) masked[i] = data[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

/** Writes the first half of `frame`, then destroys the socket; resolves once it is closed. */
export function writeHalfThenDestroy(socket: net.Socket, frame: Buffer): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.write(frame.subarray(0, Math.floor(frame.length / 2)), () => socket.destroy());
  });
}

/** Opens TCP and sends only part of an upgrade request, then destroys the socket. */
export async function halfUpgradeThenDestroy(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.write(`GET / HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websock`, () => socket.destroy());
  });
}
