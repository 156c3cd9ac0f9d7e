/**
 * Demo accounts for the sample, created only when asked (`ARCHIVE_DEMO_USERS=1`) and
 * only if missing, each with a fresh random password that is printed once. No code
 * path has a default password, so a production start never opens a known account.
 */
import type { Role } from '../../core/roles.ts';
import type { ArchiveStore } from '../store/archive-store.ts';
import { createAccount } from '../service/accounts.ts';
import { randomPassword } from './passwords.ts';

export const DEMO_USERS: ReadonlyArray<{ name: string; role: Role }> = [
  { name: 'inspector', role: 'inspector' },
  { name: 'planner', role: 'planner' },
  { name: 'admin', role: 'admin' },
];

/** Creates the missing demo users; returns the ones created with their one-time passwords. */
export async function createDemoUsers(store: ArchiveStore): Promise<Array<{ name: string; role: Role; password: string }>> {
  const created: Array<{ name: string; role: Role; password: string }> = [];
  for (const { name, role } of DEMO_USERS) {
    if (await store.findUserForLogin(name)) continue;
    const password = randomPassword();
    const result = await createAccount(store, name, role, password, { name: 'system:demo-users', userId: null });
    if (result.ok) created.push({ name, role, password });
  }
  return created;
}
