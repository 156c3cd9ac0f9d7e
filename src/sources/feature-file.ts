/**
 * Opens any vector hand-over file — GeoJSON, FlatGeobuf, Shapefile, GeoPackage — as one
 * stream of `RawFeature`s in the pipeline's WGS 84 lon/lat under our field names
 * (issue 17): the container's reader (formats/, footprint-reader.ts), then the CRS the
 * file declares or the caller gives (crs/, proj4), a GCJ-02/BD-09 repair when asked
 * (crs/datum-shift.ts, gcoord), and the field mapping (field-mapping/). The footprint,
 * pipe and area readers and `npm run sources:check` all open files here, so the tiles,
 * the dossiers and the check see the same features.
 *
 * The CRS is settled before the first feature is given out — a Shapefile's or
 * GeoPackage's at open, from the extent of its first `PEEK_FEATURES` features; a
 * GeoJSON's or FlatGeobuf's (read once: a stream) from its first feature —: plainly metres with no CRS is refused (showing the
 * `--crs` to give), eastings with the zone number in front choose their zone, a
 * geographic `--crs` for metres (or the reverse) is refused with both named. A file
 * that declares one CRS while the caller gives another is refused too, naming both:
 * which one is right is not ours to guess (fix the `.prj`, or drop the option).
 *
 * Our own files (the sample's GeoJSON, lon/lat, our names) pass through unchanged:
 * no CRS, no shift, and the mapper keeps our names and values as they are.
 */
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { open } from 'node:fs/promises';
import type { Feature } from 'geojson';
import type { HandoverRole } from '../core/exchange-files.ts';
import type { ShiftedDatum, SourceReadSettings } from '../core/handover.ts';
import { ProblemError, problemText, type Problem } from '../core/problem.ts';
import { failure, success, type Result } from '../core/result.ts';
import { describeReadError } from '../core/file-read-error.ts';
import { checkCoordinateCrs, coordinateKind, type CrsNote } from './crs/coordinate-checks.ts';
import { crsFromEpsg, crsFromWkt, resolveCrs, type Crs } from './crs/crs.ts';
import { shiftGeometryToWgs84 } from './crs/datum-shift.ts';
import { emptyBounds, geometryBounds, reprojectGeometry, type CoordinateBounds } from './crs/geometry-positions.ts';
import { createFieldMapper, type FieldMappingReport } from './field-mapping/field-mapper.ts';
import { mapRawFeature } from './field-mapping/map-raw-feature.ts';
import type { MappingRole } from './field-mapping/our-fields.ts';
import { readFieldMappingFile } from './field-mapping/read-mapping-file.ts';
import { openVectorSource } from './formats/open-vector-source.ts';
import { unbatched, type DeclaredCrs, type DeclaredEncoding, type VectorSource } from './formats/vector-source.ts';
import { GeoJsonReadError, streamGeoJsonFeatures } from './geojson-stream.ts';
import type { RawFeature } from './raw-feature.ts';

export type FeatureFileFormat = 'geojson' | 'flatgeobuf' | 'shapefile' | 'geopackage';
/** The roles whose files are features. */
export type FeatureRole = Exclude<HandoverRole, 'dem' | 'archive'>;

/** Features whose extent settles the CRS checks before the file is read on. */
export const PEEK_FEATURES = 500;

/** What a file turned out to be, for logs, report.json and `sources:check`. */
export interface FeatureFileInfo {
  path: string;
  format: FeatureFileFormat;
  /** The GeoPackage table read. */
  layer?: string;
  /** The CRS read with and who said so; `none` for lon/lat that declares nothing (GeoJSON). */
  crs: { label: string; from: 'file' | 'option' | 'zone-prefix' | 'none' };
  datum: ShiftedDatum | null;
  encoding: DeclaredEncoding | null;
  /** Attribute names as in the file (GeoJSON: none listed, they are per feature). */
  fields: string[];
  /** Features the file says it holds, when it says. */
  count: number | null;
  /** Notes to show (a CRS taken from the zone number, a `.prj` the option agreed with). */
  notes: string[];
}

