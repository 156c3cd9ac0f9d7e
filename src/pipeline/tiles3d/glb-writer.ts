/**
 * Writes one tile's features (buildings, pipes) as a glb: int16 positions
 * (KHR_mesh_quantization) in the tile's ENU frame, one feature ID per feature
 * (EXT_mesh_features) pointing into a property table (EXT_structural_metadata), all
 * meshopt-compressed (EXT_meshopt_compression). Our own quantization, not gltf-transform's quantize():
 * it must leave feature IDs exact and keep positions within a known error. The written
 * GLB's buffer views are then padded to 8-byte offsets (glb-alignment.ts), which
 * EXT_structural_metadata requires and gltf-transform does not do.
 */
import { Document, NodeIO, type Material, type Node } from '@gltf-transform/core';
import {
  EXTMeshFeatures,
  EXTMeshoptCompression,
  EXTStructuralMetadata,
  KHRMeshQuantization,
} from '@gltf-transform/extensions';
import { MeshoptEncoder } from 'meshoptimizer';
import { alignGlbBufferViews } from './glb-alignment.ts';
import type { MeshAccumulator } from './mesh-accumulator.ts';
import { encodePropertyTable } from './property-table.ts';
import type { MetadataSchema } from './property-schema.ts';

export interface GlbWriterOptions {
  /** Per-face normals (lit by any viewer) or none (smaller; the viewer must shade flat). Default true. */
  normals?: boolean;
  /**
   * Quantization step of positions (m). Coarser steps compress better; the error is
   * half a step, so the default 0.05 m stays within 2.5 cm of the true footprint.
   */
  quantizationStepM?: number;
  /**
   * Side of the square cells (m) a tile's buildings are grouped into, one quantized
   * node per cell, so that int16 covers each cell at the chosen step. Default 2,500.
   */
  quantizationCellM?: number;
  /**
   * Label of the feature-ID set. Default none: Cesium then calls it `featureId_0`,
   * which is its default `featureIdLabel`. (Labelling it `featureId_0` explicitly makes
   * Cesium 1.145 declare the name twice and its shader fails to compile.)
   */
  featureIdLabel?: string | null;
}

/** The options' defaults; the buildings' glb writer (../buildings/buildings-glb.ts) groups its cells by them too. */
export const GLB_WRITER_DEFAULTS: Required<GlbWriterOptions> = {
  normals: true,
  quantizationStepM: 0.05,
  quantizationCellM: 2_500,
  featureIdLabel: null,
};

/** Largest quantization step (m) any node may use, i.e. a 5 cm error budget with margin. */
export const MAX_QUANTIZATION_STEP_M = 0.09;

let io: NodeIO | null = null;
async function glbIo(): Promise<NodeIO> {
  if (!io) {
    await MeshoptEncoder.ready;
    io = new NodeIO()
      .registerExtensions([EXTMeshFeatures, EXTStructuralMetadata, EXTMeshoptCompression, KHRMeshQuantization])
      .registerDependencies({ 'meshopt.encoder': MeshoptEncoder });
  }
  return io;
}

function quantize(mesh: MeshAccumulator, stepM: number): { q: Int16Array; center: number[]; step: number[] } {
  // Centre on a whole number of steps from the tile origin, so the node translation is exact.
  const center = [0, 1, 2].map((a) => Math.round((mesh.min[a]! + mesh.max[a]!) / 2 / stepM) * stepM);
  // The fixed step, unless the cell is too big for ±32767 of them (a giant building).
  const step = [0, 1, 2].map((a) =>
    Math.max(stepM, (Math.max(mesh.max[a]! - center[a]!, center[a]! - mesh.min[a]!) / 32767) * (1 + 1e-9)),
  );
  if (step.some((s) => s > MAX_QUANTIZATION_STEP_M)) {
    throw new RangeError(`quantization step ${Math.max(...step).toFixed(3)} m exceeds ${MAX_QUANTIZATION_STEP_M} m`);
  }
  // Tightly packed vec3; glTF-Transform's writer pads each vertex to the 4-byte stride glTF wants.
  const n = mesh.vertexCount;
  const q = new Int16Array(3 * n);
  const p = mesh.positions;
  for (let i = 0; i < 3 * n; i++) q[i] = Math.round((p[i]! - center[i % 3]!) / step[i % 3]!);
  return { q, center, step };
}

export interface GlbStats {
  vertices: number;
  triangles: number;
}

/** One mesh of a glb: its geometry and the name of its material. */
export interface FeatureMesh {
  mesh: MeshAccumulator;
  material: string;
}

export interface FeatureMeshGlbOptions extends GlbWriterOptions {
  /** Materials by name: base colour RGBA (linear 0–1). */
  materials: Record<string, [number, number, number, number]>;
  sceneName: string;
}

/**
 * Writes already-built meshes (one quantized node each) with one feature ID per
 * feature into a property table: the part shared by every feature tileset
 * (buildings, lifelines). Feature IDs in the meshes index `columns`' rows.
 */
