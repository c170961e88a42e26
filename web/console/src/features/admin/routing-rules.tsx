// Routing rules (派遣规则): which unit a case of each category goes to. A category names a unit
// function per region level (village, township, county, city); dispatch tries the levels in the
// ownership order of its kind — components to the owner first (部件先属主: county, city, township,
// village), events and social matters to the locality first (事件先属地: village, township, county,
// city) — and suggests the first active unit of that function serving the case's region
// (src/domain/cases/dispatch-rules.ts). The dispatcher can always override. Edited here through
// the category's default_units (PATCH /categories/:code).
import { Alert, Button, Flex, Form, Input, Segmented, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { FormModal, useFormSave } from '../../components/form-modal.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { regionLevelLabel } from '../reports/kpi-columns.ts';
import { adminApi, type CategoryView, type UnitFunction } from './admin-api.ts';

const LEVELS = ['village', 'township', 'county', 'city'] as const;
type Level = (typeof LEVELS)[number];

/** The ownership order of dispatch-rules.ts (mirrored here for display). */
export const DISPATCH_ORDER: Record<string, Level[]> = {
  component: ['county', 'city', 'township', 'village'],
  event: ['village', 'township', 'county', 'city'],
  social: ['village', 'township', 'county', 'city'],
};

function RuleModal({
  category,
  functions,
  onClose,
  onSaved,
}: {
  category: CategoryView;
  functions: UnitFunction[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Record<Level, string | undefined>>();
  const { saving, submit } = useFormSave(
    form,
    async (v: Record<Level, string | undefined>) => {
      const defaultUnits: Record<string, string> = {};
      for (const l of LEVELS) if (v[l]) defaultUnits[l] = v[l];
      await adminApi.updateCategory(category.code, {
        version: category.version,
        default_units: defaultUnits,
      });
    },
    onSaved,
  );
  return (
    <FormModal
      title={t('admin.routing.edit', { code: category.code, name: category.name })}
      form={form}
      saving={saving}
      onClose={onClose}
      width={520}
    >
      <Typography.Paragraph type="secondary">
        {t('admin.routing.order', {
          order: (DISPATCH_ORDER[category.kind] ?? []).map((l) => regionLevelLabel(l, t)).join(' → '),
        })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={category.default_units} onFinish={submit}>
        {(DISPATCH_ORDER[category.kind] ?? LEVELS).map((l) => (
          <Form.Item key={l} name={l} label={regionLevelLabel(l, t)}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('admin.routing.none')}
              options={[...functions]
                .sort((a, b) => Number(b.levels.includes(l)) - Number(a.levels.includes(l)))
                .map((f) => ({ value: f.code, label: lang === 'en' ? f.en : f.zh }))}
            />
          </Form.Item>
        ))}
      </Form>
    </FormModal>
  );
}

export function RoutingRules() {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<string>('all');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<CategoryView | null>(null);
  const tree = useAsync((s) => adminApi.categoryTree(s), []);
  const functions = useAsync((s) => adminApi.unitFunctions(s), []);
  const rows = useMemo(() => {
    const needle = q.trim();
    return (tree.data?.tree ?? [])
      .filter((k) => kind === 'all' || k.kind === kind)
      .flatMap((k) => k.majors.flatMap((m) => m.minors))
      .filter(
        (c) => !needle || c.code.includes(needle) || c.name.includes(needle) || c.major_name.includes(needle),
      );
  }, [tree.data, kind, q]);
  const kinds = tree.data?.tree ?? [];
  const label = (c: CategoryView, l: Level) => {
    const x = c.default_unit_labels[l];
    return x ? (lang === 'en' ? x.en : x.zh) : '—';
  };
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('admin.routing.title')}
        description={
          <>
            <div>{t('admin.routing.explain')}</div>
            {kinds.map((k) => (
              <div key={k.kind}>
                {lang === 'en' ? k.label.en : k.label.zh}:{' '}
                {(DISPATCH_ORDER[k.kind] ?? []).map((l) => regionLevelLabel(l, t)).join(' → ')}
              </div>
            ))}
          </>
        }
      />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Segmented
          value={kind}
          onChange={(v) => setKind(String(v))}
          options={[
            { value: 'all', label: t('admin.units.all') },
            ...kinds.map((k) => ({ value: k.kind, label: lang === 'en' ? k.label.en : k.label.zh })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('admin.categories.search')}
          style={{ width: 240 }}
          onChange={(e) => setQ(e.target.value)}
        />
      </Flex>
      <AsyncState
        loading={tree.loading && !tree.data}
        error={tree.error ?? functions.error}
        onRetry={() => {
          tree.reload();
          functions.reload();
        }}
      >
        <Table<CategoryView>
          size="small"
          rowKey="code"
          data-testid="routing-table"
          loading={tree.loading}
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'category',
              title: t('admin.routing.category'),
              render: (_, c) => (
                <span>
                  <code>{c.code}</code> {c.major_name} / {c.name}
                </span>
              ),
            },
            ...LEVELS.map((l) => ({
              key: l,
              title: regionLevelLabel(l, t),
              render: (_: unknown, c: CategoryView) => label(c, l),
            })),
            {
              key: 'first',
              title: t('admin.routing.first'),
              render: (_, c) => {
                const l = (DISPATCH_ORDER[c.kind] ?? []).find((x) => c.default_units[x]);
                return l ? `${regionLevelLabel(l, t)} · ${label(c, l)}` : t('admin.routing.manual');
              },
            },
            {
              key: 'actions',
              title: t('admin.common.actions'),
              fixed: 'right',
              render: (_, c) => (
                <Button size="small" type="link" onClick={() => setEditing(c)}>
                  {t('admin.common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </AsyncState>
      {editing && (
        <RuleModal
          category={editing}
          functions={functions.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            tree.reload();
          }}
        />
      )}
    </>
  );
}
