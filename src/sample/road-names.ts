/**
 * Street names of the sample Yuzhong. Named routes carry real names; the streets the
 * tracer draws take names from the neighbourhood they lie in: real street names of
 * that neighbourhood first, then plausible ones formed the local way (…一支路, …后街,
 * …巷). Stairways near a known 梯道/步道 take its name.
 */
import type { RoadClass } from '../core/roads.ts';
import type { Vec2 } from './planar-geometry.ts';

export interface NamedRoute {
  name: string;
  class: Exclude<RoadClass, 'stairway'>;
  /** Waypoints, lon/lat. */
  via: readonly (readonly [number, number])[];
}

/**
 * Main roads along the peninsula, approximately where the real ones run (waypoints
 * are snapped to the sample's land, routes follow the terrain between them).
 */
export const NAMED_ROUTES: readonly NamedRoute[] = [
  { name: '长江二路', class: 'arterial', via: [[106.5115, 29.5425], [106.5185, 29.5452], [106.524, 29.5472]] },
  { name: '长江一路', class: 'arterial', via: [[106.524, 29.5472], [106.533, 29.5482], [106.541, 29.5492], [106.548, 29.5512]] },
  { name: '中山一路', class: 'arterial', via: [[106.548, 29.5512], [106.556, 29.5535], [106.5655, 29.5555]] },
  { name: '中华路', class: 'secondary', via: [[106.5655, 29.5555], [106.5705, 29.5548], [106.5735, 29.5545]] },
  { name: '民权路', class: 'secondary', via: [[106.5735, 29.5545], [106.577, 29.557]] },
  { name: '民族路', class: 'secondary', via: [[106.577, 29.557], [106.5815, 29.5605]] },
  { name: '陕西路', class: 'secondary', via: [[106.5815, 29.5605], [106.5858, 29.5655]] },
  { name: '新华路', class: 'secondary', via: [[106.5735, 29.5545], [106.579, 29.5548], [106.5835, 29.558], [106.5845, 29.5625]] },
  { name: '沧白路', class: 'secondary', via: [[106.5715, 29.5598], [106.578, 29.5602], [106.5835, 29.5632]] },
  { name: '邹容路', class: 'secondary', via: [[106.577, 29.557], [106.5735, 29.5592]] },
  { name: '解放东路', class: 'secondary', via: [[106.5795, 29.5525], [106.5835, 29.5553], [106.5848, 29.5595]] },
  { name: '解放西路', class: 'secondary', via: [[106.5665, 29.5505], [106.573, 29.5512], [106.5795, 29.5525]] },
  { name: '南区路', class: 'secondary', via: [[106.5525, 29.5488], [106.559, 29.5492], [106.5665, 29.5505]] },
  { name: '菜袁路', class: 'arterial', via: [[106.548, 29.5512], [106.5515, 29.5478]] },
  { name: '中山二路', class: 'arterial', via: [[106.548, 29.5512], [106.5505, 29.5555], [106.553, 29.5595]] },
  { name: '中山三路', class: 'arterial', via: [[106.553, 29.5595], [106.549, 29.5598], [106.5445, 29.5592]] },
  { name: '中山四路', class: 'secondary', via: [[106.553, 29.5595], [106.5565, 29.5632]] },
  { name: '人民路', class: 'secondary', via: [[106.5505, 29.5622], [106.5575, 29.5648], [106.5655, 29.5622]] },
  { name: '北区路', class: 'secondary', via: [[106.5445, 29.5592], [106.5385, 29.5532], [106.5305, 29.5508]] },
  { name: '渝州路', class: 'arterial', via: [[106.5115, 29.5425], [106.5005, 29.5428], [106.489, 29.5478]] },
  { name: '大坪正街', class: 'secondary', via: [[106.5115, 29.5425], [106.5155, 29.5392]] },
  { name: '石油路', class: 'secondary', via: [[106.5085, 29.5425], [106.5055, 29.5355]] },
  { name: '医学院路', class: 'secondary', via: [[106.5155, 29.5392], [106.5135, 29.5335], [106.511, 29.5312]] },
  { name: '化龙桥正街', class: 'secondary', via: [[106.5015, 29.5528], [106.51, 29.5518], [106.519, 29.5502]] },
];

/** The two riverside roads, traced along the shore. */
export const RIVERSIDE_ROADS = {
  jialing: { name: '嘉滨路', start: [106.5805, 29.5628] as const },
  yangtze: { name: '长滨路', start: [106.5845, 29.5545] as const },
} as const;

interface Neighbourhood {
  place: string;
  lon: number;
  lat: number;
  /** Real (or locally usual) street names, preferred first. */
  streets: readonly string[];
}