export interface FeatureFile extends FeatureFileInfo {
  /** The features in WGS 84 lon/lat under our names, read anew on each call. Throws `FeatureReadError` when the file breaks half-way. */
  features(): AsyncGenerator<RawFeature>;
  /** The same as arrays (of up to FEATURE_BATCH for files on disk, of one for streams): for readers that pass them on. */
  batches(): AsyncGenerator<RawFeature[]>;
  /** After (or during) a read: features read, their lon/lat extent, what the field mapping did. */
  summary(): FeatureFileSummary;
}

export interface FeatureFileSummary {
  features: number;
  /** WGS 84 extent of what was read; null before any coordinate. */
  bounds: CoordinateBounds | null;
  /** Null for roles without a field mapping (roads, rail). */
  mapping: FieldMappingReport | null;
}

/** A file that cannot be read or stops being readable half-way (a cut-short GeoJSON, a corrupt GeoPackage blob); its message ends with the fix. */
export class FeatureReadError extends ProblemError<Problem> {
  constructor(problem: Problem) {
    super(problem);
    this.name = 'FeatureReadError';
    this.message = problemText(problem);
  }
}

export function featureFileFormat(path: string): FeatureFileFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.fgb') return 'flatgeobuf';
  if (ext === '.shp') return 'shapefile';
  if (ext === '.gpkg') return 'geopackage';
  return null;
}

const WHAT: Record<FeatureRole, { zh: string; en: string }> = {
  buildings: { zh: '建筑轮廓文件', en: 'footprint file' },
  lifelines: { zh: '管线文件', en: 'pipe file' },
  areas: { zh: '片区文件', en: 'areas file' },
  roads: { zh: '道路文件', en: 'roads file' },
  rail: { zh: '轨道文件', en: 'rail file' },
};

/** Names a GeoPackage table of each role goes by, when the file has several. */
const ROLE_HINTS: Record<FeatureRole, string[]> = {
  buildings: ['buildings', 'building', '建筑', '建筑物', '房屋', '楼栋'],
  lifelines: ['lifelines', 'pipes', 'pipe', '管线', '管网', '管段'],
  areas: ['areas', 'area', '片区', '更新片区'],
  roads: ['roads', 'road', '道路'],
  rail: ['rail', '轨道'],
};

const MAPPED_ROLES: Partial<Record<FeatureRole, MappingRole>> = { buildings: 'buildings', lifelines: 'lifelines', areas: 'areas' };

function toRawFeature(feature: Partial<Feature> | undefined, index: number): RawFeature {
  const properties = (feature?.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
  return { index, id: properties.id ?? feature?.id, geometry: feature?.geometry ?? null, properties };
}

/** The container, still in the file's own coordinates and names: a VectorSource's shape, for any format. */
type Container = Omit<VectorSource, 'format' | 'path' | 'features'> & { format: FeatureFileFormat };

/** A stream's features as batches of one: a feature is given out as soon as it is read (the file may be a pipe still being written). */
async function* singles(features: AsyncIterable<RawFeature>): AsyncGenerator<RawFeature[]> {
  for await (const f of features) yield [f];
}

async function* geojsonFeatures(path: string, role: FeatureRole): AsyncGenerator<RawFeature> {
  try {
    for await (const { index, feature } of streamGeoJsonFeatures(path, { what: WHAT[role] })) yield toRawFeature(feature as Partial<Feature>, index);
  } catch (error) {
    if (error instanceof GeoJsonReadError) throw new FeatureReadError(error.problem);
    throw error;
  }
}

/** FlatGeobuf streamed from the file; its header's CRS (an EPSG code) is handed to `onCrs` before the first feature. */
async function* flatgeobufFeatures(path: string, onCrs: (epsg: number | null) => void): AsyncGenerator<RawFeature> {
  const { deserialize } = await import('flatgeobuf/lib/mjs/geojson.js');
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new FeatureReadError({ reason: 'unreadable', file: path, message: describeReadError(path, error, { zh: '要素文件', en: 'feature file' }) });
  }
  try {
    let i = 0;
    const stream = Readable.toWeb(handle.createReadStream({ autoClose: false })) as ReadableStream;
    const headerMeta = (header: { crs?: { code?: number } | null }) => onCrs(header.crs?.code && header.crs.code > 0 ? header.crs.code : null);
    for await (const f of deserialize(stream, { headerMetaFn: headerMeta as never })) yield toRawFeature(f as unknown as Feature, i++);
  } catch (error) {
    if (error instanceof FeatureReadError) throw error;
    throw new FeatureReadError({ reason: 'not-flatgeobuf', file: path, message: `${path}: FlatGeobuf 无法解析 / not valid FlatGeobuf (${(error as Error).message})`, fix: '重新导出该图层 / export the layer again' });
  } finally {
    await handle.close();
  }
}

