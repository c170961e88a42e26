// The case taxonomy (案件类别): kind → major → minor, each minor with its time limits (normal and
// urgent, in working minutes/hours/days: "30m", "4h", "5d") and closing standard; edit a minor
// class — the server checks every field and its messages appear under the fields.
import { Button, Flex, Form, Input, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { FormModal, useFormSave } from '../../components/form-modal.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { adminApi, type CategoryTreeKind, type CategoryView } from './admin-api.ts';

export interface CategoryRow {
  key: string;
  code: string;
  name: string;
  category?: CategoryView;
  children?: CategoryRow[];
}

/** The taxonomy as table rows (kind → major → minor), keeping the minors that match `q`. */
export function categoryRows(tree: CategoryTreeKind[], lang: string, q: string): CategoryRow[] {
  const needle = q.trim().toLowerCase();
  const hit = (c: CategoryView) =>
    !needle ||
    c.code.includes(needle) ||
    c.name.toLowerCase().includes(needle) ||
    c.major_name.includes(needle);
  return tree
    .map((k) => ({
      key: `kind-${k.kind}`,
      code: '',
      name: lang === 'en' ? k.label.en : k.label.zh,
      children: k.majors
        .map((m) => ({
          key: `major-${k.kind}-${m.code}`,
          code: m.code,
          name: m.name,
          children: m.minors
            .filter(hit)
            .map((c) => ({ key: c.code, code: c.code, name: c.name, category: c })),
        }))
        .filter((m) => m.children.length > 0),
    }))
    .filter((k) => k.children.length > 0);
}

function allKeys(rows: CategoryRow[]): string[] {
  return rows.flatMap((r) => [r.key, ...allKeys(r.children ?? [])]);
}

interface CategoryForm {
  name: string;
  limit_normal: string;
  limit_urgent: string;
  closing_standard: string;
  active: boolean;
}

function CategoryModal({
  category,
  onClose,
  onSaved,
}: {
  category: CategoryView;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CategoryForm>();
  const { saving, submit } = useFormSave(
    form,
    async (v: CategoryForm) => {
      await adminApi.updateCategory(category.code, {
        version: category.version,
        name: v.name,
        limit_normal: v.limit_normal.trim(),
        limit_urgent: v.limit_urgent.trim(),
        closing_standard: v.closing_standard,
        active: v.active,
      });
    },
    onSaved,
  );
  return (
    <FormModal
      title={t('admin.categories.edit', { code: category.code, name: category.name })}
      form={form}
      saving={saving}
      onClose={onClose}
      width={600}
      okTestId="category-save"
    >
      <Form<CategoryForm>
        form={form}
        layout="vertical"
        data-testid="category-form"
        initialValues={{
          name: category.name,
          limit_normal: category.limit_normal,
          limit_urgent: category.limit_urgent,
          closing_standard: category.closing_standard,
          active: category.active,
        }}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('admin.categories.name')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="limit_normal"
            label={t('admin.categories.limitNormal')}
            style={{ flex: 1 }}
            tooltip={t('admin.categories.limitHint')}
            rules={[{ required: true, message: t('admin.common.required') }]}
          >
            <Input maxLength={10} data-testid="category-limit-normal" />
          </Form.Item>
          <Form.Item
            name="limit_urgent"
            label={t('admin.categories.limitUrgent')}
            style={{ flex: 1 }}
            tooltip={t('admin.categories.limitHint')}
            rules={[{ required: true, message: t('admin.common.required') }]}
          >
            <Input maxLength={10} data-testid="category-limit-urgent" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="closing_standard"
          label={t('admin.categories.closing')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="active" label={t('admin.common.status')} valuePropName="checked">
          <Switch checkedChildren={t('admin.common.active')} unCheckedChildren={t('admin.common.inactive')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function CategoriesAdmin() {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<CategoryView | null>(null);
  const { data, loading, error, reload } = useAsync((s) => adminApi.categoryTree(s), []);
  const rows = useMemo(() => categoryRows(data?.tree ?? [], lang, q), [data, lang, q]);
  const limitText = (c: CategoryView, which: 'normal' | 'urgent') => (
    <Tooltip title={which === 'normal' ? c.limit_normal : c.limit_urgent}>
      {lang === 'en' ? c.limits[which].en : c.limits[which].zh}
    </Tooltip>
  );
  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} align="center" justify="space-between">
        <Input.Search
          allowClear
          placeholder={t('admin.categories.search')}
          style={{ width: 260 }}
          onChange={(e) => setQ(e.target.value)}
          data-testid="category-search"
        />
        <Typography.Text type="secondary">
          {t('admin.categories.count', { n: data?.count ?? 0 })}
        </Typography.Text>
      </Flex>
      <AsyncState
        loading={loading && !data}
        error={error}
        onRetry={reload}
        empty={!!data && rows.length === 0}
      >
        <Table<CategoryRow>
          size="small"
          data-testid="category-table"
          rowKey="key"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          // Kinds open, majors closed; while filtering, everything open.
          expandable={{ defaultExpandedRowKeys: q ? allKeys(rows) : rows.map((r) => r.key) }}
          key={q ? `filtered-${q}` : 'all'}
          columns={[
            {
              key: 'name',
              title: t('admin.categories.name'),
              width: 260,
              render: (_, r) =>
                r.category ? (
                  <span>
                    <code>{r.code}</code> {r.name}
                  </span>
                ) : (
                  <Typography.Text strong>
                    {r.code ? `${r.code} ` : ''}
                    {r.name}
                  </Typography.Text>
                ),
            },
            {
              key: 'normal',
              title: t('admin.categories.limitNormal'),
              render: (_, r) => (r.category ? limitText(r.category, 'normal') : null),
            },
            {
              key: 'urgent',
              title: t('admin.categories.limitUrgent'),
              render: (_, r) => (r.category ? limitText(r.category, 'urgent') : null),
            },
            {
              key: 'closing',
              title: t('admin.categories.closing'),
              render: (_, r) =>
                r.category ? (
                  <Typography.Text
                    ellipsis={{ tooltip: r.category.closing_standard }}
                    style={{ maxWidth: 320 }}
                  >
                    {r.category.closing_standard}
                  </Typography.Text>
                ) : null,
            },
            {
              key: 'active',
              title: t('admin.common.status'),
              render: (_, r) =>
                r.category ? (
                  r.category.active ? (
                    <Tag color="green">{t('admin.common.active')}</Tag>
                  ) : (
                    <Tag>{t('admin.common.inactive')}</Tag>
                  )
                ) : null,
            },
            {
              key: 'actions',
              title: t('admin.common.actions'),
              fixed: 'right',
              render: (_, r) =>
                r.category ? (
                  <Button
                    size="small"
                    type="link"
                    data-testid={`category-edit-${r.code}`}
                    onClick={() => setEditing(r.category ?? null)}
                  >
                    {t('admin.common.edit')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </AsyncState>
      {editing && (
        <CategoryModal
          category={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </>
  );
}
