/**
 * Archive settings from the environment, with defaults that suit the sample. One
 * place reads `process.env`, so the rest of the archive takes a typed object and
 * tests can pass their own.
 */
import { isAbsolute, join } from 'node:path';

export type ReadAccess = 'open' | 'login';

export interface ArchiveConfig {
  /** SQLite file. `ARCHIVE_DB`, default `var/archive.sqlite` under the project root. */
  dbPath: string;
  /** Whether reads need a session. `ARCHIVE_READS=open|login`, default `open`. */
  reads: ReadAccess;
  /** Create demo users (inspector, planner, admin) on first import. `ARCHIVE_DEMO_USERS=1`. */
  demoUsers: boolean;
  /** Mark the session cookie `Secure` (behind HTTPS). `ARCHIVE_COOKIE_SECURE=1`. */
  cookieSecure: boolean;
  /** Session lifetime in hours. `ARCHIVE_SESSION_HOURS`, default 12 (one working day). */
  sessionHours: number;
}

export class ConfigError extends Error {}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes';
}

/** The archive database path for a project root (absolute `ARCHIVE_DB` wins; relative ones are under the root). */
export function archiveDbPath(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.ARCHIVE_DB;
  if (!configured) return join(root, 'var', 'archive.sqlite');
  return isAbsolute(configured) ? configured : join(root, configured);
}

export function archiveConfigFromEnv(root: string, env: NodeJS.ProcessEnv = process.env): ArchiveConfig {
  const reads = env.ARCHIVE_READS ?? 'open';
  if (reads !== 'open' && reads !== 'login') {
    throw new ConfigError(`ARCHIVE_READS 只能是 open 或 login / must be "open" or "login", got "${reads}"`);
  }
  const sessionHours = Number(env.ARCHIVE_SESSION_HOURS ?? 12);
  if (!Number.isFinite(sessionHours) || sessionHours <= 0) {
    throw new ConfigError(`ARCHIVE_SESSION_HOURS 必须是正数 / must be a positive number, got "${env.ARCHIVE_SESSION_HOURS}"`);
  }
  return {
    dbPath: archiveDbPath(root, env),
    reads,
    demoUsers: flag(env.ARCHIVE_DEMO_USERS),
    cookieSecure: flag(env.ARCHIVE_COOKIE_SECURE),
    sessionHours,
  };
}
