// 走访: households each grid worker visited in a week (Monday to Sunday, Asia/Shanghai) against the
// weekly target (WANGGE_VISIT_TARGET), for the user's scope or one area of it (GET /visits/summary).
// Only workers with at least one visit that week are listed.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { RegionPicker } from '../admin/pickers.tsx';
import { communityApi, type VisitSummary } from './community-api.ts';
import { shanghaiNow } from './community-labels.ts';

type Worker = VisitSummary['workers'][number];

/** The week (Monday to Sunday, as the server counts it) of a day: 2026-11-23 ~ 11-29. */
function weekText(d: Dayjs): string {
  const monday = d.subtract((d.day() + 6) % 7, 'day');
  return `${monday.format('YYYY-MM-DD')} ~ ${monday.add(6, 'day').format('MM-DD')}`;
}

export function VisitsTab() {
  const { t, fmt } = useI18n();
  const [week, setWeek] = useState<Dayjs>(() => shanghaiNow().startOf('day'));
  const [region, setRegion] = useState<string | undefined>();
  const weekDay = week.format('YYYY-MM-DD');
  const { data, loading, error, reload } = useAsync(
    (s) => communityApi.visits({ week: weekDay, region }, s),
    [weekDay, region],
  );
  const target = data?.target ?? 0;
  const met = data?.workers.filter((w) => w.met).length ?? 0;
  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Space.Compact>
          <Button
            icon={<LeftOutlined />}
            aria-label={t('community.visits.prevWeek')}
            onClick={() => setWeek((w) => w.subtract(7, 'day'))}
          />
          <DatePicker
            picker="week"
            allowClear={false}
            format={weekText}
            style={{ width: 190 }}
            value={week}
            onChange={(d) => d && setWeek(dayjs(d.format('YYYY-MM-DD')))}
            data-testid="visits-week"
          />
          <Button
            icon={<RightOutlined />}
            aria-label={t('community.visits.nextWeek')}
            onClick={() => setWeek((w) => w.add(7, 'day'))}
          />
        </Space.Compact>
        <RegionPicker
          value={region}
          onChange={(v) => setRegion(typeof v === 'string' ? v : undefined)}
          placeholder={t('community.visits.allScope')}
          style={{ width: 260 }}
        />
      </Flex>
      {data && (
        <Typography.Paragraph type="secondary" data-testid="visits-caption">
          {t('community.visits.caption', {
            from: fmt.date(data.week.from),
            to: fmt.date(dayjs(data.week.to).subtract(1, 'day').toISOString()),
            target,
            met,
            workers: data.workers.length,
          })}
        </Typography.Paragraph>
      )}
      <AsyncState loading={loading && !data} error={error} onRetry={reload}>
        <Table<Worker>
          size="small"
          rowKey="user_id"
          data-testid="visits-table"
          loading={loading}
          dataSource={data?.workers ?? []}
          pagination={(data?.workers.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: t('community.visits.empty') }}
          columns={[
            { key: 'name', title: t('community.visits.worker'), dataIndex: 'display_name' },
            {
              key: 'households',
              title: t('community.visits.households'),
              render: (_, w) => (
                <Flex align="center" gap={8} style={{ minWidth: 240 }}>
                  <Progress
                    style={{ flex: 1, margin: 0 }}
                    percent={target ? Math.min(100, Math.round((w.households / target) * 100)) : 0}
                    showInfo={false}
                    status={w.met ? 'success' : 'active'}
                    size="small"
                  />
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {fmt.number(w.households)} / {fmt.number(target)}
                  </span>
                </Flex>
              ),
              sorter: (a, b) => a.households - b.households,
            },
            {
              key: 'places',
              title: t('community.visits.places'),
              align: 'right',
              render: (_, w) => fmt.number(w.places),
              sorter: (a, b) => a.places - b.places,
            },
            {
              key: 'met',
              title: t('community.visits.met'),
              render: (_, w) =>
                w.met ? (
                  <Tag color="green">{t('community.visits.metYes')}</Tag>
                ) : (
                  <Tag color="orange">{t('community.visits.metNo', { n: target - w.households })}</Tag>
                ),
            },
          ]}
        />
      </AsyncState>
    </>
  );
}
