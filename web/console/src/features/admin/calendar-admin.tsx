// The working calendar (工作日历): per year, the public holidays (name and days) and the 调休
// make-up working days (weekend days worked), saved whole with PUT /calendar/years/:year; the
// year at a glance (holiday, make-up day, weekend, working day); and the daily working hours.
// The server checks everything; each problem is shown on the field it names.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  TimePicker,
  Typography,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { useShowError } from '../../components/use-show-error.tsx';
import { TIME_ZONE } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { adminApi, type CalendarDay } from './admin-api.ts';

const DAY_STYLE: Record<CalendarDay['type'], { background: string; color: string }> = {
  holiday: { background: '#ff4d4f', color: '#fff' },
  makeup_workday: { background: '#fa8c16', color: '#fff' },
  weekend: { background: '#f5f5f5', color: '#8c8c8c' },
  workday: { background: '#fff', color: '#262626' },
};

/** 'holidays[0].days[1]' → ['holidays', 0, 'days'] (the multi-date picker of that holiday). */
export function formPathOf(field: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of field.replace(/^body\./, '').matchAll(/([A-Za-z_]+)|\[(\d+)\]/g)) {
    parts.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  // A date inside a list of dates: the error belongs to the picker holding the list.
  if (typeof parts.at(-1) === 'number' && (parts.at(-2) === 'days' || parts.at(-2) === 'makeup_workdays')) {
    parts.pop();
  }
  // A period's start or end: the range picker of that period.
  if (parts[0] === 'periods' && typeof parts[1] === 'number') return ['periods', parts[1], 'range'];
  return parts;
}

/** Puts each of the server's issues on the form field it names (in the user's language). */
function showIssuesOnForm(err: unknown, form: FormInstance, lang: string): void {
  if (!(err instanceof ApiError)) return;
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const i of err.issues) {
    const name = formPathOf(i.field);
    const k = JSON.stringify(name);
    const entry = byPath.get(k) ?? { name, errors: [] };
    entry.errors.push(lang === 'en' ? i.en : i.zh);
    byPath.set(k, entry);
  }
  form.setFields([...byPath.values()]);
}

function MonthGrid({ month, days }: { month: number; days: CalendarDay[] }) {
  const { t, lang } = useI18n();
  const first = dayjs(days[0]?.date);
  const offset = (first.day() + 6) % 7; // Monday first
  const weekdays =
    lang === 'en' ? ['M', 'T', 'W', 'T', 'F', 'S', 'S'] : ['一', '二', '三', '四', '五', '六', '日'];
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text strong style={{ fontSize: 13 }}>
        {t('admin.calendar.month', { m: month })}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4 }}>
        {weekdays.map((w, i) => (
          <div key={`h${i}`} style={{ fontSize: 11, textAlign: 'center', color: '#8c8c8c' }}>
            {w}
          </div>
        ))}
        {Array.from({ length: offset }, (_, i) => (
          <div key={`e${i}`} />
        ))}
        {days.map((d) => (
          <div
            key={d.date}
            title={`${d.date} ${lang === 'en' ? d.weekday.en : d.weekday.zh} ${d.holiday ?? ''}${
              d.type === 'makeup_workday' ? t('admin.calendar.type.makeup_workday') : ''
            }`}
            data-day={d.date}
            data-type={d.type}
            style={{
              ...DAY_STYLE[d.type],
              fontSize: 11,
              lineHeight: '18px',
              textAlign: 'center',
              borderRadius: 3,
            }}
          >
            {Number(d.date.slice(8))}
          </div>
        ))}
      </div>
    </div>
  );
}

function YearOverview({ days }: { days: CalendarDay[] }) {
  const { t } = useI18n();
  const months = useMemo(() => {
    const out: CalendarDay[][] = Array.from({ length: 12 }, () => []);
    for (const d of days) out[Number(d.date.slice(5, 7)) - 1]?.push(d);
    return out;
  }, [days]);
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 8 }}>
        {(['holiday', 'makeup_workday', 'weekend', 'workday'] as const).map((k) => (
          <Space key={k} size={4}>
            <span
              style={{
                display: 'inline-block',
                width: 12,
                height: 12,
                borderRadius: 2,
                border: '1px solid #d9d9d9',
                background: DAY_STYLE[k].background,
              }}
            />
            <Typography.Text type="secondary">{t(`admin.calendar.type.${k}`)}</Typography.Text>
          </Space>
        ))}
      </Flex>
      <div
        data-testid="calendar-overview"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 16 }}
      >
        {months.map((m, i) => (
          <MonthGrid key={i} month={i + 1} days={m} />
        ))}
      </div>
    </>
  );
}

