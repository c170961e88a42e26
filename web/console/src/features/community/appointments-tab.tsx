// 预约: the services of the user's scope (a township or community service centre offers each), a
// new service, slots opened over a range of days (working days; holidays only when asked — 节假日
// 办事预约), and, for the days shown, the slots with places booked and left and the bookings (name
// and phone masked by the server) with a button to confirm each.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { useShowError } from '../../components/use-show-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useNames } from '../admin/pickers.tsx';
import { AreaSearch } from './area-search.tsx';
import { communityApi, type BookingView, type ServiceView, type SlotView } from './community-api.ts';
import { shanghaiDayStart, shanghaiNow } from './community-labels.ts';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

function ServiceForm({ onClose, onCreated }: { onClose: () => void; onCreated: (s: ServiceView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ region_code?: string; name: string; place: string }>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('admin.common.required') }];
  return (
    <Modal
      open
      title={t('community.service.create')}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'service-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="service-form"
        onFinish={(v) => {
          if (!v.region_code) return;
          setSaving(true);
          communityApi
            .createService({ region_code: v.region_code, name: v.name, place: v.place })
            .then(
              (r) => {
                void message.success(t('admin.common.saved'));
                onCreated(r.service);
              },
              (e: unknown) => showError(e, form),
            )
            .finally(() => setSaving(false));
        }}
      >
        <Form.Item
          name="region_code"
          label={t('community.service.area')}
          extra={t('community.service.areaHint')}
          rules={required}
        >
          <AreaSearch levels={['township', 'village']} testId="service-region" />
        </Form.Item>
        <Form.Item name="name" label={t('community.service.name')} rules={required}>
          <Input maxLength={60} data-testid="service-name" />
        </Form.Item>
        <Form.Item name="place" label={t('community.service.place')} rules={required}>
          <Input maxLength={100} data-testid="service-place" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SlotsForm {
  dates?: [Dayjs, Dayjs];
  times: string[];
  capacity: number;
  include_holidays: boolean;
}

function OpenSlots({ service, onOpened }: { service: ServiceView; onOpened: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<SlotsForm>();
  const [saving, setSaving] = useState(false);
  const today = shanghaiNow().startOf('day');
  const submit = async (v: SlotsForm) => {
    if (!v.dates) return;
    setSaving(true);
    try {
      const r = await communityApi.openSlots(service.id, {
        from: day(v.dates[0]),
        to: day(v.dates[1]),
        times: v.times,
        capacity: v.capacity,
        include_holidays: v.include_holidays,
      });
      void message.success(t('community.slots.opened', { created: r.created, holidays: r.holiday_slots }));
      onOpened();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={t('community.slots.open')} style={{ marginBottom: 16 }}>
      <Form<SlotsForm>
        form={form}
        layout="inline"
        data-testid="slots-form"
        initialValues={{
          dates: [today.add(1, 'day'), today.add(7, 'day')],
          times: ['09:00-10:00', '10:00-11:00', '15:00-16:00'],
          capacity: 5,
          include_holidays: false,
        }}
        onFinish={(v) => void submit(v)}
        style={{ rowGap: 12 }}
      >
        <Form.Item
          name="dates"
          label={t('community.slots.dates')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <DatePicker.RangePicker data-testid="slots-dates" />
        </Form.Item>
        <Form.Item
          name="times"
          label={t('community.slots.times')}
          tooltip={t('community.slots.timesHint')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Select
            mode="tags"
            style={{ minWidth: 280 }}
            tokenSeparators={[',', '，', ' ']}
            data-testid="slots-times"
          />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t('community.slots.capacity')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <InputNumber min={1} max={500} style={{ width: 90 }} data-testid="slots-capacity" />
        </Form.Item>
        <Form.Item name="include_holidays" label={t('community.slots.holidays')} valuePropName="checked">
          <Switch data-testid="slots-holidays" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="slots-submit">
            {t('community.slots.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function ServiceDays({ service }: { service: ServiceView }) {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const today = shanghaiNow().startOf('day');
  const [range, setRange] = useState<[string, string]>([day(today), day(today.add(13, 'day'))]);
  // The days shown, both inclusive, as the API's [from, to) in Asia/Shanghai.
  const q = { from: shanghaiDayStart(range[0]), to: shanghaiDayStart(day(dayjs(range[1]).add(1, 'day'))) };
  const slots = useAsync((s) => communityApi.slots(service.id, q, s), [service.id, q.from, q.to]);
  const bookings = useAsync((s) => communityApi.bookings(service.id, q, s), [service.id, q.from, q.to]);
  const confirm = async (b: BookingView) => {
    try {
      await communityApi.confirmBooking(b.id);
      void message.success(t('community.bookings.confirmed'));
      bookings.reload();
    } catch (e) {
      showError(e);
    }
  };
  const timeOf = (s: { starts_at: string; ends_at: string }) =>
    `${fmt.dateTime(s.starts_at)} – ${fmt.dateTime(s.ends_at).slice(-5)}`;
  return (
    <>
      <OpenSlots service={service} onOpened={slots.reload} />
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('community.slots.showing')}</Typography.Text>
        <DatePicker.RangePicker
          allowClear={false}
          data-testid="appointments-range"
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(r) => r?.[0] && r[1] && setRange([day(r[0]), day(r[1])])}
        />
        <Button
          icon={<ReloadOutlined />}
          data-testid="appointments-refresh"
          onClick={() => {
            slots.reload();
            bookings.reload();
          }}
        >
          {t('community.refresh')}
        </Button>
      </Flex>
      <Typography.Title level={5}>{t('community.slots.title')}</Typography.Title>
      <AsyncState loading={slots.loading && !slots.data} error={slots.error} onRetry={slots.reload}>
        <Table<SlotView>
          size="small"
          rowKey="id"
          data-testid="slot-table"
          loading={slots.loading}
          dataSource={slots.data?.items ?? []}
          pagination={(slots.data?.items.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          locale={{ emptyText: t('community.slots.empty') }}
          columns={[
            { key: 'time', title: t('community.slots.time'), render: (_, s) => timeOf(s) },
            {
              key: 'holiday',
              title: t('community.slots.dayType'),
              render: (_, s) =>
                s.holiday ? (
                  <Tag color="orange">{t('community.slots.holiday')}</Tag>
                ) : (
                  t('community.slots.workday')
                ),
            },
            { key: 'capacity', title: t('community.slots.capacity'), align: 'right', dataIndex: 'capacity' },
            { key: 'booked', title: t('community.slots.booked'), align: 'right', dataIndex: 'booked' },
            {
              key: 'left',
              title: t('community.slots.left'),
              align: 'right',
              render: (_, s) => (s.left === 0 ? <Tag color="red">{t('community.slots.full')}</Tag> : s.left),
            },
          ]}
        />
      </AsyncState>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('community.bookings.title')}
      </Typography.Title>
      <AsyncState
        loading={bookings.loading && !bookings.data}
        error={bookings.error}
        onRetry={bookings.reload}
      >
        <Table<BookingView>
          size="small"
          rowKey="id"
          data-testid="booking-table"
          loading={bookings.loading}
          dataSource={bookings.data?.items ?? []}
          pagination={
            (bookings.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false
          }
          locale={{ emptyText: t('community.bookings.empty') }}
          columns={[
            { key: 'time', title: t('community.slots.time'), render: (_, b) => timeOf(b.slot) },
            { key: 'code', title: t('community.bookings.code'), render: (_, b) => <code>{b.code}</code> },
            { key: 'name', title: t('community.bookings.name'), dataIndex: 'name' },
            { key: 'phone', title: t('community.bookings.phone'), dataIndex: 'phone' },
            {
              key: 'status',
              title: t('admin.common.status'),
              render: (_, b) =>
                b.status === 'confirmed' ? (
                  <Tag color="green">{t('community.bookings.status.confirmed')}</Tag>
                ) : b.status === 'cancelled' ? (
                  <Tag>{t('community.bookings.status.cancelled')}</Tag>
                ) : (
                  <Tag color="blue">{t('community.bookings.status.booked')}</Tag>
                ),
            },
            {
              key: 'actions',
              title: t('admin.common.actions'),
              render: (_, b) =>
                b.status === 'booked' ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => void confirm(b)}
                    data-testid={`booking-confirm-${b.code}`}
                  >
                    {t('community.bookings.confirm')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{fmt.dateTime(b.confirmed_at)}</Typography.Text>
                ),
            },
          ]}
        />
      </AsyncState>
    </>
  );
}

export function AppointmentsTab() {
  const { t } = useI18n();
  const services = useAsync((s) => communityApi.services(s), []);
  const items = services.data?.items ?? [];
  const names = useNames(
    items.map((s) => s.region_code),
    'region',
  );
  const [picked, setPicked] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const service = items.find((s) => s.id === picked) ?? items[0];
  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('community.service.label')}</Typography.Text>
        <Select
          style={{ minWidth: 360 }}
          value={service?.id}
          onChange={setPicked}
          data-testid="service-select"
          loading={services.loading}
          options={items.map((s) => ({
            value: s.id,
            label: `${s.name} · ${names[s.region_code] ?? s.region_code} · ${s.place}`,
          }))}
          notFoundContent={t('community.service.empty')}
        />
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="service-create">
          {t('community.service.create')}
        </Button>
      </Flex>
      <AsyncState
        loading={services.loading && !services.data}
        error={services.error}
        onRetry={services.reload}
      >
        {service ? (
          <ServiceDays key={service.id} service={service} />
        ) : (
          <Empty description={t('community.service.empty')} />
        )}
      </AsyncState>
      {creating && (
        <ServiceForm
          onClose={() => setCreating(false)}
          onCreated={(s) => {
            setCreating(false);
            setPicked(s.id);
            services.reload();
          }}
        />
      )}
    </>
  );
}
