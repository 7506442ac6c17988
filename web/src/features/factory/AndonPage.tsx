import { useCallback, useMemo, useState } from 'react';
import { App as AntApp, Alert, Badge, Button, Select, Tabs } from 'antd';
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Alarm, Severity } from '../../api/types';
import { errorText } from '../../api/errors';
import { PageHeader } from '../shell/PageHeader';
import { SearchInput } from '../admin/common/SearchInput';
import { useListParams } from '../admin/common/useListParams';
import { can, useMe } from '../auth/session';
import { useIngestStats, useLines } from './api';
import { FeedBanner, feedDown } from './FeedBanner';
import { useAcknowledge, useResolve } from './andonApi';
import { AlarmCard, alarmDeviceName, alarmMessage } from './AlarmCard';
import { AlarmHistory } from './AlarmHistory';
import { ResolveModal } from './ResolveModal';
import { StreamIndicator } from './StreamIndicator';
import { useAndonStream } from './useAndonStream';
import { useNow } from './useNow';
import { lineName, SEVERITIES } from './model';
import './factory.css';
import './andon.css';
import './oee.css';

const FILTERS = ['tab', 'lineId', 'q'] as const;
const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
/** How long the screen flashes for a new critical alarm; its banner stays until acknowledged or dismissed. */
const FLASH_MS = 8_000;

/**
 * Most severe first, then the oldest. Acknowledging does not move a card: on a handheld the next alarm's button
 * would otherwise slide under the finger that just acknowledged (an acknowledged card shows it, greyed).
 */
const boardOrder = (a: Alarm, b: Alarm) => RANK[a.severity] - RANK[b.severity] || a.raisedAt.localeCompare(b.raisedAt) || a.id - b.id;

/**
 * The andon board: the plant's open alarms live from the server's event stream, acknowledged and resolved here by
 * whoever is on the floor (a handheld at 390 px works as well as the big screen), with a history of resolved ones.
 * A new critical alarm flashes the whole screen (no sound) and stays in a banner until someone acknowledges it.
 */
