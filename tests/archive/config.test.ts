import { describe, expect, it } from 'vitest';
import { ConfigError, archiveConfigFromEnv } from '../../src/archive/config.ts';

describe('archive configuration', () => {
  it('defaults suit the sample: open reads, no demo users, var/archive.sqlite', () => {
    expect(archiveConfigFromEnv('/p', {})).toEqual({ dbPath: '/p/var/archive.sqlite', reads: 'open', demoUsers: false, cookieSecure: false, sessionHours: 12 });
  });

  it('reads the environment', () => {
    const c = archiveConfigFromEnv('/p', { ARCHIVE_DB: '/data/a.sqlite', ARCHIVE_READS: 'login', ARCHIVE_DEMO_USERS: '1', ARCHIVE_COOKIE_SECURE: 'true', ARCHIVE_SESSION_HOURS: '8' });
    expect(c).toEqual({ dbPath: '/data/a.sqlite', reads: 'login', demoUsers: true, cookieSecure: true, sessionHours: 8 });
  });

  it('refuses values it does not understand, saying what is allowed', () => {
    expect(() => archiveConfigFromEnv('/p', { ARCHIVE_READS: 'closed' })).toThrow(ConfigError);
    expect(() => archiveConfigFromEnv('/p', { ARCHIVE_READS: 'closed' })).toThrow(/must be "open" or "login"/);
    expect(() => archiveConfigFromEnv('/p', { ARCHIVE_SESSION_HOURS: '-1' })).toThrow(/positive number/);
  });
});
