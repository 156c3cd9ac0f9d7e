/**
 * Slows password guessing without handing an attacker a way to lock real users out.
 * A throttle keyed on the user name alone does both wrong: ten wrong passwords from
 * anyone lock the inspector out, while one wrong password for each of thirty names is
 * never noticed. So failures are counted three ways within a sliding window (15 min):
 *
 * - per (client address, name): the first `pairFreeFailures` (5) are free; after that the
 *   pair waits `pairBaseDelayMs` (30 s) after its last failure, doubling with each further
 *   failure, at most the window. This stops one address guessing one name.
 * - per client address, across names: after `addressMaxFailures` (30) the address is refused
 *   until its failures age out of the window. This stops spraying many names.
 * - per name, from every address: after `nameSlowAfter` (10) every attempt for that name
 *   waits `nameDelayMs` (1 s) before the password is checked, right or wrong. It slows a
 *   distributed attack on one name but never refuses: a correct password from an address
 *   that is not itself throttled always logs in.
 *
 * A success clears that (address, name) pair only. In memory: a restart forgets, which is
 * fine for a throttle; argon2's cost does the rest. Each map is bounded, oldest key first.
 */
export interface LoginThrottleOptions {
  windowMs?: number;
  pairFreeFailures?: number;
  pairBaseDelayMs?: number;
  addressMaxFailures?: number;
  nameSlowAfter?: number;
  nameDelayMs?: number;
  /** Keys kept per map (pairs, addresses, names). Default 10 000. */
  maxKeys?: number;
}

export type LoginVerdict =
  /** Check the password, after waiting `delayMs` (0 unless the name is under attack). */
  | { kind: 'attempt'; delayMs: number }
  /** Refuse with 429: `scope` says whether this name from this address, or this address, is throttled. */
  | { kind: 'refused'; scope: 'pair' | 'address'; retryAfterS: number };

class FailureLog {
  private readonly times = new Map<string, number[]>();
  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  recent(key: string, now: number): number[] {
    const kept = (this.times.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length === 0) this.times.delete(key);
    else this.times.set(key, kept);
    return kept;
  }

  add(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.times.delete(key); // re-insert: the map's order is least recently failed first
    this.times.set(key, list);
    if (this.times.size > this.maxKeys) this.times.delete(this.times.keys().next().value as string);
  }

  clear(key: string): void {
    this.times.delete(key);
  }
}

export class LoginThrottle {
  readonly windowMs: number;
  readonly pairFreeFailures: number;
  readonly pairBaseDelayMs: number;
  readonly addressMaxFailures: number;
  readonly nameSlowAfter: number;
  readonly nameDelayMs: number;
  private readonly pairs: FailureLog;
  private readonly addresses: FailureLog;
  private readonly names: FailureLog;

  constructor(options: LoginThrottleOptions = {}) {
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.pairFreeFailures = options.pairFreeFailures ?? 5;
    this.pairBaseDelayMs = options.pairBaseDelayMs ?? 30_000;
    this.addressMaxFailures = options.addressMaxFailures ?? 30;
    this.nameSlowAfter = options.nameSlowAfter ?? 10;
    this.nameDelayMs = options.nameDelayMs ?? 1000;
    const maxKeys = options.maxKeys ?? 10_000;
    this.pairs = new FailureLog(this.windowMs, maxKeys);
    this.addresses = new FailureLog(this.windowMs, maxKeys);
    this.names = new FailureLog(this.windowMs, maxKeys);
  }

  check(address: string, name: string, now = Date.now()): LoginVerdict {
    const fromAddress = this.addresses.recent(address, now);
    if (fromAddress.length >= this.addressMaxFailures) {
      const until = fromAddress[fromAddress.length - this.addressMaxFailures]! + this.windowMs;
      return { kind: 'refused', scope: 'address', retryAfterS: Math.max(1, Math.ceil((until - now) / 1000)) };
    }
    const pair = this.pairs.recent(pairKey(address, name), now);
    const over = pair.length - this.pairFreeFailures;
    if (over >= 0) {
      const wait = Math.min(this.pairBaseDelayMs * 2 ** over, this.windowMs);
      const until = pair[pair.length - 1]! + wait;
      if (until > now) return { kind: 'refused', scope: 'pair', retryAfterS: Math.max(1, Math.ceil((until - now) / 1000)) };
    }
    const forName = this.names.recent(name, now);
    return { kind: 'attempt', delayMs: forName.length >= this.nameSlowAfter ? this.nameDelayMs : 0 };
  }

  fail(address: string, name: string, now = Date.now()): void {
    this.pairs.add(pairKey(address, name), now);
    this.addresses.add(address, now);
    this.names.add(name, now);
  }

  succeed(address: string, name: string): void {
    this.pairs.clear(pairKey(address, name));
  }
}

function pairKey(address: string, name: string): string {
  return `${address}\u0000${name}`;
}
