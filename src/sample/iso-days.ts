/** Whole-day dates as UTC day numbers, so date arithmetic never meets time zones. */

const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01 UTC) of an ISO date `YYYY-MM-DD`. */
export function dayOf(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date: ${iso}`);
  return Math.round(ms / MS_PER_DAY);
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}