interface YearForm {
  holidays: { name: string; days: Dayjs[] }[];
  makeup_workdays: Dayjs[];
}

function YearEditor({ year }: { year: number }) {
  const { t, lang, fmt } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<YearForm>();
  const [saving, setSaving] = useState(false);
  const [version, setVersion] = useState(0);
  const data = useAsync(
    async (s) => {
      try {
        return { stored: true as const, ...(await adminApi.calendarYear(year, s)) };
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'CALENDAR_YEAR_NOT_FOUND')) throw e;
        const days = await adminApi.calendarDays(`${year}-01-01`, `${year}-12-31`, s);
        return {
          stored: false as const,
          year,
          holidays: [],
          makeup_workdays: [],
          working_days: days.items.filter((d) => d.is_working_day).length,
          days: days.items,
          updated_at: null,
        };
      }
    },
    [year, version],
  );
  useEffect(() => {
    if (!data.data) return;
    form.resetFields();
    form.setFieldsValue({
      holidays: data.data.holidays.map((h) => ({ name: h.name, days: h.days.map((d) => dayjs(d)) })),
      makeup_workdays: data.data.makeup_workdays.map((d) => dayjs(d)),
    });
  }, [data.data, form]);

  const save = async (v: YearForm) => {
    setSaving(true);
    try {
      const r = await adminApi.putCalendarYear(year, {
        holidays: (v.holidays ?? []).map((h) => ({
          name: (h.name ?? '').trim(),
          days: (h.days ?? []).map((d) => d.format('YYYY-MM-DD')).sort(),
        })),
        makeup_workdays: (v.makeup_workdays ?? []).map((d) => d.format('YYYY-MM-DD')).sort(),
      });
      void message.success(r.created ? t('admin.calendar.created', { year }) : t('admin.common.saved'));
      setVersion((x) => x + 1);
    } catch (e) {
      showError(e, form);
      showIssuesOnForm(e, form, lang);
    } finally {
      setSaving(false);
    }
  };

  const d = data.data;
  const counts = d && {
    holidays: d.days.filter((x) => x.type === 'holiday').length,
    makeups: d.days.filter((x) => x.type === 'makeup_workday').length,
  };
  return (
    <AsyncState loading={data.loading && !d} error={data.error} onRetry={data.reload}>
      {d && counts && (
        <>
          {!d.stored && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('admin.calendar.notStored', { year })}
              data-testid="calendar-not-stored"
            />
          )}
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Statistic title={t('admin.calendar.workingDays')} value={d.working_days} />
            </Col>
            <Col span={6}>
              <Statistic title={t('admin.calendar.holidayDays')} value={counts.holidays} />
            </Col>
            <Col span={6}>
              <Statistic title={t('admin.calendar.makeupDays')} value={counts.makeups} />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('admin.calendar.updatedAt')}
                value={d.updated_at ? fmt.dateTime(d.updated_at) : '—'}
                valueStyle={{ fontSize: 16 }}
              />
            </Col>
          </Row>
          <Row gutter={[24, 24]}>
            <Col xs={24} xl={11}>
              <Form<YearForm>
                form={form}
                layout="vertical"
                onFinish={(v) => void save(v)}
                data-testid="calendar-form"
              >
                <Typography.Title level={5}>{t('admin.calendar.holidays')}</Typography.Title>
                <Form.List name="holidays">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Flex key={f.key} gap={8} align="start">
                          <Form.Item
                            name={[f.name, 'name']}
                            style={{ width: 140, marginBottom: 12 }}
                            rules={[{ required: true, message: t('admin.common.required') }]}
                          >
                            <Input placeholder={t('admin.calendar.holidayName')} maxLength={30} />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'days']}
                            style={{ flex: 1, minWidth: 0, marginBottom: 12 }}
                            rules={[{ required: true, message: t('admin.common.required') }]}
                          >
                            <DatePicker
                              multiple
                              maxTagCount="responsive"
                              style={{ width: '100%' }}
                              placeholder={t('admin.calendar.pickDays')}
                              defaultPickerValue={dayjs(`${year}-01-01`)}
                            />
                          </Form.Item>
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label={t('admin.common.delete')}
                            onClick={() => remove(f.name)}
                          />
                        </Flex>
                      ))}
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        onClick={() => add({ name: '', days: [] })}
                        style={{ marginBottom: 16 }}
                        data-testid="calendar-add-holiday"
                      >
                        {t('admin.calendar.addHoliday')}
                      </Button>
                    </>
                  )}
                </Form.List>
                <Typography.Title level={5}>{t('admin.calendar.makeups')}</Typography.Title>
                <div data-testid="calendar-makeups">
                  <Form.Item name="makeup_workdays" extra={t('admin.calendar.makeupHint')}>
                    <DatePicker
                      multiple
                      maxTagCount="responsive"
                      style={{ width: '100%' }}
                      placeholder={t('admin.calendar.pickDays')}
                      defaultPickerValue={dayjs(`${year}-01-01`)}
                    />
                  </Form.Item>
                </div>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="calendar-save">
                  {t('admin.calendar.save', { year })}
                </Button>
              </Form>
            </Col>
            <Col xs={24} xl={13}>
              <YearOverview days={d.days} />
            </Col>
          </Row>
        </>
      )}
    </AsyncState>
  );
}

