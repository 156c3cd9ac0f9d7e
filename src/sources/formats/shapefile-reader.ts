/**
 * Reads an ESRI Shapefile (`.shp` geometry, `.dbf` attributes, `.prj` CRS, `.cpg`
 * code page; `.shx` only for its record count: records are read in order) as a `VectorSource`:
 * features in the file's own coordinates, the `.prj` as declared, attributes decoded
 * in the code page the `.cpg`, `--encoding` or the bytes say (issue 17: districts hand
 * over Shapefiles in CGCS2000 Gauss-Krüger metres with GBK DBFs and Chinese field names).
 *
 * Sibling files are matched case-insensitively, as Windows tools write them
 * (`BUILDINGS.SHP` + `buildings.dbf`); the path may be the `.shp`, any sibling, or the
 * name without extension. Refused at open, with the file named and the fix: no
 * `.shp`, no `.dbf` (the attributes — ids, heights, floors — would be lost), a header
 * that is not a Shapefile's or a DBF's, MultiPatch geometry, memo/binary fields, an
 * unknown code page, a `.dbf` with another number of records than the `.shx` has shapes
 * (without a `.shx`, found when the read reaches the end of either file: it then throws),
 * and text in another code page than the chosen one (see
 * `code-page.ts`: every non-ASCII value of the DBF is checked before the first feature
 * is given out, so a run never stops half-way on mojibake).
 *
 * Geometry: the `shapefile` package (0.6.6) parses the `.shp`'s records, which
 * `shp-records.ts` reads a chunk at a time (the package's own `read()` cost three
 * promises and two copies a record). Its polygons keep the
 * file's ring order and orientation (outer rings clockwise, holes counter-clockwise,
 * as the format requires) and group each hole with the first outer ring that contains
 * it, a part without hole being a MultiPolygon member: the same grouping ogr2ogr
 * writes (checked by the tests against `ogr2ogr -f GeoJSON`). The footprint validator
 * orients every ring itself (outer counter-clockwise), so nothing is rewound here.
 * Attributes: `dbf-file.ts` (why not the package's DBF reader is said there). Null,
 * blank and unreadable values are absent properties; no id is guessed: a Shapefile
 * feature has no id of its own, so `id` is `properties.id` or undefined (field mapping
 * maps 建筑编号 → id).
 *
 * Z and M of PointZ/PolyLineZ/PolygonZ are dropped by the package (it reads x, y only):
 * heights and inverts come from attributes, as they do from GeoJSON.
 *
 * Speed: 100,000 five-vertex polygons with 4 attributes (13.6 MB .shp, 17.9 MB GBK
 * .dbf, made by ogr2ogr) open (the code-page check of every value) in 0.1–0.4 s and
 * are read in 0.6–0.8 s: 87,000–145,000 features/s in all, at 160 MB RSS, against
 * 59,000–78,000 features/s for the streamed GeoJSON reader on the same polygons
 * (27 MB) in the same run (2 cores shared with other jobs, load 3–8, 2026-12-02, a
 * throwaway script). Reading only: reprojection is the CRS module's. Through
 * `readFootprints` (CRS, proj4, field mapping), GBK with Chinese fields in EPSG:4545:
 * 19,500–23,700 features/s against 15,600–18,000 for GeoJSON in lon/lat
 * (`npm run bench:sources`, two runs on 2026-12-02; this machine read GeoJSON 3× slower
 * that day than in the run above). After the chunked `.shp` read, the DBF values read
 * as ranges and the leaner field mapper (issue 17 speed): 39,000 features/s (median of
 * 5; 20,100–59,400, CPU 2.5 s) against 27,200 (25,100–44,400, CPU 3.6 s) for the code
 * before, the two run in turns under a load of 3.4–5 from other jobs on the 2 cores;
 * GeoJSON 31,700 in the same runs. Not yet the 50,000 the issue asks (one run of five
 * reached it).
 */
import { open as openFile, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Geometry } from 'geojson';
import { BoundedMemo } from '../../core/bounded-memo.ts';
import { describeReadError, fileErrorCode } from '../../core/file-read-error.ts';
import { failure, success, type Result } from '../../core/result.ts';
import type { RawFeature } from '../raw-feature.ts';
import { CodePageCheck, codePageName, type CodePageVerdict, type TextSample } from './code-page.ts';
import { DBF_FIELD_TYPES, DBF_NAME_BYTES, DbfFormatError, dbfRecordChunks, decodeCut, fieldValue, fillsField, hasHighByte, hasHighByteIn, readDbfHeader, rememberingTextDecode, valueEnd, valueKey, valueStart, type DbfHeader, type DbfRecord } from './dbf-file.ts';
import { ShpRecordError, shpShapeBatches } from './shp-records.ts';
import { FEATURE_BATCH, unbatched, VectorReadError, vectorProblem, type DeclaredCrs, type DeclaredEncoding, type VectorSource, type VectorSourceProblem } from './vector-source.ts';

