// Pickers for administration forms: regions (a tree of the user's scope, loaded level by level)
// and handling units (searched on the server). Both take and give plain codes / ids and show the
// names of values that are not loaded yet (looked up once, cached for the page's life).
import { Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useMe } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { adminApi, type RegionView } from './admin-api.ts';
import { regionLevelLabel } from '../reports/kpi-columns.ts';

const regionNameCache = new Map<string, Promise<string>>();
const unitNameCache = new Map<string, Promise<string>>();

function cachedName(cache: Map<string, Promise<string>>, key: string, load: () => Promise<string>) {
  let p = cache.get(key);
  if (!p) {
    p = load().catch(() => key);
    cache.set(key, p);
  }
  return p;
}

export const regionName = (code: string) =>
  cachedName(regionNameCache, code, () => adminApi.region(code).then((r) => r.region.name));
export const unitName = (id: string) =>
  cachedName(unitNameCache, id, () => adminApi.unit(id).then((r) => r.unit.name));

/** Names of the given codes/ids (the code itself until its name arrives, or if it cannot be read). */
export function useNames(keys: readonly string[], kind: 'region' | 'unit'): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const joined = [...new Set(keys)].sort().join(',');
  useEffect(() => {
    let live = true;
    const list = joined ? joined.split(',') : [];
    const lookup = kind === 'region' ? regionName : unitName;
    void Promise.all(list.map(async (k) => [k, await lookup(k)] as const)).then((pairs) => {
      if (live) setNames((prev) => ({ ...prev, ...Object.fromEntries(pairs) }));
    });
    return () => {
      live = false;
    };
  }, [joined, kind]);
  return names;
}

interface TreeNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

function nodeOf(r: RegionView, pId: string | null, levelText: string): TreeNode {
  return {
    id: r.code,
    pId,
    value: r.code,
    title: `${r.name}（${levelText}）`,
    isLeaf: r.level === 'village' || r.child_count === 0,
  };
}

type Labeled = { value: string; label: string };

export interface RegionPickerProps {
  value?: string | string[] | null;
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
  allowClear?: boolean;
}

/** A region (or several) of the user's scope, from a tree that loads each level when opened. */
export function RegionPicker({
  value,
  onChange,
  multiple,
  placeholder,
  testId,
  style,
  allowClear,
}: RegionPickerProps) {
  const me = useMe();
  const { t } = useI18n();
  const [nodes, setNodes] = useState<TreeNode[]>([]);
  const loaded = useRef(new Set<string>());
  const roots = (me.scope.length ? me.scope : me.user.regions).join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(
      roots
        .split(',')
        .filter(Boolean)
        .map((c) => adminApi.region(c).then((r) => r.region)),
    ).then(
      (rs) => live && setNodes(rs.map((r) => nodeOf(r, null, regionLevelLabel(r.level, t)))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [roots, t]);
  const codes = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  const names = useNames(codes, 'region');
  const labeled: Labeled[] = codes.map((c) => ({
    value: c,
    label: nodes.find((n) => n.id === c)?.title ?? names[c] ?? c,
  }));
  const loadData = async (node: { value?: unknown }) => {
    const id = typeof node.value === 'string' ? node.value : undefined;
    if (!id || loaded.current.has(id)) return;
    loaded.current.add(id);
    const { items } = await adminApi.regions(id);
    setNodes((prev) => {
      const known = new Set(prev.map((n) => n.id));
      return [
        ...prev,
        ...items.filter((r) => !known.has(r.code)).map((r) => nodeOf(r, id, regionLevelLabel(r.level, t))),
      ];
    });
  };
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width: '100%', ...style }}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      labelInValue
      multiple={multiple}
      allowClear={allowClear ?? true}
      showSearch
      treeNodeFilterProp="title"
      placeholder={placeholder ?? t('admin.pickRegion')}
      value={multiple ? labeled : (labeled[0] ?? undefined)}
      onChange={(v: Labeled | Labeled[] | undefined) => {
        if (!onChange) return;
        if (Array.isArray(v)) onChange(v.map((x) => x.value));
        else onChange(v?.value);
      }}
      popupMatchSelectWidth={false}
      listHeight={360}
    />
  );
}

export interface UnitPickerProps {
  value?: string | string[] | null;
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
}

/** A handling unit (or several), searched by name on the server. */
export function UnitPicker({ value, onChange, multiple, placeholder, testId, style }: UnitPickerProps) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Labeled[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const ids = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  const names = useNames(ids, 'unit');
  const labeled: Labeled[] = ids.map((id) => ({ value: id, label: names[id] ?? id }));
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setSearching(true);
      adminApi
        .units({ q: q || undefined, limit: 30, active: true })
        .then(
          (p) => setOptions(p.items.map((u) => ({ value: u.id, label: `${u.name}` }))),
          () => setOptions([]),
        )
        .finally(() => setSearching(false));
    }, 250);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const merged = useMemo(() => {
    const seen = new Set(options.map((o) => o.value));
    return [...options, ...labeled.filter((l) => !seen.has(l.value))];
  }, [options, labeled]);
  return (
    <Select<Labeled | Labeled[]>
      data-testid={testId}
      style={{ width: '100%', ...style }}
      mode={multiple ? 'multiple' : undefined}
      labelInValue
      showSearch
      allowClear
      filterOption={false}
      loading={searching}
      onSearch={search}
      onFocus={() => options.length === 0 && search('')}
      placeholder={placeholder ?? t('admin.pickUnit')}
      options={merged}
      value={multiple ? labeled : labeled[0]}
      onChange={(v) => {
        if (!onChange) return;
        if (Array.isArray(v)) onChange(v.map((x) => x.value));
        else onChange(v?.value);
      }}
      notFoundContent={searching ? t('state.loading') : t('state.empty')}
    />
  );
}
