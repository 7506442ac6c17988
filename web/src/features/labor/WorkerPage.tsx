import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  AuditOutlined,
  EditOutlined,
  LockOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  ShareAltOutlined,
  SwapOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText, storedText } from '../../api/errors';
import { can, useCurrentUser } from '../auth/session';
import { formatDateTime } from '../admin/common/format';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { useSetConsent, useWorker, useWorkerHistory } from './api';
import { STATUS_HEX, wageRange } from './labels';
import { useOccupationName } from './occupations';
import { AccessTag, FlagTags, StatusTag } from './parts';
import { PiiValue } from './PiiValue';
import { ReferModal } from './ReferModal';
import { ReferralTable } from './ReferralTable';
import { ShareModal } from './ShareModal';
import { StatusChangeModal } from './StatusChangeModal';
import type { StatusHistoryEntry, Worker } from './types';
import { WorkerFormDrawer } from './WorkerFormDrawer';
import { WorkerRecommendations } from './placement/WorkerRecommendations';
import './labor.css';

/** History reasons the server wrote itself before they were stored as keys (reasonRef), in the interface language. */
const SYSTEM_REASONS = new Set(['imported', 'registered']);

function StatusTimeline({ history }: { history: StatusHistoryEntry[] }) {
  const { t } = useTranslation();
  const items = [...history].reverse().map((h, i) => ({
    key: h.id,
    color: STATUS_HEX[h.status],
    content: (
      <div className="gb-labor-timeline-item" data-testid="timeline-item" data-status={h.status}>
        <div>
          <span className="gb-labor-timeline-date">{h.effectiveOn}</span>
          <StatusTag status={h.status} />
          {h.previousStatus && <span className="gb-muted gb-labor-timeline-from">{t('labor.timeline.from', { status: t(`labor.status.${h.previousStatus}`) })}</span>}
          {i === 0 && (
            <Tag color="blue" variant="filled">
              {t('labor.timeline.current')}
            </Tag>
          )}
        </div>
        <div className="gb-labor-timeline-reason" data-testid="timeline-reason">
          {h.reasonRef ? storedText(h.reasonRef, h.reason) : h.reason ? (SYSTEM_REASONS.has(h.reason) ? t(`labor.timeline.reason.${h.reason}`) : h.reason) : '—'}
        </div>
        <div className="gb-muted">{t('labor.timeline.by', { name: h.changedByName ?? t('audit.system'), at: formatDateTime(h.changedAt) })}</div>
      </div>
    ),
  }));
  return <Timeline items={items} data-testid="status-timeline" />;
}

function Identity({ w, canReveal }: { w: Worker; canReveal: boolean }) {
  const { t } = useTranslation();
  // A partner reveals only what the worker consented to share; the server says no otherwise.
  const reveal = canReveal && (w.access === 'owner' || w.consent.given);
  const items = [
    { key: 'name', label: t('labor.worker.name'), children: <PiiValue workerId={w.id} field="name" masked={w.nameMasked} canReveal={reveal} /> },
    {
      key: 'id',
      label: t('labor.worker.idNumber'),
      children: w.idNumberMasked ? (
        <PiiValue workerId={w.id} field="idNumber" masked={w.idNumberMasked} canReveal={reveal} />
      ) : (
        <span className="gb-muted">
          <LockOutlined /> {t('labor.worker.hiddenNoConsent')}
        </span>
      ),
    },
    {
      key: 'phone',
      label: t('labor.worker.phone'),
      children: w.phoneMasked ? (
        <PiiValue workerId={w.id} field="phone" masked={w.phoneMasked} canReveal={reveal} />
      ) : w.access === 'partner' && !w.consent.given ? (
        <span className="gb-muted">
          <LockOutlined /> {t('labor.worker.hidden')}
        </span>
      ) : (
        <span className="gb-muted">—</span>
      ),
    },
    { key: 'gender', label: t('labor.worker.genderAge'), children: `${t(`labor.gender.${w.gender}`)} · ${t('labor.worker.ageValue', { age: w.age })}` },
    {
      key: 'home',
      label: t('labor.worker.home'),
      children: (
        <span>
          {w.homeRegionName ?? w.homeRegionCode}
          {w.homeVillage ? ` ${w.homeVillage}` : ''}
        </span>
      ),
    },
    { key: 'education', label: t('labor.worker.education'), children: t(`labor.education.${w.education}`) },
    { key: 'org', label: t('labor.worker.org'), children: w.orgName },
    ...(w.access === 'owner' ? [{ key: 'caseworker', label: t('labor.worker.caseworker'), children: w.caseworkerName ?? '—' }] : []),
  ];
  return (
    <>
      <Descriptions column={1} size="small" items={items} className="gb-labor-desc" />
      {reveal && <Alert type="warning" showIcon icon={<AuditOutlined />} title={t('labor.reveal.notice')} className="gb-labor-reveal-notice" data-testid="reveal-notice" />}
    </>
  );
}

