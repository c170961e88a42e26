// The side panel of a clicked grid: its code and name, its village (with township and county),
// its grid workers, and its open cases (newest first; a click opens the case).
import { CloseOutlined } from '@ant-design/icons';
import { Badge, Button, Descriptions, List, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { AsyncState } from '../../components/async-state.tsx';
import { useAsync } from '../../../../shared/use-async.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { DEADLINE_COLOURS } from './colours.ts';
import { mapApi, type GridStat } from './map-api.ts';
import { colourLabel, stateLabel } from './map-labels.ts';

/** Open cases of the village fetched for the panel (the grid's are among them). */
const VILLAGE_CASES = 200;

export function GridPanel({
  code,
  stat,
  onClose,
}: {
  code: string;
  stat: GridStat | undefined;
  onClose: () => void;
}) {
  const { t, fmt } = useI18n();
  const navigate = useNavigate();
  const { data, loading, error, reload } = useAsync(
    async (signal) => {
      const grid = await mapApi.grid(code, signal);
      const village = grid.properties.region_code;
      const [region, cases] = await Promise.all([
        mapApi.region(village, signal),
        mapApi.openCasesOfVillage(village, VILLAGE_CASES, signal),
      ]);
      return {
        grid,
        region,
        cases: cases.items.filter((c) => c.grid_code === code),
        more: cases.next !== null,
      };
    },
    [code],
  );
  const path = data ? [...data.region.path.filter((p) => p.level !== 'province'), data.region.region] : [];
  return (
    <div className="wg-grid-panel" data-testid="grid-panel">
      <div className="wg-grid-panel-head">
        <Typography.Text strong ellipsis style={{ fontSize: 16 }} data-testid="grid-panel-title">
          {data?.grid.properties.name ?? t('map.panel.title')}
        </Typography.Text>
        <Button
          type="text"
          size="small"
          icon={<CloseOutlined />}
          aria-label={t('map.panel.close')}
          onClick={onClose}
          data-testid="grid-panel-close"
        />
      </div>
      <div className="wg-grid-panel-body">
        <AsyncState loading={loading && !data} error={error} onRetry={reload}>
          {data && (
            <>
              <Descriptions
                size="small"
                column={1}
                bordered
                items={[
                  { key: 'code', label: t('map.panel.code'), children: data.grid.properties.code },
                  {
                    key: 'village',
                    label: t('map.panel.village'),
                    children: <span data-testid="grid-panel-village">{data.region.region.name}</span>,
                  },
                  {
                    key: 'path',
                    label: t('map.panel.path'),
                    children: path
                      .slice(0, -1)
                      .map((p) => p.name)
                      .join(' / '),
                  },
                  {
                    key: 'area',
                    label: t('map.panel.area'),
                    children: t('map.panel.areaValue', { n: fmt.number(data.grid.properties.area_km2, 2) }),
                  },
                  {
                    key: 'counts',
                    label: t('map.panel.counts'),
                    children: t('map.panel.countsValue', {
                      open: fmt.number(stat?.open ?? 0),
                      overdue: fmt.number(stat?.overdue ?? 0),
                    }),
                  },
                ]}
              />
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('map.panel.members')}
              </Typography.Title>
              {data.grid.members.length ? (
                <List
                  size="small"
                  data-testid="grid-panel-members"
                  dataSource={data.grid.members}
                  renderItem={(m) => (
                    <List.Item>
                      <span>{m.display_name}</span>
                      <span>
                        <Tag bordered={false} color="blue">
                          {m.role === 'grid_leader' ? t('map.panel.gridLeader') : t('map.panel.gridWorker')}
                        </Tag>
                        <Tag bordered={false}>
                          {m.full_time ? t('map.panel.fullTime') : t('map.panel.partTime')}
                        </Tag>
                      </span>
                    </List.Item>
                  )}
                />
              ) : (
                <Typography.Text type="secondary">{t('map.panel.noMembers')}</Typography.Text>
              )}
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('map.panel.openCases')}
                {data.cases.length ? ` (${fmt.number(data.cases.length)})` : ''}
              </Typography.Title>
              {data.cases.length ? (
                <List
                  size="small"
                  data-testid="grid-panel-cases"
                  dataSource={data.cases}
                  renderItem={(c) => (
                    <List.Item
                      className="wg-grid-panel-case"
                      onClick={() => void navigate(`/cases/${encodeURIComponent(c.id)}`)}
                    >
                      <div style={{ minWidth: 0, flex: 1 }}>
                        <div>
                          <Badge color={DEADLINE_COLOURS[c.colour]} text={colourLabel(t, c.colour)} />
                          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                            {c.code}
                          </Typography.Text>
                        </div>
                        <Typography.Text ellipsis style={{ display: 'block' }}>
                          {c.title}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {stateLabel(t, c.state)} · {fmt.dateTime(c.reported_at)}
                        </Typography.Text>
                      </div>
                    </List.Item>
                  )}
                />
              ) : (
                <Typography.Text type="secondary">{t('map.panel.noOpenCases')}</Typography.Text>
              )}
              {data.more && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
                  {t('map.panel.moreCases', { n: VILLAGE_CASES })}
                </Typography.Paragraph>
              )}
            </>
          )}
        </AsyncState>
      </div>
    </div>
  );
}
