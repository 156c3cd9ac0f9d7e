/**
 * Accounts and sessions, the rules every caller (API, `npm run archive:user`, the demo
 * users) shares: a password reaches a store only as its argon2id hash; a log-in checks
 * against a dummy hash when the name is unknown, so the timing does not tell which names
 * exist; a session is a random token of which the store keeps only the SHA-256. Wrong
 * password throttling is per client address, so it stays with HTTP (`auth/login-throttle.ts`).
 */
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { hashSessionToken, newSessionToken } from '../auth/session-tokens.ts';
import type { AccountStore, UserRecord } from '../store/account-store.ts';
import type { Role } from '../../core/roles.ts';
import type { Actor } from '../store/store-types.ts';
import { type Outcome } from '../../core/result.ts';

export async function createAccount(store: AccountStore, name: string, role: Role, password: string, actor: Actor): Promise<Outcome<UserRecord, { kind: 'exists'; name: string }>> {
  return store.createUser(name, role, await hashPassword(password), actor);
}

/** The user when the name exists, is enabled and the password is right; else null. */
export async function verifyLogin(store: AccountStore, name: string, password: string): Promise<UserRecord | null> {
  const user = await store.findUserForLogin(name);
  // Verify against a dummy hash for unknown names too, so timing does not reveal which names exist.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) return null;
  const { passwordHash: _p, ...publicUser } = user;
  return publicUser;
}

/** A new session for `hours`: the token for the cookie and its lifetime in seconds. */
export async function openSession(store: AccountStore, userId: number, hours: number): Promise<{ token: string; maxAgeS: number }> {
  const token = newSessionToken();
  const maxAgeS = Math.round(hours * 3600);
  await store.createSession(hashSessionToken(token), userId, new Date(Date.now() + maxAgeS * 1000));
  return { token, maxAgeS };
}

export async function closeSession(store: AccountStore, token: string): Promise<void> {
  await store.deleteSession(hashSessionToken(token));
}

/** The user of an unexpired session of an enabled account, or null. */
export function sessionUser(store: AccountStore, token: string, now: Date): Promise<UserRecord | null> {
  return store.sessionUser(hashSessionToken(token), now);
}
