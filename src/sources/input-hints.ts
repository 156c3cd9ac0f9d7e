/**
 * Recognising the usual mistakes in feature files (buildings, pipes), so a message
 * says what probably happened and not only what is wrong: projected metres instead of
 * degrees, lon/lat swapped, a column under a near-miss name (`depth` for `depth_m`),
 * and — for a whole run where every feature failed — the reasons by count with the
 * first examples.
 */
/** What failureSummary needs of a problem: its reason code and its message (report.json's `problems` have both). */
export interface SummarisedProblem {
  reason: string;
  message: string;
}

/** Why a coordinate is not lon/lat, as a zh-CN / English clause, or null when nothing stands out. */
export function coordinateHint(x: unknown, y: unknown): string | null {
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  if (Math.abs(x) >= 1000 || Math.abs(y) >= 1000) {
    // CGCS2000 Gauss-Krüger: northing ~3 270 000 m in Chongqing, easting 500 000 m plus
    // the zone number in front (36 500 000 in 3° zone 36, 18 500 000 in 6° zone 18).
    const zone = Math.floor(x / 1_000_000);
    const epsg = zone >= 25 && zone <= 45 ? 4488 + zone : zone >= 13 && zone <= 23 ? 4478 + zone : null;
    const degrees = zone >= 25 ? 3 : 6;
    const source = epsg ? `EPSG:${epsg}` : 'EPSG:<its CRS>';
    const zh = `像是投影坐标（米，高斯-克吕格?），请转换为经纬度${epsg ? `（x 前两位 ${zone} 像是 ${degrees}° 带号，CGCS2000 对应 ${source}）` : ''}`;
    const en =
      `looks like projected metres (Gauss-Krüger?), convert to lon/lat, e.g. \`ogr2ogr -s_srs ${source} -t_srs EPSG:4326 out.geojson in.geojson\`` +
      (epsg ? ` (x starts with ${zone}, a ${degrees}° zone number: CGCS2000 ${degrees}-degree Gauss-Kruger zone ${zone} is ${source})` : '');
    return `${zh} / ${en}`;
  }
  if (Math.abs(y) > 90 && Math.abs(y) <= 180 && Math.abs(x) <= 90) {
    return '经纬度像是写反了（GeoJSON 为 [经度, 纬度]）/ lon/lat look swapped: GeoJSON positions are [lon, lat]';
  }
  return null;
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]/g, '');

/**
 * Property names that look like `wanted` under another spelling: other case,
 * spaces or dashes, or without/with a unit suffix (`depth` for `depth_m`), plus the
 * given aliases (e.g. Chinese column names).
 */
export function similarColumns(properties: Record<string, unknown>, wanted: string, aliases: readonly string[] = []): string[] {
  const stem = normalise(wanted.replace(/_(m|mm|cm)$/, ''));
  const target = normalise(wanted);
  const alias = new Set(aliases.map(normalise));
  return Object.keys(properties).filter((key) => {
    if (key === wanted || properties[key] === null || properties[key] === undefined || properties[key] === '') return false;
    const k = normalise(key);
    return k === target || k === stem || alias.has(k) || (k.startsWith(stem) && k.length <= stem.length + 3);
  });
}

/** "找到列 `depth`，请改名为 `depth_m`" / "found a column `depth` — rename it to `depth_m`", or null when there is none. */
export function renameHint(properties: Record<string, unknown>, wanted: string, aliases: readonly string[] = []): { zh: string; en: string } | null {
  const found = similarColumns(properties, wanted, aliases);
  if (found.length === 0) return null;
  const list = found.map((k) => `\`${k}\``).join(', ');
  return { zh: `找到列 ${list}，请改名为 \`${wanted}\``, en: `found a column ${list} — rename it to \`${wanted}\`` };
}

/** `zh；hint / en; hint` from a bilingual base (may be empty) and any hints. */
export function withHints(zh: string, en: string, hints: ReadonlyArray<{ zh: string; en: string } | null>): string {
  const found = hints.filter((h): h is { zh: string; en: string } => h !== null);
  const join = (parts: string[], sep: string) => parts.filter((s) => s !== '').join(sep);
  return `${join([zh, ...found.map((h) => h.zh)], '；')} / ${join([en, ...found.map((h) => h.en)], '; ')}`;
}

/**
 * Why a whole run failed, in one line: the reasons by count and the first examples,
 * e.g. "20 × coordinates-out-of-range; first: #0: … — looks like projected metres …".
 */
export function failureSummary(problems: readonly SummarisedProblem[], examples = 3): string {
  if (problems.length === 0) return 'the input has no features';
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.reason, (counts.get(p.reason) ?? 0) + 1);
  const byReason = [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} × ${reason}`).join(', ');
  const first = problems.slice(0, examples).map((p) => p.message).join(' | ');
  return `${byReason}; 前几条 / first: ${first}`;
}
