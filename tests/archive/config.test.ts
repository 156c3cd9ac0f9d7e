import { describe, expect, it } from 'vitest';
import { ConfigError, archiveConfigFromEnv } from '../../src/archive/config.ts';

describe('archive configuration', () => {
  it('defaults suit the sample: open reads, no demo users, var/archive.sqlite', () => {
    expect(archiveConfigFromEnv('/p', {})).toEqual({ dbPath: '/p/var/archive.sqlite', reads: 'open', demoUsers: false, cookieSecure: false, sessionHours: 12, corsOrigins: [], trustProxy: [], analysisGridPath: '/p/tiles/terrain/analysis-grid.bin' });
  });

  it('reads the environment', () => {
    const c = archiveConfigFromEnv('/p', {
      ARCHIVE_DB: '/data/a.sqlite',
      ARCHIVE_READS: 'login',
      ARCHIVE_DEMO_USERS: '1',
      ARCHIVE_COOKIE_SECURE: 'true',
      ARCHIVE_SESSION_HOURS: '8',
      ARCHIVE_CORS_ORIGINS: 'https://viewer.example.org, http://localhost:5173',
      ARCHIVE_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, loopback, ::1',
    });
    expect(c).toEqual({
      dbPath: '/data/a.sqlite',
      reads: 'login',
      demoUsers: true,
      cookieSecure: true,
      sessionHours: 8,
      corsOrigins: ['https://viewer.example.org', 'http://localhost:5173'],
      trustProxy: ['127.0.0.1', '10.0.0.0/8', 'loopback', '::1'],
      analysisGridPath: '/p/tiles/terrain/analysis-grid.bin',
    });
  });

  it('refuses values it does not understand, saying what is allowed', () => {
    expect(() => archiveConfigFromEnv('/p', { ARCHIVE_READS: 'closed' })).toThrow(ConfigError);
    expect(() => archiveConfigFromEnv('/p', { ARCHIVE_READS: 'closed' })).toThrow(/must be "open" or "login"/);
    expect(() => archiveConfigFromEnv('/p', { ARCHIVE_SESSION_HOURS: '-1' })).toThrow(/positive number/);
    for (const bad of ['*', 'viewer.example.org', 'https://viewer.example.org/', 'https://viewer.example.org/app', 'null']) {
      expect(() => archiveConfigFromEnv('/p', { ARCHIVE_CORS_ORIGINS: bad })).toThrow(/ARCHIVE_CORS_ORIGINS.*not an origin/);
    }
    for (const bad of ['true', 'proxy.local', '10.0.0.0/33', '1.2.3.4/8/9']) {
      expect(() => archiveConfigFromEnv('/p', { ARCHIVE_TRUST_PROXY: bad })).toThrow(/ARCHIVE_TRUST_PROXY.*not an address or range/);
    }
  });
});
