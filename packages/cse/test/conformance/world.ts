import { afterEach } from 'vitest';
import type { CseHandle } from '../../src/start-cse.js';
import { type JsonMessage, openRaw, type RawConnection } from '../helpers/raw-ws.js';
import { startRealCse } from '../helpers/start-test-cse.js';

const connections: RawConnection[] = [];
const cses: CseHandle[] = [];

afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.close()));
  await Promise.all(cses.splice(0).map((c) => c.close()));
});

/** A connected AE speaking raw JSON frames: `req` fills rqi / rvi / fr. */
export interface RawAe {
  connection: RawConnection;
  aei: string;
  req(primitive: JsonMessage): Promise<JsonMessage>;
}

/** Start a real CSE (random port, closed after the test) and hand out raw connections to it. */
export async function conformanceWorld() {
  const cse = await startRealCse();
  cses.push(cse);
  let n = 0;
  const connect = async (headers?: Record<string, string>): Promise<RawConnection> => {
    const c = await openRaw(cse.url, 'oneM2M.json', headers ? { headers } : {});
    connections.push(c);
    return c;
  };
  /** Open a connection bound to `aei` (X-M2M-Origin) and register that AE on it. */
  const registerAe = async (aei: string, rn: string, extra: Record<string, unknown> = {}): Promise<RawAe> => {
    const connection = await connect({ 'X-M2M-Origin': aei });
    const rsp = await connection.request({
      op: 1,
      to: 'cse-in',
      fr: aei,
      rqi: `reg-${aei}`,
      rvi: '3',
      ty: 2,
      pc: { 'm2m:ae': { rn, api: 'Nconformance', rr: true, srv: ['3'], poa: ['ws://default'], ...extra } },
    });
    if (rsp.rsc !== 2001) throw new Error(`registration of ${aei} failed: ${JSON.stringify(rsp)}`);
    const req = (primitive: JsonMessage) =>
      connection.request({ fr: aei, rqi: `c${++n}`, rvi: '3', ...primitive });
    return { connection, aei, req };
  };
  return { cse, connect, registerAe };
}
