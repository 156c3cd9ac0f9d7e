import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/viewer/analysis/analysis-result.ts';
import { resultCsvFiles, resultGeoJson, tableCsv } from '../../../src/viewer/analysis/result-export.ts';

/** RFC 4180 reader (independent of the writer): rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const result: AnalysisResult = {
  tool: 'flood',
  summary: [{ key: 'areaM2', label: '淹没面积', text: '1.2 km²' }],
  tables: [{
    name: 'buildings',
    title: '受淹建筑',
    columns: [{ key: 'code', label: '编码' }, { key: 'address', label: '地址' }, { key: 'depthM', label: '水深' }],
    rows: [
      { code: 'YZ-00001', address: '解放碑, "八一路" 1号\n2单元', depthM: 1.25 },
      { code: 'YZ-00002', address: '=HYPERLINK("x")', depthM: null },
      { code: 'YZ-00003', address: '-1 楼', depthM: -0.5 },
    ],
  }],
  features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [106.57, 29.56, 200] }, properties: { code: 'YZ-00001' } }],
  numbers: { areaM2: 1.2e6 },
  notes: [],
};

describe('analysis exports', () => {
  it('write CSV Excel reads: BOM, bilingual header, quoting, no formulas, empty for null', () => {
    const text = tableCsv(result.tables[0]!);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['编码 (code)', '地址 (address)', '水深 (depthM)']);
    expect(rows[1]).toEqual(['YZ-00001', '解放碑, "八一路" 1号\n2单元', '1.25']);
    expect(rows[2]).toEqual(['YZ-00002', `'=HYPERLINK("x")`, '']);
    // A text starting with '-' is guarded, a negative number is not.
    expect(rows[3]).toEqual(['YZ-00003', "'-1 楼", '-0.5']);
    expect(rows).toHaveLength(4);
  });

  it('name one CSV per table after a summary', () => {
    const files = resultCsvFiles(result, 'yuzhong-flood');
    expect(files.map((f) => f.name)).toEqual(['yuzhong-flood-summary.csv', 'yuzhong-flood-buildings.csv']);
    expect(parseCsv(files[0]!.text.slice(1))[1]).toEqual(['areaM2', '淹没面积', '1.2 km²', '1200000']);
  });

  it('write a GeoJSON FeatureCollection', () => {
    const parsed = JSON.parse(resultGeoJson(result)) as { type: string; features: unknown[] };
    expect(parsed.type).toBe('FeatureCollection');
    expect(parsed.features).toEqual(result.features);
  });
});
