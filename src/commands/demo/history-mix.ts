// The mix of the demo history: how often each channel reports, which categories each channel sees
// (cameras only what a camera can see), how categories shift between urban streets and rural
// villages, and with the seasons — 道路积水 and fallen trees in the typhoon months, 劳动纠纷 before
// the Spring Festival, open-air barbecues in summer. Weights are relative; unknown local
// categories get an ordinary weight.
import type { Channel } from '../../domain/cases/channels.ts';
import { WeightedTable } from './history-random.ts';

/** Share of reports per channel on a working day (grid workers patrol less on days off). */
export const CHANNEL_WEIGHTS: Record<Channel, number> = {
  grid_worker: 50,
  hotline: 20,
  resident: 20,
  merchant: 5,
  sensor: 4,
  upper_level: 1,
  open311: 0,
};

/** 'code:weight code:weight …' → a lookup (compact, for the tables below). */
function weights(spec: string): Map<string, number> {
  return new Map(spec.split(/\s+/).map((p) => [p.split(':')[0]!, Number(p.split(':')[1])]));
}

/** What a grid worker may fix on the spot (自处理). */
export const SELF_HANDLEABLE = new Set('1102 1104 1106 1201 1204 1502 1506 1508 2402'.split(' '));

/** Categories a camera or sensor can recognise. */
const SENSOR_CATEGORIES = new Set(
  '1102 1103 1104 1109 1111 1204 1302 1304 1403 1404 1501 1502 1503 1505 1506 1508 1509 2401'.split(' '),
);

const MAJOR_WEIGHTS = weights(
  '01:6 02:2.5 03:2.5 04:2 05:0.5 06:1 11:21 12:8 13:5 14:2.5 15:20 21:7 22:2 23:3 24:3.5 25:2 26:5 27:2.5',
);

const MINOR_BOOST = weights(
  '0102:2 0103:2 0104:2 0106:2 0114:2 0118:6 0203:1.5 0209:1.5 0210:1.5 0211:2 0301:2 0305:3 0402:3 ' +
    '0405:2 1101:1.5 1102:5 1103:2 1104:3 1107:1.5 1112:0.5 1201:5 1202:1.5 1401:1.5 1402:0.8 1403:3 ' +
    '1404:0.2 1405:0.3 1501:2 1502:4 1503:5 1504:0.5 1505:4 1506:3 1507:0.6 1508:3 1509:1.5 1510:1.5 ' +
    '2101:4 2102:3 2103:1.5 2106:1.5 2303:3 2401:2 2402:4 2601:2 2603:1.5 2701:2',
);

/** Rural villages: fewer street-order and advertising cases, more disputes and farmyard matters. */
const RURAL_MAJOR = weights('02:0.5 12:0.4 13:0.7 15:0.5 21:1.6 26:1.4');
const RURAL_MINOR = weights('2105:4 1112:5 1109:3 1105:2 0131:4');

/** The hotline hears more disputes, noise and help requests; merchants report street matters. */
const PUBLIC_MAJOR = weights('21:2 26:2 27:2.5 13:1.5 25:1.5');

/** Seasonal factor of a category in a month (1–12); `typhoon` marks a typhoon day. */
export function seasonalFactor(code: string, month: number, typhoon: boolean): number {
  const inMonths = (...m: number[]) => m.includes(month);
  switch (code) {
    case '1403': // 道路积水: plum rains, then typhoons
      return (inMonths(7, 8, 9) ? 6 : inMonths(5, 6) ? 3 : inMonths(10) ? 1.2 : 0.3) * (typhoon ? 6 : 1);
    case '1402':
      return (inMonths(6, 7, 8, 9) ? 2 : 1) * (typhoon ? 3 : 1);
    case '0402': // 行道树 blown down
      return (inMonths(7, 8, 9) ? 2.5 : 1) * (typhoon ? 8 : 1);
    case '0604':
    case '0606':
      return (inMonths(6, 7, 8, 9) ? 2 : 1) * (typhoon ? 3 : 1);
    case '1109':
      return inMonths(11, 12, 1, 2, 3, 4) ? 2 : 0.7;
    case '1509':
      return inMonths(5, 6, 7, 8, 9) ? 2.2 : inMonths(12, 1, 2) ? 0.5 : 1;
    case '1110':
    case '1105':
      return inMonths(6, 7, 8, 9) ? 1.5 : 1;
    case '1302':
      return inMonths(11, 12, 1, 2, 3) ? 1.6 : 1;
    case '1301':
      return inMonths(6, 7, 8, 9) ? 1.3 : 1;
    case '2301':
      return inMonths(12, 1, 2) ? 1.6 : 1;
    case '2303':
      return inMonths(12, 1, 2) ? 1.3 : 1;
    case '2103': // 讨薪 before the Spring Festival
      return inMonths(12, 1) ? 3 : inMonths(2) ? 1.5 : 1;
    case '2601':
      return inMonths(1, 7, 8) ? 1.4 : 1;
    case '1504':
      return inMonths(1, 2) ? 1.5 : 1;
    default:
      return 1;
  }
}

/** Channels that see different things: the field, the public, cameras. */
export type ChannelGroup = 'field' | 'public' | 'sensor';

/** The group a channel's reports are drawn from. */
export function channelGroup(c: Channel): ChannelGroup {
  if (c === 'sensor') return 'sensor';
  return c === 'hotline' || c === 'resident' || c === 'merchant' || c === 'open311' ? 'public' : 'field';
}

/** Base weight of a category for a channel group in an urban or rural grid (before seasons). */
export function categoryWeight(
  c: { code: string; major_code: string },
  group: ChannelGroup,
  urban: boolean,
): number {
  if (group === 'sensor' && !SENSOR_CATEGORIES.has(c.code)) return 0;
  const major = c.major_code;
  let w = (MAJOR_WEIGHTS.get(major) ?? 1) * (MINOR_BOOST.get(c.code) ?? 1);
  if (!urban) w *= (RURAL_MAJOR.get(major) ?? 1) * (RURAL_MINOR.get(c.code) ?? 1);
  if (group === 'public') w *= PUBLIC_MAJOR.get(major) ?? 1;
  return w;
}

/**
 * Category tables per (month, typhoon, group, urban), built on first use: the weight of a minor
 * is spread over its major by the boosts, so a major's share stays as MAJOR_WEIGHTS says.
 */
export class CategoryMix<C extends { code: string; major_code: string }> {
  private readonly tables = new Map<string, WeightedTable<C>>();
  private readonly majorBoost = new Map<string, number>();

  constructor(private readonly categories: readonly C[]) {
    for (const c of categories)
      this.majorBoost.set(
        c.major_code,
        (this.majorBoost.get(c.major_code) ?? 0) + (MINOR_BOOST.get(c.code) ?? 1),
      );
  }

  table(month: number, typhoon: boolean, group: ChannelGroup, urban: boolean): WeightedTable<C> {
    const key = `${month}|${typhoon}|${group}|${urban}`;
    let t = this.tables.get(key);
    if (!t) {
      const weights = this.categories.map(
        (c) =>
          (categoryWeight(c, group, urban) / (this.majorBoost.get(c.major_code) ?? 1)) *
          seasonalFactor(c.code, month, typhoon),
      );
      t = new WeightedTable(this.categories, weights);
      if (t.total <= 0)
        t = new WeightedTable(
          this.categories,
          this.categories.map(() => 1),
        );
      this.tables.set(key, t);
    }
    return t;
  }
}
