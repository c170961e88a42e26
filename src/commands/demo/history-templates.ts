// The words of the demo history: report texts per category class (with a place, a road and the
// minor class filled in), how each channel phrases a report, handling results from the closing
// standard, the notes people write when they reject, return, extend, suspend, verify or follow
// up, and clearly fake reporters (phones 138000xxxxx).
import type { Channel } from '../../domain/cases/channels.ts';
import type { Rng } from './history-random.ts';
import type { WorldCategory, WorldGrid } from './history-world.ts';

const PLACES = (
  '小区东门口 菜市场北侧 学校门口 公交站旁 十字路口东南角 沿街店铺前 公园入口 农贸市场旁 老旧小区楼下 ' +
  '河道边 桥头 商业街中段 停车场出入口 巷子口 医院南门 超市门口 广场西侧 村委会旁 幼儿园附近 安置小区内'
).split(' ');
const ROADS =
  '人民路 胜利路 新华路 建设路 中山路 解放路 文化路 滨江路 环城路 工业路 延安路 光明路 健康路 博爱路'.split(
    ' ',
  );

// By major class; {p} place, {r} road, {m} minor class, {v} village or community.
const BY_MAJOR: Record<string, string[]> = {
  '01': [
    '{r}{p}的{m}损坏，存在安全隐患，请尽快维修',
    '{v}{p}{m}缺失，行人车辆经过很危险',
    '{r}{p}{m}破损多日无人处理',
  ],
  '02': ['{r}{p}{m}损坏，影响通行安全', '{r}{p}的{m}倾斜松动，需要维修', '{v}{p}{m}缺损，请相关单位处理'],
  '03': ['{r}{p}{m}破损脏乱，影响市容', '{v}{p}的{m}损坏，请尽快修复', '{r}{p}{m}有异味、设施不完好'],
  '04': ['{r}{p}{m}受损，需要修剪养护', '{v}{p}{m}无人养护，杂乱不堪', '{r}{p}{m}倒伏，影响通行'],
  '05': ['{v}{p}{m}破损，需要维修', '{v}{p}{m}存在安全隐患'],
  '06': ['{r}{p}{m}存在安全隐患，请尽快处置', '{v}{p}{m}损坏，需要维修加固'],
  '11': ['{r}{p}有{m}，影响市容环境', '{v}{p}{m}问题已持续多日，周边居民意见较大', '{r}{p}出现{m}，气味难闻'],
  '12': ['{r}{p}有{m}，影响市容', '{v}{p}电箱、灯杆上{m}较多', '{r}{p}{m}，请城管部门清理'],
  '13': ['{r}{p}工地{m}，附近居民反映强烈', '{v}{p}{m}，晚上十点后仍在施工', '{r}{p}{m}，影响周边通行'],
  '14': ['{r}{p}发生{m}，请尽快派人处置', '{r}{p}{m}，车辆行人无法通行', '{v}{p}突发{m}，情况紧急'],
  '15': ['{r}{p}{m}，占用人行道', '{v}{p}{m}现象严重，影响通行', '{r}{p}每天傍晚都有{m}'],
  '21': [
    '{v}居民反映{m}，双方多次协商未果，请求调解',
    '{v}{p}发生{m}，当事人情绪激动',
    '{v}两户居民因琐事发生{m}',
  ],
  '22': ['{v}{p}发现{m}，请派出所核查', '{v}{p}存在{m}，居民担心安全'],
  '23': ['{v}{p}存在{m}，请相关部门检查', '{v}{p}{m}，存在火灾隐患'],
  '24': ['{v}{p}{m}，一旦发生火灾后果严重', '{v}{p}{m}，请物业和社区督促清理'],
  '25': ['{r}{p}{m}，请市场监管部门检查', '{r}{p}一家小店涉嫌{m}'],
  '26': ['{v}{p}{m}，请社区上门了解情况', '{v}居民咨询{m}相关事宜', '{v}{p}有{m}需求，请帮助协调'],
  '27': ['{v}居民就{m}提出意见，希望得到答复', '{v}居民{m}：希望改善{p}周边环境'],
};
const GENERIC = ['{r}{p}发现{m}问题，请尽快处理', '{v}{p}{m}，请相关部门处理'];

