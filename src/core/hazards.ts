/** Hazard items (安全隐患) an appraisal or inspection can record. */

export const HAZARD_ITEMS = [
  '结构裂缝',
  '地基不均匀沉降',
  '构件腐蚀',
  '违法拆改',
  '边坡/地质灾害',
  '外墙脱落',
  '消防隐患',
  '燃气隐患',
  '超载使用',
  '管线老化',
] as const;
export type HazardItem = (typeof HAZARD_ITEMS)[number];

export const HAZARD_EN: Record<HazardItem, string> = {
  结构裂缝: 'Structural cracks',
  地基不均匀沉降: 'Uneven foundation settlement',
  构件腐蚀: 'Member corrosion',
  违法拆改: 'Removed load-bearing walls / illegal alteration',
  '边坡/地质灾害': 'Slope or geological hazard',
  外墙脱落: 'Facade falling',
  消防隐患: 'Fire-safety hazard',
  燃气隐患: 'Gas hazard',
  超载使用: 'Overloading',
  管线老化: 'Aged pipes',
};

export function isHazardItem(value: unknown): value is HazardItem {
  return typeof value === 'string' && (HAZARD_ITEMS as readonly string[]).includes(value);
}
