// Regions and grids: the region tree of the admin's scope (each level loaded when opened, or a
// region found by name), the chosen region's facts and its unit grids, and the GeoJSON import.
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Select,
  Table,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../../auth/auth-context.tsx';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { useShowError } from '../../components/use-show-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { regionLevelLabel } from '../reports/kpi-columns.ts';
import { adminApi, type GridFeature, type RegionView } from './admin-api.ts';
import { GridImport } from './grid-import.tsx';

interface TreeNode {
  key: string;
  title: string;
  isLeaf: boolean;
  children?: TreeNode[];
}

function nodeOf(r: RegionView): TreeNode {
  return { key: r.code, title: r.name, isLeaf: r.level === 'village' || r.child_count === 0 };
}

/** Finds regions by name (GET /regions/search) to jump to one. */
function RegionSearch({ onPick }: { onPick: (code: string) => void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <Select
      showSearch
      style={{ width: '100%', marginBottom: 12 }}
      placeholder={t('admin.regions.search')}
      filterOption={false}
      value={null}
      data-testid="region-search"
      onSearch={(q) => {
        window.clearTimeout(timer.current);
        if (!q.trim()) return setOptions([]);
        timer.current = window.setTimeout(() => {
          adminApi.searchRegions(q.trim()).then(
            (r) =>
              setOptions(
                r.items.map((x) => ({
                  value: x.code,
                  label: `${x.name}（${regionLevelLabel(x.level, t)}）${x.code}`,
                })),
              ),
            () => setOptions([]),
          );
        }, 250);
      }}
      onSelect={(code: string | null) => code && onPick(code)}
      options={options}
      notFoundContent={null}
    />
  );
}

function RegionGrids({ code, version }: { code: string; version: number }) {
  const { t, fmt } = useI18n();
  const [limit, setLimit] = useState(100);
  const { data, loading, error, reload } = useAsync(
    (s) => adminApi.grids(code, undefined, limit, s),
    [code, limit, version],
  );
  return (
    <AsyncState loading={loading && !data} error={error} onRetry={reload}>
      <Table<GridFeature>
        size="small"
        rowKey="id"
        data-testid="grid-table"
        loading={loading}
        dataSource={data?.features ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('admin.grids.none') }}
        columns={[
          { key: 'code', title: t('admin.grids.col.code'), render: (_, g) => g.properties.code },
          { key: 'name', title: t('admin.grids.col.name'), render: (_, g) => g.properties.name },
          {
            key: 'area',
            title: t('admin.grids.col.area'),
            align: 'right',
            render: (_, g) => fmt.number(g.properties.area_km2, 3),
          },
          {
            key: 'source',
            title: t('admin.grids.col.source'),
            render: (_, g) =>
              g.properties.source === 'imported' ? (
                <Tag color="green">{t('admin.grids.source.imported')}</Tag>
              ) : (
                <Tag>{t('admin.grids.source.generated')}</Tag>
              ),
          },
        ]}
        footer={
          data?.next
            ? () => (
                <Flex align="center" gap={8}>
                  <Typography.Text type="secondary">
                    {t('admin.grids.loaded', { n: fmt.number(data.features.length) })}
                  </Typography.Text>
                  <Button size="small" onClick={() => setLimit((l) => Math.min(5000, l + 500))}>
                    {t('admin.common.loadMore')}
                  </Button>
                </Flex>
              )
            : undefined
        }
      />
    </AsyncState>
  );
}

function RegionDetails({ code, version }: { code: string; version: number }) {
  const { t, fmt } = useI18n();
  const { data, loading, error, reload } = useAsync((s) => adminApi.region(code, s), [code, version]);
  const r = data?.region;
  return (
    <AsyncState loading={loading && !data} error={error} onRetry={reload}>
      {r && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            data-testid="region-details"
            title={
              <span>
                {r.name} <Tag>{regionLevelLabel(r.level, t)}</Tag>
              </span>
            }
            items={[
              { key: 'code', label: t('admin.regions.code'), children: r.code },
              {
                key: 'path',
                label: t('admin.regions.path'),
                children: data.path.map((p) => p.name).join(' / ') || '—',
              },
              { key: 'children', label: t('admin.regions.children'), children: fmt.number(r.child_count) },
              {
                key: 'grids',
                label: t('admin.regions.grids'),
                children: <span data-testid="region-grid-count">{fmt.number(r.grid_count)}</span>,
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t('admin.grids.title')}
          </Typography.Title>
          <RegionGrids key={r.code} code={r.code} version={version} />
        </>
      )}
    </AsyncState>
  );
}

export function RegionsGrids() {
  const me = useMe();
  const { t } = useI18n();
  const showError = useShowError();
  // The tree: the scope's regions, and the children of each region opened so far.
  const [children, setChildren] = useState<Record<string, TreeNode[]>>({});
  const [picked, setPicked] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const roots = (me.scope.length ? me.scope : me.user.regions).join(',');
  const rootLoad = useAsync(
    async () =>
      Promise.all(
        roots
          .split(',')
          .filter(Boolean)
          .map((c) => adminApi.region(c)),
      ),
    [roots],
  );
  const tree = useMemo(() => {
    const build = (n: TreeNode): TreeNode => {
      const kids = children[n.key];
      return kids ? { ...n, children: kids.map(build) } : n;
    };
    return (rootLoad.data ?? []).map((r) => build(nodeOf(r.region)));
  }, [rootLoad.data, children]);
  const selected = picked ?? rootLoad.data?.[0]?.region.code ?? null;

  const loadChildren = async (key: string) => {
    try {
      const { items } = await adminApi.regions(key);
      setChildren((prev) => ({ ...prev, [key]: items.map(nodeOf) }));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8} xl={7}>
        <Card size="small" title={t('admin.regions.tree')}>
          <RegionSearch onPick={setPicked} />
          <AsyncState
            loading={rootLoad.loading && !rootLoad.data}
            error={rootLoad.error}
            onRetry={rootLoad.reload}
          >
            <div style={{ maxHeight: 560, overflow: 'auto' }}>
              <Tree
                data-testid="region-tree"
                treeData={tree}
                defaultExpandedKeys={tree.map((n) => n.key)}
                selectedKeys={selected ? [selected] : []}
                loadData={(n) => loadChildren(String(n.key))}
                onSelect={(keys) => keys[0] !== undefined && setPicked(String(keys[0]))}
              />
            </div>
          </AsyncState>
        </Card>
      </Col>
      <Col xs={24} lg={16} xl={17}>
        <Card size="small" style={{ marginBottom: 16 }}>
          {selected ? (
            <RegionDetails code={selected} version={version} />
          ) : (
            <Empty description={t('admin.regions.pick')} />
          )}
        </Card>
        <GridImport onImported={() => setVersion((v) => v + 1)} />
      </Col>
    </Row>
  );
}
