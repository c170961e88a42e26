// 考核评价: the KPI tables by child region (click a row to drill down, the breadcrumb goes back
// up), by unit and by person, for a month or a custom range, optionally one category; every rate
// column explains its formula (from /kpi/definitions) and every table exports to Excel. The
// state lives in the URL (?by=&region=&month= | from=&to=&category=), so a table can be shared.
import { QuestionCircleOutlined } from '@ant-design/icons';
import {
  Breadcrumb,
  Button,
  Card,
  DatePicker,
  Flex,
  Segmented,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../auth/auth-context.tsx';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useScopeNames } from '../../layout/use-scope-names.ts';
import { ExportButton, type ExportColumn } from '../../lib/xlsx/export-button.tsx';
import { adminApi } from '../admin/admin-api.ts';
import { inRegion } from '../admin/region-code.ts';
import { kpiApi, type Breakdown, type KpiBreakdownRow } from './kpi-api.ts';
import {
  KPI_COLUMNS,
  cellKind,
  cellText,
  cellValue,
  counterLabel,
  rateText,
  rowKindLabel,
} from './kpi-columns.ts';
import { monthPeriod, periodParams, rangePeriod, readPeriod, toDay, type Period } from './period.ts';

const BREAKDOWNS: Breakdown[] = ['region', 'unit', 'person'];
const TOTAL_KEY = '__total__';

function isBreakdown(v: string | null): v is Breakdown {
  return v === 'region' || v === 'unit' || v === 'person';
}

/** The categories (minor classes) grouped by major, for the filter. */
function useCategoryOptions() {
  const { lang } = useI18n();
  const { data } = useAsync((s) => adminApi.categoryTree(s), []);
  return useMemo(
    () =>
      (data?.tree ?? []).flatMap((k) =>
        k.majors.map((m) => ({
          label: `${lang === 'en' ? k.label.en : k.label.zh} · ${m.code} ${m.name}`,
          options: m.minors.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` })),
        })),
      ),
    [data, lang],
  );
}

export function ReportsView() {
  const { t, lang, fmt } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const by: Breakdown = isBreakdown(params.get('by')) ? (params.get('by') as Breakdown) : 'region';
  const region = params.get('region') ?? undefined;
  const category = params.get('category') ?? undefined;
  const period = readPeriod(params);
  const scope = useScopeNames(me);
  const categoryOptions = useCategoryOptions();

  const update = (patch: {
    by?: Breakdown;
    region?: string | null;
    period?: Period;
    category?: string | null;
  }) => {
    const next: Record<string, string> = {};
    const b = patch.by ?? by;
    if (b !== 'region') next.by = b;
    const r = patch.region === undefined ? region : patch.region;
    if (r) next.region = r;
    Object.assign(next, periodParams(patch.period ?? period));
    const c = patch.category === undefined ? category : patch.category;
    if (c) next.category = c;
    setParams(next);
  };

  const defs = useAsync((s) => kpiApi.definitions(s), []);
  const table = useAsync(
    (s) => kpiApi.breakdown({ by, region, from: period.from, to: period.to, category }, s),
    [by, region, period.from, period.to, category],
  );
  const trail = useAsync(async (s) => (region ? adminApi.region(region, s) : null), [region]);

  // Breadcrumb: the user's scope, then each region below it down to the one shown.
  const rootLabel = scope.regions.map((r) => r.name).join('、') || t('reports.allScope');
  const trailItems = useMemo(() => {
    const d = trail.data;
    if (!d || !region) return [];
    const scopeCodes = me.scope.length ? me.scope : me.user.regions;
    return [...d.path, d.region].filter((e) => scopeCodes.some((s) => e.code !== s && inRegion(e.code, s)));
  }, [trail.data, region, me]);
  const here = trailItems.at(-1)?.name ?? rootLabel;

  const columns = KPI_COLUMNS[by];
  const rateDefs = defs.data?.items;
  const tableColumns: TableColumnsType<KpiBreakdownRow> = [
    {
      key: 'name',
      title: t(`reports.col.name.${by}`),
      fixed: 'left',
      width: 180,
      render: (_, row) =>
        by === 'region' && row.drillable ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            data-testid={`drill-${row.key}`}
            onClick={() => update({ region: row.key })}
          >
            {row.name}
          </Button>
        ) : (
          row.name
        ),
      sorter: (a, b) => a.name.localeCompare(b.name, lang),
    },
    {
      key: 'kind',
      title: t(`reports.col.kind.${by}`),
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{rowKindLabel(by, row.kind, t)}</span>,
    },
    ...columns.map((c) => {
      const rt = c.type === 'rate' ? rateText(c.key, rateDefs, lang) : null;
      return {
        key: c.key,
        align: 'right' as const,
        // Rates wrap their (long, in English) names over two lines rather than widen the table.
        width: rt ? 116 : undefined,
        title: rt ? (
          <Tooltip title={`${rt.name} = ${rt.formula}`}>
            <span data-testid={`rate-head-${c.key}`}>
              {rt.name} <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />
            </span>
          </Tooltip>
        ) : (
          <span style={{ whiteSpace: 'nowrap' }}>{counterLabel(c.key, t)}</span>
        ),
        render: (_: unknown, row: KpiBreakdownRow) => cellText(row, c, fmt),
        sorter: (a: KpiBreakdownRow, b: KpiBreakdownRow) =>
          c.type === 'counter'
            ? (a.counters[c.key] ?? 0) - (b.counters[c.key] ?? 0)
            : (a.rates[c.key] ?? -1) - (b.rates[c.key] ?? -1),
      };
    }),
  ];

  const data = table.data;
  const totalRow: KpiBreakdownRow | undefined = data && {
    key: TOTAL_KEY,
    name: t('reports.total'),
    kind: '',
    drillable: false,
    counters: data.total.counters,
    rates: data.total.rates,
  };
  const exportColumns: ExportColumn<KpiBreakdownRow>[] = [
    { title: t(`reports.col.name.${by}`), value: (r) => r.name },
    { title: t(`reports.col.kind.${by}`), value: (r) => rowKindLabel(by, r.kind, t) },
    ...columns.map((c) => ({
      title: c.type === 'rate' ? rateText(c.key, rateDefs, lang).name : counterLabel(c.key, t),
      kind: cellKind(c),
      value: (r: KpiBreakdownRow) => cellValue(r, c),
    })),
  ];
  const periodText = `${period.from}_${period.last}`;
  const fileName = `${t('reports.fileName')}-${t(`reports.by.${by}`)}-${here}-${periodText}`;

  return (
    <Card
      title={t('reports.title')}
      extra={
        <ExportButton
          fileName={fileName}
          sheetName={`${t(`reports.by.${by}`)} ${periodText}`}
          columns={exportColumns}
          rows={data?.rows ?? []}
          footerRows={totalRow ? [totalRow] : []}
          disabled={!data || table.loading}
        />
      }
    >
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Segmented<Breakdown>
          data-testid="reports-by"
          value={by}
          onChange={(v) => update({ by: v })}
          options={BREAKDOWNS.map((b) => ({ value: b, label: t(`reports.by.${b}`) }))}
        />
        <Space.Compact>
          <Select
            value={period.mode}
            style={{ width: 110 }}
            data-testid="reports-period-mode"
            onChange={(m) =>
              update({
                period:
                  m === 'month'
                    ? monthPeriod(period.from.slice(0, 7))
                    : rangePeriod(period.from, period.last),
              })
            }
            options={[
              { value: 'month', label: t('reports.period.month') },
              { value: 'range', label: t('reports.period.range') },
            ]}
          />
          {period.mode === 'month' ? (
            <DatePicker
              picker="month"
              allowClear={false}
              data-testid="reports-month"
              format={lang === 'en' ? 'MMM YYYY' : 'YYYY年M月'}
              value={dayjs(period.from)}
              onChange={(d) => d && update({ period: monthPeriod(d.format('YYYY-MM')) })}
            />
          ) : (
            <DatePicker.RangePicker
              allowClear={false}
              data-testid="reports-range"
              value={[dayjs(period.from), dayjs(period.last)]}
              onChange={(r) => r?.[0] && r[1] && update({ period: rangePeriod(toDay(r[0]), toDay(r[1])) })}
            />
          )}
        </Space.Compact>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 240 }}
          placeholder={t('reports.allCategories')}
          value={category}
          onChange={(v?: string) => update({ category: v ?? null })}
          options={categoryOptions}
          data-testid="reports-category"
        />
      </Flex>
      <Breadcrumb
        data-testid="reports-breadcrumb"
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'root',
            title: region ? <a onClick={() => update({ region: null })}>{rootLabel}</a> : rootLabel,
          },
          ...trailItems.map((e, i) => ({
            key: e.code,
            title:
              i === trailItems.length - 1 ? (
                e.name
              ) : (
                <a onClick={() => update({ region: e.code })}>{e.name}</a>
              ),
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="reports-caption">
        {t('reports.caption', {
          region: here,
          from: fmt.date(`${period.from}T00:00:00+08:00`),
          to: fmt.date(`${period.last}T00:00:00+08:00`),
          by: t(`reports.by.${by}`),
        })}
        {by === 'region' && <span style={{ marginLeft: 16 }}>{t('reports.drillHint')}</span>}
      </Typography.Paragraph>
      <AsyncState
        loading={table.loading && !data}
        error={table.error ?? defs.error}
        onRetry={() => {
          table.reload();
          defs.reload();
        }}
      >
        <Table<KpiBreakdownRow>
          data-testid="reports-table"
          rowKey="key"
          size="small"
          bordered
          loading={table.loading}
          columns={tableColumns}
          dataSource={data?.rows ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reports.empty') }}
          summary={() =>
            totalRow && data?.rows.length ? (
              <Table.Summary fixed="bottom">
                <Table.Summary.Row data-testid="reports-total">
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{totalRow.name}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} />
                  {columns.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i + 2} align="right">
                      <Typography.Text strong>{cellText(totalRow, c, fmt)}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </AsyncState>
    </Card>
  );
}
