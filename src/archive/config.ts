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
  /**
   * Origins (`https://viewer.example.org`) allowed to use the API from the browser: CORS
   * with credentials and cross-origin writes. `ARCHIVE_CORS_ORIGINS`, comma-separated;
   * default none (same origin only).
   */
  corsOrigins: string[];
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

/** The origin a URL string names, or null when it is not a URL with a real origin. */
function originOf(text: string): string | null {
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
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
  const corsOrigins = (env.ARCHIVE_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (originOf(origin) !== origin) {
      throw new ConfigError(
        `ARCHIVE_CORS_ORIGINS 中的 "${origin}" 不是来源，应写成 https://host[:port]（不带路径和结尾斜杠，不能用 *）/ "${origin}" in ARCHIVE_CORS_ORIGINS is not an origin: write scheme://host[:port], no path, no trailing slash, no *`,
      );
    }
  }
  return {
    dbPath: archiveDbPath(root, env),
    reads,
    demoUsers: flag(env.ARCHIVE_DEMO_USERS),
    cookieSecure: flag(env.ARCHIVE_COOKIE_SECURE),
    sessionHours,
    corsOrigins,
  };
}
