import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQueries } from '@tanstack/react-query';
import { Alert, Badge, Button, Checkbox, Empty, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { CloseOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { storedText } from '../../api/errors';
import type { ImportKind } from '../admin/imports/api';
import { ImportWizard } from '../admin/imports/ImportWizard';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { formatDateTime } from '../admin/common/format';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { Forbidden, QueryError } from '../shell/StatusViews';
import { exportReferrals, laborKeys, referralsQuery, usePosting, useWorker } from './api';
import { ReferralBulkBar } from './ReferralBulkBar';
import { REFERRAL_STAGES } from './labels';
import { ReferralActions } from './ReferralActions';
import { stageDate } from './ReferralTable';
import type { Referral, ReferralStatus } from './types';
import './labor.css';

const FILTERS = ['workerId', 'postingId'] as const;
/** Cards per column; the column header shows the full count. */
const PER_COLUMN = 50;
/** The platform importer of a job fair's outcome sheet (server labor/placement/outcome-importer.ts). */
const OUTCOME_IMPORT = 'labor_referral_outcomes' as string as ImportKind;
/** Stages a bulk step can move on from. */
const MOVABLE = new Set<ReferralStatus>(['recommended', 'contacted', 'interviewed', 'hired']);

function ReferralCard({ r, canAct, selected, onSelect }: { r: Referral; canAct: boolean; selected: boolean; onSelect: (on: boolean) => void }) {
  const { t } = useTranslation();
  const at = stageDate(r);
  const note = storedText(r.noteRef, r.note);
  return (
    <div className={`gb-labor-card gb-labor-card--${r.status}${selected ? ' gb-labor-card--selected' : ''}`} data-testid="referral-card" data-referral-id={r.id}>
      <div className="gb-labor-card__head">
        {canAct && MOVABLE.has(r.status) ? (
          <Checkbox
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={t('labor.referral.bulk.select', { name: r.workerNameMasked })}
            data-testid="referral-select"
          >
            <Link to={`/labor/workers/${r.workerId}`} className="gb-labor-name" onClick={(e) => e.stopPropagation()}>
              {r.workerNameMasked}
            </Link>
          </Checkbox>
        ) : (
          <Link to={`/labor/workers/${r.workerId}`} className="gb-labor-name">
            {r.workerNameMasked}
          </Link>
        )}
        <Tooltip title={formatDateTime(at)}>
          <span className="gb-muted gb-nowrap">{r.status === 'started' ? r.startedOn : at ? dayjs(at).format('MM-DD HH:mm') : '—'}</span>
        </Tooltip>
      </div>
      <Link to={`/labor/postings/${r.postingId}`} className="gb-labor-card__posting">
        {r.postingTitle}
      </Link>
      <div className="gb-muted gb-labor-card__employer">{r.employerName}</div>
      {note && (
        <div className="gb-labor-card__note" data-testid="referral-note">
          {note}
        </div>
      )}
      {r.stepNote && (
        <div className="gb-labor-card__step-note" data-testid="referral-step-note">
          {t('labor.referral.stepNote', { note: r.stepNote })}
        </div>
      )}
      {r.status === 'declined' && (
        <div className="gb-labor-card__declined" data-testid="referral-decline-reason">
          <Tag color="red" variant="filled">
            {t('labor.referral.declinedAt', { stage: r.declinedStage ? t(`labor.referralStatus.${r.declinedStage}`) : '—' })}
          </Tag>
          {r.declinedReason}
        </div>
      )}
      {canAct && (
        <div className="gb-labor-card__actions">
          <ReferralActions referral={r} />
        </div>
      )}
    </div>
  );
}

/**
 * 推荐就业: every referral of the scope as a board by stage — recommended → contacted → interviewed → hired →
 * started, and the declined ones with their reason. Either side moves a card on; the server checks who may.
 */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { filters, setFilters } = useListParams(FILTERS);
  const allowed = can(me, 'labor.read');
  const canAct = can(me, 'labor.manage') || can(me, 'labor.post');
  const columns = useQueries({
    queries: REFERRAL_STAGES.map((status) => referralsQuery({ status, workerId: filters.workerId, postingId: filters.postingId, page: 1, pageSize: PER_COLUMN }, allowed)),
  });
  const worker = useWorker(filters.workerId);
  const posting = usePosting(filters.postingId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [importOpen, setImportOpen] = useState(false);
  if (!allowed) return <Forbidden />;
  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });

  const firstError = columns.find((c) => c.error && !c.data)?.error;
  const total = columns.reduce((s, c) => s + ((c.data as Page<Referral> | undefined)?.total ?? 0), 0);
  const loaded = columns.every((c) => c.data);

  return (
    <div data-testid="labor-referrals-page" className={selected.size > 0 ? 'gb-labor-referrals--selecting' : undefined}>
      <PageHeader
        title={t('labor.referral.title')}
        subtitle={t('labor.referral.subtitle')}
        extra={
          <Space wrap>
            {canAct && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="referrals-import">
                {t('labor.referral.outcome.import')}
              </Button>
            )}
            <ExportButton run={() => exportReferrals({ workerId: filters.workerId, postingId: filters.postingId })} testId="referrals-export" />
          </Space>
        }
      />
      {canAct && (
        <ImportWizard
          kind={OUTCOME_IMPORT}
          what={t('labor.referral.outcome.what')}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          invalidate={[laborKeys.all]}
          previewLabels={{
            name: t('labor.referral.outcome.name'),
            idNumber: t('labor.referral.outcome.idNumber'),
            posting: t('labor.referral.outcome.posting'),
            employer: t('labor.referral.outcome.employer'),
            stage: t('labor.referral.outcome.stage'),
            hiredOn: t('labor.referral.outcome.hiredOn'),
            startedOn: t('labor.referral.outcome.startedOn'),
          }}
          formatValue={(key, v) => (v === null || v === undefined || v === '' ? '—' : key === 'stage' ? t(`labor.referralStatus.${String(v)}`) : String(v))}
        />
      )}
      {canAct && selected.size > 0 && <ReferralBulkBar ids={[...selected]} onDone={() => setSelected(new Set())} onClear={() => setSelected(new Set())} />}
      {(filters.workerId || filters.postingId) && (
        <div className="gb-labor-board-filter">
          {filters.workerId && (
            <Tag closable onClose={() => setFilters({ workerId: null })} closeIcon={<CloseOutlined />}>
              {t('labor.referral.onlyWorker', { name: worker.data?.nameMasked ?? '…' })}
            </Tag>
          )}
          {filters.postingId && (
            <Tag closable onClose={() => setFilters({ postingId: null })} closeIcon={<CloseOutlined />}>
              {t('labor.referral.onlyPosting', { title: posting.data?.title ?? '…' })}
            </Tag>
          )}
          <Button size="small" type="link" onClick={() => setFilters({ workerId: null, postingId: null })}>
            {t('labor.referral.showAll')}
          </Button>
        </div>
      )}
      {firstError ? (
        <QueryError error={firstError} onRetry={() => columns.forEach((c) => void c.refetch())} />
      ) : (
        <>
          {loaded && total === 0 && <Alert type="info" showIcon title={t('labor.referral.emptyBoard')} style={{ marginBottom: 16 }} />}
          <div className="gb-labor-board" data-testid="referral-board">
            {REFERRAL_STAGES.map((status: ReferralStatus, i) => {
              const q = columns[i];
              const page = q.data as Page<Referral> | undefined;
              const ids = page?.items.map((r) => r.id) ?? [];
              const all = ids.length > 0 && ids.every((id) => selected.has(id));
              const some = ids.some((id) => selected.has(id));
              return (
                <section className={`gb-labor-column gb-labor-column--${status}`} key={status} data-testid={`referral-column-${status}`}>
                  <header className="gb-labor-column__head">
                    {canAct && MOVABLE.has(status) && ids.length > 0 ? (
                      <Checkbox
                        checked={all}
                        indeterminate={some && !all}
                        onChange={(e) => select(ids, e.target.checked)}
                        aria-label={t('labor.referral.bulk.selectColumn', { stage: t(`labor.referralStatus.${status}`) })}
                        data-testid={`referral-select-all-${status}`}
                      >
                        {t(`labor.referralStatus.${status}`)}
                      </Checkbox>
                    ) : (
                      <span>{t(`labor.referralStatus.${status}`)}</span>
                    )}
                    <Badge count={page?.total ?? 0} showZero color={status === 'declined' ? '#d23f3f' : status === 'started' ? '#1a8f5a' : '#1f4fd1'} />
                  </header>
                  <div className="gb-labor-column__body">
                    {q.isPending ? (
                      <Skeleton active paragraph={{ rows: 3 }} />
                    ) : page?.items.length ? (
                      <>
                        {page.items.map((r) => (
                          <ReferralCard key={r.id} r={r} canAct={canAct} selected={selected.has(r.id)} onSelect={(on) => select([r.id], on)} />
                        ))}
                        {page.total > page.items.length && (
                          <Typography.Text type="secondary">{t('labor.referral.more', { count: page.total - page.items.length })}</Typography.Text>
                        )}
                      </>
                    ) : (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labor.referral.columnEmpty')} />
                    )}
                  </div>
                </section>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}
