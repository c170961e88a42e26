// 出卷: the form of a new proposal — the community, what is asked, the options (added and removed
// freely; their codes are made here), who votes (each resident or one vote per household), the
// rule that decides, whether a vote may be changed, and the consultation and voting windows in
// Asia/Shanghai time. The server checks everything again; its field errors land on the fields.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, fieldName } from '../../api/api-error.ts';
import { useShowError } from '../../components/use-show-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { AreaSearch } from './area-search.tsx';
import { ELIGIBILITIES, PASS_RULES, communityApi, type Eligibility, type PassRule } from './community-api.ts';
import { eligibilityLabel, passRuleLabel, shanghaiIso, shanghaiNow } from './community-labels.ts';

interface FormValues {
  region_code?: string;
  title: string;
  body: string;
  options: { key: string; label: string }[];
  eligibility: Eligibility;
  pass_rule: PassRule;
  pass_option: string;
  allow_change: boolean;
  consultation?: [Dayjs, Dayjs];
  voting?: [Dayjs, Dayjs];
}

/** The form field a server issue is about: options[1].label → ['options', 1, 'label']. */
function formFieldOf(field: string): (string | number)[] {
  const f = fieldName(field);
  const opt = /^options\[(\d+)\]\.(key|label)$/.exec(f);
  if (opt) return ['options', Number(opt[1]), 'label'];
  if (f.startsWith('consultation_')) return ['consultation'];
  if (f.startsWith('voting_')) return ['voting'];
  return [f];
}

const FORM_FIELDS = new Set([
  'region_code',
  'title',
  'body',
  'options',
  'eligibility',
  'pass_rule',
  'pass_option',
  'consultation',
  'voting',
]);

export function ProposalForm({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const options = Form.useWatch('options', form) ?? [];
  const now = shanghaiNow().startOf('hour').add(1, 'hour');
  const initial: Partial<FormValues> = {
    options: [
      { key: 'agree', label: t('community.option.agree') },
      { key: 'disagree', label: t('community.option.disagree') },
      { key: 'abstain', label: t('community.option.abstain') },
    ],
    eligibility: 'household',
    pass_rule: 'more_than_half_of_eligible',
    pass_option: 'agree',
    allow_change: false,
    consultation: [now, now.add(7, 'day')],
    voting: [now.add(7, 'day'), now.add(10, 'day')],
  };

  const submit = async (v: FormValues) => {
    if (!v.region_code || !v.consultation || !v.voting) return;
    setSaving(true);
    try {
      await communityApi.createProposal({
        region_code: v.region_code,
        title: v.title,
        body: v.body,
        options: v.options.map((o) => ({ key: o.key, label: o.label ?? '' })),
        eligibility: v.eligibility,
        pass_rule: v.pass_rule,
        pass_option: v.pass_option,
        allow_change: v.allow_change,
        consultation_from: shanghaiIso(v.consultation[0]),
        consultation_to: shanghaiIso(v.consultation[1]),
        voting_from: shanghaiIso(v.voting[0]),
        voting_to: shanghaiIso(v.voting[1]),
      });
      void message.success(t('community.proposal.created'));
      onCreated();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) {
        const fields = e.issues
          .map((i) => ({ name: formFieldOf(i.field), errors: [lang === 'en' ? i.en : i.zh] }))
          .filter((f) => FORM_FIELDS.has(String(f.name[0])));
        // The paths are built from the server's field names, which the form's type cannot know.
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
      }
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const nextKey = () => {
    const used = new Set(options.map((o) => o?.key));
    let n = options.length + 1;
    while (used.has(`option_${n}`)) n++;
    return `option_${n}`;
  };
  const required = [{ required: true, message: t('admin.common.required') }];
  const timeFormat = 'YYYY-MM-DD HH:mm';

  return (
    <Modal
      open
      title={t('community.proposal.create')}
      okText={t('community.proposal.publish')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={720}
      okButtonProps={{ 'data-testid': 'proposal-submit' }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="proposal-form"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="region_code"
          label={t('community.proposal.community')}
          extra={t('community.proposal.communityHint')}
          rules={required}
        >
          <AreaSearch testId="proposal-region" levels={['village']} />
        </Form.Item>
        <Form.Item name="title" label={t('community.proposal.title')} rules={required}>
          <Input maxLength={100} showCount data-testid="proposal-title" />
        </Form.Item>
        <Form.Item name="body" label={t('community.proposal.body')} rules={required}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="proposal-body" />
        </Form.Item>
        <Form.Item label={t('community.proposal.options')} required>
          <Form.List name="options">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }} data-testid="proposal-options">
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'label']} rules={required} style={{ marginBottom: 0 }}>
                      <Input
                        maxLength={50}
                        style={{ width: 280 }}
                        placeholder={t('community.proposal.optionN', { n: i + 1 })}
                        data-testid={`proposal-option-${i}`}
                      />
                    </Form.Item>
                    {fields.length > 2 && (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('community.proposal.removeOption')}
                        onClick={() => remove(f.name)}
                        data-testid={`proposal-option-remove-${i}`}
                      />
                    )}
                  </Space>
                ))}
                {fields.length < 10 && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ key: nextKey(), label: '' })}
                    data-testid="proposal-option-add"
                  >
                    {t('community.proposal.addOption')}
                  </Button>
                )}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="eligibility" label={t('community.proposal.eligibility')} rules={required}>
          <Radio.Group
            options={ELIGIBILITIES.map((e) => ({ value: e, label: eligibilityLabel(e, t) }))}
            data-testid="proposal-eligibility"
          />
        </Form.Item>
        <Space wrap size={16} style={{ width: '100%' }}>
          <Form.Item name="pass_rule" label={t('community.proposal.passRule')} rules={required}>
            <Select
              style={{ width: 320 }}
              options={PASS_RULES.map((r) => ({ value: r, label: passRuleLabel(r, t) }))}
              data-testid="proposal-pass-rule"
            />
          </Form.Item>
          <Form.Item name="pass_option" label={t('community.proposal.passOption')} rules={required}>
            <Select
              style={{ width: 180 }}
              options={options
                .filter((o) => o?.key)
                .map((o, i) => ({
                  value: o.key,
                  label: o.label || t('community.proposal.optionN', { n: i + 1 }),
                }))}
              data-testid="proposal-pass-option"
            />
          </Form.Item>
          <Form.Item name="allow_change" label={t('community.proposal.allowChange')} valuePropName="checked">
            <Switch data-testid="proposal-allow-change" />
          </Form.Item>
        </Space>
        <Form.Item
          name="consultation"
          label={t('community.proposal.consultation')}
          extra={t('community.proposal.timeZoneHint')}
          rules={required}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format={timeFormat}
            data-testid="proposal-consultation"
          />
        </Form.Item>
        <Form.Item name="voting" label={t('community.proposal.voting')} rules={required}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format={timeFormat}
            data-testid="proposal-voting"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
