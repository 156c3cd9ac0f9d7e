/**
 * Archive settings from the environment, with defaults that suit the sample. One
 * place reads `process.env`, so the rest of the archive takes a typed object and
 * tests can pass their own.
 */
import { isIP } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { ANALYSIS_GRID_FILE } from '../core/analysis/analysis-grid.ts';

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
  /**
   * Reverse proxies whose `X-Forwarded-For` / `-Host` / `-Proto` are believed (addresses, CIDR
   * ranges, or `loopback`, `linklocal`, `uniquelocal`). `ARCHIVE_TRUST_PROXY`, comma-separated;
   * default none: the client address is the connection's, so nobody can spoof it.
   */
  trustProxy: string[];
  /**
   * The build's analysis grid, read by `GET /api/analysis/flood`: `tiles/terrain/analysis-grid.bin`
   * under the project root (the published tiles, written by the terrain build step).
   */
  analysisGridPath: string;
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

/** A comma-separated setting as its non-empty, trimmed items. */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
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
  const corsOrigins = list(env.ARCHIVE_CORS_ORIGINS);
  for (const origin of corsOrigins) {
    if (originOf(origin) !== origin) {
      throw new ConfigError(
        `ARCHIVE_CORS_ORIGINS 中的 "${origin}" 不是来源，应写成 https://host[:port]（不带路径和结尾斜杠，不能用 *）/ "${origin}" in ARCHIVE_CORS_ORIGINS is not an origin: write scheme://host[:port], no path, no trailing slash, no *`,
      );
    }
  }
  const trustProxy = list(env.ARCHIVE_TRUST_PROXY);
  for (const entry of trustProxy) {
    const [address, prefix, ...rest] = entry.split('/');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    const family = isIP(address ?? '');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!named && (family === 0 || !prefixOk || rest.length > 0)) {
      throw new ConfigError(
        `ARCHIVE_TRUST_PROXY 中的 "${entry}" 不是地址或网段，应写成 127.0.0.1、10.0.0.0/8 或 loopback / "${entry}" in ARCHIVE_TRUST_PROXY is not an address or range: write e.g. 127.0.0.1, 10.0.0.0/8 or loopback`,
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
    trustProxy,
    analysisGridPath: join(root, 'tiles', ANALYSIS_GRID_FILE),
  };
}
