import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Badge, Button, Empty, Pagination, Select, Skeleton, Tag } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { QueryError } from '../shell/StatusViews';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, EnvironmentOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DeviceKind, FactoryDevice } from '../../api/types';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { usePhone } from '../shell/useViewport';
import { PagedTable } from '../admin/common/PagedTable';
import { SearchInput } from '../admin/common/SearchInput';
import { useListParams } from '../admin/common/useListParams';
import { LIST_MS, useDevices, useDiscoveredDevices, useIngestStats, useLines } from './api';
import { DeviceFormDrawer } from './DeviceFormDrawer';
import { ago, formatValue } from './format';
import { kindLabel } from './labels';
import { DEVICE_KINDS, deviceName, KIND_ICONS, lineName } from './model';
import './factory.css';

const FILTERS = ['q', 'lineId', 'kind', 'online'] as const;

/** Devices that announced themselves on the broker but are on no line yet, each with a "place" action. */
function DiscoveredAlert({ count, manage, onPlace }: { count: number; manage: boolean; onPlace: (d: FactoryDevice) => void }) {
  const { t } = useTranslation();
  const found = useDiscoveredDevices(count);
  if (!count) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="gb-section-alert"
      data-testid="discovered-alert"
      title={t('factory.devices.discoveredTitle', { count })}
      description={
        <>
          <div className="gb-muted">{manage ? t('factory.devices.discoveredHint') : t('factory.devices.discoveredHintReadOnly')}</div>
          <div className="gb-discovered-list">
            {(found.data ?? []).map((d) => (
              <span className="gb-discovered-item" key={d.id} data-testid={`discovered-${d.code}`}>
                <Link to={`/factory/devices/${d.id}`} className="gb-mono">
                  {d.code}
                </Link>
                <span className="gb-muted">{ago(d.lastSeenAt, t)}</span>
                {manage && (
                  <Button size="small" type="primary" icon={<EnvironmentOutlined />} onClick={() => onPlace(d)}>
                    {t('factory.place')}
                  </Button>
                )}
              </span>
            ))}
          </div>
        </>
      }
    />
  );
}

/**
 * The list on a phone (390 px): one card per device with what an operator looks for — code, name, online or not,
 * line and station, when it last reported — and its action (place, edit, or open) in reach, no sideways scroll.
 */
function DeviceCards({
  list,
  page,
  pageSize,
  onPage,
  filtered,
  manage,
  lineLabel,
  onEdit,
  now,
}: {
  list: ReturnType<typeof useDevices>;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  filtered: boolean;
  manage: boolean;
  lineLabel: (d: FactoryDevice) => string | null;
  onEdit: (d: FactoryDevice) => void;
  now: number;
}) {
  const { t } = useTranslation();
  if (list.error && !list.data) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!list.data.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('common.noMatch') : t('factory.devices.empty')} />;
  return (
    <>
      <ul className="gb-device-cards" data-testid="device-cards">
        {list.data.items.map((d) => (
          <li key={d.id} className={`gb-device-card${d.discovered ? ' gb-device-card--discovered' : ''}`} data-testid={`device-card-${d.code}`}>
            <div className="gb-device-card__head">
              <Link to={`/factory/devices/${d.id}`} className="gb-mono gb-strong">
                {d.code}
              </Link>
              <Badge status={d.online ? 'success' : 'default'} text={d.online ? t('factory.online') : t('factory.offline')} />
            </div>
            <div className="gb-device-card__name">
              <span className="gb-kind-icon">{KIND_ICONS[d.kind]}</span> {deviceName(d)}{' '}
              {d.discovered && (
                <Tag color="gold" variant="filled">
                  {t('factory.discovered')}
                </Tag>
              )}
            </div>
            <div className="gb-device-card__meta gb-muted">
              <span>{lineLabel(d) ?? t('factory.device.noLine')}</span>
              {d.cellCode && <span>{d.cellCode}</span>}
              <span>
                {t('factory.device.lastSeen')} {ago(d.lastSeenAt, t, now)}
              </span>
            </div>
            <div className="gb-device-card__actions">
              {manage &&
                (d.discovered ? (
                  <Button size="small" type="primary" icon={<EnvironmentOutlined />} onClick={() => onEdit(d)} data-testid={`place-${d.code}`}>
                    {t('factory.place')}
                  </Button>
                ) : (
                  <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(d)}>
                    {t('common.edit')}
                  </Button>
                ))}
              <Link to={`/factory/devices/${d.id}`} className="gb-device-card__open">
                {t('factory.devices.open')} <RightOutlined />
              </Link>
            </div>
          </li>
        ))}
      </ul>
      <Pagination simple className="gb-device-cards__pager" current={page} pageSize={pageSize} total={list.data.total} onChange={onPage} showSizeChanger={false} />
    </>
  );
}