export interface ShapefileOptions {
  /**
   * The DBF's code page, as a `.cpg` names it (`GBK`, `936`, `UTF-8`, `65001`,
   * `GB18030`, `ISO-8859-1` …) or any WHATWG label. Default: the `.cpg`'s, else
   * detected (UTF-8 when every string is valid UTF-8, else GB18030).
   */
  encoding?: string;
}

const EXTENSIONS = ['.shp', '.shx', '.dbf', '.prj', '.cpg'] as const;
type Extension = (typeof EXTENSIONS)[number];

/** Shape types the `shapefile` package reads (null, points, lines, polygons, multipoints; plain, Z and M). */
const SHAPE_TYPES = new Set([0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28]);

const WHAT = { zh: ' Shapefile', en: 'Shapefile' };

/** The sibling files present, by lower-case extension, as spelled on disk; the `.shp` path as given when it is missing. */
async function siblings(path: string): Promise<Result<{ files: Partial<Record<Extension, string>>; stem: string }, VectorSourceProblem>> {
  const dir = dirname(path);
  const base = basename(path);
  const ext = extname(base).toLowerCase();
  const stem = (EXTENSIONS as readonly string[]).includes(ext) ? base.slice(0, -ext.length) : base;
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    return failure([vectorProblem(path, fileErrorCode(error) === 'ENOENT' ? 'missing-file' : 'unreadable', describeReadError(path, error, WHAT).slice(path.length + 2))]);
  }
  const files: Partial<Record<Extension, string>> = {};
  for (const want of EXTENSIONS) {
    const matches = entries.filter((e) => e.toLowerCase() === (stem + want).toLowerCase());
    // On a case-sensitive disk both `a.shp` and `A.SHP` may exist: the one spelled like the given stem wins.
    const pick = matches.find((e) => e.startsWith(stem)) ?? matches[0];
    if (pick !== undefined) files[want] = join(dir, pick);
  }
  return success({ files, stem: join(dir, stem) });
}

/** The root `AUTHORITY["EPSG","n"]` of a WKT1 text (depth 1: the CRS's own, not its datum's or unit's), or null. */
export function rootEpsg(wkt: string): number | null {
  let depth = 0;
  let found: number | null = null;
  const re = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]|[[\]()]/gi;
  for (let m = re.exec(wkt); m; m = re.exec(wkt)) {
    if (m[1] !== undefined) {
      if (depth === 1) found = Number(m[1]);
    } else if (m[0] === '[' || m[0] === '(') depth++;
    else depth--;
  }
  return found;
}

async function readShpHeader(path: string): Promise<{ code: number; type: number } | null> {
  const handle = await openFile(path, 'r');
  try {
    const head = new Uint8Array(100);
    const { bytesRead } = await handle.read(head, 0, 100, 0);
    if (bytesRead < 100) return null;
    const view = new DataView(head.buffer);
    return { code: view.getInt32(0, false), type: view.getInt32(32, true) };
  } finally {
    await handle.close();
  }
}

function codePageFix(likely: string | null, shown: 'cpg' | 'option' | 'detected'): string {
  if (likely === null) return '请用 --encoding 指定 DBF 的代码页（如 gbk、utf-8） / give the DBF\'s code page with --encoding (e.g. gbk, utf-8)';
  const cpg = likely === 'utf-8' ? 'UTF-8' : 'GBK';
  const how = shown === 'option' ? `改用 --encoding ${likely} / use --encoding ${likely} instead` : `用 --encoding ${likely} 读取，或把 .cpg 文件内容改为 ${cpg} / read it with --encoding ${likely}, or change the .cpg file to say ${cpg}`;
  return how;
}

