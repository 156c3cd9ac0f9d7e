/**
 * How a district's field name or value is matched against a mapping table: Unicode
 * NFKC (full-width `ＪＺＢＨ`, `（万元）` and `Ａ` as Excel on a Chinese system types them
 * become `JZBH`, `(万元)`, `A`), trimmed (DBF pads its fields with spaces), case folded
 * (`jzbh`, `Jzbh`). Nothing else: `建筑 编号` and `建筑编号` stay different, so a match
 * is never a guess.
 */
export function matchKey(text: string): string {
  // Printable ASCII is its own NFKC form: skip the fold (it is most of the cost on 100k features).
  return (/^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKC')).trim().toLowerCase();
}
