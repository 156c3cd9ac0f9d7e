/**
 * The Flood tool's preset water levels (issue 18): the warning level (警戒水位) and the
 * guarantee level (保证水位) of the Yangtze at 寸滩, and the recorded flood crests of
 * 1981 and 2020 there, each with the figure as published, its height datum, the level
 * in our DEM's frame, and where the figure was published.
 *
 * Why 寸滩 and not 朝天门: 寸滩 (Cuntan, 江北区, ~7 km below the 朝天门 confluence) is the
 * Changjiang Water Resources Commission's national reference station for Chongqing's
 * main city, gauged since 1939; every figure below is published for it, on one datum,
 * and the city's flood bulletins quote it first. 朝天门 is a municipal station
 * (reported by 重庆市水文监测总站) at the tip of the peninsula; of its figures we found only a
 * reading of 193.14 m at 08:00 on 2020-08-20 "8.14 m above the guarantee level" (so a
 * guarantee level of 185.00 m) with no datum stated and no warning level, so it is not
 * a preset. Note that at that hour 寸滩 read 191.55 m (吴淞, 190.06 m on 黄海): the
 * flood surface falls between the peninsula and 寸滩. If the 朝天门 figure is on 黄海 —
 * likely, as the city flood office's 2017 forecasts for the neighbouring 菜园坝 and
 * 磁器口 stations are given "黄海高程" (央广网, 2017-10-04, news.china.com/domesticgd/
 * 10000159/20171004/31541547.html) — the water at 朝天门 stood ~3.1 m above the 寸滩 level in the DEM
 * frame; if on 吴淞, ~1.6 m. Either way a 寸滩 level drawn flat over 渝中 is a low
 * estimate at 朝天门 (unresolved: the datum of 朝天门's published figures).
 *
 * Datum. 寸滩 levels are published in 吴淞高程 (the Wusong datum the Changjiang
 * Commission keeps for river levels). 重庆市水文监测总站's daily bulletins print both:
 * "寸滩站水位167.79米(吴淞高程,对应黄海高程水位为166.30米)" (2023-09-16) and
 * "175.84米 … 174.35米" (2025-09-24): 吴淞 − 黄海 = 1.49 m at 寸滩, the same in every
 * bulletin we read (a third, undated in the copy we read, has 163.13 / 161.64). The
 * warning level is on 吴淞 too (those bulletins' "低于警戒水位12.71米" and "4.66米"
 * both give 180.50 m against the 吴淞 reading). "黄海高程" in
 * those bulletins we take as the 1985 国家高程基准 (the current national datum, which
 * replaced the 1956 黄海 system and is still commonly called 黄海) — the bulletins do
 * not say which; the two differ by ~3 cm, below anything this tool resolves.
 *
 * Our DEM is in metres above an EGM-type geoid (orthometric-like). The 1985 datum is a
 * normal-height system on the Qingdao mean sea level; its zero and a global geoid differ
 * by a few decimetres (we did not find an authoritative figure for Chongqing — stated
 * plainly as unknown), far below the DEM's own vertical error (metres for SRTM/AW3D-class
 * models). So `levelM` = published 吴淞 figure − 1.49 m, read as "metres in the DEM's
 * frame" with no further correction.
 */

/** The height datum a water level was published on. */
export type HeightDatum = 'wusong' | 'cngvd1985';

export const HEIGHT_DATUM_INFO: Record<HeightDatum, { zh: string; en: string }> = {
  wusong: { zh: '吴淞高程', en: 'Wusong datum' },
  cngvd1985: { zh: '1985国家高程基准(黄海高程)', en: 'China 1985 national height datum (Yellow Sea)' },
};

/**
 * 吴淞 − 1985 at 寸滩 in metres, from 重庆市水文监测总站's bulletins, which print each
 * 寸滩 reading on both datums (see the header). The offset varies along the Yangtze
 * (1.6–1.9 m in the delta), so it is for 寸滩 only.
 */
export const CUNTAN_WUSONG_ABOVE_1985_M = 1.49;

export const CUNTAN_DATUM_CITATIONS: readonly Citation[] = [
  {
    publisher: '上游新闻(据重庆市水文监测总站监测),荆楚网转载',
    title: '今日8时长江寸滩站水位167.79米(吴淞高程,对应黄海高程水位为166.30米),低于警戒水位12.71米',
    date: '2023-09-16',
    url: 'http://news.cnhubei.com/content/2023-09/16/content_16631471.html',
  },
  {
    publisher: '华龙网 第1眼TV(据重庆市水文监测总站监测)',
    title: '今日8时长江寸滩站水位175.84米(吴淞高程,对应黄海高程水位为174.35米),低于警戒水位4.66米',
    date: '2025-09-24',
    url: 'http://focus.dongchanet.com/20250924/182930.html',
    note: 'Read in a copy on this address; the 华龙网 original address is not known.',
  },
];

