import { normalizeOriginator } from '../originator-stem.js';

/**
 * AE-IDs reach the binding in several forms: the stem (`Cxyz`), SP-relative (`/id-in/Cxyz`, `/Sxyz`)
 * or absolute (`//sp.example/id-in/Cxyz`). Connections are keyed by one canonical form, the stem,
 * for AEs of this CSE; IDs of other CSEs are kept whole.
 */
export function originatorKey(id: string, cseId: string): string {
  // Header values may carry surrounding blanks; the engine's IDs never do.
  return normalizeOriginator(id.trim(), cseId);
}

/**
 * `X-M2M-Origin` values that ask the CSE to assign an ID (ACME's flow connects with `C`),
 * so they do not bind the connection to a concrete originator.
 */
export function isPlaceholderOriginator(id: string | undefined): boolean {
  return id === undefined || id === '' || id === 'C' || id === 'S';
}

/** True for notification URIs the binding delivers by opening a new WebSocket connection. */
export function isWebSocketUrl(target: string): boolean {
  return /^wss?:\/\//i.test(target);
}
