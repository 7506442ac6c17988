import { Link } from 'react-router-dom';
import { Button, Card, Empty, Progress, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FactoryLine, PlantOee } from '../../../api/types';
import { can, useCurrentUser } from '../../auth/session';
import { PLANT_ALARMS, useAlarms } from '../andonApi';
import { lineDays, useIngestStats, useLines, usePlantOees } from '../api';
import { FeedBanner } from '../FeedBanner';
import { useStopLabels } from '../useOeeLabels';
import { lineName } from '../model';
import { pct, ratioColor, shiftLabel } from '../oeeFormat';
import { plantDay } from '../plantTime';
import { useLinesOutput } from '../shift/api';

/** The shift in progress of the first plant that has one: its name and the plant's figures so far. */
function currentShift(plants: (PlantOee | undefined)[]) {
  for (const p of plants) {
    const s = p?.shifts.find((x) => x.inProgress);
    if (s) return s;
  }
  return null;
}

/**
 * 今日产线: each line's OEE today with its output and open alarms, the shift in progress on top; a line opens its
 * page. For the plant's manager and engineers, and a park officer following the plants in their region.
 */
export default function PlantTodayCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const lines = useLines(true);
  const day = plantDay();
  const plants = usePlantOees([...new Set((lines.data ?? []).map((l) => l.orgId))], day);
  const days = lineDays(plants);
  const alarms = useAlarms(PLANT_ALARMS, { refetchInterval: 15_000 });
  const openByLine = new Map<string, number>();
  for (const a of alarms.data?.items ?? []) if (a.lineId) openByLine.set(a.lineId, (openByLine.get(a.lineId) ?? 0) + 1);
  const shift = currentShift(plants);
  const stats = useIngestStats();
  const stopLabels = useStopLabels();
  // Each line's output in the shift in progress against its target (the article's 70–80 housings a shift). Output
  // here is always finished units from the unit records — the shift report's figures — never the machines' part
  // counters behind the OEE, which count cycles (a NOK part, a part not yet through the routing) and would differ.
  const output = useLinesOutput();
  const outputOf = new Map((output.data?.lines ?? []).map((o) => [o.lineId, o]));
  const shiftGood = (output.data?.lines ?? []).reduce((s, o) => s + o.good, 0);
  const shiftNok = (output.data?.lines ?? []).reduce((s, o) => s + o.nok, 0);

  return (
    <Card
      title={t('factoryWorkbench.plantToday')}
      extra={
        <Link to="/factory">
          {t('factoryWorkbench.plantOverview')} <RightOutlined />
        </Link>
      }
      style={{ height: '100%' }}
    >
      {lines.isPending ? (
        <Skeleton active />
      ) : !lines.data?.length ? (
        <Empty description={t('factoryWorkbench.noLines')}>
          {can(me, 'factory.manage') && (
            <Link to="/factory/model">
              <Button type="primary">{t('factoryWorkbench.setUpPlant')}</Button>
            </Link>
          )}
        </Empty>
      ) : (
        <>
          <FeedBanner stats={stats.data} now={stats.dataUpdatedAt || Date.now()} />
          <div className="gb-wb-sub">
            {shift ? (
              <span data-testid="wb-shift">
                {t('factoryWorkbench.currentShift', { shift: shiftLabel(shift.name, shift.code, t) })} · OEE{' '}
                <b style={{ color: ratioColor(shift.line.oee) }}>{pct(shift.line.oee)}</b>
                {output.data && (
                  <>
                    {' · '}
                    {t('factoryWorkbench.shiftUnits', { good: shiftGood.toLocaleString() })}
                    {shiftNok > 0 && <span style={{ color: '#d23f3f' }}> · {t('factoryWorkbench.shiftNok', { nok: shiftNok.toLocaleString() })}</span>}
                  </>
                )}
              </span>
            ) : (
              <span>{t('factoryWorkbench.noShift')}</span>
            )}
            {alarms.data && (
              <Link to="/factory/andon">
                <Tag color={alarms.data.total > 0 ? 'red' : 'green'} style={{ marginInlineStart: 8 }}>
                  {alarms.data.total > 0 ? t('factoryWorkbench.openAlarmsCount', { count: alarms.data.total }) : t('factoryWorkbench.noAlarms')}
                </Tag>
              </Link>
            )}
          </div>
          <div className="gb-wb-rows" data-testid="wb-lines">
            {lines.data.map((l: FactoryLine) => {
              const f = days.get(l.id);
              const open = openByLine.get(l.id) ?? 0;
              return (
                <Link key={l.id} to={`/factory/lines/${l.id}`} className="gb-wb-row" data-testid={`wb-line-${l.code}`}>
                  <span className="gb-wb-row__main">
                    <Typography.Text strong>{lineName(l)}</Typography.Text>
                    <span className="gb-muted gb-mono" style={{ fontSize: 12 }}>
                      {' '}
                      {l.code}
                    </span>
                    {(() => {
                      const o = outputOf.get(l.id);
                      if (!o?.shiftCode) return null;
                      const nok = o.nok > 0 && <span style={{ color: '#d23f3f' }}>{t('factoryWorkbench.shiftNok', { nok: o.nok })}</span>;
                      if (o.target === null)
                        return (
                          <div className="gb-muted" style={{ fontSize: 12, display: 'flex', gap: 8, flexWrap: 'wrap' }} data-testid="wb-line-units">
                            <span className="gb-nowrap">{t('factoryWorkbench.shiftUnits', { good: o.good })}</span>
                            {nok}
                          </div>
                        );
                      const behind = o.targetSoFar !== null && o.good < o.targetSoFar * 0.9;
                      const row = (
                        <div
                          className="gb-wb-target"
                          style={{ fontSize: 12, display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}
                          data-testid="wb-line-target"
                          data-behind={behind || undefined}
                        >
                          <span className="gb-nowrap" style={{ color: behind ? '#d23f3f' : undefined }}>
                            {t('factory.shiftReport.cardTarget', { good: o.good, target: o.target })}
                          </span>
                          <Progress
                            percent={Math.min(100, (o.good / o.target) * 100)}
                            showInfo={false}
                            size="small"
                            strokeColor={behind ? '#d23f3f' : '#1a8f5a'}
                            style={{ width: 96, margin: 0 }}
                          />
                          {nok}
                        </div>
                      );
                      return behind && o.targetSoFar !== null ? <Tooltip title={t('factory.shiftReport.cardBehind', { n: Math.round(o.targetSoFar) })}>{row}</Tooltip> : row;
                    })()}
                    {/* Why the line lost time today: its two longest stop causes, in machine-minutes. */}
                    {f && f.stops.some((r) => r.seconds >= 30) && (
                      <div className="gb-muted" style={{ fontSize: 12 }} data-testid="wb-line-stops">
                        {t('factoryWorkbench.topStops')}{' '}
                        {f.stops
                          // A stop that rounds to 0 minutes says nothing a manager can act on.
                          .filter((r) => r.seconds >= 30)
                          .slice(0, 2)
                          .map((r) => `${stopLabels.name(r)} ${Math.round(r.seconds / 60).toLocaleString()} ${stopLabels.minutes}`)
                          .join(' · ')}
                      </div>
                    )}
                  </span>
                  {open > 0 && <Tag color="red">{t('factoryWorkbench.openAlarmsCount', { count: open })}</Tag>}
                  <span className="gb-wb-row__figure" style={{ color: ratioColor(f?.oee) }}>
                    {pct(f?.oee)}
                  </span>
                </Link>
              );
            })}
          </div>
          <div className="gb-muted" style={{ fontSize: 12, marginTop: 8 }}>
            {t('factoryWorkbench.plantTodayHint')}
          </div>
        </>
      )}
    </Card>
  );
}
