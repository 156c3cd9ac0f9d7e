/**
 * Which text encoding a hand-over file's bytes are in, when nobody said: a byte-order
 * mark means UTF-8; bytes that are valid UTF-8 are UTF-8; anything else is read as
 * GB18030, the superset of GBK that Excel ("CSV (逗号分隔)") and ArcGIS on a Chinese
 * Windows write. Safe because the two hardly ever overlap: Chinese text in GBK is
 * pairs of bytes ≥ 0x81, which UTF-8 only accepts in strict lead/continuation
 * patterns (a run of ten GBK characters being valid UTF-8 by chance is
 * vanishingly rare), and ASCII is the same in both. Node 20's full ICU decodes
 * gb18030 (the 'gbk' label decodes only the two-byte part, so 'gbk' is read as
 * gb18030 too). The decision is returned with the text, so a report can say how it
 * was made.
 */
import { isUtf8 } from 'node:buffer';

/** How the encoding was decided. */
export type EncodingBasis = 'bom' | 'valid-utf-8' | 'not-utf-8' | 'option';

export interface EncodingDecision {
  encoding: 'utf-8' | 'gb18030';
  basis: EncodingBasis;
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** True when every byte is ASCII (then every encoding here reads it alike). */
export function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** UTF-8 (BOM, or valid UTF-8) or else GB18030. */
export function detectTextEncoding(bytes: Uint8Array): EncodingDecision {
  if (hasUtf8Bom(bytes)) return { encoding: 'utf-8', basis: 'bom' };
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', basis: 'valid-utf-8' };
  return { encoding: 'gb18030', basis: 'not-utf-8' };
}

/** The text in `encoding`, or null when the bytes hold an invalid sequence for it. A UTF-8 BOM is kept (callers strip it). */
export function decodeStrict(bytes: Uint8Array, encoding: 'utf-8' | 'gb18030'): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
