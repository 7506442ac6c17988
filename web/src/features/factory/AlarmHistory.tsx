import { Link } from 'react-router-dom';
import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Alarm, FactoryLine } from '../../api/types';
import { formatDateTimeSeconds } from '../admin/common/format';
import { PagedTable } from '../admin/common/PagedTable';
import { usePhone } from '../shell/useViewport';
import { useAlarms } from './andonApi';
import { alarmDeviceName, alarmMessage } from './AlarmCard';
import { duration } from './format';
import { LIST_MS } from './api';

const SEVERITY_TAG = { critical: 'red', warning: 'orange', info: 'blue' } as const;

/** Resolved alarms, newest first, with how fast someone responded and how long the repair took. */
export function AlarmHistory({
  lineId,
  q,
  page,
  pageSize,
  onPage,
  lines,
}: {
  lineId?: string;
  q?: string;
  page: number;
  pageSize: number;
  onPage: (p: number, s: number) => void;
  lines: FactoryLine[];
}) {
  const { t } = useTranslation();
  const phone = usePhone();
  const list = useAlarms({ state: 'resolved', lineId, q, page, pageSize }, { refetchInterval: LIST_MS });
  const columns: ColumnsType<Alarm> = [
    { title: t('factory.andon.history.raisedAt'), dataIndex: 'raisedAt', width: 170, render: (v: string) => <span className="gb-nowrap">{formatDateTimeSeconds(v)}</span> },
    {
      title: t('factory.andon.history.device'),
      key: 'device',
      width: 210,
      fixed: phone ? undefined : 'left',
      render: (_v, a) => (
        <span className="gb-oee-device">
          <Link to={`/factory/devices/${a.deviceId}`} className="gb-mono gb-strong">
            {a.deviceCode}
          </Link>
          <span className="gb-muted gb-oee-device__name">{alarmDeviceName(a)}</span>
        </span>
      ),
    },
    {
      title: t('factory.andon.history.line'),
      key: 'line',
      width: 90,
      render: (_v, a) => (a.lineId ? (lines.find((l) => l.id === a.lineId)?.code ?? a.lineCode) : <span className="gb-muted">{t('factory.andon.noLine')}</span>),
    },
    {
      title: t('factory.andon.history.message'),
      key: 'message',
      width: 260,
      render: (_v, a) => (
        <span>
          <Tag color={SEVERITY_TAG[a.severity]} variant="filled">
            {t(`factory.andon.severity.${a.severity}`)}
          </Tag>
          {alarmMessage(a)}
        </span>
      ),
    },
    { title: t('factory.andon.history.response'), dataIndex: 'responseS', width: 120, align: 'right', render: (v: number | null) => duration(v, t) },
    { title: t('factory.andon.history.repair'), dataIndex: 'repairS', width: 120, align: 'right', render: (v: number | null) => duration(v, t) },
    {
      title: t('factory.andon.history.resolvedBy'),
      key: 'resolvedBy',
      width: 150,
      render: (_v, a) => (a.resolvedBy === 'device' ? <span className="gb-muted">{t('factory.andon.history.byDevice')}</span> : a.resolvedBy),
    },
    { title: t('factory.andon.history.note'), dataIndex: 'note', render: (v: string | null) => v ?? <span className="gb-muted">—</span> },
  ];
  return (
    <PagedTable<Alarm>
      query={{ ...list, isFetching: list.isFetching && list.isPlaceholderData }}
      page={page}
      pageSize={pageSize}
      onPage={onPage}
      filtered={!!(lineId || q)}
      emptyHint={t('factory.andon.history.empty')}
      columns={columns}
      scroll={{ x: 1280 }}
      data-testid="alarm-history-table"
    />
  );
}
