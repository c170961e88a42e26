// A proposal for staff (GET /proposals/:id): what is asked, its rules and windows, the roll's size,
// the residents' comments (by household) and, once voting has closed, the published result —
// counts per option, turnout, passed or not by the rule. Ballots are secret: nothing here links a
// vote to anyone.
import { Descriptions, Drawer, List, Progress, Space, Tag, Typography } from 'antd';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useNames } from '../admin/pickers.tsx';
import { communityApi, type ProposalView } from './community-api.ts';
import {
  eligibilityLabel,
  optionLabel,
  passRuleLabel,
  proposalState,
  windowText,
} from './community-labels.ts';

function ResultBlock({ p }: { p: ProposalView }) {
  const { t, fmt } = useI18n();
  const r = p.result;
  if (!r) {
    return (
      <Typography.Paragraph type="secondary" data-testid="proposal-result-pending">
        {p.phase === 'closed' ? t('community.result.counting') : t('community.result.notYet')}
      </Typography.Paragraph>
    );
  }
  return (
    <div data-testid="proposal-result">
      <Space size={16} wrap style={{ marginBottom: 12 }}>
        <Tag color={r.passed ? 'green' : 'red'} style={{ fontSize: 14, padding: '2px 10px' }}>
          {r.passed ? t('community.result.passed') : t('community.result.failed')}
        </Tag>
        <span>
          {t('community.result.votes', { votes: fmt.number(r.votes), eligible: fmt.number(r.eligible) })}
        </span>
        <span>{t('community.result.turnout', { turnout: fmt.percent(r.turnout) })}</span>
      </Space>
      {p.options.map((o) => {
        const n = r.counts[o.key] ?? 0;
        return (
          <div key={o.key} style={{ marginBottom: 8 }} data-testid={`proposal-count-${o.key}`}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>
                {o.label}
                {o.key === p.pass_option && (
                  <Tag style={{ marginLeft: 8 }} color="blue">
                    {t('community.result.deciding')}
                  </Tag>
                )}
              </span>
              <span>{t('community.result.count', { n: fmt.number(n) })}</span>
            </Space>
            <Progress percent={r.votes ? Math.round((n / r.votes) * 1000) / 10 : 0} size="small" />
          </div>
        );
      })}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('community.result.rule', { rule: passRuleLabel(p.pass_rule, t) })}{' '}
        {t('community.result.publishedAt', { at: fmt.dateTime(r.published_at) })}
      </Typography.Paragraph>
    </div>
  );
}

export function ProposalDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, fmt } = useI18n();
  const { data, loading, error, reload } = useAsync((s) => communityApi.proposal(id, s), [id]);
  const p = data?.proposal;
  const names = useNames(p ? [p.region_code] : [], 'region');
  const state = p ? proposalState(p, t) : null;
  return (
    <Drawer
      open
      width={640}
      title={p?.title ?? t('community.proposal.detail')}
      onClose={onClose}
      destroyOnHidden
    >
      <div data-testid="proposal-detail">
        <AsyncState loading={loading && !p} error={error} onRetry={reload}>
          {p && state && (
            <>
              <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('community.proposal.community')}>
                  {names[p.region_code] ?? p.region_code}
                </Descriptions.Item>
                <Descriptions.Item label={t('admin.common.status')}>
                  <Tag color={state.color}>{state.text}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('community.proposal.consultation')}>
                  {windowText(p.consultation_from, p.consultation_to, fmt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('community.proposal.voting')}>
                  {windowText(p.voting_from, p.voting_to, fmt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('community.proposal.eligibility')}>
                  {eligibilityLabel(p.eligibility, t)}
                </Descriptions.Item>
                <Descriptions.Item label={t('community.proposal.passRule')}>
                  {passRuleLabel(p.pass_rule, t)} · {optionLabel(p, p.pass_option)}
                </Descriptions.Item>
                <Descriptions.Item label={t('community.proposal.allowChange')}>
                  {p.allow_change ? t('community.yes') : t('community.no')}
                </Descriptions.Item>
                <Descriptions.Item label={t('community.proposal.roll')}>
                  {p.roll
                    ? t('community.roll.size', {
                        members: fmt.number(p.roll.members),
                        households: fmt.number(p.roll.households),
                      })
                    : '—'}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.body}</Typography.Paragraph>
              <Typography.Title level={5}>{t('community.result.title')}</Typography.Title>
              <ResultBlock p={p} />
              <Typography.Paragraph type="secondary">{t('community.result.secret')}</Typography.Paragraph>
              <Typography.Title level={5}>
                {t('community.comments.title', { n: p.comments?.length ?? 0 })}
              </Typography.Title>
              <List
                data-testid="proposal-comments"
                size="small"
                dataSource={p.comments ?? []}
                locale={{ emptyText: t('community.comments.empty') }}
                renderItem={(c) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <Space size={12}>
                          <span>{c.household ?? t('community.comments.anonymous')}</span>
                          <Typography.Text type="secondary">{fmt.dateTime(c.at)}</Typography.Text>
                        </Space>
                      }
                      description={<span style={{ whiteSpace: 'pre-wrap' }}>{c.body}</span>}
                    />
                  </List.Item>
                )}
              />
            </>
          )}
        </AsyncState>
      </div>
    </Drawer>
  );
}
