import { Link } from 'react-router-dom';
import { Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DeviceOee, FactoryDevice } from '../../api/types';
import { usePhone } from '../shell/useViewport';
import { RatioValue } from './OeeFiguresCard';
import { minutes, minutesOrDash, type Ratio } from './oeeFormat';
import { deviceName, STATE_COLORS, STATE_ORDER } from './model';

/** Sorts a ratio column with the undefined ones ("—") below every defined value. */
const byRatio = (r: Ratio) => (a: DeviceOee, b: DeviceOee) => (a[r] ?? -1) - (b[r] ?? -1);

/** Where a device's time went, as one thin stacked bar in the state colours. */
function StateBar({ row }: { row: DeviceOee }) {
  const { t } = useTranslation();
  const total = STATE_ORDER.reduce((a, k) => a + row.states[k], 0);
  if (total <= 0) return <span className="gb-muted">—</span>;
  const title = STATE_ORDER.filter((k) => row.states[k] > 0)
    .map((k) => `${t(`factory.states.${k}`)} ${minutes(row.states[k])} ${t('factory.oee.minutesUnit')}`)
    .join(' · ');
  return (
    <Tooltip title={title}>
      <button type="button" className="gb-plain-button gb-state-bar">
        {STATE_ORDER.map((k) => (row.states[k] > 0 ? <span key={k} style={{ flexGrow: row.states[k], background: STATE_COLORS[k] }} /> : null))}
      </button>
    </Tooltip>
  );
}

/** Every device of the line for the chosen shift or day: A, P, Q and OEE (sortable), output, stops and reliability. */
export function OeeDeviceTable({ rows, devices }: { rows: DeviceOee[]; devices: FactoryDevice[] }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const byId = new Map(devices.map((d) => [d.id, d]));
  const ratioCol = (r: Ratio, title: string, width: number): ColumnsType<DeviceOee>[number] => ({
    title,
    key: r,
    width,
    align: 'right',
    sorter: byRatio(r),
    sortDirections: ['ascend', 'descend'],
    render: (_v, row) => <RatioValue figures={row} ratio={r} />,
  });
  const columns: ColumnsType<DeviceOee> = [
    {
      title: t('factory.oee.device'),
      dataIndex: 'code',
      fixed: phone ? undefined : 'left',
      width: 200,
      sorter: (a, b) => a.code.localeCompare(b.code),
      render: (code: string, row) => {
        const d = byId.get(row.deviceId);
        return (
          <span className="gb-oee-device">
            <Link to={`/factory/devices/${row.deviceId}`} className="gb-mono gb-strong">
              {code}
            </Link>
            {d && <span className="gb-muted gb-oee-device__name">{deviceName(d)}</span>}
          </span>
        );
      },
    },
    ratioCol('oee', 'OEE', 96),
    ratioCol('availability', t('factory.oee.availabilityShort'), 96),
    ratioCol('performance', t('factory.oee.performanceShort'), 96),
    ratioCol('quality', t('factory.oee.qualityShort'), 96),
    {
      title: t('factory.oee.output'),
      key: 'output',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.total - b.total,
      render: (_v, row) => (
        <span className="gb-nowrap">
          {row.good.toLocaleString()}
          <span className="gb-muted"> / {row.total.toLocaleString()}</span>
        </span>
      ),
    },
    {
      title: t('factory.oee.downtime'),
      key: 'down',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.losses.breakdowns - b.losses.breakdowns,
      render: (_v, row) => `${minutes(row.losses.breakdowns)} ${t('factory.oee.minutesUnit')}`,
    },
    { title: t('factory.oee.failures'), dataIndex: 'failures', width: 80, align: 'right', sorter: (a, b) => a.failures - b.failures },
    { title: 'MTBF', key: 'mtbf', width: 90, align: 'right', render: (_v, row) => minutesOrDash(row.mtbfMin) },
    { title: 'MTTR', key: 'mttr', width: 90, align: 'right', render: (_v, row) => minutesOrDash(row.mttrMin) },
    { title: t('factory.oee.states'), key: 'states', width: 160, render: (_v, row) => <StateBar row={row} /> },
  ];
  return (
    <Table<DeviceOee>
      size="small"
      rowKey="deviceId"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1110 }}
      showSorterTooltip={false}
      data-testid="oee-device-table"
    />
  );
}
