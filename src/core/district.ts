/**
 * Facts about Yuzhong District from its 2025–2027 sustainable urban renewal action
 * plan (see shared/DOMAIN.md). The sample world is measured against these.
 */

export const DISTRICT = {
  nameZh: '渝中区',
  nameEn: 'Yuzhong District',
  adcode: '500103',
  constructionLandKm2: 17.98,
  /** Above-ground floor area, m². */
  floorAreaM2: 43_340_000,
  grossFloorAreaRatio: 2.4,
  riversideKm: 19.1,
  /** Three Gorges reservoir level range at the city (m). */
  riverLevelM: { min: 160, max: 175, typical: 172 },
  ridgeHeightM: { min: 330, max: 400 },
} as const;

export interface Landmark {
  key: string;
  zh: string;
  en: string;
  lon: number;
  lat: number;
}

export const LANDMARKS: readonly Landmark[] = [
  { key: 'jiefangbei', zh: '解放碑', en: 'Jiefangbei', lon: 106.577, lat: 29.557 },
  { key: 'chaotianmen', zh: '朝天门', en: 'Chaotianmen', lon: 106.586, lat: 29.566 },
  { key: 'hongyadong', zh: '洪崖洞', en: 'Hongyadong', lon: 106.579, lat: 29.563 },
  { key: 'shibati', zh: '十八梯', en: 'Shibati', lon: 106.5745, lat: 29.553 },
  { key: 'eling', zh: '鹅岭', en: 'Eling', lon: 106.533, lat: 29.554 },
  { key: 'futuguan', zh: '佛图关', en: 'Futuguan', lon: 106.522, lat: 29.552 },
  { key: 'pipashan', zh: '枇杷山', en: 'Pipashan', lon: 106.563, lat: 29.553 },
  { key: 'great-hall', zh: '人民大礼堂', en: 'Great Hall of the People', lon: 106.55, lat: 29.564 },
  { key: 'caiyuanba', zh: '菜园坝', en: 'Caiyuanba', lon: 106.55, lat: 29.548 },
  { key: 'hualongqiao', zh: '化龙桥', en: 'Hualongqiao', lon: 106.52, lat: 29.566 },
  { key: 'daping', zh: '大坪', en: 'Daping', lon: 106.517, lat: 29.542 },
  { key: 'liziba', zh: '李子坝', en: 'Liziba', lon: 106.535, lat: 29.556 },
  { key: 'chongyi', zh: '重医', en: 'Chongqing Medical University', lon: 106.513, lat: 29.533 },
];
