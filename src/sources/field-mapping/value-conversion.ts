/**
 * Value formats the mapper converts because the conversion has one meaning only:
 * - a plain number written as text → the number (a DBF character field, or an Excel
 *   column stored as text, gives `'19'` for 19 storeys; a GBK DBF gives full-width
 *   `'１９'`). Units, ranges and separators (`58.1米`, `DN300`, `1,200`) stay text, so the
 *   validator refuses them with its own message, rather than being guessed;
 * - a day written year first → YYYY-MM-DD, the only form the archive row validator
 *   and the API take (`core/calendar-day.ts` `isIsoDay`): Excel on a Chinese system
 *   exports 2024/2/21 (and 2024/2/21 0:00 for a date-time cell), people type
 *   2024年2月21日, 2024.2.21 or 20240221. Day-first or month-first forms (21/2/2024,
 *   2/21/2024) stay as they are: which is which cannot be told;
 * - an archive list cell split on `;` and the separators a Chinese spreadsheet uses
 *   (`；`, `、`, `，`, `,`): none of our hazard, measure or funding terms contains one.
 */
import { isIsoDay } from '../../core/calendar-day.ts';

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The number a text holds when it is nothing but a number, else null. */
export function plainNumber(text: string): number | null {
  // ASCII text (nearly all) needs no NFKC folding, which costs more than the test.
  const t = (/^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKC')).trim();
  if (!PLAIN_NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const YEAR_FIRST = [
  /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:\s+0{1,2}:00(?::00)?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** The day as YYYY-MM-DD when `text` is a real day written year first, else null. */
export function isoDayOf(text: string): string | null {
  const t = text.normalize('NFKC').trim();
  for (const pattern of YEAR_FIRST) {
    const m = pattern.exec(t);
    if (!m) continue;
    const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDay(day) ? day : null;
  }
  return null;
}

/** The items of a list cell, trimmed, empty ones dropped. */
export function listItems(text: string): string[] {
  return text
    .split(/[;；、，,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
