// 表决名册: import a proposal's roll from a CSV or Excel (.xlsx) file — household in the first
// column, phone in the second, a header row allowed. The server takes all rows or none: when it
// refuses, every bad row is listed with its line, column and reason in the user's language; when
// it accepts, the members and households now on the roll are shown.
import { Alert, Button, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, fieldName, type FieldIssue } from '../../api/api-error.ts';
import { errorText } from '../../api/error-text.ts';
import { FilePick } from '../../components/file-pick.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { communityApi, type ProposalView, type RollImportResult } from './community-api.ts';

const FIELD_LABELS: Record<string, MessageKey> = {
  household: 'community.roll.field.household',
  phone: 'community.roll.field.phone',
  columns: 'community.roll.field.columns',
  file: 'community.roll.field.file',
};

export function RollImport({
  proposal,
  onClose,
  onImported,
}: {
  proposal: ProposalView;
  onClose: () => void;
  onImported: (r: RollImportResult) => void;
}) {
  const i18n = useI18n();
  const { t, lang, fmt } = i18n;
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RollImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      const r = await communityApi.importRoll(proposal.id, file);
      setResult(r);
      onImported(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const issues: (FieldIssue & { key: number })[] =
    error instanceof ApiError ? error.issues.map((i, key) => ({ ...i, key })) : [];

  return (
    <Modal
      open
      title={t('community.roll.title', { title: proposal.title })}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="roll-import-close">
          {t('community.close')}
        </Button>
      }
      width={720}
      destroyOnHidden
    >
      <div data-testid="roll-import">
        <Typography.Paragraph type="secondary">{t('community.roll.help')}</Typography.Paragraph>
        {proposal.roll && (
          <Typography.Paragraph data-testid="roll-current">
            {t('community.roll.current', {
              members: fmt.number(proposal.roll.members),
              households: fmt.number(proposal.roll.households),
            })}
          </Typography.Paragraph>
        )}
        <FilePick
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          file={file}
          busy={busy}
          onPick={(f) => {
            setFile(f);
            setResult(null);
            setError(null);
          }}
          onSubmit={() => void run()}
          texts={{
            pick: t('community.roll.pick'),
            hint: t('community.roll.pickHint'),
            submit: t('community.roll.submit'),
          }}
          testId="roll-import"
        />
        {result && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            data-testid="roll-import-success"
            message={t('community.roll.success', {
              members: fmt.number(result.members),
              households: fmt.number(result.households),
            })}
          />
        )}
        {error !== null && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            data-testid="roll-import-error"
            message={errorText(error, i18n).title}
            description={issues.length ? t('community.roll.issuesHint', { n: issues.length }) : undefined}
          />
        )}
        {issues.length > 0 && (
          <Table<FieldIssue & { key: number }>
            style={{ marginTop: 12 }}
            size="small"
            rowKey="key"
            data-testid="roll-import-issues"
            dataSource={issues}
            pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              {
                key: 'line',
                title: t('community.roll.col.line'),
                width: 90,
                render: (_, r) => r.line ?? t('community.roll.wholeFile'),
              },
              {
                key: 'field',
                title: t('community.roll.col.field'),
                width: 120,
                render: (_, r) => {
                  const label = FIELD_LABELS[fieldName(r.field)];
                  return label ? t(label) : <code>{r.field}</code>;
                },
              },
              {
                key: 'reason',
                title: t('community.roll.col.reason'),
                render: (_, r) => (lang === 'en' ? r.en : r.zh),
              },
            ]}
          />
        )}
      </div>
    </Modal>
  );
}
