/**
 * `npm run sources:check -- <folder>` (issue 17): reads a hand-over folder of any mix
 * of formats with exactly the readers and validators the build uses, and says per
 * file what it is — format, CRS, code page, feature count, fields mapped and not,
 * lon/lat bounds — and what is wrong with it, before anything is built. Checks across
 * files: every feature file in one CRS (a mix is named, file by file: usually one
 * of them is labelled wrongly), and the buildings and pipes inside the DEM (a wrong CRS puts
 * them kilometres off it). Pure reading: nothing is written.
 */
import { basename } from 'node:path';
import type { HandoverRole } from '../core/exchange-files.ts';
import type { Problem } from '../core/problem.ts';
import { readArchiveTable } from './archive-table-reader.ts';
import { readDem } from './dem-reader.ts';
import { FeatureReadError, openFeatureFile, type FeatureFileInfo, type FeatureFileSummary, type FeatureRole } from './feature-file.ts';
import { createFootprintValidator } from './footprint-validator.ts';
import { readHandoverFolder, type HandoverFileEntry } from './handover-folder.ts';
import { createPipeValidator } from './pipe-validator.ts';
import { validateArea } from './area-validator.ts';
import { readFieldMappingFile } from './field-mapping/read-mapping-file.ts';
import type { CoordinateBounds } from './crs/geometry-positions.ts';
import { isTerrainInputError } from './terrain-input-error.ts';
import type { RawFeature } from './raw-feature.ts';

/** One file's findings. */
export interface FileCheck {
  role: HandoverRole;
  path: string;
  info: Partial<Omit<FeatureFileInfo, 'format'>> & { format?: string };
  summary: FeatureFileSummary | null;
  /** Features (or rows) the validators refused, by reason, with the first message of each. */
  refused: Array<{ reason: string; count: number; example: string }>;
  /** What stops the file (or the hand-over) from being built. */
  problems: Problem[];
}

export interface HandoverCheck {
  folder: string;
  name: string | null;
  files: FileCheck[];
  /** Problems of the folder or across files (manifest, CRS mix, features off the DEM). */
  problems: Problem[];
  /** True when nothing stops a build. */
  ok: boolean;
}


function tally(refused: Map<string, { count: number; example: string }>, reason: string, message: string): void {
  const entry = refused.get(reason);
  if (entry) entry.count++;
  else refused.set(reason, { count: 1, example: message });
}

/** A validator for a role's features, returning the refusal (reason, message) or null. */
function validatorOf(role: FeatureRole): ((f: RawFeature) => { reason: string; message: string } | null) | null {
  if (role === 'buildings') {
    const v = createFootprintValidator();
    return (f) => {
      const r = v.validate(f);
      return r.ok ? null : { reason: r.problem.reason, message: r.problem.message };
    };
  }
  if (role === 'lifelines') {
    const v = createPipeValidator();
    return (f) => {
      const r = v.validate(f);
      return r.ok ? null : { reason: r.problem.reason, message: r.problem.message };
    };
  }
  if (role === 'areas') {
    return (f) => {
      const r = validateArea({ type: 'Feature', properties: f.properties, geometry: f.geometry }, f.index);
      return r.ok ? null : { reason: r.problems[0]!.reason, message: r.problems[0]!.message };
    };
  }
  return null;
}

async function checkFeatureFile(entry: HandoverFileEntry, role: FeatureRole): Promise<FileCheck> {
  const check: FileCheck = { role, path: entry.path, info: {}, summary: null, refused: [], problems: [] };
  const { role: _r, path: _p, foundBy: _f, ...settings } = entry;
  const opened = await openFeatureFile(entry.path, role, settings);
  if (!opened.ok) {
    check.problems.push(...opened.problems);
    return check;
  }
  const file = opened.value;
  const validate = validatorOf(role);
  const refused = new Map<string, { count: number; example: string }>();
  try {
    for await (const f of file.features()) {
      const r = validate?.(f);
      if (r) tally(refused, r.reason, r.message);
    }
  } catch (error) {
    if (!(error instanceof FeatureReadError)) throw error;
    check.problems.push(error.problem);
  }
  check.info = { format: file.format, crs: file.crs, datum: file.datum, encoding: file.encoding, fields: file.fields, count: file.count, notes: file.notes, ...(file.layer ? { layer: file.layer } : {}) };
  check.summary = file.summary();
  check.refused = [...refused].map(([reason, r]) => ({ reason, ...r })).sort((a, b) => b.count - a.count);
  if (check.summary.features > 0 && check.refused.reduce((n, r) => n + r.count, 0) === check.summary.features) {
    check.problems.push({ reason: 'nothing-valid', file: entry.path, message: `${entry.path}: 没有一个要素通过检查 / not one feature passes the checks`, fix: '看上面的拒绝原因 / see the refusals above' });
  }
  return check;
}

