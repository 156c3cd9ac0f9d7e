/**
 * Rejects request paths that try to climb out of a served folder. The static file
 * plugin already refuses most of these; this guard answers every variant with the
 * same plain 404, so nobody can probe which files exist outside.
 */

const MAX_DECODE_ROUNDS = 3;

/** True when the raw URL path (before the query) is safe to map onto a folder. */
export function isSafeRequestPath(rawPath: string): boolean {
  let path = rawPath;
  // Decode repeatedly so double-encoded dots (%252e%252e) are seen for what they are.
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return false; // malformed escapes are never a real file
    }
    if (decoded === path) break;
    path = decoded;
  }
  if (path.includes('\0') || path.includes('\\')) return false;
  return !path.split('/').some((segment) => segment === '..' || segment === '.');
}
