import { ResponseStatusCode, statusName } from '@onem2m-ws/protocol';

/** Response status codes by TS-0004 name (TS-0004 §6.6, digest §4), from the protocol package. */
export const Rsc = ResponseStatusCode;

/** The TS-0004 name of a status code, e.g. `NOT_FOUND` for 4004. */
export function rscName(rsc: number): string {
  return statusName(rsc) ?? `RSC_${rsc}`;
}

/**
 * A request failed with a oneM2M status. Thrown inside the engine and turned into a response
 * primitive with `pc: {"m2m:dbg": "<NAME>: <detail>"}` at the edge, so `handle` never throws.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  /** The response status code (4xxx / 5xxx / 6xxx). */
  readonly rsc: number;

  constructor(rsc: number, detail: string) {
    super(detail);
    this.rsc = rsc;
  }

  /** The `m2m:dbg` text: the spec name of the status followed by the detail. */
  get debugText(): string {
    return `${rscName(this.rsc)}: ${this.message}`;
  }
}

/** Shorthand for `new RequestError(rsc, detail)` in expression position. */
export function fail(rsc: number, detail: string): never {
  throw new RequestError(rsc, detail);
}

/** Render an untrusted request value for an `m2m:dbg` text, without ever throwing. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
