/**
 * The 11 subdistricts (街道) of Yuzhong. Their offices are the units that carry out
 * most community-level renewal, so plans, addresses and filters refer to them.
 * Centres are approximate (±300 m) and only meant for "which subdistrict is nearest".
 */

export interface Subdistrict {
  zh: string;
  en: string;
  /** Approximate centre (lon, lat). */
  centre: [number, number];
}

export const SUBDISTRICTS: readonly Subdistrict[] = [
  { zh: '朝天门街道', en: 'Chaotianmen Subdistrict', centre: [106.584, 29.563] },
  { zh: '解放碑街道', en: 'Jiefangbei Subdistrict', centre: [106.577, 29.558] },
  { zh: '南纪门街道', en: 'Nanjimen Subdistrict', centre: [106.569, 29.551] },
  { zh: '七星岗街道', en: 'Qixinggang Subdistrict', centre: [106.563, 29.557] },
  { zh: '大溪沟街道', en: 'Daxigou Subdistrict', centre: [106.555, 29.567] },
  { zh: '上清寺街道', en: 'Shangqingsi Subdistrict', centre: [106.548, 29.562] },
  { zh: '两路口街道', en: 'Lianglukou Subdistrict', centre: [106.549, 29.555] },
  { zh: '菜园坝街道', en: 'Caiyuanba Subdistrict', centre: [106.551, 29.547] },
  { zh: '化龙桥街道', en: 'Hualongqiao Subdistrict', centre: [106.522, 29.564] },
  { zh: '大坪街道', en: 'Daping Subdistrict', centre: [106.520, 29.545] },
  { zh: '石油路街道', en: 'Shiyoulu Subdistrict', centre: [106.510, 29.537] },
];

/** The subdistrict whose centre is nearest to lon/lat (planar, latitude-corrected). */
export function nearestSubdistrict(lon: number, lat: number): Subdistrict {
  const k = Math.cos((lat * Math.PI) / 180);
  let best = SUBDISTRICTS[0]!;
  let bestD = Number.POSITIVE_INFINITY;
  for (const s of SUBDISTRICTS) {
    const d = ((s.centre[0] - lon) * k) ** 2 + (s.centre[1] - lat) ** 2;
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  return best;
}

/** The name of the subdistrict office (街道办事处) that runs a subdistrict. */
export function subdistrictOffice(s: Subdistrict): string {
  return `${s.zh}办事处`;
}
