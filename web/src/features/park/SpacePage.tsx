import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { AppstoreOutlined, CheckCircleOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { StatCard } from '../shell/StatCard';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { errorText } from '../../api/errors';
import { useEndLease, useEnterprises, useLeaseSite, usePlan, useSites, useSpaceSummary } from './api';
import { SITE_STATUSES, type Site, type SiteStatus } from './types';
import './park.css';

const ParkMap = lazy(() => import('./ParkMap'));
const EChart = lazy(() => import('../shell/charts/EChart'));
const FILTERS = ['q', 'status'] as const;
/** The same colours as the map's (ParkMap.tsx), kept here so the page does not load ECharts for its tags. */
const COLORS: Record<SiteStatus, string> = { idle: '#f5222d', offered: '#fa8c16', leased: '#1677ff', in_use: '#52c41a' };
const m2 = (n: number) => n.toLocaleString('en-US');

/** 闲置厂房盘活: the park's plan coloured by status, the space by status, area revived per year, and the sites with their leases. */
export default function SpacePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const params = useListParams(FILTERS);
  const { filters, page, pageSize, setFilter } = params;
  const status = SITE_STATUSES.includes(filters.status as SiteStatus) ? (filters.status as SiteStatus) : undefined;
  const list = useSites({ q: filters.q, status, page, pageSize });
  const all = useSites({ pageSize: 500 });
  const plan = usePlan();
  const summary = useSpaceSummary().data;
  const [leasing, setLeasing] = useState<Site | null>(null);
  const end = useEndLease();
  const { message } = AntApp.useApp();
  const revived = summary?.revivedByYear.at(-1);
  const area = (s: SiteStatus) => summary?.byStatus.find((b) => b.status === s)?.areaM2 ?? 0;
  const onSite = useCallback((s: Site) => setFilter('q', s.code), [setFilter]);
  const chart = useMemo(
    () =>
      summary && {
        grid: { left: 60, right: 12, top: 16, bottom: 28 },
        tooltip: { trigger: 'axis' as const },
        xAxis: { type: 'category' as const, data: summary.revivedByYear.map((y) => String(y.year)) },
        yAxis: { type: 'value' as const },
        series: [{ type: 'bar' as const, data: summary.revivedByYear.map((y) => y.areaM2), itemStyle: { color: '#1677ff' }, barMaxWidth: 40 }],
      },
    [summary],
  );
  const columns: ColumnsType<Site> = [
    { title: t('park.space.name'), key: 'name', render: (_v, s) => <strong>{`${s.name}（${s.code}）`}</strong> },
    { title: t('park.space.zone'), dataIndex: 'zone', render: (z: string | null) => z ?? t('common.none') },
    { title: t('park.space.kind'), dataIndex: 'kind', render: (k: Site['kind']) => t(`park.space.kind_${k}`) },
    { title: t('park.space.area'), dataIndex: 'areaM2', align: 'right', render: (a: number) => <span className="gb-park-amount">{m2(a)}</span> },
    { title: t('park.space.condition'), dataIndex: 'condition', render: (c: Site['condition']) => t(`park.space.condition_${c}`) },
    { title: t('park.space.status'), dataIndex: 'status', render: (s: SiteStatus) => <Tag color={COLORS[s]}>{t(`park.space.status_${s}`)}</Tag> },
    {
      title: t('park.space.tenant'),
      key: 'tenant',
      render: (_v, s) =>
        s.lease ? (
          <span>
            {s.lease.enterpriseName}{' '}
            <Typography.Text type="secondary">
              {s.lease.startsOn} → {s.lease.endsOn}
            </Typography.Text>
          </span>
        ) : (
          t('common.none')
        ),
    },
    ...(can(me, 'park.manage')
      ? [
          {
            title: '',
            key: 'act',
            render: (_v: unknown, s: Site) =>
              s.lease ? (
                <Popconfirm
                  title={t('park.space.endConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => {
                    try {
                      await end.mutateAsync({ id: s.id, endedOn: dayjs().format('YYYY-MM-DD') });
                      message.success(t('park.space.ended'));
                    } catch (err) {
                      message.error(errorText(err, t));
                    }
                  }}
                >
                  <Button size="small">{t('park.space.endLease')}</Button>
                </Popconfirm>
              ) : (
                <Button size="small" type="primary" ghost onClick={() => setLeasing(s)} data-testid="park-site-lease">
                  {t('park.space.lease')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <div className="gb-park">
      <PageHeader title={t('park.space.title')} subtitle={t('park.space.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <StatCard icon={<AppstoreOutlined />} color="#1677ff" title={t('park.space.total')} value={summary ? m2(summary.totalAreaM2) : '—'} loading={!summary} />
        </Col>
        <Col xs={12} lg={6}>
          <StatCard icon={<WarningOutlined />} color="#fa8c16" title={t('park.space.idleArea')} value={summary ? m2(area('idle') + area('offered')) : '—'} loading={!summary} />
        </Col>
        <Col xs={12} lg={6}>
          <StatCard icon={<CheckCircleOutlined />} color="#1677ff" title={t('park.space.leasedArea')} value={summary ? m2(area('leased')) : '—'} loading={!summary} />
        </Col>
        <Col xs={12} lg={6}>
          <StatCard
            icon={<ReloadOutlined />}
            color="#52c41a"
            testId="park-space-revived"
            title={t('park.space.revived', { year: revived?.year ?? dayjs().year() })}
            value={m2(revived?.areaM2 ?? 0)}
            foot={t('park.space.revivedFoot', { count: revived?.leases ?? 0 })}
            loading={!summary}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={t('park.space.map')}
            extra={
              <span className="gb-park-legend">
                {SITE_STATUSES.map((s) => (
                  <span key={s}>
                    <span className="gb-park-legend__dot" style={{ background: COLORS[s] }} />
                    {t(`park.space.status_${s}`)}
                  </span>
                ))}
              </span>
            }
          >
            <Suspense fallback={<div className="gb-park-map" />}>{plan.data && all.data && <ParkMap plan={plan.data} sites={all.data.items} onSite={onSite} />}</Suspense>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('park.space.mapNote')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('park.space.revivedByYear')}>
            <Suspense fallback={<div className="gb-park-chart" />}>{chart && <EChart option={chart} className="gb-park-chart" testId="park-revived-chart" />}</Suspense>
          </Card>
        </Col>
      </Row>
      <div style={{ marginTop: 16 }}>
        <ListPanel<Site, (typeof FILTERS)[number]>
          params={params}
          toolbar={{
            search: { placeholder: t('park.space.search') },
            filters: [{ key: 'status', placeholder: t('park.space.allStatuses'), options: choices(SITE_STATUSES, (s) => t(`park.space.status_${s}`)) }],
          }}
          rowKey="id"
          query={list}
          emptyHint={t('park.space.empty')}
          columns={columns}
          data-testid="park-site-table"
        />
      </div>
      <LeaseDrawer site={leasing} onClose={() => setLeasing(null)} />
    </div>
  );
}

interface LeaseValues {
  enterpriseId?: string;
  startsOn?: Dayjs;
  endsOn?: Dayjs;
  areaM2?: number;
  rentMonth?: string;
}

function LeaseDrawer({ site, onClose }: { site: Site | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LeaseValues>();
  const lease = useLeaseSite();
  const outcome = useSaveOutcome(form, onClose);
  const enterprises = useEnterprises({ pageSize: 500 }, !!site);
  useEffect(() => {
    if (site) {
      form.resetFields();
      form.setFieldsValue({ startsOn: dayjs(), endsOn: dayjs().add(5, 'year') });
    }
  }, [site, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await lease.mutateAsync({
        id: site!.id,
        input: {
          enterpriseId: v.enterpriseId!,
          startsOn: v.startsOn!.format('YYYY-MM-DD'),
          endsOn: v.endsOn!.format('YYYY-MM-DD'),
          areaM2: v.areaM2 ?? undefined,
          rentMonth: (v.rentMonth ?? '').trim(),
        },
      });
      outcome.saved(t('park.space.leased'));
    } catch (err) {
      outcome.failed(err);
    }
  };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormDrawer
      open={!!site}
      onClose={onClose}
      title={site ? t('park.space.leaseTitle', { name: site.name }) : ''}
      saving={lease.isPending}
      onSave={submit}
      saveTestId="park-lease-save"
    >
      <Form form={form} layout="vertical" data-testid="park-lease-form">
        <Form.Item name="enterpriseId" label={t('park.space.enterprise')} rules={required(t('park.space.enterprise'))}>
          <Select showSearch optionFilterProp="label" options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} data-testid="park-lease-enterprise" />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="startsOn" label={t('park.space.startsOn')} rules={required(t('park.space.startsOn'))}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="endsOn" label={t('park.space.endsOn')} rules={required(t('park.space.endsOn'))}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="areaM2" label={t('park.space.leaseArea')} extra={t('park.space.leaseAreaHint')}>
          <InputNumber min={1} max={site?.areaM2} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="rentMonth" label={t('park.space.rentMonth')} rules={required(t('park.space.rentMonth'))}>
          <Input inputMode="numeric" data-testid="park-lease-rent" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
