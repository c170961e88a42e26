// Where reports come from (上报渠道), and which count as public supervision (监督举报).
export const CHANNELS = [
  'grid_worker',
  'resident',
  'merchant',
  'hotline',
  'sensor',
  'upper_level',
  'open311',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, { zh: string; en: string }> = {
  grid_worker: { zh: '网格员上报', en: 'Grid worker' },
  resident: { zh: '群众上报', en: 'Resident' },
  merchant: { zh: '商户上报', en: 'Merchant' },
  hotline: { zh: '12345热线', en: 'Hotline' },
  sensor: { zh: '视频/感知设备', en: 'Camera or sensor' },
  upper_level: { zh: '上级交办', en: 'Upper-level platform' },
  open311: { zh: 'Open311 接口', en: 'Open311' },
};

/** Reports from the public (residents, merchants, hotline, Open311) count toward 监督举报率. */
export function isPublicChannel(c: Channel): boolean {
  return c === 'resident' || c === 'merchant' || c === 'hotline' || c === 'open311';
}