function refusal(dbf: string, header: DbfHeader, verdict: Extract<CodePageVerdict, { ok: false }>, page: string | null, from: 'cpg' | 'option' | 'detected'): VectorSourceProblem {
  const shownAs = (s: TextSample, name: string | null) => (name ? decodeCut(new TextDecoder(name), s.bytes, s.cut) : '');
  const where = (s: TextSample) => {
    const field = header.fields[s.field]!;
    const name = decodeCut(new TextDecoder(verdict.likely ?? page ?? 'utf-8'), field.nameBytes, field.nameBytes.length >= DBF_NAME_BYTES);
    return s.record === null
      ? { zh: `第 ${s.field + 1} 个字段的字段名`, en: `the name of field ${s.field + 1}`, column: name, index: undefined }
      : { zh: `字段“${name}”第 #${s.record} 条记录`, en: `field "${name}", record #${s.record}`, column: name, index: s.record };
  };
  const w = where(verdict.sample);
  const said = from === 'cpg' ? { zh: '.cpg 文件声明', en: 'the .cpg says' } : from === 'option' ? { zh: '--encoding 指定', en: '--encoding says' } : { zh: '', en: '' };
  const locate = { column: w.column, ...(w.index !== undefined ? { index: w.index } : {}) };
  const reading = page ? `“${shownAs(verdict.sample, page)}”` : '';
  const right = verdict.likely && verdict.likely !== page ? `，按 ${verdict.likely} 应为“${shownAs(verdict.sample, verdict.likely)}”` : '';
  const rightEn = verdict.likely && verdict.likely !== page ? `, as ${verdict.likely} it reads "${shownAs(verdict.sample, verdict.likely)}"` : '';
  switch (verdict.reason) {
    case 'wrong-code-page':
      return vectorProblem(dbf, 'wrong-code-page', `${w.zh}不是${said.zh}的 ${page} 编码${right} / ${w.en} is not ${page} as ${said.en || 'chosen'}${rightEn}`, codePageFix(verdict.likely, from), locate);
    case 'mojibake':
      return vectorProblem(dbf, 'mojibake', `${w.zh}按${said.zh}的 ${page} 读出乱码 ${reading}${right} / ${w.en} reads as mojibake in ${page} (${said.en || 'chosen'}): ${reading}${rightEn}`, codePageFix(verdict.likely, from), locate);
    case 'mixed-code-pages': {
      const o = where(verdict.other!);
      return vectorProblem(dbf, 'mixed-code-pages', `同一文件混用两种编码：${o.zh}是 UTF-8，${w.zh}不是 / the file mixes two code pages: ${o.en} is UTF-8, ${w.en} is not`, '用 GIS 软件以正确编码重新导出该图层 / export the layer again from the GIS with one code page', locate);
    }
    case 'unknown-code-page':
      return vectorProblem(dbf, 'unknown-code-page', `${w.zh}既不是 UTF-8 也不是 GBK/GB18030 / ${w.en} is neither UTF-8 nor GBK/GB18030`, codePageFix(null, from), locate);
  }
}

/** Shapes the `.shx` index lists (100-byte header, 8 bytes a record), or null when it is not an index. */
async function shxRecordCount(path: string): Promise<number | null> {
  const handle = await openFile(path, 'r');
  try {
    const { size } = await handle.stat();
    return size >= 100 && (size - 100) % 8 === 0 ? (size - 100) / 8 : null;
  } finally {
    await handle.close();
  }
}

/** `.shp` and `.dbf` disagree on how many features there are (`shapes` null: more than `records`, counted as read). */
function recordCountProblem(dbf: string, shapes: number | null, records: number): VectorSourceProblem {
  const shapesText = shapes === null ? `多于 ${records} / more than ${records}` : String(shapes);
  return vectorProblem(
    dbf,
    'record-count-mismatch',
    `几何记录（.shp/.shx）${shapes === null ? `多于属性记录 ${records} 条` : `${shapes} 条，属性记录（.dbf）${records} 条`}，两者不一致 / the .shp has ${shapesText} shapes but the .dbf ${records} records: they must match one to one`,
    '.shp、.shx、.dbf 须来自同一次导出：从 GIS 软件重新导出该图层 / the .shp, .shx and .dbf must come from one export: export the layer again from the GIS',
  );
}

/** Distinct values per text field the code-page scan remembers, so it checks each once. */
const SEEN_PER_FIELD = 4096;

/**
 * Opens a Shapefile: checks the files, reads the `.prj` and `.cpg`, checks every
 * DBF string against the code page, and returns the source, or every file-level
 * problem (bilingual, naming the file, the field and record, and the fix).
 */