export async function writeFeatureMeshGlb(
  meshes: readonly FeatureMesh[],
  featureCount: number,
  columns: readonly unknown[][],
  schema: MetadataSchema,
  options: FeatureMeshGlbOptions,
): Promise<{ glb: Uint8Array; stats: GlbStats }> {
  const o = { ...GLB_WRITER_DEFAULTS, ...options };
  if (featureCount > 65_535) throw new RangeError(`${featureCount} features in one tile; at most 65,535`);
  const doc = new Document();
  const buffer = doc.createBuffer();
  doc.createExtension(KHRMeshQuantization).setRequired(true);
  doc
    .createExtension(EXTMeshoptCompression)
    .setRequired(true)
    .setEncoderOptions({ method: EXTMeshoptCompression.EncoderMethod.QUANTIZE });
  const featuresExt = doc.createExtension(EXTMeshFeatures);
  const metadataExt = doc.createExtension(EXTStructuralMetadata);

  // Schema and property table.
  const schemaProp = metadataExt.createSchema().setId(schema.id);
  for (const e of schema.enums) {
    const en = metadataExt.createEnum().setValueType('UINT8');
    e.names.forEach((name, value) => en.addEnumValue(metadataExt.createEnumValue().setName(name).setValue(value)));
    schemaProp.setEnum(e.name, en);
  }
  const cls = metadataExt.createClass().setName(schema.label);
  for (const c of schema.columns) {
    const p = metadataExt.createClassProperty().setType(c.type).setDescription(c.description);
    if (c.componentType) p.setComponentType(c.componentType);
    if (c.enumType) p.setEnumType(c.enumType);
    if (c.noData !== undefined) p.setNoData(c.noData);
    if (c.required) p.setRequired(true);
    cls.setProperty(c.name, p);
  }
  schemaProp.setClass(schema.className, cls);
  const table = metadataExt.createPropertyTable().setClass(schema.className).setCount(featureCount).setName(options.sceneName);
  for (const col of encodePropertyTable(schema, columns)) {
    const prop = metadataExt.createPropertyTableProperty().setValues(col.values);
    if (col.stringOffsets) prop.setStringOffsets(col.stringOffsets).setStringOffsetType(col.stringOffsetType!);
    table.setProperty(col.name, prop);
  }
  doc.getRoot().setExtension(
    'EXT_structural_metadata',
    metadataExt.createStructuralMetadata().setSchema(schemaProp).addPropertyTable(table),
  );

  const materials = new Map<string, Material>();
  // Only the materials some mesh uses: an unused one is dead weight (and a validator warning).
  for (const name of new Set(meshes.map((m) => m.material))) {
    const color = options.materials[name] ?? [1, 1, 1, 1];
    materials.set(name, doc.createMaterial(name).setBaseColorFactor(color).setMetallicFactor(0).setRoughnessFactor(1));
  }
  const scene = doc.createScene(options.sceneName);
  const stats: GlbStats = { vertices: 0, triangles: 0 };
  const featureIdType = Uint16Array;

  for (const [c, { mesh, material }] of meshes.entries()) {
    if (mesh.vertexCount === 0) continue;
    const { q, center, step } = quantize(mesh, o.quantizationStepM);
    const n = mesh.vertexCount;
    stats.vertices += n;
    stats.triangles += mesh.indexCount / 3;
    const position = doc.createAccessor().setBuffer(buffer).setType('VEC3').setArray(q);
    const ids = doc.createAccessor().setBuffer(buffer).setType('SCALAR')
      .setArray(featureIdType.from(mesh.featureIds.subarray(0, n)));
    const indexArray = n <= 0xffff ? Uint16Array.from(mesh.indices.subarray(0, mesh.indexCount)) : mesh.indices.slice(0, mesh.indexCount);
    const indices = doc.createAccessor().setBuffer(buffer).setType('SCALAR').setArray(indexArray);
    const prim = doc.createPrimitive().setAttribute('POSITION', position).setAttribute('_FEATURE_ID_0', ids)
      .setIndices(indices).setMaterial(materials.get(material)!);
    if (mesh.normals) {
      const normal = doc.createAccessor().setBuffer(buffer).setType('VEC3')
        .setArray(mesh.normals.slice(0, 3 * n)).setNormalized(true);
      prim.setAttribute('NORMAL', normal);
    }
    const featureId = featuresExt.createFeatureID().setFeatureCount(featureCount).setAttribute(0).setPropertyTable(table);
    if (o.featureIdLabel) featureId.setLabel(o.featureIdLabel);
    prim.setExtension('EXT_mesh_features', featuresExt.createFeatures().addFeatureID(featureId));
    const node: Node = doc.createNode(`cell_${c}`)
      .setMesh(doc.createMesh(`${options.sceneName}_${c}`).addPrimitive(prim))
      .setTranslation(center as [number, number, number])
      .setScale(step as [number, number, number]);
    scene.addChild(node);
  }
  doc.getRoot().setDefaultScene(scene);
  // Pads between buffer views: the property-table views must be aligned (see glb-alignment.ts).
  const glb = alignGlbBufferViews(await (await glbIo()).writeBinary(doc));
  return { glb, stats };
}
