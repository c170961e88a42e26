// Case detail: every field, the photos, the timeline (who did what, when, with notes and
// photos), the deadline and working time left, the grid on a small map, and one button per
// action the server says this user may take now — each opening its form.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, List, Result, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { AsyncState } from '../components/async-state.tsx';
import { useAsync } from '../../../shared/use-async.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import {
  casesApi,
  refApi,
  type CaseAction,
  type CaseView,
  type TimelineEvent,
} from '../features/cases/cases-api.ts';
import { ActionModal } from '../features/cases/components/action-modal.tsx';
import { CaseMiniMap } from '../features/cases/components/case-mini-map.tsx';
import { CaseTimeline } from '../features/cases/components/case-timeline.tsx';
import { DeadlineTag } from '../features/cases/components/deadline-tag.tsx';
import { PhotoThumbs } from '../features/cases/components/photo-thumbs.tsx';
import {
  actionLabel,
  channelLabel,
  satisfactionLabel,
  stateColour,
  stateLabel,
  urgencyLabel,
} from '../features/cases/labels.ts';
import { useCategoryName, useWorkingDayMs } from '../features/cases/reference.ts';

/** Buttons shown prominently (the loop's next step); the rest follow in the default style. */
const PRIMARY: readonly CaseAction[] = [
  'register',
  'dispatch',
  'reassign',
  'acknowledge',
  'report_back',
  'verify_pass',
  'confirm_report',
  'approve_self_handled',
  'approve_extension',
  'approve_suspension',
  'follow_up',
];
const DANGER: readonly CaseAction[] = [
  'reject',
  'void',
  'verify_fail',
  'return',
  'deny_extension',
  'deny_suspension',
];

export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [round, setRound] = useState(0);
  const { data, loading, error, reload } = useAsync((signal) => casesApi.get(id, signal), [id, round]);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={t('case.detail.notFound')}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('case.detail.back')}
          </Button>
        }
      />
    );
  }
  return (
    <AsyncState loading={loading && !data} error={data ? undefined : error} onRetry={reload}>
      {data ? (
        <CaseDetail c={data.case} timeline={data.timeline} onChanged={() => setRound((r) => r + 1)} />
      ) : null}
    </AsyncState>
  );
}

