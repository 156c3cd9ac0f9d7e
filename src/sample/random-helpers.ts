/**
 * Seeded random helpers shared by the sample generators. Every generator derives its
 * own stream from the sample seed and its name, so adding draws to one generator
 * never shifts what another one produces.
 */
import seedrandom from 'seedrandom';

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/** The stream of generator `name` for sample seed `seed` (Alea: fast and portable). */
export function createRng(seed: string, name: string): Rng {
  const prng = seedrandom.alea(`${seed}:${name}`);
  return () => prng();
}

/** Uniform on [min, max). */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** Uniform integer on [min, max] (both inclusive). */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** One element, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick() from an empty list');
  return items[Math.floor(rng() * items.length)]!;
}

/** One element, with probability proportional to its weight. */
export function weightedPick<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += Math.max(0, w);
  if (!(total > 0)) throw new RangeError('weightedPick() needs a positive total weight');
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= Math.max(0, w);
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/**
 * `count` distinct items drawn without replacement, each draw proportional to weight
 * (Efraimidis–Spirakis keys), returned in input order so output stays stable.
 */
export function weightedSample<T>(rng: Rng, items: readonly (readonly [T, number])[], count: number): T[] {
  const keyed = items
    .map(([item, w], i) => ({ item, i, key: w > 0 ? Math.log(1 - rng()) / w : Number.NEGATIVE_INFINITY }))
    .sort((a, b) => b.key - a.key || a.i - b.i)
    .slice(0, Math.max(0, count))
    .sort((a, b) => a.i - b.i);
  return keyed.map((k) => k.item);
}

/** Standard normal (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

