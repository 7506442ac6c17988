import { useState } from 'react';
import { Button, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { choices, ListPanel, type ListParams } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { useCertifications, useRetrofits } from './api';
import { wan } from './parts';
import { CertificationDrawer } from './CertificationDrawer';
import { ApplyDrawer, RetrofitFormDrawer } from './RetrofitForms';
import { CERT_KINDS, CERT_STATUSES, RETROFIT_STATUSES, type Certification, type CertificationKind, type CertificationStatus, type Retrofit, type RetrofitStatus } from './types';
import './park.css';

const FILTERS = ['tab', 'q', 'status', 'kind', 'cert'] as const;
type F = (typeof FILTERS)[number];
export const CERT_COLORS: Record<CertificationStatus, string> = { applied: 'default', under_review: 'gold', certified: 'green', rejected: 'red' };
const RETROFIT_COLORS: Record<RetrofitStatus, string> = { planned: 'default', in_progress: 'blue', completed: 'green' };

/**
 * 智能化改造与认定: certifications (市级智能工厂 / 数字化车间) with their review and decision, a certified plant's live
 * figures in the record's drawer, and the enterprises' smart-retrofit projects with before/after figures.
 */
export default function RetrofitsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const all = useListParams(FILTERS);
  const { filters, setFilter, setFilters } = all;
  // The lists' toolbars see their own filters: the tab and the open record are not "filters" to reset.
  const params: ListParams<F> = {
    ...all,
    active: !!(filters.q || filters.status || filters.kind),
    resetAll: () => setFilters({ q: undefined, status: undefined, kind: undefined }),
  };
  const tab = filters.tab === 'retrofits' ? 'retrofits' : 'certs';
  const [form, setForm] = useState<'apply' | 'retrofit' | null>(null);
  const [editing, setEditing] = useState<Retrofit | null>(null);
  return (
    <div className="gb-park">
      <PageHeader
        title={t('park.retrofits.title')}
        subtitle={t('park.retrofits.subtitle')}
        extra={
          can(me, 'park.apply') && (
            <Space wrap>
              <Button type={tab === 'certs' ? 'primary' : 'default'} onClick={() => setForm('apply')} data-testid="park-cert-apply">
                {t('park.certs.apply')}
              </Button>
              <Button type={tab === 'retrofits' ? 'primary' : 'default'} onClick={() => setForm('retrofit')} data-testid="park-retrofit-new">
                {t('park.retrofits.new')}
              </Button>
            </Space>
          )
        }
      />
      <Segmented
        value={tab}
        onChange={(v) => setFilters({ tab: v === 'retrofits' ? 'retrofits' : undefined, q: undefined, status: undefined, kind: undefined, cert: undefined })}
        options={[
          { value: 'certs', label: t('park.retrofits.tabCerts') },
          { value: 'retrofits', label: t('park.retrofits.tabRetrofits') },
        ]}
        data-testid="park-retrofit-tabs"
      />
      {tab === 'certs' ? <CertificationList params={params} /> : <RetrofitList params={params} onEdit={can(me, 'park.apply') ? setEditing : undefined} />}
      <CertificationDrawer id={filters.cert ?? null} onClose={() => setFilter('cert', undefined)} />
      <ApplyDrawer open={form === 'apply'} onClose={() => setForm(null)} />
      <RetrofitFormDrawer
        open={form === 'retrofit' || !!editing}
        retrofit={editing}
        onClose={() => {
          setForm(null);
          setEditing(null);
        }}
      />
    </div>
  );
}

function CertificationList({ params }: { params: ListParams<F> }) {
  const { t } = useTranslation();
  const { filters, page, pageSize, setFilter } = params;
  const status = CERT_STATUSES.includes(filters.status as CertificationStatus) ? (filters.status as CertificationStatus) : undefined;
  const kind = CERT_KINDS.includes(filters.kind as CertificationKind) ? (filters.kind as CertificationKind) : undefined;
  const list = useCertifications({ q: filters.q, status, kind, page, pageSize });
  const columns: ColumnsType<Certification> = [
    { title: t('park.certs.enterprise'), dataIndex: 'enterpriseName', render: (n: string) => <strong>{n}</strong> },
    {
      title: t('park.certs.title'),
      key: 'title',
      render: (_v, c) => (
        <span>
          <Tag color={c.kind === 'smart_factory' ? 'geekblue' : 'cyan'}>{t(`park.certs.kind_${c.kind}`)}</Tag>
          {c.title}
        </span>
      ),
    },
    { title: t('park.certs.status'), dataIndex: 'status', render: (s: CertificationStatus) => <Tag color={CERT_COLORS[s]}>{t(`park.certs.status_${s}`)}</Tag> },
    {
      title: t('park.certs.score'),
      key: 'score',
      render: (_v, c) => (c.scoreTotal === null ? t('common.none') : t('park.certs.scoreOf', { score: c.scoreTotal, pass: c.passScore })),
    },
    {
      title: t('park.certs.certificate'),
      key: 'certificate',
      render: (_v, c) =>
        c.certificateNo ? (
          <span>
            {c.certificateNo} <Typography.Text type="secondary">{c.decidedOn}</Typography.Text>
          </span>
        ) : (
          t('common.none')
        ),
    },
    {
      title: '',
      key: 'open',
      render: (_v, c) => (
        <Button size="small" onClick={() => setFilter('cert', c.id)} data-testid="park-cert-open">
          {t('park.certs.open')}
        </Button>
      ),
    },
  ];
  return (
    <ListPanel<Certification, F>
      params={params}
      toolbar={{
        search: { placeholder: t('park.certs.search') },
        filters: [
          { key: 'kind', placeholder: t('park.certs.allKinds'), options: choices(CERT_KINDS, (k) => t(`park.certs.kind_${k}`)) },
          { key: 'status', placeholder: t('park.certs.allStatuses'), options: choices(CERT_STATUSES, (x) => t(`park.certs.status_${x}`)) },
        ],
      }}
      rowKey="id"
      query={list}
      emptyHint={t('park.certs.empty')}
      columns={columns}
      data-testid="park-cert-table"
    />
  );
}

