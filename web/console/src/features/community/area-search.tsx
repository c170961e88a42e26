// A community (村/社区) or service centre's area, found by typing part of its name: the server
// searches the user's scope (GET /regions/search); only regions of the given levels are offered.
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { adminApi } from '../admin/admin-api.ts';
import { useNames } from '../admin/pickers.tsx';
import { regionLevelLabel } from '../reports/kpi-columns.ts';

interface Option {
  value: string;
  label: string;
}

export function AreaSearch({
  value,
  onChange,
  levels,
  placeholder,
  testId,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  levels: readonly string[];
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const names = useNames(value ? [value] : [], 'region');
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = window.setTimeout(() => {
      setSearching(true);
      adminApi
        .searchRegions(q.trim())
        .then(
          (r) =>
            setOptions(
              r.items
                .filter((x) => levels.includes(x.level))
                .map((x) => ({ value: x.code, label: `${x.name}（${regionLevelLabel(x.level, t)}）` })),
            ),
          () => setOptions([]),
        )
        .finally(() => setSearching(false));
    }, 250);
  };
  const known =
    value && !options.some((o) => o.value === value) ? [{ value, label: names[value] ?? value }] : [];
  return (
    <Select<string>
      data-testid={testId}
      showSearch
      allowClear
      filterOption={false}
      loading={searching}
      placeholder={placeholder ?? t('community.area.search')}
      value={value}
      onSearch={search}
      onChange={(v) => onChange?.(v)}
      options={[...known, ...options]}
      notFoundContent={searching ? t('state.loading') : t('community.area.notFound')}
      style={{ width: '100%' }}
    />
  );
}
