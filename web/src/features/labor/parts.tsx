import { Space, Tag, Tooltip } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { REFERRAL_COLORS, STATUS_COLORS } from './labels';
import type { Posting, ReferralStatus, Worker, WorkerStatus } from './types';

export function StatusTag({ status }: { status: WorkerStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="worker-status" data-status={status}>
      {t(`labor.status.${status}`)}
    </Tag>
  );
}

export function ReferralTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return <Tag color={REFERRAL_COLORS[status]}>{t(`labor.referralStatus.${status}`)}</Tag>;
}

/**
 * 建档立卡 and 防返贫监测 at a glance; a partner's view has no monitoring category, and no 建档立卡 status unless the
 * worker consented (null: not shown, said so).
 */
export function FlagTags({ worker }: { worker: Pick<Worker, 'registeredPoor' | 'monitoringCategory'> }) {
  const { t } = useTranslation();
  if (worker.registeredPoor === null && !worker.monitoringCategory)
    return (
      <Tooltip title={t('labor.worker.flagsHidden')}>
        <span className="gb-muted" data-testid="flags-hidden">
          <LockOutlined /> {t('labor.worker.hidden')}
        </span>
      </Tooltip>
    );
  if (!worker.registeredPoor && !worker.monitoringCategory) return <span className="gb-muted">—</span>;
  return (
    <span className="gb-labor-flags">
      {worker.registeredPoor && (
        <Tag color="red" variant="filled" data-testid="flag-registered-poor">
          {t('labor.worker.registeredPoor')}
        </Tag>
      )}
      {worker.monitoringCategory && (
        <Tooltip title={t(`labor.monitoring.${worker.monitoringCategory}`)}>
          <Tag color="volcano" variant="filled">
            {t('labor.worker.monitoredShort')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** "owner" records are the bureau's own; "partner" ones another region shared, shown with less detail. */
export function AccessTag({ access }: { access: 'owner' | 'partner' }) {
  const { t } = useTranslation();
  return access === 'partner' ? <Tag color="purple">{t('labor.access.partner')}</Tag> : null;
}

/** Open, closed, expired or full: what a person needs to know about a posting at a glance. */
export function PostingStateTag({ p }: { p: Posting }) {
  const { t } = useTranslation();
  if (p.active) return <Tag color="green">{t('labor.postingState.active')}</Tag>;
  if (p.status === 'closed') return <Tag>{t('labor.postingState.closed')}</Tag>;
  if (p.openHeadcount <= 0) return <Tag color="blue">{t('labor.postingState.full')}</Tag>;
  const today = dayjs().format('YYYY-MM-DD');
  return <Tag color="orange">{p.validFrom > today ? t('labor.postingState.notYet') : t('labor.postingState.expired')}</Tag>;
}

export function Benefits({ p }: { p: Posting }) {
  const { t } = useTranslation();
  const items = [
    p.housing && t('labor.posting.housing'),
    p.meals && t('labor.posting.meals'),
    p.transportSubsidy > 0 && t('labor.posting.subsidyValue', { amount: p.transportSubsidy }),
  ].filter(Boolean);
  return items.length ? (
    <Space size={[4, 4]} wrap>
      {items.map((s) => (
        <Tag key={String(s)} color="cyan" variant="filled">
          {s}
        </Tag>
      ))}
    </Space>
  ) : (
    <span className="gb-muted">—</span>
  );
}
