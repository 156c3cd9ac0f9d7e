/**
 * Pure: several runs of the same benchmark report → one report whose every number is
 * the median of that number across the runs (same key path or array index). Strings,
 * booleans and shapes come from the first run. This is how "median of N runs" is
 * applied to benches that measure one run per invocation (terrain, buildings, API).
 */
import { median } from './stats.ts';

export function medianOfReports(reports: unknown[]): unknown {
  const first = reports[0];
  if (typeof first === 'number') return median(reports as Array<number | null>);
  if (Array.isArray(first)) return first.map((_, i) => medianOfReports(reports.map((r) => (Array.isArray(r) ? r[i] : undefined))));
  if (first !== null && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((k) => [k, medianOfReports(reports.map((r) => (r !== null && typeof r === 'object' ? (r as Record<string, unknown>)[k] : undefined)))]));
  }
  return first;
}