async function openContainer(path: string, role: FeatureRole, settings: SourceReadSettings): Promise<Result<Container, Problem>> {
  const format = featureFileFormat(path);
  if (format === null) {
    return failure([{ reason: 'unsupported-format', file: path, message: `${path}: 不支持的${WHAT[role].zh}类型 / unsupported ${WHAT[role].en}`, fix: '使用 .geojson、.fgb、.shp（连同 .dbf、.prj）或 .gpkg / use .geojson, .fgb, .shp (with its .dbf and .prj) or .gpkg' }]);
  }
  if (format === 'geojson') {
    return success({ format, crs: { wkt: null, epsg: null }, encoding: null, fields: [], count: null, batches: () => singles(geojsonFeatures(path, role)) });
  }
  if (format === 'flatgeobuf') {
    // The header's CRS arrives with the first feature (a file is read once: it may be a pipe).
    const crs: DeclaredCrs = { wkt: null, epsg: null };
    return success({ format, crs, encoding: null, fields: [], count: null, batches: () => singles(flatgeobufFeatures(path, (code) => (crs.epsg = code === 4326 ? null : code))) });
  }
  const opened = await openVectorSource(path, { ...(settings.encoding ? { encoding: settings.encoding } : {}), ...(settings.layer ? { layer: settings.layer } : {}), roleHints: ROLE_HINTS[role] });
  if (!opened.ok) return opened;
  const source = opened.value;
  const batches = async function* () {
    try {
      yield* source.batches();
    } catch (error) {
      if (error instanceof ProblemError) throw new FeatureReadError(error.problem as Problem);
      throw error;
    }
  };
  return success({ format, ...(source.layer ? { layer: source.layer } : {}), crs: source.crs, encoding: source.encoding, fields: source.fields, count: source.count, batches });
}

/**
 * The extent that settles the CRS, from features in the file's own coordinates. With
 * no CRS declared, a file is metres only when every one of them is: a lon/lat file
 * with a stray projected feature is read as lon/lat, and the validator refuses that
 * feature with its own message (as before issue 17).
 */
function extentOf(features: readonly RawFeature[]): CoordinateBounds {
  const all = emptyBounds();
  const lonLat = emptyBounds();
  let metres = 0;
  let placed = 0;
  for (const f of features) {
    if (!f.geometry) continue;
    const b = geometryBounds(f.geometry);
    placed++;
    geometryBounds(f.geometry, all);
    if (coordinateKind(b) === 'metres') metres++;
    else geometryBounds(f.geometry, lonLat);
  }
  return metres === placed || metres === 0 ? all : lonLat;
}

/** The first features (shp, gpkg: files on disk, read again after). */
async function peekFeatures(container: Container): Promise<Result<RawFeature[], Problem>> {
  const out: RawFeature[] = [];
  try {
    peek: for await (const batch of container.batches()) {
      for (const f of batch) {
        out.push(f);
        if (out.length >= PEEK_FEATURES) break peek;
      }
    }
  } catch (error) {
    if (error instanceof FeatureReadError) return failure([error.problem]);
    throw error;
  }
  return success(out);
}

function sameCrs(a: Crs, b: Crs, at: CoordinateBounds): boolean {
  if (a.epsg !== null && b.epsg !== null) return a.epsg === b.epsg;
  if (a.geographic !== b.geographic) return false;
  if (!Number.isFinite(at.minX)) return a.label === b.label;
  // Two descriptions of one CRS (an ESRI WKT and its EPSG code) put the extent's corners at the same lon/lat.
  const corners: Array<[number, number]> = [[at.minX, at.minY], [at.maxX, at.maxY]];
  return corners.every(([x, y]) => {
    const [lonA, latA] = a.toLonLat(x, y);
    const [lonB, latB] = b.toLonLat(x, y);
    return Math.hypot((lonA - lonB) * 96_000, (latA - latB) * 111_000) < 0.001;
  });
}

