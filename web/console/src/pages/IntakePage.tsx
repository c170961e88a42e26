// Case intake (登记) for a hotline operator: the point picked on the map (or typed, in WGS-84,
// GCJ-02 or BD-09, or found by village name), category (major → minor, searchable), urgency,
// description, address, reporter (stored sealed; shown masked once saved), photos, channel.
// Before saving, open cases of the same category nearby are shown as likely duplicates.
// One idempotency key per form: a double click never makes two cases.
import { CheckCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../api/error-text.ts';
import { useMe } from '../auth/auth-context.tsx';
import { useAsync } from '../../../shared/use-async.ts';
import { useShowError } from '../components/use-show-error.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import {
  CHANNELS,
  casesApi,
  refApi,
  type Channel,
  type Duplicate,
  type IntakeResult,
  type Location,
  type Urgency,
} from '../features/cases/cases-api.ts';
import type { LngLatBox } from '../features/cases/components/blank-map.ts';
import { CategorySelect } from '../features/cases/components/category-select.tsx';
import { PhotoUpload } from '../features/cases/components/photo-upload.tsx';
import { PickMap } from '../features/cases/components/pick-map.tsx';
import { newIdempotencyKey } from '../features/cases/idempotency.ts';
import { channelLabel, stateLabel, urgencyLabel } from '../features/cases/labels.ts';

interface Values {
  channel: Channel;
  category_code?: string;
  urgency: Urgency;
  title?: string;
  description?: string;
  address?: string;
  lng?: number | null;
  lat?: number | null;
  crs: 'wgs84' | 'gcj02' | 'bd09';
  reporter_name?: string;
  reporter_phone?: string;
  photos?: string[];
}

const INITIAL: Values = { channel: 'hotline', urgency: 'normal', crs: 'wgs84' };
const DUPLICATE_RADIUS_M = 100;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

export default function IntakePage() {
  const [saved, setSaved] = useState<IntakeResult | null>(null);
  const [round, setRound] = useState(0);
  if (saved) {
    return (
      <Saved
        r={saved}
        onAnother={() => {
          setSaved(null);
          setRound((n) => n + 1);
        }}
      />
    );
  }
  return <IntakeForm key={round} onSaved={setSaved} />;
}