/** A body cell kept on one line (the header above it may wrap). */
const nowrap = () => ({ className: 'gb-nowrap' });

function RetrofitList({ params, onEdit }: { params: ListParams<F>; onEdit?: (r: Retrofit) => void }) {
  const { t } = useTranslation();
  const { filters, page, pageSize } = params;
  const status = RETROFIT_STATUSES.includes(filters.status as RetrofitStatus) ? (filters.status as RetrofitStatus) : undefined;
  const list = useRetrofits({ q: filters.q, status, page, pageSize });
  const change = (b: string | number | null, a: string | number | null) =>
    b === null && a === null ? t('common.none') : t('park.retrofits.kpiChange', { before: b ?? '—', after: a ?? '—' });
  const columns: ColumnsType<Retrofit> = [
    { title: t('park.retrofits.enterprise'), dataIndex: 'enterpriseName', render: (n: string) => <strong>{n}</strong> },
    {
      title: t('park.retrofits.name'),
      key: 'name',
      render: (_v, r) => (
        <div>
          <div>
            {r.name}
            {onEdit && (
              <Button type="link" size="small" onClick={() => onEdit(r)} data-testid="park-retrofit-edit">
                {t('common.edit')}
              </Button>
            )}
          </div>
          <Typography.Text type="secondary" className="gb-park-card__investor">
            {r.scope}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('park.retrofits.status'),
      key: 'status',
      onCell: nowrap,
      render: (_v, r) => (
        <div>
          <Tag color={RETROFIT_COLORS[r.status]}>{t(`park.retrofits.status_${r.status}`)}</Tag>
          {r.milestones.length > 0 && (
            <Typography.Text type="secondary" className="gb-park-card__investor">
              {t('park.retrofits.milestonesDone', { done: r.milestones.filter((x) => x.doneOn).length, count: r.milestones.length })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('park.retrofits.money'),
      key: 'money',
      align: 'right',
      render: (_v, r) => <span className="gb-park-amount">{`${wan(r.budget)} / ${wan(r.subsidy)}`}</span>,
    },
    {
      title: t('park.retrofits.period'),
      key: 'period',
      // Start above completion: two short lines rather than one that squeezes the figures.
      render: (_v, r) =>
        r.startedOn || r.completedOn ? (
          <div className="gb-nowrap">
            {r.startedOn ?? '—'}
            {r.completedOn && <div>{`→ ${r.completedOn}`}</div>}
          </div>
        ) : (
          t('common.none')
        ),
    },
    // Before → after on one line each; the table scrolls inside its card rather than cut a column on a narrow window.
    { title: t('park.retrofits.outputPerShift'), key: 'output', onCell: nowrap, render: (_v, r) => change(r.before.outputPerShift, r.after.outputPerShift) },
    { title: t('park.retrofits.yieldPct'), key: 'yield', onCell: nowrap, render: (_v, r) => change(r.before.yieldPct, r.after.yieldPct) },
    { title: t('park.retrofits.staffPerLine'), key: 'staff', onCell: nowrap, render: (_v, r) => change(r.before.staffPerLine, r.after.staffPerLine) },
  ];
  return (
    <ListPanel<Retrofit, F>
      params={params}
      toolbar={{
        search: { placeholder: t('park.retrofits.search') },
        filters: [{ key: 'status', placeholder: t('park.retrofits.allStatuses'), options: choices(RETROFIT_STATUSES, (x) => t(`park.retrofits.status_${x}`)) }],
      }}
      rowKey="id"
      query={list}
      emptyHint={t('park.retrofits.empty')}
      columns={columns}
      scroll={{ x: 1080 }}
      data-testid="park-retrofit-table"
    />
  );
}
