/**
 * Reads a buildings tileset back with independent code: loaders.gl's Tiles3DLoader
 * parses tileset.json and every glb (meshopt, EXT_mesh_features and
 * EXT_structural_metadata decoding are its own); only the tree walk and the
 * composition of tile transforms are done here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tiles3DLoader } from '@loaders.gl/3d-tiles';
import { parse } from '@loaders.gl/core';
import { ecefToGeodetic, multiplyMatrices, transformPoint } from '../../../src/pipeline/tiles3d/enu-frame.ts';

export interface InspectedVertex {
  /** ECEF metres. */
  ecef: [number, number, number];
  /** lon°, lat°, height m. */
  geo: [number, number, number];
  featureId: number;
  /** Unit normal in ECEF, when the mesh has normals. */
  normal?: [number, number, number];
}

export interface InspectedPrimitive {
  vertices: InspectedVertex[];
  indices: number[];
}

export interface InspectedTile {
  uri: string;
  depth: number;
  geometricError: number;
  region: number[];
  contentRegion: number[] | undefined;
  children: InspectedTile[];
  /** Property table rows, by feature ID. */
  rows: Record<string, unknown>[];
  primitives: InspectedPrimitive[];
  glb: Uint8Array;
  /** The raw glTF JSON as loaders.gl saw it. */
  gltfJson: Record<string, unknown>;
}

export interface InspectedTileset {
  json: Record<string, unknown>;
  root: InspectedTile;
  tiles: InspectedTile[];
}

// glTF is y-up; 3D Tiles is z-up: x → x, y → z, z → −y.
const Y_UP_TO_Z_UP = [1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1];

interface TileJson {
  boundingVolume: { region: number[] };
  geometricError: number;
  transform?: number[];
  content?: { uri: string; boundingVolume?: { region: number[] } };
  children?: TileJson[];
}

type LoadedPrimitive = {
  attributes: Record<string, { value: ArrayLike<number>; normalized?: boolean }>;
  indices?: { value: ArrayLike<number> };
  extensions?: { EXT_mesh_features?: { featureIds: { data?: ArrayLike<number>; attribute?: number }[] } };
};

export async function inspectTileset(dir: string): Promise<InspectedTileset> {
  const path = join(dir, 'tileset.json');
  const text = readFileSync(path);
  // loaders.gl must accept the tileset as a whole.
  const parsed = (await (parse as unknown as (d: unknown, l: unknown, o: unknown, c: unknown) => Promise<{ root: unknown }>)(
    text, Tiles3DLoader, { '3d-tiles': { isTileset: true } }, { url: path },
  ));
  if (!parsed.root) throw new Error('loaders.gl found no root tile');
  const json = JSON.parse(text.toString('utf8')) as Record<string, unknown> & { root: TileJson };
  const tiles: InspectedTile[] = [];

  const visit = async (tile: TileJson, parentWorld: number[], depth: number): Promise<InspectedTile> => {
    const world = tile.transform ? multiplyMatrices(parentWorld, tile.transform) : parentWorld;
    const uri = tile.content!.uri;
    const glb = new Uint8Array(readFileSync(join(dir, uri)));
    const content = (await parse(glb.slice().buffer, Tiles3DLoader, { '3d-tiles': { loadGLTF: true } } as never)) as unknown as {
      gltf: {
        json?: Record<string, unknown>;
        nodes: { translation?: number[]; scale?: number[]; mesh: { primitives: LoadedPrimitive[] } }[];
        extensions: { EXT_structural_metadata: { propertyTables: { count: number; properties: Record<string, { data: ArrayLike<unknown> }> }[] } };
      };
    };
    const gltf = content.gltf;
    const table = gltf.extensions.EXT_structural_metadata.propertyTables[0]!;
    const rows: Record<string, unknown>[] = Array.from({ length: table.count }, () => ({}));
    for (const [name, prop] of Object.entries(table.properties)) {
      for (let i = 0; i < table.count; i++) rows[i]![name] = prop.data[i];
    }
    const primitives: InspectedPrimitive[] = [];
    for (const node of gltf.nodes) {
      const t = node.translation ?? [0, 0, 0];
      const s = node.scale ?? [1, 1, 1];
      const nodeMatrix = [s[0]!, 0, 0, 0, 0, s[1]!, 0, 0, 0, 0, s[2]!, 0, t[0]!, t[1]!, t[2]!, 1];
      const toEcef = multiplyMatrices(multiplyMatrices(world, Y_UP_TO_Z_UP), nodeMatrix);
      const rotation = multiplyMatrices(world, Y_UP_TO_Z_UP);
      for (const prim of node.mesh.primitives) {
        const pos = prim.attributes.POSITION!.value;
        // The attribute named by EXT_mesh_features. (loaders.gl 4.5.4 fills featureIds[].data
        // before it decodes meshopt, so that copy is all zeros; the attribute is decoded.)
        const featureId = prim.extensions!.EXT_mesh_features!.featureIds[0]!;
        const ids = prim.attributes[`_FEATURE_ID_${featureId.attribute}`]!.value;
        const normals = prim.attributes.NORMAL?.value;
        const vertices: InspectedVertex[] = [];
        for (let v = 0; v < pos.length / 3; v++) {
          const ecef = transformPoint(toEcef, [pos[3 * v]!, pos[3 * v + 1]!, pos[3 * v + 2]!]);
          const vertex: InspectedVertex = { ecef, geo: ecefToGeodetic(...ecef), featureId: ids[v]! };
          if (normals) {
            const k = prim.attributes.NORMAL!.normalized ? 127 : 1;
            const n = [normals[3 * v]! / k, normals[3 * v + 1]! / k, normals[3 * v + 2]! / k];
            const r = transformPoint([...rotation.slice(0, 12), 0, 0, 0, 1], n);
            const len = Math.hypot(...r);
            vertex.normal = [r[0] / len, r[1] / len, r[2] / len];
          }
          vertices.push(vertex);
        }
        primitives.push({ vertices, indices: Array.from(prim.indices!.value) });
      }
    }
    const inspected: InspectedTile = {
      uri,
      depth,
      geometricError: tile.geometricError,
      region: tile.boundingVolume.region,
      contentRegion: tile.content?.boundingVolume?.region,
      children: [],
      rows,
      primitives,
      glb,
      gltfJson: (gltf.json ?? {}) as Record<string, unknown>,
    };
    tiles.push(inspected);
    for (const child of tile.children ?? []) inspected.children.push(await visit(child, world, depth + 1));
    return inspected;
  };

  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const root = await visit(json.root, identity, 0);
  return { json, root, tiles };
}

const DEG = Math.PI / 180;

/** Whether a lon°/lat°/h point lies in a 3D Tiles region (radians, metres), with a tolerance in metres. */
export function regionContains(region: number[], geo: readonly number[], toleranceM = 0): boolean {
  const [w, s, e, n, lo, hi] = region as [number, number, number, number, number, number];
  const tolRad = toleranceM / 6_378_137;
  const lon = geo[0]! * DEG;
  const lat = geo[1]! * DEG;
  return lon >= w - tolRad && lon <= e + tolRad && lat >= s - tolRad && lat <= n + tolRad && geo[2]! >= lo - toleranceM && geo[2]! <= hi + toleranceM;
}

export function regionWithin(inner: number[], outer: number[]): boolean {
  return inner[0]! >= outer[0]! && inner[1]! >= outer[1]! && inner[2]! <= outer[2]! && inner[3]! <= outer[3]! && inner[4]! >= outer[4]! && inner[5]! <= outer[5]!;
}
