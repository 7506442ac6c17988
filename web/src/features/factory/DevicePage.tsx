import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Descriptions, Skeleton, Tag } from 'antd';
import { EditOutlined, EnvironmentOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { NotFound, QueryError } from '../shell/StatusViews';
import { useDevice, useLines } from './api';
import { DeviceCharts } from './DeviceCharts';
import { DeviceStatesCard } from './DeviceStatesCard';
import { DeviceFormDrawer } from './DeviceFormDrawer';
import { ago, formatValue } from './format';
import { kindLabel } from './labels';
import { deviceName, deviceTopic, isJsonDevice, KIND_ICONS, lineName } from './model';
import './factory.css';

/** One machine: identity and placement, its state timeline, live charts of its metrics, and (for factory.manage) the edit form. */
export default function DevicePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { id } = useParams<{ id: string }>();
  const device = useDevice(id);
  const lines = useLines();
  const [editing, setEditing] = useState(false);
  const manage = can(me, 'factory.manage');

  if (device.error && !device.data) {
    if (isApiError(device.error) && (device.error.status === 404 || device.error.status === 400)) return <NotFound />;
    return <QueryError error={device.error} onRetry={() => void device.refetch()} />;
  }
  const d = device.data;
  if (!d) return <Skeleton active paragraph={{ rows: 10 }} />;

  const line = lines.data?.find((l) => l.id === d.lineId);
  const none = <span className="gb-muted">—</span>;
  const now = device.dataUpdatedAt || Date.now();

  return (
    <div data-testid="device-page">
      <Breadcrumb
        className="gb-breadcrumb"
        items={[
          { title: <Link to="/factory">{t('nav.plant')}</Link> },
          ...(d.lineId
            ? [{ title: <Link to={`/factory/lines/${d.lineId}`}>{d.lineCode ?? line?.code}</Link> }]
            : [{ title: <Link to="/factory/devices">{t('nav.devices')}</Link> }]),
          { title: d.code },
        ]}
      />
      <PageHeader
        title={
          <span className="gb-title-with-tag">
            <span className="gb-device-title__icon" aria-hidden>
              {KIND_ICONS[d.kind]}
            </span>
            <span data-testid="device-title">{deviceName(d)}</span>
            <Tag color={d.online ? 'green' : 'default'} data-testid="device-online">
              {d.online ? t('factory.online') : t('factory.offline')}
            </Tag>
            {d.discovered && <Tag color="gold">{t('factory.discovered')}</Tag>}
          </span>
        }
        subtitle={
          <>
            <span className="gb-mono" data-testid="device-code">
              {d.code}
            </span>{' '}
            · {kindLabel(t, d.kind)}
            {d.lineCode && ` · ${d.lineCode}${d.cellCode ? ` / ${d.cellCode}` : ''}`}
          </>
        }
        extra={
          manage && (
            <Button
              type={d.discovered ? 'primary' : 'default'}
              icon={d.discovered ? <EnvironmentOutlined /> : <EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="device-edit"
            >
              {d.discovered ? t('factory.place') : t('common.edit')}
            </Button>
          )
        }
      />
      {d.discovered && <Alert type="warning" showIcon className="gb-section-alert" title={t('factory.device.discoveredHint')} />}
      <Card className="gb-section-card" title={t('factory.device.details')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'code', label: t('factory.device.code'), children: <span className="gb-mono">{d.code}</span> },
            { key: 'kind', label: t('factory.device.kind'), children: kindLabel(t, d.kind) },
            {
              key: 'online',
              label: t('factory.device.lastSeen'),
              children: d.lastSeenAt ? <span title={dayjs(d.lastSeenAt).format('YYYY-MM-DD HH:mm:ss')}>{ago(d.lastSeenAt, t, now)}</span> : t('factory.never'),
            },
            { key: 'nameZh', label: t('factory.device.nameZh'), children: d.nameZh },
            { key: 'nameEn', label: t('factory.device.nameEn'), children: d.nameEn },
            {
              key: 'line',
              label: t('factory.device.line'),
              children: d.lineId ? (
                <Link to={`/factory/lines/${d.lineId}`}>{line ? `${line.code} · ${lineName(line)}` : d.lineCode}</Link>
              ) : (
                <span className="gb-muted">{t('factory.device.noLine')}</span>
              ),
            },
            { key: 'station', label: t('factory.device.station'), children: d.cellCode ?? none },
            { key: 'cycle', label: t('factory.device.idealCycle'), children: d.idealCycleS !== null ? `${formatValue(d.idealCycleS)} ${t('factory.seconds')}` : none },
            {
              key: 'topic',
              label: t('factory.device.topic'),
              children: (
                <span className="gb-break" data-testid="device-topic">
                  <Tag variant="filled" color={isJsonDevice(d) ? 'cyan' : 'geekblue'}>
                    {isJsonDevice(d) ? 'JSON' : 'Sparkplug B'}
                  </Tag>
                  <span className="gb-mono">{deviceTopic(d)}</span>
                </span>
              ),
            },
          ]}
        />
      </Card>
      <DeviceStatesCard device={d} />
      <DeviceCharts device={d} />
      {manage && <DeviceFormDrawer open={editing} device={d} mode={d.discovered ? 'place' : 'edit'} onClose={() => setEditing(false)} />}
    </div>
  );
}
