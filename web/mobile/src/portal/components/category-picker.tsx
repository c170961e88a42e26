// The problem category (问题类别): a sheet listing the majors (大类), each opening to its minor
// classes (小类), with a search box over both. Optional: a resident who is not sure leaves it empty
// and the command centre classifies the report.
import { Button, Popup, SearchBar } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { portalApi, type PublicMajor } from '../api/portal-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { ErrorNotice } from './error-notice.tsx';
import { Loading } from './page-frame.tsx';

export interface PickedCategory {
  code: string;
  name: string;
  major: string;
}

let cache: Promise<{ majors: PublicMajor[] }> | null = null;
function loadCategories(signal: AbortSignal) {
  cache ??= portalApi.categories().catch((e: unknown) => {
    cache = null;
    throw e;
  });
  return signal.aborted ? Promise.reject(new DOMException('aborted', 'AbortError')) : cache;
}

export function CategoryPicker({
  value,
  onChange,
}: {
  value: PickedCategory | null;
  onChange: (c: PickedCategory | null) => void;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string | null>(null);
  const data = useAsync((s) => (open ? loadCategories(s) : Promise.resolve(null)), [open]);

  const majors = useMemo(() => {
    const all = data.data?.majors ?? [];
    const q = query.trim().toLowerCase();
    if (!q) return all;
    return all
      .map((m) => ({
        ...m,
        minors: m.name.toLowerCase().includes(q)
          ? m.minors
          : m.minors.filter((x) => x.name.toLowerCase().includes(q) || x.code.startsWith(q)),
      }))
      .filter((m) => m.minors.length > 0);
  }, [data.data, query]);

  const pick = (m: PublicMajor, c: { code: string; name: string }) => {
    onChange({ code: c.code, name: c.name, major: m.name });
    setOpen(false);
  };

  return (
    <>
      <div className="pt-picker-row">
        <Button
          className="pt-picker-button"
          block
          onClick={() => setOpen(true)}
          data-testid="category-open"
          aria-haspopup="dialog"
        >
          <span className={value ? '' : 'pt-placeholder'}>
            {value ? `${value.major} / ${value.name}` : t('category.placeholder')}
          </span>
          <span aria-hidden="true" className="pt-chevron">
            ›
          </span>
        </Button>
        {value && (
          <Button fill="none" className="pt-clear" onClick={() => onChange(null)}>
            {t('category.clear')}
          </Button>
        )}
      </div>
      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        onClose={() => setOpen(false)}
        bodyClassName="pt-sheet"
        destroyOnClose
      >
        <div className="pt-sheet-head">
          <strong>{t('category.title')}</strong>
          <Button fill="none" className="pt-sheet-close" onClick={() => setOpen(false)}>
            {t('common.close')}
          </Button>
        </div>
        <SearchBar
          placeholder={t('category.search')}
          value={query}
          onChange={setQuery}
          data-testid="category-search"
          className="pt-search"
        />
        <div className="pt-sheet-body" role="listbox" aria-label={t('category.title')}>
          {data.loading && <Loading />}
          <ErrorNotice error={data.error} onRetry={data.reload} />
          {!data.loading && !data.error && majors.length === 0 && (
            <div className="pt-empty">{t('category.none')}</div>
          )}
          {majors.map((m) => {
            const show = query.trim() !== '' || expanded === `${m.kind}:${m.code}`;
            return (
              <div key={`${m.kind}:${m.code}`} className="pt-major">
                <button
                  type="button"
                  className="pt-major-head"
                  aria-expanded={show}
                  onClick={() => setExpanded(show && !query ? null : `${m.kind}:${m.code}`)}
                >
                  <span>{m.name}</span>
                  <span className="pt-major-kind">{lang === 'en' ? m.kind_label.en : m.kind_label.zh}</span>
                </button>
                {show &&
                  m.minors.map((c) => (
                    <button
                      type="button"
                      role="option"
                      aria-selected={value?.code === c.code}
                      key={c.code}
                      className="pt-minor"
                      onClick={() => pick(m, c)}
                    >
                      {c.name}
                    </button>
                  ))}
              </div>
            );
          })}
        </div>
      </Popup>
    </>
  );
}