export default function WorkerPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message, modal } = AntApp.useApp();
  const occupationName = useOccupationName();
  const worker = useWorker(id);
  const w = worker.data;
  const owner = w?.access === 'owner';
  const history = useWorkerHistory(id, owner);
  const consent = useSetConsent();
  const manage = can(me, 'labor.manage') && owner;
  const [editOpen, setEditOpen] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [referOpen, setReferOpen] = useState(false);

  if (worker.error && !w) return <QueryError error={worker.error} onRetry={() => void worker.refetch()} />;
  if (!w) return <Skeleton active paragraph={{ rows: 12 }} />;

  const latest = history.data?.length ? history.data[history.data.length - 1].effectiveOn : null;
  const toggleConsent = () => {
    const next = !w.consent.given;
    modal.confirm({
      title: next ? t('labor.consent.recordConfirm') : t('labor.consent.withdrawConfirm'),
      content: next ? t('labor.consent.recordHint') : t('labor.consent.withdrawHint'),
      okText: next ? t('labor.consent.record') : t('labor.consent.withdraw'),
      okButtonProps: { danger: !next },
      cancelText: t('common.cancel'),
      onOk: () =>
        consent.mutateAsync({ id: w.id, consent: next }).then(
          () => void message.success(next ? t('labor.consent.recorded') : t('labor.consent.withdrawn')),
          (err: unknown) => void message.error(errorText(err, t)),
        ),
    });
  };

  return (
    <div data-testid="labor-worker-page" data-worker-id={w.id}>
      <PageHeader
        title={
          <span className="gb-title-with-tag">
            {w.nameMasked} <StatusTag status={w.status} /> <AccessTag access={w.access} />
          </span>
        }
        subtitle={`${w.orgName} · ${w.homeRegionName ?? w.homeRegionCode}`}
        extra={
          <>
            <Link to="/labor/workers">
              <Button icon={<ArrowLeftOutlined />}>{t('labor.worker.backToList')}</Button>
            </Link>
            {manage && (
              <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="worker-edit">
                {t('common.edit')}
              </Button>
            )}
            {owner && can(me, 'labor.share') && (
              <Button icon={<ShareAltOutlined />} onClick={() => setShareOpen(true)}>
                {t('labor.share.one')}
              </Button>
            )}
            {manage && (
              <Button icon={<NodeIndexOutlined />} onClick={() => setReferOpen(true)} data-testid="worker-refer">
                {t('labor.referral.refer')}
              </Button>
            )}
            {manage && (
              <Button type="primary" icon={<SwapOutlined />} onClick={() => setStatusOpen(true)} data-testid="worker-change-status">
                {t('labor.statusChange.open')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('labor.worker.identity')} data-testid="worker-identity">
              <Identity w={w} canReveal={can(me, 'labor.reveal')} />
            </Card>
            <Card title={t('labor.worker.support')}>
              <Descriptions
                column={1}
                size="small"
                className="gb-labor-desc"
                items={[
                  { key: 'flags', label: t('labor.worker.flags'), children: <FlagTags worker={w} /> },
                  ...(w.access === 'owner'
                    ? [
                        {
                          key: 'mon',
                          label: t('labor.worker.monitoring'),
                          children: w.monitoringCategory ? t(`labor.monitoring.${w.monitoringCategory}`) : t('labor.worker.notMonitored'),
                        },
                      ]
                    : []),
                  { key: 'ability', label: t('labor.worker.ability'), children: t(`labor.ability.${w.workAbility}`) },
                  ...(w.access === 'owner' ? [{ key: 'dis', label: t('labor.worker.disability'), children: w.disability ?? '—' }] : []),
                ]}
              />
            </Card>
            <Card
              title={t('labor.worker.consentTitle')}
              extra={
                manage && (
                  <Button size="small" danger={w.consent.given} onClick={toggleConsent} data-testid="consent-toggle">
                    {w.consent.given ? t('labor.consent.withdraw') : t('labor.consent.record')}
                  </Button>
                )
              }
              data-testid="worker-consent"
            >
              <Space orientation="vertical" size={4}>
                {w.consent.given ? (
                  <Tag color="green" icon={<UnlockOutlined />} className="gb-wrap-tag">
                    {t('labor.consent.givenLong')}
                  </Tag>
                ) : (
                  <Tag icon={<LockOutlined />} className="gb-wrap-tag">
                    {t('labor.consent.notGivenLong')}
                  </Tag>
                )}
                {w.consent.at && (
                  <Typography.Text type="secondary">
                    {t(w.consent.given ? 'labor.consent.recordedBy' : 'labor.consent.withdrawnBy', { name: w.consent.byName ?? '—', at: formatDateTime(w.consent.at) })}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary">{t('labor.consent.explain')}</Typography.Text>
              </Space>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('labor.worker.skillsAndCerts')}>
              {w.skills.length ? (
                <Space size={[6, 6]} wrap className="gb-wrap-space">
                  {w.skills.map((s) => (
                    <Tag key={s.code} color="blue" variant="outlined" className="gb-wrap-tag">
                      {occupationName(s.code, s.name)} <span className="gb-muted gb-mono">{s.code}</span> · {t(`labor.level.${s.level}`)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('labor.worker.noSkills')}</Typography.Text>
              )}
              <div className="gb-labor-certs">
                {w.certificates.length ? (
                  w.certificates.map((c) => (
                    <div key={c.name}>
                      <SafetyCertificateOutlined className="gb-labor-cert-icon" /> {c.name}
                      {c.issuedOn && <span className="gb-muted"> · {c.issuedOn}</span>}
                    </div>
                  ))
                ) : (
                  <Typography.Text type="secondary">{t('labor.worker.noCertificates')}</Typography.Text>
                )}
              </div>
            </Card>
            <Card title={t('labor.worker.needs')}>
              <Descriptions
                column={{ xs: 1, md: 2 }}
                size="small"
                className="gb-labor-desc"
                items={[
                  { key: 'occ', label: t('labor.worker.wantedOccupations'), children: w.needs.occupations.map((o) => occupationName(o.code, o.name)).join('、') || '—' },
                  { key: 'reg', label: t('labor.worker.wantedRegions'), children: w.needs.regions.map((r) => r.name ?? r.code).join('、') || '—' },
                  {
                    key: 'wage',
                    label: t('labor.worker.minWage'),
                    children: w.needs.minMonthlyWage ? `${wageRange(w.needs.minMonthlyWage, w.needs.minMonthlyWage)} ${t('labor.yuanPerMonth')}` : '—',
                  },
                  { key: 'housing', label: t('labor.worker.needsHousing'), children: t(w.needs.needsHousing ? 'common.yes' : 'common.no') },
                  { key: 'from', label: t('labor.worker.availableFrom'), children: w.needs.availableFrom ?? '—' },
                  { key: 'note', label: t('labor.worker.needsNote'), children: w.needs.note ?? '—' },
                ]}
              />
            </Card>
            <Card
              title={t('labor.timeline.title')}
              extra={
                manage && (
                  <Button size="small" icon={<SwapOutlined />} onClick={() => setStatusOpen(true)}>
                    {t('labor.statusChange.open')}
                  </Button>
                )
              }
              data-testid="worker-timeline"
            >
              {!owner ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labor.timeline.ownerOnly')} />
              ) : history.isPending ? (
                <Skeleton active />
              ) : history.error ? (
                <QueryError error={history.error} onRetry={() => void history.refetch()} />
              ) : (
                <StatusTimeline history={history.data ?? []} />
              )}
            </Card>
            <Card title={t('labor.referral.ofWorker')} extra={<Link to={`/labor/referrals?workerId=${w.id}`}>{t('labor.referral.openBoard')}</Link>}>
              <ReferralTable query={{ workerId: w.id }} side="worker" canAct={manage} />
            </Card>
            <WorkerRecommendations worker={w} />
          </Space>
        </Col>
      </Row>
      {manage && <WorkerFormDrawer open={editOpen} worker={w} onClose={() => setEditOpen(false)} />}
      {manage && <StatusChangeModal worker={w} open={statusOpen} onClose={() => setStatusOpen(false)} latest={latest} />}
      {manage && <ReferModal open={referOpen} onClose={() => setReferOpen(false)} worker={w} />}
      {owner && <ShareModal kind="worker" ids={[w.id]} open={shareOpen} onClose={() => setShareOpen(false)} />}
    </div>
  );
}
