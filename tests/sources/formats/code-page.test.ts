import { describe, expect, it } from 'vitest';
import { CodePageCheck, codePageName, isUtf8Chinese, type TextSample } from '../../../src/sources/formats/code-page.ts';

const gbk = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const sample = (bytes: Uint8Array, record: number | null = 0, cut = false): TextSample => ({ bytes, cut, field: 0, record });
/** 中文 and 砖混结构 in GBK. */
const ZHONGWEN = gbk('D6D0CEC4');
const ZHUANHUN = gbk('D7A9BBECBDE1B9B9');

describe('codePageName', () => {
  it('maps what .cpg files say to TextDecoder names', () => {
    const cases: Record<string, string> = {
      'UTF-8': 'utf-8', utf8: 'utf-8', '65001': 'utf-8', GBK: 'gbk', '936': 'gbk', CP936: 'gbk', 'ANSI 936': 'gbk', GB2312: 'gbk',
      GB18030: 'gb18030', '54936': 'gb18030', '88591': 'windows-1252', 'ISO-8859-1': 'windows-1252', '1252': 'windows-1252', 'BIG5': 'big5', ' gbk\r\n': 'gbk',
    };
    for (const [said, name] of Object.entries(cases)) expect(codePageName(said), said).toBe(name);
    expect(codePageName('KLINGON')).toBeNull();
  });

  it('gives names Node 20 decodes: GBK through the GB18030 decoder', () => {
    expect(new TextDecoder(codePageName('936')!).decode(ZHUANHUN)).toBe('砖混结构');
    expect(new TextDecoder(codePageName('GB18030')!).decode(ZHONGWEN)).toBe('中文');
  });
});

describe('isUtf8Chinese', () => {
  it('is true for UTF-8 Chinese, false for GBK bytes and for UTF-8 without CJK', () => {
    expect(isUtf8Chinese(utf8('建筑编号 YZ-001'))).toBe(true);
    expect(isUtf8Chinese(utf8('商业、办公（旧）'))).toBe(true);
    expect(isUtf8Chinese(ZHONGWEN)).toBe(false);
    expect(isUtf8Chinese(ZHUANHUN)).toBe(false);
    expect(isUtf8Chinese(utf8('Café'))).toBe(false);
  });

  it('accepts a string cut mid-character only when told it fills its slot', () => {
    const cut = utf8('建筑编号').subarray(0, 10);
    expect(isUtf8Chinese(cut)).toBe(false);
    expect(isUtf8Chinese(cut, true)).toBe(true);
  });
});

describe('CodePageCheck', () => {
  it('detects UTF-8 when every string is UTF-8, else GB18030', () => {
    const a = new CodePageCheck(null);
    a.add(sample(utf8('砖混结构')));
    expect(a.verdict()).toEqual({ ok: true, name: 'utf-8' });
    const b = new CodePageCheck(null);
    b.add(sample(ZHUANHUN));
    b.add(sample(ZHONGWEN, 1));
    expect(b.verdict()).toEqual({ ok: true, name: 'gb18030' });
  });

  it('refuses a file mixing UTF-8 Chinese and GBK, and bytes that are neither', () => {
    const mixed = new CodePageCheck(null);
    mixed.add(sample(utf8('砖混结构'), 0));
    mixed.add(sample(ZHUANHUN, 1));
    expect(mixed.verdict()).toMatchObject({ ok: false, reason: 'mixed-code-pages', sample: { record: 1 }, other: { record: 0 } });
    const neither = new CodePageCheck(null);
    neither.add(sample(gbk('D6D0FF'), 3));
    expect(neither.verdict()).toMatchObject({ ok: false, reason: 'unknown-code-page', sample: { record: 3 } });
  });

  it('refuses GBK read as UTF-8 (not UTF-8) and UTF-8 read as GBK (mojibake), saying the likely page', () => {
    const asUtf8 = new CodePageCheck('utf-8');
    expect(asUtf8.add(sample(utf8('住宅')))).toBeNull();
    expect(asUtf8.add(sample(ZHUANHUN, 7))).toMatchObject({ ok: false, reason: 'wrong-code-page', likely: 'gbk', sample: { record: 7 } });
    const asGbk = new CodePageCheck('gbk');
    expect(asGbk.add(sample(ZHUANHUN))).toBeNull();
    expect(asGbk.add(sample(utf8('砖混结构'), 2))).toMatchObject({ ok: false, reason: 'mojibake', likely: 'utf-8', sample: { record: 2 } });
    expect(asGbk.verdict()).toMatchObject({ ok: false, reason: 'mojibake' });
  });

  it('refuses UTF-8 Chinese under a single-byte page too', () => {
    const latin = new CodePageCheck('windows-1252');
    expect(latin.add(sample(utf8('Café')))).toBeNull();
    expect(latin.add(sample(utf8('住宅')))).toMatchObject({ reason: 'mojibake', likely: 'utf-8' });
  });

  it('does not take a GBK string cut at its slot end for wrong', () => {
    const check = new CodePageCheck('gbk');
    expect(check.add(sample(ZHUANHUN.subarray(0, 7), 0, true))).toBeNull();
    expect(check.add(sample(gbk('D6D0CE'), 1, false))).toMatchObject({ reason: 'wrong-code-page' });
  });
});