const NEIGHBOURHOODS: readonly Neighbourhood[] = [
  { place: '解放碑', lon: 106.577, lat: 29.557, streets: ['八一路', '五一路', '青年路', '临江路', '大同路', '民生路', '和平路', '会仙楼街', '小什字街'] },
  { place: '朝天门', lon: 106.585, lat: 29.564, streets: ['朝东路', '信义街', '打铜街', '道门口', '千厮门正街', '朝天门正街'] },
  { place: '较场口', lon: 106.5735, lat: 29.5545, streets: ['较场口', '凯旋路', '守备街', '石灰市', '十八梯正街', '厚慈街'] },
  { place: '七星岗', lon: 106.566, lat: 29.557, streets: ['金汤街', '通远门', '纯阳洞', '兴隆街', '领事巷', '七星岗正街'] },
  { place: '枇杷山', lon: 106.5615, lat: 29.5525, streets: ['枇杷山正街', '枇杷山后街', '山城巷', '王家坡', '健康路'] },
  { place: '两路口', lon: 106.548, lat: 29.5535, streets: ['两路口', '文化街', '大田湾', '体育路', '巴蜀路', '两路口正街'] },
  { place: '上清寺', lon: 106.552, lat: 29.5605, streets: ['上清寺路', '美专校街', '嘉陵桥路', '春森路', '桂花园路', '曾家岩'] },
  { place: '大溪沟', lon: 106.5575, lat: 29.5655, streets: ['大溪沟正街', '人和街', '双溪沟', '张家花园', '学田湾正街'] },
  { place: '黄花园', lon: 106.566, lat: 29.5625, streets: ['黄花园正街', '临华路', '罗家湾', '大井巷', '三八街'] },
  { place: '菜园坝', lon: 106.551, lat: 29.5475, streets: ['菜园坝正街', '燕喜洞', '石板坡', '珊瑚坝路'] },
  { place: '南纪门', lon: 106.5715, lat: 29.5505, streets: ['南纪门', '凤凰台', '四方街', '储奇门', '人和湾'] },
  { place: '望龙门', lon: 106.5835, lat: 29.557, streets: ['望龙门', '白象街', '太平门', '东水门正街', '芭蕉园', '湖广会馆街'] },
  { place: '鹅岭', lon: 106.533, lat: 29.5505, streets: ['鹅岭正街', '李子坝正街', '鹅岭后街', '鹅岭公园路'] },
  { place: '佛图关', lon: 106.5215, lat: 29.5485, streets: ['佛图关路', '关岳庙街', '肖家湾', '新民村'] },
  { place: '化龙桥', lon: 106.508, lat: 29.5525, streets: ['化龙桥', '瑞天路', '红岩村路', '复元寺路'] },
  { place: '大坪', lon: 106.5145, lat: 29.542, streets: ['大坪七支路', '大坪一支路', '九坑子', '大坪村路'] },
  { place: '石油路', lon: 106.507, lat: 29.536, streets: ['石油路一支路', '石油路二支路', '经纬路', '马家堡'] },
  { place: '渝州路', lon: 106.495, lat: 29.5455, streets: ['渝州路支路', '谢家湾正街', '马家岩'] },
  { place: '李子坝', lon: 106.5365, lat: 29.5525, streets: ['李子坝后街', '嘉陵新村路'] },
  { place: '桂花园', lon: 106.5445, lat: 29.5565, streets: ['桂花园新村路', '向阳隧道路'] },
  { place: '肖家湾', lon: 106.5262, lat: 29.5445, streets: ['肖家湾正街', '鹅岭二村路'] },
  { place: '马家堡', lon: 106.5045, lat: 29.5315, streets: ['马家堡正街', '建设村路'] },
  { place: '大黄路', lon: 106.5215, lat: 29.5385, streets: ['黄泥磅', '团结路'] },
  { place: '虎头岩', lon: 106.4985, lat: 29.5515, streets: ['虎头岩正街', '石门坎'] },
  { place: '平顶山', lon: 106.507, lat: 29.5455, streets: ['平顶山正街', '新桥路'] },
  { place: '袁家岗', lon: 106.5175, lat: 29.5325, streets: ['袁家岗正街', '奥体路'] },
];

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十 (1–99). */
function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${DIGITS[ones]}`;
}

/** Names formed from a place name the local way, once its real street names run out. */
function* generatedNames(place: string): Generator<string> {
  for (const ending of ['正街', '后街', '横街', '新街', '坡', '南路', '北路', '湾']) yield `${place}${ending}`;
  for (let n = 1; n <= 9; n++) yield `${place}${chineseNumber(n)}支路`;
  for (let n = 1; n <= 12; n++) yield `${place}${chineseNumber(n)}巷`;
  for (let n = 1; n <= 9; n++) yield `${place}新村${chineseNumber(n)}巷`;
  for (let n = 10; n <= 99; n++) yield `${place}${chineseNumber(n)}支路`;
}

/** Known stairways and cliff walks (lon, lat). */
const NAMED_STAIRWAYS: readonly (readonly [string, number, number])[] = [
  ['十八梯', 106.5745, 29.5525],
  ['山城步道', 106.5655, 29.5515],
  ['戴家巷崖壁步道', 106.5795, 29.5612],
  ['金汤街梯道', 106.569, 29.558],
  ['领事巷梯道', 106.5675, 29.552],
  ['石板坡梯道', 106.5615, 29.5495],
  ['燕喜洞梯道', 106.557, 29.549],
  ['守备街梯道', 106.5715, 29.553],
  ['王家坡梯道', 106.562, 29.5505],
  ['人和街梯道', 106.5575, 29.5638],
  ['储奇门梯道', 106.58, 29.5535],
  ['望龙门梯道', 106.5838, 29.5565],
  ['鹅岭梯道', 106.533, 29.5515],
  ['佛图关梯道', 106.522, 29.5505],
  ['李子坝梯道', 106.537, 29.5522],
  ['嘉陵桥梯道', 106.546, 29.5612],
  ['黄花园梯道', 106.566, 29.5632],
  ['千厮门梯道', 106.5825, 29.5632],
];

function nearestIndex<T>(items: readonly T[], at: (item: T) => Vec2, x: number, y: number): number {
  let best = -1;
  let bestD = Infinity;
  items.forEach((item, i) => {
    const [ix, iy] = at(item);
    const d = (ix - x) ** 2 + (iy - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/**
 * Hands out names. `toLocal` maps lon/lat to the local frame the positions are given in.
 * Names are unique except where a route is split into several pieces.
 */
export class RoadNamer {
  private readonly used = new Set<string>();
  private readonly hoods: { hood: Neighbourhood; at: Vec2; next: number; formed: number; generated: Generator<string> }[];
  private readonly stairCount = new Map<string, number>();
  /** Names formed from a place (not real street names). */
  private readonly formedNames = new Set<string>();
  private readonly stairs: { name: string; at: Vec2 }[];

  constructor(toLocal: (lon: number, lat: number) => Vec2, reserved: Iterable<string>) {
    for (const r of reserved) this.used.add(r);
    this.hoods = NEIGHBOURHOODS.map((hood) => ({
      hood,
      at: toLocal(hood.lon, hood.lat),
      next: 0,
      formed: 0,
      generated: generatedNames(hood.place),
    }));
    this.stairs = NAMED_STAIRWAYS.map(([name, lon, lat]) => ({ name, at: toLocal(lon, lat) }));
  }

  /** Known stairway locations (local), for seeding stairways there first. */
  namedStairwaySites(): { name: string; at: Vec2 }[] {
    return this.stairs.map(({ name, at }) => ({ name, at }));
  }

  /** The place name of the neighbourhood around (x, y). */
  placeAt(x: number, y: number): string {
    return this.hoods[nearestIndex(this.hoods, (h) => h.at, x, y)]!.hood.place;
  }

  private take(name: string): string {
    this.used.add(name);
    return name;
  }

  /** A name for a street whose middle is at (x, y). */
  streetName(x: number, y: number): string {
    const order = this.hoods
      .map((h, i) => ({ i, d: Math.hypot(h.at[0] - x, h.at[1] - y) }))
      .sort((a, b) => a.d - b.d);
    // Real names of the nearest neighbourhood, then of a close second one.
    for (const { i, d } of order.slice(0, 2)) {
      const h = this.hoods[i]!;
      if (d > 900) break;
      while (h.next < h.hood.streets.length) {
        const name = h.hood.streets[h.next++]!;
        if (!this.used.has(name)) return this.take(name);
      }
    }
    // Formed names: the least used of the nearest three neighbourhoods, so one place
    // does not run up to 二十几支路 while its neighbour has hardly any.
    const near = order.slice(0, 3).sort((a, b) => this.hoods[a.i]!.formed - this.hoods[b.i]!.formed || a.d - b.d);
    for (const { i } of [...near, ...order]) {
      const h = this.hoods[i]!;
      // Manual next(): a for…of that returns early would close the generator.
      for (let r = h.generated.next(); !r.done; r = h.generated.next()) {
        if (this.used.has(r.value)) continue;
        h.formed++;
        this.formedNames.add(r.value);
        return this.take(r.value);
      }
    }
    throw new Error('ran out of street names');
  }

  /** Marks a name as taken (e.g. a known stairway placed by its site). */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** A name for a stairway at (x, y) rising from street `fromStreet`. */
  stairwayName(x: number, y: number, fromStreet: string): string {
    // Named after a real street it climbs from (凯旋路梯道), else numbered by place.
    const own = `${fromStreet.replace(/梯道$|步道$/, '')}梯道`;
    if (!this.formedNames.has(fromStreet) && !this.used.has(own)) return this.take(own);
    const place = this.placeAt(x, y);
    for (;;) {
      const n = (this.stairCount.get(place) ?? 0) + 1;
      this.stairCount.set(place, n);
      const name = `${place}${chineseNumber(Math.min(n, 99))}号梯道`;
      if (!this.used.has(name)) return this.take(name);
    }
  }
}
