import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../src/archive/auth/login-throttle.ts';
import { type ApiHarness, TEST_PASSWORD, startApiHarness } from './api-harness.ts';

const MIN = 60_000;

describe('LoginThrottle rule', () => {
  it('one address guessing one name: 5 free failures, then backoff from 30 s doubling up to the window', () => {
    const t = new LoginThrottle();
    let now = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(t.check('10.0.0.9', 'ivan', now)).toEqual({ kind: 'attempt', delayMs: 0 });
      t.fail('10.0.0.9', 'ivan', now);
    }
    expect(t.check('10.0.0.9', 'ivan', now)).toEqual({ kind: 'refused', scope: 'pair', retryAfterS: 30 });
    now += 30_000;
    expect(t.check('10.0.0.9', 'ivan', now).kind).toBe('attempt');
    t.fail('10.0.0.9', 'ivan', now);
    expect(t.check('10.0.0.9', 'ivan', now)).toMatchObject({ kind: 'refused', retryAfterS: 60 });
    for (let i = 0; i < 6; i++) t.fail('10.0.0.9', 'ivan', now);
    expect(t.check('10.0.0.9', 'ivan', now)).toMatchObject({ kind: 'refused', retryAfterS: 15 * 60 });
    // The same name from another address is not refused, only slowed (the name has ≥ 10 failures).
    expect(t.check('10.0.0.1', 'ivan', now)).toEqual({ kind: 'attempt', delayMs: 1000 });
    // Failures age out of the window.
    expect(t.check('10.0.0.9', 'ivan', now + 15 * MIN)).toEqual({ kind: 'attempt', delayMs: 0 });
  });

  it('one address spraying names: refused after 30 failures in the window, for every name', () => {
    const t = new LoginThrottle();
    const now = 5_000_000;
    for (let i = 0; i < 30; i++) {
      expect(t.check('10.0.0.7', `user${i}`, now + i).kind).toBe('attempt');
      t.fail('10.0.0.7', `user${i}`, now + i);
    }
    expect(t.check('10.0.0.7', 'somebody-else', now + 30)).toMatchObject({ kind: 'refused', scope: 'address' });
    expect(t.check('10.0.0.8', 'user1', now + 30)).toEqual({ kind: 'attempt', delayMs: 0 });
    expect(t.check('10.0.0.7', 'user1', now + 15 * MIN).kind).toBe('attempt');
  });

  it('a success clears only its own (address, name) pair', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 5; i++) t.fail('10.0.0.2', 'pia', 0);
    t.succeed('10.0.0.3', 'pia');
    expect(t.check('10.0.0.2', 'pia', 1).kind).toBe('refused');
    t.succeed('10.0.0.2', 'pia');
    expect(t.check('10.0.0.2', 'pia', 1).kind).toBe('attempt');
  });
});

describe('login throttle over HTTP: attackers cannot lock a user out, and sprays are stopped', () => {
  let h: ApiHarness;
  const login = (name: string, password: string, localAddress: string) => h.http('POST', '/api/session', { body: { name, password }, localAddress });

  beforeAll(async () => {
    h = await startApiHarness({ buildings: 5, api: { loginThrottle: { nameDelayMs: 300 } } });
  });
  afterAll(async () => h.close());

  it('12 wrong passwords for ivan from one address: that address is refused, ivan from his own address logs in (slowed, never 429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login('ivan', `guess-${i}`, '127.0.0.2')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const refused = await login('ivan', TEST_PASSWORD, '127.0.0.2');
    expect(refused.status).toBe(429);
    expect(refused.json<{ message: string }>().message).toMatch(/秒后再试 .* try again in \d+ s/);
    // Five more wrong ones from a second attacker address put the name itself over 10 failures.
    for (let i = 0; i < 5; i++) expect((await login('ivan', `more-${i}`, '127.0.0.4')).status).toBe(401);
    const started = Date.now();
    const real = await login('ivan', TEST_PASSWORD, '127.0.0.1');
    expect(real.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('one wrong password for each of 31 names from one address: throttled after 30, even for a right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(`name${i}`, 'wrong-password', '127.0.0.3')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const refused = await login('ada', TEST_PASSWORD, '127.0.0.3');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ error: 'too_many_attempts' });
    // Other machines are unaffected.
    expect((await login('ada', TEST_PASSWORD, '127.0.0.1')).status).toBe(200);
  });
});

describe('login throttle and reverse proxies (ARCHIVE_TRUST_PROXY)', () => {
  const spray = async (h: ApiHarness, forwardedFor: (i: number) => string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await h.http('POST', '/api/session', { body: { name: `n${i}`, password: 'wrong-password' }, headers: { 'x-forwarded-for': forwardedFor(i) } })).status);
    }
    return statuses;
  };

  it('without a trusted proxy, X-Forwarded-For is ignored: a spray cannot dodge the address limit by inventing addresses', async () => {
    const h = await startApiHarness({ buildings: 3 });
    try {
      expect((await spray(h, (i) => `10.9.0.${i}`))[30]).toBe(429);
    } finally {
      await h.close();
    }
  });

  it('behind a trusted proxy, each forwarded client is throttled on its own, so one attacker does not lock out the office', async () => {
    const h = await startApiHarness({ buildings: 3, trustProxy: ['127.0.0.1'] });
    try {
      expect((await spray(h, () => '203.0.113.7'))[30]).toBe(429);
      const colleague = await h.http('POST', '/api/session', { body: { name: 'ada', password: TEST_PASSWORD }, headers: { 'x-forwarded-for': '203.0.113.8' } });
      expect(colleague.status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
