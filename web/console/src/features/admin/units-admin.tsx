// Handling units (承办单位) of the admin's scope: search and filter, create, edit, deactivate /
// reactivate (a deactivated unit gets no new cases; its history stays).
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAsync } from '../../../../shared/use-async.ts';
import { AsyncState } from '../../components/async-state.tsx';
import { useShowError } from '../../components/use-show-error.tsx';
import { FormModal, useFormSave } from '../../components/form-modal.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { unitKindLabel } from '../reports/kpi-columns.ts';
import { adminApi, type UnitFunction, type UnitView } from './admin-api.ts';
import { CursorPager, useCursorPages } from './cursor-pages.tsx';
import { RegionPicker, UnitPicker } from './pickers.tsx';

const UNIT_KINDS = ['department', 'street_office', 'community_committee', 'property_company', 'enterprise'];
const PAGE = 50;

interface UnitForm {
  id?: string;
  name: string;
  function: string;
  kind?: string;
  region_code?: string;
  parent_id?: string | null;
  phone?: string;
}

function UnitModal({
  unit,
  functions,
  onClose,
  onSaved,
}: {
  unit: UnitView | 'new';
  functions: UnitFunction[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<UnitForm>();
  const isNew = unit === 'new';
  const { saving, submit } = useFormSave(
    form,
    async (v: UnitForm) => {
      if (isNew) {
        await adminApi.createUnit({
          ...(v.id ? { id: v.id } : {}),
          name: v.name,
          function: v.function,
          ...(v.kind ? { kind: v.kind } : {}),
          region_code: v.region_code,
          ...(v.parent_id ? { parent_id: v.parent_id } : {}),
          ...(v.phone ? { phone: v.phone } : {}),
        });
      } else {
        await adminApi.updateUnit(unit.id, {
          version: unit.version,
          name: v.name,
          function: v.function,
          ...(v.kind ? { kind: v.kind } : {}),
          parent_id: v.parent_id ?? null,
          phone: v.phone ? v.phone : null,
        });
      }
    },
    onSaved,
  );
  return (
    <FormModal
      title={isNew ? t('admin.units.create') : t('admin.units.edit', { name: unit.name })}
      form={form}
      saving={saving}
      onClose={onClose}
      width={560}
    >
      <Form<UnitForm>
        form={form}
        layout="vertical"
        data-testid="unit-form"
        initialValues={
          isNew
            ? {}
            : {
                name: unit.name,
                function: unit.function,
                kind: unit.kind,
                region_code: unit.region_code,
                parent_id: unit.parent_id,
                phone: unit.phone ?? '',
              }
        }
        onFinish={submit}
      >
        {isNew && (
          <Form.Item name="id" label={t('admin.units.id')} extra={t('admin.units.idHint')}>
            <Input maxLength={64} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('admin.units.name')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="function"
          label={t('admin.units.function')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={functions.map((f) => ({ value: f.code, label: lang === 'en' ? f.en : f.zh }))}
          />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('admin.units.kind')}
          extra={isNew ? t('admin.units.kindHint') : undefined}
        >
          <Select allowClear options={UNIT_KINDS.map((k) => ({ value: k, label: unitKindLabel(k, t) }))} />
        </Form.Item>
        {isNew ? (
          <Form.Item
            name="region_code"
            label={t('admin.units.region')}
            rules={[{ required: true, message: t('admin.common.required') }]}
          >
            <RegionPicker testId="unit-region" />
          </Form.Item>
        ) : (
          <Form.Item label={t('admin.units.region')} extra={t('admin.units.regionFixed')}>
            <Input disabled value={unit.region_name ?? unit.region_code} />
          </Form.Item>
        )}
        <Form.Item name="parent_id" label={t('admin.units.parent')}>
          <UnitPicker />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.units.phone')}>
          <Input maxLength={32} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function UnitsAdmin() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [fn, setFn] = useState<string | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [active, setActive] = useState<'all' | 'true' | 'false'>('all');
  const [editing, setEditing] = useState<UnitView | 'new' | null>(null);
  const functions = useAsync((s) => adminApi.unitFunctions(s), []);
  const pages = useCursorPages(
    (after, s) =>
      adminApi.units(
        {
          q: q || undefined,
          function: fn,
          region,
          active: active === 'all' ? undefined : active === 'true',
          after: after === undefined ? undefined : String(after),
          limit: PAGE,
        },
        s,
      ),
    [q, fn, region, active],
  );
  const setActiveOf = async (u: UnitView, value: boolean) => {
    try {
      await adminApi.updateUnit(u.id, { version: u.version, active: value });
      void message.success(value ? t('admin.units.activated') : t('admin.units.deactivated'));
      pages.reload();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} justify="space-between">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('admin.units.search')}
            style={{ width: 220 }}
            onSearch={(v) => setQ(v.trim())}
            data-testid="unit-search"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('admin.units.function')}
            style={{ width: 180 }}
            value={fn}
            onChange={setFn}
            options={(functions.data?.items ?? []).map((f) => ({
              value: f.code,
              label: lang === 'en' ? f.en : f.zh,
            }))}
          />
          <RegionPicker
            value={region}
            onChange={(v) => setRegion(typeof v === 'string' ? v : undefined)}
            style={{ width: 220 }}
          />
          <Select
            style={{ width: 120 }}
            value={active}
            onChange={setActive}
            options={[
              { value: 'all', label: t('admin.units.all') },
              { value: 'true', label: t('admin.common.active') },
              { value: 'false', label: t('admin.common.inactive') },
            ]}
          />
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="unit-create"
        >
          {t('admin.units.create')}
        </Button>
      </Flex>
      <AsyncState loading={pages.loading && !pages.data} error={pages.error} onRetry={pages.reload}>
        <Table<UnitView>
          size="small"
          rowKey="id"
          data-testid="unit-table"
          loading={pages.loading}
          dataSource={pages.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'name', title: t('admin.units.name'), dataIndex: 'name' },
            {
              key: 'id',
              title: t('admin.units.id'),
              dataIndex: 'id',
              render: (v: string) => <code>{v}</code>,
            },
            {
              key: 'function',
              title: t('admin.units.function'),
              render: (_, u) => (lang === 'en' ? u.function_label.en : u.function_label.zh),
            },
            { key: 'kind', title: t('admin.units.kind'), render: (_, u) => unitKindLabel(u.kind, t) },
            {
              key: 'region',
              title: t('admin.units.region'),
              render: (_, u) => u.region_name ?? u.region_code,
            },
            { key: 'phone', title: t('admin.units.phone'), render: (_, u) => u.phone ?? '—' },
            {
              key: 'active',
              title: t('admin.common.status'),
              render: (_, u) =>
                u.active ? (
                  <Tag color="green">{t('admin.common.active')}</Tag>
                ) : (
                  <Tag>{t('admin.common.inactive')}</Tag>
                ),
            },
            {
              key: 'actions',
              title: t('admin.common.actions'),
              fixed: 'right',
              render: (_, u) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setEditing(u)}>
                    {t('admin.common.edit')}
                  </Button>
                  {u.active ? (
                    <Popconfirm
                      title={t('admin.units.deactivateConfirm', { name: u.name })}
                      okText={t('admin.common.ok')}
                      cancelText={t('admin.common.cancel')}
                      onConfirm={() => void setActiveOf(u, false)}
                    >
                      <Button size="small" type="link" danger>
                        {t('admin.units.deactivate')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" type="link" onClick={() => void setActiveOf(u, true)}>
                      {t('admin.units.activate')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
        <CursorPager pages={pages} />
      </AsyncState>
      {editing && (
        <UnitModal
          unit={editing}
          functions={functions.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            pages.reload();
          }}
        />
      )}
    </>
  );
}
