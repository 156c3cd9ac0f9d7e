/**
 * Slows password guessing: after `maxFailures` wrong passwords for one user name within
 * `windowMs`, that name is refused (429) until the window passes. In memory: a
 * restart forgets, which is fine for a throttle; argon2's cost does the rest.
 */
export interface LoginThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  /** Seconds until `name` may try again, or 0. */
  retryAfter(name: string, now = Date.now()): number {
    const recent = this.recent(name, now);
    if (recent.length < this.maxFailures) return 0;
    return Math.ceil((recent[0]! + this.windowMs - now) / 1000);
  }

  fail(name: string, now = Date.now()): void {
    const recent = this.recent(name, now);
    recent.push(now);
    this.failures.set(name, recent);
    // Bound the memory an attacker can make us hold with random names.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeed(name: string): void {
    this.failures.delete(name);
  }

  private recent(name: string, now: number): number[] {
    return (this.failures.get(name) ?? []).filter((t) => now - t < this.windowMs);
  }
}
