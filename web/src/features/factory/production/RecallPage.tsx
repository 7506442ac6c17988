import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Alert, Button, DatePicker, Drawer, Input, Select, Segmented, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExceptionOutlined, LockOutlined, SearchOutlined, UnlockOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ComponentLot, RecallQuery, RecallUnit } from '../../../api/types';
import { errorText } from '../../../api/errors';
import { currentLocale } from '../../../i18n';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { drawerSize, chinaTime } from '../../admin/common/format';
import { ExportButton } from '../../admin/common/ExportButton';
import { PagedTable } from '../../admin/common/PagedTable';
import { SearchInput } from '../../admin/common/SearchInput';
import { useListParams } from '../../admin/common/useListParams';
import { useDevice, useDevices } from '../api';
import { deviceName } from '../model';
import { downloadRecall, useLots, useProducts, useRecall, useRecallHold, useTool, useTools } from './api';
import { nameOf, productName } from './labels';
import { ReasonModal } from './ReasonModal';
import { NcrCreateModal } from '../ncr/NcrCreateModal';
import '../factory.css';
import './production.css';

const FILTERS = ['lotId', 'componentCode', 'lotNo', 'deviceId', 'toolId', 'from', 'to'] as const;
const WHERE_COLORS: Record<RecallUnit['where'], string> = {
  line: 'processing',
  finished: 'success',
  packed: 'cyan',
  stock: 'blue',
  shipped: 'purple',
  nok: 'error',
  scrapped: 'default',
};

