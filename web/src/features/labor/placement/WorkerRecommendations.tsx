import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../../auth/session';
import { wageRange } from '../labels';
import type { Worker } from '../types';
import { useWorkerRecommendations } from './api';
import { RecommendationCard } from './Recommendations';

/** 推荐岗位: the best active postings for a worker, with the engine's explanation and a refer action. */
export function WorkerRecommendations({ worker }: { worker: Worker }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const q = useWorkerRecommendations(worker.id, 10);
  const rows = (q.data ?? []).map((r) => ({
    key: r.posting.id,
    score: r.score,
    explanation: r.explanation,
    workerId: worker.id,
    postingId: r.posting.id,
    across: r.posting.access === 'partner' ? { worker, posting: r.posting } : undefined,
    title: <Link to={`/labor/postings/${r.posting.id}`}>{r.posting.title}</Link>,
    sub: `${r.posting.orgName} · ${r.posting.workRegionName ?? r.posting.workRegionCode} · ${wageRange(r.posting.wageMin, r.posting.wageMax)} ${t('labor.yuanPerMonth')} · ${t('labor.posting.openOf', { open: r.posting.openHeadcount, total: r.posting.headcount })}`,
  }));
  const canRefer = can(me, 'labor.manage') && worker.access === 'owner';
  return (
    <RecommendationCard
      title={t('laborPlacement.rec.postingsTitle')}
      hint={t('laborPlacement.rec.hint')}
      query={q}
      rows={rows}
      canRefer={canRefer}
      testId="worker-recommendations"
    />
  );
}
