/**
 * A bad mapping file is a problem naming the file, the JSON path and the fix, before
 * any feature is read; a good one parses to what it says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFieldMapping, jsonPath } from '../../../src/sources/field-mapping/mapping-file.ts';
import { readFieldMappingFile } from '../../../src/sources/field-mapping/read-mapping-file.ts';

const problemsOf = (json: unknown) => {
  const parsed = parseFieldMapping(typeof json === 'string' ? json : JSON.stringify(json, null, 2), 'district/mapping.json');
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems;
};

describe('mapping file', () => {
  it('parses a good file (with a BOM, as Notepad saves it)', () => {
    const json = { description: '渝中区住建委 2026', buildings: { fields: { FWBM: 'id' }, values: { structure: { 钢结构: '框架' }, heritage: { 是: true } }, constants: { community: null }, ignore: ['OBJECTID'] }, lifelines: { constants: { network: 'gas' } } };
    expect(parseFieldMapping(`\uFEFF${JSON.stringify(json)}`, 'm.json')).toEqual({ ok: true, value: json });
  });

  it('an unknown target, a value outside our vocabulary, a wrong type: each named by its JSON path, with what is allowed', () => {
    const problems = problemsOf({
      buildings: { fields: { JZGD: 'heigth' }, values: { structure: { 钢结构: '钢结构' }, heritage: { 是: '是' } } },
      lifelines: { constants: { install_year: 1990.5 } },
    });
    expect(problems.map((p) => [p.reason, p.path])).toEqual([
      ['bad-entry', '$.buildings.fields.JZGD'],
      ['bad-entry', '$.buildings.values.structure.钢结构'],
      ['bad-entry', '$.buildings.values.heritage.是'],
      ['bad-entry', '$.lifelines.constants.install_year'],
    ]);
    for (const p of problems) expect(p.message.startsWith(`district/mapping.json ${p.path}: `)).toBe(true);
    expect(problems[0]!.fix).toContain('our buildings fields: id, name, address, community, floors, height, year_built, structure, use, heritage');
    expect(problems[1]!.fix).toContain('structure takes one of: 砖木, 砖混, 框架, 剪力墙, 框筒');
    expect(problems[2]!.fix).toContain('heritage takes true or false');
    expect(problems[3]!.fix).toContain('install_year takes a whole number');
  });

  it('unknown keys: a misspelt role, section or field', () => {
    const problems = problemsOf({ building: {}, areas: { field: {} }, archive: { values: { grades: { A级: 'A' } } } });
    const at = (path: string) => problems.find((p) => p.path === path)!;
    expect(problems.map((p) => p.path).sort()).toEqual(['$.archive.values.grades', '$.areas.field', '$.building']);
    expect(at('$.building').fix).toContain('buildings, lifelines, areas, archive');
    expect(at('$.areas.field').fix).toContain('fields, values, constants, ignore');
    expect(at('$.archive.values.grades').fix).toContain('keys are our archive fields: code, appraisal_date');
  });

  it('entries that match the same name with different targets, or a name both ignored and mapped', () => {
    const problems = problemsOf({ buildings: { fields: { JZBH: 'id', ' jzbh': 'name', GD: 'height' }, ignore: ['gd'] } });
    expect(problems.map((p) => [p.reason, p.path])).toEqual([
      ['ambiguous-entry', '$.buildings.fields[" jzbh"]'],
      ['ambiguous-entry', '$.buildings.ignore[0]'],
    ]);
    expect(problems[0]!.message).toContain('matches the same name as "JZBH"');
    // The same target twice is not ambiguous.
    expect(parseFieldMapping(JSON.stringify({ buildings: { fields: { JZBH: 'id', jzbh: 'id' } } }), 'm.json').ok).toBe(true);
  });

  it('not JSON: the line and column, and what to look for', () => {
    const problems = problemsOf('{\n  "buildings": {\n    "fields": { "JZBH": "id", }\n  }\n}');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ reason: 'not-json', path: '$', file: 'district/mapping.json' });
    expect(problems[0]!.message).toContain('line 3, column 31');
    expect(problems[0]!.fix).toContain('trailing commas');
  });

  it('JSON paths quote names that are not plain words', () => {
    expect(jsonPath(['buildings', 'fields', '管径(mm)'])).toBe('$.buildings.fields["管径(mm)"]');
    expect(jsonPath(['buildings', 'ignore', 2])).toBe('$.buildings.ignore[2]');
  });

  describe('read from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yz-mapping-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('a missing file, and a GBK one, are problems naming the file', async () => {
      const missing = await readFieldMappingFile(join(dir, 'none.json'));
      expect(missing).toMatchObject({ ok: false, problems: [{ reason: 'unreadable', file: join(dir, 'none.json') }] });
      if (!missing.ok) expect(missing.problems[0]!.message).toContain('does not exist');
      const gbk = join(dir, 'gbk.json');
      writeFileSync(gbk, Buffer.from([0x7b, 0x22, 0xbd, 0xa8, 0x22, 0x3a, 0x31, 0x7d])); // {"建":1} in GBK
      expect(await readFieldMappingFile(gbk)).toMatchObject({ ok: false, problems: [{ reason: 'not-utf-8', file: gbk }] });
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify({ archive: { fields: { 鉴定机构名称: 'appraisal_agency' } } }));
      expect(await readFieldMappingFile(good)).toEqual({ ok: true, value: { archive: { fields: { 鉴定机构名称: 'appraisal_agency' } } } });
    });
  });
});