/** A searchable list of the plant's component lots; choosing one starts the recall from it. */
function LotPicker({ open, onClose, onPick }: { open: boolean; onClose: () => void; onPick: (lot: ComponentLot) => void }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const lots = useLots({ q: q || undefined, page, pageSize: 10 }, open);
  return (
    <Drawer open={open} onClose={onClose} title={t('factory.recall.lotsTitle')} size={phone ? drawerSize(phone) : 760} destroyOnHidden>
      <SearchInput
        value={q}
        onChange={(v) => {
          setQ(v);
          setPage(1);
        }}
        placeholder={t('factory.recall.lotsSearch')}
        testId="lot-search"
      />
      <PagedTable<ComponentLot>
        query={lots}
        page={page}
        pageSize={10}
        onPage={(p) => setPage(p)}
        filtered={!!q}
        cards
        style={{ marginTop: 12 }}
        data-testid="lot-list"
        columns={[
          { title: t('factory.recall.lotNo'), dataIndex: 'lotNo', render: (v: string) => <span className="gb-mono gb-strong gb-nowrap">{v}</span> },
          {
            title: t('factory.recall.component'),
            key: 'c',
            render: (_v, l) => (
              <span>
                <span className="gb-mono">{l.componentCode}</span> <span className="gb-muted">{nameOf(l)}</span>
              </span>
            ),
          },
          { title: t('factory.trace.supplier'), dataIndex: 'supplier', render: (v: string | null) => v ?? '—' },
          {
            title: t('factory.recall.units'),
            dataIndex: 'units',
            align: 'right',
            render: (n: number) => <span className="gb-nowrap">{t('factory.recall.lotUnits', { count: n })}</span>,
          },
          {
            title: '',
            key: 'act',
            render: (_v, l) => (
              <Button size="small" type="primary" onClick={() => onPick(l)} data-testid={`lot-use-${l.lotNo}`}>
                {t('factory.recall.use')}
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

/** Choosing one device by code or name; the chosen one shows by its code. */
function DeviceSelect({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useDevices({ q: q || undefined, pageSize: 20 });
  const current = useDevice(value);
  const options = (found.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.code} · ${deviceName(d)}` }));
  if (current.data && !options.some((o) => o.value === current.data.id)) options.unshift({ value: current.data.id, label: `${current.data.code} · ${deviceName(current.data)}` });
  return (
    <Select
      className="gb-recall-device"
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={t('factory.recall.devicePlaceholder')}
      options={options}
      data-testid="recall-device"
    />
  );
}

function ToolSelect({ value, onChange }: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useTools({ q: q || undefined, pageSize: 20 });
  const current = useTool(value);
  const options = (found.data?.items ?? []).map((x) => ({ value: x.id, label: x.code }));
  if (current.data && !options.some((o) => o.value === current.data.id)) options.unshift({ value: current.data.id, label: current.data.code });
  return (
    <Select
      className="gb-recall-device"
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={t('factory.recall.toolPlaceholder')}
      options={options}
      data-testid="recall-tool"
    />
  );
}

/**
 * 召回: from a component lot, or a device over a time window, to every unit it reached — counts by where they are,
 * the list (each serial opening its genealogy), Excel, and hold or release of all of them at once. The query lives
 * in the address, so a link shows the same recall.
 */
export default function RecallPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const quality = can(me, 'factory.quality');
  const { filters, page, pageSize, setFilters, setPage } = useListParams(FILTERS, 50);
  const products = useProducts();
  const [mode, setMode] = useState<'lot' | 'device' | 'tool'>(filters.deviceId ? 'device' : filters.toolId ? 'tool' : 'lot');
  const [toolId, setToolId] = useState(filters.toolId);
  const [componentCode, setComponentCode] = useState(filters.componentCode);
  const [lotNo, setLotNo] = useState(filters.lotNo ?? '');
  const [deviceId, setDeviceId] = useState(filters.deviceId);
  const [span, setSpan] = useState<[Dayjs, Dayjs] | null>(filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null);
  const [picking, setPicking] = useState(false);
  const [asking, setAsking] = useState<'hold' | 'release' | null>(null);
  const [opening, setOpening] = useState(false);
  useEffect(() => {
    if (filters.deviceId) setMode('device');
    if (filters.toolId) {
      setMode('tool');
      setToolId(filters.toolId);
    }
  }, [filters.deviceId, filters.toolId]);

  // Every component a routing binds, once.
  const components = useMemo(() => {
    const m = new Map<string, { code: string; partNo: string; nameZh: string; nameEn: string }>();
    for (const p of products.data ?? []) for (const op of p.ops) for (const c of op.components) m.set(c.code, c);
    return [...m.values()].sort((a, b) => a.code.localeCompare(b.code));
  }, [products.data]);

  const base: RecallQuery | null = filters.lotId
    ? { lotId: Number(filters.lotId) }
    : filters.componentCode && filters.lotNo
      ? { componentCode: filters.componentCode, lotNo: filters.lotNo }
      : filters.toolId
        ? { toolId: filters.toolId, ...(filters.from && filters.to ? { from: filters.from, to: filters.to } : {}) }
        : filters.deviceId && filters.from && filters.to
          ? { deviceId: filters.deviceId, from: filters.from, to: filters.to }
          : null;
  const recall = useRecall(base ? { ...base, page, pageSize } : null);
  const hold = useRecallHold();
  const r = recall.data;

  const run = () => {
    if (mode === 'lot') {
      if (!componentCode || !lotNo.trim()) return;
      setFilters({ lotId: null, componentCode, lotNo: lotNo.trim(), deviceId: null, toolId: null, from: null, to: null });
    } else if (mode === 'tool') {
      if (!toolId) return;
      setFilters({ lotId: null, componentCode: null, lotNo: null, deviceId: null, toolId, from: span ? span[0].toISOString() : null, to: span ? span[1].toISOString() : null });
    } else {
      if (!deviceId || !span) return;
      setFilters({ lotId: null, componentCode: null, lotNo: null, deviceId, toolId: null, from: span[0].toISOString(), to: span[1].toISOString() });
    }
  };

  const columns: ColumnsType<RecallUnit> = [
    {
      title: t('factory.recall.serial'),
      dataIndex: 'serial',
      width: 170,
      render: (s: string) => (
        <Link to={`/factory/trace/${encodeURIComponent(s)}`} className="gb-mono gb-strong" data-testid={`recall-unit-${s}`}>
          {s}
        </Link>
      ),
    },
    { title: t('factory.recall.productSerial'), dataIndex: 'productSerial', width: 150, render: (v: string | null) => <span className="gb-mono">{v ?? '—'}</span> },
    {
      title: t('factory.recall.product'),
      key: 'p',
      width: 220,
      render: (_v, u) => (
        <span>
          <span className="gb-mono">{u.partNo}</span> <span className="gb-muted">{productName(u)}</span>
        </span>
      ),
    },
    { title: t('factory.recall.line'), dataIndex: 'lineCode', width: 70 },
    { title: t('factory.recall.workOrder'), dataIndex: 'workOrderNumber', width: 140, render: (v: string | null) => <span className="gb-mono">{v ?? '—'}</span> },
    {
      title: t('factory.recall.where'),
      key: 'where',
      width: 130,
      render: (_v, u) => (
        <Space size={4} wrap>
          <Tag color={WHERE_COLORS[u.where]}>{t(`factory.prod.where.${u.where}`)}</Tag>
          {(u.deliveryNumber ?? u.container) ? <span className="gb-mono gb-muted">{u.deliveryNumber ?? u.container}</span> : null}
          {u.held && (
            <Tag color="volcano" icon={<LockOutlined />}>
              {t('factory.prod.held')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('factory.recall.lastOp'), dataIndex: 'lastOp', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('factory.recall.bornAt'), dataIndex: 'bornAt', width: 170, render: (v: string) => <span className="gb-nowrap">{chinaTime(v)}</span> },
  ];

  const figures: { key: string; label: string; value: number; tone?: string }[] = r
    ? [
        { key: 'total', label: t('factory.recall.total'), value: r.total },
        { key: 'line', label: t('factory.prod.where.line'), value: r.byStatus.wip ?? 0 },
        { key: 'finished', label: t('factory.prod.unitStatus.done'), value: r.byStatus.done ?? 0 },
        { key: 'nok', label: t('factory.prod.where.nok'), value: r.byStatus.nok ?? 0, tone: 'bad' },
        { key: 'scrapped', label: t('factory.prod.where.scrapped'), value: r.byStatus.scrapped ?? 0 },
        { key: 'held', label: t('factory.recall.heldCount'), value: r.held, tone: 'held' },
      ]
    : [];

  return (
    <div data-testid="recall-page">
      <PageHeader title={t('factory.recall.title')} subtitle={t('factory.recall.subtitle')} />
      <div className="gb-panel">
        <Segmented
          value={mode}
          onChange={(v) => {
            setMode(v as 'lot' | 'device' | 'tool');
            // A device's window starts as the last 24 hours.
            if (v === 'device' && !span) setSpan([dayjs().subtract(1, 'day').startOf('minute'), dayjs().add(1, 'minute').startOf('minute')]);
          }}
          options={[
            { value: 'lot', label: t('factory.recall.byLot') },
            { value: 'device', label: t('factory.recall.byDevice') },
            { value: 'tool', label: t('factory.recall.byTool') },
          ]}
          data-testid="recall-mode"
        />
        <div className="gb-toolbar gb-recall-form">
          {mode === 'lot' ? (
            <>
              <Select
                className="gb-recall-component"
                value={componentCode}
                onChange={setComponentCode}
                placeholder={t('factory.recall.componentPlaceholder')}
                options={components.map((c) => ({ value: c.code, label: `${c.code} · ${nameOf(c)}` }))}
                data-testid="recall-component"
              />
              <Input
                className="gb-toolbar__select gb-mono"
                value={lotNo}
                onChange={(e) => setLotNo(e.target.value)}
                onPressEnter={run}
                maxLength={60}
                placeholder={t('factory.recall.lotPlaceholder')}
                data-testid="recall-lot"
              />
              <Button type="primary" icon={<SearchOutlined />} onClick={run} disabled={!componentCode || !lotNo.trim()} data-testid="recall-run">
                {t('factory.recall.run')}
              </Button>
              <Button icon={<UnorderedListOutlined />} onClick={() => setPicking(true)} data-testid="recall-pick-lot">
                {t('factory.recall.pickLot')}
              </Button>
            </>
          ) : mode === 'tool' ? (
            <>
              <ToolSelect value={toolId} onChange={setToolId} />
              <DatePicker.RangePicker
                className="gb-recall-window"
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                value={span}
                onChange={(v) => setSpan(v && v[0] && v[1] ? [v[0], v[1]] : null)}
                data-testid="recall-tool-window"
              />
              <Button type="primary" icon={<SearchOutlined />} onClick={run} disabled={!toolId} data-testid="recall-run">
                {t('factory.recall.run')}
              </Button>
            </>
          ) : (
            <>
              <DeviceSelect value={deviceId} onChange={setDeviceId} />
              <DatePicker.RangePicker
                className="gb-recall-window"
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                value={span}
                onChange={(v) => setSpan(v && v[0] && v[1] ? [v[0], v[1]] : null)}
                data-testid="recall-window"
              />
              <Button type="primary" icon={<SearchOutlined />} onClick={run} disabled={!deviceId || !span} data-testid="recall-run">
                {t('factory.recall.run')}
              </Button>
            </>
          )}
        </div>
      </div>
      {!base ? (
        <Alert type="info" showIcon title={t('factory.recall.empty')} />
      ) : recall.error && !r ? (
        <Alert type="warning" showIcon title={errorText(recall.error, t)} data-testid="recall-error" />
      ) : (
        <div className="gb-panel">
          {r && (
            <>
              <div className="gb-recall-head">
                <span className="gb-strong" data-testid="recall-source">
                  {t('factory.recall.source', { label: r.source.label })}
                </span>
                <Space wrap>
                  <ExportButton run={() => downloadRecall(base, currentLocale() === 'zh-CN' ? 'zh' : 'en')} testId="recall-export" />
                  {quality && (
                    <>
                      <Button icon={<ExceptionOutlined />} disabled={!r.total} onClick={() => setOpening(true)} data-testid="recall-ncr">
                        {t('factory.ncr.openFrom')}
                      </Button>
                      <Button danger icon={<LockOutlined />} disabled={!r.total || r.held === r.total} onClick={() => setAsking('hold')} data-testid="recall-hold-all">
                        {t('factory.recall.holdAll')}
                      </Button>
                      <Button icon={<UnlockOutlined />} disabled={!r.held} onClick={() => setAsking('release')} data-testid="recall-release-all">
                        {t('factory.recall.releaseAll')}
                      </Button>
                    </>
                  )}
                </Space>
              </div>
              <div className="gb-recall-figures" data-testid="recall-figures">
                {figures.map((f) => (
                  <div key={f.key} className={`gb-recall-figure${f.tone && f.value ? ` gb-recall-figure--${f.tone}` : ''}`} data-testid={`recall-count-${f.key}`}>
                    <div className="gb-recall-figure__value">{f.value}</div>
                    <div className="gb-recall-figure__label">{f.label}</div>
                  </div>
                ))}
              </div>
            </>
          )}
          <PagedTable<RecallUnit>
            query={{ ...recall, data: r, isFetching: recall.isFetching && recall.isPlaceholderData }}
            page={page}
            pageSize={pageSize}
            onPage={setPage}
            filtered={false}
            emptyHint={t('factory.recall.noUnits')}
            columns={columns}
            cards
            pageSizeOptions={[20, 50, 100]}
            scroll={{ x: 1140 }}
            data-testid="recall-table"
          />
        </div>
      )}
      <LotPicker
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(l) => {
          setPicking(false);
          setComponentCode(l.componentCode);
          setLotNo(l.lotNo);
          setFilters({ lotId: String(l.id), componentCode: null, lotNo: null, deviceId: null, toolId: null, from: null, to: null });
        }}
      />
      {r && base && (
        <NcrCreateModal
          open={opening}
          onClose={() => setOpening(false)}
          source="recall"
          target={{ recall: base as NonNullable<Parameters<typeof NcrCreateModal>[0]['target']['recall']> }}
          detail={t('factory.ncr.createDetailRecall', { label: r.source.label })}
        />
      )}
      {r && base && (
        <ReasonModal
          open={asking !== null}
          title={t(asking === 'release' ? 'factory.recall.releaseAllTitle' : 'factory.recall.holdAllTitle', { count: asking === 'release' ? r.held : r.total - r.held })}
          detail={t('factory.recall.source', { label: r.source.label })}
          okText={t(asking === 'release' ? 'factory.recall.releaseAll' : 'factory.recall.holdAll')}
          danger={asking === 'hold'}
          onCancel={() => setAsking(null)}
          onOk={(reason) =>
            hold
              .mutateAsync({ query: base, hold: asking === 'hold', reason })
              .then((res) => {
                message.success(t('factory.recall.changed', { count: res.changed }));
                setAsking(null);
              })
              .catch((err) => void message.error(errorText(err, t)))
          }
        />
      )}
    </div>
  );
}
