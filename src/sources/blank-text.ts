/**
 * Whether a text is blank — empty or only what `String.prototype.trim` removes — without
 * making the trimmed copy: the readers and the field mapper ask it of every text value
 * (a GeoPackage's ten columns of 100k rows, and each mapped field again), and nearly
 * every value starts with a character that is not white space (a digit, a letter, a
 * hanzi), which settles it at the first character.
 */

/** Could `c` (a UTF-16 code unit) be one of the characters `trim` removes (ECMAScript WhiteSpace and LineTerminator)? */
function mayBeSpace(c: number): boolean {
  return c <= 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `text.trim() === ''`, the same answer for every string. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  if (!mayBeSpace(text.charCodeAt(0))) return false;
  return text.trim() === '';
}