/** The CRS to read with: declared, given, both (they must agree), or none. */
function settleCrs(path: string, declared: DeclaredCrs, option: string | undefined, bounds: CoordinateBounds): Result<{ crs: Crs | null; from: 'file' | 'option'; notes: string[] }, Problem> {
  const where = { file: path };
  let fromFile: Crs | null = null;
  let fileProblem: Problem[] = [];
  if (declared.epsg !== null) {
    const r = crsFromEpsg(declared.epsg, where);
    if (r.ok) fromFile = r.value;
    else fileProblem = r.problems;
  } else if (declared.wkt !== null) {
    const r = crsFromWkt(declared.wkt, where);
    if (r.ok) fromFile = r.value;
    else fileProblem = r.problems;
  }
  if (option === undefined) {
    if (fileProblem.length > 0) return failure(fileProblem);
    return success({ crs: fromFile, from: 'file', notes: [] });
  }
  const given = resolveCrs(option, where);
  if (!given.ok) return given;
  if (fromFile === null) {
    const notes = fileProblem.length > 0 ? [`${path}: 文件声明的坐标系无法识别，按 --crs ${given.value.label} 读取 / the file's own CRS is not understood; read as --crs ${given.value.label}`] : [];
    return success({ crs: given.value, from: 'option', notes });
  }
  if (!sameCrs(fromFile, given.value, bounds)) {
    return failure([
      {
        reason: 'crs-conflict',
        file: path,
        message: `${path}: 文件声明坐标系 ${fromFile.label}，但指定的是 ${given.value.label} / the file declares ${fromFile.label} but ${given.value.label} was given`,
        fix: '若文件的 .prj 有误，改正或删除它；否则去掉 --crs（或 handover.json 中的 crs） / if the file’s .prj is wrong, correct or delete it; otherwise drop --crs (or the crs in handover.json)',
      },
    ]);
  }
  return success({ crs: fromFile, from: 'file', notes: [] });
}

/**
 * Opens a feature file of `role` with a hand-over's read settings: every problem that
 * stops the whole file (no `.dbf`, a wrong code page, metres without a CRS, a CRS
 * conflict, a bad mapping file …) comes back as a value before any feature is read.
 */
