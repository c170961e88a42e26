// The security audit log (安全审计日志, kept ≥ 6 months for 等保三级): logins, failures, lockouts,
// every administrative change, reveals of personal data — newest first, filtered by actor,
// action and outcome.
import { Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AsyncState } from '../../components/async-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { adminApi, type AuditEntry } from './admin-api.ts';
import { CursorPager, useCursorPages } from './cursor-pages.tsx';

const ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.lockout',
  'auth.change_password',
  'auth.session_expired',
  'user.create',
  'user.update',
  'user.reset_password',
  'unit.create',
  'unit.update',
  'category.create',
  'category.update',
  'calendar.put_year',
  'calendar.put_working_hours',
  'grids.import',
  'personal.reveal',
];

const OUTCOME_COLOR: Record<AuditEntry['outcome'], string> = { ok: 'green', denied: 'orange', failed: 'red' };

export function AuditLog() {
  const { t, fmt } = useI18n();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<string | undefined>();
  const pages = useCursorPages(
    (before, s) =>
      adminApi.audit(
        {
          actor: actor || undefined,
          action,
          outcome,
          before: before === undefined ? undefined : Number(before),
          limit: 50,
        },
        s,
      ),
    [actor, action, outcome],
  );
  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('admin.audit.actor')}
            style={{ width: 200 }}
            onSearch={(v) => setActor(v.trim())}
          />
          <Select
            allowClear
            showSearch
            placeholder={t('admin.audit.action')}
            style={{ width: 240 }}
            value={action}
            onChange={setAction}
            options={ACTIONS.map((a) => ({ value: a, label: a }))}
          />
          <Select
            allowClear
            placeholder={t('admin.audit.outcome')}
            style={{ width: 140 }}
            value={outcome}
            onChange={setOutcome}
            options={(['ok', 'denied', 'failed'] as const).map((o) => ({
              value: o,
              label: t(`admin.audit.outcome.${o}`),
            }))}
          />
        </Space>
      </Flex>
      <AsyncState loading={pages.loading && !pages.data} error={pages.error} onRetry={pages.reload}>
        <Table<AuditEntry>
          size="small"
          rowKey="id"
          data-testid="audit-table"
          loading={pages.loading}
          dataSource={pages.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'at', title: t('admin.audit.at'), render: (_, a) => fmt.dateTime(a.at) },
            { key: 'actor', title: t('admin.audit.actor'), dataIndex: 'actor_name' },
            { key: 'action', title: t('admin.audit.action'), render: (_, a) => <code>{a.action}</code> },
            { key: 'target', title: t('admin.audit.target'), render: (_, a) => a.target ?? '—' },
            {
              key: 'outcome',
              title: t('admin.audit.outcome'),
              render: (_, a) => (
                <Tag color={OUTCOME_COLOR[a.outcome]}>{t(`admin.audit.outcome.${a.outcome}`)}</Tag>
              ),
            },
            { key: 'ip', title: 'IP', render: (_, a) => a.ip ?? '—' },
            {
              key: 'details',
              title: t('admin.audit.details'),
              render: (_, a) =>
                a.details ? (
                  <Typography.Text
                    code
                    ellipsis={{ tooltip: JSON.stringify(a.details) }}
                    style={{ maxWidth: 360 }}
                  >
                    {JSON.stringify(a.details)}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
          ]}
        />
        <CursorPager pages={pages} />
      </AsyncState>
    </>
  );
}
