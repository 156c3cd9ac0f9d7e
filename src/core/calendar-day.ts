/**
 * "Today" for the archive is a calendar day in Chongqing (Asia/Shanghai, UTC+8, no daylight
 * saving), whatever the server's time zone: an inspection recorded at 07:00 local time is
 * today's even though it is still yesterday in UTC. Dates after today are refused, because
 * the current grade is the latest appraisal's and a date in the future would pin it for good.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether an ISO day (YYYY-MM-DD) lies after `today` (also an ISO day). */
export function isAfterDay(day: string, today: string): boolean {
  return day > today;
}

/** A real calendar day as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