export interface Citation {
  /** Who published it (and whose measurement it reports). */
  publisher: string;
  /** The article's title or the sentence quoted. */
  title: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  url: string;
  /** How the figure follows from the text, or how the page was read. */
  note?: string;
}

export type FloodLevelKind = 'warning' | 'guarantee' | 'crest';

export interface FloodLevelPreset {
  id: string;
  kind: FloodLevelKind;
  /** The gauging station the figure belongs to. */
  station: { zh: string; en: string };
  /** Label for the Flood tool's preset list, zh-CN and English. */
  label: { zh: string; en: string };
  /** The figure as published, metres on `datum`. */
  publishedM: number;
  datum: HeightDatum;
  /** The same level in the DEM's frame (1985 datum ≈ the DEM, see the header), metres. */
  levelM: number;
  /** When the crest occurred (crests only), YYYY-MM-DD. */
  date?: string;
  citations: readonly Citation[];
}

/** A published 寸滩 level (吴淞) as metres in the DEM's frame, to the centimetre. */
export function cuntanLevelInDemFrame(wusongM: number): number {
  return Math.round((wusongM - CUNTAN_WUSONG_ABOVE_1985_M) * 100) / 100;
}

const CUNTAN = { zh: '寸滩', en: 'Cuntan' } as const;

const CCTV_2020_08_20: Citation = {
  publisher: '央视新闻客户端(中国应急广播转载),据重庆市水利局、长江委水文上游局',
  title: '重庆史上罕见特大洪水!长江寸滩站水位达191.55米',
  date: '2020-08-20',
  url: 'http://www.cneb.gov.cn/2020/08/20/ARTI1597912232416909.shtml',
};

function cuntan(
  id: string,
  kind: FloodLevelKind,
  label: { zh: string; en: string },
  wusongM: number,
  citations: readonly Citation[],
  date?: string,
): FloodLevelPreset {
  const preset: FloodLevelPreset = {
    id, kind, station: CUNTAN, label, publishedM: wusongM, datum: 'wusong',
    levelM: cuntanLevelInDemFrame(wusongM), citations,
  };
  if (date !== undefined) preset.date = date;
  return preset;
}

/** The presets, lowest first. */
export const FLOOD_LEVEL_PRESETS: readonly FloodLevelPreset[] = [
  cuntan('cuntan-warning', 'warning', { zh: '寸滩警戒水位', en: 'Cuntan warning level' }, 180.5, [
    {
      publisher: '新华网(新华社重庆7月18日电)',
      title: '长江2020年第2号洪水通过重庆主城 接近警戒水位',
      date: '2020-07-18',
      url: 'http://www.xinhuanet.com/politics/2020-07/18/c_1126255401.htm',
      note: '"11时水位达到179.43米,接近180.5米的警戒水位". Read in a copy carrying this path; the address is the original path on xinhuanet.com.',
    },
    {
      publisher: '中国政府网(新华社图片)',
      title: '重庆长江水域迎来今年汛期首个洪峰',
      date: '2014-07-02',
      url: 'https://www.gov.cn/xinwen/2014-07/02/content_2711152.htm',
      note: '"重庆寸滩水文站水位已达168.400米,但未超寸滩180.5米的警戒水位". Read in a copy carrying this path.',
    },
    ...CUNTAN_DATUM_CITATIONS,
  ]),
  cuntan('cuntan-guarantee', 'guarantee', { zh: '寸滩保证水位', en: 'Cuntan guarantee level' }, 183.5, [
    {
      ...CCTV_2020_08_20,
      note: 'Derived: "寸滩站20日8时15分出现洪峰水位191.62米(超保8.12米)" and "20日8时,长江寸滩站水位191.55米,超过保证水位8.05米" both give 183.50 m.',
    },
  ]),
  cuntan(
    'cuntan-crest-1981', 'crest', { zh: '1981年洪峰(寸滩)', en: '1981 flood crest (Cuntan)' }, 191.41,
    [
      {
        ...CCTV_2020_08_20,
        note: '"长江寸滩站洪水水位超越1939年建站以来历史极值191.41米": the station record, set by the July 1981 flood, until 2020. The exact day in July 1981 is not in the sources we read.',
      },
      {
        publisher: '新闻转载(原发布者不详)',
        title: '寸滩水文站内……“1981年洪水位191.41米”',
        date: '2020-08-20',
        url: 'http://digitaltwinbuildings.com/jiaoyu/shenghuo/bkcs/1503413.html',
        note: 'A re-posted news text: at 04:00 on 2020-08-20 the river passed the red mark at the station reading "1981年洪水位191.41米" — ties the 191.41 m record to 1981. Original publisher and re-post date unknown; the date is that of the event described.',
      },
    ],
  ),
  cuntan(
    'cuntan-crest-2020', 'crest', { zh: '2020年洪峰(寸滩)', en: '2020 flood crest (Cuntan)' }, 191.62,
    [
      { ...CCTV_2020_08_20, note: '"寸滩站20日8时15分出现洪峰水位191.62米(超保8.12米)".' },
    ],
    '2020-08-20',
  ),
];
