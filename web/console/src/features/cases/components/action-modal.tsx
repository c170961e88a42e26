// One lifecycle action's form (a modal): the fields the server needs for it (src/commands/cases/
// case-effects.ts) — unit picker with the rules' suggestion for dispatch, reason list for return,
// photos for report back and verification, satisfaction for follow-up … — sent with the version
// the user read. A stale version (409 CONFLICT) is said and the case reloaded; other refusals
// show on their fields in the user's language.
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/api-error.ts';
import { useAsync } from '../../../../../shared/use-async.ts';
import { useShowError } from '../../../components/use-show-error.tsx';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import {
  RETURN_REASONS,
  SATISFACTIONS,
  casesApi,
  type ActionBody,
  type CaseAction,
  type CaseView,
  type Duplicate,
} from '../cases-api.ts';
import { actionLabel, returnReasonLabel, satisfactionLabel, stateLabel, urgencyLabel } from '../labels.ts';
import { CategorySelect } from './category-select.tsx';
import { PhotoUpload } from './photo-upload.tsx';
import { SUGGESTED, UnitSelect } from './unit-select.tsx';

type Field =
  | 'note'
  | 'noteRequired'
  | 'reason'
  | 'reasonIfOther'
  | 'result'
  | 'photos'
  | 'photosOptional'
  | 'category'
  | 'urgency'
  | 'title'
  | 'lead'
  | 'co'
  | 'reasonCode'
  | 'extra'
  | 'genuine'
  | 'satisfaction'
  | 'target'
  | 'pending';

const FIELDS: Record<CaseAction, Field[]> = {
  send_to_verify: ['note'],
  confirm_report: ['genuine', 'note'],
  register: ['category', 'urgency', 'title', 'note'],
  reject: ['reason'],
  void: ['reason'],
  merge: ['target', 'note'],
  self_handle: ['result', 'photos', 'note'],
  approve_self_handled: ['note'],
  deny_self_handled: ['reason'],
  dispatch: ['lead', 'co', 'note'],
  acknowledge: ['note'],
  return: ['reasonCode', 'reasonIfOther'],
  reassign: ['lead', 'co', 'note'],
  request_extension: ['extra', 'reason'],
  approve_extension: ['pending', 'note'],
  deny_extension: ['pending', 'reason'],
  request_suspension: ['reason'],
  approve_suspension: ['pending', 'note'],
  deny_suspension: ['pending', 'reason'],
  resume: ['note'],
  assist: ['noteRequired'],
  report_back: ['result', 'photos', 'note'],
  verify_pass: ['photos', 'note'],
  verify_fail: ['reason', 'photosOptional'],
  follow_up: ['satisfaction', 'note'],
  reopen: ['reason'],
  publish: ['note'],
  supervise: ['noteRequired'],
  urge: ['note'],
};

const SUBMIT_PROPS = { 'data-testid': 'action-submit' };

interface Values {
  note?: string;
  reason?: string;
  reason_code?: string;
  result?: string;
  photos?: string[];
  category_code?: string;
  urgency?: 'normal' | 'urgent';
  title?: string;
  lead_unit_id?: string;
  co_unit_ids?: string[];
  extra_n?: number;
  extra_u?: 'h' | 'd';
  genuine?: boolean;
  satisfaction?: string;
  target_case_id?: string;
}

function bodyOf(action: CaseAction, c: CaseView, v: Values): ActionBody {
  const b: ActionBody = { version: c.version };
  const text = (s: string | undefined) => s?.trim() || undefined;
  const set = (k: string, val: unknown) => {
    if (val !== undefined && val !== null && val !== '') b[k] = val;
  };
  set('note', text(v.note));
  set('reason', text(v.reason));
  set('reason_code', v.reason_code);
  set('result', text(v.result));
  if (v.photos?.length) b.photos = v.photos;
  set('category_code', v.category_code);
  set('urgency', v.urgency);
  set('title', text(v.title));
  if (v.lead_unit_id && v.lead_unit_id !== SUGGESTED) b.lead_unit_id = v.lead_unit_id;
  if (v.co_unit_ids?.length) b.co_unit_ids = v.co_unit_ids;
  if (action === 'request_extension' && v.extra_n) b.extra = `${v.extra_n}${v.extra_u ?? 'd'}`;
  set('genuine', v.genuine);
  set('satisfaction', v.satisfaction);
  set('target_case_id', v.target_case_id);
  return b;
}

