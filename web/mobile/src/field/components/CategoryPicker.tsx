// The category (案件类别) of a report: a searchable list in a bottom sheet, grouped by major class;
// the list is kept on the device, so it works offline.
import { useMemo, useState } from 'react';
import { List, Popup, SearchBar } from 'antd-mobile';
import type { Category } from '../api/field-api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function CategoryPicker({
  categories,
  value,
  onChange,
  error,
}: {
  categories: Category[];
  value: string | null;
  onChange: (code: string) => void;
  error?: string | null;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const picked = categories.find((c) => c.code === value);
  const groups = useMemo(() => {
    const s = q.trim();
    const hits = s
      ? categories.filter((c) => c.name.includes(s) || c.major_name.includes(s) || c.code.startsWith(s))
      : categories;
    const m = new Map<string, { key: string; title: string; items: Category[] }>();
    for (const c of hits) {
      const k = `${c.kind}${c.major_code}`;
      let g = m.get(k);
      if (!g) m.set(k, (g = { key: k, title: c.major_name, items: [] }));
      g.items.push(c);
    }
    return [...m.values()];
  }, [categories, q]);

  return (
    <>
      <List.Item
        onClick={() => setOpen(true)}
        arrowIcon
        extra={
          picked ? (
            <span style={{ color: '#333' }} data-testid="category-value">
              {picked.name}
            </span>
          ) : (
            t('report.categoryPick')
          )
        }
        description={
          error ? <span className="field-field-error">{error}</span> : picked ? picked.major_name : undefined
        }
        data-testid="category-field"
      >
        {t('report.category')}
      </List.Item>
      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        onClose={() => setOpen(false)}
        bodyStyle={{ height: '80vh', display: 'flex', flexDirection: 'column' }}
        destroyOnClose
      >
        <div style={{ padding: 10 }}>
          <SearchBar
            placeholder={t('report.categorySearch')}
            value={q}
            onChange={setQ}
            data-testid="category-search"
            style={{ '--height': '44px' }}
          />
        </div>
        <div style={{ overflowY: 'auto', flex: 1 }} data-testid="category-list">
          {groups.map((g) => (
            <List key={g.key} header={g.title}>
              {g.items.map((c) => (
                <List.Item
                  key={c.code}
                  onClick={() => {
                    onChange(c.code);
                    setOpen(false);
                    setQ('');
                  }}
                  extra={<span className="field-muted">{c.code}</span>}
                >
                  {c.name}
                </List.Item>
              ))}
            </List>
          ))}
        </div>
      </Popup>
    </>
  );
}
