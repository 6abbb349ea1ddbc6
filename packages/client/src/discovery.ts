import type { FilterCriteria, ResponsePrimitive } from '@onem2m-ws/protocol';
import type { RequestOptions } from './request-options.js';

/**
 * Discovery (TS-0004: a RETRIEVE with `fc.fu = 1`) and paging through large results with
 * `lim` / `ofst`, using `cnot` (content offset) and `cnst` (content status) when the CSE sets them.
 */

/** The outcome of one discovery request. */
export interface DiscoveryResult {
  /** The discovered resource IDs (`m2m:uril`). */
  uris: string[];
  /** True when the CSE said the result is partial (`cnst` = 1). */
  partial: boolean;
  /** The offset to continue from (`cnot`), when the CSE gave one. */
  nextOffset: number | undefined;
  /** The complete response primitive. */
  response: ResponsePrimitive;
}

/** Options of `client.discoverAll`. */
export interface DiscoverAllOptions extends RequestOptions {
  /**
   * Results requested per page (`fc.lim`).
   * @default 100
   */
  pageSize?: number;
}

/** Builds `fc` for discovery: the caller's filter with `fu` forced to 1. */
export function discoveryFilter(
  filter: FilterCriteria | Record<string, unknown> | undefined,
): FilterCriteria {
  return { ...filter, fu: 1 };
}

const WHITESPACE = /\s+/;

/** Reads `m2m:uril` (an array in JSON/CBOR, a space-separated list in XML). */
export function discoveryResult(response: ResponsePrimitive): DiscoveryResult {
  const raw = response.pc?.['m2m:uril'];
  const uris = Array.isArray(raw)
    ? raw.filter((u): u is string => typeof u === 'string')
    : typeof raw === 'string'
      ? raw.split(WHITESPACE).filter(Boolean)
      : [];
  const cnot = typeof response.cnot === 'number' ? response.cnot : undefined;
  return { uris, partial: response.cnst === 1, nextOffset: cnot, response };
}

/**
 * Where the next page starts (`ofst` is 1-based: 1 is the first match), or `undefined` when this
 * page was the last: `cnot` when the CSE gives it, otherwise the running offset when the page
 * came back full or marked partial.
 */
export function nextPageOffset(page: DiscoveryResult, offset: number, pageSize: number): number | undefined {
  if (page.nextOffset !== undefined && page.nextOffset > offset) return page.nextOffset;
  if (page.partial) return offset + page.uris.length;
  if (page.uris.length >= pageSize) return offset + page.uris.length;
  return undefined;
}
