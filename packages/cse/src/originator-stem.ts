/**
 * Normalize an originator / AE-ID to the CSE-relative stem both the engine (AEs) and the binding
 * (connections) key by: `/id-in/Cxyz` → `Cxyz`, `//sp/id-in/Cxyz` → `Cxyz`, `/Sxyz` → `Sxyz`.
 * IDs of other CSEs stay as they are. Neutral ground, so neither layer imports the other for it.
 */
export function normalizeOriginator(id: string, cseId: string): string {
  let s = id;
  if (s.startsWith('//')) {
    // Absolute: drop the SP-ID, leaving an SP-relative ID.
    const slash = s.indexOf('/', 2);
    if (slash < 0) return id;
    s = s.slice(slash);
  }
  if (s.startsWith(`${cseId}/`)) return s.slice(cseId.length + 1);
  // SP-relative S-AE-ID (`/Sxyz`) has no CSE-ID part.
  if (/^\/S[^/]+$/.test(s)) return s.slice(1);
  return s;
}
