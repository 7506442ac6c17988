import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Button, Card, Empty, Select, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/errors';
import { useCurrentUser } from '../../auth/session';
import { PLANT_ALARMS, useAcknowledge, useAlarms } from '../andonApi';
import { alarmDeviceName, alarmMessage } from '../AlarmCard';
import { lineDays, useLines, usePlantOees } from '../api';
import { lineName } from '../model';
import { pct } from '../oeeFormat';
import { plantDay, plantHm } from '../plantTime';

const storageKey = (userId: string) => `gearbridge.myLine.${userId}`;

const RANK = { critical: 0, warning: 1, info: 2 } as const;
const SHOWN = 20;

/**
 * 我的产线安灯: the open alarms of the operator's line, oldest first so that acknowledging one never moves the next
 * one's button under the finger, each acknowledged here; the line is chosen once and remembered on this device.
 * With `plant`, the manager's view: every line's open alarms, most severe first (still stable when one is
 * acknowledged), no line to choose.
 */
export default function MyLineAndonCard({ plant = false }: { plant?: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const lines = useLines();
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(storageKey(me.user.id)));
  const own = (lines.data ?? []).filter((l) => me.platformAdmin || l.orgId === me.user.orgId);
  const line = own.find((l) => l.id === chosen) ?? own[0];
  // The plant's view reads the same page of open alarms as the lines card beside it (one request for both).
  const alarms = useAlarms(plant ? PLANT_ALARMS : { state: 'open', lineId: line?.id, page: 1, pageSize: SHOWN }, { refetchInterval: 5_000, enabled: !!line });
  const plants = usePlantOees(line ? [line.orgId] : [], plantDay());
  const today = line ? lineDays(plants).get(line.id) : undefined;
  const acknowledge = useAcknowledge();
  const items = [...(alarms.data?.items ?? [])]
    .sort((a, b) => (plant ? RANK[a.severity] - RANK[b.severity] : 0) || a.raisedAt.localeCompare(b.raisedAt) || a.id - b.id)
    .slice(0, SHOWN);

  const choose = (id: string) => {
    localStorage.setItem(storageKey(me.user.id), id);
    setChosen(id);
  };

  return (
    <Card
      title={plant ? t('factoryWorkbench.plantAlarms', { count: alarms.data?.total ?? 0 }) : t('factoryWorkbench.myLine')}
      extra={
        <Link to={line && !plant ? `/factory/andon?lineId=${line.id}` : '/factory/andon'}>
          {t('factoryWorkbench.andonBoard')} <RightOutlined />
        </Link>
      }
      style={{ height: '100%' }}
    >
      {lines.isPending ? (
        <Skeleton active />
      ) : !line ? (
        <Empty description={t('factoryWorkbench.noLines')} />
      ) : (
        <>
          {!plant && (
            <div className="gb-wb-sub" style={{ gap: 8 }}>
              <Select
                value={line.id}
                onChange={choose}
                aria-label={t('factoryWorkbench.chooseLine')}
                style={{ minWidth: 200, maxWidth: '100%' }}
                options={own.map((l) => ({ value: l.id, label: `${l.code} · ${lineName(l)}` }))}
                data-testid="wb-line-select"
              />
              <span className="gb-muted">{t('factoryWorkbench.lineOeeToday', { oee: pct(today?.oee), good: today ? today.good.toLocaleString() : '—' })}</span>
            </div>
          )}
          {alarms.isPending ? (
            <Skeleton active />
          ) : items.length === 0 ? (
            <Empty
              image={<CheckCircleFilled style={{ fontSize: 40, color: '#1a8f5a' }} />}
              description={t(plant ? 'factoryWorkbench.plantAllClear' : 'factoryWorkbench.allClear')}
            />
          ) : (
            <div className="gb-wb-rows" data-testid="wb-andon">
              {items.map((a) => (
                <div className="gb-wb-row" key={a.id} data-testid={`wb-alarm-${a.id}`}>
                  <Tag color={a.severity === 'critical' ? 'red' : a.severity === 'warning' ? 'orange' : 'blue'} variant="solid">
                    {t(`factory.andon.severity.${a.severity}`)}
                  </Tag>
                  <span className="gb-wb-row__main">
                    <Typography.Text strong>{alarmMessage(a)}</Typography.Text>
                    <div className="gb-muted" style={{ fontSize: 12 }}>
                      {plant && a.lineCode ? `${a.lineCode} · ` : ''}
                      <span className="gb-mono">{a.deviceCode}</span> {alarmDeviceName(a)} · {plantHm(a.raisedAt)}
                    </div>
                  </span>
                  {a.acknowledgedAt ? (
                    <Tag color="green">{t('factoryWorkbench.acknowledged')}</Tag>
                  ) : (
                    <Button
                      type="primary"
                      size="large"
                      loading={acknowledge.isPending && acknowledge.variables === a.id}
                      onClick={() => acknowledge.mutate(a.id, { onError: (e) => void message.error(errorText(e, t)) })}
                      data-testid="wb-ack"
                    >
                      {t('factoryWorkbench.acknowledge')}
                    </Button>
                  )}
                </div>
              ))}
            </div>
          )}
        </>
      )}
    </Card>
  );
}
