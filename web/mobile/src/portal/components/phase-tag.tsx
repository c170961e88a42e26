// The phase of a proposal as a coloured tag: 公示中 / 征求意见中 / 投票中 / 已结束.
import { Tag } from 'antd-mobile';
import type { Phase } from '../api/portal-api.ts';
import { useI18n } from '../i18n/i18n.tsx';

const COLOUR: Record<Phase, string> = {
  announced: 'default',
  consultation: 'primary',
  voting: 'warning',
  closed: 'success',
};

export function PhaseTag({ phase }: { phase: Phase }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOUR[phase]} className="pt-phase" data-testid="phase" data-phase={phase}>
      {t(`phase.${phase}`)}
    </Tag>
  );
}
