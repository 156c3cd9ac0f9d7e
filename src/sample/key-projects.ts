/**
 * The sample's list of the action plan's 67 key projects (重点项目). The plan names
 * 67 but the interpretation we have does not list them, so these names are invented
 * to be plausible for Yuzhong; they are sample data, not the plan's list.
 */

/** What kind of building work a project takes in (matches a plan's main purpose). */
export type KeyProjectKind =
  | 'heritage' // 修缮保护 of historic buildings and streets
  | 'dangerous' // C/D 危房改造
  | 'community' // 老旧小区改造
  | 'office' // 老旧楼宇焕新 (idle space → 创客/人才公寓)
  | 'street' // 街区更新, facades, back lanes
  | 'area' // area-wide renewal: takes any building work inside it
  | 'infrastructure'; // transport, riverside, slopes: no building plans join it

export interface KeyProject {
  name: string;
  kind: KeyProjectKind;
  /** Approximate centre (lon, lat): buildings join the nearest fitting project. */
  centre: [number, number];
}

export const KEY_PROJECTS: readonly KeyProject[] = [
  // 历史人文风貌 (heritage)
  { name: '十八梯传统风貌区二期', kind: 'heritage', centre: [106.5745, 29.553] },
  { name: '白象街传统风貌区保护提升', kind: 'heritage', centre: [106.583, 29.557] },
  { name: '湖广会馆及东水门历史文化街区提升', kind: 'heritage', centre: [106.5865, 29.5595] },
  { name: '山城巷传统风貌区二期', kind: 'heritage', centre: [106.5665, 29.5513] },
  { name: '戴家巷老街区保护更新', kind: 'heritage', centre: [106.58, 29.5635] },
  { name: '通远门城墙遗址保护提升', kind: 'heritage', centre: [106.5668, 29.5588] },
  { name: '鹅岭二厂文创园二期', kind: 'heritage', centre: [106.537, 29.553] },
  { name: '李子坝抗战遗址公园提升', kind: 'heritage', centre: [106.535, 29.557] },
  { name: '佛图关古关隘及公园保护', kind: 'heritage', centre: [106.522, 29.552] },
  { name: '曾家岩历史文化街区保护', kind: 'heritage', centre: [106.553, 29.5655] },
  { name: '中山四路历史文化街区提升', kind: 'heritage', centre: [106.551, 29.5628] },
  { name: '较场口历史街区保护更新', kind: 'heritage', centre: [106.5755, 29.5545] },
  { name: '朝天门历史文化街区保护更新', kind: 'heritage', centre: [106.585, 29.5645] },
  { name: '大田湾体育场保护利用', kind: 'heritage', centre: [106.546, 29.56] },
  // C、D级危房改造 (dangerous buildings)
  { name: '解放碑片区C、D级危房改造', kind: 'dangerous', centre: [106.576, 29.5565] },
  { name: '七星岗—通远门片区危房改造', kind: 'dangerous', centre: [106.5645, 29.557] },
  { name: '南纪门片区危房改造', kind: 'dangerous', centre: [106.5695, 29.551] },
  { name: '菜园坝—燕子岩片区危房改造', kind: 'dangerous', centre: [106.551, 29.549] },
  { name: '大坪—石油路片区危房整治', kind: 'dangerous', centre: [106.515, 29.54] },
  { name: '两路口—王家大山片区危房改造', kind: 'dangerous', centre: [106.545, 29.5525] },
  { name: '朝天门—望龙门片区危房改造', kind: 'dangerous', centre: [106.5845, 29.558] },
  { name: '化龙桥—李子坝片区危房改造', kind: 'dangerous', centre: [106.528, 29.561] },
  // 老旧小区改造 (old residential communities)
  { name: '七星岗片区老旧小区改造', kind: 'community', centre: [106.562, 29.5555] },
  { name: '南纪门片区老旧小区改造', kind: 'community', centre: [106.5705, 29.5515] },
  { name: '上清寺片区老旧小区改造', kind: 'community', centre: [106.549, 29.5615] },
  { name: '两路口片区老旧小区改造', kind: 'community', centre: [106.549, 29.554] },
  { name: '学田湾片区老旧小区改造', kind: 'community', centre: [106.5445, 29.563] },
  { name: '大溪沟片区老旧小区改造', kind: 'community', centre: [106.556, 29.5665] },
  { name: '大坪片区老旧小区改造', kind: 'community', centre: [106.52, 29.5455] },
  { name: '石油路片区老旧小区改造', kind: 'community', centre: [106.51, 29.5375] },
  { name: '化龙桥片区老旧小区改造', kind: 'community', centre: [106.523, 29.5635] },
  { name: '菜园坝片区老旧小区改造', kind: 'community', centre: [106.5525, 29.5475] },
  { name: '解放碑片区老旧小区改造', kind: 'community', centre: [106.5785, 29.5575] },
  { name: '朝天门片区老旧小区改造', kind: 'community', centre: [106.584, 29.5625] },
  { name: '老旧小区加装电梯集中推进', kind: 'community', centre: [106.545, 29.555] },
  // 老旧楼宇焕新 (old office buildings)
  { name: '解放碑老旧商务楼宇焕新', kind: 'office', centre: [106.5775, 29.558] },
  { name: '小什字金融街楼宇更新', kind: 'office', centre: [106.583, 29.5605] },
  { name: '上清寺—牛角沱楼宇焕新', kind: 'office', centre: [106.5475, 29.5625] },
  { name: '两路口商务楼宇改造创客公寓', kind: 'office', centre: [106.5495, 29.5545] },
  { name: '大坪人才公寓改造', kind: 'office', centre: [106.518, 29.5435] },
  { name: '化龙桥闲置楼宇改造人才公寓', kind: 'office', centre: [106.5215, 29.5655] },
  // 街区更新 (streets, facades, back lanes)
  { name: '解放碑—朝天门步行大道', kind: 'street', centre: [106.581, 29.561] },
  { name: '八一路好吃街街区更新', kind: 'street', centre: [106.5765, 29.5555] },
  { name: '民族路—五四路街区更新', kind: 'street', centre: [106.5805, 29.5592] },
  { name: '新华路—陕西路老街区更新', kind: 'street', centre: [106.5825, 29.5615] },
  { name: '大井巷—金汤街后巷经济示范', kind: 'street', centre: [106.5725, 29.5545] },
  { name: '大坪正街背街小巷整治', kind: 'street', centre: [106.519, 29.543] },
  { name: '中山一路—中山三路街道提升', kind: 'street', centre: [106.555, 29.5585] },
  { name: '枇杷山正街及后街更新', kind: 'street', centre: [106.5615, 29.553] },
  // 片区更新 (area-wide renewal)
  { name: '化龙桥片区城市更新', kind: 'area', centre: [106.52, 29.566] },
  { name: '朝天门片区城市更新', kind: 'area', centre: [106.5865, 29.566] },
  { name: '小什字片区城市更新', kind: 'area', centre: [106.583, 29.561] },
  { name: '菜园坝片区城市更新', kind: 'area', centre: [106.548, 29.547] },
  { name: '两路口片区城市更新', kind: 'area', centre: [106.548, 29.553] },
  { name: '人民大礼堂片区品质提升', kind: 'area', centre: [106.55, 29.564] },
  { name: '西南大区文体科创走廊', kind: 'area', centre: [106.538, 29.561] },
  { name: '大坪潮流商圈提质', kind: 'area', centre: [106.517, 29.542] },
  { name: '数字经济产业园楼宇改造', kind: 'area', centre: [106.527, 29.548] },
  { name: '环重医大健康产业园', kind: 'area', centre: [106.513, 29.533] },
  // 基础设施与生态 (no building plans)
  { name: '重庆站综合交通枢纽', kind: 'infrastructure', centre: [106.55, 29.548] },
  { name: '嘉陵江滨江步道贯通工程', kind: 'infrastructure', centre: [106.545, 29.568] },
  { name: '长江滨江步道贯通工程', kind: 'infrastructure', centre: [106.565, 29.5435] },
  { name: '大鹅岭山脊步道贯通', kind: 'infrastructure', centre: [106.54, 29.553] },
  { name: '山城第三步道提升', kind: 'infrastructure', centre: [106.57, 29.5525] },
  { name: '坡坎崖生态修复与地灾治理', kind: 'infrastructure', centre: [106.56, 29.552] },
  { name: '城市生命线管网更新改造', kind: 'infrastructure', centre: [106.565, 29.556] },
  { name: '渝中区CIM平台与房屋安全数字档案', kind: 'infrastructure', centre: [106.57, 29.556] },
];

/** Metres a building may lie from a project's centre and still join it. */
const JOIN_RADIUS_M: Record<KeyProjectKind, number> = {
  heritage: 450,
  dangerous: 900,
  community: 800,
  office: 700,
  street: 450,
  area: 900,
  infrastructure: 0,
};

/** A non-matching area-wide project must be this much nearer to win over a matching one. */
const AREA_PENALTY = 1.4;

/**
 * The key project a building's plan of `kind` joins: the nearest project of that kind
 * (or an area-wide one) within its join radius, or `null` when none is near.
 */
export function nearestKeyProject(kind: KeyProjectKind, lon: number, lat: number): KeyProject | null {
  const mLat = 111_195;
  const mLon = mLat * Math.cos((lat * Math.PI) / 180);
  let best: KeyProject | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const p of KEY_PROJECTS) {
    if (p.kind !== kind && p.kind !== 'area') continue;
    const d = Math.hypot((p.centre[0] - lon) * mLon, (p.centre[1] - lat) * mLat);
    if (d > JOIN_RADIUS_M[p.kind]) continue;
    const score = p.kind === kind ? d : d * AREA_PENALTY;
    if (score < bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}
