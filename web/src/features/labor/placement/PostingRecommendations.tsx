import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../../auth/session';
import type { Posting } from '../types';
import { usePostingRecommendations } from './api';
import { RecommendationCard } from './Recommendations';

/** 推荐人员: the best job-seeking workers for a posting (masked), with the explanation and a refer action. */
export function PostingRecommendations({ posting }: { posting: Posting }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const q = usePostingRecommendations(posting.id, 10);
  const rows = (q.data ?? []).map((r) => ({
    key: r.worker.id,
    score: r.score,
    explanation: r.explanation,
    workerId: r.worker.id,
    postingId: posting.id,
    referable: r.worker.access === 'owner',
    across: posting.access === 'partner' ? { worker: r.worker, posting } : undefined,
    title: <Link to={`/labor/workers/${r.worker.id}`}>{r.worker.nameMasked}</Link>,
    sub: `${t(`labor.gender.${r.worker.gender}`)} ${t('labor.worker.ageValue', { age: r.worker.age })} · ${t(`labor.status.${r.worker.status}`)} · ${r.worker.homeRegionName ?? r.worker.homeRegionCode}${r.worker.access === 'partner' ? ` · ${t('labor.access.partner')}` : ''}`,
  }));
  // The referral endpoint needs a worker the user manages and a posting that takes referrals.
  const canRefer = can(me, 'labor.manage') && posting.active;
  return (
    <RecommendationCard
      title={t('laborPlacement.rec.workersTitle')}
      hint={t('laborPlacement.rec.hint')}
      query={q}
      rows={rows}
      canRefer={canRefer}
      testId="posting-recommendations"
    />
  );
}