export async function openShapefile(path: string, options: ShapefileOptions = {}): Promise<Result<VectorSource, VectorSourceProblem>> {
  const found = await siblings(path);
  if (!found.ok) return found;
  const { files, stem } = found.value;
  const shp = files['.shp'];
  const dbf = files['.dbf'];
  if (!shp) {
    const missing = `${stem}.shp`;
    return failure([vectorProblem(missing, 'missing-file', '找不到 .shp 文件 / the .shp file does not exist', '检查路径与文件名（相对路径以当前目录为准） / check the path and the name (relative paths start from the current folder)')]);
  }
  if (!dbf) {
    return failure([
      vectorProblem(shp, 'missing-dbf', `缺少属性表 ${basename(stem)}.dbf，属性（编号、高度、层数）将丢失 / ${basename(stem)}.dbf is missing: the attributes (ids, heights, floors) would be lost`, '把同名 .dbf 文件一并放入该文件夹 / put the .dbf of the same name beside the .shp'),
    ]);
  }
  let shpHeader;
  try {
    shpHeader = await readShpHeader(shp);
  } catch (error) {
    return failure([vectorProblem(shp, 'unreadable', describeReadError(shp, error, WHAT).slice(shp.length + 2))]);
  }
  if (!shpHeader || shpHeader.code !== 9994) {
    return failure([vectorProblem(shp, 'not-shapefile', '不是 Shapefile（文件头不符） / not a Shapefile (wrong file header)', '从 GIS 软件重新导出为 ESRI Shapefile / export the layer again as an ESRI Shapefile')]);
  }
  if (!SHAPE_TYPES.has(shpHeader.type)) {
    return failure([vectorProblem(shp, 'unsupported-shape-type', `不支持的几何类型 ${shpHeader.type}（如 MultiPatch） / unsupported shape type ${shpHeader.type} (e.g. MultiPatch)`, '导出为面（Polygon）或线（PolyLine） / export as Polygon or PolyLine')]);
  }
  let header: DbfHeader;
  try {
    header = await readDbfHeader(dbf);
  } catch (error) {
    if (error instanceof DbfFormatError) return failure([vectorProblem(dbf, 'not-shapefile', `不是 dBASE 属性表（${error.message}） / not a dBASE table (${error.message})`, '从 GIS 软件重新导出该图层 / export the layer again from the GIS')]);
    return failure([vectorProblem(dbf, 'unreadable', describeReadError(dbf, error, WHAT).slice(dbf.length + 2))]);
  }

  // One attribute record per shape: a .dbf cut short (or from another export) would give
  // features without attributes, or attributes to the wrong shapes. The .shx says how many shapes.
  if (files['.shx']) {
    const shapes = await shxRecordCount(files['.shx']);
    if (shapes !== null && shapes !== header.records) return failure([recordCountProblem(dbf, shapes, header.records)]);
  }

  // The code page: option, else .cpg, else detected.
  let page: string | null = null;
  let from: DeclaredEncoding['from'] = 'detected';
  if (options.encoding !== undefined) {
    page = codePageName(options.encoding);
    from = 'option';
    if (page === null) return failure([vectorProblem(dbf, 'unknown-code-page', `--encoding “${options.encoding}” 不是已知代码页 / --encoding "${options.encoding}" is not a known code page`, '使用 gbk、gb18030、utf-8 等 / use gbk, gb18030, utf-8, …')]);
  } else if (files['.cpg']) {
    const text = (await readFile(files['.cpg'], 'latin1')).trim();
    page = codePageName(text);
    from = 'cpg';
    if (page === null) return failure([vectorProblem(files['.cpg'], 'unknown-code-page', `.cpg 声明的代码页“${text}”无法识别 / the .cpg names a code page we do not know: "${text}"`, '用 --encoding 指定（如 gbk、utf-8），或改正 .cpg / give it with --encoding (e.g. gbk, utf-8), or correct the .cpg')]);
  }
  const check = new CodePageCheck(page);
  header.fields.forEach((field, i) => {
    if (hasHighByte(field.nameBytes)) check.add({ bytes: field.nameBytes, cut: field.nameBytes.length >= DBF_NAME_BYTES, field: i, record: null });
  });
  const text = header.fields.filter((f) => f.type === 'C');
  const textIndex = text.map((f) => header.fields.indexOf(f));
  const deleted = new Set<number>();
  // A value already checked in its field is not checked again (same bytes, same verdict): a
  // 小区 or 用途 column repeats a few words. Remembered up to SEEN_PER_FIELD per field.
  const seen = text.map(() => new BoundedMemo<true>(SEEN_PER_FIELD));
  try {
    scan: for await (const chunk of dbfRecordChunks(dbf, header)) for (const record of chunk) {
      if (record.deleted) deleted.add(record.index);
      for (let f = 0; f < text.length; f++) {
        const field = text[f]!;
        const end = valueEnd(record.bytes, field);
        const start = valueStart(record.bytes, field, end);
        if (!hasHighByteIn(record.bytes, start, end)) continue;
        const cut = fillsField(record.bytes, field);
        const known = seen[f]!;
        if (known.remembering) {
          const key = valueKey(record.bytes, start, end, cut);
          if (known.get(key)) continue;
          known.set(key, true);
        }
        if (check.add({ bytes: record.bytes.slice(start, end), cut, field: textIndex[f]!, record: record.index })) break scan;
      }
    }
  } catch (error) {
    return failure([vectorProblem(dbf, 'unreadable', describeReadError(dbf, error, WHAT).slice(dbf.length + 2))]);
  }
  const verdict = check.verdict();
  if (!verdict.ok) return failure([refusal(dbf, header, verdict, page, from)]);
  const decoder = new TextDecoder(verdict.name);
  const names = header.fields.map((f) => decodeCut(decoder, f.nameBytes, f.nameBytes.length >= DBF_NAME_BYTES));
  const odd = header.fields.findIndex((f) => !DBF_FIELD_TYPES.has(f.type));
  if (odd >= 0) {
    return failure([
      vectorProblem(dbf, 'unsupported-field-type', `字段“${names[odd]}”的类型 ${header.fields[odd]!.type} 不受支持（只读 C、N、F、L、D） / field "${names[odd]}" has type ${header.fields[odd]!.type}, which is not read (only C, N, F, L, D)`, '在 GIS 软件中把该字段转为文本或数值后重新导出 / convert the field to text or a number in the GIS and export again', { column: names[odd]! }),
    ]);
  }

  let crs: DeclaredCrs = { wkt: null, epsg: null };
  if (files['.prj']) {
    const wkt = (await readFile(files['.prj'], 'utf8')).trim();
    if (wkt) crs = { wkt, epsg: rootEpsg(wkt) };
  }
  const encoding: DeclaredEncoding = { name: verdict.name, from };

  async function* batches(): AsyncGenerator<RawFeature[]> {
    const shapes = shpShapeBatches(shp!, FEATURE_BATCH)[Symbol.asyncIterator]();
    const chunks = dbfRecordChunks(dbf!, header)[Symbol.asyncIterator]();
    let shapeBatch: Array<Geometry | null> = [];
    let nextShape = 0;
    let chunk: DbfRecord[] = [];
    let next = 0;
    /** The first record of the next chunk, once the one in hand is used up. */
    const nextChunk = async (): Promise<DbfRecord | null> => {
      const read = await chunks.next();
      if (read.done) return null;
      chunk = read.value;
      next = 1;
      return chunk[0]!;
    };
    const decoders = header.fields.map(() => rememberingTextDecode(decoder));
    const { fields } = header;
    let batch: RawFeature[] = [];
    try {
      for (let index = 0; ; index++) {
        // An await only when the shapes (or the records) in hand are used up.
        let shapeDone = false;
        let shape: Geometry | null = null;
        if (nextShape < shapeBatch.length) shape = shapeBatch[nextShape++]!;
        else {
          let read: IteratorResult<Array<Geometry | null>>;
          try {
            read = await shapes.next();
          } catch (error) {
            if (!(error instanceof ShpRecordError)) throw error;
            // The features before the broken one are given out first, as one by one.
            if (batch.length > 0) yield batch;
            batch = [];
            const at = error.index;
            throw new VectorReadError(vectorProblem(shp!, 'unreadable', `第 #${at} 条几何记录无法读取（${error.why}） / shape record #${at} cannot be read (${error.why})`, '用 GIS 软件修复或重新导出 / repair or export the layer again from the GIS', { index: at }));
          }
          if (read.done) shapeDone = true;
          else {
            shapeBatch = read.value;
            nextShape = 1;
            shape = shapeBatch[0]!;
          }
        }
        const record = next < chunk.length ? chunk[next++]! : await nextChunk();
        if (shapeDone || record === null) {
          // Without a .shx the counts are only known here, at the end of one of the files.
          if (shapeDone !== (record === null)) throw new VectorReadError(recordCountProblem(dbf!, shapeDone ? index : null, record === null ? index : header.records));
          break;
        }
        if (record.deleted) continue;
        const properties: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) {
          const value = fieldValue(record.bytes, fields[i]!, decoders[i]!);
          if (value !== undefined) properties[names[i]!] = value;
        }
        batch.push({ index, id: properties.id, geometry: shape, properties });
        if (batch.length === FEATURE_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await chunks.return?.(undefined);
      await shapes.return?.(undefined);
    }
  }

  return success({ format: 'shapefile', path: shp, crs, encoding, fields: names, count: header.records - deleted.size, batches, features: () => unbatched(batches()) });
}