function CaseDetail({
  c,
  timeline,
  onChanged,
}: {
  c: CaseView;
  timeline: TimelineEvent[];
  onChanged: () => void;
}) {
  const { t, fmt } = useI18n();
  const dayMs = useWorkingDayMs();
  const categoryName = useCategoryName();
  const { data: units } = useAsync((signal) => casesApi.units(c.id, signal), [c.id, c.version]);
  const unitName = useMemo(() => {
    const names = new Map((units?.items ?? []).map((u) => [u.id, u.name]));
    return (id: string) => names.get(id) ?? id;
  }, [units]);
  const [action, setAction] = useState<CaseAction | null>(null);
  const { data: place } = useAsync(
    (signal) => refApi.region(c.region_code, signal).catch(() => null),
    [c.region_code],
  );
  const canMerge = c.actions.includes('merge');
  const { data: dups } = useAsync(
    (signal) => (canMerge ? casesApi.duplicatesOf(c.id, signal) : Promise.resolve({ items: [] })),
    [canMerge ? c.id : null, c.version],
  );
  const photos = [...new Set(timeline.flatMap((e) => e.attachments))];
  const placeText = place
    ? [...place.path.slice(2).map((p) => p.name), place.region.name].join(' / ')
    : c.region_code;
  const gridText = `${c.grid_code}`;
  const pending = c.pending_request_data;

  const none = '—';
  const info: { key: string; label: string; children: React.ReactNode; span?: number }[] = [
    { key: 'code', label: t('case.detail.code'), children: c.code },
    {
      key: 'state',
      label: t('case.detail.state'),
      children: (
        <Tag color={stateColour(c.state)} data-testid="case-state">
          {stateLabel(c.state, t)}
        </Tag>
      ),
    },
    { key: 'channel', label: t('case.detail.channel'), children: channelLabel(c.channel, t) },
    {
      key: 'category',
      label: t('case.detail.category'),
      children: c.category_code ? `${categoryName(c.category_code)}（${c.category_code}）` : none,
    },
    { key: 'urgency', label: t('case.detail.urgency'), children: urgencyLabel(c.urgency, t) },
    { key: 'reportedAt', label: t('case.detail.reportedAt'), children: fmt.dateTime(c.reported_at) },
    { key: 'title', label: t('case.detail.title'), children: c.title, span: 2 },
    {
      key: 'description',
      label: t('case.detail.description'),
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span>,
      span: 2,
    },
    { key: 'address', label: t('case.detail.address'), children: c.address ?? none, span: 2 },
    { key: 'location', label: t('case.detail.location'), children: placeText, span: 2 },
    {
      key: 'grid',
      label: t('case.detail.grid'),
      children: `${gridText} · ${c.location.lng.toFixed(6)}, ${c.location.lat.toFixed(6)}`,
      span: 2,
    },
    {
      key: 'reporter',
      label: t('case.detail.reporter'),
      children: [c.reporter.name, c.reporter.phone].filter(Boolean).join(' ') || none,
      span: 2,
    },
    {
      key: 'lead',
      label: t('case.detail.leadUnit'),
      children: c.lead_unit_id ? unitName(c.lead_unit_id) : none,
    },
    {
      key: 'co',
      label: t('case.detail.coUnits'),
      children: c.co_unit_ids.length ? c.co_unit_ids.map(unitName).join('、') : none,
    },
    {
      key: 'deadline',
      label: t('case.detail.deadline'),
      children: c.deadline_at ? fmt.dateTime(c.deadline_at) : none,
    },
    {
      key: 'left',
      label: t('case.detail.timeLeft'),
      children: (
        <DeadlineTag
          colour={c.colour}
          msLeft={c.working_ms_left}
          deadlineAt={c.deadline_at}
          dayMs={dayMs}
          testId="detail-deadline"
        />
      ),
    },
  ];
  if (c.step_deadline_at) {
    info.push({
      key: 'step',
      label: t('case.detail.stepDeadline'),
      children: (
        <DeadlineTag
          colour={c.step_working_ms_left !== null && c.step_working_ms_left < 0 ? 'red' : 'green'}
          msLeft={c.step_working_ms_left}
          deadlineAt={c.step_deadline_at}
          dayMs={dayMs}
        />
      ),
      span: 2,
    });
  }
  if (c.pending_request) {
    info.push({
      key: 'pending',
      label: t('case.detail.pending'),
      children: (
        <Space direction="vertical" size={0}>
          <Tag color="warning">
            {t(c.pending_request === 'suspension' ? 'case.pending.suspension' : 'case.pending.extension')}
          </Tag>
          {pending?.reason ? <span>{t('case.act.pendingInfo', { reason: pending.reason })}</span> : null}
          {pending?.extra ? <span>{t('case.detail.pendingExtra', { extra: pending.extra })}</span> : null}
        </Space>
      ),
      span: 2,
    });
  }
  const times: [string, string | null][] = [
    [t('case.detail.registeredAt'), c.registered_at],
    [t('case.detail.dispatchedAt'), c.dispatched_at],
    [t('case.detail.acknowledgedAt'), c.acknowledged_at],
    [t('case.detail.reportedBackAt'), c.reported_back_at],
    [t('case.detail.closedAt'), c.closed_at],
    [t('case.detail.publishedAt'), c.published_at],
  ];
  for (const [label, at] of times) if (at) info.push({ key: label, label, children: fmt.dateTime(at) });
  if (c.result) {
    info.push({
      key: 'result',
      label: t('case.detail.result'),
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.result}</span>,
      span: 2,
    });
  }
  if (c.verified !== null) {
    info.push({
      key: 'verified',
      label: t('case.detail.verified'),
      children: c.verified ? t('case.detail.verifiedTrue') : t('case.detail.verifiedFalse'),
    });
  }
  const mergedData = timeline.findLast((e) => e.action === 'merge')?.data?.merged_into;
  const mergedCode = typeof mergedData === 'string' ? mergedData : undefined;
  if (c.merged_into) {
    info.push({
      key: 'merged',
      label: t('case.detail.mergedInto'),
      children: <Link to={`/cases/${c.merged_into}`}>{mergedCode ?? c.merged_into}</Link>,
    });
  }
  if (c.satisfaction) {
    info.push({
      key: 'satisfaction',
      label: t('case.detail.satisfaction'),
      children: satisfactionLabel(c.satisfaction, t),
    });
  }
  info.push({
    key: 'counts',
    label: t('case.detail.countsLabel'),
    children: t('case.detail.counts', { ...c.counts }),
    span: 2,
  });

  return (
    <Space
      direction="vertical"
      size={16}
      style={{ width: '100%' }}
      data-testid="case-detail"
      data-state={c.state}
    >
      <Link to="/" data-testid="case-back">
        <ArrowLeftOutlined /> {t('case.detail.back')}
      </Link>
      <Card size="small">
        <div
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            gap: 12,
            justifyContent: 'space-between',
          }}
        >
          <Space size={12} wrap style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-code">
              {c.code}
            </Typography.Title>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {c.title}
            </Typography.Text>
            <Tag color={stateColour(c.state)}>{stateLabel(c.state, t)}</Tag>
            {c.urgency === 'urgent' ? <Tag color="red">{urgencyLabel(c.urgency, t)}</Tag> : null}
          </Space>
          <Space wrap data-testid="case-actions">
            {c.actions.length ? (
              c.actions.map((a) => (
                <Button
                  key={a}
                  data-testid={`action-${a}`}
                  type={PRIMARY.includes(a) ? 'primary' : 'default'}
                  danger={DANGER.includes(a)}
                  onClick={() => setAction(a)}
                >
                  {actionLabel(a, t)}
                </Button>
              ))
            ) : (
              <Typography.Text type="secondary" data-testid="case-no-actions">
                {t('case.detail.noActions')}
              </Typography.Text>
            )}
          </Space>
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('case.detail.info')}>
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
                items={info}
                labelStyle={{ width: 110, whiteSpace: 'nowrap' }}
                data-testid="case-info"
              />
            </Card>
            <Card size="small" title={t('case.detail.photos')}>
              {photos.length ? (
                <PhotoThumbs ids={photos} size={96} testId="case-photos" />
              ) : (
                <Typography.Text type="secondary">{t('case.detail.noPhotos')}</Typography.Text>
              )}
            </Card>
            {dups?.items.length ? (
              <Card size="small" title={t('case.detail.duplicates')} data-testid="case-duplicates">
                <List
                  size="small"
                  dataSource={dups.items}
                  renderItem={(d) => (
                    <List.Item>
                      <Space wrap>
                        <Link to={`/cases/${d.id}`}>{d.code}</Link>
                        <span>{d.title}</span>
                        <Tag>{stateLabel(d.state, t)}</Tag>
                        <Typography.Text type="secondary">
                          {t('case.detail.distance', { m: d.distance_m })}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('case.detail.map')}>
              <CaseMiniMap
                gridCode={c.grid_code}
                lng={c.location.lng}
                lat={c.location.lat}
                place={`${placeText} · ${gridText}`}
              />
            </Card>
            <Card size="small" title={t('case.detail.timeline')}>
              <CaseTimeline events={timeline} unitName={unitName} />
            </Card>
          </Space>
        </Col>
      </Row>
      {action ? (
        <ActionModal
          action={action}
          c={c}
          duplicates={dups?.items ?? []}
          onCancel={() => setAction(null)}
          onDone={() => {
            setAction(null);
            onChanged();
          }}
        />
      ) : null}
    </Space>
  );
}
