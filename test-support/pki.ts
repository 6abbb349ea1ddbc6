/**
 * Test PKI generated with the `openssl` CLI, shared by the client's and the CSE's TLS tests: a
 * trusted CA with a server and a client certificate, and a second, untrusted CA with its own client
 * certificate (the "wrong" one).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A certificate and its private key, PEM. */
export interface KeyPair {
  cert: string;
  key: string;
}

/** Everything a mutual-TLS test needs. */
export interface TestPki {
  /** CA that signed the server and the valid client certificate. */
  ca: string;
  /** Server certificate for `localhost` and `127.0.0.1`. */
  server: KeyPair;
  /** Client certificate (CN `Ctest-client`) signed by {@link TestPki.ca}. */
  client: KeyPair;
  /** The same client key, encrypted with {@link TestPki.passphrase}. */
  encryptedClientKey: string;
  passphrase: string;
  /** CA nobody trusts, and a client certificate it signed. */
  rogueCa: string;
  rogueClient: KeyPair;
  /** The directory holding the PEM files (`ca.crt`, `server.key`, `server.crt`, ...), for CLIs. */
  dir: string;
  /** Remove the temporary directory. */
  cleanup(): void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function newKey(dir: string, name: string): void {
  openssl(dir, [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-out',
    `${name}.key`,
  ]);
}

function newCa(dir: string, name: string, cn: string): void {
  newKey(dir, name);
  openssl(dir, [
    'req',
    '-x509',
    '-new',
    '-key',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${cn}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

function newLeaf(dir: string, name: string, cn: string, ca: string, extensions: string): void {
  newKey(dir, name);
  openssl(dir, ['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-set_serial',
    String(Math.floor(Math.random() * 1e9)),
    '-days',
    '2',
    '-out',
    `${name}.crt`,
    '-extfile',
    `${name}.ext`,
  ]);
}

/** Generate the PKI in a fresh temporary directory (a few hundred ms with EC keys). */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'onem2m-ws-pki-'));
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  newCa(dir, 'ca', 'onem2m-ws test CA');
  newLeaf(
    dir,
    'server',
    'localhost',
    'ca',
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
  );
  newLeaf(dir, 'client', 'Ctest-client', 'ca', 'extendedKeyUsage=clientAuth\n');
  newCa(dir, 'rogue-ca', 'rogue CA');
  newLeaf(dir, 'rogue-client', 'Ctest-client', 'rogue-ca', 'extendedKeyUsage=clientAuth\n');
  const passphrase = 'correct horse';
  openssl(dir, [
    'pkey',
    '-in',
    'client.key',
    '-aes256',
    '-passout',
    `pass:${passphrase}`,
    '-out',
    'client-enc.key',
  ]);
  return {
    ca: read('ca.crt'),
    server: { cert: read('server.crt'), key: read('server.key') },
    client: { cert: read('client.crt'), key: read('client.key') },
    encryptedClientKey: read('client-enc.key'),
    passphrase,
    rogueCa: read('rogue-ca.crt'),
    rogueClient: { cert: read('rogue-client.crt'), key: read('rogue-client.key') },
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
