// 一张图 Map: the grids of the user's scope coloured by open or overdue cases, open cases as
// clustered markers, region outlines; a click on a grid opens its panel (village, grid workers,
// open cases). The basemap is the server's setting (none, 天地图, XYZ). /map?grid=CODE opens on
// one grid.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Spin, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../auth/auth-context.tsx';
import { AsyncState } from '../components/async-state.tsx';
import { useAsync } from '../../../shared/use-async.ts';
import { errorText } from '../api/error-text.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { ColourMode } from '../features/map/colours.ts';
import { GridMap } from '../features/map/GridMap.tsx';
import { GridPanel } from '../features/map/GridPanel.tsx';
import { MapLegend } from '../features/map/MapLegend.tsx';
import type { GridMapController, MapStatus } from '../features/map/map-controller.ts';
import { mapApi } from '../features/map/map-api.ts';
import '../features/map/map.css';

const GRID_CODE = /^[0-9]{12}([0-9]{3}|[A-Z][0-9]{3})$/;

export default function MapPage() {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const me = useMe();
  const [params] = useSearchParams();
  const focus = params.get('grid');
  const scopeCodes = me.scope.length ? me.scope : me.user.regions;
  const setup = useAsync(
    async (signal) => {
      const [config, regions] = await Promise.all([
        mapApi.config(signal),
        Promise.all(scopeCodes.map((c) => mapApi.region(c, signal).then((r) => r.region))),
      ]);
      return { config, regions };
    },
    [scopeCodes.join(',')],
  );
  const [mode, setMode] = useState<ColourMode>('open');
  const [showCases, setShowCases] = useState(true);
  const [selected, setSelected] = useState<string | null>(focus && GRID_CODE.test(focus) ? focus : null);
  const [status, setStatus] = useState<MapStatus | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [ctl, setCtl] = useState<GridMapController | null>(null);

  const statusError = status?.error ? errorText(status.error, i18n).title : null;
  return (
    <div className="wg-map-page" data-testid="map-page">
      <div className="wg-map-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('menu.map')}
        </Typography.Title>
        <Space size={8}>
          <Typography.Text type="secondary">{t('map.colourBy')}</Typography.Text>
          <Segmented<ColourMode>
            data-testid="map-colour-mode"
            value={mode}
            onChange={setMode}
            options={[
              { value: 'open', label: t('map.colourBy.open') },
              { value: 'overdue', label: t('map.colourBy.overdue') },
            ]}
          />
        </Space>
        <Space size={8}>
          <Switch checked={showCases} onChange={setShowCases} size="small" data-testid="map-show-cases" />
          <Typography.Text>{t('map.layer.cases')}</Typography.Text>
        </Space>
        <Space size={16} style={{ marginLeft: 'auto' }} wrap>
          {status && (
            <Typography.Text type="secondary" data-testid="map-status">
              {t('map.gridCount', { n: fmt.number(status.grids) })} ·{' '}
              {t('map.caseCount', { n: fmt.number(status.cases) })}
              {status.casesTruncated ? ` (${t('map.truncated')})` : ''}
            </Typography.Text>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => setRefreshKey((k) => k + 1)}
            loading={status?.loadingCases ?? false}
            disabled={!ctl}
            data-testid="map-refresh"
          >
            {t('map.refresh')}
          </Button>
        </Space>
      </div>
      <div className="wg-map-body">
        <AsyncState
          loading={setup.loading}
          error={setup.error}
          onRetry={setup.reload}
          empty={setup.data?.regions.length === 0}
          emptyText={t('map.noScope')}
        >
          {setup.data && (
            <>
              <GridMap
                config={setup.data.config}
                scope={setup.data.regions}
                colourMode={mode}
                showCases={showCases}
                selected={selected}
                focus={selected === focus ? focus : null}
                refreshKey={refreshKey}
                onSelect={setSelected}
                onStatus={setStatus}
                onController={setCtl}
              />
              {ctl && <MapLegend mode={mode} showCases={showCases} />}
              {status && (status.needZoom || status.loadingGrids || statusError) && (
                <div className="wg-map-hint" data-testid="map-hint" role={statusError ? 'alert' : undefined}>
                  {statusError ? (
                    <Typography.Text type="danger">{statusError}</Typography.Text>
                  ) : status.loadingGrids ? (
                    <Space size={8}>
                      <Spin size="small" />
                      {t('map.loadingGrids')}
                    </Space>
                  ) : (
                    t('map.zoomHint')
                  )}
                </div>
              )}
              {selected && (
                <GridPanel
                  key={selected}
                  code={selected}
                  stat={ctl?.gridStat(selected)}
                  onClose={() => setSelected(null)}
                />
              )}
            </>
          )}
        </AsyncState>
      </div>
    </div>
  );
}
