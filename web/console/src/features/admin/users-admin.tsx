// Users and roles (用户与角色): accounts of the admin's scope with their roles, region scope and
// units, status and lock state; create (roles multi-select, scope picker, units), edit,
// disable / enable, and reset the password (which also unlocks; the user must change it at the
// next login). The password policy is the server's; its message shows on the field.
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { AsyncState } from '../../components/async-state.tsx';
import { useShowError } from '../../components/use-show-error.tsx';
import { FormModal, useFormSave } from '../../components/form-modal.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { roleLabel } from '../../layout/role-label.ts';
import { adminApi, type UserView } from './admin-api.ts';
import { CursorPager, useCursorPages } from './cursor-pages.tsx';
import { RegionPicker, UnitPicker, useNames } from './pickers.tsx';

export const ROLES = [
  'operator',
  'supervisor',
  'dispatcher',
  'inspector',
  'grid_worker',
  'handler',
  'leader',
  'admin',
  'display',
] as const;
const PAGE = 50;

interface UserForm {
  username?: string;
  display_name: string;
  password?: string;
  roles: string[];
  regions: string[];
  units: string[];
  status?: 'active' | 'disabled';
}

function UserModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserView | 'new';
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<UserForm>();
  const isNew = user === 'new';
  const { saving, submit } = useFormSave(
    form,
    async (v: UserForm) => {
      if (isNew) {
        await adminApi.createUser({
          username: v.username,
          display_name: v.display_name,
          password: v.password,
          roles: v.roles,
          regions: v.regions ?? [],
          units: v.units ?? [],
        });
      } else {
        await adminApi.updateUser(user.id, {
          version: user.version,
          display_name: v.display_name,
          roles: v.roles,
          regions: v.regions ?? [],
          units: v.units ?? [],
          status: v.status,
        });
      }
    },
    onSaved,
  );
  return (
    <FormModal
      title={isNew ? t('admin.users.create') : t('admin.users.edit', { name: user.username })}
      form={form}
      saving={saving}
      onClose={onClose}
      width={600}
    >
      <Form<UserForm>
        form={form}
        layout="vertical"
        data-testid="user-form"
        initialValues={
          isNew
            ? { roles: [], regions: [], units: [] }
            : {
                display_name: user.display_name,
                roles: user.roles,
                regions: user.regions,
                units: user.units,
                status: user.status === 'disabled' ? 'disabled' : 'active',
              }
        }
        onFinish={submit}
      >
        {isNew && (
          <Form.Item
            name="username"
            label={t('admin.users.username')}
            extra={t('admin.users.usernameHint')}
            rules={[{ required: true, message: t('admin.common.required') }]}
          >
            <Input maxLength={32} autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item
          name="display_name"
          label={t('admin.users.displayName')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input maxLength={50} data-testid="user-display-name" />
        </Form.Item>
        {isNew && (
          <Form.Item
            name="password"
            label={t('admin.users.password')}
            extra={t('admin.users.passwordHint')}
            rules={[{ required: true, message: t('admin.common.required') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label={t('admin.users.roles')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Select
            mode="multiple"
            data-testid="user-roles"
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r, t) }))}
          />
        </Form.Item>
        <Form.Item name="regions" label={t('admin.users.regions')} extra={t('admin.users.regionsHint')}>
          <RegionPicker multiple testId="user-regions" />
        </Form.Item>
        <Form.Item name="units" label={t('admin.users.units')} extra={t('admin.users.unitsHint')}>
          <UnitPicker multiple testId="user-units" />
        </Form.Item>
        {!isNew && (
          <Form.Item name="status" label={t('admin.common.status')}>
            <Select
              options={[
                { value: 'active', label: t('admin.users.status.active') },
                { value: 'disabled', label: t('admin.users.status.disabled') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}

function PasswordModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const { saving, submit } = useFormSave(
    form,
    async (v: { password: string }) => {
      await adminApi.resetPassword(user.id, v.password);
      return t('admin.users.passwordReset', { name: user.username });
    },
    onClose,
  );
  return (
    <FormModal
      title={t('admin.users.resetPasswordOf', { name: user.username })}
      form={form}
      saving={saving}
      onClose={onClose}
      width={520}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label={t('admin.users.newPassword')}
          extra={t('admin.users.passwordHint')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.users.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('admin.common.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('admin.users.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function UsersAdmin() {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const pages = useCursorPages(
    (after, s) =>
      adminApi.users(
        { q: q || undefined, role, after: after === undefined ? undefined : String(after), limit: PAGE },
        s,
      ),
    [q, role],
  );
  const items = pages.data?.items ?? [];
  const regionNames = useNames(
    items.flatMap((u) => u.regions),
    'region',
  );
  const unitNames = useNames(
    items.flatMap((u) => u.units),
    'unit',
  );
  const setStatus = async (u: UserView, status: 'active' | 'disabled') => {
    try {
      await adminApi.updateUser(u.id, { version: u.version, status });
      void message.success(status === 'active' ? t('admin.users.enabled') : t('admin.users.disabled'));
      pages.reload();
    } catch (e) {
      showError(e);
    }
  };
  const now = dayjs();
  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} justify="space-between">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('admin.users.search')}
            style={{ width: 220 }}
            onSearch={(v) => setQ(v.trim())}
            data-testid="user-search"
          />
          <Select
            allowClear
            placeholder={t('admin.users.roles')}
            style={{ width: 180 }}
            value={role}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r, t) }))}
          />
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="user-create"
        >
          {t('admin.users.create')}
        </Button>
      </Flex>
      <AsyncState loading={pages.loading && !pages.data} error={pages.error} onRetry={pages.reload}>
        <Table<UserView>
          size="small"
          rowKey="id"
          data-testid="user-table"
          loading={pages.loading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'username',
              title: t('admin.users.username'),
              render: (_, u) => <code>{u.username}</code>,
            },
            { key: 'name', title: t('admin.users.displayName'), dataIndex: 'display_name' },
            {
              key: 'roles',
              title: t('admin.users.roles'),
              render: (_, u) => (
                <Space size={[0, 4]} wrap>
                  {u.roles.map((r) => (
                    <Tag key={r} color={r === 'admin' ? 'volcano' : 'blue'} bordered={false}>
                      {roleLabel(r, t)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              key: 'regions',
              title: t('admin.users.regions'),
              render: (_, u) => u.regions.map((c) => regionNames[c] ?? c).join('、') || '—',
            },
            {
              key: 'units',
              title: t('admin.users.units'),
              render: (_, u) => (
                <div style={{ maxWidth: 220 }}>{u.units.map((c) => unitNames[c] ?? c).join('、') || '—'}</div>
              ),
            },
            {
              key: 'status',
              title: t('admin.common.status'),
              render: (_, u) => (
                <Space size={[0, 4]} wrap>
                  {u.status === 'active' ? (
                    <Tag color="green">{t('admin.users.status.active')}</Tag>
                  ) : (
                    <Tag>{t('admin.users.status.disabled')}</Tag>
                  )}
                  {u.locked_until && dayjs(u.locked_until).isAfter(now) && (
                    <Tooltip title={t('admin.users.lockedHint')}>
                      <Tag color="red" icon={<LockOutlined />} data-testid={`user-locked-${u.username}`}>
                        {t('admin.users.lockedUntil', { time: fmt.dateTime(u.locked_until) })}
                      </Tag>
                    </Tooltip>
                  )}
                  {u.must_change_password && <Tag color="orange">{t('admin.users.mustChange')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'last',
              title: t('admin.users.lastLogin'),
              render: (_, u) => fmt.dateTime(u.last_login_at),
            },
            {
              key: 'actions',
              title: t('admin.common.actions'),
              fixed: 'right',
              render: (_, u) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setEditing(u)}>
                    {t('admin.common.edit')}
                  </Button>
                  <Button size="small" type="link" onClick={() => setResetting(u)}>
                    {t('admin.users.resetPassword')}
                  </Button>
                  {u.status === 'active' ? (
                    <Popconfirm
                      title={t('admin.users.disableConfirm', { name: u.username })}
                      okText={t('admin.common.ok')}
                      cancelText={t('admin.common.cancel')}
                      onConfirm={() => void setStatus(u, 'disabled')}
                    >
                      <Button size="small" type="link" danger>
                        {t('admin.users.disable')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" type="link" onClick={() => void setStatus(u, 'active')}>
                      {t('admin.users.enable')}
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
        <UserModal
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            pages.reload();
          }}
        />
      )}
      {resetting && (
        <PasswordModal
          user={resetting}
          onClose={() => {
            setResetting(null);
            pages.reload();
          }}
        />
      )}
    </>
  );
}