export default function AndonPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { filters, page, pageSize, setFilter, setPage } = useListParams(FILTERS);
  const tab = filters.tab === 'history' ? 'history' : 'open';
  const lines = useLines();
  const stats = useIngestStats();
  const stale = feedDown(stats.data);
  const [flash, setFlash] = useState<{ alarm: Alarm; until: number } | null>(null);
  const [fresh, setFresh] = useState<Set<number>>(() => new Set());
  const onRaised = useCallback((a: Alarm) => {
    setFresh((s) => new Set(s).add(a.id));
    if (a.severity === 'critical') setFlash({ alarm: a, until: Date.now() + FLASH_MS });
  }, []);
  const stream = useAndonStream(onRaised);
  const now = useNow(1_000);
  const acknowledge = useAcknowledge();
  const resolve = useResolve();
  const [resolving, setResolving] = useState<Alarm | null>(null);
  // The server's rule: the plant's own organisation acknowledges (factory.read) and resolves (factory.manage);
  // readers from elsewhere (a park officer) watch the board without buttons.
  const me = useMe().data;
  const ownPlant = (a: Alarm) => !!me && (me.platformAdmin || a.orgId === me.user.orgId);
  const mayAcknowledge = (a: Alarm) => ownPlant(a) && can(me, 'factory.read');
  const mayResolve = (a: Alarm) => ownPlant(a) && can(me, 'factory.manage');

  const all = useMemo(() => [...stream.open.values()].sort(boardOrder), [stream.open]);
  const shown = filters.lineId ? all.filter((a) => a.lineId === filters.lineId) : all;
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, shown.filter((a) => a.severity === s).length])) as Record<Severity, number>;
  const unacked = shown.filter((a) => !a.acknowledgedAt).length;
  const lineById = new Map((lines.data ?? []).map((l) => [l.id, l]));
  // The banner follows its alarm: gone once someone acknowledged or resolved it.
  const flashing = flash && stream.open.get(flash.alarm.id) && !stream.open.get(flash.alarm.id)?.acknowledgedAt ? flash : null;

  const onAcknowledge = (a: Alarm) =>
    acknowledge.mutate(a.id, {
      onSuccess: (r) => {
        stream.apply(r);
        message.success(t('factory.andon.ackDone', { device: r.deviceCode }));
      },
      onError: (err) => message.error(errorText(err, t)),
    });
  const onResolve = (note: string) => {
    if (!resolving) return;
    resolve.mutate(
      { id: resolving.id, note: note || undefined },
      {
        onSuccess: (r) => {
          stream.apply(r);
          setResolving(null);
          message.success(t('factory.andon.resolveDone', { device: r.deviceCode }));
        },
        onError: (err) => message.error(errorText(err, t)),
      },
    );
  };

  const lineFilter = (
    <Select
      className="gb-toolbar__select gb-andon-line"
      allowClear
      placeholder={t('factory.andon.lineFilter')}
      value={filters.lineId}
      onChange={(v: string | undefined) => setFilter('lineId', v)}
      options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${lineName(l)}` }))}
      data-testid="andon-line-filter"
    />
  );

  const board = (
    <>
      <div className="gb-andon-summary" data-testid="andon-summary">
        {SEVERITIES.map((s) => (
          <div className={`gb-andon-count gb-andon-count--${s}${counts[s] ? ' gb-andon-count--on' : ''}`} key={s} data-testid={`andon-count-${s}`}>
            <span className="gb-andon-count__value">{counts[s]}</span>
            <span className="gb-andon-count__label">{t(`factory.andon.severity.${s}`)}</span>
          </div>
        ))}
        <div className={`gb-andon-count gb-andon-count--unacked${unacked ? ' gb-andon-count--on' : ''}`} data-testid="andon-count-unacked">
          <span className="gb-andon-count__value">{unacked}</span>
          <span className="gb-andon-count__label">{t('factory.andon.unacknowledged')}</span>
        </div>
      </div>
      <div className="gb-toolbar gb-andon-toolbar">{lineFilter}</div>
      {stream.status === 'connecting' && !stream.updatedAt ? (
        <div className="gb-andon-empty">{t('factory.andon.connecting')}</div>
      ) : !shown.length ? (
        // No open alarm is "all normal" only while data arrives.
        <div className={`gb-andon-empty${stale ? '' : ' gb-andon-empty--ok'}`} data-testid="andon-empty" data-stale={stale || undefined}>
          {!stale && <CheckCircleFilled className="gb-andon-empty__icon" />}
          <span className="gb-andon-empty__text">{stale ? t('factory.andon.emptyNoData') : filters.lineId ? t('factory.andon.emptyLine') : t('factory.andon.empty')}</span>
        </div>
      ) : (
        <div className="gb-alarms" data-testid="andon-open-list">
          {shown.map((a) => (
            <AlarmCard
              key={a.id}
              alarm={a}
              line={a.lineId ? lineById.get(a.lineId) : undefined}
              now={now}
              fresh={fresh.has(a.id) && !a.acknowledgedAt}
              acking={acknowledge.isPending && acknowledge.variables === a.id}
              onAcknowledge={mayAcknowledge(a) ? () => onAcknowledge(a) : undefined}
              onResolve={mayResolve(a) ? () => setResolving(a) : undefined}
            />
          ))}
        </div>
      )}
    </>
  );

  return (
    <div data-testid="andon-page" className="gb-andon">
      {flashing && now < flashing.until && <div className="gb-andon-flash" aria-hidden data-testid="andon-flash" />}
      <PageHeader title={t('factory.andon.title')} subtitle={t('factory.andon.subtitle')} extra={<StreamIndicator status={stream.status} updatedAt={stream.updatedAt} />} />
      {flashing && (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          className="gb-andon-banner"
          role="alert"
          data-testid="andon-banner"
          title={`${t('factory.andon.newCritical')} · ${flashing.alarm.deviceCode} ${alarmDeviceName(flashing.alarm)}`}
          description={alarmMessage(flashing.alarm)}
          action={
            <Button size="small" onClick={() => setFlash(null)}>
              {t('factory.andon.dismiss')}
            </Button>
          }
        />
      )}
      <FeedBanner stats={stats.data} now={stats.dataUpdatedAt || Date.now()} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setFilter('tab', k === 'history' ? 'history' : null)}
        items={[
          {
            key: 'open',
            label: (
              <span data-testid="andon-tab-open">
                {t('factory.andon.tabs.open')} <Badge count={all.length} showZero color={all.some((a) => a.severity === 'critical') ? '#d23f3f' : '#8c8c8c'} />
              </span>
            ),
            children: board,
          },
          {
            key: 'history',
            label: <span data-testid="andon-tab-history">{t('factory.andon.tabs.history')}</span>,
            children: (
              <div className="gb-panel">
                <div className="gb-toolbar">
                  <SearchInput
                    className="gb-toolbar__search"
                    value={filters.q}
                    onChange={(v) => setFilter('q', v)}
                    placeholder={t('factory.andon.history.search')}
                    testId="alarm-search"
                  />
                  {lineFilter}
                </div>
                <AlarmHistory lineId={filters.lineId} q={filters.q} page={page} pageSize={pageSize} onPage={setPage} lines={lines.data ?? []} />
              </div>
            ),
          },
        ]}
      />
      <ResolveModal alarm={resolving} pending={resolve.isPending} onCancel={() => setResolving(null)} onResolve={onResolve} />
    </div>
  );
}
