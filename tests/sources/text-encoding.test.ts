/** Issue 17: a CSV's encoding when nobody said — BOM or valid UTF-8 → UTF-8, else GB18030 — and refusals of an encoding that would garble it. */
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/sources/archive-table-reader.ts';
import { decodeStrict, detectTextEncoding } from '../../src/sources/text-encoding.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** 房屋,重庆 in GBK (from `iconv -f UTF-8 -t GBK`). */
const GBK_HOUSE = [0xb7, 0xbf, 0xce, 0xdd];
const GBK_CHONGQING = [0xd6, 0xd8, 0xc7, 0xec];

describe('text encoding', () => {
  it('decides by BOM, then UTF-8 validity, else GB18030', () => {
    expect(detectTextEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', basis: 'bom' });
    expect(detectTextEncoding(utf8('code,重庆'))).toEqual({ encoding: 'utf-8', basis: 'valid-utf-8' });
    expect(detectTextEncoding(utf8('plain ascii'))).toEqual({ encoding: 'utf-8', basis: 'valid-utf-8' });
    expect(detectTextEncoding(Uint8Array.from([0x61, ...GBK_CHONGQING]))).toEqual({ encoding: 'gb18030', basis: 'not-utf-8' });
  });

  it('GB18030 reads what GBK cannot: four-byte sequences', () => {
    // U+20000 𠀀 (CJK Extension B) is 0x95 0x32 0x82 0x36 in GB18030, not in GBK.
    expect(decodeStrict(Uint8Array.from([0x95, 0x32, 0x82, 0x36]), 'gb18030')).toBe('𠀀');
    expect(decodeStrict(Uint8Array.from([0xff, 0xff]), 'gb18030')).toBeNull();
  });
});

describe('decodeCsv', () => {
  const header = utf8('code,appraisal_agency\r\n');
  const gbkFile = Uint8Array.from([...header, ...utf8('YZ-00001,'), ...GBK_HOUSE, 0x0d, 0x0a, ...utf8('YZ-00002,'), ...GBK_CHONGQING, 0x0d, 0x0a]);

  it('detected: GBK bytes are read as GB18030, UTF-8 as UTF-8', () => {
    expect(decodeCsv(gbkFile, 'a.csv')).toEqual({ text: 'code,appraisal_agency\r\nYZ-00001,房屋\r\nYZ-00002,重庆\r\n', decision: { encoding: 'gb18030', basis: 'not-utf-8' } });
    expect(decodeCsv(utf8('code\r\n重庆\r\n'), 'a.csv')).toEqual({ text: 'code\r\n重庆\r\n', decision: { encoding: 'utf-8', basis: 'valid-utf-8' } });
  });

  it('asked for UTF-8, GBK bytes are refused with the first row that is not UTF-8 and the option', () => {
    const asciiRow = utf8('YZ-00003,x\r\n');
    const later = Uint8Array.from([...header, ...asciiRow, ...utf8('YZ-00001,'), ...GBK_HOUSE, 0x0d, 0x0a]);
    const result = decodeCsv(later, 'b.csv', 'utf-8');
    expect(result).toEqual({ problem: { row: 3, column: null, reason: expect.stringContaining('b.csv: ') } });
    if ('problem' in result) {
      expect(result.problem.reason).toContain('looks like GBK');
      expect(result.problem.reason).toContain('--encoding gbk');
    }
  });

  it('asked for GBK, UTF-8 text is refused as mojibake; ASCII is fine either way', () => {
    const result = decodeCsv(utf8('code,appraisal_agency\r\nYZ-00001,重庆\r\n'), 'c.csv', 'gbk');
    expect(result).toEqual({ problem: { row: 2, column: null, reason: expect.stringContaining('the file is UTF-8: read as GBK it would be garbled (from row 2 on)') } });
    expect(decodeCsv(utf8('code\r\nYZ-00001\r\n'), 'd.csv', 'gb18030')).toEqual({ text: 'code\r\nYZ-00001\r\n', decision: { encoding: 'gb18030', basis: 'option' } });
    expect(decodeCsv(gbkFile, 'e.csv', 'gbk')).toMatchObject({ text: expect.stringContaining('重庆'), decision: { encoding: 'gb18030', basis: 'option' } });
  });

  it('bytes in neither encoding are refused, naming the row', () => {
    const broken = Uint8Array.from([...header, ...utf8('YZ-00001,'), 0xff, 0xfe, 0x0d, 0x0a]);
    expect(decodeCsv(broken, 'f.csv')).toEqual({ problem: { row: 2, column: null, reason: expect.stringContaining('neither UTF-8 nor GBK/GB18030 (from row 2 on)') } });
    expect(decodeCsv(broken, 'f.csv', 'gbk')).toEqual({ problem: { row: 2, column: null, reason: expect.stringContaining('not GBK either') } });
  });
});
