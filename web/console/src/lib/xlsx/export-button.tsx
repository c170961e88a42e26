// "Export to Excel" for any table: give it the columns (title, kind, how to read the value from a
// row) and the rows as shown; it writes a real .xlsx (xlsx-writer.ts, loaded only on click) and
// hands it to the browser as a download. Rates are ratios (0.953) written with a percent format,
// so the spreadsheet can compute with them; empty rates are written as "—" like on screen.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { XlsxCellKind, XlsxValue } from './xlsx-writer.ts';

export interface ExportColumn<T> {
  title: string;
  kind?: XlsxCellKind;
  value: (row: T) => XlsxValue;
}

export interface ExportButtonProps<T> {
  /** File name without extension (characters a file system refuses are replaced). */
  fileName: string;
  sheetName?: string;
  columns: readonly ExportColumn<T>[];
  rows: readonly T[];
  /** Rows after the data, e.g. the total. */
  footerRows?: readonly T[];
  disabled?: boolean;
  testId?: string;
}

/** Saves bytes as a file through a temporary object URL and a download link. */
export function saveBytes(bytes: Uint8Array, fileName: string, type: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportButton<T>({
  fileName,
  sheetName,
  columns,
  rows,
  footerRows = [],
  disabled,
  testId = 'export-xlsx',
}: ExportButtonProps<T>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { writeXlsx, XLSX_MIME } = await import('./xlsx-writer.ts');
      const all = [...rows, ...footerRows];
      const bytes = writeXlsx({
        name: sheetName ?? fileName,
        columns: columns.map((c) => ({ header: c.title, kind: c.kind ?? 'text' })),
        rows: all.map((r) => columns.map((c) => c.value(r))),
      });
      saveBytes(bytes, `${fileName.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`, XLSX_MIME);
    } catch (e) {
      console.error('export failed', e);
      void message.error(t('xlsx.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={disabled || !rows.length}
      onClick={() => void run()}
      data-testid={testId}
    >
      {t('xlsx.export')}
    </Button>
  );
}
