// 议题: the proposals of the user's scope — community, state, windows, roll, and turnout and result
// once closed — with the actions staff take: publish a new one, approve a property company's,
// import the roll while voting has not started, and open the details.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { useShowError } from '../../components/use-show-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useNames } from '../admin/pickers.tsx';
import { communityApi, type ProposalView } from './community-api.ts';
import { proposalState, windowText } from './community-labels.ts';
import { ProposalDrawer } from './proposal-drawer.tsx';
import { ProposalForm } from './proposal-form.tsx';
import { RollImport } from './roll-import.tsx';

/** The roll can change until voting starts (the server says so too). */
function rollOpen(p: ProposalView): boolean {
  return p.status !== 'withdrawn' && Date.parse(p.voting_from) > Date.now();
}

export function ProposalsTab() {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const list = useAsync((s) => communityApi.proposals(s), []);
  const items = list.data?.items ?? [];
  const names = useNames(
    items.map((p) => p.region_code),
    'region',
  );
  const [creating, setCreating] = useState(false);
  const [importingId, setImportingId] = useState<string | null>(null);
  const importing = items.find((p) => p.id === importingId);
  const [showing, setShowing] = useState<string | null>(null);

  const approve = async (p: ProposalView) => {
    try {
      await communityApi.approveProposal(p.id);
      void message.success(t('community.proposal.approved'));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('community.proposal.intro')}</Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('community.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="proposal-create"
          >
            {t('community.proposal.create')}
          </Button>
        </Space>
      </Flex>
      <AsyncState loading={list.loading && !list.data} error={list.error} onRetry={list.reload}>
        <Table<ProposalView>
          size="small"
          rowKey="id"
          data-testid="proposal-table"
          loading={list.loading}
          dataSource={items}
          pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('community.proposal.empty') }}
          columns={[
            {
              key: 'title',
              title: t('community.proposal.title'),
              render: (_, p) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShowing(p.id)}>
                  {p.title}
                </Button>
              ),
            },
            {
              key: 'community',
              title: t('community.proposal.community'),
              render: (_, p) => names[p.region_code] ?? p.region_code,
            },
            {
              key: 'state',
              title: t('admin.common.status'),
              render: (_, p) => {
                const s = proposalState(p, t);
                return <Tag color={s.color}>{s.text}</Tag>;
              },
            },
            {
              key: 'windows',
              title: t('community.proposal.windows'),
              render: (_, p) => (
                <div style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                  <div>
                    {t('community.proposal.consultationLine', {
                      window: windowText(p.consultation_from, p.consultation_to, fmt),
                    })}
                  </div>
                  <div>
                    {t('community.proposal.votingLine', {
                      window: windowText(p.voting_from, p.voting_to, fmt),
                    })}
                  </div>
                </div>
              ),
            },
            {
              key: 'roll',
              title: t('community.proposal.roll'),
              render: (_, p) =>
                p.roll && p.roll.members > 0
                  ? t('community.roll.size', {
                      members: fmt.number(p.roll.members),
                      households: fmt.number(p.roll.households),
                    })
                  : t('community.roll.none'),
            },
            {
              key: 'result',
              title: t('community.result.title'),
              render: (_, p) =>
                p.result ? (
                  <Space size={4} style={{ whiteSpace: 'nowrap' }}>
                    <Tag color={p.result.passed ? 'green' : 'red'}>
                      {p.result.passed ? t('community.result.passed') : t('community.result.failed')}
                    </Tag>
                    {t('community.result.turnout', { turnout: fmt.percent(p.result.turnout) })}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              key: 'actions',
              title: t('admin.common.actions'),
              fixed: 'right',
              render: (_, p) => (
                <Space size={4}>
                  {p.status === 'pending_approval' && (
                    <Popconfirm
                      title={t('community.proposal.approveConfirm', { title: p.title })}
                      okText={t('admin.common.ok')}
                      cancelText={t('admin.common.cancel')}
                      onConfirm={() => void approve(p)}
                    >
                      <Button size="small" type="link" data-testid={`proposal-approve-${p.id}`}>
                        {t('community.proposal.approve')}
                      </Button>
                    </Popconfirm>
                  )}
                  {rollOpen(p) && (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setImportingId(p.id)}
                      data-testid={`roll-import-open-${p.id}`}
                    >
                      {t('community.roll.import')}
                    </Button>
                  )}
                  <Button size="small" type="link" onClick={() => setShowing(p.id)}>
                    {t('community.proposal.details')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </AsyncState>
      {creating && (
        <ProposalForm
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            list.reload();
          }}
        />
      )}
      {importing && (
        <RollImport
          proposal={importing}
          onClose={() => setImportingId(null)}
          onImported={() => list.reload()}
        />
      )}
      {showing && <ProposalDrawer id={showing} onClose={() => setShowing(null)} />}
    </>
  );
}
