/**
 * The renewal structure 一核两翼三带五片区 (one core, two wings, three belts, five
 * areas) and the kinds of area polygon `areas.geojson` holds.
 */
import { z } from 'zod';

export const AREA_KINDS = ['core', 'wing', 'belt', 'zone', 'old-community'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export const AREA_KIND_INFO: Record<AreaKind, { zh: string; en: string }> = {
  core: { zh: '一核', en: 'Core' },
  wing: { zh: '两翼', en: 'Wings' },
  belt: { zh: '三带', en: 'Belts' },
  zone: { zh: '五片区', en: 'Five areas' },
  'old-community': { zh: '老旧小区', en: 'Old residential community' },
};

export interface RenewalAreaDefinition {
  id: string;
  kind: Exclude<AreaKind, 'old-community'>;
  zh: string;
  en: string;
  /** Approximate centre (lon, lat) from the plan; the polygons are drawn around it. */
  centre: [number, number];
}

export const RENEWAL_AREAS: readonly RenewalAreaDefinition[] = [
  { id: 'core-jiefangbei', kind: 'core', zh: '解放碑中央商务区', en: 'Jiefangbei CBD', centre: [106.579, 29.559] },
  { id: 'wing-chongqing-station', kind: 'wing', zh: '重庆站滨江新城', en: 'Chongqing Station riverside new town', centre: [106.55, 29.548] },
  { id: 'wing-hualongqiao', kind: 'wing', zh: '化龙桥国际商务区', en: 'Hualongqiao international business district', centre: [106.52, 29.566] },
  { id: 'belt-riverside', kind: 'belt', zh: '两江滨江带', en: 'Two-rivers riverside belt', centre: [106.56, 29.562] },
  { id: 'belt-heritage', kind: 'belt', zh: '历史人文风貌带', en: 'Historic and cultural belt', centre: [106.5745, 29.553] },
  { id: 'belt-eling-ridge', kind: 'belt', zh: '大鹅岭山脊带', en: 'Greater Eling ridge belt', centre: [106.54, 29.553] },
  { id: 'zone-government', kind: 'zone', zh: '政务核心区', en: 'Government core area', centre: [106.55, 29.564] },
  { id: 'zone-southwest-corridor', kind: 'zone', zh: '西南大区文体科创走廊', en: 'Southwest culture, sport and innovation corridor', centre: [106.538, 29.561] },
  { id: 'zone-daping', kind: 'zone', zh: '大坪潮流商圈', en: 'Daping fashion shopping area', centre: [106.517, 29.542] },
  { id: 'zone-digital-economy', kind: 'zone', zh: '数字经济产业园', en: 'Digital economy industrial park', centre: [106.527, 29.548] },
  { id: 'zone-health', kind: 'zone', zh: '环重医大健康产业园', en: 'Health industry park around Chongqing Medical University', centre: [106.513, 29.533] },
];

export const AreaPropertiesSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(AREA_KINDS),
  name: z.string().min(1),
  name_en: z.string().min(1),
  year_from: z.number().int().nullable().optional(),
  year_to: z.number().int().nullable().optional(),
});
export type AreaProperties = z.infer<typeof AreaPropertiesSchema>;