function within(inner: CoordinateBounds, outer: CoordinateBounds): boolean {
  return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;
}

/** Reads and checks every file of a hand-over folder. */
export async function checkHandover(folder: string): Promise<HandoverCheck> {
  const read = readHandoverFolder(folder, { requireRoles: true });
  if (!read.ok) return { folder, name: null, files: [], problems: read.problems, ok: false };
  const { files, manifest, mappingFile } = read.value;
  const result: HandoverCheck = { folder, name: manifest?.name ?? null, files: [], problems: [], ok: true };
  if (mappingFile) {
    const mapping = await readFieldMappingFile(mappingFile);
    if (!mapping.ok) result.problems.push(...mapping.problems);
  }
  let demBounds: CoordinateBounds | null = null;
  for (const role of Object.keys(files) as HandoverRole[]) {
    const entry = files[role];
    if (!entry) continue;
    if (role === 'dem') {
      const check: FileCheck = { role, path: entry.path, info: {}, summary: null, refused: [], problems: [] };
      try {
        const dem = await readDem(entry.path, entry.crs ? { crs: entry.crs } : {});
        const g = dem.grid;
        demBounds = { minX: g.west, maxX: g.west + (g.width - 1) * g.dx, minY: g.north - (g.height - 1) * g.dy, maxY: g.north };
        check.info = { format: dem.format, crs: { label: dem.crs, from: 'file' } };
        check.summary = { features: g.width * g.height, bounds: demBounds, mapping: null };
      } catch (error) {
        if (!isTerrainInputError(error)) throw error;
        check.problems.push(error.problem);
      }
      result.files.push(check);
      continue;
    }
    if (role === 'archive') {
      const check: FileCheck = { role, path: entry.path, info: { format: entry.path.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv' }, summary: null, refused: [], problems: [] };
      let mapping = null;
      if (entry.mappingFile) {
        const m = await readFieldMappingFile(entry.mappingFile);
        if (m.ok) mapping = m.value;
      }
      const table = await readArchiveTable(entry.path, { ...(entry.encoding ? { encoding: entry.encoding as 'utf-8' | 'gbk' | 'gb18030' } : {}), mapping });
      if (!table.ok) {
        check.problems.push(...table.problems.map((p) => ({ reason: 'archive-table', file: entry.path, row: p.row, column: p.column, message: `${basename(entry.path)} 第 ${p.row} 行 / row ${p.row}: ${p.reason}` })));
      } else {
        const t = table.value;
        check.info.encoding = t.encoding ? { name: t.encoding.encoding, from: t.encoding.basis === 'option' ? 'option' : 'detected' } : null;
        check.info.fields = t.header;
        check.summary = { features: t.rows.length, bounds: null, mapping: t.mapping?.report ?? null };
      }
      result.files.push(check);
      continue;
    }
    result.files.push(await checkFeatureFile(entry, role));
  }
  // One CRS for every feature file of the hand-over, unless handover.json gives a file its own.
  const ownCrs = (role: HandoverRole) => {
    const named = manifest?.files?.[role];
    return typeof named === 'object' && named.crs !== undefined;
  };
  const projected = result.files.filter((f) => f.info.crs && f.info.crs.from !== 'none' && f.role !== 'dem' && f.role !== 'archive' && !ownCrs(f.role));
  const labels = new Set(projected.map((f) => f.info.crs!.label));
  if (labels.size > 1) {
    result.problems.push({
      reason: 'mixed-crs',
      file: folder,
      message: `${folder}: 交付文件的坐标系不一致 / the hand-over's files are in different CRSs: ${projected.map((f) => `${basename(f.path)} → ${f.info.crs!.label}`).join('; ')}`,
      fix: '通常其中一个 .prj 标错了：核对后改正，或在 handover.json 中为该文件写明 crs / usually one .prj is wrong: check and correct it, or give that file its crs in handover.json',
    });
  }
  // Features inside the DEM.
  if (demBounds) {
    for (const f of result.files) {
      const b = f.summary?.bounds;
      // Buildings and pipes stand on the DEM (their heights come from it); areas, roads and rail are only drawn where it is.
      if ((f.role !== 'buildings' && f.role !== 'lifelines') || !b) continue;
      if (!within(b, demBounds)) {
        result.problems.push({
          reason: 'outside-dem',
          file: f.path,
          message: `${f.path}: 要素范围 (${b.minX.toFixed(5)}, ${b.minY.toFixed(5)} … ${b.maxX.toFixed(5)}, ${b.maxY.toFixed(5)}) 超出 DEM 范围 / the features' extent lies outside the DEM (${demBounds.minX.toFixed(5)}, ${demBounds.minY.toFixed(5)} … ${demBounds.maxX.toFixed(5)}, ${demBounds.maxY.toFixed(5)})`,
          fix: '检查该文件的坐标系（--crs / .prj）或换覆盖全区的 DEM / check the file’s CRS (--crs / .prj), or hand over a DEM covering the whole area',
        });
      }
    }
  }
  result.ok = result.problems.length === 0 && result.files.every((f) => f.problems.length === 0);
  return result;
}

/** The check as lines for a terminal. */
export function formatHandoverCheck(check: HandoverCheck): string {
  const lines: string[] = [`交付检查 / hand-over check: ${check.folder}${check.name ? ` (${check.name})` : ''}`];
  for (const f of check.files) {
    lines.push('', `■ ${f.role}: ${basename(f.path)}`);
    const i = f.info;
    if (i.format) lines.push(`  格式 / format: ${i.format}${i.layer ? ` (layer ${i.layer})` : ''}`);
    if (i.crs) lines.push(`  坐标系 / CRS: ${i.crs.label} (${i.crs.from})${i.datum ? `, --datum ${i.datum} → WGS 84` : ''}`);
    if (i.encoding) lines.push(`  编码 / encoding: ${i.encoding.name} (${i.encoding.from})`);
    for (const n of i.notes ?? []) lines.push(`  注意 / note: ${n}`);
    if (f.summary) {
      lines.push(`  数量 / ${f.role === 'dem' ? 'samples' : f.role === 'archive' ? 'rows' : 'features'}: ${f.summary.features}${i.count !== null && i.count !== undefined && i.count !== f.summary.features ? ` (file says ${i.count})` : ''}`);
      const b = f.summary.bounds;
      if (b) lines.push(`  经纬度范围 / lon/lat bounds: ${b.minX.toFixed(6)}, ${b.minY.toFixed(6)} … ${b.maxX.toFixed(6)}, ${b.maxY.toFixed(6)}`);
      const m = f.summary.mapping;
      if (m) {
        if (m.mapped.length) lines.push(`  已对应字段 / fields mapped: ${m.mapped.filter((x) => x.from !== x.to).map((x) => `${x.from} → ${x.to}`).join(', ') || '(our own names)'}`);
        if (m.unmapped.length) lines.push(`  未对应字段 / fields not mapped: ${m.unmapped.map((x) => `${x.field} (e.g. ${String(x.example)})`).join(', ')}`);
        for (const v of m.unmappedValues) lines.push(`  未对应取值 / values not mapped in ${v.field}: ${v.values.map((x) => `${String(x.value)} ×${x.count}`).join(', ')}`);
      }
    }
    for (const r of f.refused) lines.push(`  拒绝 / refused ${r.count} × ${r.reason}, e.g. ${r.example.slice(0, 200)}`.slice(0, 400));
    for (const p of f.problems) lines.push(`  ✗ ${p.message}${p.fix ? `\n    修改办法 / fix: ${p.fix}` : ''}`);
  }
  for (const p of check.problems) lines.push('', `✗ ${p.message}${p.fix ? `\n  修改办法 / fix: ${p.fix}` : ''}`);
  lines.push('', check.ok ? '✓ 可以构建 / ready to build: SOURCE_DATA=<folder> npm start' : '✗ 有问题，构建会被拒绝 / problems found: a build would be refused');
  return lines.join('\n');
}
