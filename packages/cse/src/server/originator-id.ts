/**
 * AE-IDs reach the binding in several forms: the stem (`Cxyz`), SP-relative (`/id-in/Cxyz`, `/Sxyz`)
 * or absolute (`//sp.example/id-in/Cxyz`). Connections are keyed by one canonical form, the stem,
 * for AEs of this CSE; IDs of other CSEs are kept whole.
 */
export function originatorKey(id: string, cseId: string): string {
  let rest = id.trim();
  if (rest.startsWith('//')) {
    // Absolute: drop the SP-ID, leaving an SP-relative ID.
    const slash = rest.indexOf('/', 2);
    if (slash < 0) return rest;
    rest = rest.slice(slash);
  }
  if (rest.startsWith(`${cseId}/`)) return rest.slice(cseId.length + 1);
  // SP-relative S-AE-ID (`/Sxyz`) has no CSE-ID part.
  if (/^\/S[^/]+$/.test(rest)) return rest.slice(1);
  return rest;
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
