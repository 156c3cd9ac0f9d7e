/**
 * Which code page a DBF's text is in: the names `.cpg` files carry, and a check of
 * every non-ASCII string against the chosen code page, so a file in the wrong one is
 * refused (naming field and record and the likely right code page) instead of
 * reaching the tiles and the archive as mojibake (issue 17).
 *
 * The rule, string by string (bytes as stored, padding trimmed; ASCII-only strings
 * read alike in every code page and tell nothing):
 * - UTF-8 chosen: the bytes must decode with a fatal decoder. GBK bytes almost never
 *   do (a GBK character's lead 0x81–0xFE is followed by a trail that rarely completes a
 *   UTF-8 sequence), so "GBK read as UTF-8" — which would show U+FFFD — is refused.
 * - GBK / GB18030 chosen: the bytes must decode as GB18030 (fatal), and must NOT be
 *   "UTF-8 Chinese": valid UTF-8 whose decoding holds a CJK character and nothing
 *   outside the common planes (see `isUtf8Chinese`). UTF-8 bytes always decode as GBK
 *   too, into a run of rare characters (涓枃 for 中文, 鍙/鏈/锛 …), so validity alone
 *   cannot tell; but GBK text that happens to be such UTF-8 is vanishingly rare:
 *   measured on 1,000,000 random strings of 1–8 GB2312 hanzi (all 6,763), 0 were, nor
 *   any of the 14,100,025 pairs of the 3,755 level-1 hanzi, while 100,000 of 100,000
 *   random hanzi pairs written as UTF-8 are (2026-12-02, a throwaway script).
 * - any other (single-byte) page: a UTF-8 Chinese string is refused the same way.
 * - nothing declared: every string valid UTF-8 → UTF-8, else GB18030 (a superset of
 *   GBK and GB2312, what Chinese Windows tools write as "ANSI"). A file where some
 *   strings are UTF-8 Chinese and others are not UTF-8 at all mixes two code pages and
 *   is refused; bytes that are neither UTF-8 nor GB18030 ask for `--encoding`.
 *
 * Node 20 ships full ICU, so `TextDecoder('gb18030')` (and `gbk`, the same decoder in
 * the WHATWG Encoding standard) is available without a package.
 */
import { isUtf8 } from 'node:buffer';