function IntakeForm({ onSaved }: { onSaved: (r: IntakeResult) => void }) {
  const me = useMe();
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<{ box: LngLatBox; seq: number } | null>(null);

  const lng = Form.useWatch('lng', form);
  const lat = Form.useWatch('lat', form);
  const crs = Form.useWatch('crs', form) ?? 'wgs84';
  const category = Form.useWatch('category_code', form);
  const point = useDebounced(
    typeof lng === 'number' && typeof lat === 'number' ? `${lng},${lat},${crs},${category ?? ''}` : '',
    350,
  );
  const where = useAsync(
    async (signal): Promise<{ location: Location; items: Duplicate[] } | null> => {
      if (!point) return null;
      const [x, y, c, cat] = point.split(',');
      const p = { lng: Number(x), lat: Number(y), crs: c ?? 'wgs84' };
      if (cat) return casesApi.duplicatesAt({ ...p, category: cat }, signal);
      return { location: await casesApi.locate(p, signal), items: [] };
    },
    [point],
  );
  const located = point ? where.data?.location : undefined;
  const marker = useMemo<[number, number] | null>(
    () => (located ? [located.lng, located.lat] : null),
    [located],
  );

  const [placeQuery, setPlaceQuery] = useState('');
  const q = useDebounced(placeQuery.trim(), 300);
  const places = useAsync(
    (signal) => (q ? refApi.searchRegions(q, signal) : Promise.resolve({ items: [] })),
    [q],
  );

  const pick = (x: number, y: number) =>
    form.setFieldsValue({ lng: Math.round(x * 1e6) / 1e6, lat: Math.round(y * 1e6) / 1e6, crs: 'wgs84' });

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const r = await casesApi.intake({
        channel: v.channel,
        lng: v.lng ?? NaN,
        lat: v.lat ?? NaN,
        crs: v.crs,
        category_code: v.category_code ?? '',
        urgency: v.urgency,
        title: v.title?.trim() || undefined,
        description: v.description?.trim() ?? '',
        address: v.address?.trim() || undefined,
        photos: v.photos?.length ? v.photos : undefined,
        reporter_name: v.reporter_name?.trim() || undefined,
        reporter_phone: v.reporter_phone?.trim() || undefined,
        idempotency_key: key,
      });
      onSaved(r);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const dups = where.data?.items ?? [];
  const whereError = point && where.error ? errorText(where.error, i18n).title : null;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={INITIAL}
      onFinish={(v) => void submit(v)}
      data-testid="intake-form"
      scrollToFirstError
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={
              <Space direction="vertical" size={0} style={{ padding: '8px 0', whiteSpace: 'normal' }}>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {t('intake.title')}
                </Typography.Title>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {t('intake.subtitle')}
                </Typography.Text>
              </Space>
            }
          >
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="channel" label={t('intake.channel')}>
                  <Select
                    data-testid="intake-channel"
                    options={CHANNELS.filter((c) => c !== 'open311').map((c) => ({
                      value: c,
                      label: channelLabel(c, t),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="urgency" label={t('intake.urgency')}>
                  <Radio.Group
                    optionType="button"
                    options={(['normal', 'urgent'] as const).map((u) => ({
                      value: u,
                      label: urgencyLabel(u, t),
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="category_code"
              label={t('intake.category')}
              rules={[{ required: true, message: t('intake.categoryRequired') }]}
            >
              <CategorySelect testId="intake-category" placeholder={t('intake.categoryPlaceholder')} />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('intake.description')}
              rules={[{ required: true, whitespace: true, message: t('intake.descriptionRequired') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount data-testid="intake-description" />
            </Form.Item>
            <Form.Item name="title" label={t('intake.title.field')}>
              <Input maxLength={40} placeholder={t('intake.titlePlaceholder')} data-testid="intake-title" />
            </Form.Item>
            <Form.Item name="address" label={t('intake.address')}>
              <Input
                maxLength={200}
                placeholder={t('intake.addressPlaceholder')}
                data-testid="intake-address"
              />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="reporter_name"
                  label={t('intake.reporterName')}
                  extra={t('intake.reporterHint')}
                >
                  <Input maxLength={50} data-testid="intake-reporter-name" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="reporter_phone"
                  label={t('intake.reporterPhone')}
                  rules={[{ pattern: /^[0-9+ -]{5,20}$/, message: t('intake.reporterPhoneInvalid') }]}
                >
                  <Input maxLength={20} data-testid="intake-reporter-phone" autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="photos" label={t('intake.photos')} extra={t('case.photo.hint')}>
              <PhotoUpload testId="intake-photos" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="intake-submit">
                {t('intake.submit')}
              </Button>
              <Button
                htmlType="button"
                onClick={() => {
                  // A cleared form is a new report: it gets a new key.
                  form.resetFields();
                  setKey(newIdempotencyKey());
                }}
                disabled={busy}
              >
                {t('intake.reset')}
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('intake.location')}>
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              <Select
                showSearch
                allowClear
                filterOption={false}
                style={{ width: '100%' }}
                aria-label={t('intake.findPlace')}
                placeholder={t('intake.findPlacePlaceholder')}
                suffixIcon={<EnvironmentOutlined />}
                onSearch={setPlaceQuery}
                loading={places.loading && !!q}
                data-testid="intake-find-place"
                options={(places.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
                onSelect={(code: string) => {
                  const r = places.data?.items.find((x) => x.code === code);
                  if (r?.bbox) setFocus((f) => ({ box: r.bbox!, seq: (f?.seq ?? 0) + 1 }));
                  if (r?.center) pick(r.center[0], r.center[1]);
                }}
              />
              <PickMap
                regions={me.scope.length ? me.scope : me.user.regions}
                marker={marker}
                gridCode={located?.grid.code}
                focus={focus}
                onPick={pick}
              />
              <Row gutter={8}>
                <Col xs={12} md={8}>
                  <Form.Item
                    name="lng"
                    label={t('intake.lng')}
                    rules={[{ required: true, message: t('intake.locationRequired') }]}
                  >
                    <InputNumber
                      min={-180}
                      max={180}
                      step={0.0001}
                      style={{ width: '100%' }}
                      data-testid="intake-lng"
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item
                    name="lat"
                    label={t('intake.lat')}
                    rules={[{ required: true, message: t('intake.locationRequired') }]}
                  >
                    <InputNumber
                      min={-90}
                      max={90}
                      step={0.0001}
                      style={{ width: '100%' }}
                      data-testid="intake-lat"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="crs" label={t('intake.crs')}>
                    <Select
                      data-testid="intake-crs"
                      options={(['wgs84', 'gcj02', 'bd09'] as const).map((c) => ({
                        value: c,
                        label: t(`intake.crs.${c}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <div data-testid="intake-located" aria-live="polite">
                {!point ? null : where.loading ? (
                  <Typography.Text type="secondary">{t('intake.locating')}</Typography.Text>
                ) : whereError ? (
                  <Alert type="error" showIcon message={whereError} />
                ) : located ? (
                  <Alert
                    type="success"
                    showIcon
                    icon={<CheckCircleOutlined />}
                    message={t('intake.located', {
                      grid: located.grid.name || located.grid.code,
                      village: located.village.name,
                      township: located.township.name,
                      county: located.county.name,
                    })}
                  />
                ) : null}
              </div>
              {category && located && !where.loading ? (
                dups.length ? (
                  <Alert
                    type="warning"
                    showIcon
                    data-testid="intake-duplicates"
                    message={t('intake.duplicates', { n: dups.length, radius: DUPLICATE_RADIUS_M })}
                    description={
                      <>
                        <List
                          size="small"
                          dataSource={dups}
                          renderItem={(d) => (
                            <List.Item style={{ paddingInline: 0 }}>
                              <Space wrap size={8}>
                                <a href={`/cases/${d.id}`} target="_blank" rel="noreferrer">
                                  {d.code}
                                </a>
                                <span>{d.title}</span>
                                <Tag>{stateLabel(d.state, t)}</Tag>
                                <Typography.Text type="secondary">
                                  {t('case.detail.distance', { m: d.distance_m })}
                                </Typography.Text>
                              </Space>
                            </List.Item>
                          )}
                        />
                        <Typography.Text type="secondary">{t('intake.duplicatesHint')}</Typography.Text>
                      </>
                    }
                  />
                ) : (
                  <Typography.Text type="secondary" data-testid="intake-no-duplicates">
                    {t('intake.noDuplicates')}
                  </Typography.Text>
                )
              ) : null}
            </Space>
          </Card>
        </Col>
      </Row>
    </Form>
  );
}

function Saved({ r, onAnother }: { r: IntakeResult; onAnother: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const c = r.case;
  const reporter = [c.reporter.name, c.reporter.phone].filter(Boolean);
  return (
    <Card data-testid="intake-saved">
      <Result
        status="success"
        title={t(r.replayed ? 'intake.savedReplayed' : 'intake.saved', { code: c.code })}
        subTitle={
          <Space direction="vertical" size={2}>
            <span>
              {c.title} · {stateLabel(c.state, t)} · {t('intake.savedPlace', { grid: c.grid_code })}
            </span>
            {reporter.length ? (
              <span data-testid="intake-saved-reporter">
                {t('intake.savedReporter', { name: c.reporter.name ?? '', phone: c.reporter.phone ?? '' })}
              </span>
            ) : null}
          </Space>
        }
        extra={[
          <Button
            type="primary"
            key="open"
            data-testid="intake-open-case"
            onClick={() => void navigate(`/cases/${c.id}`)}
          >
            {t('intake.open')}
          </Button>,
          <Button key="again" onClick={onAnother} data-testid="intake-another">
            {t('intake.another')}
          </Button>,
        ]}
      >
        {r.possible_duplicates.length ? (
          <Alert
            type="warning"
            showIcon
            message={t('intake.savedDuplicates', { n: r.possible_duplicates.length })}
            description={
              <Space direction="vertical" size={2}>
                {r.possible_duplicates.map((d) => (
                  <span key={d.id}>
                    <Link to={`/cases/${d.id}`}>{d.code}</Link> {d.title} · {stateLabel(d.state, t)} ·{' '}
                    {t('case.detail.distance', { m: d.distance_m })}
                  </span>
                ))}
              </Space>
            }
          />
        ) : null}
      </Result>
    </Card>
  );
}