export function ActionModal(props: {
  action: CaseAction;
  c: CaseView;
  duplicates: Duplicate[];
  onCancel: () => void;
  /** After success (the updated case) or a conflict (null: reload). */
  onDone: (updated: CaseView | null) => void;
}) {
  const { action, c } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const fields = FIELDS[action];
  const has = (f: Field) => fields.includes(f);
  const unitAction = action === 'dispatch' || action === 'reassign';
  const { data: suggestion } = useAsync(
    (signal) => (unitAction ? casesApi.suggestedUnit(c.id, signal) : Promise.resolve({ unit: null })),
    [unitAction ? c.id : null],
  );
  const suggested = suggestion?.unit ?? null;
  const near = c.region_code.slice(0, 6) + '000000';
  const lead = Form.useWatch('lead_unit_id', form);
  const reasonCode = Form.useWatch('reason_code', form);

  const initial: Values = {
    ...(action === 'register' ? { category_code: c.category_code ?? undefined, urgency: c.urgency } : {}),
    ...(action === 'dispatch' ? { lead_unit_id: SUGGESTED } : {}),
    ...(action === 'request_extension' ? { extra_n: 1, extra_u: 'd' as const } : {}),
  };
  // Dispatch: when the rules have no unit for this case, the dispatcher must choose one.
  const noSuggestion = unitAction && suggestion !== undefined && !suggested;
  useEffect(() => {
    if (noSuggestion && form.getFieldValue('lead_unit_id') === SUGGESTED)
      form.setFieldValue('lead_unit_id', undefined);
  }, [noSuggestion, form]);
  // Reassign: once the suggestion is known, offer it unless it is the unit that returned the case.
  useEffect(() => {
    if (action !== 'reassign' || !suggested || suggested.id === c.lead_unit_id) return;
    if (form.getFieldValue('lead_unit_id') === undefined) form.setFieldValue('lead_unit_id', suggested.id);
  }, [action, suggested, c.lead_unit_id, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    try {
      const r = await casesApi.act(c.id, action, bodyOf(action, c, values));
      void message.success(t('case.act.done', { action: actionLabel(action, t) }));
      props.onDone(r.case);
    } catch (e) {
      showError(e, form);
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        void message.warning(t('case.act.conflict'));
        props.onDone(null);
      }
    } finally {
      setBusy(false);
    }
  };

  const required = (msg: string) => [{ required: true, message: msg }];
  const minText = (msg: string) => [{ required: true, whitespace: true, min: 2, message: msg }];
  const pending = c.pending_request_data;

  return (
    <Modal
      open
      title={`${actionLabel(action, t)} · ${c.code}`}
      okText={t('case.act.submit')}
      cancelText={t('case.act.cancel')}
      onOk={() => void submit()}
      onCancel={props.onCancel}
      confirmLoading={busy}
      okButtonProps={SUBMIT_PROPS}
      maskClosable={false}
      width={560}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid={`action-form-${action}`}
      >
        {has('pending') && pending ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t(
              c.pending_request === 'suspension' ? 'case.pending.suspension' : 'case.pending.extension',
            )}
            description={
              <>
                {pending.reason ? <div>{t('case.act.pendingInfo', { reason: pending.reason })}</div> : null}
                {pending.extra ? <div>{t('case.detail.pendingExtra', { extra: pending.extra })}</div> : null}
              </>
            }
          />
        ) : null}
        {has('category') ? (
          <Form.Item
            name="category_code"
            label={t('case.act.category')}
            rules={required(t('case.act.categoryRequired'))}
          >
            <CategorySelect testId="action-category" />
          </Form.Item>
        ) : null}
        {has('urgency') ? (
          <Form.Item name="urgency" label={t('case.act.urgency')}>
            <Radio.Group
              options={(['normal', 'urgent'] as const).map((u) => ({ value: u, label: urgencyLabel(u, t) }))}
            />
          </Form.Item>
        ) : null}
        {has('title') ? (
          <Form.Item name="title" label={t('case.act.title')}>
            <Input maxLength={40} placeholder={t('case.act.titlePlaceholder')} />
          </Form.Item>
        ) : null}
        {has('lead') ? (
          <Form.Item
            name="lead_unit_id"
            label={t('case.act.leadUnit')}
            rules={required(t('case.act.leadUnitRequired'))}
          >
            <UnitSelect
              testId="action-lead-unit"
              near={near}
              suggested={{ unit: suggested, asDefault: action === 'dispatch' && !noSuggestion }}
            />
          </Form.Item>
        ) : null}
        {has('co') ? (
          <Form.Item name="co_unit_ids" label={t('case.act.coUnits')}>
            <UnitSelect
              mode="multiple"
              testId="action-co-units"
              near={near}
              exclude={
                lead && lead !== SUGGESTED ? [lead] : suggested && lead === SUGGESTED ? [suggested.id] : []
              }
            />
          </Form.Item>
        ) : null}
        {has('reasonCode') ? (
          <Form.Item
            name="reason_code"
            label={t('case.act.returnReason')}
            rules={required(t('case.act.returnReasonRequired'))}
          >
            <Select
              data-testid="action-reason-code"
              options={RETURN_REASONS.map((r) => ({ value: r, label: returnReasonLabel(r, t) }))}
            />
          </Form.Item>
        ) : null}
        {has('reasonIfOther') ? (
          <Form.Item
            name="reason"
            label={t('case.act.reason')}
            rules={reasonCode === 'other' ? minText(t('case.act.reasonRequired')) : []}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        ) : null}
        {has('extra') ? (
          <Form.Item label={t('case.act.extra')} required>
            <Space.Compact>
              <Form.Item name="extra_n" noStyle rules={required(t('case.act.extraRequired'))}>
                <InputNumber min={1} max={999} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="extra_u" noStyle>
                <Select
                  style={{ width: 130 }}
                  options={(['h', 'd'] as const).map((u) => ({
                    value: u,
                    label: t(`case.act.extraUnit.${u}`),
                  }))}
                />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        ) : null}
        {has('genuine') ? (
          <Form.Item
            name="genuine"
            label={t('case.act.genuine')}
            rules={required(t('case.act.genuineRequired'))}
          >
            <Radio.Group
              options={[
                { value: true, label: t('case.act.genuineYes') },
                { value: false, label: t('case.act.genuineNo') },
              ]}
            />
          </Form.Item>
        ) : null}
        {has('satisfaction') ? (
          <Form.Item
            name="satisfaction"
            label={t('case.act.satisfaction')}
            rules={required(t('case.act.satisfactionRequired'))}
          >
            <Radio.Group
              data-testid="action-satisfaction"
              options={SATISFACTIONS.map((s) => ({ value: s, label: satisfactionLabel(s, t) }))}
            />
          </Form.Item>
        ) : null}
        {has('target') ? (
          <Form.Item
            name="target_case_id"
            label={t('case.act.target')}
            rules={required(t('case.act.targetRequired'))}
          >
            <Select
              placeholder={t('case.act.targetPlaceholder')}
              options={props.duplicates.map((d) => ({
                value: d.id,
                label: `${d.code} ${d.title}（${stateLabel(d.state, t)}，${t('case.detail.distance', { m: d.distance_m })}）`,
              }))}
            />
          </Form.Item>
        ) : null}
        {has('result') ? (
          <Form.Item name="result" label={t('case.act.result')} rules={minText(t('case.act.resultRequired'))}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-result" />
          </Form.Item>
        ) : null}
        {has('reason') ? (
          <Form.Item name="reason" label={t('case.act.reason')} rules={minText(t('case.act.reasonRequired'))}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="action-reason" />
          </Form.Item>
        ) : null}
        {has('photos') || has('photosOptional') ? (
          <Form.Item
            name="photos"
            label={t('case.act.photos')}
            extra={t('case.photo.hint')}
            rules={
              has('photos')
                ? [{ required: true, type: 'array', min: 1, message: t('case.act.photosRequired') }]
                : []
            }
          >
            <PhotoUpload testId="action-photos" />
          </Form.Item>
        ) : null}
        {has('note') || has('noteRequired') ? (
          <Form.Item
            name="note"
            label={action === 'supervise' ? t('case.act.supervisionNote') : t('case.act.note')}
            rules={has('noteRequired') ? minText(t('case.act.reasonRequired')) : []}
          >
            <Input.TextArea
              rows={2}
              maxLength={1000}
              placeholder={has('noteRequired') ? undefined : t('case.act.notePlaceholder')}
              data-testid="action-note"
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