/** What `.cpg` files (and `--encoding`) say → the WHATWG TextDecoder name; null when not a code page we know. */
export function codePageName(declared: string): string | null {
  const text = declared.trim().replace(/^\uFEFF/, '');
  const key = text.toUpperCase().replace(/^(ANSI|OEM|CP|WINDOWS|MS)[\s_-]*/, '').replace(/[\s_-]/g, '');
  const known: Record<string, string> = {
    UTF8: 'utf-8', '65001': 'utf-8',
    GBK: 'gbk', '936': 'gbk', GB2312: 'gbk', EUCCN: 'gbk', '20936': 'gbk',
    GB18030: 'gb18030', '54936': 'gb18030',
    BIG5: 'big5', '950': 'big5',
    '1252': 'windows-1252', '88591': 'windows-1252', ISO88591: 'windows-1252', '28591': 'windows-1252', LATIN1: 'windows-1252',
  };
  const name = known[key];
  if (name) return name;
  try {
    return new TextDecoder(text).encoding;
  } catch {
    return null;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

/**
 * The text, or null when the bytes are not in the decoder's code page. A string that
 * fills its slot (`cut`) may end in the first bytes of a character: writers cut names
 * and values at the byte width, mid-character (ogr2ogr cuts 建筑编号, 12 bytes in
 * UTF-8, to 10: 建筑编 and one byte of 号), so an incomplete last character is
 * dropped there, not refused.
 */
export function decodeOrNull(decoder: TextDecoder, bytes: Uint8Array, cut = false): string | null {
  try {
    return decoder.decode(bytes, { stream: cut });
  } catch {
    return null;
  } finally {
    if (cut) {
      try {
        decoder.decode();
      } catch {
        // the dropped partial character: the decoder is reset all the same
      }
    }
  }
}

/** The bytes without an incomplete UTF-8 sequence at the end (a lead byte and fewer continuation bytes than it announces). */
function withoutCutUtf8(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/**
 * Whether the bytes are UTF-8, by Node's `isUtf8` (simdutf): no exception thrown per
 * string, as a fatal TextDecoder does on GBK bytes: checking 100,000 GBK values took
 * 1.07 s with it, 0.22 s with this (2026-12-02).
 */
export function isUtf8Text(bytes: Uint8Array, cut = false): boolean {
  return isUtf8(cut ? withoutCutUtf8(bytes) : bytes);
}

/**
 * Valid UTF-8 holding at least one CJK character (U+3000–U+9FFF, U+F900–U+FAFF,
 * U+FF00–U+FFEF) and no C1 control, private-use or non-BMP character: what UTF-8
 * Chinese looks like, and what GBK bytes practically never are.
 */
export function isUtf8Chinese(bytes: Uint8Array, cut = false): boolean {
  if (!isUtf8Text(bytes, cut)) return false;
  const text = decodeOrNull(utf8, bytes, cut)!;
  let cjk = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0xa0 || (c >= 0xd800 && c <= 0xf8ff)) return false;
    if ((c >= 0x3000 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef)) cjk = true;
  }
  return cjk;
}

/** One non-ASCII string of the file and where it is: the field's 0-based position, the 0-based record (null: the field's name). */
export interface TextSample {
  bytes: Uint8Array;
  /** The string fills its slot, so it may have been cut mid-character (see `decodeOrNull`). */
  cut: boolean;
  field: number;
  record: number | null;
}

export type CodePageVerdict =
  | { ok: true; name: string }
  | { ok: false; reason: 'wrong-code-page' | 'mojibake' | 'unknown-code-page' | 'mixed-code-pages'; sample: TextSample; other?: TextSample; likely: string | null };

function likelyPage(bytes: Uint8Array, cut: boolean): string | null {
  if (isUtf8Text(bytes, cut)) return 'utf-8';
  if (decodeOrNull(gb18030, bytes, cut) !== null) return 'gbk';
  return null;
}

/**
 * Checks the strings of a file against a code page (`name`, a TextDecoder name), or
 * detects it (`name` null): feed every non-ASCII string to `add` (it returns a
 * refusal at the first wrong one when the page is given), then ask `verdict()`.
 */
export class CodePageCheck {
  private refusal: CodePageVerdict | null = null;
  private firstUtf8Chinese: TextSample | null = null;
  private firstNotUtf8: TextSample | null = null;
  private firstNotGb: TextSample | null = null;
  private readonly decoder: TextDecoder | null;

  constructor(private readonly name: string | null) {
    this.decoder = name === null ? null : new TextDecoder(name, { fatal: true });
  }

  /** Looks at one string; returns the refusal once the file is known to be in another code page. */
  add(sample: TextSample): CodePageVerdict | null {
    if (this.refusal) return this.refusal;
    const { bytes, cut } = sample;
    if (this.name === null) {
      const utf8Text = isUtf8Text(bytes, cut);
      if (!utf8Text && !this.firstNotUtf8) this.firstNotUtf8 = sample;
      if (utf8Text && !this.firstUtf8Chinese && isUtf8Chinese(bytes, cut)) this.firstUtf8Chinese = sample;
      if (!utf8Text && !this.firstNotGb && decodeOrNull(gb18030, bytes, cut) === null) this.firstNotGb = sample;
      return null;
    }
    if (this.name === 'utf-8' ? !isUtf8Text(bytes, cut) : decodeOrNull(this.decoder!, bytes, cut) === null) {
      this.refusal = { ok: false, reason: 'wrong-code-page', sample, likely: likelyPage(bytes, cut) };
    } else if (this.name !== 'utf-8' && isUtf8Chinese(bytes, cut)) {
      this.refusal = { ok: false, reason: 'mojibake', sample, likely: 'utf-8' };
    }
    return this.refusal;
  }

  verdict(): CodePageVerdict {
    if (this.refusal) return this.refusal;
    if (this.name !== null) return { ok: true, name: this.name };
    if (!this.firstNotUtf8) return { ok: true, name: 'utf-8' };
    if (this.firstNotGb) return { ok: false, reason: 'unknown-code-page', sample: this.firstNotGb, likely: null };
    if (this.firstUtf8Chinese) return { ok: false, reason: 'mixed-code-pages', sample: this.firstNotUtf8, other: this.firstUtf8Chinese, likely: null };
    return { ok: true, name: 'gb18030' };
  }
}
