import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Serialization } from '@onem2m-ws/protocol';
import type { CseLogger } from './server/logger.js';
import type { CseTlsOptions } from './server/options.js';
import { type CseHandle, type StartCseOptions, startCse } from './start-cse.js';

const USAGE = `Usage: onem2m-cse [options]

Embedded development CSE speaking the oneM2M WebSocket binding (TS-0020).
For development and tests only: production deployments use a full CSE (ACME, OM2M, Mobius).

Options:
  --port <n>               TCP port (0 = any free port)                 [default: 8180]
  --host <addr>            interface to listen on                       [default: 127.0.0.1]
  --cse-id <id>            CSE-ID with leading slash                    [default: /id-in]
  --cse-name <name>        CSEBase resource name                        [default: cse-in]
  --serializations <list>  accepted serializations in preference order  [default: json,cbor,xml]
  --release-version <rvi>  rvi of CSE-originated requests               [default: 3]
  --max-payload <bytes>    largest WebSocket message                    [default: 8388608]
  --no-deflate             decline permessage-deflate
  --tls-key <file>         PEM private key: serve wss (needs --tls-cert)
  --tls-cert <file>        PEM certificate chain
  --tls-ca <file>          PEM CA: require client certificates signed by it (mutual TLS)
  --verbose                log one line per primitive
  --help                   show this text
`;

/** Thrown for command-line mistakes; the message is shown with the usage. */
class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'USAGE';
}

function parseCommandLine(argv: string[]): StartCseOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'cse-id': { type: 'string' },
      'cse-name': { type: 'string' },
      serializations: { type: 'string' },
      'release-version': { type: 'string' },
      'max-payload': { type: 'string' },
      'no-deflate': { type: 'boolean' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-ca': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const integer = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a non-negative integer, got "${text}"`);
    return Number(text);
  };
  const options: StartCseOptions = { port: integer('port', values.port) ?? 8180 };
  if (values.host !== undefined) options.host = values.host;
  if (values['cse-id'] !== undefined) options.cseId = values['cse-id'];
  if (values['cse-name'] !== undefined) options.cseName = values['cse-name'];
  if (values['release-version'] !== undefined) options.releaseVersion = values['release-version'];
  const maxPayload = integer('max-payload', values['max-payload']);
  if (maxPayload !== undefined) options.maxPayload = maxPayload;
  if (values['no-deflate']) options.perMessageDeflate = false;
  if (values.serializations !== undefined) {
    options.serializations = values.serializations
      .split(',')
      .map((s) => s.trim().toLowerCase()) as Serialization[];
  }
  if (values.verbose) options.verbose = true;
  const key = values['tls-key'];
  const cert = values['tls-cert'];
  if ((key === undefined) !== (cert === undefined))
    throw new UsageError('--tls-key and --tls-cert go together');
  if (values['tls-ca'] !== undefined && key === undefined)
    throw new UsageError('--tls-ca needs --tls-key and --tls-cert');
  if (key !== undefined && cert !== undefined) {
    const tls: CseTlsOptions = { key: readPem(key, 'tls-key'), cert: readPem(cert, 'tls-cert') };
    if (values['tls-ca'] !== undefined) tls.ca = readPem(values['tls-ca'], 'tls-ca');
    options.tls = tls;
  }
  return options;
}

function readPem(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UsageError(`--${option}: cannot read ${path}: ${(err as Error).message}`);
  }
}

const stamp = (): string => new Date().toISOString();
const logger: CseLogger = {
  info: (line) => process.stdout.write(`${stamp()} ${line}\n`),
  warn: (line) => process.stderr.write(`${stamp()} WARN ${line}\n`),
  error: (line) => process.stderr.write(`${stamp()} ERROR ${line}\n`),
};

async function main(): Promise<void> {
  let options: StartCseOptions | 'help';
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`onem2m-cse: ${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  // Signal handlers go in before the server starts, so a signal right after the "listening"
  // line still shuts down cleanly.
  let cse: CseHandle | undefined;
  let stopping = false;
  const shutdown = () => {
    if (!cse) return;
    cse.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error(`shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal means the user does not want to wait for the closing handshakes.
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: shutting down`);
    shutdown();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    cse = await startCse({ ...options, logger });
  } catch (err) {
    process.stderr.write(`onem2m-cse: ${(err as Error).message}\n`);
    process.exit(1);
  }
  if (stopping) shutdown();
}

void main();
