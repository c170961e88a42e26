// Import real grid boundaries (POST /grids/import): pick a GeoJSON FeatureCollection (properties
// code, name, village_code), upload it with a progress bar (the upload's own progress, then the
// server's check), and see either the counts or every defect — feature, line, field, reason in the
// user's language. The server imports all or nothing.
import { Alert, Card, Progress, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, type FieldIssue } from '../../api/api-error.ts';
import { errorText } from '../../api/error-text.ts';
import { FilePick } from '../../components/file-pick.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { importGridsFile, type ImportGridsResult } from './admin-api.ts';

type Stage = 'idle' | 'reading' | 'uploading' | 'checking' | 'done' | 'failed';

interface IssueRow {
  key: number;
  feature: number | null;
  line: number | null;
  label: string;
  field: string;
  zh: string;
  en: string;
}

/** features[3].properties.code → { feature: 3, field: 'properties.code' }; 'file' → { feature: null }. */
export function splitIssueField(field: string): { feature: number | null; field: string } {
  const m = /^features\[(\d+)\]\.?(.*)$/.exec(field);
  return m ? { feature: Number(m[1]), field: m[2] || '—' } : { feature: null, field };
}

/** code · name of each feature of the file, to name the features the server refuses. */
function featureLabels(text: string): string[] {
  try {
    const doc = JSON.parse(text) as { features?: { properties?: Record<string, unknown> }[] };
    return (doc.features ?? []).map((f) => {
      const p = f?.properties ?? {};
      return [p.code, p.name].filter((x) => typeof x === 'string' && x).join(' · ');
    });
  } catch {
    return [];
  }
}

export function GridImport({ onImported }: { onImported: (r: ImportGridsResult) => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>('idle');
  const [percent, setPercent] = useState(0);
  const [result, setResult] = useState<ImportGridsResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [issues, setIssues] = useState<IssueRow[]>([]);
  const abort = useRef<AbortController | null>(null);

  const reset = (f: File | null) => {
    abort.current?.abort();
    setFile(f);
    setStage('idle');
    setPercent(0);
    setResult(null);
    setError(null);
    setIssues([]);
  };

  const run = async () => {
    if (!file) return;
    const ac = new AbortController();
    abort.current = ac;
    setResult(null);
    setError(null);
    setIssues([]);
    try {
      setStage('reading');
      setPercent(0);
      const text = await file.text();
      setStage('uploading');
      const r = await importGridsFile(
        text,
        (ratio) => {
          // The upload is the first 90 %; the server's check (geometry, overlap) the rest.
          setPercent(Math.round(ratio * 90));
          if (ratio >= 1) setStage('checking');
        },
        ac.signal,
      );
      setPercent(100);
      setStage('done');
      setResult(r);
      onImported(r);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setPercent(100);
      setStage('failed');
      setError(e);
      if (e instanceof ApiError && e.issues.length) {
        const labels = featureLabels(await file.text());
        setIssues(
          e.issues.map((i: FieldIssue, k) => {
            const s = splitIssueField(i.field);
            return {
              key: k,
              feature: s.feature,
              line: i.line ?? null,
              label: s.feature === null ? '' : (labels[s.feature] ?? ''),
              field: s.field,
              zh: i.zh,
              en: i.en,
            };
          }),
        );
      }
    }
  };

  const busy = stage === 'reading' || stage === 'uploading' || stage === 'checking';
  const stageText: Record<Stage, string> = {
    idle: '',
    reading: t('admin.grids.import.reading'),
    uploading: t('admin.grids.import.uploading'),
    checking: t('admin.grids.import.checking'),
    done: t('admin.grids.import.done'),
    failed: t('admin.grids.import.failed'),
  };
  const details = error instanceof ApiError ? error.details : {};
  const rejectedOf =
    typeof details.features === 'number' && typeof details.rejected === 'number'
      ? t('admin.grids.import.rejectedOf', { rejected: details.rejected, features: details.features })
      : '';

  return (
    <Card size="small" title={t('admin.grids.import.title')} data-testid="grid-import">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('admin.grids.import.help')}
      </Typography.Paragraph>
      <FilePick
        accept=".geojson,.json,application/geo+json,application/json"
        file={file}
        busy={busy}
        onPick={reset}
        onSubmit={() => void run()}
        texts={{
          pick: t('admin.grids.import.pick'),
          hint: t('admin.grids.import.pickHint'),
          submit: t('admin.grids.import.submit'),
        }}
        testId="grid-import"
      />
      {stage !== 'idle' && (
        <div style={{ marginTop: 12 }} data-testid="grid-import-progress">
          <Progress
            percent={percent}
            status={stage === 'failed' ? 'exception' : stage === 'done' ? 'success' : 'active'}
          />
          <Typography.Text type="secondary">{stageText[stage]}</Typography.Text>
        </div>
      )}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="grid-import-success"
          message={t('admin.grids.import.success', {
            imported: result.imported,
            replaced: result.replaced,
            villages: result.villages,
          })}
        />
      )}
      {error !== null && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          data-testid="grid-import-error"
          message={errorText(error, i18n).title}
          description={rejectedOf || undefined}
        />
      )}
      {issues.length > 0 && (
        <Table<IssueRow>
          style={{ marginTop: 12 }}
          size="small"
          rowKey="key"
          data-testid="grid-import-issues"
          dataSource={issues}
          pagination={issues.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          tableLayout="auto"
          columns={[
            {
              key: 'feature',
              title: t('admin.grids.import.col.feature'),
              width: 80,
              render: (_, r) =>
                r.feature === null ? t('admin.grids.import.wholeFile') : `#${r.feature + 1}`,
            },
            {
              key: 'line',
              title: t('admin.grids.import.col.line'),
              width: 70,
              render: (_, r) => r.line ?? '—',
            },
            {
              key: 'label',
              title: t('admin.grids.import.col.grid'),
              width: 200,
              render: (_, r) => r.label || '—',
            },
            {
              key: 'field',
              title: t('admin.grids.import.col.field'),
              width: 180,
              render: (_, r) => <code style={{ wordBreak: 'break-all' }}>{r.field}</code>,
            },
            {
              key: 'reason',
              title: t('admin.grids.import.col.reason'),
              render: (_, r) => (lang === 'en' ? r.en : r.zh),
            },
          ]}
        />
      )}
    </Card>
  );
}
