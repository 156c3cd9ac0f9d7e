import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readHandoverFolder } from '../../src/sources/handover-folder.ts';

let dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'yz-handover-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('hand-over folder', () => {
  it('finds the sample names, and the CSV of the sample archive pair', () => {
    const dir = folder({ 'dem.tif': '', 'buildings.geojson': '', 'archive.csv': '', 'archive.xlsx': '', 'lifelines.geojson': '' });
    const read = readHandoverFolder(dir);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.value.manifest).toBeNull();
    expect(read.value.files.buildings).toEqual({ role: 'buildings', path: join(dir, 'buildings.geojson'), foundBy: 'default-name' });
    expect(read.value.files.archive?.path).toBe(join(dir, 'archive.csv'));
    expect(read.value.files.areas).toBeNull();
  });

  it('finds a Shapefile or GeoPackage by the default name in any letter case', () => {
    const dir = folder({ 'DEM.TIF': '', 'BUILDINGS.SHP': '', 'BUILDINGS.DBF': '', 'lifelines.gpkg': '' });
    const read = readHandoverFolder(dir);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.value.files.buildings?.path).toBe(join(dir, 'BUILDINGS.SHP'));
    expect(read.value.files.lifelines?.path).toBe(join(dir, 'lifelines.gpkg'));
    expect(read.value.files.dem?.path).toBe(join(dir, 'DEM.TIF'));
  });

  it('takes the files, defaults and per-file settings of handover.json', () => {
    const manifest = {
      crs: 'EPSG:4545',
      encoding: 'gbk',
      mapping: 'mapping.json',
      files: { buildings: '建筑物.shp', lifelines: { path: '管线.gpkg', layer: '给水', crs: 'EPSG:4544' }, areas: { path: '片区.geojson', datum: 'gcj02' }, dem: 'dem.tif' },
    };
    const dir = folder({ 'handover.json': JSON.stringify(manifest), 'mapping.json': '{}', '建筑物.shp': '', '管线.gpkg': '', '片区.geojson': '', 'dem.tif': '' });
    const read = readHandoverFolder(dir);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const { files, mappingFile } = read.value;
    expect(mappingFile).toBe(join(dir, 'mapping.json'));
    expect(files.buildings).toEqual({ role: 'buildings', path: join(dir, '建筑物.shp'), crs: 'EPSG:4545', encoding: 'gbk', mappingFile: join(dir, 'mapping.json'), foundBy: 'manifest' });
    expect(files.dem).not.toHaveProperty('mappingFile');
    expect(files.lifelines).toMatchObject({ layer: '给水', crs: 'EPSG:4544', encoding: 'gbk' });
    expect(files.areas).toMatchObject({ datum: 'gcj02', crs: 'EPSG:4545' });
  });

  it('refuses two candidates for one role, naming both', () => {
    const dir = folder({ 'dem.tif': '', 'buildings.geojson': '', 'buildings.shp': '' });
    const read = readHandoverFolder(dir);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ reason: 'ambiguous', file: dir });
    expect(read.problems[0]!.message).toContain('buildings.geojson');
    expect(read.problems[0]!.message).toContain('buildings.shp');
    expect(read.problems[0]!.fix).toContain('files.buildings');
  });

  it('reports every problem of a manifest at once: bad values with their JSON path, missing and wrong files, a missing required role', () => {
    const bad = folder({ 'handover.json': JSON.stringify({ datum: 'wgs72', files: { lifelines: 'pipes.dwg' } }) });
    const schema = readHandoverFolder(bad);
    expect(schema.ok).toBe(false);
    if (!schema.ok) expect(schema.problems.map((p) => p.reason)).toEqual(['manifest-invalid']);
    if (!schema.ok) expect(schema.problems[0]!.message).toContain('datum');

    const files = folder({ 'handover.json': JSON.stringify({ files: { buildings: 'gone.shp', lifelines: 'pipes.dwg' } }) });
    const read = readHandoverFolder(files);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.reason).sort()).toEqual(['missing-file', 'missing-role', 'wrong-format']);
    expect(read.problems.find((p) => p.reason === 'missing-role')!.message).toContain('DEM');
  });

  it('refuses a manifest that is not JSON, naming it', () => {
    const dir = folder({ 'handover.json': '{ "crs": EPSG:4545 }' });
    const read = readHandoverFolder(dir);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]).toMatchObject({ reason: 'manifest-not-json', file: join(dir, 'handover.json') });
  });
});
