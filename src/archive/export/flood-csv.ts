/**
 * The flood report's lists as CSV for a spreadsheet (`GET /api/analysis/flood.csv`):
 * UTF-8 with a BOM (Excel on a Chinese Windows reads a BOM-less CSV as GBK), CRLF,
 * bilingual headers (`地址 / Address`), text neutralised against formula injection
 * (`core/spreadsheet-text.ts`, as the archive export), heights and lengths in metres to
 * the centimetre; the level is in the file name.
 */
import Papa from 'papaparse';
import type { FloodCsvList, FloodReport } from '../../core/api/analysis-contracts.ts';
import { NETWORK_INFO } from '../../core/lifelines.ts';
import { neutraliseFormula } from '../../core/spreadsheet-text.ts';

const UTF8_BOM = '\uFEFF';

export const FLOOD_BUILDING_HEADERS = [
  '房屋编号 / Code',
  '地址 / Address',
  '安全等级 / Grade',
  '改造计划 / Plan',
  '更新片区 / Renewal area',
  '门口地面高程(米) / Ground at door (m)',
  '门口水深(米) / Water depth at door (m)',
] as const;

export const FLOOD_PIPE_HEADERS = [
  '管段编号 / Segment',
  '管网 / Network',
  '埋深(米) / Cover depth (m)',
  '管段长度(米) / Length (m)',
  '淹没长度(米) / Flooded length (m)',
  '最大水深(米) / Deepest water (m)',
] as const;

const cm = (m: number): number => Math.round(m * 100) / 100;
const text = (s: string | null): string => (s === null ? '' : neutraliseFormula(s));

/** One list of the report as CSV text (BOM included). */
export function floodCsv(report: FloodReport, list: FloodCsvList): string {
  const data =
    list === 'buildings'
      ? report.buildings.map((b) => [text(b.code), text(b.address), b.grade ?? '', text(b.plan), text(b.areaName), cm(b.groundM), cm(b.depthM)])
      : report.pipes.map((p) => [text(p.id), `${NETWORK_INFO[p.network].zh} / ${NETWORK_INFO[p.network].en}`, p.depthM === null ? '' : cm(p.depthM), cm(p.lengthM), cm(p.floodedLengthM), cm(p.maxWaterDepthM)]);
  const fields = list === 'buildings' ? [...FLOOD_BUILDING_HEADERS] : [...FLOOD_PIPE_HEADERS];
  return `${UTF8_BOM}${Papa.unparse({ fields, data }, { newline: '\r\n', header: true })}\r\n`;
}

/** The attachment's file name: `flood-182.01m-buildings.csv`. */
export function floodCsvFileName(level: number, list: FloodCsvList): string {
  return `flood-${level}m-${list}.csv`;
}
