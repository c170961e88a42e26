// The workbench table: virtualized (only the visible rows are in the DOM), so it stays smooth
// with 10,000 rows; scrolling near the end asks for the next page. Each row: number, title,
// category, state, village and grid, reporting time, deadline colour and working time left.
import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { CaseView } from '../cases-api.ts';
import { stateColour, stateLabel } from '../labels.ts';
import { useCategoryName, useVillageNames, useWorkingDayMs } from '../reference.ts';
import { DeadlineTag } from './deadline-tag.tsx';

const ROW_HEIGHT = 47;

export function CaseTable(props: {
  items: CaseView[];
  loading: boolean;
  height: number;
  onNearEnd: () => void;
}) {
  const { t, fmt } = useI18n();
  const navigate = useNavigate();
  const dayMs = useWorkingDayMs();
  const categoryName = useCategoryName();
  const villageName = useVillageNames(props.items.map((c) => c.region_code));

  const columns = useMemo<ColumnsType<CaseView>>(
    () => [
      {
        key: 'code',
        title: t('case.col.code'),
        width: 180,
        render: (_, c) => (
          <Link to={`/cases/${c.id}`} data-testid="case-link" onClick={(e) => e.stopPropagation()}>
            {c.code}
          </Link>
        ),
      },
      {
        key: 'title',
        title: t('case.col.title'),
        width: 210,
        ellipsis: true,
        render: (_, c) => (
          <Tooltip title={c.description} placement="topLeft">
            <span>
              {c.urgency === 'urgent' ? (
                <Tag color="red" bordered={false}>
                  {t('case.col.urgent')}
                </Tag>
              ) : null}
              {c.title}
            </span>
          </Tooltip>
        ),
      },
      {
        key: 'category',
        title: t('case.col.category'),
        width: 150,
        ellipsis: true,
        render: (_, c) => categoryName(c.category_code),
      },
      {
        key: 'state',
        title: t('case.col.state'),
        width: 120,
        render: (_, c) => (
          <Tag color={stateColour(c.state)} data-testid="case-state">
            {stateLabel(c.state, t)}
          </Tag>
        ),
      },
      {
        key: 'place',
        title: t('case.col.place'),
        width: 180,
        ellipsis: true,
        render: (_, c) => (
          <Tooltip title={c.grid_code} placement="topLeft">
            <span>
              {villageName(c.region_code) ?? c.region_code}
              <Typography.Text type="secondary">
                {' · '}
                {t('case.col.grid', { n: c.grid_code.slice(12) })}
              </Typography.Text>
            </span>
          </Tooltip>
        ),
      },
      {
        key: 'reported',
        title: t('case.col.reportedAt'),
        width: 140,
        render: (_, c) => fmt.dateTime(c.reported_at),
      },
      {
        key: 'deadline',
        title: t('case.col.deadline'),
        width: 190,
        fixed: 'right',
        render: (_, c) => (
          <DeadlineTag
            colour={c.colour}
            msLeft={c.working_ms_left}
            deadlineAt={c.deadline_at}
            dayMs={dayMs}
            testId="case-deadline"
          />
        ),
      },
    ],
    [t, fmt, categoryName, villageName, dayMs],
  );
  const width = columns.reduce((s, c) => s + Number(c.width ?? 0), 0);

  return (
    <Table<CaseView>
      data-testid="case-table"
      virtual
      size="middle"
      rowKey="id"
      columns={columns}
      dataSource={props.items}
      loading={props.loading}
      pagination={false}
      locale={{ emptyText: props.loading ? ' ' : t('workbench.noCases') }}
      scroll={{ x: width, y: props.height }}
      onRow={(c) => ({
        onClick: () => void navigate(`/cases/${c.id}`),
        style: { cursor: 'pointer' },
        'data-code': c.code,
      })}
      onScroll={(e) => {
        const el = e.currentTarget;
        if (el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 15) props.onNearEnd();
      }}
    />
  );
}