const PREFIX: Record<Channel, string[]> = {
  grid_worker: ['巡查发现：', '网格员巡查发现', '日常巡查中发现'],
  hotline: ['市民来电反映：', '12345热线转办：', '群众来电反映：'],
  resident: ['', '群众反映：', '居民通过APP反映：'],
  merchant: ['商户反映：', '沿街商户反映：'],
  sensor: ['视频智能识别：', '监控抓拍：'],
  upper_level: ['上级平台交办：'],
  open311: ['群众反映：'],
};
const SUFFIX = ['，请尽快处理。', '，希望尽快解决。', '。', '，请相关部门核实处理。', '，已拍照取证。'];

function fill(t: string, rng: Rng, c: WorldCategory, g: WorldGrid): string {
  return t
    .replace('{p}', rng.pick(PLACES))
    .replace('{r}', rng.pick(ROADS))
    .replace('{m}', c.name)
    .replace('{v}', g.villageName);
}

/** A report text and address for a category in a grid, as the channel would phrase it. */
export function describeReport(
  rng: Rng,
  c: WorldCategory,
  g: WorldGrid,
  channel: Channel,
): { description: string; address: string } {
  const body = fill(rng.pick(BY_MAJOR[c.major_code] ?? GENERIC), rng, c, g);
  const description = `${rng.pick(PREFIX[channel])}${body}${rng.pick(SUFFIX)}`;
  const address = `${g.countyName}${g.townshipName}${g.villageName}${rng.pick(ROADS)}`;
  return { description, address };
}

/** What the unit reports back: the closing standard met, in the words of the field. */
export function handlingResult(rng: Rng, c: WorldCategory): string {
  return rng.pick([
    `已到现场处置完毕：${c.closingStandard}。`,
    `经现场处置，${c.closingStandard}，已拍照留存。`,
    `已安排人员处理，${c.closingStandard}。`,
  ]);
}

export const NOTES = {
  reject: [
    '不属于受理范围，已告知反映人通过其他渠道解决',
    '位置信息不全，无法定位具体地点',
    '反映问题已自行消除，不予立案',
    '属于私人财产纠纷，建议通过司法途径解决',
  ],
  rejectAfterVerify: ['经核实，反映情况不属实', '经现场核实，未发现所反映问题'],
  void: ['误立案，予以作废', '重复立案，予以作废'],
  merge: ['与已受理案件重复，合并处理', '同一问题多人反映，合并处理'],
  returnText: {
    jurisdiction_mismatch: '该点位不在本单位管辖范围内',
    ownership_unclear: '设施权属不清，无法确定养护单位',
    overlapping_duties: '涉及多个部门职能，请重新派遣',
    other: '现场情况与派遣内容不符，请核实后重新派遣',
  },
  extension: ['需协调多个部门联合处置，申请延期', '需采购配件，申请延期', '当事人多次上门未遇，申请延期'],
  denyExtension: ['延期理由不充分，请按原时限办结'],
  suspension: ['需纳入道路改造工程统一实施', '涉及产权争议，待相关程序结束后处置', '需待汛期结束后施工'],
  verifyFail: ['现场核查发现仍未整改到位，请返工', '处置不彻底，现场仍有残留', '照片与现场不符，请重新处置'],
  reopen: ['群众对处理结果不满意，重新办理', '回访不满意，问题仍然存在，重新办理'],
  denySelfHandled: ['问题较复杂，需派遣专业部门处置'],
  urge: ['请尽快办理', '已超时，请抓紧办理并反馈'],
  supervise: ['请加强督办，限期办结', '群众反映强烈，请主要负责人督办'],
  followUp: {
    satisfied: '电话回访，反映人对处理结果表示满意',
    basically_satisfied: '电话回访，反映人表示基本满意',
    dissatisfied: '电话回访，反映人对处理结果不满意',
  },
} as const;

const SURNAMES = '王李张刘陈杨黄林吴郑蔡许曾洪邱赵周徐孙朱'.split('');

/** A clearly fake reporter: a surname with 先生/女士 and a phone 138000xxxxx. */
export function fakeReporter(index: number): { name: string; phone: string } {
  const surname = SURNAMES[index % SURNAMES.length]!;
  const title = Math.floor(index / SURNAMES.length) % 2 === 0 ? '先生' : '女士';
  return { name: `${surname}${title}`, phone: `138000${String(index % 100_000).padStart(5, '0')}` };
}
