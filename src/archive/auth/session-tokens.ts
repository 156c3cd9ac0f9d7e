/**
 * Session tokens: 32 random bytes in the cookie, only their SHA-256 in the database.
 * A fast hash is right here: the token has 256 bits of entropy, unlike a password.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'yz_session';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