/** Every device the user may see, filtered by line, kind, online and text; discovered ones stand out. */
export default function DevicesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const manage = can(me, 'factory.manage');
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const query = { q: filters.q, lineId: filters.lineId, kind: filters.kind as DeviceKind | undefined, online: filters.online as 'true' | 'false' | undefined, page, pageSize };
  const list = useDevices(query, LIST_MS);
  const lines = useLines();
  const stats = useIngestStats();
  const [editing, setEditing] = useState<FactoryDevice | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const openForm = (d: FactoryDevice) => {
    setEditing(d);
    setFormOpen(true);
  };

  const columns: ColumnsType<FactoryDevice> = [
    {
      title: t('factory.device.code'),
      dataIndex: 'code',
      fixed: phone ? undefined : 'left',
      width: 150,
      render: (code: string, d) => (
        <Link to={`/factory/devices/${d.id}`} className="gb-mono gb-strong">
          {code}
        </Link>
      ),
    },
    {
      title: t('factory.device.name'),
      key: 'name',
      width: 220,
      render: (_v, d) => (
        <span>
          {deviceName(d)}{' '}
          {d.discovered && (
            <Tag color="gold" variant="filled" data-testid="discovered-tag">
              {t('factory.discovered')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('factory.device.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (k: DeviceKind) => (
        <span className="gb-nowrap">
          <span className="gb-kind-icon">{KIND_ICONS[k]}</span> {kindLabel(t, k)}
        </span>
      ),
    },
    {
      title: t('factory.device.line'),
      key: 'line',
      width: 200,
      render: (_v, d) => {
        if (!d.lineId) return <span className="gb-muted">{t('factory.device.noLine')}</span>;
        const l = lines.data?.find((x) => x.id === d.lineId);
        return <Link to={`/factory/lines/${d.lineId}`}>{l ? `${l.code} · ${lineName(l)}` : d.lineCode}</Link>;
      },
    },
    { title: t('factory.device.station'), dataIndex: 'cellCode', width: 90, render: (v: string | null) => v ?? <span className="gb-muted">—</span> },
    {
      title: t('factory.device.status'),
      key: 'online',
      width: 130,
      render: (_v, d) => <Badge status={d.online ? 'success' : 'default'} text={d.online ? t('factory.online') : t('factory.offline')} />,
    },
    {
      title: t('factory.device.lastSeen'),
      dataIndex: 'lastSeenAt',
      width: 160,
      render: (v: string | null) => (
        <span className="gb-nowrap" title={v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : undefined}>
          {ago(v, t, list.dataUpdatedAt || Date.now())}
        </span>
      ),
    },
    {
      title: t('factory.device.idealCycle'),
      dataIndex: 'idealCycleS',
      width: 110,
      align: 'right',
      render: (v: number | null) => (v !== null ? `${formatValue(v)} ${t('factory.seconds')}` : <span className="gb-muted">—</span>),
    },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: phone ? undefined : 'right',
      width: 100,
      render: (_v, d) =>
        d.discovered ? (
          <Button type="link" size="small" icon={<EnvironmentOutlined />} onClick={() => openForm(d)} data-testid={`place-${d.code}`}>
            {t('factory.place')}
          </Button>
        ) : (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openForm(d)}>
            {t('common.edit')}
          </Button>
        ),
    });
  }

  return (
    <div data-testid="devices-page">
      <PageHeader title={t('factory.devices.title')} subtitle={t('factory.devices.subtitle')} />
      <DiscoveredAlert count={stats.data?.devices.discovered ?? 0} manage={manage} onPlace={openForm} />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <SearchInput
            className="gb-toolbar__search"
            value={filters.q}
            onChange={(v) => setFilter('q', v)}
            placeholder={t('factory.devices.searchPlaceholder')}
            testId="device-search"
          />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('factory.devices.lineFilter')}
            value={filters.lineId}
            onChange={(v: string | undefined) => setFilter('lineId', v)}
            options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${lineName(l)}` }))}
            data-testid="device-line-filter"
          />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('factory.devices.kindFilter')}
            value={filters.kind}
            onChange={(v: string | undefined) => setFilter('kind', v)}
            options={DEVICE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            data-testid="device-kind-filter"
          />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('factory.devices.onlineFilter')}
            value={filters.online}
            onChange={(v: string | undefined) => setFilter('online', v)}
            options={[
              { value: 'true', label: t('factory.online') },
              { value: 'false', label: t('factory.offline') },
            ]}
            data-testid="device-online-filter"
          />
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </div>
        {phone ? (
          <DeviceCards
            list={list}
            page={page}
            pageSize={pageSize}
            onPage={setPage}
            filtered={active}
            manage={manage}
            onEdit={openForm}
            now={list.dataUpdatedAt || Date.now()}
            lineLabel={(d) => {
              if (!d.lineId) return null;
              const l = lines.data?.find((x) => x.id === d.lineId);
              return l ? `${l.code} · ${lineName(l)}` : d.lineCode;
            }}
          />
        ) : (
          <PagedTable<FactoryDevice>
            // The list refreshes every 10 s for online/offline; only a change of filter or page shows the spinner.
            query={{ ...list, isFetching: list.isFetching && list.isPlaceholderData }}
            page={page}
            pageSize={pageSize}
            onPage={setPage}
            filtered={active}
            emptyHint={t('factory.devices.empty')}
            columns={columns}
            rowClassName={(d) => (d.discovered ? 'gb-row-discovered' : '')}
            scroll={{ x: 1220 }}
            data-testid="devices-table"
          />
        )}
      </div>
      {manage && <DeviceFormDrawer open={formOpen} device={editing} mode={editing?.discovered ? 'place' : 'edit'} onClose={() => setFormOpen(false)} />}
    </div>
  );
}