interface HoursForm {
  periods: { range: [Dayjs, Dayjs] }[];
}

function WorkingHoursCard() {
  const { t, lang, fmt } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<HoursForm>();
  const [saving, setSaving] = useState(false);
  const data = useAsync((s) => adminApi.workingHours(s), []);
  useEffect(() => {
    if (!data.data) return;
    form.setFieldsValue({
      periods: data.data.periods.map((p) => ({
        range: [dayjs(p.start, 'HH:mm'), dayjs(p.end, 'HH:mm')] as [Dayjs, Dayjs],
      })),
    });
  }, [data.data, form]);
  const save = async (v: HoursForm) => {
    setSaving(true);
    try {
      await adminApi.putWorkingHours(
        (v.periods ?? []).map((p) => ({
          start: p.range[0].format('HH:mm'),
          end: p.range[1].format('HH:mm'),
        })),
      );
      void message.success(t('admin.common.saved'));
      data.reload();
    } catch (e) {
      showError(e, form);
      showIssuesOnForm(e, form, lang);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={t('admin.calendar.hours')} style={{ marginTop: 16 }}>
      <AsyncState loading={data.loading && !data.data} error={data.error} onRetry={data.reload}>
        <Typography.Paragraph type="secondary">
          {t('admin.calendar.hoursPerDay', {
            h: fmt.number((data.data?.working_ms_per_day ?? 0) / 3_600_000, 2),
          })}
        </Typography.Paragraph>
        <Form<HoursForm> form={form} layout="inline" onFinish={(v) => void save(v)} data-testid="hours-form">
          <Form.List name="periods">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ marginBottom: 8 }}>
                    <Form.Item
                      name={[f.name, 'range']}
                      rules={[{ required: true, message: t('admin.common.required') }]}
                    >
                      <TimePicker.RangePicker format="HH:mm" minuteStep={5} order={false} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('admin.common.delete')}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add()}
                  style={{ marginRight: 8 }}
                >
                  {t('admin.calendar.addPeriod')}
                </Button>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('admin.common.save')}
          </Button>
        </Form>
      </AsyncState>
    </Card>
  );
}

export function CalendarAdmin() {
  const { t } = useI18n();
  const thisYear = dayjs().tz(TIME_ZONE).year();
  const [year, setYear] = useState(thisYear);
  const stored = useAsync((s) => adminApi.calendarYears(s), [year]);
  const storedYears = new Set((stored.data?.items ?? []).map((y) => y.year));
  const years = [...new Set([...storedYears, thisYear - 1, thisYear, thisYear + 1, thisYear + 2])].sort();
  return (
    <>
      <Card
        size="small"
        title={t('admin.calendar.title')}
        extra={
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 160 }}
            data-testid="calendar-year"
            options={years.map((y) => ({
              value: y,
              label: storedYears.has(y) ? String(y) : `${y}（${t('admin.calendar.notStoredShort')}）`,
            }))}
          />
        }
      >
        <YearEditor key={year} year={year} />
      </Card>
      <WorkingHoursCard />
    </>
  );
}