export async function openFeatureFile(path: string, role: FeatureRole, settings: SourceReadSettings = {}): Promise<Result<FeatureFile, Problem>> {
  const opened = await openContainer(path, role, settings);
  if (!opened.ok) return opened;
  const container = opened.value;

  const mappingRole = MAPPED_ROLES[role];
  let mapping = null;
  if (settings.mappingFile) {
    const read = await readFieldMappingFile(settings.mappingFile);
    if (!read.ok) return read;
    mapping = read.value;
  }
  const newMapper = () => (mappingRole ? createFieldMapper(mappingRole, mapping) : null);

  /** The CRS for features with this extent: declared and given agreeing, checked against the coordinates. */
  const settle = (extent: CoordinateBounds): Result<{ crs: Crs; from: FeatureFileInfo['crs']['from']; notes: string[] }, Problem> => {
    const settled = settleCrs(path, container.crs, settings.crs, extent);
    if (!settled.ok) return settled;
    const checked = checkCoordinateCrs({ bounds: extent, crs: settled.value.crs, crsFrom: settled.value.from, where: { file: path } });
    if (!checked.ok) return checked;
    const inferred = checked.value.notes.length > 0;
    return success({
      crs: checked.value.crs,
      from: inferred ? 'zone-prefix' : settled.value.crs === null ? 'none' : settled.value.from,
      notes: [...settled.value.notes, ...checked.value.notes.map((n: CrsNote) => n.message)],
    });
  };

  // Files on disk (Shapefile, GeoPackage) settle their CRS now, from their first features;
  // streams (GeoJSON, FlatGeobuf: a file is read once, it may be a pipe still being written)
  // from their first feature, as it arrives.
  const streamed = container.format === 'geojson' || container.format === 'flatgeobuf';
  let state: { crs: Crs; from: FeatureFileInfo['crs']['from']; notes: string[] } | null = null;
  if (!streamed) {
    const peeked = await peekFeatures(container);
    if (!peeked.ok) return peeked;
    const settled = settle(extentOf(peeked.value));
    if (!settled.ok) return settled;
    state = settled.value;
  }

  const datum = settings.datum ?? null;
  let mapper = newMapper();
  let count = 0;
  let bounds: CoordinateBounds | null = null;
  const info: FeatureFileInfo = {
    path,
    format: container.format,
    ...(container.layer ? { layer: container.layer } : {}),
    crs: state ? { label: state.crs.label, from: state.from } : { label: settings.crs ?? 'WGS 84 lon/lat', from: settings.crs ? 'option' : 'none' },
    datum,
    encoding: container.encoding,
    fields: container.fields,
    count: container.count,
    notes: state ? state.notes : [],
  };
  const { crs: _crs, notes: _notes, ...fixed } = info;
  return success({
    ...fixed,
    /** For a stream, settled by its first feature: read it after the features. */
    get crs() {
      return info.crs;
    },
    get notes() {
      return info.notes;
    },
    features() {
      return unbatched(this.batches());
    },
    async *batches() {
      mapper = newMapper();
      count = 0;
      bounds = null;
      let crs = state?.crs ?? null;
      // The sample's own case: lon/lat, nothing declared, no shift: geometries are passed on as read.
      let identity = crs !== null && crs.geographic && crs.epsg !== null && [4326, 4490].includes(crs.epsg);
      for await (const batch of container.batches()) {
        const out = new Array<RawFeature>(batch.length);
        for (let i = 0; i < batch.length; i++) {
          const raw = batch[i]!;
          if (crs === null && raw.geometry) {
            const settled = settle(extentOf([raw]));
            if (!settled.ok) throw new FeatureReadError(combined(settled.problems));
            state = settled.value;
            crs = state.crs;
            identity = crs.geographic && crs.epsg !== null && [4326, 4490].includes(crs.epsg);
            info.crs = { label: crs.label, from: state.from };
            info.notes = state.notes;
          }
          let geometry = raw.geometry;
          if (geometry && crs && !identity) geometry = reprojectGeometry(geometry, crs);
          if (geometry && datum) geometry = shiftGeometryToWgs84(geometry, datum);
          if (geometry) bounds = geometryBounds(geometry, bounds ?? emptyBounds());
          count++;
          out[i] = mapper ? mapRawFeature(mapper, raw, geometry) : geometry === raw.geometry ? raw : { index: raw.index, id: raw.id, geometry, properties: raw.properties };
        }
        yield out;
      }
    },
    summary() {
      return { features: count, bounds, mapping: mapper ? mapper.report() : null };
    },
  });
}

/**
 * Every feature of a file in batches (FeatureFile.batches), for readers that throw: the
 * open problems and a half-way break become `FeatureReadError`. `onOpen` gets the opened
 * file (for its summary after the read).
 */
export async function* readFeatureFileBatches(path: string, role: FeatureRole, settings: SourceReadSettings = {}, onOpen?: (file: FeatureFile) => void): AsyncGenerator<RawFeature[]> {
  const opened = await openFeatureFile(path, role, settings);
  if (!opened.ok) throw new FeatureReadError(combined(opened.problems));
  onOpen?.(opened.value);
  yield* opened.value.batches();
}

/** How a source file was read, for a tileset's report.json: published with the tiles, so it names the file only, never its folder. */
export interface SourceReadReport extends Omit<FeatureFileInfo, 'path'>, FeatureFileSummary {
  file: string;
}

export function sourceReadReport(file: FeatureFile): SourceReadReport {
  const name = basename(file.path);
  const { features, bounds, mapping } = file.summary();
  return {
    file: name,
    format: file.format,
    ...(file.layer ? { layer: file.layer } : {}),
    crs: file.crs,
    datum: file.datum,
    encoding: file.encoding,
    fields: file.fields,
    count: file.count,
    notes: file.notes.map((n) => n.split(file.path).join(name)),
    features,
    bounds,
    mapping,
  };
}

/** Several problems of one file as one (the first's reason and place, every message and fix). */
export function combined(problems: readonly Problem[]): Problem {
  const first = problems[0]!;
  if (problems.length === 1) return first;
  const { fix: _fix, ...rest } = first;
  return { ...rest, message: problems.map(problemText).join('\n') };
}
