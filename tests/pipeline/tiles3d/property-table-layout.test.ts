/**
 * EXT_structural_metadata's binary layout rules, which the official 3d-tiles-validator
 * checks and our reader-based tests had not:
 * - "the byteOffset of each buffer view MUST be aligned to a multiple of its component
 *   size". gltf-transform 4.5.1 appends the property-table views right after the
 *   meshopt data with no padding, so 135 of 312 views in the sample's buildings and 273
 *   of 660 in its lifelines were misaligned (METADATA_INVALID_ALIGNMENT, every tile);
 * - each view holds exactly its values: count × size, count + 1 offsets, and for
 *   strings the bytes the last offset names (METADATA_INVALID_LENGTH on 3 sample tiles
 *   whose buildings all lack a name: glTF forbids a 0-byte view, so we wrote 1).
 * This writes real tiles of both tilesets (and one of buildings without names) and
 * reads every glb's property tables with a GLB parser of its own (the container format
 * only), checking each values / stringOffsets / arrayOffsets view.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBuildingsTileset } from '../../../src/pipeline/buildings/build-buildings-tileset.ts';
import { buildLifelinesTileset } from '../../../src/pipeline/lifelines/build-lifelines-tileset.ts';
import { createSyntheticNetwork } from '../../../src/sample/synthetic/synthetic-network.ts';
import { smallDistrict, tempDir } from '../buildings/fixtures.ts';

const COMPONENT_BYTES: Record<string, number> = {
  INT8: 1, UINT8: 1, INT16: 2, UINT16: 2, INT32: 4, UINT32: 4, FLOAT32: 4, INT64: 8, UINT64: 8, FLOAT64: 8,
};

interface ClassProperty {
  type: string;
  componentType?: string;
  enumType?: string;
}

interface Gltf {
  buffers: Array<{ uri?: string; byteLength: number }>;
  bufferViews: Array<{ buffer: number; byteOffset?: number; byteLength: number }>;
  extensions?: {
    EXT_structural_metadata?: {
      schema: { classes: Record<string, { properties: Record<string, ClassProperty> }>; enums?: Record<string, { valueType?: string }> };
      propertyTables: Array<{
        class: string;
        count: number;
        properties: Record<string, { values: number; stringOffsets?: number; arrayOffsets?: number; stringOffsetType?: string; arrayOffsetType?: string }>;
      }>;
    };
  };
}

/** GLB container: 12-byte header, JSON chunk, BIN chunk (glTF 2.0 §4.4). */
function readGlb(bytes: Uint8Array): { gltf: Gltf; binStart: number; binLength: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(view.getUint32(0, true)).toBe(0x46546c67);
  const jsonLength = view.getUint32(12, true);
  expect(view.getUint32(16, true)).toBe(0x4e4f534a);
  const gltf = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as Gltf;
  const binHeader = 20 + jsonLength;
  expect(view.getUint32(binHeader + 4, true)).toBe(0x004e4942);
  return { gltf, binStart: binHeader + 8, binLength: view.getUint32(binHeader, true) };
}

interface MetadataView {
  where: string;
  byteOffset: number;
  fileOffset: number;
  componentBytes: number;
  byteLength: number;
  /** The byteLength the extension requires. */
  expectedLength: number;
}

function metadataViews(glb: Uint8Array, uri: string): MetadataView[] {
  const { gltf, binStart, binLength } = readGlb(glb);
  const metadata = gltf.extensions?.EXT_structural_metadata;
  expect(metadata, `${uri}: EXT_structural_metadata`).toBeDefined();
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const out: MetadataView[] = [];
  for (const table of metadata!.propertyTables) {
    const cls = metadata!.schema.classes[table.class]!;
    for (const [name, p] of Object.entries(table.properties)) {
      const def = cls.properties[name]!;
      // Our tables hold scalars and strings, one value per row (no arrays, no vectors).
      expect(p.arrayOffsets, `${uri} ${name}`).toBeUndefined();
      const valueType =
        def.type === 'STRING' || def.type === 'BOOLEAN' ? 'UINT8' : def.type === 'ENUM' ? (metadata!.schema.enums?.[def.enumType!]?.valueType ?? 'UINT16') : def.componentType!;
      const offsetType = p.stringOffsetType ?? 'UINT32';
      let valuesLength = def.type === 'BOOLEAN' ? Math.ceil(table.count / 8) : table.count * COMPONENT_BYTES[valueType]!;
      if (def.type === 'STRING') {
        const offsets = gltf.bufferViews[p.stringOffsets!]!;
        const last = binStart + (offsets.byteOffset ?? 0) + table.count * COMPONENT_BYTES[offsetType]!;
        valuesLength = offsetType === 'UINT16' ? view.getUint16(last, true) : view.getUint32(last, true);
      }
      const views: Array<[string, number | undefined, string, number]> = [
        ['values', p.values, valueType, valuesLength],
        ['stringOffsets', p.stringOffsets, offsetType, (table.count + 1) * COMPONENT_BYTES[offsetType]!],
      ];
      for (const [role, index, componentType, expectedLength] of views) {
        if (index === undefined) continue;
        const bv = gltf.bufferViews[index]!;
        // The GLB's own buffer (no uri), and inside its BIN chunk.
        expect(gltf.buffers[bv.buffer]!.uri, `${uri} ${name}.${role}`).toBeUndefined();
        const byteOffset = bv.byteOffset ?? 0;
        expect(byteOffset + bv.byteLength, `${uri} ${name}.${role}`).toBeLessThanOrEqual(binLength);
        out.push({
          where: `${uri} bufferView ${index} ${name}.${role} ${componentType}`,
          byteOffset,
          fileOffset: binStart + byteOffset,
          componentBytes: COMPONENT_BYTES[componentType]!,
          byteLength: bv.byteLength,
          expectedLength,
        });
      }
    }
  }
  return out;
}

function glbFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.glb')) found.push(path);
    }
  };
  walk(root);
  return found.sort();
}

interface TilesetCheck {
  checked: number;
  /** Views whose component is wider than a byte (the ones alignment can fail for). */
  wide: number;
  misaligned: string[];
  wrongLength: string[];
  /** Property names over all tables, with how many tables have them. */
  properties: Map<string, number>;
}

function checkTileset(root: string): TilesetCheck {
  const result: TilesetCheck = { checked: 0, wide: 0, misaligned: [], wrongLength: [], properties: new Map() };
  for (const file of glbFiles(root)) {
    for (const v of metadataViews(new Uint8Array(readFileSync(file)), file.slice(root.length + 1))) {
      result.checked++;
      if (v.componentBytes > 1) result.wide++;
      if (v.byteOffset % v.componentBytes !== 0) result.misaligned.push(`${v.where}: byteOffset ${v.byteOffset}`);
      else if (v.fileOffset % v.componentBytes !== 0) result.misaligned.push(`${v.where}: at ${v.fileOffset} in the file`);
      if (v.byteLength !== v.expectedLength) result.wrongLength.push(`${v.where}: byteLength ${v.byteLength}, must be ${v.expectedLength}`);
      const name = v.where.split(' ')[3]!.split('.')[0]!;
      if (v.where.includes('.values ')) result.properties.set(name, (result.properties.get(name) ?? 0) + 1);
    }
  }
  return result;
}

describe('EXT_structural_metadata property-table buffer views', () => {
  let dir: string;

  beforeAll(async () => {
    dir = tempDir('alignment');
    const { district, features } = smallDistrict(400);
    const buildings = await buildBuildingsTileset({
      features,
      grid: district.grid,
      outDir: join(dir, 'buildings'),
      workers: 0,
      tiling: { maxFeaturesPerTile: 60, parentFeatures: 20 },
    });
    if (!buildings.ok) throw new Error(buildings.error);
    // Same footprints, none named: every tile's `name` column would be all empty.
    const unnamed = await buildBuildingsTileset({
      features: features.map((f) => ({ ...f, properties: { ...f.properties, name: undefined } })),
      grid: district.grid,
      outDir: join(dir, 'unnamed'),
      workers: 0,
      tiling: { maxFeaturesPerTile: 60, parentFeatures: 20 },
    });
    if (!unnamed.ok) throw new Error(unnamed.error);
    const network = createSyntheticNetwork({ count: 600, seed: 3 });
    const lifelines = await buildLifelinesTileset({
      features: [...network.features()],
      grid: network.grid,
      outDir: join(dir, 'lifelines'),
      workers: 0,
      tiling: { maxFeaturesPerTile: 150, parentFeatures: 50 },
    });
    if (!lifelines.ok) throw new Error(lifelines.error);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const tileset of ['buildings', 'lifelines']) {
    it(`start aligned to their component size in every glb of the ${tileset} tileset`, () => {
      const { checked, wide, misaligned } = checkTileset(join(dir, tileset));
      expect(misaligned).toEqual([]);
      // Enough views, and enough wider than a byte, for the check to mean something.
      expect(checked).toBeGreaterThan(50);
      expect(wide).toBeGreaterThan(20);
    });

    it(`hold exactly their values in every glb of the ${tileset} tileset`, () => {
      expect(checkTileset(join(dir, tileset)).wrongLength).toEqual([]);
    });
  }

  it('leave out an optional string column that is empty in every row, instead of writing a byte the offsets do not name', () => {
    const unnamed = checkTileset(join(dir, 'unnamed'));
    expect(unnamed.wrongLength).toEqual([]);
    expect(unnamed.misaligned).toEqual([]);
    expect(unnamed.properties.has('name')).toBe(false);
    // The other columns are all still there, in every table (`id` is in each).
    const tables = unnamed.properties.get('id')!;
    expect(tables).toBeGreaterThan(1);
    for (const column of ['address', 'community', 'height', 'ground_min']) expect(unnamed.properties.get(column), column).toBe(tables);
    // With names, the column is written.
    expect(checkTileset(join(dir, 'buildings')).properties.get('name')).toBeGreaterThan(0);
  });
});
